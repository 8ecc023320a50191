"""ListHyperParameterTuningJobs against seeded tuning jobs, through real boto3 clients."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_hpt_fixtures import output_shape_problems

OPERATION = "ListHyperParameterTuningJobs"


def list_jobs(client: Any, **params: Any) -> dict[str, Any]:
    response: dict[str, Any] = client.list_hyper_parameter_tuning_jobs(**params)
    assert output_shape_problems(OPERATION, response) == []
    return response


def listed_names(client: Any, **params: Any) -> list[str]:
    """Collect every page through botocore's paginator."""
    paginator = client.get_paginator("list_hyper_parameter_tuning_jobs")
    names = []
    for page in paginator.paginate(**params):
        assert output_shape_problems(OPERATION, page) == []
        names.extend(
            item["HyperParameterTuningJobName"] for item in page["HyperParameterTuningJobSummaries"]
        )
    return names


@pytest.fixture
def seeded(hpt_mock):
    """Five tuning jobs with distinct names and mixed statuses."""
    return [
        hpt_mock.add_tuning_job("alpha-churn", training_jobs=6, status="Completed"),
        hpt_mock.add_tuning_job("Beta-Churn", training_jobs=4, status="InProgress"),
        hpt_mock.add_tuning_job("gamma-fraud", training_jobs=5, status="Failed"),
        hpt_mock.add_tuning_job("delta-fraud", training_jobs=3, status="Completed"),
        hpt_mock.add_tuning_job("epsilon-ltv", training_jobs=2, status="Stopped"),
    ]


def test_list_returns_every_seeded_job(seeded, hpt_sagemaker_client):
    response = list_jobs(hpt_sagemaker_client, MaxResults=100)

    names = [
        item["HyperParameterTuningJobName"] for item in response["HyperParameterTuningJobSummaries"]
    ]
    assert names == ["alpha-churn", "Beta-Churn", "delta-fraud", "epsilon-ltv", "gamma-fraud"]
    assert "NextToken" not in response


def test_list_default_page_is_ten(hpt_mock, hpt_sagemaker_client):
    for _ in range(12):
        hpt_mock.add_tuning_job(training_jobs=1)

    response = list_jobs(hpt_sagemaker_client)

    assert len(response["HyperParameterTuningJobSummaries"]) == 10
    assert "NextToken" in response


def test_list_summary_matches_describe(seeded, hpt_sagemaker_client):
    summaries = list_jobs(hpt_sagemaker_client, MaxResults=100)["HyperParameterTuningJobSummaries"]

    for summary in summaries:
        described = hpt_sagemaker_client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=summary["HyperParameterTuningJobName"]
        )
        for key in (
            "HyperParameterTuningJobArn",
            "HyperParameterTuningJobStatus",
            "CreationTime",
            "LastModifiedTime",
            "TrainingJobStatusCounters",
            "ObjectiveStatusCounters",
        ):
            assert summary[key] == described[key], key
        assert summary.get("HyperParameterTuningEndTime") == described.get(
            "HyperParameterTuningEndTime"
        )
        assert summary["Strategy"] == described["HyperParameterTuningJobConfig"]["Strategy"]
        assert (
            summary["ResourceLimits"]
            == described["HyperParameterTuningJobConfig"]["ResourceLimits"]
        )


def test_list_name_contains_ignores_case(seeded, hpt_sagemaker_client):
    assert listed_names(hpt_sagemaker_client, NameContains="CHURN") == ["alpha-churn", "Beta-Churn"]


def test_list_status_equals(seeded, hpt_sagemaker_client):
    assert listed_names(hpt_sagemaker_client, StatusEquals="Completed") == [
        "alpha-churn",
        "delta-fraud",
    ]


def test_list_filters_combine(seeded, hpt_sagemaker_client):
    names = listed_names(hpt_sagemaker_client, NameContains="fraud", StatusEquals="Failed")

    assert names == ["gamma-fraud"]


def test_list_creation_time_bounds_strict(seeded, hpt_sagemaker_client):
    ordered = sorted(
        list_jobs(hpt_sagemaker_client, MaxResults=100)["HyperParameterTuningJobSummaries"],
        key=lambda item: item["CreationTime"],
    )
    middle = ordered[2]

    after = listed_names(hpt_sagemaker_client, CreationTimeAfter=middle["CreationTime"])
    before = listed_names(hpt_sagemaker_client, CreationTimeBefore=middle["CreationTime"])

    assert sorted(after) == sorted(item["HyperParameterTuningJobName"] for item in ordered[3:])
    assert sorted(before) == sorted(item["HyperParameterTuningJobName"] for item in ordered[:2])


