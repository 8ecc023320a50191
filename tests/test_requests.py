"""SageMaker requests sent with the `requests` library, served through `responses`."""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
import requests.adapters
import responses
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from moto import mock_aws

from pytest_hpt_fixtures import (
    TuningJobMock,
    UnmockedOperationError,
    mock_tuning_jobs,
    output_shape_problems,
    wire,
)
from pytest_hpt_fixtures.mock import FAKE_SECRET_ACCESS_KEY, fake_access_key_id

CONTENT_TYPE = "application/x-amz-json-1.1"


def sagemaker_post(
    operation: str,
    params: dict[str, Any] | None = None,
    *,
    region: str = "us-east-1",
    body: bytes | None = None,
    account_id: str = "123456789012",
) -> requests.Response:
    """POST a SigV4-signed JSON 1.1 request to the SageMaker API with `requests`."""
    url = f"https://api.sagemaker.{region}.amazonaws.com/"
    data = json.dumps(params or {}).encode() if body is None else body
    request = AWSRequest(
        method="POST",
        url=url,
        data=data,
        headers={"Content-Type": CONTENT_TYPE, "X-Amz-Target": f"SageMaker.{operation}"},
    )
    credentials = Credentials(fake_access_key_id(account_id), FAKE_SECRET_ACCESS_KEY)
    SigV4Auth(credentials, "sagemaker", region).add_auth(request)
    return requests.post(url, data=data, headers=dict(request.headers.items()), timeout=5)


def botocore_body(client: Any, call: str, **params: Any) -> Any:
    """Return the JSON body that botocore received for one call."""
    received = []

    def capture(response_dict: dict[str, Any], **kwargs: Any) -> None:
        received.append(response_dict["body"])

    client.meta.events.register("before-parse.sagemaker", capture)
    try:
        getattr(client, call)(**params)
    finally:
        client.meta.events.unregister("before-parse.sagemaker", capture)
    return json.loads(received[-1])


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


def test_requests_describe_same_body_as_botocore(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=8)
    params = {"HyperParameterTuningJobName": job.name}

    response = sagemaker_post("DescribeHyperParameterTuningJob", params)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == CONTENT_TYPE
    expected = botocore_body(hpt_sagemaker_client, "describe_hyper_parameter_tuning_job", **params)
    assert response.json() == expected
    assert (
        output_shape_problems("DescribeHyperParameterTuningJob", response.json(), wire=True) == []
    )


def test_requests_pages_through_training_jobs(hpt_mock):
    job = hpt_mock.add_tuning_job(training_jobs=23)
    names: list[str] = []
    params: dict[str, Any] = {"HyperParameterTuningJobName": job.name, "MaxResults": 10}

    for _ in range(5):
        body = sagemaker_post("ListTrainingJobsForHyperParameterTuningJob", params).json()
        names.extend(item["TrainingJobName"] for item in body["TrainingJobSummaries"])
        if "NextToken" not in body:
            break
        params["NextToken"] = body["NextToken"]

    assert names == sorted(job.training_job_names)


def test_requests_region_from_signature(hpt_mock):
    job = hpt_mock.add_tuning_job(training_jobs=2, region="eu-west-1")

    found = sagemaker_post(
        "DescribeHyperParameterTuningJob",
        {"HyperParameterTuningJobName": job.name},
        region="eu-west-1",
    )
    missing = sagemaker_post(
        "DescribeHyperParameterTuningJob", {"HyperParameterTuningJobName": job.name}
    )

    assert found.status_code == 200
    assert missing.status_code == 400


def test_requests_unknown_job_error(hpt_mock):
    response = sagemaker_post(
        "DescribeHyperParameterTuningJob", {"HyperParameterTuningJobName": "missing"}
    )

    assert response.status_code == 400
    assert response.json()["__type"] == "ResourceNotFound"
    assert "missing" in response.json()["message"]


def test_requests_training_job_error_matches_sagemaker(hpt_mock):
    response = sagemaker_post("DescribeTrainingJob", {"TrainingJobName": "missing"})

    assert response.status_code == 400
    assert response.json() == {
        "__type": "ValidationException",
        "message": "Requested resource not found.",
    }


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_requests_malformed_body_serialization_error(hpt_mock, body):
    response = sagemaker_post("ListHyperParameterTuningJobs", body=body)

    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


def test_requests_recorded_as_call(hpt_mock):
    sagemaker_post("ListHyperParameterTuningJobs")

    assert [call.operation for call in hpt_mock.calls] == ["ListHyperParameterTuningJobs"]


def test_requests_unserved_operation_stopped(hpt_mock, no_sockets):
    with pytest.raises(UnmockedOperationError) as raised:
        sagemaker_post("ListTrainingJobs")

    assert "SageMaker ListTrainingJobs (POST https://api.sagemaker" in str(raised.value)
    assert "mock_aws()" in str(raised.value)


def test_requests_other_aws_service_stopped(hpt_mock, no_sockets):
    with pytest.raises(UnmockedOperationError) as raised:
        requests.get("https://s3.amazonaws.com/", timeout=5)

    assert "https://s3.amazonaws.com/" in str(raised.value)


