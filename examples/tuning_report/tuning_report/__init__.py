"""Reports on SageMaker hyperparameter tuning jobs, read through boto3.

Every function takes a boto3 SageMaker client, so callers choose the
account, region and credentials. `tuning_report.cli` is the command line,
which creates its own client when it is imported.
"""

from .best import best_of_tuning_jobs, best_training_job, best_training_job_by_scan
from .failures import FailureSummary, error_type, render_failures, summarize_failures
from .jobs import ObjectiveTypeUnknownError, TuningJobNotFoundError, iter_training_jobs
from .progress import TuningProgress, render_progress, tuning_progress
from .table import ObjectiveRow, objective_rows, render_table

__all__ = [
    "FailureSummary",
    "ObjectiveRow",
    "ObjectiveTypeUnknownError",
    "TuningJobNotFoundError",
    "TuningProgress",
    "best_of_tuning_jobs",
    "best_training_job",
    "best_training_job_by_scan",
    "error_type",
    "iter_training_jobs",
    "objective_rows",
    "render_failures",
    "render_progress",
    "render_table",
    "summarize_failures",
    "tuning_progress",
]
