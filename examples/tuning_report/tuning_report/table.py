"""Tabulate the objective values and hyperparameters of a tuning job's training jobs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .jobs import MAX_PAGE_SIZE, iter_training_jobs, objective_value, resolve_objective_type

MISSING = "-"


@dataclass(frozen=True)
class ObjectiveRow:
    """One training job in the table."""

    training_job_name: str
    status: str
    objective: float | None
    hyperparameters: dict[str, str]


def objective_rows(
    client: Any,
    tuning_job_name: str,
    *,
    objective_type: str | None = None,
    page_size: int = MAX_PAGE_SIZE,
) -> list[ObjectiveRow]:
    """Return one row per training job, best objective first.

    Every training job with an objective value is ranked, whatever its
    status, because early-stopped jobs keep the value they reached. Jobs
    without one follow, by name.
    """
    summaries = list(iter_training_jobs(client, tuning_job_name, page_size=page_size))
    resolved = resolve_objective_type(summaries, objective_type)

    rows = [
        ObjectiveRow(
            training_job_name=summary["TrainingJobName"],
            status=summary["TrainingJobStatus"],
            objective=objective_value(summary),
            hyperparameters=dict(summary.get("TunedHyperParameters", {})),
        )
        for summary in summaries
    ]
    sign = -1.0 if resolved == "Maximize" else 1.0

    def rank(row: ObjectiveRow) -> tuple[int, float, str]:
        if row.objective is None:
            return (1, 0.0, row.training_job_name)
        return (0, sign * row.objective, row.training_job_name)

    return sorted(rows, key=rank)


def render_table(rows: Sequence[ObjectiveRow]) -> str:
    """Render rows as a plain-text table with one column per hyperparameter.

    A hyperparameter that a training job did not tune shows as `-`, as does a
    missing objective value.
    """
    parameter_names = sorted({name for row in rows for name in row.hyperparameters})
    header = ["TrainingJobName", "Status", "Objective", *parameter_names]
    body = [
        [
            row.training_job_name,
            row.status,
            MISSING if row.objective is None else format(row.objective, ".6g"),
            *(row.hyperparameters.get(name, MISSING) for name in parameter_names),
        ]
        for row in rows
    ]
    widths = [max(len(line[column]) for line in [header, *body]) for column in range(len(header))]
    objective_column = 2

    def render_line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(width) if column == objective_column else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render_line(header), rule, *(render_line(line) for line in body)])
