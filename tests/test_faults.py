"""Fault injection, short pages and recorded calls, with botocore's own retries.

`inject_error` makes the next requests of an operation fail. botocore's
retry modes (legacy, standard, adaptive) must then retry throttling and 503
errors for real, and `calls` must show one entry per attempt.
`inject_short_pages` returns short and empty pages that still carry a
NextToken; botocore's paginator must still reach every training job.
"""

from __future__ import annotations

import time
from typing import Any

import botocore.endpoint
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_hpt_fixtures import FakeTuningJob, HptUsageError, TuningJobMock, output_shape_problems
from pytest_hpt_fixtures.wire import WireRequest

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
PAGINATOR = "list_training_jobs_for_hyper_parameter_tuning_job"


class RecordedBackoff:
    """Replaces the `time` module that botocore.endpoint sleeps with.

    botocore sleeps between attempts (up to seconds in legacy and standard
    mode). Recording the delays keeps the tests fast, and shows that botocore
    took its retry path. Every other attribute is the real `time` module's.
    """

    def __init__(self) -> None:
        self.delays: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


@pytest.fixture
def backoff(monkeypatch: pytest.MonkeyPatch) -> RecordedBackoff:
    recorded = RecordedBackoff()
    monkeypatch.setattr(botocore.endpoint, "time", recorded)
    return recorded


@pytest.fixture
def job(hpt_mock: TuningJobMock) -> FakeTuningJob:
    return hpt_mock.add_tuning_job(training_jobs=20)


def new_client(mock: TuningJobMock, **retries: Any) -> Any:
    """Create a client with the given retry settings that checks each response's shape."""
    client = mock.client(config=Config(retries=retries or {"total_max_attempts": 1}))

    def check(http_response: Any, parsed: dict[str, Any], **_: Any) -> None:
        if http_response.status_code < 300:
            assert output_shape_problems(OPERATION, parsed) == []

    client.meta.events.register(f"after-call.sagemaker.{OPERATION}", check)
    return client


def names_of(pages: list[dict[str, Any]]) -> list[str]:
    return [row["TrainingJobName"] for page in pages for row in page["TrainingJobSummaries"]]


# --- inject_error with botocore's retry modes ------------------------------------------

RETRY_MODES = ["legacy", "standard", "adaptive"]
RETRYABLE_ERRORS = [("ThrottlingException", 400), ("ServiceUnavailable", 503)]


@pytest.mark.parametrize("mode", RETRY_MODES)
@pytest.mark.parametrize(("code", "status"), RETRYABLE_ERRORS, ids=["throttling", "503"])
def test_retry_mode_retries_injected_error(
    hpt_mock: TuningJobMock,
    job: FakeTuningJob,
    backoff: RecordedBackoff,
    mode: str,
    code: str,
    status: int,
) -> None:
    client = new_client(hpt_mock, mode=mode, max_attempts=3)
    hpt_mock.inject_error(OPERATION, code, status=status, times=2)

    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    assert len(response["TrainingJobSummaries"]) == 10
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(backoff.delays) == 2
    # One recorded call per attempt, each with the request as sent.
    assert [call.status for call in hpt_mock.calls] == [status, status, 200]
    assert [call.error_code for call in hpt_mock.calls] == [code, code, None]
    for call in hpt_mock.calls:
        assert call.params == {"HyperParameterTuningJobName": job.name}


@pytest.mark.parametrize("mode", ["legacy", "standard"])
def test_retries_exhausted_raise_injected_error(
    hpt_mock: TuningJobMock, job: FakeTuningJob, backoff: RecordedBackoff, mode: str
) -> None:
    client = new_client(hpt_mock, mode=mode, max_attempts=2)
    hpt_mock.inject_error(OPERATION, "ThrottlingException", times=10, message="Rate exceeded")

    with pytest.raises(ClientError) as caught:
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name
        )

    error = caught.value.response
    assert error["Error"] == {"Code": "ThrottlingException", "Message": "Rate exceeded"}
    assert error["ResponseMetadata"]["MaxAttemptsReached"] is True
    assert [call.status for call in hpt_mock.calls] == [400, 400, 400]


