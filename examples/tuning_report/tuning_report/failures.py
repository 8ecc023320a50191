"""Count the failed training jobs of a tuning job by error type."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .jobs import MAX_PAGE_SIZE, iter_training_jobs

UNKNOWN_ERROR_TYPE = "Unknown"

# SageMaker writes FailureReason as "<ErrorType>: <detail>", for example
# "AlgorithmError: ExecuteUserScriptError: ..." or "ClientError: Data download failed".
_ERROR_TYPE = re.compile(r"([A-Za-z][A-Za-z0-9_]*):\s")


@dataclass(frozen=True)
class FailureSummary:
    """The failed training jobs of one tuning job, grouped by error type."""

    tuning_job_name: str
    counts: Counter[str] = field(default_factory=Counter)
    training_jobs: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def error_type(failure_reason: str | None) -> str:
    """Return the error type at the start of a FailureReason, or `Unknown`."""
    if not failure_reason:
        return UNKNOWN_ERROR_TYPE
    match = _ERROR_TYPE.match(failure_reason)
    return match.group(1) if match else UNKNOWN_ERROR_TYPE


def summarize_failures(
    client: Any, tuning_job_name: str, *, page_size: int = MAX_PAGE_SIZE
) -> FailureSummary:
    """List the Failed training jobs of a tuning job and count them by error type."""
    summary = FailureSummary(tuning_job_name)
    failed = iter_training_jobs(client, tuning_job_name, page_size=page_size, StatusEquals="Failed")
    for training_job in failed:
        kind = error_type(training_job.get("FailureReason"))
        summary.counts[kind] += 1
        summary.training_jobs.setdefault(kind, []).append(training_job["TrainingJobName"])
    return summary


def render_failures(summary: FailureSummary) -> str:
    """Render the counts as text, most frequent error type first."""
    if not summary.total:
        return f"{summary.tuning_job_name}: no failed training jobs"
    lines = [f"{summary.tuning_job_name}: {summary.total} failed training jobs"]
    ordered = sorted(summary.counts.items(), key=lambda item: (-item[1], item[0]))
    width = max(len(kind) for kind, _ in ordered)
    for kind, count in ordered:
        lines.append(f"  {kind:<{width}}  {count}")
    return "\n".join(lines)
