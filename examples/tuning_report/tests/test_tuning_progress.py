"""Progress of a tuning job that is still running."""

from collections import Counter

import pytest
from tuning_report import render_progress, tuning_progress

FINISHED = ("Completed", "Failed", "Stopped")


@pytest.mark.hpt_tuning_job(status="InProgress", training_jobs=12, max_parallel_training_jobs=4)
class TestInProgressTuningJob:
    def test_counts_match_summaries(self, hpt_tuning_job, hpt_sagemaker_client):
        statuses = Counter(s["TrainingJobStatus"] for s in hpt_tuning_job.summaries)

        progress = tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name, page_size=5)

        assert progress.status_counts == statuses
        assert progress.launched == 12
        assert progress.finished == sum(statuses[status] for status in FINISHED)

    def test_running_jobs_listed(self, hpt_tuning_job, hpt_sagemaker_client):
        running = sorted(
            s["TrainingJobName"]
            for s in hpt_tuning_job.summaries
            if s["TrainingJobStatus"] == "InProgress"
        )

        progress = tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name)

        assert progress.in_progress, "an InProgress tuning job should have running training jobs"
        assert progress.in_progress == running

    def test_best_so_far(self, hpt_tuning_job, hpt_sagemaker_client):
        progress = tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name)

        assert progress.best == hpt_tuning_job.best_training_job

    def test_measured_against_max_training_jobs(self, hpt_tuning_job, hpt_sagemaker_client):
        progress = tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name, max_training_jobs=20)

        assert progress.planned == 20
        assert progress.fraction_finished == progress.finished / 20
        first_line = render_progress(progress).splitlines()[0]
        percent = round(100 * progress.finished / 20)
        assert first_line == (
            f"{hpt_tuning_job.name}: {progress.finished} of 20 training jobs finished ({percent}%)"
        )

    def test_rendered_lines(self, hpt_tuning_job, hpt_sagemaker_client):
        progress = tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name)

        lines = render_progress(progress).splitlines()

        assert lines[1].startswith("  by status: ")
        assert lines[2] == "  running: " + ", ".join(progress.in_progress)
        best = hpt_tuning_job.best_training_job
        if best is None:
            assert lines[3] == "  best so far: none"
        else:
            assert lines[3].startswith(f"  best so far: {best['TrainingJobName']} (")


@pytest.mark.hpt_tuning_job(status="InProgress", training_jobs=3, max_parallel_training_jobs=3)
def test_first_wave_still_running(hpt_tuning_job, hpt_sagemaker_client):
    progress = tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name, max_training_jobs=9)

    assert progress.status_counts == {"InProgress": 3}
    assert progress.finished == 0
    assert progress.best is None
    assert render_progress(progress).splitlines()[0] == (
        f"{hpt_tuning_job.name}: 0 of 9 training jobs finished (0%)"
    )


def test_invalid_max_training_jobs_rejected(hpt_tuning_job, hpt_sagemaker_client):
    with pytest.raises(ValueError, match="max_training_jobs=0 is invalid"):
        tuning_progress(hpt_sagemaker_client, hpt_tuning_job.name, max_training_jobs=0)
