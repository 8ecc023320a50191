"""Each tuning job belongs to one account and region, and a client sees only its own."""

import pytest
from tuning_report import TuningJobNotFoundError, best_training_job, summarize_failures

OTHER_ACCOUNT = "210987654321"


@pytest.mark.parametrize("region", ["eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"])
def test_best_in_other_region(region, hpt_tuning_job_factory, hpt_mock):
    job = hpt_tuning_job_factory(region=region, training_jobs=12)
    client = hpt_mock.client(region_name=region)

    best = best_training_job(client, job.name, page_size=5)

    assert best is not None
    assert best == job.best_training_job


def test_same_name_in_two_regions(hpt_tuning_job_factory, hpt_mock):
    east = hpt_tuning_job_factory("churn-xgb", region="us-east-1")
    west = hpt_tuning_job_factory("churn-xgb", region="eu-west-1")

    east_best = best_training_job(hpt_mock.client(region_name="us-east-1"), "churn-xgb")
    west_best = best_training_job(hpt_mock.client(region_name="eu-west-1"), "churn-xgb")

    assert east_best == east.best_training_job
    assert west_best == west.best_training_job
    assert east_best != west_best


def test_job_hidden_from_other_region(hpt_tuning_job_factory, hpt_mock):
    job = hpt_tuning_job_factory(region="eu-west-1")

    with pytest.raises(TuningJobNotFoundError, match="in region us-west-2"):
        best_training_job(hpt_mock.client(region_name="us-west-2"), job.name)


def test_best_in_other_account(hpt_tuning_job_factory, hpt_mock):
    job = hpt_tuning_job_factory(account_id=OTHER_ACCOUNT, region="eu-west-1", training_jobs=9)
    client = hpt_mock.client(region_name="eu-west-1", account_id=OTHER_ACCOUNT)

    best = best_training_job(client, job.name)

    assert best == job.best_training_job
    assert f":{OTHER_ACCOUNT}:training-job/" in best["TrainingJobArn"]


def test_job_hidden_from_other_account(hpt_tuning_job_factory, hpt_mock, hpt_sagemaker_client):
    job = hpt_tuning_job_factory(account_id=OTHER_ACCOUNT)

    with pytest.raises(TuningJobNotFoundError):
        summarize_failures(hpt_sagemaker_client, job.name)


def test_same_name_in_two_accounts(hpt_tuning_job_factory, hpt_mock, hpt_sagemaker_client):
    own = hpt_tuning_job_factory("churn-xgb", status="Failed", training_jobs=10)
    other = hpt_tuning_job_factory("churn-xgb", account_id=OTHER_ACCOUNT, training_jobs=10)
    other_client = hpt_mock.client(account_id=OTHER_ACCOUNT)

    own_failures = summarize_failures(hpt_sagemaker_client, "churn-xgb")
    other_failures = summarize_failures(other_client, "churn-xgb")

    def failed(job):
        return sum(s["TrainingJobStatus"] == "Failed" for s in job.summaries)

    assert own_failures.total == failed(own)
    assert other_failures.total == failed(other)
