"""DescribeTrainingJob for the training jobs of seeded tuning jobs, through real boto3 clients."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_hpt_fixtures import output_shape_problems

OPERATION = "DescribeTrainingJob"


def describe(client: Any, name: str) -> dict[str, Any]:
    response: dict[str, Any] = client.describe_training_job(TrainingJobName=name)
    assert output_shape_problems(OPERATION, response) == []
    return response


STATUSES = ("Completed", "Failed", "Stopped", "InProgress", "Stopping")


@pytest.fixture
def mixed_job(hpt_mock):
    """A running tuning job whose training jobs take every status."""
    return hpt_mock.add_tuning_job(
        training_jobs=[{"TrainingJobStatus": STATUSES[index % 5]} for index in range(40)],
        status="InProgress",
        strategy="Hyperband",
        max_parallel_training_jobs=8,
    )


def test_describe_every_training_job_valid(mixed_job, hpt_sagemaker_client):
    statuses = set()
    for summary in mixed_job.summaries:
        response = describe(hpt_sagemaker_client, summary["TrainingJobName"])
        statuses.add(response["TrainingJobStatus"])

    assert statuses == set(STATUSES)


def test_describe_matches_summary(mixed_job, hpt_sagemaker_client):
    for summary in mixed_job.summaries:
        response = describe(hpt_sagemaker_client, summary["TrainingJobName"])

        assert response["TrainingJobArn"] == summary["TrainingJobArn"]
        assert response["TrainingJobStatus"] == summary["TrainingJobStatus"]
        assert response["CreationTime"] == summary["CreationTime"]
        assert response.get("TrainingStartTime") == summary.get("TrainingStartTime")
        assert response.get("TrainingEndTime") == summary.get("TrainingEndTime")
        assert response.get("FailureReason") == summary.get("FailureReason")
        assert response["TuningJobArn"] == mixed_job.arn


def test_describe_hyperparameters_include_tuned(mixed_job, hpt_sagemaker_client):
    summary = mixed_job.summaries[0]

    response = describe(hpt_sagemaker_client, summary["TrainingJobName"])

    tuned = summary["TunedHyperParameters"]
    assert {key: response["HyperParameters"][key] for key in tuned} == tuned
    assert response["HyperParameters"]["_tuning_objective_metric"] == mixed_job.objective_metric


def test_describe_final_metric_is_objective(mixed_job, hpt_sagemaker_client):
    checked = 0
    for summary in mixed_job.summaries:
        response = describe(hpt_sagemaker_client, summary["TrainingJobName"])
        metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
        if metric is None:
            assert "FinalMetricDataList" not in response
            continue
        checked += 1
        [final] = response["FinalMetricDataList"]
        assert final["MetricName"] == metric["MetricName"]
        assert final["Value"] == pytest.approx(metric["Value"])
        assert final["Timestamp"] == summary["TrainingEndTime"]
    assert checked > 0


def test_describe_completed_has_model_artifacts(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(training_jobs=[{"TrainingJobStatus": "Completed"}])
    name = job.summaries[0]["TrainingJobName"]

    response = describe(hpt_sagemaker_client, name)

    output_path = response["OutputDataConfig"]["S3OutputPath"]
    assert response["ModelArtifacts"]["S3ModelArtifacts"] == (
        f"{output_path}/{name}/output/model.tar.gz"
    )
    assert response["SecondaryStatus"] == "Completed"
    assert response["TrainingTimeInSeconds"] >= 1


def test_describe_failed_has_no_model(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(
        training_jobs=[{"TrainingJobStatus": "Failed"}, {"TrainingJobStatus": "Completed"}]
    )
    summary = job.summaries[0]

    response = describe(hpt_sagemaker_client, summary["TrainingJobName"])

    assert not response["ModelArtifacts"]["S3ModelArtifacts"].endswith("model.tar.gz")
    assert response["SecondaryStatus"] == "Failed"
    assert response["FailureReason"] == summary["FailureReason"]


def test_describe_running_job_secondary_status(mixed_job, hpt_sagemaker_client):
    running = [s for s in mixed_job.summaries if s["TrainingJobStatus"] == "InProgress"]
    assert running

    for summary in running:
        response = describe(hpt_sagemaker_client, summary["TrainingJobName"])
        expected = "Training" if "TrainingStartTime" in summary else "Starting"
        assert response["SecondaryStatus"] == expected
        assert "TrainingEndTime" not in response
        assert response["SecondaryStatusTransitions"][-1]["Status"] == expected


def test_describe_required_members_coherent(mixed_job, hpt_sagemaker_client):
    response = describe(hpt_sagemaker_client, mixed_job.summaries[0]["TrainingJobName"])

    assert response["AlgorithmSpecification"]["TrainingInputMode"] == "File"
    assert response["RoleArn"].startswith(f"arn:aws:iam::{mixed_job.account_id}:role/")
    assert response["ResourceConfig"]["InstanceCount"] == 1
    assert response["StoppingCondition"]["MaxRuntimeInSeconds"] > 0
    assert mixed_job.name in response["OutputDataConfig"]["S3OutputPath"]


def test_describe_uses_own_definition(hpt_mock, hpt_sagemaker_client):
    job = hpt_mock.add_tuning_job(
        training_jobs=4, training_job_definitions=["xgboost", "pytorch-mlp"]
    )
    described = hpt_sagemaker_client.describe_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )
    definitions = {d["DefinitionName"]: d for d in described["TrainingJobDefinitions"]}

    for summary in job.summaries:
        response = describe(hpt_sagemaker_client, summary["TrainingJobName"])
        definition = definitions[summary["TrainingJobDefinitionName"]]
        assert response["ResourceConfig"] == definition["ResourceConfig"]
        assert response["AlgorithmSpecification"] == definition["AlgorithmSpecification"]


def test_describe_name_ignores_case(mixed_job, hpt_sagemaker_client):
    name = mixed_job.summaries[3]["TrainingJobName"]

    response = describe(hpt_sagemaker_client, name.upper())

    assert response["TrainingJobName"] == name


def test_describe_unknown_name_validation_error(mixed_job, hpt_sagemaker_client):
    with pytest.raises(ClientError) as raised:
        hpt_sagemaker_client.describe_training_job(TrainingJobName="no-such-training-job")

    error = raised.value.response
    assert error["Error"]["Code"] == "ValidationException"
    assert error["Error"]["Message"] == "Requested resource not found."
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_describe_other_account_not_found(mixed_job, hpt_mock):
    client = hpt_mock.client(account_id="210987654321")

    with pytest.raises(ClientError) as raised:
        client.describe_training_job(TrainingJobName=mixed_job.summaries[0]["TrainingJobName"])

    assert raised.value.response["Error"]["Code"] == "ValidationException"


def test_describe_invalid_name_rejected(hpt_mock):
    client = hpt_mock.client(config=Config(parameter_validation=False))

    with pytest.raises(ClientError) as raised:
        client.describe_training_job(TrainingJobName="-leading-hyphen")

    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "at 'trainingJobName'" in error["Message"]


def test_describe_training_jobs_of_other_tuning_job(hpt_mock, hpt_sagemaker_client):
    first = hpt_mock.add_tuning_job(training_jobs=3)
    second = hpt_mock.add_tuning_job(training_jobs=3)

    response = describe(hpt_sagemaker_client, second.summaries[1]["TrainingJobName"])

    assert response["TuningJobArn"] == second.arn
    assert response["TuningJobArn"] != first.arn
