"""Model selection across several tuning jobs seeded with hpt_tuning_job_factory."""

import pytest
from tuning_report import best_of_tuning_jobs, best_training_job


def ranking(summary):
    value = summary["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
    return (-value, summary["CreationTime"], summary["TrainingJobName"])


def test_best_across_tuning_jobs(hpt_tuning_job_factory, hpt_sagemaker_client):
    jobs = [hpt_tuning_job_factory(training_jobs=count) for count in (5, 15, 30)]
    bests = [job.best_training_job for job in jobs]

    best = best_of_tuning_jobs(hpt_sagemaker_client, [job.name for job in jobs], page_size=6)

    assert None not in bests
    assert best == min(bests, key=ranking)


def test_each_tuning_job_has_own_best(hpt_tuning_job_factory, hpt_sagemaker_client):
    jobs = [hpt_tuning_job_factory(training_jobs=10) for _ in range(4)]

    for job in jobs:
        best = best_training_job(hpt_sagemaker_client, job.name)
        assert best == job.best_training_job
        assert best["TuningJobName"] == job.name


def test_jobs_without_best_skipped(hpt_tuning_job_factory, hpt_sagemaker_client):
    running = hpt_tuning_job_factory(
        status="InProgress", training_jobs=2, max_parallel_training_jobs=2
    )
    finished = hpt_tuning_job_factory(training_jobs=8)

    best = best_of_tuning_jobs(hpt_sagemaker_client, [running.name, finished.name])

    assert running.best_training_job is None
    assert best == finished.best_training_job


def test_mixed_objective_types_rejected(hpt_tuning_job_factory, hpt_sagemaker_client):
    auc = hpt_tuning_job_factory(objective_metric="validation:auc")
    rmse = hpt_tuning_job_factory(objective_metric="validation:rmse")

    with pytest.raises(ValueError, match=r"different types \(Maximize, Minimize\)"):
        best_of_tuning_jobs(hpt_sagemaker_client, [auc.name, rmse.name])


@pytest.mark.hpt_tuning_job(objective_metric="validation:rmse", training_jobs=10)
class TestMarkerOnClass:
    """A marker on a test overrides the same keyword of the class marker."""

    def test_class_marker_applies(self, hpt_tuning_job, hpt_sagemaker_client):
        best = best_training_job(hpt_sagemaker_client, hpt_tuning_job.name)

        assert len(hpt_tuning_job.summaries) == 10
        assert best["FinalHyperParameterTuningJobObjectiveMetric"]["MetricName"] == (
            "validation:rmse"
        )
        assert best == hpt_tuning_job.best_training_job

    @pytest.mark.hpt_tuning_job(training_jobs=3)
    def test_test_marker_wins(self, hpt_tuning_job, hpt_sagemaker_client):
        best = best_training_job(hpt_sagemaker_client, hpt_tuning_job.name)

        assert len(hpt_tuning_job.summaries) == 3
        assert best == hpt_tuning_job.best_training_job