def test_non_retryable_error_sent_once(
    hpt_mock: TuningJobMock, job: FakeTuningJob, backoff: RecordedBackoff
) -> None:
    client = new_client(hpt_mock, mode="standard", max_attempts=5)
    hpt_mock.inject_error(OPERATION, "AccessDeniedException", times=3)

    with pytest.raises(ClientError) as caught:
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name
        )

    assert caught.value.response["Error"]["Code"] == "AccessDeniedException"
    assert len(hpt_mock.calls) == 1
    assert backoff.delays == []


def test_injected_error_used_up_after_times(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    hpt_mock.inject_error(OPERATION, "InternalFailure", status=500, times=2)
    outcomes = []

    for _ in range(3):
        try:
            client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=job.name
            )
            outcomes.append("ok")
        except ClientError as error:
            outcomes.append(error.response["Error"]["Code"])

    assert outcomes == ["InternalFailure", "InternalFailure", "ok"]
    assert [call.status for call in hpt_mock.calls] == [500, 500, 200]


def test_injected_error_default_message(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    hpt_mock.inject_error(OPERATION, "ThrottlingException")

    with pytest.raises(ClientError) as caught:
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name
        )

    assert caught.value.response["Error"]["Message"] == "Injected ThrottlingException"


def test_injected_error_precedes_invalid_request(hpt_mock: TuningJobMock) -> None:
    # The injected error wins over the request's own error, and the request's
    # params are still recorded.
    client = new_client(hpt_mock)
    hpt_mock.inject_error(OPERATION, "ThrottlingException")

    with pytest.raises(ClientError) as caught:
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="missing", MaxResults=7
        )

    assert caught.value.response["Error"]["Code"] == "ThrottlingException"
    assert hpt_mock.calls[0].params == {"HyperParameterTuningJobName": "missing", "MaxResults": 7}


def test_paginator_retries_mid_pagination(
    hpt_mock: TuningJobMock, job: FakeTuningJob, backoff: RecordedBackoff
) -> None:
    client = new_client(hpt_mock, mode="standard", max_attempts=3)
    paginator = client.get_paginator(PAGINATOR)
    pages = paginator.paginate(
        HyperParameterTuningJobName=job.name, PaginationConfig={"PageSize": 6}
    )

    received = []
    for number, page in enumerate(pages):
        received.append(page)
        if number == 0:
            hpt_mock.inject_error(OPERATION, "ThrottlingException", times=2)

    assert names_of(received) == sorted(job.training_job_names)
    assert [call.status for call in hpt_mock.calls] == [200, 400, 400, 200, 200, 200]
    assert hpt_mock.calls[1].params == hpt_mock.calls[3].params


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"operation": "ListTrainingJobs"}, "is not served by the fake"),
        ({"code": ""}, "code='' is invalid"),
        ({"times": 0}, "times=0 is invalid"),
        ({"times": True}, "times=True is invalid"),
        ({"status": 200}, "status=200 is invalid"),
        ({"status": 600}, "status=600 is invalid"),
    ],
    ids=["operation", "code", "times zero", "times boolean", "status 200", "status 600"],
)
def test_inject_error_invalid_argument(
    hpt_mock: TuningJobMock, arguments: dict[str, Any], message: str
) -> None:
    call = {"operation": OPERATION, "code": "ThrottlingException", **arguments}
    operation, code = call.pop("operation"), call.pop("code")

    with pytest.raises(HptUsageError, match=message):
        hpt_mock.inject_error(operation, code, **call)


# --- short pages ---------------------------------------------------------------------------


def test_paginator_reaches_every_job_through_short_pages(
    hpt_mock: TuningJobMock, job: FakeTuningJob
) -> None:
    client = new_client(hpt_mock)
    hpt_mock.inject_short_pages(OPERATION, [0, 3, 0, 0, 1])

    pages = list(
        client.get_paginator(PAGINATOR).paginate(
            HyperParameterTuningJobName=job.name, PaginationConfig={"PageSize": 5}
        )
    )

    assert [len(page["TrainingJobSummaries"]) for page in pages] == [0, 3, 0, 0, 1, 5, 5, 5, 1]
    assert names_of(pages) == sorted(job.training_job_names)


