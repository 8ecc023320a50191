"""A request sent again gets the response that the fake's state gives at that moment.

The fake sends the previous result for a listing request that repeats the
previous one byte for byte, without decoding it again. These tests change
the state between two identical requests in every way a test can, and
check that the second response follows the change.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto import mock_aws

from pytest_hpt_fixtures import TuningJobMock, mock_tuning_jobs

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"


@pytest.fixture
def client(hpt_mock: TuningJobMock) -> Any:
    return hpt_mock.client(config=Config(retries={"total_max_attempts": 1}))


def names(response: dict[str, Any]) -> list[str]:
    return [summary["TrainingJobName"] for summary in response["TrainingJobSummaries"]]


def list_jobs(client: Any, name: str, **arguments: Any) -> dict[str, Any]:
    response: dict[str, Any] = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, **arguments
    )
    return response


def test_repeat_recorded_each_time(hpt_mock: TuningJobMock, client: Any) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=30)

    pages = [list_jobs(client, job.name, MaxResults=5) for _ in range(3)]

    assert (
        names(pages[0]) == names(pages[1]) == names(pages[2]) == sorted(job.training_job_names)[:5]
    )
    assert pages[0]["NextToken"] == pages[2]["NextToken"]
    calls = [call for call in hpt_mock.calls if call.operation == OPERATION]
    assert len(calls) == 3
    assert [call.params for call in calls] == [
        {"HyperParameterTuningJobName": job.name, "MaxResults": 5}
    ] * 3
    request_ids = {page["ResponseMetadata"]["RequestId"] for page in pages}
    assert len(request_ids) == 3


def test_recorded_params_are_not_shared(hpt_mock: TuningJobMock, client: Any) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=3)
    for _ in range(3):
        list_jobs(client, job.name)

    hpt_mock.calls[0].params["MaxResults"] = 99
    hpt_mock.calls[1].params.clear()

    assert hpt_mock.calls[2].params == {"HyperParameterTuningJobName": job.name}
    list_jobs(client, job.name)
    assert hpt_mock.calls[3].params == {"HyperParameterTuningJobName": job.name}


@pytest.mark.parametrize("page", ["first", "second"])
def test_repeat_sees_added_training_jobs(hpt_mock: TuningJobMock, client: Any, page: str) -> None:
    job = hpt_mock.add_tuning_job(
        training_jobs=[{"TrainingJobName": name} for name in ("b", "d", "f", "h")]
    )
    arguments: dict[str, Any] = {"MaxResults": 2}
    if page == "second":
        arguments["NextToken"] = list_jobs(client, job.name, MaxResults=2)["NextToken"]
    before = list_jobs(client, job.name, **arguments)

    hpt_mock.add_training_jobs(job, [{"TrainingJobName": "a"}, {"TrainingJobName": "e"}])
    after = list_jobs(client, job.name, **arguments)

    expected = (["b", "d"], ["a", "b"]) if page == "first" else (["f", "h"], ["e", "f"])
    assert (names(before), names(after)) == expected


def test_repeat_after_reset_reads_new_job(hpt_mock: TuningJobMock, client: Any) -> None:
    first = hpt_mock.add_tuning_job(name="same-name", training_jobs=4)
    before = list_jobs(client, "same-name")

    hpt_mock.reset()
    with pytest.raises(ClientError) as raised:
        list_jobs(client, "same-name")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"

    second = hpt_mock.add_tuning_job(name="same-name", training_jobs=7)
    after = list_jobs(client, "same-name")

    assert names(before) == sorted(first.training_job_names)
    assert names(after) == sorted(second.training_job_names)


def test_repeat_gets_injected_error(hpt_mock: TuningJobMock, client: Any) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=4)
    page = list_jobs(client, job.name)

    hpt_mock.inject_error(OPERATION, "ValidationException", message="Injected for the test")
    with pytest.raises(ClientError) as raised:
        list_jobs(client, job.name)

    assert raised.value.response["Error"]["Message"] == "Injected for the test"
    assert names(list_jobs(client, job.name)) == names(page)
    assert [call.status for call in hpt_mock.calls] == [200, 400, 200]


def test_repeat_gets_injected_short_page(hpt_mock: TuningJobMock, client: Any) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=6)
    full = list_jobs(client, job.name, MaxResults=4)

    hpt_mock.inject_short_pages(OPERATION, [1])
    short = list_jobs(client, job.name, MaxResults=4)
    again = list_jobs(client, job.name, MaxResults=4)

    assert names(short) == names(full)[:1]
    assert names(again) == names(full)


def test_repeat_in_other_region_not_found(
    hpt_mock: TuningJobMock,
) -> None:
    job = hpt_mock.add_tuning_job(name="regional", training_jobs=3)
    list_jobs(hpt_mock.client(), job.name)

    with pytest.raises(ClientError) as raised:
        list_jobs(hpt_mock.client(region_name="eu-west-1"), job.name)

    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"
    assert [call.region for call in hpt_mock.calls] == [hpt_mock.region, "eu-west-1"]


def test_repeat_of_moto_job_ends_with_mock_aws() -> None:
    definition = {
        "AlgorithmSpecification": {"TrainingImage": "image:1", "TrainingInputMode": "File"},
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/output"},
        "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }
    config = {
        "Strategy": "Random",
        "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
        "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2},
        "ParameterRanges": {
            "IntegerParameterRanges": [{"Name": "depth", "MinValue": "2", "MaxValue": "6"}]
        },
    }
    with mock_tuning_jobs(seed=5):
        client = boto3.client("sagemaker", region_name="us-east-1")
        with mock_aws():
            client.create_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="from-moto",
                HyperParameterTuningJobConfig=config,
                TrainingJobDefinition=definition,
            )
            first = list_jobs(client, "from-moto")
            second = list_jobs(client, "from-moto")

        with pytest.raises(ClientError) as raised:
            list_jobs(client, "from-moto")

    assert names(first) == names(second)
    assert len(names(first)) == 4
    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"
