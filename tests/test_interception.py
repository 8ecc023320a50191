"""How the fake reaches botocore: handlers, credentials, and what it leaves alone."""

from __future__ import annotations

import os
from typing import Any

import boto3
import botocore.session
import pytest
import requests
import requests.adapters
from botocore.awsrequest import AWSRequest
from botocore.credentials import RefreshableCredentials

from pytest_hpt_fixtures import TuningJobMock, UnmockedOperationError, _hook, mock_tuning_jobs


def record_authorization(client: Any) -> list[str]:
    """Collect the Authorization header of each request the client sends."""
    seen: list[str] = []

    def capture(request: Any, **_: Any) -> None:
        value = request.headers.get("Authorization", "")
        seen.append(value.decode() if isinstance(value, bytes) else value)

    client.meta.events.register_first("before-send.sagemaker", capture)
    return seen


def test_requests_signed_with_fake_credentials(hpt_tuning_job: Any) -> None:
    client = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="AKIAREALLOOKINGKEY01",
        aws_secret_access_key="real-looking-secret",
    )
    seen = record_authorization(client)
    client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=hpt_tuning_job.name
    )
    assert len(seen) == 1
    assert "Credential=AKIAFAKE123456789012/" in seen[0]
    assert "AKIAREALLOOKINGKEY01" not in seen[0]


def test_refreshable_credentials_never_refreshed(hpt_tuning_job: Any) -> None:
    def refresh() -> dict[str, str]:
        raise AssertionError("the fake must not ask for real credentials")

    credentials = RefreshableCredentials.create_from_metadata(
        metadata={
            "access_key": "AKIAEXPIREDKEY000001",
            "secret_key": "expired",
            "token": "expired",
            "expiry_time": "2000-01-01T00:00:00Z",
        },
        refresh_using=refresh,
        method="test",
    )
    session = botocore.session.get_session()
    session._credentials = credentials
    client = session.create_client("sagemaker", region_name="us-east-1")
    page = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=hpt_tuning_job.name
    )
    assert page["TrainingJobSummaries"]


def test_client_created_before_activation_is_served() -> None:
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    with mock_tuning_jobs(seed=1) as mock:
        job = mock.add_tuning_job(training_jobs=3)
        page = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name
        )
    assert len(page["TrainingJobSummaries"]) == 3


def test_handlers_do_nothing_without_fake() -> None:
    assert _hook.active_mock() is None
    request = AWSRequest(method="POST", url="https://api.sagemaker.us-east-1.amazonaws.com/")
    assert (
        _hook.before_send(request, event_name="before-send.sagemaker.DescribeTrainingJob") is None
    )
    _hook.before_sign(request, request_signer=None)
    assert request.context == {}


def test_handlers_registered_once() -> None:
    import botocore.handlers

    _hook.install()
    _hook.install()
    registered = [
        spec for spec in botocore.handlers.BUILTIN_HANDLERS if spec[1] is _hook.before_send
    ]
    assert len(registered) == 1


def test_unserved_operation_stopped_before_network(hpt_mock: TuningJobMock) -> None:
    client = hpt_mock.client("s3")
    with pytest.raises(UnmockedOperationError, match=r"s3 ListBuckets is not served.*mock_aws"):
        client.list_buckets()


def test_environment_restored_after_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUSERKEY000000001")
    monkeypatch.setenv("AWS_PROFILE", "production")
    with mock_tuning_jobs():
        assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAFAKEENVIRONMENT0"
        assert "AWS_PROFILE" not in os.environ
        assert os.environ["AWS_EC2_METADATA_DISABLED"] == "true"
    assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAUSERKEY000000001"
    assert os.environ["AWS_PROFILE"] == "production"


def test_environment_clients_follow_fake_account() -> None:
    # boto3's default session keeps the credentials it read first, so the
    # second fake's client signs with what the first fake's environment set.
    for account_id in ("111111111111", "222222222222"):
        with mock_tuning_jobs(account_id=account_id) as mock:
            job = mock.add_tuning_job(training_jobs=2)
            client = boto3.client("sagemaker", region_name=mock.region)
            page = client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=job.name
            )
            assert len(page["TrainingJobSummaries"]) == 2
            assert mock.calls[-1].account_id == account_id


def test_nested_fakes_innermost_serves() -> None:
    with mock_tuning_jobs(seed=1) as outer:
        outer.add_tuning_job("outer-job", training_jobs=1)
        with mock_tuning_jobs(seed=2) as inner:
            inner.add_tuning_job("inner-job", training_jobs=2)
            assert _hook.active_mock() is inner
        assert _hook.active_mock() is outer
    assert _hook.active_mock() is None


def list_with_requests(job_name: str) -> Any:
    """Post a ListTrainingJobsForHyperParameterTuningJob request with the requests library."""
    return requests.post(
        "https://api.sagemaker.us-east-1.amazonaws.com/",
        headers={
            "X-Amz-Target": "SageMaker.ListTrainingJobsForHyperParameterTuningJob",
            "Content-Type": "application/x-amz-json-1.1",
        },
        json={"HyperParameterTuningJobName": job_name},
        timeout=5,
    )


def test_fakes_stopped_out_of_order_keep_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUSERKEY000000001")
    real_send = requests.adapters.HTTPAdapter.send
    outer = mock_tuning_jobs(seed=1).start()
    inner = mock_tuning_jobs(seed=2).start()
    job = inner.add_tuning_job(training_jobs=3)

    outer.stop()

    assert _hook.active_mock() is inner
    assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAFAKEENVIRONMENT0"
    assert os.environ["AWS_EC2_METADATA_DISABLED"] == "true"
    response = list_with_requests(job.name)
    assert response.status_code == 200
    assert len(response.json()["TrainingJobSummaries"]) == 3
    page = inner.client().list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )
    assert len(page["TrainingJobSummaries"]) == 3

    inner.stop()

    assert _hook.active_mock() is None
    assert requests.adapters.HTTPAdapter.send is real_send
    assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAUSERKEY000000001"


def test_requests_served_by_innermost_fake() -> None:
    with mock_tuning_jobs(seed=1) as outer:
        outer_job = outer.add_tuning_job("outer-only", training_jobs=1)
        with mock_tuning_jobs(seed=2):
            assert list_with_requests(outer_job.name).status_code == 400
        assert list_with_requests(outer_job.name).status_code == 200
