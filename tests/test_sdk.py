"""The SageMaker Python SDK v2's HyperparameterTuningJobAnalytics against seeded jobs.

Needs the `sdk` extra (`pip install -e ".[sdk]"`); skipped without it.
"""

from __future__ import annotations

import os
import socket

import pytest

# The SDK v2 prints a deprecation notice on import unless this variable is set.
os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
analytics = pytest.importorskip("sagemaker.analytics", reason="needs the sdk extra")
pytest.importorskip("pandas", reason="needs the sdk extra")

import boto3  # noqa: E402
import sagemaker  # noqa: E402
from moto import mock_aws  # noqa: E402

from pytest_hpt_fixtures import mock_tuning_jobs  # noqa: E402

RANGES = {
    "IntegerParameterRanges": [
        {"Name": "max_depth", "MinValue": "2", "MaxValue": "9", "ScalingType": "Linear"}
    ],
    "ContinuousParameterRanges": [
        {"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3", "ScalingType": "Logarithmic"}
    ],
    "CategoricalParameterRanges": [{"Name": "tree_method", "Values": ["hist", "approx"]}],
}


@pytest.fixture
def no_sockets(monkeypatch):
    attempts = []

    def reject(*args):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", reject)
    monkeypatch.setattr(socket, "getaddrinfo", reject)
    yield attempts
    assert attempts == []


@pytest.fixture
def large_job(hpt_mock):
    """A tuning job with more training jobs than one page of 100 holds."""
    return hpt_mock.add_tuning_job(training_jobs=230, parameter_ranges=RANGES)


def test_sdk_dataframe_has_every_training_job(large_job, no_sockets):
    tuner = analytics.HyperparameterTuningJobAnalytics(large_job.name)

    frame = tuner.dataframe()

    assert len(frame) == 230
    assert set(frame["TrainingJobName"]) == set(large_job.training_job_names)
    assert {"max_depth", "eta", "tree_method", "FinalObjectiveValue"} <= set(frame.columns)


def test_sdk_dataframe_best_matches_fake(large_job, no_sockets):
    frame = analytics.HyperparameterTuningJobAnalytics(large_job.name).dataframe()
    best = large_job.best_training_job

    completed = frame[frame["TrainingJobStatus"] == "Completed"]
    best_row = completed.loc[completed["FinalObjectiveValue"].idxmax()]

    assert best is not None
    assert best_row["TrainingJobName"] == best["TrainingJobName"]


def test_sdk_training_job_summaries_pages(large_job, hpt_mock, no_sockets):
    tuner = analytics.HyperparameterTuningJobAnalytics(large_job.name)

    summaries = tuner.training_job_summaries()

    assert sorted(summaries, key=lambda item: item["TrainingJobName"]) == sorted(
        large_job.summaries, key=lambda item: item["TrainingJobName"]
    )
    assert [call.operation for call in hpt_mock.calls] == [
        "ListTrainingJobsForHyperParameterTuningJob"
    ] * 3


def test_sdk_tuning_ranges_single_definition(large_job, no_sockets):
    tuner = analytics.HyperparameterTuningJobAnalytics(large_job.name)

    ranges = tuner.tuning_ranges

    expected = {item["Name"]: item for items in RANGES.values() for item in items}
    assert ranges == expected


def test_sdk_tuning_ranges_several_definitions(hpt_mock, no_sockets):
    job = hpt_mock.add_tuning_job(
        training_jobs=6,
        training_job_definitions=[
            {"DefinitionName": "xgboost", "HyperParameterRanges": RANGES},
            {"DefinitionName": "linear"},
        ],
    )

    ranges = analytics.HyperparameterTuningJobAnalytics(job.name).tuning_ranges

    assert set(ranges) == {"xgboost", "linear"}
    assert set(ranges["xgboost"]) == {"max_depth", "eta", "tree_method"}
    linear_ranges = job.training_job_definitions[1]["HyperParameterRanges"]
    assert set(ranges["linear"]) == {
        item["Name"] for items in linear_ranges.values() for item in items
    }
    assert ranges["linear"]


def test_sdk_explicit_session_in_other_region(hpt_mock, no_sockets):
    job = hpt_mock.add_tuning_job(training_jobs=120, region="eu-central-1")
    session = sagemaker.Session(boto_session=boto3.Session(region_name="eu-central-1"))

    frame = analytics.HyperparameterTuningJobAnalytics(job.name, session).dataframe()

    assert len(frame) == 120


def test_sdk_calls_only_served_operations(large_job, hpt_mock, no_sockets):
    tuner = analytics.HyperparameterTuningJobAnalytics(large_job.name)
    assert tuner.tuning_ranges
    tuner.dataframe()

    operations = {call.operation for call in hpt_mock.calls}

    assert operations == {
        "DescribeHyperParameterTuningJob",
        "ListTrainingJobsForHyperParameterTuningJob",
    }


def test_sdk_beside_moto():
    with mock_aws(), mock_tuning_jobs(seed=4) as fake:
        job = fake.add_tuning_job(training_jobs=150)
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="sdk-bucket")

        frame = analytics.HyperparameterTuningJobAnalytics(job.name).dataframe()

    assert len(frame) == 150