@pytest.mark.parametrize(
    "query",
    [
        {"SortBy": "CreationTime", "SortOrder": "Descending"},
        {"SortBy": "FinalObjectiveMetricValue"},
        {"StatusEquals": "Completed"},
    ],
    ids=["descending", "objective", "status filter"],
)
def test_short_pages_keep_listing_order(
    hpt_mock: TuningJobMock, job: FakeTuningJob, query: dict[str, str]
) -> None:
    client = new_client(hpt_mock)
    paginator = client.get_paginator(PAGINATOR)
    expected = names_of(list(paginator.paginate(HyperParameterTuningJobName=job.name, **query)))
    hpt_mock.inject_short_pages(OPERATION, [0, 1, 0, 2, 0])

    pages = list(
        paginator.paginate(
            HyperParameterTuningJobName=job.name, **query, PaginationConfig={"PageSize": 4}
        )
    )

    assert names_of(pages) == expected


def collect_until_short_page(client: Any, name: str) -> list[str]:
    """Page the way a common bug does: stop at the first page shorter than MaxResults."""
    names: list[str] = []
    arguments: dict[str, Any] = {"HyperParameterTuningJobName": name, "MaxResults": 5}
    for _ in range(100):
        response = client.list_training_jobs_for_hyper_parameter_tuning_job(**arguments)
        page = response["TrainingJobSummaries"]
        names.extend(row["TrainingJobName"] for row in page)
        if len(page) < 5 or "NextToken" not in response:
            break
        arguments["NextToken"] = response["NextToken"]
    return names


def test_short_page_exposes_early_stop_bug(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    without_short_pages = collect_until_short_page(client, job.name)
    hpt_mock.inject_short_pages(OPERATION, [5, 2])

    with_short_pages = collect_until_short_page(client, job.name)

    assert len(without_short_pages) == 20
    assert len(with_short_pages) == 7


def test_empty_first_page_carries_token(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    hpt_mock.inject_short_pages(OPERATION, [0, 0])

    first = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=4
    )
    second = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=4, NextToken=first["NextToken"]
    )
    third = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=4, NextToken=second["NextToken"]
    )

    assert first["TrainingJobSummaries"] == []
    assert second["TrainingJobSummaries"] == []
    # botocore's paginator stops with an error when a token repeats.
    assert first["NextToken"] != second["NextToken"]
    assert names_of([third]) == sorted(job.training_job_names)[:4]


def test_short_page_at_end_has_no_token(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=3)
    client = new_client(hpt_mock)
    hpt_mock.inject_short_pages(OPERATION, [2, 2])

    first = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=10
    )
    last = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=10, NextToken=first["NextToken"]
    )

    assert len(first["TrainingJobSummaries"]) == 2
    assert len(last["TrainingJobSummaries"]) == 1
    assert "NextToken" not in last


def test_short_page_above_max_results_no_effect(
    hpt_mock: TuningJobMock, job: FakeTuningJob
) -> None:
    client = new_client(hpt_mock)
    hpt_mock.inject_short_pages(OPERATION, [50])

    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=6
    )

    assert len(response["TrainingJobSummaries"]) == 6


def test_failed_request_keeps_short_page(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    hpt_mock.inject_short_pages(OPERATION, [0])
    hpt_mock.inject_error(OPERATION, "ThrottlingException")

    with pytest.raises(ClientError):
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name
        )
    with pytest.raises(ClientError):
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="missing"
        )
    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    assert response["TrainingJobSummaries"] == []
    assert "NextToken" in response


