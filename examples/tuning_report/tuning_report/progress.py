"""Report how far a running tuning job has got."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .best import pick_best
from .jobs import MAX_PAGE_SIZE, Summary, iter_training_jobs, resolve_objective_type

# TrainingJobStatus values of training jobs that will not change any more.
FINISHED_STATUSES = ("Completed", "Failed", "Stopped")


@dataclass(frozen=True)
class TuningProgress:
    """The training jobs of a tuning job at one moment, counted by TrainingJobStatus."""

    tuning_job_name: str
    status_counts: Counter[str]
    in_progress: list[str]
    best: Summary | None
    max_training_jobs: int | None = None

    @property
    def launched(self) -> int:
        return sum(self.status_counts.values())

    @property
    def finished(self) -> int:
        return sum(self.status_counts[status] for status in FINISHED_STATUSES)

    @property
    def planned(self) -> int:
        """The tuning job's MaxNumberOfTrainingJobs when known, else the jobs launched so far."""
        return self.launched if self.max_training_jobs is None else self.max_training_jobs

    @property
    def fraction_finished(self) -> float:
        return self.finished / self.planned if self.planned else 0.0


def tuning_progress(
    client: Any,
    tuning_job_name: str,
    *,
    max_training_jobs: int | None = None,
    objective_type: str | None = None,
    page_size: int = MAX_PAGE_SIZE,
) -> TuningProgress:
    """Read every training job of a tuning job and summarize its progress.

    `max_training_jobs` is the tuning job's MaxNumberOfTrainingJobs, which
    the listing does not return; without it progress is measured against
    the training jobs launched so far.
    """
    if max_training_jobs is not None and max_training_jobs < 1:
        raise ValueError(f"max_training_jobs={max_training_jobs} is invalid: pass 1 or more.")
    summaries = list(iter_training_jobs(client, tuning_job_name, page_size=page_size))

    counts = Counter(summary["TrainingJobStatus"] for summary in summaries)
    running = sorted(
        summary["TrainingJobName"]
        for summary in summaries
        if summary["TrainingJobStatus"] == "InProgress"
    )
    resolved = resolve_objective_type(summaries, objective_type)
    best = None if resolved is None else pick_best(summaries, resolved)
    return TuningProgress(tuning_job_name, counts, running, best, max_training_jobs)


def render_progress(progress: TuningProgress) -> str:
    """Render the progress as a few lines of text."""
    percent = round(100 * progress.fraction_finished)
    lines = [
        f"{progress.tuning_job_name}: {progress.finished} of {progress.planned} training jobs "
        f"finished ({percent}%)"
    ]
    if progress.status_counts:
        counts = ", ".join(
            f"{status} {count}" for status, count in sorted(progress.status_counts.items())
        )
        lines.append(f"  by status: {counts}")
    if progress.in_progress:
        lines.append(f"  running: {', '.join(progress.in_progress)}")
    if progress.best is None:
        lines.append("  best so far: none")
    else:
        metric = progress.best["FinalHyperParameterTuningJobObjectiveMetric"]
        lines.append(
            f"  best so far: {progress.best['TrainingJobName']} "
            f"({metric['MetricName']} {format(float(metric['Value']), '.6g')})"
        )
    return "\n".join(lines)
