"""Find the best training job of a tuning job.

The best training job is the Completed one with a Succeeded objective whose
final objective value is highest (`Maximize`) or lowest (`Minimize`). Equal
values go to the training job created first, then to the smaller name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .jobs import (
    LIST_OPERATION,
    MAX_PAGE_SIZE,
    Summary,
    check_objective_type,
    has_succeeded_objective,
    iter_training_jobs,
    not_found_as_error,
    objective_value,
    ranking_key,
    resolve_objective_type,
)


def best_training_job(
    client: Any,
    tuning_job_name: str,
    *,
    objective_type: str | None = None,
    page_size: int = MAX_PAGE_SIZE,
) -> Summary | None:
    """Return the summary of the best training job, or None when no job completed.

    Lets SageMaker sort by FinalObjectiveMetricValue, so it usually reads one
    page. Without `objective_type` it first reads the `Type` of one objective
    metric, which costs one more request.
    """
    if objective_type is None:
        objective_type = _probe_objective_type(client, tuning_job_name)
        if objective_type is None:
            return None
    check_objective_type(objective_type)

    sort_order = "Descending" if objective_type == "Maximize" else "Ascending"
    listed = iter_training_jobs(
        client,
        tuning_job_name,
        page_size=page_size,
        StatusEquals="Completed",
        SortBy="FinalObjectiveMetricValue",
        SortOrder=sort_order,
    )
    # SageMaker does not document the order of equal values, so every job
    # that shares the top value is read before the tie is broken here.
    tied: list[Summary] = []
    for summary in listed:
        if not has_succeeded_objective(summary):
            continue
        if tied and objective_value(summary) != objective_value(tied[0]):
            break
        tied.append(summary)
    return pick_best(tied, objective_type)


def best_training_job_by_scan(
    client: Any,
    tuning_job_name: str,
    *,
    objective_type: str | None = None,
    page_size: int = MAX_PAGE_SIZE,
) -> Summary | None:
    """Return the best training job after reading every page in the default order.

    For accounts where sorting by FinalObjectiveMetricValue is not wanted,
    and as a cross-check of `best_training_job`.
    """
    summaries = list(iter_training_jobs(client, tuning_job_name, page_size=page_size))
    resolved = resolve_objective_type(summaries, objective_type)
    if resolved is None:
        return None
    return pick_best(summaries, resolved)


def best_of_tuning_jobs(
    client: Any,
    tuning_job_names: Iterable[str],
    *,
    objective_type: str | None = None,
    page_size: int = MAX_PAGE_SIZE,
) -> Summary | None:
    """Return the best training job across several tuning jobs of one objective.

    For model selection over repeated tuning runs. Raises ValueError when the
    tuning jobs optimise in different directions, since their values do not
    compare.
    """
    bests: list[Summary] = []
    resolved_types: set[str] = set()
    for name in tuning_job_names:
        resolved = objective_type
        if resolved is None:
            resolved = _probe_objective_type(client, name)
            if resolved is None:
                continue
        resolved_types.add(resolved)
        best = best_training_job(client, name, objective_type=resolved, page_size=page_size)
        if best is not None:
            bests.append(best)

    if len(resolved_types) > 1:
        raise ValueError(
            "The tuning jobs have objectives of different types "
            f"({', '.join(sorted(resolved_types))}), so their values do not compare: "
            "pass tuning jobs of one objective."
        )
    if not bests:
        return None
    return pick_best(bests, resolved_types.pop())


def pick_best(summaries: Iterable[Mapping[str, Any]], objective_type: str) -> Summary | None:
    candidates = [dict(summary) for summary in summaries if has_succeeded_objective(summary)]
    if not candidates:
        return None
    return min(candidates, key=lambda summary: ranking_key(summary, objective_type))


def _probe_objective_type(client: Any, tuning_job_name: str) -> str | None:
    with not_found_as_error(client, tuning_job_name):
        response = getattr(client, LIST_OPERATION)(
            HyperParameterTuningJobName=tuning_job_name,
            StatusEquals="Completed",
            SortBy="FinalObjectiveMetricValue",
            MaxResults=1,
        )
    return resolve_objective_type(response["TrainingJobSummaries"], None)
