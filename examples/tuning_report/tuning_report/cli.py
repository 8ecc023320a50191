"""Command line: print the progress, objective table and failures of a tuning job.

Usage: `python -m tuning_report.cli xgboost-250317-1042 --max-training-jobs 50`
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import boto3

from .failures import render_failures, summarize_failures
from .jobs import TuningJobNotFoundError
from .progress import render_progress, tuning_progress
from .table import objective_rows, render_table

DEFAULT_REGION = "us-east-1"

# One client for the whole process, created when the module is imported.
REGION = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
SAGEMAKER = boto3.client("sagemaker", region_name=REGION)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tuning-report",
        description="Summarize the training jobs of a SageMaker hyperparameter tuning job.",
    )
    parser.add_argument("tuning_job_name", help="name of the hyperparameter tuning job")
    parser.add_argument(
        "--max-training-jobs",
        type=int,
        default=None,
        help="the tuning job's MaxNumberOfTrainingJobs, to measure progress against "
        "(default: the training jobs launched so far)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report and return the exit status.

    The status is 0 on success, 1 for an unknown tuning job and 2 for an invalid
    argument or objective metrics without a `Type`.
    """
    args = build_parser().parse_args(argv)
    name = args.tuning_job_name
    try:
        progress = tuning_progress(SAGEMAKER, name, max_training_jobs=args.max_training_jobs)
        rows = objective_rows(SAGEMAKER, name)
        failures = summarize_failures(SAGEMAKER, name)
    except TuningJobNotFoundError as error:
        print(f"tuning-report: {error}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"tuning-report: {error}", file=sys.stderr)
        return 2

    print(render_progress(progress))
    print()
    print(render_table(rows))
    print()
    print(render_failures(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