def test_short_page_sizes_accumulate(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    hpt_mock.inject_short_pages(OPERATION, [1])
    hpt_mock.inject_short_pages(OPERATION, [2])

    sizes = []
    arguments: dict[str, Any] = {"HyperParameterTuningJobName": job.name, "MaxResults": 5}
    for _ in range(3):
        response = client.list_training_jobs_for_hyper_parameter_tuning_job(**arguments)
        sizes.append(len(response["TrainingJobSummaries"]))
        arguments["NextToken"] = response["NextToken"]

    assert sizes == [1, 2, 5]


@pytest.mark.parametrize(
    ("operation", "sizes", "message"),
    [
        ("ListTrainingJobs", [1], "does not page through the fake's training jobs"),
        (OPERATION, [], r"sizes=\[\] is invalid"),
        (OPERATION, "03", "sizes='03' is invalid"),
        (OPERATION, [1, -1], "sizes contains -1"),
        (OPERATION, [True], "sizes contains True"),
        (OPERATION, [1.5], "sizes contains 1.5"),
    ],
    ids=["operation", "empty", "string", "negative", "boolean", "float"],
)
def test_inject_short_pages_invalid_argument(
    hpt_mock: TuningJobMock, operation: str, sizes: Any, message: str
) -> None:
    with pytest.raises(HptUsageError, match=message):
        hpt_mock.inject_short_pages(operation, sizes)


# --- recorded calls ------------------------------------------------------------------------


def collect_all_names(client: Any, name: str) -> list[str]:
    """Code under test: read every training job, 100 per request."""
    paginator = client.get_paginator(PAGINATOR)
    pages = paginator.paginate(HyperParameterTuningJobName=name, PaginationConfig={"PageSize": 100})
    return names_of(list(pages))


def test_calls_show_page_size_used(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=250)
    client = new_client(hpt_mock)

    names = collect_all_names(client, job.name)

    assert len(names) == 250
    assert len(hpt_mock.calls) == 3
    for call in hpt_mock.calls:
        assert call.operation == OPERATION
        assert call.status == 200
        assert call.params["MaxResults"] == 100
    assert "NextToken" not in hpt_mock.calls[0].params
    assert "NextToken" in hpt_mock.calls[1].params


def test_calls_record_failed_request(hpt_mock: TuningJobMock) -> None:
    client = new_client(hpt_mock)

    with pytest.raises(ClientError):
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="missing", SortBy="CreationTime"
        )

    (call,) = hpt_mock.calls
    assert call.params == {"HyperParameterTuningJobName": "missing", "SortBy": "CreationTime"}
    assert call.status == 400
    assert call.error_code == "ResourceNotFound"


def test_calls_record_account_and_region(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=2, account_id="210987654321", region="eu-west-1")
    client = hpt_mock.client(account_id="210987654321", region_name="eu-west-1")

    client.list_training_jobs_for_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)

    assert hpt_mock.calls[0].account_id == "210987654321"
    assert hpt_mock.calls[0].region == "eu-west-1"


def test_calls_record_malformed_body(hpt_mock: TuningJobMock) -> None:
    headers = {"X-Amz-Target": f"SageMaker.{OPERATION}"}
    url = "https://api.sagemaker.us-east-1.amazonaws.com/"

    hpt_mock.handle(WireRequest("POST", url, headers, b"{not json"))

    (call,) = hpt_mock.calls
    assert call.params == {}
    assert call.status == 400
    assert call.error_code == "SerializationException"


def test_calls_keep_request_order(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)

    for size in (3, 1, 4, 1, 5):
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name, MaxResults=size
        )

    assert [call.params["MaxResults"] for call in hpt_mock.calls] == [3, 1, 4, 1, 5]


def test_reset_clears_calls_and_faults(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    client.list_training_jobs_for_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)
    hpt_mock.inject_error(OPERATION, "ThrottlingException")
    hpt_mock.inject_short_pages(OPERATION, [0])

    hpt_mock.reset()
    job = hpt_mock.add_tuning_job(training_jobs=3)
    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    assert len(response["TrainingJobSummaries"]) == 3
    assert len(hpt_mock.calls) == 1


def test_recorded_call_works_with_vars(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    new_client(hpt_mock).list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    assert vars(hpt_mock.calls[0]) == {
        "operation": OPERATION,
        "params": {"HyperParameterTuningJobName": job.name},
        "status": 200,
        "account_id": hpt_mock.account_id,
        "region": hpt_mock.region,
        "error_code": None,
    }


def test_calls_replaced_rejected(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    client = new_client(hpt_mock)
    client.list_training_jobs_for_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)

    with pytest.raises(HptUsageError, match=r"call calls\.clear\(\)"):
        hpt_mock.calls = []

    client.list_training_jobs_for_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)
    assert len(hpt_mock.calls) == 2
