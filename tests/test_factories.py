"""The builders behind add_tuning_job: realistic, coherent and deterministic tuning jobs."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timezone
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_hpt_fixtures import (
    FakeTuningJob,
    HptUsageError,
    TuningJobMock,
    factories,
    mock_tuning_jobs,
    shape_problems,
)
from pytest_hpt_fixtures.factories import record_from_summary
from pytest_hpt_fixtures.providers import ALGORITHM_PARAMETER_RANGES, METRICS, RANGE_KINDS
from pytest_hpt_fixtures.scenarios import SCENARIOS

SUMMARY_SHAPE = "HyperParameterTrainingJobSummary"

# The partition of each region, written out here as the oracle for ARNs.
PARTITIONS = {
    "us-east-1": "aws",
    "us-west-2": "aws",
    "eu-central-1": "aws",
    "ap-northeast-1": "aws",
    "sa-east-1": "aws",
    "cn-north-1": "aws-cn",
    "cn-northwest-1": "aws-cn",
    "us-gov-west-1": "aws-us-gov",
    "us-gov-east-1": "aws-us-gov",
    "us-iso-east-1": "aws-iso",
}

TUNING_JOB_STATUSES = [
    "Completed",
    "InProgress",
    "Failed",
    "Stopped",
    "Stopping",
    "Deleting",
    "DeleteFailed",
]
FINISHED = {"Completed", "Failed", "Stopped"}
RUNNING_LAST_WAVE = {"InProgress": "InProgress", "Stopping": "Stopping", "Stopped": "Stopped"}


# --- invariants --------------------------------------------------------------------


def own_summaries(job: FakeTuningJob) -> list[dict[str, Any]]:
    """The summaries of the training jobs that `job` itself launched."""
    return [summary for summary in job.summaries if summary["TuningJobName"] == job.name]


def declared_ranges(job: FakeTuningJob, summary: Mapping[str, Any]) -> dict[str, Any]:
    if "TrainingJobDefinitionName" not in summary:
        return job.parameter_ranges
    for definition in job.training_job_definitions:
        if definition["DefinitionName"] == summary["TrainingJobDefinitionName"]:
            return dict(definition["HyperParameterRanges"])
    raise AssertionError(f"unknown definition {summary['TrainingJobDefinitionName']}")


def check_hyperparameters(job: FakeTuningJob, summary: Mapping[str, Any]) -> None:
    ranges = declared_ranges(job, summary)
    values = summary["TunedHyperParameters"]
    declared = {
        item["Name"]: (kind, item)
        for key, kind in RANGE_KINDS.items()
        for item in ranges.get(key, [])
    }

    assert set(values) == set(declared)
    for name, value in values.items():
        kind, item = declared[name]
        assert isinstance(value, str)
        if kind == "Categorical":
            assert value in item["Values"]
            continue
        if kind == "Integer":
            assert re.fullmatch(r"-?[0-9]+", value), value
        assert float(item["MinValue"]) <= float(value) <= float(item["MaxValue"]), (name, value)


def check_summary(job: FakeTuningJob, summary: Mapping[str, Any]) -> None:
    """Assert every rule that one training job summary follows."""
    assert shape_problems(SUMMARY_SHAPE, dict(summary)) == []

    name = summary["TrainingJobName"]
    tuning_job_name = summary["TuningJobName"]
    assert re.fullmatch(
        rf"{re.escape(tuning_job_name)}-(\d{{3}}|[1-9]\d{{3,}})-[0-9a-f]{{8}}", name
    )
    partition = PARTITIONS[job.region]
    assert summary["TrainingJobArn"] == (
        f"arn:{partition}:sagemaker:{job.region}:{job.account_id}:training-job/{name.lower()}"
    )

    creation = summary["CreationTime"]
    start = summary.get("TrainingStartTime")
    end = summary.get("TrainingEndTime")
    assert creation.tzinfo is not None
    if start is not None:
        assert creation <= start
    if end is not None:
        assert start is not None
        assert start <= end

    status = summary["TrainingJobStatus"]
    metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
    if status == "Completed":
        assert metric is not None
        assert summary["ObjectiveStatus"] == "Succeeded"
        assert end is not None
        assert "FailureReason" not in summary
    elif status == "InProgress":
        assert end is None
        assert metric is None
        assert summary["ObjectiveStatus"] == "Pending"
    elif status == "Stopping":
        assert end is None
        assert metric is None
    elif status == "Failed":
        assert summary["FailureReason"].partition(": ")[0] in {
            "AlgorithmError",
            "ClientError",
            "CapacityError",
            "InternalServerError",
            "ResourceLimitExceeded",
        }
        assert metric is None
        assert summary["ObjectiveStatus"] == "Failed"
        assert end is not None
    elif status == "Stopped":
        assert end is not None
        if metric is not None:
            assert summary["ObjectiveStatus"] == "Succeeded"
    else:
        raise AssertionError(f"unexpected status {status}")

    if metric is not None:
        assert metric["MetricName"] in METRICS or metric["MetricName"] == job.objective_metric
        if metric["MetricName"] in METRICS:
            _, low, high = METRICS[metric["MetricName"]]
            assert low <= metric["Value"] <= high
    check_hyperparameters(job, summary)


def check_tuning_job(job: FakeTuningJob) -> None:
    """Assert every rule that a generated tuning job follows."""
    summaries = own_summaries(job)
    for summary in job.summaries:
        check_summary(job, summary)

    # Numbered from 1 in creation order, and created after the tuning job.
    indexes = [int(summary["TrainingJobName"].rsplit("-", 2)[1]) for summary in summaries]
    assert indexes == list(range(1, len(summaries) + 1))
    creations = [summary["CreationTime"] for summary in summaries]
    assert creations == sorted(creations)
    assert all(creation > job.creation_time for creation in creations)
    assert len({summary["TrainingJobName"].lower() for summary in job.summaries}) == len(
        job.summaries
    )

    # Waves of max_parallel_training_jobs: a wave starts after the previous
    # one has ended.
    parallel = job.max_parallel_training_jobs
    waves = [summaries[start : start + parallel] for start in range(0, len(summaries), parallel)]
    for earlier, later in pairwise(waves):
        assert all("TrainingEndTime" in summary for summary in earlier)
        latest_end = max(summary["TrainingEndTime"] for summary in earlier)
        assert all(summary["CreationTime"] > latest_end for summary in later)

    # Definition names appear exactly when the tuning job declares definitions.
    names = {
        definition["DefinitionName"]
        for definition in job.training_job_definitions
        if "DefinitionName" in definition
    }
    assert bool(names) == job.has_named_definitions
    for summary in job.summaries:
        if names:
            assert summary["TrainingJobDefinitionName"] in names
        else:
            assert "TrainingJobDefinitionName" not in summary

    check_status_mix(job, summaries, waves)
    assert job.best_training_job == expected_best(job)


def check_status_mix(
    job: FakeTuningJob, summaries: list[dict[str, Any]], waves: list[list[dict[str, Any]]]
) -> None:
    statuses = [summary["TrainingJobStatus"] for summary in summaries]
    last_wave_status = RUNNING_LAST_WAVE.get(job.status)
    finished = statuses
    if last_wave_status is not None and waves:
        last_wave = waves[-1]
        assert [summary["TrainingJobStatus"] for summary in last_wave] == [last_wave_status] * len(
            last_wave
        )
        if job.status == "Stopped":
            assert all(
                "FinalHyperParameterTuningJobObjectiveMetric" not in summary
                for summary in last_wave
            )
        finished = statuses[: len(statuses) - len(last_wave)]
    assert set(finished) <= FINISHED

    counts = Counter(finished)
    if finished and job.status == "Failed":
        assert counts["Failed"] > len(finished) / 2
    elif finished:
        assert counts["Completed"] > len(finished) / 2

    # Early stopping needs finished jobs to compare with: never in wave one.
    if waves and job.status != "Stopped":
        assert all(summary["TrainingJobStatus"] != "Stopped" for summary in waves[0])


def expected_best(job: FakeTuningJob) -> dict[str, Any] | None:
    candidates = [
        summary
        for summary in job.summaries
        if summary["TrainingJobStatus"] == "Completed"
        and summary.get("ObjectiveStatus") == "Succeeded"
        and "FinalHyperParameterTuningJobObjectiveMetric" in summary
    ]
    if not candidates:
        return None
    sign = 1 if job.objective_type == "Maximize" else -1
    return max(
        candidates,
        key=lambda summary: (
            sign * summary["FinalHyperParameterTuningJobObjectiveMetric"]["Value"],
            -summary["CreationTime"].timestamp(),
        ),
    )


# --- properties over many seeds, regions, statuses and scenarios ----------------------


@given(
    seed=st.integers(0, 2**32 - 1),
    region=st.sampled_from(sorted(PARTITIONS)),
    status=st.sampled_from(TUNING_JOB_STATUSES),
    strategy=st.sampled_from(["Bayesian", "Random", "Hyperband", "Grid"]),
    training_jobs=st.integers(0, 30),
    parallel=st.one_of(st.none(), st.integers(1, 8)),
    definitions=st.one_of(st.none(), st.integers(1, 4)),
    metric=st.sampled_from(sorted(METRICS)),
)
@settings(max_examples=60, deadline=None)
def test_generated_tuning_job_follows_rules(
    seed: int,
    region: str,
    status: str,
    strategy: str,
    training_jobs: int,
    parallel: int | None,
    definitions: int | None,
    metric: str,
) -> None:
    mock = TuningJobMock(seed=seed, region=region, account_id="210987654321")
    job = mock.add_tuning_job(
        training_jobs=training_jobs,
        status=status,
        strategy=strategy,
        max_parallel_training_jobs=parallel,
        training_job_definitions=definitions,
        objective_metric=metric,
    )

    assert len(own_summaries(job)) == training_jobs
    check_tuning_job(job)


@given(
    seed=st.integers(0, 2**32 - 1),
    region=st.sampled_from(sorted(PARTITIONS)),
    scenario=st.sampled_from(sorted(SCENARIOS)),
)
@settings(max_examples=40, deadline=None)
def test_scenario_tuning_job_follows_rules(seed: int, region: str, scenario: str) -> None:
    mock = TuningJobMock(seed=seed, region=region)
    job = mock.add_tuning_job(scenario=scenario)

    check_tuning_job(job)
    for parent in job.parent_tuning_jobs:
        check_tuning_job(parent)


RANGE_STRATEGY = st.fixed_dictionaries(
    {
        "IntegerParameterRanges": st.just(
            [
                {"Name": "layers", "MinValue": "1", "MaxValue": "8", "ScalingType": "Linear"},
                {
                    "Name": "units",
                    "MinValue": "16",
                    "MaxValue": "512",
                    "ScalingType": "Logarithmic",
                },
            ]
        ),
        "ContinuousParameterRanges": st.tuples(
            st.floats(1e-5, 1e-2), st.floats(2, 1000), st.floats(0.5, 0.9)
        ).map(
            lambda t: [
                {
                    "Name": "lr",
                    "MinValue": repr(t[0]),
                    "MaxValue": repr(t[0] * t[1]),
                    "ScalingType": "Logarithmic",
                },
                {
                    "Name": "beta",
                    "MinValue": repr(t[2]),
                    "MaxValue": "0.999",
                    "ScalingType": "ReverseLogarithmic",
                },
                {"Name": "dropout", "MinValue": "0", "MaxValue": "0.5", "ScalingType": "Auto"},
            ]
        ),
        "CategoricalParameterRanges": st.lists(
            st.sampled_from(["adam", "sgd", "rmsprop", "adagrad"]), min_size=1, unique=True
        ).map(lambda values: [{"Name": "optimizer", "Values": values}]),
    }
)


@given(seed=st.integers(0, 2**32 - 1), ranges=RANGE_STRATEGY)
@settings(max_examples=40, deadline=None)
def test_tuned_hyperparameters_drawn_from_given_ranges(seed: int, ranges: dict[str, Any]) -> None:
    job = TuningJobMock(seed=seed).add_tuning_job(training_jobs=12, parameter_ranges=ranges)

    check_tuning_job(job)


# --- targeted cases ---------------------------------------------------------------------


def test_default_ranges_used_without_parameter_ranges() -> None:
    job = TuningJobMock(seed=1).add_tuning_job(training_jobs=3)
    declared = {
        item["Name"] for items in ALGORITHM_PARAMETER_RANGES["xgboost"].values() for item in items
    }

    for summary in job.summaries:
        assert set(summary["TunedHyperParameters"]) == declared


def test_default_job_has_a_status_mix() -> None:
    counts: Counter[str] = Counter()
    for seed in range(10):
        job = TuningJobMock(seed=seed).add_tuning_job()
        counts.update(summary["TrainingJobStatus"] for summary in job.summaries)

    assert counts["Failed"] > 0
    assert counts["Stopped"] > 0
    assert counts["Completed"] > counts["Failed"] + counts["Stopped"]


def test_training_job_index_past_999_has_more_digits() -> None:
    job = TuningJobMock(seed=3).add_tuning_job(training_jobs=1001, max_parallel_training_jobs=100)

    assert re.fullmatch(r".+-999-[0-9a-f]{8}", job.summaries[998]["TrainingJobName"])
    assert re.fullmatch(r".+-1000-[0-9a-f]{8}", job.summaries[999]["TrainingJobName"])
    assert re.fullmatch(r".+-1001-[0-9a-f]{8}", job.summaries[1000]["TrainingJobName"])


def test_in_progress_last_wave_running() -> None:
    job = TuningJobMock(seed=4).add_tuning_job(
        training_jobs=10, status="InProgress", max_parallel_training_jobs=4
    )
    statuses = [summary["TrainingJobStatus"] for summary in job.summaries]

    assert statuses[8:] == ["InProgress", "InProgress"]
    assert set(statuses[:8]) <= FINISHED
    check_tuning_job(job)


@pytest.mark.parametrize("training_jobs", [1, 2, 3, 4, 5, 6, 9])
def test_failed_tuning_job_failures_dominate(training_jobs: int) -> None:
    for seed in range(10):
        job = TuningJobMock(seed=seed).add_tuning_job(training_jobs=training_jobs, status="Failed")
        counts = Counter(summary["TrainingJobStatus"] for summary in job.summaries)
        assert counts["Failed"] > training_jobs / 2


@pytest.mark.parametrize("training_jobs", [1, 2, 3, 4, 5, 6, 9])
def test_completed_tuning_job_completed_dominate(training_jobs: int) -> None:
    for seed in range(10):
        job = TuningJobMock(seed=seed).add_tuning_job(
            training_jobs=training_jobs, max_parallel_training_jobs=1
        )
        counts = Counter(summary["TrainingJobStatus"] for summary in job.summaries)
        assert counts["Completed"] > training_jobs / 2


def test_stopped_tuning_job_last_wave_without_metric() -> None:
    job = TuningJobMock(seed=4).add_tuning_job(
        training_jobs=10, status="Stopped", max_parallel_training_jobs=4
    )

    for summary in job.summaries[8:]:
        assert summary["TrainingJobStatus"] == "Stopped"
        assert "FinalHyperParameterTuningJobObjectiveMetric" not in summary
        # Stopped with the tuning job before it reported its final metric.
        assert summary["ObjectiveStatus"] == "Failed"
        assert "TrainingEndTime" in summary


def test_hyperband_stops_jobs_with_early_stopping_off() -> None:
    job = TuningJobMock(seed=2).add_tuning_job(
        training_jobs=30, strategy="Hyperband", max_parallel_training_jobs=3
    )
    counts = Counter(summary["TrainingJobStatus"] for summary in job.summaries)

    assert job.training_job_early_stopping_type == "Off"
    assert counts["Stopped"] >= 3


def test_grid_search_has_no_early_stopping() -> None:
    for seed in range(5):
        job = TuningJobMock(seed=seed).add_tuning_job(training_jobs=20, strategy="Grid")
        assert job.training_job_early_stopping_type == "Off"
        assert all(summary["TrainingJobStatus"] != "Stopped" for summary in job.summaries)


def test_multi_definition_uses_each_algorithms_ranges() -> None:
    job = TuningJobMock(seed=5).add_tuning_job(training_jobs=9, training_job_definitions=3)
    names = [definition["DefinitionName"] for definition in job.training_job_definitions]

    assert names == ["xgboost", "lightgbm", "catboost"]
    for summary in job.summaries:
        ranges = ALGORITHM_PARAMETER_RANGES[summary["TrainingJobDefinitionName"]]
        declared = {item["Name"] for items in ranges.values() for item in items}
        assert set(summary["TunedHyperParameters"]) == declared


def test_definitions_share_given_parameter_ranges() -> None:
    ranges = {"IntegerParameterRanges": [{"Name": "k", "MinValue": "1", "MaxValue": "5"}]}
    job = TuningJobMock(seed=5).add_tuning_job(
        training_jobs=4,
        training_job_definitions=["xgboost", "custom-algo"],
        parameter_ranges=ranges,
    )

    for summary in job.summaries:
        assert set(summary["TunedHyperParameters"]) == {"k"}


def test_definition_own_objective_used() -> None:
    job = TuningJobMock(seed=5).add_tuning_job(
        training_jobs=4,
        training_job_definitions=[
            "xgboost",
            {
                "DefinitionName": "regressor",
                "TuningObjective": {"Type": "Minimize", "MetricName": "validation:rmse"},
            },
        ],
    )
    metrics = {
        summary["TrainingJobDefinitionName"]: summary["FinalHyperParameterTuningJobObjectiveMetric"]
        for summary in job.summaries
        if "FinalHyperParameterTuningJobObjectiveMetric" in summary
    }

    assert metrics["regressor"]["MetricName"] == "validation:rmse"
    assert metrics["regressor"]["Type"] == "Minimize"
    assert metrics["xgboost"]["MetricName"] == "validation:auc"


def spread(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return (sum((value - mean) ** 2 for value in values) / len(values)) ** 0.5


def test_objective_constant_when_hyperparameters_constant() -> None:
    fixed = {"CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree"]}]}
    varied = {
        "ContinuousParameterRanges": [
            {"Name": "x", "MinValue": "0", "MaxValue": "1", "ScalingType": "Linear"}
        ]
    }
    for seed in range(5):
        mock = TuningJobMock(seed=seed)
        same = mock.add_tuning_job(training_jobs=30, parameter_ranges=fixed, strategy="Random")
        other = mock.add_tuning_job(training_jobs=30, parameter_ranges=varied, strategy="Random")
        same_values = [
            s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
            for s in same.summaries
            if s["TrainingJobStatus"] == "Completed"
        ]
        other_values = [
            s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
            for s in other.summaries
            if s["TrainingJobStatus"] == "Completed"
        ]

        assert spread(same_values) < spread(other_values) / 2


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=25, deadline=None)
def test_objective_smooth_in_hyperparameters(seed: int) -> None:
    ranges = {
        "ContinuousParameterRanges": [
            {"Name": "x", "MinValue": "0", "MaxValue": "1", "ScalingType": "Linear"}
        ]
    }
    job = TuningJobMock(seed=seed).add_tuning_job(
        training_jobs=40, parameter_ranges=ranges, strategy="Random", status="Completed"
    )
    points = sorted(
        (
            float(s["TunedHyperParameters"]["x"]),
            s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"],
        )
        for s in job.summaries
        if s["TrainingJobStatus"] == "Completed"
    )
    values = [value for _, value in points]
    neighbours = sum(abs(a - b) for a, b in pairwise(values)) / (len(values) - 1)
    shuffled = list(values)
    random.Random(seed).shuffle(shuffled)
    strangers = sum(abs(a - b) for a, b in pairwise(shuffled)) / (len(values) - 1)

    # Jobs with close hyperparameters get close objective values.
    assert neighbours < 0.7 * strangers


def test_best_training_job_is_computed() -> None:
    job = TuningJobMock(seed=8).add_tuning_job(training_jobs=6)
    best = job.best_training_job
    assert best is not None
    better = dict(best)
    better["TrainingJobName"] = best["TrainingJobName"][:-8] + "ffffffff"
    better["TrainingJobArn"] = best["TrainingJobArn"][:-8] + "ffffffff"
    better["FinalHyperParameterTuningJobObjectiveMetric"] = {
        **best["FinalHyperParameterTuningJobObjectiveMetric"],
        "Value": 0.9999,
    }
    job.add_records([record_from_summary(better, "better")])

    assert job.best_training_job == better


def test_best_training_job_minimize() -> None:
    job = TuningJobMock(seed=8).add_tuning_job(training_jobs=10, objective_metric="validation:rmse")
    values = [
        s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
        for s in job.summaries
        if s["TrainingJobStatus"] == "Completed"
    ]

    assert job.objective_type == "Minimize"
    assert job.best_training_job is not None
    assert job.best_training_job["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] == min(
        values
    )


# --- determinism and cost -------------------------------------------------------------


def test_same_seed_same_tuning_job() -> None:
    first = TuningJobMock(seed=99).add_tuning_job(scenario="warm_start")
    second = TuningJobMock(seed=99).add_tuning_job(scenario="warm_start")

    assert first.name == second.name
    assert first.summaries == second.summaries


def test_different_seed_different_tuning_job() -> None:
    first = TuningJobMock(seed=99).add_tuning_job()
    second = TuningJobMock(seed=100).add_tuning_job()

    assert first.summaries != second.summaries


def test_second_tuning_job_differs_from_first() -> None:
    mock = TuningJobMock(seed=99)

    assert mock.add_tuning_job().summaries != mock.add_tuning_job().summaries


def test_reset_restarts_the_sequence() -> None:
    mock = TuningJobMock(seed=99)
    first = mock.add_tuning_job().summaries
    mock.reset()

    assert mock.add_tuning_job().summaries == first


def test_mock_tuning_jobs_seed_repeats_data() -> None:
    with mock_tuning_jobs(seed=5) as mock:
        first = mock.add_tuning_job(scenario="in_progress").summaries
    with mock_tuning_jobs(seed=5) as mock:
        second = mock.add_tuning_job(scenario="in_progress").summaries

    assert first == second


def test_generation_ignores_global_random_state() -> None:
    random.seed(1)
    first = TuningJobMock(seed=7).add_tuning_job().summaries
    random.seed(2)
    second = TuningJobMock(seed=7).add_tuning_job().summaries

    assert first == second


def test_generation_leaves_global_random_state_alone() -> None:
    before = random.getstate()
    TuningJobMock(seed=7).add_tuning_job()

    assert random.getstate() == before


def test_no_new_faker_instance_per_tuning_job(monkeypatch: pytest.MonkeyPatch) -> None:
    import faker

    shared = factories.shared_faker()

    def fail_on_new_instance(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a new Faker instance was created")

    monkeypatch.setattr(faker, "Faker", fail_on_new_instance)
    mock = TuningJobMock(seed=1)
    for _ in range(3):
        mock.add_tuning_job(scenario="warm_start")

    assert factories.shared_faker() is shared


def test_fixture_faker_reused() -> None:
    assert factories.fixture_faker(1) is factories.fixture_faker(2)


# --- explicit summaries and overrides ---------------------------------------------------


def test_override_sets_fields() -> None:
    job = TuningJobMock(seed=1).add_tuning_job(
        training_jobs=[{}, {"TrainingJobStatus": "Failed"}, {"FailureReason": None}]
    )

    assert job.summaries[1]["TrainingJobStatus"] == "Failed"
    assert "FailureReason" in job.summaries[1]
    assert job.summaries[1]["ObjectiveStatus"] == "Failed"
    assert "FailureReason" not in job.summaries[2]


def test_override_status_generates_coherent_summary() -> None:
    job = TuningJobMock(seed=1).add_tuning_job(
        training_jobs=[{"TrainingJobStatus": "InProgress"}, {"TrainingJobStatus": "Completed"}],
        status="Failed",
    )

    assert "TrainingEndTime" not in job.summaries[0]
    assert job.summaries[0]["ObjectiveStatus"] == "Pending"
    assert "FinalHyperParameterTuningJobObjectiveMetric" in job.summaries[1]


def test_override_name_renames_arn() -> None:
    job = TuningJobMock(seed=1, region="cn-north-1").add_tuning_job(
        training_jobs=[{"TrainingJobName": "My-Custom-Job"}]
    )

    assert job.summaries[0]["TrainingJobArn"] == (
        "arn:aws-cn:sagemaker:cn-north-1:123456789012:training-job/my-custom-job"
    )


def test_full_summary_used_as_given() -> None:
    summary = {
        "TrainingJobName": "manual-001-0a1b2c3d",
        "TrainingJobArn": (
            "arn:aws:sagemaker:us-east-1:123456789012:training-job/manual-001-0a1b2c3d"
        ),
        "TuningJobName": "manual",
        "CreationTime": datetime(2024, 2, 1, 10, 0, tzinfo=timezone.utc),
        "TrainingStartTime": datetime(2024, 2, 1, 10, 2, tzinfo=timezone.utc),
        "TrainingEndTime": datetime(2024, 2, 1, 10, 30, tzinfo=timezone.utc),
        "TrainingJobStatus": "Completed",
        "TunedHyperParameters": {
            "max_depth": "4",
            "num_round": "100",
            "eta": "0.1",
            "subsample": "0.9",
            "alpha": "1",
            "booster": "gbtree",
        },
        "FinalHyperParameterTuningJobObjectiveMetric": {
            "Type": "Maximize",
            "MetricName": "validation:auc",
            "Value": 0.9,
        },
        "ObjectiveStatus": "Succeeded",
    }
    job = TuningJobMock(seed=1).add_tuning_job(training_jobs=[summary])

    assert job.summaries == [summary]


def test_override_invalid_value_names_field() -> None:
    with pytest.raises(HptUsageError) as raised:
        TuningJobMock(seed=1).add_tuning_job(training_jobs=[{}, {"TrainingJobStatus": "Done"}])

    assert "training_jobs[1].TrainingJobStatus" in str(raised.value)
    assert "'Done'" in str(raised.value)


def test_override_unknown_field_named() -> None:
    with pytest.raises(HptUsageError) as raised:
        TuningJobMock(seed=1).add_tuning_job(training_jobs=[{"TrainingJobStatu": "Failed"}])

    message = str(raised.value)
    assert "TrainingJobStatu" in message
    assert "Did you mean 'TrainingJobStatus'?" in message
    assert "TunedHyperParameters" in message


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (10**400, "an integer of 401 digits is too large for a double"),
        (float("inf"), "inf cannot be sent in JSON"),
        (float("nan"), "nan cannot be sent in JSON"),
    ],
)
def test_override_objective_beyond_double_named(value: float, problem: str) -> None:
    metric = {"MetricName": "validation:rmse", "Value": value}
    overrides = [{"FinalHyperParameterTuningJobObjectiveMetric": metric}]

    with pytest.raises(HptUsageError) as raised:
        TuningJobMock(seed=1).add_tuning_job(training_jobs=overrides)

    message = str(raised.value)
    assert "training_jobs[0].FinalHyperParameterTuningJobObjectiveMetric.Value" in message
    assert problem in message


def test_override_naive_datetime_named() -> None:
    with pytest.raises(HptUsageError, match=r"training_jobs\[0\]\.CreationTime.*time zone"):
        TuningJobMock(seed=1).add_tuning_job(training_jobs=[{"CreationTime": datetime(2024, 1, 1)}])


def test_override_hyperparameter_not_string_named() -> None:
    with pytest.raises(HptUsageError, match=r"TunedHyperParameters\['eta'\].*string"):
        TuningJobMock(seed=1).add_tuning_job(training_jobs=[{"TunedHyperParameters": {"eta": 0.1}}])


def test_override_required_field_removed_named() -> None:
    with pytest.raises(HptUsageError, match=r"training_jobs\[0\]\.TunedHyperParameters: required"):
        TuningJobMock(seed=1).add_tuning_job(training_jobs=[{"TunedHyperParameters": None}])


def test_override_duplicate_names_rejected() -> None:
    with pytest.raises(HptUsageError, match="used twice"):
        TuningJobMock(seed=1).add_tuning_job(
            training_jobs=[{"TrainingJobName": "same"}, {"TrainingJobName": "SAME"}]
        )


# --- argument errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        ({"status": "completed"}, r"status='completed' is invalid\. Did you mean 'Completed'\?"),
        ({"status": "Done"}, r"Use one of Completed, InProgress, Failed"),
        ({"strategy": "Bayes"}, r"strategy='Bayes'.*Bayesian, Random, Hyperband, Grid"),
        ({"objective_type": "Max"}, r"objective_type='Max'.*Maximize, Minimize"),
        ({"training_jobs": -1}, r"training_jobs=-1 is invalid: pass a count of 0 or more"),
        ({"training_jobs": "5"}, r"training_jobs='5' is invalid"),
        ({"training_jobs": [3]}, r"training_jobs\[0\] is a int: pass a dict"),
        ({"max_parallel_training_jobs": 0}, r"max_parallel_training_jobs=0.*1 or more"),
        ({"training_job_definitions": 11}, r"training_job_definitions=11.*1 to 10"),
        ({"training_job_definitions": ["a", "A"]}, r"DefinitionName 'A' is used twice"),
        ({"training_job_definitions": ["bad_name"]}, r"DefinitionName'\]='bad_name'"),
        (
            {"training_job_definitions": [{"DefinitionName": "a", "Ranges": {}}]},
            r"unknown keys \['Ranges'\]",
        ),
        ({"name": "bad name"}, r"name='bad name' is not a valid HyperParameterTuningJobName"),
        ({"region": "mars-1"}, r"region='mars-1' is invalid"),
        ({"account_id": "123"}, r"account_id='123' is invalid"),
        ({"objective_metric": ""}, r"objective_metric='' is invalid"),
        ({"scenario": "finished"}, r"scenario='finished' is not a scenario"),
        ({"scenario": "in-progress"}, r"Did you mean 'in_progress'\?"),
    ],
)
def test_bad_value_lists_allowed_values(keywords: dict[str, Any], expected: str) -> None:
    with pytest.raises(HptUsageError, match=expected):
        TuningJobMock(seed=1).add_tuning_job(**keywords)


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [
        ({"IntegerRanges": []}, r"unknown keys \['IntegerRanges'\]"),
        ({}, r"declares no hyperparameter"),
        (
            {
                "ContinuousParameterRanges": [
                    {"Name": "eta", "MinValue": "0", "MaxValue": "1", "ScalingType": "Logarithmic"}
                ]
            },
            r"Logarithmic scaling needs MinValue above 0",
        ),
        (
            {
                "ContinuousParameterRanges": [
                    {
                        "Name": "m",
                        "MinValue": "0.5",
                        "MaxValue": "1",
                        "ScalingType": "ReverseLogarithmic",
                    }
                ]
            },
            r"ReverseLogarithmic scaling needs values in \[0, 1\)",
        ),
        (
            {
                "IntegerParameterRanges": [
                    {
                        "Name": "n",
                        "MinValue": "0",
                        "MaxValue": "0",
                        "ScalingType": "ReverseLogarithmic",
                    }
                ]
            },
            r"only to continuous ranges",
        ),
        (
            {"IntegerParameterRanges": [{"Name": "n", "MinValue": "1.5", "MaxValue": "3"}]},
            r"whole MinValue and MaxValue",
        ),
        (
            {"ContinuousParameterRanges": [{"Name": "x", "MinValue": "2", "MaxValue": "1"}]},
            r"not above MaxValue",
        ),
        (
            {"ContinuousParameterRanges": [{"Name": "x", "MinValue": "a", "MaxValue": "1"}]},
            r"needs numeric 'MinValue' and 'MaxValue'",
        ),
        (
            {
                "ContinuousParameterRanges": [
                    {"Name": "x", "MinValue": "0", "MaxValue": "1", "ScalingType": "Log"}
                ]
            },
            r"Did you mean 'Logarithmic'\?",
        ),
        (
            {"CategoricalParameterRanges": [{"Name": "c", "Values": []}]},
            r"'Values' must be a list of 1 to 30 strings",
        ),
        (
            {"CategoricalParameterRanges": [{"Name": "c", "Values": ["a"], "Min": 1}]},
            r"unknown keys \['Min'\]: a categorical range takes Name, Values",
        ),
        (
            {
                "IntegerParameterRanges": [{"Name": "c", "MinValue": "1", "MaxValue": "2"}],
                "CategoricalParameterRanges": [{"Name": "c", "Values": ["a"]}],
            },
            r"'c' is declared twice",
        ),
        (
            {
                "IntegerParameterRanges": [
                    {"Name": f"p{i}", "MinValue": "1", "MaxValue": "2"} for i in range(31)
                ]
            },
            r"declares 31 ranges: SageMaker allows at most 30",
        ),
    ],
)
def test_bad_parameter_ranges_rejected(ranges: dict[str, Any], expected: str) -> None:
    with pytest.raises(HptUsageError, match=expected):
        TuningJobMock(seed=1).add_tuning_job(parameter_ranges=ranges)


def test_warm_start_name_clash_with_parent_rejected() -> None:
    parent_name = TuningJobMock(seed=3).add_tuning_job(scenario="warm_start").parent_tuning_jobs[0]
    with pytest.raises(HptUsageError, match="warm start parent"):
        TuningJobMock(seed=3).add_tuning_job(parent_name.name, scenario="warm_start")
