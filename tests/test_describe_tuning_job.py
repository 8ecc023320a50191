"""DescribeHyperParameterTuningJob against seeded tuning jobs, through real boto3 clients."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_hpt_fixtures import output_shape_problems

OPERATION = "DescribeHyperParameterTuningJob"

RANGES = {
    "IntegerParameterRanges": [
        {"Name": "layers", "MinValue": "1", "MaxValue": "8", "ScalingType": "Linear"}
    ],
    "ContinuousParameterRanges": [
        {"Name": "learning_rate", "MinValue": "0.0001", "MaxValue": "0.1", "ScalingType": "Auto"}
    ],
    "CategoricalParameterRanges": [{"Name": "optimizer", "Values": ["adam", "sgd"]}],
}


def describe(client: Any, name: str) -> dict[str, Any]:
    response: dict[str, Any] = client.describe_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name
    )
    assert output_shape_problems(OPERATION, response) == []
    return response


@pytest.mark.parametrize(
    "status", ["Completed", "InProgress", "Failed", "Stopped", "Stopping", "Deleting"]
)
def test_describe_valid_for_each_status(hpt_mock, hpt_sagemaker_client, status):
    job = hpt_mock.add_tuning_job(training_jobs=25, status=status)

    response = describe(hpt_sagemaker_client, job.name)

    assert response["HyperParameterTuningJobName"] == job.name
    assert response["HyperParameterTuningJobArn"] == job.arn
    assert response["HyperParameterTuningJobStatus"] == status


def test_describe_status_counters_add_up(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=60, status="InProgress", strategy="Random")
    statuses = Counter(summary["TrainingJobStatus"] for summary in job.summaries)

    counters = describe(hpt_sagemaker_client, job.name)["TrainingJobStatusCounters"]

    assert sum(counters.values()) == len(job.summaries)
    assert counters["Completed"] == statuses["Completed"]
    assert counters["Stopped"] == statuses["Stopped"]
    assert counters["InProgress"] == statuses["InProgress"] + statuses["Stopping"]
    assert counters["RetryableError"] + counters["NonRetryableError"] == statuses["Failed"]


def test_describe_retryable_errors_by_failure_type(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(
        training_jobs=[
            {"TrainingJobStatus": "Failed", "FailureReason": "CapacityError: no ml.p3.2xlarge"},
            {"TrainingJobStatus": "Failed", "FailureReason": "InternalServerError: retry"},
            {"TrainingJobStatus": "Failed", "FailureReason": "AlgorithmError: exit code 1"},
            {"TrainingJobStatus": "Completed"},
        ]
    )

    counters = describe(hpt_sagemaker_client, job.name)["TrainingJobStatusCounters"]

    assert counters["RetryableError"] == 2
    assert counters["NonRetryableError"] == 1


def test_describe_objective_counters_add_up(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=40, status="InProgress")
    objective_statuses = Counter(summary["ObjectiveStatus"] for summary in job.summaries)

    counters = describe(hpt_sagemaker_client, job.name)["ObjectiveStatusCounters"]

    assert sum(counters.values()) == len(job.summaries)
    assert counters["Succeeded"] == objective_statuses["Succeeded"]
    assert counters["Pending"] == objective_statuses["Pending"]
    assert counters["Failed"] == objective_statuses["Failed"]


@pytest.mark.parametrize("objective_metric", ["validation:auc", "validation:rmse"])
def test_describe_best_training_job_matches_fake(hpt_mock, hpt_sagemaker_client, objective_metric):
    job = hpt_mock.add_tuning_job(training_jobs=30, objective_metric=objective_metric)

    response = describe(hpt_sagemaker_client, job.name)

    assert job.best_training_job is not None
    assert response["BestTrainingJob"] == job.best_training_job


def test_describe_best_training_job_absent_without_success(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(
        status="Failed", training_jobs=[{"TrainingJobStatus": "Failed"}] * 4
    )

    response = describe(hpt_sagemaker_client, job.name)

    assert job.best_training_job is None
    assert "BestTrainingJob" not in response
    assert response["FailureReason"]


def test_describe_config_declares_ranges_and_objective(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(
        training_jobs=12,
        parameter_ranges=RANGES,
        objective_metric="validation:rmse",
        strategy="Random",
        max_parallel_training_jobs=3,
    )

    response = describe(hpt_sagemaker_client, job.name)
    config = response["HyperParameterTuningJobConfig"]

    assert config["Strategy"] == "Random"
    assert config["HyperParameterTuningJobObjective"] == {
        "Type": "Minimize",
        "MetricName": "validation:rmse",
    }
    assert config["ParameterRanges"] == RANGES
    assert config["ResourceLimits"] == {"MaxNumberOfTrainingJobs": 12, "MaxParallelTrainingJobs": 3}
    assert "TrainingJobDefinition" in response
    assert "TrainingJobDefinitions" not in response


def test_describe_single_definition_is_coherent(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=5)

    definition = describe(hpt_sagemaker_client, job.name)["TrainingJobDefinition"]

    assert definition["AlgorithmSpecification"]["MetricDefinitions"][0]["Name"] == (
        job.objective_metric
    )
    assert definition["RoleArn"].startswith(f"arn:aws:iam::{job.account_id}:role/")
    assert job.name in definition["OutputDataConfig"]["S3OutputPath"]
    assert "DefinitionName" not in definition


def test_describe_several_definitions_listed(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(
        training_jobs=9,
        training_job_definitions=[
            {"DefinitionName": "xgboost"},
            {
                "DefinitionName": "mlp",
                "HyperParameterRanges": RANGES,
                "TuningObjective": {"MetricName": "val_loss", "Type": "Minimize"},
            },
        ],
    )

    response = describe(hpt_sagemaker_client, job.name)
    definitions = {item["DefinitionName"]: item for item in response["TrainingJobDefinitions"]}

    assert "TrainingJobDefinition" not in response
    assert "ParameterRanges" not in response["HyperParameterTuningJobConfig"]
    assert set(definitions) == {"xgboost", "mlp"}
    assert definitions["mlp"]["HyperParameterRanges"] == RANGES
    assert definitions["mlp"]["TuningObjective"] == {"Type": "Minimize", "MetricName": "val_loss"}
    xgboost_ranges = definitions["xgboost"]["HyperParameterRanges"]
    assert xgboost_ranges == job.training_job_definitions[0]["HyperParameterRanges"]
    assert any(xgboost_ranges.values())
    used = {summary["TrainingJobDefinitionName"] for summary in job.summaries}
    assert used <= set(definitions)


def test_describe_times_consistent_with_summaries(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=30)
    summaries = job.summaries

    response = describe(hpt_sagemaker_client, job.name)

    assert response["CreationTime"] <= min(s["CreationTime"] for s in summaries)
    assert response["HyperParameterTuningEndTime"] >= max(s["TrainingEndTime"] for s in summaries)
    assert response["LastModifiedTime"] == response["HyperParameterTuningEndTime"]
    assert response["CreationTime"] == job.creation_time


def test_describe_running_job_has_no_end_time(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=15, status="InProgress")
    latest = max(
        s.get("TrainingEndTime") or s.get("TrainingStartTime") or s["CreationTime"]
        for s in job.summaries
    )

    response = describe(hpt_sagemaker_client, job.name)

    assert "HyperParameterTuningEndTime" not in response
    assert response["LastModifiedTime"] == latest


def test_describe_creation_time_follows_earlier_override(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=3)
    earlier = job.creation_time.replace(year=job.creation_time.year - 1)
    job2 = hpt_mock.add_tuning_job(
        training_jobs=[{"CreationTime": earlier, "TrainingStartTime": None}]
    )

    response = describe(hpt_sagemaker_client, job2.name)

    assert response["CreationTime"] <= min(s["CreationTime"] for s in job2.summaries)


def test_describe_empty_tuning_job(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=0, status="InProgress")

    response = describe(hpt_sagemaker_client, job.name)

    assert sum(response["TrainingJobStatusCounters"].values()) == 0
    assert "BestTrainingJob" not in response
    assert (
        response["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"] == 1
    )


def test_describe_name_ignores_case(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(name="Churn-Model-7", training_jobs=2)

    response = describe(hpt_sagemaker_client, "churn-model-7")

    assert response["HyperParameterTuningJobName"] == job.name


def test_describe_unknown_name_not_found(hpt_mock, hpt_sagemaker_client):
    hpt_mock.add_tuning_job(training_jobs=2)

    with pytest.raises(ClientError) as raised:
        hpt_sagemaker_client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="missing-job"
        )

    error = raised.value.response
    assert error["Error"]["Code"] == "ResourceNotFound"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "missing-job" in error["Error"]["Message"]


def test_describe_other_region_not_found(hpt_mock):
    job = hpt_mock.add_tuning_job(training_jobs=2)
    client = hpt_mock.client(region_name="eu-west-1")

    with pytest.raises(ClientError) as raised:
        client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)

    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"


def test_describe_invalid_name_rejected(hpt_mock):
    client = hpt_mock.client(config=Config(parameter_validation=False))

    with pytest.raises(ClientError) as raised:
        client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="bad_name")

    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "'bad_name' at 'hyperParameterTuningJobName'" in error["Message"]


def test_describe_recorded_as_call(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=2)

    describe(hpt_sagemaker_client, job.name)

    assert [call.operation for call in hpt_mock.calls] == [OPERATION]
