"""Named scenarios of add_tuning_job, through the Python API, the marker and boto3."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pytest_hpt_fixtures import (
    FakeTuningJob,
    HptUsageError,
    TuningJobMock,
    mock_tuning_jobs,
    output_shape_problems,
)
from pytest_hpt_fixtures.scenarios import SCENARIOS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "scenarios.md"
SEEDS = range(8)
OPERATION = "ListTrainingJobsForHyperParameterTuningJob"


def statuses(job: FakeTuningJob) -> list[str]:
    return [summary["TrainingJobStatus"] for summary in job.summaries]


def list_all(client: Any, name: str, **params: Any) -> list[dict[str, Any]]:
    """List every training job through boto3's paginator, validating each page."""
    paginator = client.get_paginator("list_training_jobs_for_hyper_parameter_tuning_job")
    summaries = []
    for page in paginator.paginate(HyperParameterTuningJobName=name, **params):
        assert output_shape_problems(OPERATION, page) == []
        summaries.extend(page["TrainingJobSummaries"])
    return summaries


@pytest.mark.parametrize("seed", SEEDS)
def test_completed_scenario(seed: int) -> None:
    job = TuningJobMock(seed=seed).add_tuning_job(scenario="completed")
    counts = Counter(statuses(job))

    assert job.status == "Completed"
    assert len(job.summaries) == 20
    assert counts["Completed"] > 10
    assert set(counts) <= {"Completed", "Failed", "Stopped"}
    assert job.best_training_job is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_in_progress_scenario(seed: int) -> None:
    job = TuningJobMock(seed=seed).add_tuning_job(scenario="in_progress")
    last_wave = job.summaries[-job.max_parallel_training_jobs :]
    earlier = job.summaries[: -job.max_parallel_training_jobs]

    assert job.status == "InProgress"
    assert job.max_parallel_training_jobs == 4
    for summary in last_wave:
        assert summary["TrainingJobStatus"] == "InProgress"
        assert summary["ObjectiveStatus"] == "Pending"
        assert "TrainingEndTime" not in summary
        assert "FinalHyperParameterTuningJobObjectiveMetric" not in summary
    assert all("TrainingEndTime" in summary for summary in earlier)
    assert job.best_training_job is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_all_failed_scenario(seed: int) -> None:
    job = TuningJobMock(seed=seed).add_tuning_job(scenario="all_failed")

    assert job.status == "Failed"
    assert job.summaries
    assert set(statuses(job)) == {"Failed"}
    assert all("FailureReason" in summary for summary in job.summaries)
    assert job.best_training_job is None


@pytest.mark.parametrize("seed", SEEDS)
def test_early_stopped_scenario(seed: int) -> None:
    job = TuningJobMock(seed=seed).add_tuning_job(scenario="early_stopped")
    stopped = [s for s in job.summaries if s["TrainingJobStatus"] == "Stopped"]

    assert job.status == "Completed"
    assert job.training_job_early_stopping_type == "Auto"
    assert 7 <= len(stopped) <= 11
    assert all("FinalHyperParameterTuningJobObjectiveMetric" in s for s in stopped)
    assert all(s["ObjectiveStatus"] == "Succeeded" for s in stopped)
    first_wave = job.summaries[: job.max_parallel_training_jobs]
    assert all(s["TrainingJobStatus"] != "Stopped" for s in first_wave)
    assert Counter(statuses(job))["Completed"] > len(job.summaries) / 2


@pytest.mark.parametrize("seed", SEEDS)
def test_multi_definition_scenario(seed: int) -> None:
    job = TuningJobMock(seed=seed).add_tuning_job(scenario="multi_definition")
    names = [definition["DefinitionName"] for definition in job.training_job_definitions]
    used = Counter(summary["TrainingJobDefinitionName"] for summary in job.summaries)

    assert names == ["xgboost", "lightgbm", "catboost"]
    assert set(used) == set(names)
    for definition in job.training_job_definitions:
        declared = {
            item["Name"] for items in definition["HyperParameterRanges"].values() for item in items
        }
        for summary in job.summaries:
            if summary["TrainingJobDefinitionName"] == definition["DefinitionName"]:
                assert set(summary["TunedHyperParameters"]) == declared


@pytest.mark.parametrize("seed", SEEDS)
def test_warm_start_scenario(seed: int) -> None:
    mock = TuningJobMock(seed=seed)
    job = mock.add_tuning_job(scenario="warm_start")
    (parent,) = job.parent_tuning_jobs
    parent_summaries = [s for s in job.summaries if s["TuningJobName"] == parent.name]
    own = [s for s in job.summaries if s["TuningJobName"] == job.name]

    assert job.warm_start_config == {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": parent.name}],
        "WarmStartType": "IdenticalDataAndAlgorithm",
    }
    assert parent.status == "Completed"
    assert mock.get_tuning_job(parent.name) is parent
    assert len(own) == 10
    assert parent_summaries == parent.summaries
    assert len(parent_summaries) + len(own) == len(job.summaries)
    assert all(s["TrainingJobName"].startswith(parent.name + "-") for s in parent_summaries)
    assert max(s["TrainingEndTime"] for s in parent_summaries) < job.creation_time


