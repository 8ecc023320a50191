"""ListTrainingJobsForHyperParameterTuningJob against real boto3 clients.

One test or parametrised group per aspect of the operation's behaviour:
name lookup, unknown names, MaxResults, SortBy and SortOrder, StatusEquals,
NextToken, validation of bad input, ties, and the paginator.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_hpt_fixtures import TuningJobMock, listing, service_model
from pytest_hpt_fixtures.model import FakeTuningJob

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
STATUSES = service_model.enum_values("TrainingJobStatus")
SORT_KEYS = service_model.enum_values("TrainingJobSortByOptions")


def list_page(client: Any, name: str, **params: Any) -> dict[str, Any]:
    response: dict[str, Any] = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, **params
    )
    problems = service_model.output_shape_problems(OPERATION, response)
    assert not problems, problems
    return response


def list_all(client: Any, name: str, page_size: int, **params: Any) -> list[dict[str, Any]]:
    """Page through every summary with direct calls, checking each page."""
    summaries: list[dict[str, Any]] = []
    token = None
    for _ in range(10_000):
        extra = {"NextToken": token} if token else {}
        page = list_page(client, name, MaxResults=page_size, **params, **extra)
        token = page.get("NextToken")
        if token is not None:
            assert page["TrainingJobSummaries"], "a page with a NextToken must not be empty"
            assert token != ""
        summaries.extend(page["TrainingJobSummaries"])
        if token is None:
            return summaries
    raise AssertionError("pagination did not end")


def expected_order(job: FakeTuningJob, sort_by: str, order: str, status: str | None) -> list[str]:
    """Sort the seeded summaries the way the API documents, independently of listing.py."""
    summaries = job.summaries
    if status is not None:
        summaries = [s for s in summaries if s["TrainingJobStatus"] == status]
    if sort_by == "FinalObjectiveMetricValue":
        summaries = [s for s in summaries if "FinalHyperParameterTuningJobObjectiveMetric" in s]

    def key(summary: dict[str, Any]) -> tuple[Any, ...]:
        name = summary["TrainingJobName"]
        if sort_by == "Name":
            return (name,)
        if sort_by == "CreationTime":
            return (summary["CreationTime"], name)
        if sort_by == "Status":
            return (summary["TrainingJobStatus"], name)
        return (summary["FinalHyperParameterTuningJobObjectiveMetric"]["Value"], name)

    ordered = sorted(summaries, key=key, reverse=order == "Descending")
    return [s["TrainingJobName"] for s in ordered]


def error_of(call: Any) -> ClientError:
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value


def unvalidated_client(mock: TuningJobMock) -> Any:
    """A client that sends what it is given, as with parameter_validation=False."""
    return mock.client("sagemaker", config=Config(parameter_validation=False))


MIXED_JOBS = pytest.mark.hpt_tuning_job(training_jobs=37, max_parallel_training_jobs=5)


# --- name lookup -------------------------------------------------------------


@MIXED_JOBS
def test_summaries_match_seeded_job(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    listed = list_all(hpt_sagemaker_client, hpt_tuning_job.name, 100)
    by_name = {s["TrainingJobName"]: s for s in hpt_tuning_job.summaries}
    assert len(listed) == 37
    for summary in listed:
        assert summary == by_name[summary["TrainingJobName"]]


@pytest.mark.parametrize("spelling", [str.upper, str.lower, str.swapcase])
def test_name_lookup_ignores_case(
    hpt_tuning_job_factory: Any, hpt_sagemaker_client: Any, spelling: Any
) -> None:
    job = hpt_tuning_job_factory("Mixed-Case-Job", training_jobs=3)
    page = list_page(hpt_sagemaker_client, spelling(job.name))
    assert len(page["TrainingJobSummaries"]) == 3
    assert {s["TuningJobName"] for s in page["TrainingJobSummaries"]} == {"Mixed-Case-Job"}


def test_lookup_is_per_region(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job("regional-job", training_jobs=2, region="eu-west-1")
    eu_client = hpt_mock.client(region_name="eu-west-1")
    us_client = hpt_mock.client(region_name="us-east-1")
    assert len(list_page(eu_client, job.name)["TrainingJobSummaries"]) == 2
    error = error_of(lambda: list_page(us_client, job.name))
    assert error.response["Error"]["Code"] == "ResourceNotFound"


def test_lookup_is_per_account(hpt_mock: TuningJobMock) -> None:
    hpt_mock.add_tuning_job("shared-name", training_jobs=2, account_id="111111111111")
    hpt_mock.add_tuning_job("shared-name", training_jobs=5, account_id="222222222222")
    first = hpt_mock.client(account_id="111111111111")
    second = hpt_mock.client(account_id="222222222222")
    default = hpt_mock.client()
    assert len(list_page(first, "shared-name")["TrainingJobSummaries"]) == 2
    assert len(list_page(second, "shared-name")["TrainingJobSummaries"]) == 5
    error = error_of(lambda: list_page(default, "shared-name"))
    assert error.response["Error"]["Code"] == "ResourceNotFound"


def test_summaries_carry_the_accounts_arn(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=1, account_id="111111111111", region="cn-north-1")
    client = hpt_mock.client(account_id="111111111111", region_name="cn-north-1")
    summary = list_page(client, job.name)["TrainingJobSummaries"][0]
    assert summary["TrainingJobArn"].startswith("arn:aws-cn:sagemaker:cn-north-1:111111111111:")


# --- unknown names -----------------------------------------------------------


def test_unknown_name_is_resource_not_found(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    error = error_of(lambda: list_page(hpt_sagemaker_client, "no-such-tuning-job"))
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Error"]["Code"] == "ResourceNotFound"
    assert "no-such-tuning-job" in error.response["Error"]["Message"]


def test_unknown_name_raises_modeled_exception(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    with pytest.raises(hpt_sagemaker_client.exceptions.ResourceNotFound):
        list_page(hpt_sagemaker_client, "no-such-tuning-job")


def test_paginator_raises_resource_not_found(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    paginator = hpt_sagemaker_client.get_paginator(
        "list_training_jobs_for_hyper_parameter_tuning_job"
    )
    with pytest.raises(hpt_sagemaker_client.exceptions.ResourceNotFound):
        list(paginator.paginate(HyperParameterTuningJobName="no-such-tuning-job"))


# --- MaxResults ----------------------------------------------------------------


@MIXED_JOBS
def test_default_page_size_is_10(hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any) -> None:
    page = list_page(hpt_sagemaker_client, hpt_tuning_job.name)
    assert len(page["TrainingJobSummaries"]) == 10
    assert "NextToken" in page


@pytest.mark.hpt_tuning_job(training_jobs=150)
def test_page_size_100_accepted(hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any) -> None:
    page = list_page(hpt_sagemaker_client, hpt_tuning_job.name, MaxResults=100)
    assert len(page["TrainingJobSummaries"]) == 100


@pytest.mark.parametrize("size", [1, 7, 37, 100])
@MIXED_JOBS
def test_page_sizes_cover_every_job_once(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any, size: int
) -> None:
    listed = list_all(hpt_sagemaker_client, hpt_tuning_job.name, size)
    names = [s["TrainingJobName"] for s in listed]
    assert names == expected_order(hpt_tuning_job, "Name", "Ascending", None)


@MIXED_JOBS
def test_page_size_above_100_rejected(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    error = error_of(lambda: list_page(hpt_sagemaker_client, hpt_tuning_job.name, MaxResults=101))
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Error"]["Code"] == "ValidationException"
    assert error.response["Error"]["Message"] == (
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 100"
    )


@pytest.mark.parametrize("size", [0, -5])
@MIXED_JOBS
def test_page_size_below_1_rejected(
    hpt_tuning_job: FakeTuningJob, hpt_mock: TuningJobMock, size: int
) -> None:
    client = unvalidated_client(hpt_mock)
    error = error_of(lambda: list_page(client, hpt_tuning_job.name, MaxResults=size))
    assert error.response["Error"]["Code"] == "ValidationException"
    assert f"Value '{size}' at 'maxResults'" in error.response["Error"]["Message"]
    assert "greater than or equal to 1" in error.response["Error"]["Message"]


@MIXED_JOBS
def test_page_size_may_change_between_pages(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    names: list[str] = []
    token = None
    for size in [3, 10, 1, 100]:
        extra = {"NextToken": token} if token else {}
        page = list_page(hpt_sagemaker_client, hpt_tuning_job.name, MaxResults=size, **extra)
        assert len(page["TrainingJobSummaries"]) == min(size, 37 - len(names))
        names += [s["TrainingJobName"] for s in page["TrainingJobSummaries"]]
        token = page.get("NextToken")
    assert token is None
    assert names == expected_order(hpt_tuning_job, "Name", "Ascending", None)


# --- SortBy and SortOrder ------------------------------------------------------


@pytest.mark.parametrize("order", ["Ascending", "Descending"])
@pytest.mark.parametrize("sort_by", SORT_KEYS)
@MIXED_JOBS
def test_sorting(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any, sort_by: str, order: str
) -> None:
    listed = list_all(hpt_sagemaker_client, hpt_tuning_job.name, 6, SortBy=sort_by, SortOrder=order)
    names = [s["TrainingJobName"] for s in listed]
    assert names == expected_order(hpt_tuning_job, sort_by, order, None)


@MIXED_JOBS
def test_default_sort_is_name_ascending(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    listed = list_all(hpt_sagemaker_client, hpt_tuning_job.name, 100)
    assert [s["TrainingJobName"] for s in listed] == sorted(s["TrainingJobName"] for s in listed)


@pytest.mark.hpt_tuning_job(status="InProgress", training_jobs=30, max_parallel_training_jobs=10)
def test_objective_sort_lists_only_jobs_with_metric(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    listed = list_all(
        hpt_sagemaker_client, hpt_tuning_job.name, 100, SortBy="FinalObjectiveMetricValue"
    )
    without_metric = [
        s
        for s in hpt_tuning_job.summaries
        if "FinalHyperParameterTuningJobObjectiveMetric" not in s
    ]
    assert without_metric, "the seeded job must have jobs without a metric for this test"
    assert len(listed) == 30 - len(without_metric)
    assert all("FinalHyperParameterTuningJobObjectiveMetric" in s for s in listed)


@pytest.mark.hpt_tuning_job(objective_metric="validation:rmse", training_jobs=25)
def test_descending_objective_starts_with_largest_value(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    page = list_page(
        hpt_sagemaker_client,
        hpt_tuning_job.name,
        SortBy="FinalObjectiveMetricValue",
        SortOrder="Descending",
        MaxResults=1,
    )
    values = [
        s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
        for s in hpt_tuning_job.summaries
        if "FinalHyperParameterTuningJobObjectiveMetric" in s
    ]
    top = page["TrainingJobSummaries"][0]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
    assert top == max(values)


# --- StatusEquals ----------------------------------------------------------------


def seed_every_status(mock: TuningJobMock) -> FakeTuningJob:
    """A tuning job with three training jobs of each TrainingJobStatus but Deleting."""
    jobs = [
        {"TrainingJobStatus": status}
        for status in STATUSES
        if status != "Deleting"
        for _ in range(3)
    ]
    return mock.add_tuning_job("every-status", training_jobs=jobs)


@pytest.mark.parametrize("order", ["Ascending", "Descending"])
@pytest.mark.parametrize("sort_by", SORT_KEYS)
@pytest.mark.parametrize("status", STATUSES)
def test_status_filter_with_every_sort(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any, status: str, sort_by: str, order: str
) -> None:
    job = seed_every_status(hpt_mock)
    listed = list_all(
        hpt_sagemaker_client, job.name, 2, StatusEquals=status, SortBy=sort_by, SortOrder=order
    )
    assert [s["TrainingJobName"] for s in listed] == expected_order(job, sort_by, order, status)
    assert all(s["TrainingJobStatus"] == status for s in listed)


def test_status_filter_matching_nothing_is_one_empty_page(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=[{"TrainingJobStatus": "Completed"}] * 4)
    page = list_page(hpt_sagemaker_client, job.name, StatusEquals="Failed")
    assert page["TrainingJobSummaries"] == []
    assert "NextToken" not in page


def test_tuning_job_without_training_jobs_lists_empty(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=0)
    page = list_page(hpt_sagemaker_client, job.name)
    assert page["TrainingJobSummaries"] == []
    assert "NextToken" not in page


# --- NextToken -------------------------------------------------------------------


@pytest.mark.hpt_tuning_job(training_jobs=20)
def test_no_token_on_last_page(hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any) -> None:
    first = list_page(hpt_sagemaker_client, hpt_tuning_job.name, MaxResults=10)
    second = list_page(
        hpt_sagemaker_client, hpt_tuning_job.name, MaxResults=10, NextToken=first["NextToken"]
    )
    assert len(second["TrainingJobSummaries"]) == 10
    assert "NextToken" not in second


@pytest.mark.hpt_tuning_job(training_jobs=20)
def test_token_is_at_most_8192_characters(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    page = list_page(hpt_sagemaker_client, hpt_tuning_job.name, MaxResults=1)
    assert 0 < len(page["NextToken"]) <= 8192


def first_token(client: Any, name: str, **params: Any) -> str:
    token: str = list_page(client, name, MaxResults=2, **params)["NextToken"]
    return token


def assert_invalid_token(call: Any) -> None:
    error = error_of(call)
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Error"]["Code"] == "ValidationException"


def test_token_from_another_tuning_job_rejected(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    first = hpt_mock.add_tuning_job("first-job", training_jobs=8)
    second = hpt_mock.add_tuning_job("second-job", training_jobs=8)
    token = first_token(hpt_sagemaker_client, first.name)
    assert_invalid_token(lambda: list_page(hpt_sagemaker_client, second.name, NextToken=token))


@pytest.mark.parametrize(
    "changed",
    [
        {"StatusEquals": "Completed"},
        {"SortBy": "CreationTime"},
        {"SortOrder": "Descending"},
    ],
)
@MIXED_JOBS
def test_token_from_another_query_rejected(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any, changed: dict[str, str]
) -> None:
    token = first_token(hpt_sagemaker_client, hpt_tuning_job.name)
    error = error_of(
        lambda: list_page(hpt_sagemaker_client, hpt_tuning_job.name, NextToken=token, **changed)
    )
    assert error.response["Error"]["Code"] == "ValidationException"
    assert "different" in error.response["Error"]["Message"]


@MIXED_JOBS
def test_token_accepted_for_other_casing_of_name(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    token = first_token(hpt_sagemaker_client, hpt_tuning_job.name)
    page = list_page(
        hpt_sagemaker_client, hpt_tuning_job.name.upper(), NextToken=token, MaxResults=2
    )
    assert len(page["TrainingJobSummaries"]) == 2


def tampered_tokens(token: str) -> dict[str, str]:
    body, _, signature = token.partition(".")
    flipped = chr(ord(body[5]) ^ 1) + ""
    return {
        "truncated": token[:-3],
        "extended": token + "A",
        "bit flipped": body[:5] + flipped + body[6:] + "." + signature,
        "padded": token + "==",
        # MIME base64: the same bytes, with line breaks and padding.
        "mime base64": base64.encodebytes(base64.urlsafe_b64decode(body + "==")).decode()
        + "."
        + signature,
        "no signature": body,
        "forged": base64.urlsafe_b64encode(b'{"after":["zzz"],"job":"x","query":[]}').decode()
        + "."
        + signature,
        "garbage": "not-a-token",
        "non ascii": token[:10] + "é" + token[11:],
    }


@pytest.mark.parametrize(
    "kind",
    [
        "truncated",
        "extended",
        "bit flipped",
        "padded",
        "mime base64",
        "no signature",
        "forged",
        "garbage",
        "non ascii",
    ],
)
@MIXED_JOBS
def test_tampered_token_rejected(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any, kind: str
) -> None:
    token = first_token(hpt_sagemaker_client, hpt_tuning_job.name)
    bad = tampered_tokens(token)[kind]
    assert bad != token
    assert_invalid_token(
        lambda: list_page(hpt_sagemaker_client, hpt_tuning_job.name, NextToken=bad)
    )


@MIXED_JOBS
def test_overlong_token_rejected_by_length(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    error = error_of(
        lambda: list_page(hpt_sagemaker_client, hpt_tuning_job.name, NextToken="a" * 8193)
    )
    assert error.response["Error"]["Code"] == "ValidationException"
    assert (
        "at 'nextToken' failed to satisfy constraint: "
        "Member must have length less than or equal to 8192" in (error.response["Error"]["Message"])
    )


@MIXED_JOBS
def test_empty_token_starts_at_first_page(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    page = list_page(hpt_sagemaker_client, hpt_tuning_job.name, NextToken="")
    assert (
        page["TrainingJobSummaries"]
        == list_page(hpt_sagemaker_client, hpt_tuning_job.name)["TrainingJobSummaries"]
    )


@MIXED_JOBS
def test_tokens_are_the_same_for_the_same_seed(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    first = first_token(hpt_sagemaker_client, hpt_tuning_job.name)
    again = first_token(hpt_sagemaker_client, hpt_tuning_job.name)
    assert first == again


# --- validation of bad input --------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"HyperParameterTuningJobName": "bad_name"},
            "Value 'bad_name' at 'hyperParameterTuningJobName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}",
        ),
        (
            {"HyperParameterTuningJobName": "job", "SortBy": "Duration"},
            "Value 'Duration' at 'sortBy' failed to satisfy constraint: Member must satisfy enum "
            "value set: [Name, CreationTime, Status, FinalObjectiveMetricValue]",
        ),
        (
            {"HyperParameterTuningJobName": "job", "SortOrder": "Up"},
            "Value 'Up' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum "
            "value set: [Ascending, Descending]",
        ),
        (
            {"HyperParameterTuningJobName": "job", "StatusEquals": "Done"},
            "Value 'Done' at 'statusEquals' failed to satisfy constraint: Member must satisfy "
            "enum value set: [InProgress, Completed, Failed, Stopping, Stopped, Deleting]",
        ),
    ],
    ids=["name pattern", "sort key", "sort order", "status"],
)
def test_invalid_value_rejected_with_aws_message(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any, params: dict[str, Any], expected: str
) -> None:
    error = error_of(
        lambda: hpt_sagemaker_client.list_training_jobs_for_hyper_parameter_tuning_job(**params)
    )
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Error"]["Code"] == "ValidationException"
    assert error.response["Error"]["Message"] == f"1 validation error detected: {expected}"


def test_overlong_name_fails_length_and_pattern(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    name = "a" * 33
    error = error_of(lambda: list_page(hpt_sagemaker_client, name))
    assert error.response["Error"]["Message"] == (
        f"2 validation errors detected: Value '{name}' at 'hyperParameterTuningJobName' failed to "
        "satisfy constraint: Member must have length less than or equal to 32; "
        f"Value '{name}' at 'hyperParameterTuningJobName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}"
    )


def test_several_invalid_values_listed_together(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any
) -> None:
    error = error_of(
        lambda: list_page(
            hpt_sagemaker_client, "job", MaxResults=500, SortBy="Size", SortOrder="Up"
        )
    )
    message = error.response["Error"]["Message"]
    assert message.startswith("3 validation errors detected: ")
    assert message.count("; ") == 2


def test_missing_name_rejected_without_client_validation(hpt_mock: TuningJobMock) -> None:
    client = unvalidated_client(hpt_mock)
    error = error_of(lambda: client.list_training_jobs_for_hyper_parameter_tuning_job())
    assert error.response["Error"]["Code"] == "ValidationException"
    assert error.response["Error"]["Message"] == (
        "1 validation error detected: Value null at 'hyperParameterTuningJobName' failed to "
        "satisfy constraint: Member must not be null"
    )


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        (
            {"HyperParameterTuningJobName": "job", "MaxResults": "ten"},
            "STRING_VALUE can not be converted to an Integer",
        ),
        ({"HyperParameterTuningJobName": 1234}, "NUMBER_VALUE can not be converted to a String"),
        (
            {"HyperParameterTuningJobName": "job", "MaxResults": 2.5},
            "NUMBER_VALUE can not be converted to an Integer",
        ),
        ({"HyperParameterTuningJobName": ["job"]}, "START_ARRAY can not be converted to a String"),
        (
            {"HyperParameterTuningJobName": "job", "SortBy": {"Name": 1}},
            "START_OBJECT can not be converted to a String",
        ),
    ],
    ids=["string for integer", "number for string", "fraction for integer", "list", "object"],
)
def test_wrong_type_is_serialization_exception(
    hpt_mock: TuningJobMock, params: dict[str, Any], fragment: str
) -> None:
    client = unvalidated_client(hpt_mock)
    error = error_of(lambda: client.list_training_jobs_for_hyper_parameter_tuning_job(**params))
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Error"]["Code"] == "SerializationException"
    assert fragment in error.response["Error"]["Message"]


# --- ties ----------------------------------------------------------------------------


def seed_ties(mock: TuningJobMock) -> FakeTuningJob:
    """Twelve training jobs sharing creation time, status and objective value."""
    moment = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
    jobs = [
        {
            "TrainingJobStatus": "Completed",
            "CreationTime": moment,
            "TrainingStartTime": moment + timedelta(minutes=1),
            "TrainingEndTime": moment + timedelta(minutes=30),
            "FinalHyperParameterTuningJobObjectiveMetric": {
                "Type": "Maximize",
                "MetricName": "validation:auc",
                "Value": 0.9,
            },
            "ObjectiveStatus": "Succeeded",
        }
        for _ in range(12)
    ]
    return mock.add_tuning_job("tied-job", training_jobs=jobs)


@pytest.mark.parametrize("order", ["Ascending", "Descending"])
@pytest.mark.parametrize("sort_by", SORT_KEYS)
@pytest.mark.parametrize("size", [1, 5])
def test_ties_never_repeat_or_skip(
    hpt_mock: TuningJobMock, hpt_sagemaker_client: Any, sort_by: str, order: str, size: int
) -> None:
    job = seed_ties(hpt_mock)
    listed = list_all(hpt_sagemaker_client, job.name, size, SortBy=sort_by, SortOrder=order)
    names = [s["TrainingJobName"] for s in listed]
    assert sorted(names) == sorted(job.training_job_names)
    assert names == sorted(names, reverse=order == "Descending")


# --- paginator -------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["Ascending", "Descending"])
@pytest.mark.parametrize("sort_by", SORT_KEYS)
@MIXED_JOBS
def test_paginator_matches_direct_calls(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any, sort_by: str, order: str
) -> None:
    paginator = hpt_sagemaker_client.get_paginator(
        "list_training_jobs_for_hyper_parameter_tuning_job"
    )
    pages = list(
        paginator.paginate(
            HyperParameterTuningJobName=hpt_tuning_job.name,
            SortBy=sort_by,
            SortOrder=order,
            PaginationConfig={"PageSize": 4},
        )
    )
    for page in pages:
        assert not service_model.output_shape_problems(OPERATION, page)
    names = [s["TrainingJobName"] for page in pages for s in page["TrainingJobSummaries"]]
    direct = list_all(hpt_sagemaker_client, hpt_tuning_job.name, 4, SortBy=sort_by, SortOrder=order)
    assert names == [s["TrainingJobName"] for s in direct]


@MIXED_JOBS
def test_paginator_build_full_result(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    paginator = hpt_sagemaker_client.get_paginator(
        "list_training_jobs_for_hyper_parameter_tuning_job"
    )
    result = paginator.paginate(
        HyperParameterTuningJobName=hpt_tuning_job.name,
        PaginationConfig={"PageSize": 5, "MaxItems": 12},
    ).build_full_result()
    assert len(result["TrainingJobSummaries"]) == 12
    resumed = paginator.paginate(
        HyperParameterTuningJobName=hpt_tuning_job.name,
        PaginationConfig={"PageSize": 5, "StartingToken": result["NextToken"]},
    ).build_full_result()
    assert len(resumed["TrainingJobSummaries"]) == 37 - 12


# --- response envelope ------------------------------------------------------------------


@MIXED_JOBS
def test_response_headers_are_sagemakers(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    metadata = list_page(hpt_sagemaker_client, hpt_tuning_job.name)["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.1"
    assert len(metadata["RequestId"]) == 36


@MIXED_JOBS
def test_datetimes_are_timezone_aware(
    hpt_tuning_job: FakeTuningJob, hpt_sagemaker_client: Any
) -> None:
    summary = list_page(hpt_sagemaker_client, hpt_tuning_job.name)["TrainingJobSummaries"][0]
    assert summary["CreationTime"].utcoffset() is not None
    assert (
        summary["CreationTime"]
        == hpt_tuning_job.summaries[
            hpt_tuning_job.training_job_names.index(summary["TrainingJobName"])
        ]["CreationTime"]
    )


def test_boto3_default_session_client_is_served(hpt_tuning_job: FakeTuningJob) -> None:
    client = boto3.client("sagemaker", region_name="us-east-1")
    assert len(list_page(client, hpt_tuning_job.name)["TrainingJobSummaries"]) == 10


def test_token_spells_zero_objective_one_way() -> None:
    def first_token(value: float) -> str:
        metric = {"MetricName": "validation:rmse", "Value": value}
        rows = [
            {"TrainingJobName": "zero", "FinalHyperParameterTuningJobObjectiveMetric": metric},
            {
                "TrainingJobName": "one",
                "FinalHyperParameterTuningJobObjectiveMetric": {**metric, "Value": 1.0},
            },
        ]
        mock = TuningJobMock(seed=1)
        with mock:
            job = mock.add_tuning_job("zeros", training_jobs=rows)
            page = mock.client().list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=job.name,
                SortBy="FinalObjectiveMetricValue",
                MaxResults=1,
            )
        assert page["TrainingJobSummaries"][0]["TrainingJobName"] == "zero"
        token: str = page["NextToken"]
        return token

    listing.encode_token.cache_clear()
    negative_zero_first = first_token(-0.0)
    positive_zero_after = first_token(0.0)
    listing.encode_token.cache_clear()
    positive_zero_first = first_token(0.0)

    assert negative_zero_first == positive_zero_after == positive_zero_first