def test_list_last_modified_time_bounds(seeded, hpt_sagemaker_client):
    summaries = list_jobs(hpt_sagemaker_client, MaxResults=100)["HyperParameterTuningJobSummaries"]
    latest = max(item["LastModifiedTime"] for item in summaries)
    earliest = min(item["LastModifiedTime"] for item in summaries)

    # botocore sends timestamps in whole seconds, so a bound one second past
    # the latest time excludes it whatever its milliseconds.
    assert (
        listed_names(hpt_sagemaker_client, LastModifiedTimeAfter=latest + timedelta(seconds=1))
        == []
    )
    assert listed_names(hpt_sagemaker_client, LastModifiedTimeBefore=earliest) == []
    window = listed_names(
        hpt_sagemaker_client,
        LastModifiedTimeAfter=earliest - timedelta(seconds=1),
        LastModifiedTimeBefore=latest + timedelta(seconds=1),
    )
    assert len(window) == len(summaries)


@pytest.mark.parametrize("sort_order", ["Ascending", "Descending"])
def test_list_sort_by_name(seeded, hpt_sagemaker_client, sort_order):
    names = listed_names(hpt_sagemaker_client, SortBy="Name", SortOrder=sort_order)

    expected = sorted(names, key=str.lower, reverse=sort_order == "Descending")
    assert names == expected


def test_list_sort_by_status_ties_by_name(seeded, hpt_sagemaker_client):
    response = list_jobs(hpt_sagemaker_client, SortBy="Status", MaxResults=100)
    keys = [
        (item["HyperParameterTuningJobStatus"], item["HyperParameterTuningJobName"].lower())
        for item in response["HyperParameterTuningJobSummaries"]
    ]

    assert keys == sorted(keys)


@pytest.mark.parametrize("sort_order", ["Ascending", "Descending"])
def test_list_sort_by_creation_time(seeded, hpt_sagemaker_client, sort_order):
    response = list_jobs(
        hpt_sagemaker_client, SortBy="CreationTime", SortOrder=sort_order, MaxResults=100
    )
    times = [item["CreationTime"] for item in response["HyperParameterTuningJobSummaries"]]

    assert times == sorted(times, reverse=sort_order == "Descending")


@pytest.mark.parametrize("sort_by", ["Name", "Status", "CreationTime"])
@pytest.mark.parametrize("sort_order", ["Ascending", "Descending"])
def test_list_pages_neither_repeat_nor_skip(hpt_mock, hpt_sagemaker_client, sort_by, sort_order):
    for index in range(11):
        hpt_mock.add_tuning_job(training_jobs=1, status=("Completed", "Failed")[index % 2])
    full = list_jobs(hpt_sagemaker_client, SortBy=sort_by, SortOrder=sort_order, MaxResults=100)
    expected = [
        item["HyperParameterTuningJobName"] for item in full["HyperParameterTuningJobSummaries"]
    ]

    names = listed_names(
        hpt_sagemaker_client,
        SortBy=sort_by,
        SortOrder=sort_order,
        PaginationConfig={"PageSize": 3},
    )

    assert names == expected
    assert len(set(names)) == 11


def test_list_job_added_between_pages_appears(hpt_mock, hpt_sagemaker_client):
    for name in ("job-a", "job-b", "job-c"):
        hpt_mock.add_tuning_job(name, training_jobs=1)
    first = list_jobs(hpt_sagemaker_client, MaxResults=2)

    hpt_mock.add_tuning_job("job-z", training_jobs=1)
    second = list_jobs(hpt_sagemaker_client, MaxResults=2, NextToken=first["NextToken"])

    names = [
        item["HyperParameterTuningJobName"] for item in second["HyperParameterTuningJobSummaries"]
    ]
    assert names == ["job-c", "job-z"]


def test_list_token_for_other_filter_rejected(seeded, hpt_sagemaker_client):
    first = list_jobs(hpt_sagemaker_client, MaxResults=1, StatusEquals="Completed")

    with pytest.raises(ClientError) as raised:
        hpt_sagemaker_client.list_hyper_parameter_tuning_jobs(
            MaxResults=1, StatusEquals="Failed", NextToken=first["NextToken"]
        )

    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "pagination token" in error["Message"]