def test_warm_start_best_is_overall_best() -> None:
    for seed in SEEDS:
        job = TuningJobMock(seed=seed).add_tuning_job(scenario="warm_start")
        completed = [s for s in job.summaries if s["TrainingJobStatus"] == "Completed"]
        best_value = max(
            s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] for s in completed
        )

        assert job.best_training_job is not None
        assert (
            job.best_training_job["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
            == best_value
        )


def test_warm_start_listed_through_boto3(hpt_mock: Any, hpt_sagemaker_client: Any) -> None:
    job = hpt_mock.add_tuning_job(scenario="warm_start")
    parent = job.parent_tuning_jobs[0]

    child_listing = list_all(hpt_sagemaker_client, job.name)
    parent_listing = list_all(hpt_sagemaker_client, parent.name)

    assert {s["TuningJobName"] for s in child_listing} == {job.name, parent.name}
    assert len(child_listing) == len(job.summaries)
    assert {s["TuningJobName"] for s in parent_listing} == {parent.name}
    assert len(parent_listing) == len(parent.summaries)


@pytest.mark.parametrize("region", ["us-west-2", "cn-northwest-1", "us-gov-east-1"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_scenario_listed_in_region(scenario: str, region: str) -> None:
    with mock_tuning_jobs(seed=11, region=region) as mock:
        job = mock.add_tuning_job(scenario=scenario)
        client = mock.client()
        listed = list_all(client, job.name, MaxResults=7)
        by_metric = list_all(client, job.name, SortBy="FinalObjectiveMetricValue")

    assert listed == sorted(job.summaries, key=lambda summary: summary["TrainingJobName"])
    assert all(s["TrainingJobArn"].split(":")[3] == region for s in listed)
    assert len(by_metric) == sum(
        "FinalHyperParameterTuningJobObjectiveMetric" in s for s in job.summaries
    )


def test_explicit_keywords_override_scenario() -> None:
    job = TuningJobMock(seed=1).add_tuning_job(
        scenario="in_progress", training_jobs=5, max_parallel_training_jobs=2
    )

    assert len(job.summaries) == 5
    assert job.max_parallel_training_jobs == 2
    assert statuses(job)[4] == "InProgress"
    assert "InProgress" not in statuses(job)[:4]


def test_explicit_status_overrides_scenario() -> None:
    job = TuningJobMock(seed=1).add_tuning_job(scenario="all_failed", status="Completed")
    counts = Counter(statuses(job))

    assert job.status == "Completed"
    assert counts["Completed"] > len(job.summaries) / 2


def test_explicit_definitions_override_scenario() -> None:
    job = TuningJobMock(seed=1).add_tuning_job(
        scenario="multi_definition", training_job_definitions=["xgboost", "knn"]
    )

    assert [d["DefinitionName"] for d in job.training_job_definitions] == ["xgboost", "knn"]


def test_explicit_name_overrides_warm_start_name() -> None:
    job = TuningJobMock(seed=1).add_tuning_job("my-warm-start", scenario="warm_start")

    assert job.name == "my-warm-start"
    assert {s["TuningJobName"] for s in job.summaries} == {
        "my-warm-start",
        job.parent_tuning_jobs[0].name,
    }


def test_unknown_scenario_lists_scenarios() -> None:
    with pytest.raises(HptUsageError) as raised:
        TuningJobMock(seed=1).add_tuning_job(scenario="finished")

    for name in SCENARIOS:
        assert name in str(raised.value)


def test_scenario_not_a_string_rejected() -> None:
    with pytest.raises(HptUsageError, match="scenario=3 is not a scenario"):
        TuningJobMock(seed=1).add_tuning_job(scenario=3)  # type: ignore[arg-type]


@pytest.mark.hpt_tuning_job(scenario="all_failed")
def test_marker_selects_scenario(hpt_tuning_job: Any, hpt_sagemaker_client: Any) -> None:
    listed = list_all(hpt_sagemaker_client, hpt_tuning_job.name)
    with_metric = list_all(
        hpt_sagemaker_client, hpt_tuning_job.name, SortBy="FinalObjectiveMetricValue"
    )

    assert {s["TrainingJobStatus"] for s in listed} == {"Failed"}
    assert with_metric == []


@pytest.mark.hpt_tuning_job(scenario="in_progress", training_jobs=6)
def test_marker_keyword_overrides_scenario(hpt_tuning_job: Any) -> None:
    assert len(hpt_tuning_job.summaries) == 6
    assert hpt_tuning_job.status == "InProgress"


@pytest.mark.hpt_tuning_job(scenario="completed")
class TestMarkerOnClass:
    @pytest.mark.hpt_tuning_job(scenario="early_stopped")
    def test_closest_marker_wins(self, hpt_tuning_job: Any) -> None:
        assert len(hpt_tuning_job.summaries) == 24

    def test_class_marker_applies(self, hpt_tuning_job: Any) -> None:
        assert len(hpt_tuning_job.summaries) == 20


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_documented(name: str) -> None:
    text = DOCS.read_text(encoding="utf-8")

    assert f'scenario="{name}"' in text
    assert f"`{name}`" in text
