"""The fake beside moto's mock_aws: the fake serves its tuning job operations, moto the rest."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from pytest_hpt_fixtures import TuningJobMock, mock_tuning_jobs, output_shape_problems

ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"

DEFINITION = {
    "AlgorithmSpecification": {"TrainingImage": "my-image:1", "TrainingInputMode": "File"},
    "RoleArn": ROLE_ARN,
    "OutputDataConfig": {"S3OutputPath": "s3://my-bucket/output"},
    "ResourceConfig": {"InstanceType": "ml.c5.2xlarge", "InstanceCount": 2, "VolumeSizeInGB": 50},
    "StoppingCondition": {"MaxRuntimeInSeconds": 7200},
    "StaticHyperParameters": {"objective": "reg:squarederror"},
}

CONFIG = {
    "Strategy": "Random",
    "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "validation:rmse"},
    "ResourceLimits": {"MaxNumberOfTrainingJobs": 12, "MaxParallelTrainingJobs": 3},
    "ParameterRanges": {
        "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "2", "MaxValue": "6"}],
        "CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree", "dart"]}],
    },
}


@contextlib.contextmanager
def moto_and_fake(order: str, seed: int = 11) -> Iterator[TuningJobMock]:
    """Enter moto's mock_aws and the fake in the given order."""
    if order == "moto-first":
        with mock_aws(), mock_tuning_jobs(seed=seed) as fake:
            yield fake
    else:
        with mock_tuning_jobs(seed=seed) as fake, mock_aws():
            yield fake


ORDERS = pytest.mark.parametrize("order", ["moto-first", "fake-first"])


def create_with_moto(client: Any, name: str = "moto-tuning-job", **overrides: Any) -> None:
    params: dict[str, Any] = {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": CONFIG,
        "TrainingJobDefinition": DEFINITION,
    }
    params.update(overrides)
    client.create_hyper_parameter_tuning_job(**params)


@ORDERS
def test_moto_seeded_job_listed(order):
    with moto_and_fake(order) as fake:
        job = fake.add_tuning_job(training_jobs=25)
        client = boto3.client("sagemaker", region_name="us-east-1")

        paginator = client.get_paginator("list_training_jobs_for_hyper_parameter_tuning_job")
        names = [
            summary["TrainingJobName"]
            for page in paginator.paginate(HyperParameterTuningJobName=job.name)
            for summary in page["TrainingJobSummaries"]
        ]

    assert sorted(names) == sorted(job.training_job_names)


@ORDERS
def test_moto_seeded_describe_wins(order):
    with moto_and_fake(order) as fake:
        job = fake.add_tuning_job(training_jobs=10)
        client = boto3.client("sagemaker", region_name="us-east-1")

        response = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)

    assert output_shape_problems("DescribeHyperParameterTuningJob", response) == []
    assert response["BestTrainingJob"] == job.best_training_job
    assert sum(response["TrainingJobStatusCounters"].values()) == 10


@ORDERS
def test_moto_serves_s3_and_iam(order):
    with moto_and_fake(order) as fake:
        fake.add_tuning_job(training_jobs=2)
        s3 = boto3.client("s3", region_name="us-east-1")
        iam = boto3.client("iam", region_name="us-east-1")

        s3.create_bucket(Bucket="model-artifacts")
        s3.put_object(Bucket="model-artifacts", Key="model.tar.gz", Body=b"weights")
        iam.create_role(RoleName="SageMakerRole", AssumeRolePolicyDocument="{}")

        body = s3.get_object(Bucket="model-artifacts", Key="model.tar.gz")["Body"].read()
        role = iam.get_role(RoleName="SageMakerRole")["Role"]

    assert body == b"weights"
    assert role["Arn"] == ROLE_ARN
    assert fake.calls == []