@contextlib.contextmanager
def local_server() -> Iterator[str]:
    """Serve one fixed page on 127.0.0.1, on a free port."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"local page"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_requests_other_urls_pass_through(hpt_mock):
    with local_server() as url:
        response = requests.get(url, timeout=5)

    assert response.text == "local page"


def test_requests_patch_removed_after_stop():
    original_send = requests.adapters.HTTPAdapter.send
    registered_before = len(responses.registered())

    with mock_tuning_jobs(seed=1):
        assert requests.adapters.HTTPAdapter.send is not original_send
        assert len(responses.registered()) > registered_before

    assert requests.adapters.HTTPAdapter.send is original_send
    assert len(responses.registered()) == registered_before


# --- beside moto -------------------------------------------------------------


@contextlib.contextmanager
def moto_and_fake(order: str) -> Iterator[TuningJobMock]:
    if order == "moto-first":
        with mock_aws(), mock_tuning_jobs(seed=5) as fake:
            yield fake
    else:
        with mock_tuning_jobs(seed=5) as fake, mock_aws():
            yield fake


ORDERS = pytest.mark.parametrize("order", ["moto-first", "fake-first"])


@ORDERS
def test_requests_beside_moto_seeded_job(order):
    with moto_and_fake(order) as fake:
        job = fake.add_tuning_job(training_jobs=6)

        response = sagemaker_post(
            "ListTrainingJobsForHyperParameterTuningJob",
            {"HyperParameterTuningJobName": job.name, "MaxResults": 100},
        )

    assert response.status_code == 200
    names = [item["TrainingJobName"] for item in response.json()["TrainingJobSummaries"]]
    assert names == sorted(job.training_job_names)


@ORDERS
def test_requests_beside_moto_s3_from_moto(order):
    with moto_and_fake(order):
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="requests-bucket")

        response = requests.get("https://s3.amazonaws.com/", timeout=5)

    assert response.status_code == 200
    assert "<Name>requests-bucket</Name>" in response.text


@ORDERS
def test_requests_beside_moto_other_sagemaker_call(order):
    with moto_and_fake(order) as fake:
        response = sagemaker_post("ListTrainingJobs")

        assert fake.calls == []

    assert response.status_code == 200
    assert response.json()["TrainingJobSummaries"] == []


@ORDERS
def test_requests_beside_moto_moto_tuning_job(order):
    with moto_and_fake(order):
        boto3.client("sagemaker", region_name="us-east-1").create_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="via-moto",
            HyperParameterTuningJobConfig={
                "Strategy": "Bayesian",
                "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "auc"},
                "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2},
                "ParameterRanges": {
                    "ContinuousParameterRanges": [
                        {"Name": "eta", "MinValue": "0.1", "MaxValue": "0.5"}
                    ]
                },
            },
            TrainingJobDefinition={
                "AlgorithmSpecification": {"TrainingImage": "image", "TrainingInputMode": "File"},
                "RoleArn": "arn:aws:iam::123456789012:role/Role",
                "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
                "StoppingCondition": {"MaxRuntimeInSeconds": 600},
            },
        )

        response = sagemaker_post(
            "ListTrainingJobsForHyperParameterTuningJob",
            {"HyperParameterTuningJobName": "via-moto"},
        )

    assert response.status_code == 200
    assert len(response.json()["TrainingJobSummaries"]) == 4


@ORDERS
def test_requests_beside_moto_local_url_passes(order):
    with local_server() as url, moto_and_fake(order):
        response = requests.get(url, timeout=5)

    assert response.text == "local page"


def test_requests_beside_users_responses_mock(hpt_mock):
    job = hpt_mock.add_tuning_job(training_jobs=2)

    @responses.activate(assert_all_requests_are_fired=True)
    def call_both() -> tuple[requests.Response, requests.Response]:
        responses.add(responses.GET, "https://example.com/model-card", body="card")
        page = requests.get("https://example.com/model-card", timeout=5)
        described = sagemaker_post(
            "DescribeHyperParameterTuningJob", {"HyperParameterTuningJobName": job.name}
        )
        return page, described

    page, described = call_both()
    after = sagemaker_post(
        "DescribeHyperParameterTuningJob", {"HyperParameterTuningJobName": job.name}
    )

    assert page.text == "card"
    assert described.status_code == 200
    assert after.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "https://api.sagemaker.us-east-1.amazonaws.com/some/path",
        "http://api.sagemaker.us-east-1.amazonaws.com/",
        "https://api.sagemaker.us-east-1.amazonaws.com:443/?Action=x",
    ],
    ids=["path", "http", "port"],
)
def test_requests_other_sagemaker_urls_stopped(hpt_mock, no_sockets, url):
    with pytest.raises(UnmockedOperationError):
        requests.get(url, timeout=5)


def test_stream_body_served(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=2)
    body = io.BytesIO(json.dumps({"HyperParameterTuningJobName": job.name}).encode())

    response = requests.post(
        "https://api.sagemaker.us-east-1.amazonaws.com/",
        data=body,
        headers={
            "Content-Type": CONTENT_TYPE,
            "X-Amz-Target": "SageMaker.ListTrainingJobsForHyperParameterTuningJob",
        },
        timeout=5,
    )

    assert response.status_code == 200
    assert len(response.json()["TrainingJobSummaries"]) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (None, b""),
        ("{}", b"{}"),
        (b"{}", b"{}"),
        (bytearray(b"{}"), b"{}"),
        (io.StringIO("{}"), b"{}"),
    ],
    ids=["none", "text", "bytes", "bytearray", "text stream"],
)
def test_body_bytes_of_each_form(body: Any, expected: bytes) -> None:
    assert wire.body_bytes(body) == expected


def test_body_bytes_rewinds_stream() -> None:
    stream = io.BytesIO(b"prefix{}")
    stream.seek(6)

    assert wire.body_bytes(stream) == b"{}"
    assert stream.tell() == 6
