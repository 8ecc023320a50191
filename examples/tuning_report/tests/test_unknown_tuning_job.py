"""SageMaker's ResourceNotFound for an unknown tuning job becomes TuningJobNotFoundError."""

import pytest
from tuning_report import (
    TuningJobNotFoundError,
    best_of_tuning_jobs,
    best_training_job,
    best_training_job_by_scan,
    objective_rows,
    summarize_failures,
    tuning_progress,
)

REPORTS = [
    best_training_job,
    best_training_job_by_scan,
    summarize_failures,
    objective_rows,
    tuning_progress,
]


@pytest.mark.parametrize("report", REPORTS)
def test_unknown_name_raises(report, hpt_tuning_job, hpt_sagemaker_client):
    with pytest.raises(TuningJobNotFoundError) as raised:
        report(hpt_sagemaker_client, "churn-xgb-does-not-exist")

    assert raised.value.tuning_job_name == "churn-xgb-does-not-exist"
    assert raised.value.region == hpt_sagemaker_client.meta.region_name
    assert str(raised.value) == (
        "No tuning job called 'churn-xgb-does-not-exist' in region "
        f"{hpt_sagemaker_client.meta.region_name}."
    )


def test_sorted_finder_with_type_raises(hpt_sagemaker_client, hpt_mock):
    with pytest.raises(TuningJobNotFoundError):
        best_training_job(hpt_sagemaker_client, "churn-xgb-missing", objective_type="Maximize")


def test_not_found_keeps_service_error(hpt_sagemaker_client, hpt_mock):
    with pytest.raises(TuningJobNotFoundError) as raised:
        summarize_failures(hpt_sagemaker_client, "churn-xgb-missing")

    service_error = raised.value.__cause__
    assert service_error.response["Error"]["Code"] == "ResourceNotFound"
    assert "churn-xgb-missing" in service_error.response["Error"]["Message"]


def test_one_unknown_among_several(hpt_tuning_job_factory, hpt_sagemaker_client):
    known = hpt_tuning_job_factory()

    with pytest.raises(TuningJobNotFoundError, match="churn-xgb-missing"):
        best_of_tuning_jobs(hpt_sagemaker_client, [known.name, "churn-xgb-missing"])