@ORDERS
def test_moto_serves_other_sagemaker_calls(order):
    with moto_and_fake(order) as fake:
        fake.add_tuning_job(training_jobs=2)
        client = boto3.client("sagemaker", region_name="us-east-1")
        definition = {
            key: value
            for key, value in DEFINITION.items()
            if key not in ("StaticHyperParameters", "AlgorithmSpecification")
        }

        client.create_training_job(
            TrainingJobName="standalone-training",
            AlgorithmSpecification=DEFINITION["AlgorithmSpecification"],
            **definition,
        )
        described = client.describe_training_job(TrainingJobName="standalone-training")
        listed = client.list_training_jobs()["TrainingJobSummaries"]

    assert described["TrainingJobName"] == "standalone-training"
    assert [item["TrainingJobName"] for item in listed] == ["standalone-training"]


@ORDERS
def test_moto_created_job_listed(order):
    with moto_and_fake(order) as fake:
        client = boto3.client("sagemaker", region_name="us-east-1")
        create_with_moto(client)

        response = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="moto-tuning-job", MaxResults=100
        )
        assert fake.calls[-1].operation == "ListTrainingJobsForHyperParameterTuningJob"

    summaries = response["TrainingJobSummaries"]
    assert output_shape_problems("ListTrainingJobsForHyperParameterTuningJob", response) == []
    assert len(summaries) == 12
    for summary in summaries:
        assert summary["TrainingJobName"].startswith("moto-tuning-job-")
        assert 2 <= int(summary["TunedHyperParameters"]["max_depth"]) <= 6
        assert summary["TunedHyperParameters"]["booster"] in ("gbtree", "dart")


@ORDERS
def test_moto_created_job_described(order):
    with moto_and_fake(order) as fake:
        client = boto3.client("sagemaker", region_name="us-east-1")
        create_with_moto(client)

        described = client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="moto-tuning-job"
        )
        job = fake.get_tuning_job("moto-tuning-job")

    assert output_shape_problems("DescribeHyperParameterTuningJob", described) == []
    assert described["TrainingJobDefinition"] == DEFINITION
    assert described["HyperParameterTuningJobConfig"]["ResourceLimits"] == CONFIG["ResourceLimits"]
    assert described["BestTrainingJob"] == job.best_training_job
    assert described["BestTrainingJob"]["TrainingJobName"].startswith("moto-tuning-job-")


@ORDERS
def test_moto_created_training_job_described(order):
    with moto_and_fake(order):
        client = boto3.client("sagemaker", region_name="us-east-1")
        create_with_moto(client)
        summary = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="moto-tuning-job"
        )["TrainingJobSummaries"][0]

        described = client.describe_training_job(TrainingJobName=summary["TrainingJobName"])

    assert output_shape_problems("DescribeTrainingJob", described) == []
    assert described["ResourceConfig"] == DEFINITION["ResourceConfig"]
    assert described["HyperParameters"]["objective"] == "reg:squarederror"
    assert described["HyperParameters"]["max_depth"] == summary["TunedHyperParameters"]["max_depth"]


@ORDERS
def test_moto_created_job_in_tuning_job_list(order):
    with moto_and_fake(order) as fake:
        seeded = fake.add_tuning_job(training_jobs=2)
        client = boto3.client("sagemaker", region_name="us-east-1")
        create_with_moto(client)

        response = client.list_hyper_parameter_tuning_jobs(SortBy="Name")

    names = [
        item["HyperParameterTuningJobName"] for item in response["HyperParameterTuningJobSummaries"]
    ]
    assert output_shape_problems("ListHyperParameterTuningJobs", response) == []
    assert sorted(names, key=str.lower) == names
    assert set(names) == {seeded.name, "moto-tuning-job"}


def test_moto_created_job_deterministic():
    names = []
    for _ in range(2):
        with moto_and_fake("moto-first", seed=99):
            client = boto3.client("sagemaker", region_name="us-east-1")
            create_with_moto(client)
            response = client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="moto-tuning-job", MaxResults=100
            )
            names.append([item["TrainingJobName"] for item in response["TrainingJobSummaries"]])

    assert names[0] == names[1]


