"""Training job records keep their summary as JSON and decode the other fields."""

from __future__ import annotations

import json

import pytest

from pytest_hpt_fixtures import TuningJobMock
from pytest_hpt_fixtures.model import ObjectiveMetric, TrainingJobRecord


def make_record(**overrides: object) -> TrainingJobRecord:
    fields: dict[str, object] = {
        "name": "job-001-0123abcd",
        "arn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/job-001-0123abcd",
        "tuning_job_name": "job",
        "creation_time": 1_700_000_000.125,
        "start_time": 1_700_000_060.5,
        "end_time": 1_700_000_900.0,
        "status": "Completed",
        "hyperparameters": {"eta": "0.1", "max_depth": "6"},
        "definition_name": "xgboost",
        "failure_reason": None,
        "objective": ObjectiveMetric("validation:auc", 0.91, "Maximize"),
        "objective_status": "Succeeded",
    }
    fields.update(overrides)
    return TrainingJobRecord(**fields)  # type: ignore[arg-type]


def test_record_fields_read_back() -> None:
    record = make_record()

    assert record.name == "job-001-0123abcd"
    assert record.arn.endswith("training-job/job-001-0123abcd")
    assert record.tuning_job_name == "job"
    assert record.creation_time == 1_700_000_000.125
    assert record.start_time == 1_700_000_060.5
    assert record.end_time == 1_700_000_900.0
    assert record.status == "Completed"
    assert record.hyperparameters == {"eta": "0.1", "max_depth": "6"}
    assert record.definition_name == "xgboost"
    assert record.failure_reason is None
    assert record.objective == ObjectiveMetric("validation:auc", 0.91, "Maximize")
    assert record.objective_value == 0.91
    assert record.objective_status == "Succeeded"


def test_record_without_optional_fields() -> None:
    record = make_record(
        start_time=None,
        end_time=None,
        definition_name=None,
        objective=None,
        objective_status=None,
        status="InProgress",
    )

    assert record.start_time is None
    assert record.end_time is None
    assert record.definition_name is None
    assert record.objective is None
    assert record.objective_value is None
    assert record.latest_time == record.creation_time
    assert set(record.wire_summary()) == {
        "TrainingJobName",
        "TrainingJobArn",
        "TuningJobName",
        "CreationTime",
        "TrainingJobStatus",
        "TunedHyperParameters",
    }


def test_record_json_is_its_wire_summary() -> None:
    record = make_record()

    assert json.loads(record.wire_json()) == record.wire_summary()
    assert list(record.wire_summary())[:2] == ["TrainingJobDefinitionName", "TrainingJobName"]


def test_record_is_read_only() -> None:
    record = make_record()

    with pytest.raises(AttributeError, match="read-only"):
        record.status = "Failed"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del record.name  # type: ignore[misc]
    assert record.status == "Completed"


def test_summary_dicts_are_fresh() -> None:
    record = make_record()

    record.summary()["TunedHyperParameters"]["eta"] = "changed"
    record.hyperparameters["eta"] = "changed"

    assert record.hyperparameters["eta"] == "0.1"


def test_generated_records_agree_with_their_json() -> None:
    job = TuningJobMock(seed=2).add_tuning_job(training_jobs=40, status="Stopped")

    for record in job.records:
        summary = record.wire_summary()
        assert summary["TrainingJobName"] == record.name
        assert summary["CreationTime"] == record.creation_time
        assert summary.get("TrainingEndTime") == record.end_time
        assert summary["TrainingJobStatus"] == record.status
        assert summary.get("ObjectiveStatus") == record.objective_status
        metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
        if metric is None:
            assert record.objective_value is None
        else:
            assert metric["Value"] == record.objective_value
