"""Preview a generated tuning job: `python -m pytest_hpt_fixtures preview`.

Prints the tuning job that a seed and a scenario give, as a table or as JSON,
so that a test author can see the data before writing assertions against it.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from . import seeding
from .model import FakeTuningJob
from .scenarios import SCENARIOS

_FAILURE_REASON_WIDTH = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seed",
        type=_non_negative_integer,
        default=None,
        help="seed of the generated data, a whole number of 0 or more (default: a new "
        "random seed, printed so that it can be replayed)",
    )
    parser.add_argument(
        "--scenario",
        choices=list(SCENARIOS),
        default=None,
        help="named scenario whose defaults to use (default: none, the built-in defaults)",
    )
    parser.add_argument(
        "--training-jobs",
        type=_non_negative_integer,
        default=None,
        metavar="N",
        help="number of training jobs, 0 or more (default: the scenario's, else 20)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON instead of a table, with timestamps as ISO 8601 strings",
    )


def _non_negative_integer(text: str) -> int:
    """Read a whole number of 0 or more, in decimal or with a 0x, 0o or 0b prefix."""
    try:
        value = int(text, 0)
    except ValueError:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: pass 0 or more")
    return value


def run(arguments: argparse.Namespace) -> str:
    """Generate the tuning job that the arguments describe and return it as text."""
    from .mock import TuningJobMock

    seed = seeding.random_seed() if arguments.seed is None else arguments.seed
    mock = TuningJobMock(seed=seed)
    job = mock.add_tuning_job(scenario=arguments.scenario, training_jobs=arguments.training_jobs)
    if arguments.json:
        return json.dumps(as_json(job, seed, arguments.scenario), indent=2, default=_isoformat)
    return as_table(job, seed, _replay_command(seed, arguments))


def _replay_command(seed: int, arguments: argparse.Namespace) -> str:
    words = ["python -m pytest_hpt_fixtures preview", f"--seed {seed}"]
    if arguments.scenario is not None:
        words.append(f"--scenario {arguments.scenario}")
    if arguments.training_jobs is not None:
        words.append(f"--training-jobs {arguments.training_jobs}")
    return " ".join(words)


def _isoformat(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def as_json(job: FakeTuningJob, seed: int, scenario: str | None) -> dict[str, Any]:
    """Return the tuning job and its summaries as JSON-ready data."""
    best = job.best_training_job
    return {
        "Seed": seed,
        "Scenario": scenario,
        "HyperParameterTuningJobName": job.name,
        "HyperParameterTuningJobArn": job.arn,
        "HyperParameterTuningJobStatus": job.status,
        "CreationTime": job.creation_time,
        "Strategy": job.strategy,
        "HyperParameterTuningJobObjective": {
            "Type": job.objective_type,
            "MetricName": job.objective_metric,
        },
        "MaxParallelTrainingJobs": job.max_parallel_training_jobs,
        "TrainingJobEarlyStoppingType": job.training_job_early_stopping_type,
        "ParameterRanges": job.parameter_ranges,
        "TrainingJobDefinitions": job.training_job_definitions,
        "WarmStartConfig": job.warm_start_config,
        "BestTrainingJobName": None if best is None else best["TrainingJobName"],
        "TrainingJobSummaries": job.summaries,
    }


def as_table(job: FakeTuningJob, seed: int, replay: str) -> str:
    """Return the tuning job as a header and one table row per training job."""
    best = job.best_training_job
    best_text = "none (no Completed training job)"
    if best is not None:
        metric = best["FinalHyperParameterTuningJobObjectiveMetric"]
        best_text = f"{best['TrainingJobName']} ({metric['Value']:g})"
    lines = [
        f"Tuning job   {job.name}",
        f"ARN          {job.arn}",
        f"Status       {job.status}, {job.strategy} strategy, "
        f"{job.max_parallel_training_jobs} training jobs in parallel, early stopping "
        f"{job.training_job_early_stopping_type}",
        f"Objective    {job.objective_type} {job.objective_metric}",
        f"Created      {job.creation_time:%Y-%m-%d %H:%M:%S} UTC",
        f"Best         {best_text}",
    ]
    if job.warm_start_config is not None:
        parents = ", ".join(
            parent["HyperParameterTuningJobName"]
            for parent in job.warm_start_config["ParentHyperParameterTuningJobs"]
        )
        lines.append(f"Warm start   from {parents}")
    lines.append(f"Seed         {seed} (replay: {replay})")
    lines.append("")

    summaries = job.summaries
    with_definitions = any("TrainingJobDefinitionName" in summary for summary in summaries)
    with_tuning_jobs = any(summary.get("TuningJobName") != job.name for summary in summaries)
    headers = ["TrainingJobName", "Status", "Objective", "Value", "Created", "Duration"]
    if with_definitions:
        headers.insert(1, "Definition")
    if with_tuning_jobs:
        headers.insert(1, "TuningJobName")
    headers.append("TunedHyperParameters")
    rows = [_row(summary, with_definitions, with_tuning_jobs) for summary in summaries]
    lines.extend(_format_table(headers, rows))
    if not summaries:
        lines.append("(no training jobs)")

    failures = [summary for summary in summaries if "FailureReason" in summary]
    if failures:
        lines.append("")
        lines.append("FailureReason")
        for summary in failures:
            reason = summary["FailureReason"]
            if len(reason) > _FAILURE_REASON_WIDTH:
                reason = reason[: _FAILURE_REASON_WIDTH - 3] + "..."
            lines.append(f"  {summary['TrainingJobName']}: {reason}")
    return "\n".join(lines)


def _row(summary: dict[str, Any], with_definitions: bool, with_tuning_jobs: bool) -> list[str]:
    metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
    start = summary.get("TrainingStartTime")
    end = summary.get("TrainingEndTime")
    duration = "-"
    if start is not None and end is not None:
        seconds = int((end - start).total_seconds())
        duration = f"{seconds // 60}m{seconds % 60:02d}s"
    row = [
        summary["TrainingJobName"],
        summary["TrainingJobStatus"],
        summary.get("ObjectiveStatus", "-"),
        "-" if metric is None else f"{metric['Value']:g}",
        f"{summary['CreationTime']:%Y-%m-%d %H:%M:%S}",
        duration,
    ]
    if with_definitions:
        row.insert(1, summary.get("TrainingJobDefinitionName", "-"))
    if with_tuning_jobs:
        row.insert(1, summary.get("TuningJobName", "-"))
    hyperparameters = summary["TunedHyperParameters"]
    row.append(" ".join(f"{key}={value}" for key, value in hyperparameters.items()))
    return row


def _format_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [len(header) for header in headers]
    for row in rows:
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], len(cell))
    # The last column is not padded, so lines carry no trailing spaces.
    last = len(headers) - 1

    def line(cells: list[str]) -> str:
        padded = [cell.ljust(widths[column]) for column, cell in enumerate(cells[:last])]
        return "  ".join([*padded, cells[last]])

    return [line(headers), line(["-" * width for width in widths]), *map(line, rows)]