def test_list_token_for_other_region_rejected(hpt_mock):
    hpt_mock.add_tuning_job(training_jobs=1, region="eu-west-1")
    hpt_mock.add_tuning_job(training_jobs=1, region="eu-west-1")
    hpt_mock.add_tuning_job(training_jobs=1)
    hpt_mock.add_tuning_job(training_jobs=1)
    token = list_jobs(hpt_mock.client(region_name="eu-west-1"), MaxResults=1)["NextToken"]

    with pytest.raises(ClientError) as raised:
        hpt_mock.client().list_hyper_parameter_tuning_jobs(MaxResults=1, NextToken=token)

    assert raised.value.response["Error"]["Code"] == "ValidationException"


@pytest.mark.parametrize(
    "token",
    ["not-a-token", "", "a.b", "eyJ9.AAAAAAAAAAAAAAAA"],
    ids=["garbage", "empty", "short", "bad-signature"],
)
def test_list_invalid_token_rejected(seeded, hpt_sagemaker_client, token):
    if token == "":
        # The fake reads an empty NextToken as none, so the listing starts at the top.
        response = list_jobs(hpt_sagemaker_client, NextToken=token)
        assert response["HyperParameterTuningJobSummaries"]
        return
    with pytest.raises(ClientError) as raised:
        hpt_sagemaker_client.list_hyper_parameter_tuning_jobs(NextToken=token)

    assert raised.value.response["Error"]["Code"] == "ValidationException"


def test_list_tampered_token_rejected(seeded, hpt_sagemaker_client):
    token = list_jobs(hpt_sagemaker_client, MaxResults=1)["NextToken"]
    body, _, signature = token.partition(".")
    tampered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + signature

    with pytest.raises(ClientError) as raised:
        hpt_sagemaker_client.list_hyper_parameter_tuning_jobs(MaxResults=1, NextToken=tampered)

    assert raised.value.response["Error"]["Code"] == "ValidationException"


@pytest.mark.parametrize("max_results", [0, 101])
def test_list_page_size_out_of_range_rejected(hpt_mock, max_results):
    client = hpt_mock.client(config=Config(parameter_validation=False))

    with pytest.raises(ClientError) as raised:
        client.list_hyper_parameter_tuning_jobs(MaxResults=max_results)

    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert f"Value '{max_results}' at 'maxResults'" in error["Message"]


def test_list_invalid_sort_by_rejected(hpt_mock):
    client = hpt_mock.client(config=Config(parameter_validation=False))

    with pytest.raises(ClientError) as raised:
        client.list_hyper_parameter_tuning_jobs(SortBy="FinalObjectiveMetricValue")

    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "[Name, Status, CreationTime]" in error["Message"]


def test_list_invalid_timestamp_rejected(hpt_mock):
    client = hpt_mock.client(config=Config(parameter_validation=False))
    client.meta.events.register(
        "before-sign.sagemaker.ListHyperParameterTuningJobs", _replace_body_with_bad_time
    )

    with pytest.raises(ClientError) as raised:
        client.list_hyper_parameter_tuning_jobs()

    error = raised.value.response["Error"]
    assert error["Code"] == "SerializationException"
    assert "creationTimeAfter" in error["Message"]


def _replace_body_with_bad_time(request: Any, **kwargs: Any) -> None:
    request.data = b'{"CreationTimeAfter": "yesterday"}'


def test_list_other_region_and_account_apart(hpt_mock):
    home = hpt_mock.add_tuning_job(training_jobs=1)
    hpt_mock.add_tuning_job(training_jobs=1, region="eu-west-1")
    hpt_mock.add_tuning_job(training_jobs=1, account_id="210987654321")

    assert listed_names(hpt_mock.client()) == [home.name]
    assert len(listed_names(hpt_mock.client(region_name="eu-west-1"))) == 1
    assert len(listed_names(hpt_mock.client(account_id="210987654321"))) == 1


def test_list_empty_without_jobs(hpt_sagemaker_client):
    response = list_jobs(hpt_sagemaker_client)

    assert response["HyperParameterTuningJobSummaries"] == []
    assert "NextToken" not in response
