"""Tuning jobs without a Completed training job: every report still works."""

import pytest
from tuning_report import (
    best_training_job,
    best_training_job_by_scan,
    objective_rows,
    render_progress,
    summarize_failures,
    tuning_progress,
)

ALL_FAILED = [{"TrainingJobStatus": "Failed"}] * 4


@pytest.mark.parametrize("find_best", [best_training_job, best_training_job_by_scan])
@pytest.mark.hpt_tuning_job(status="Failed", training_jobs=ALL_FAILED)
def test_best_is_none(find_best, hpt_tuning_job, hpt_sagemaker_client):
    assert hpt_tuning_job.best_training_job is None
    assert find_best(hpt_sagemaker_client, hpt_tuning_job.name) is None


@pytest.mark.hpt_tuning_job(status="Failed", training_jobs=ALL_FAILED)
def test_every_job_counted_as_failure(hpt_tuning_job, hpt_sagemaker_client):
    summary = summarize_failures(hpt_sagemaker_client, hpt_tuning_job.name)

    assert summary.total == 4


@pytest.mark.hpt_tuning_job(status="Failed", training_jobs=ALL_FAILED)
def test_rows_have_no_objective(hpt_tuning_job, hpt_sagemaker_client):
    rows = objective_rows(hpt_sagemaker_client, hpt_tuning_job.name)

    assert [row.objective for row in rows] == [None] * 4
    assert [row.status for row in rows] == ["Failed"] * 4


@pytest.mark.hpt_tuning_job(status="Failed", training_jobs=ALL_FAILED)
def test_progress_without_best(hpt_tuning_job, hpt_sagemaker_client):
    progress = tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name)

    assert progress.finished == 4
    assert progress.best is None
    assert render_progress(progress).splitlines()[-1] == "  best so far: none"


@pytest.mark.parametrize("find_best", [best_training_job, best_training_job_by_scan])
@pytest.mark.hpt_tuning_job(training_jobs=0)
def test_tuning_job_without_training_jobs(find_best, hpt_tuning_job, hpt_sagemaker_client):
    assert find_best(hpt_sagemaker_client, hpt_tuning_job.name) is None