def test_moto_created_job_with_several_definitions():
    definitions = [
        {
            **DEFINITION,
            "DefinitionName": name,
            "TuningObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
            "HyperParameterRanges": CONFIG["ParameterRanges"],
        }
        for name in ("first", "second")
    ]
    config = {
        key: value
        for key, value in CONFIG.items()
        if key not in ("HyperParameterTuningJobObjective", "ParameterRanges")
    }
    with moto_and_fake("moto-first"):
        client = boto3.client("sagemaker", region_name="us-east-1")
        client.create_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="two-definitions",
            HyperParameterTuningJobConfig=config,
            TrainingJobDefinitions=definitions,
        )

        summaries = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="two-definitions", MaxResults=100
        )["TrainingJobSummaries"]
        described = client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="two-definitions"
        )

    assert {item["TrainingJobDefinitionName"] for item in summaries} == {"first", "second"}
    assert described["TrainingJobDefinitions"] == definitions
    assert output_shape_problems("DescribeHyperParameterTuningJob", described) == []


def test_moto_created_job_without_ranges_empty():
    config = {key: value for key, value in CONFIG.items() if key != "ParameterRanges"}
    with moto_and_fake("moto-first"):
        client = boto3.client("sagemaker", region_name="us-east-1")
        create_with_moto(client, HyperParameterTuningJobConfig=config)

        response = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="moto-tuning-job"
        )
        described = client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="moto-tuning-job"
        )

    assert response["TrainingJobSummaries"] == []
    assert "BestTrainingJob" not in described
    assert output_shape_problems("DescribeHyperParameterTuningJob", described) == []


def test_moto_seeded_name_wins_over_moto_job():
    with moto_and_fake("moto-first") as fake:
        seeded = fake.add_tuning_job("shared-name", training_jobs=4)
        client = boto3.client("sagemaker", region_name="us-east-1")
        create_with_moto(client, name="shared-name")

        response = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="shared-name"
        )
        listed = client.list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"]

    names = sorted(item["TrainingJobName"] for item in response["TrainingJobSummaries"])
    assert names == sorted(seeded.training_job_names)
    assert [item["HyperParameterTuningJobName"] for item in listed] == ["shared-name"]


@ORDERS
def test_moto_unknown_tuning_job_not_found(order):
    with moto_and_fake(order):
        client = boto3.client("sagemaker", region_name="us-east-1")

        with pytest.raises(ClientError) as raised:
            client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="never-created"
            )

    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"


def test_moto_jobs_gone_after_mock_aws_exits():
    with mock_tuning_jobs(seed=3):
        client = boto3.client("sagemaker", region_name="us-east-1")
        with mock_aws():
            create_with_moto(client)
            client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="moto-tuning-job"
            )

        with pytest.raises(ClientError) as raised:
            client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="moto-tuning-job"
            )

    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"


def test_moto_with_fixture(hpt_mock, hpt_tuning_job):
    with mock_aws():
        client = boto3.client("sagemaker", region_name=hpt_mock.region)
        s3 = boto3.client("s3", region_name=hpt_mock.region)
        s3.create_bucket(Bucket="fixture-bucket")

        response = client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=hpt_tuning_job.name
        )

    assert response["HyperParameterTuningJobArn"] == hpt_tuning_job.arn


def test_moto_retried_request_stays_with_fake():
    with moto_and_fake("moto-first") as fake:
        job = fake.add_tuning_job(training_jobs=3)
        fake.inject_error("ListTrainingJobsForHyperParameterTuningJob", "ThrottlingException")
        client = boto3.client("sagemaker", region_name="us-east-1")

        response = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name
        )

    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert len(response["TrainingJobSummaries"]) == 3
    assert [call.error_code for call in fake.calls] == ["ThrottlingException", None]


def test_moto_created_job_without_objective_empty():
    config = {"Strategy": "Bayesian", "ResourceLimits": CONFIG["ResourceLimits"]}
    with moto_and_fake("moto-first"):
        client = boto3.client("sagemaker", region_name="us-east-1")
        create_with_moto(client, HyperParameterTuningJobConfig=config)

        described = client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="moto-tuning-job"
        )
        listed = client.list_hyper_parameter_tuning_jobs()

    assert output_shape_problems("DescribeHyperParameterTuningJob", described) == []
    assert output_shape_problems("ListHyperParameterTuningJobs", listed) == []
    assert "HyperParameterTuningJobObjective" not in described["HyperParameterTuningJobConfig"]
    assert sum(described["TrainingJobStatusCounters"].values()) == 0
