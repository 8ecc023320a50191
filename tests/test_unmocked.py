"""Without moto, a request the fake does not serve fails at once and opens no socket."""

from __future__ import annotations

import socket

import boto3
import pytest
from botocore.config import Config

from pytest_hpt_fixtures import UnmockedOperationError, mock_tuning_jobs


@pytest.fixture
def no_sockets(monkeypatch):
    """Fail the test if anything resolves a host name or opens a connection.

    Attempts are recorded as well as rejected, because botocore wraps
    connection errors in its own exceptions.
    """
    attempts = []

    def reject(*args):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", reject)
    monkeypatch.setattr(socket.socket, "connect_ex", reject)
    monkeypatch.setattr(socket, "getaddrinfo", reject)
    monkeypatch.setattr(socket, "create_connection", reject)
    yield attempts
    assert attempts == []


def test_no_sockets_guard_records_attempt(no_sockets):
    client = boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
        config=Config(retries={"total_max_attempts": 1}),
    )

    with pytest.raises(Exception, match=r"network access attempted|Could not connect"):
        client.list_buckets()

    assert no_sockets  # the guard saw the attempt
    no_sockets.clear()


def test_unmocked_s3_stopped(hpt_mock, no_sockets):
    s3 = boto3.client("s3", region_name="us-east-1")

    with pytest.raises(UnmockedOperationError) as raised:
        s3.list_buckets()

    message = str(raised.value)
    assert "s3 ListBuckets" in message
    assert "mock_aws()" in message


def test_unmocked_sagemaker_operation_stopped(hpt_mock, no_sockets):
    client = hpt_mock.client()

    with pytest.raises(UnmockedOperationError) as raised:
        client.list_training_jobs()

    message = str(raised.value)
    assert "ListTrainingJobs" in message
    assert "ListTrainingJobsForHyperParameterTuningJob" in message
    assert "mock_aws()" in message


def test_unmocked_stopped_in_context_manager(no_sockets):
    with mock_tuning_jobs(seed=1), pytest.raises(UnmockedOperationError):
        boto3.client("sts", region_name="us-east-1").get_caller_identity()


def test_unmocked_not_retried(hpt_mock, no_sockets):
    client = hpt_mock.client()

    with pytest.raises(UnmockedOperationError):
        client.create_training_job(
            TrainingJobName="job",
            AlgorithmSpecification={"TrainingImage": "image", "TrainingInputMode": "File"},
            RoleArn="arn:aws:iam::123456789012:role/Role",
            OutputDataConfig={"S3OutputPath": "s3://bucket/out"},
            ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1},
            StoppingCondition={"MaxRuntimeInSeconds": 60},
        )

    assert hpt_mock.calls == []


def test_unmocked_served_operation_still_answered(hpt_mock, hpt_sagemaker_client, no_sockets):
    job = hpt_mock.add_tuning_job(training_jobs=3)

    response = hpt_sagemaker_client.describe_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    assert response["HyperParameterTuningJobName"] == job.name
