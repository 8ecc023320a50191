"""Read the training jobs of a SageMaker hyperparameter tuning job through boto3."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from botocore.exceptions import ClientError

LIST_OPERATION = "list_training_jobs_for_hyper_parameter_tuning_job"
# botocore's SageMaker model limits MaxResults of this operation to 1..100.
MAX_PAGE_SIZE = 100
OBJECTIVE_TYPES = ("Maximize", "Minimize")

Summary = dict[str, Any]


class TuningJobNotFoundError(LookupError):
    """The error for a tuning job name unknown in the client's account and region."""

    def __init__(self, tuning_job_name: str, region: str) -> None:
        super().__init__(f"No tuning job called {tuning_job_name!r} in region {region}.")
        self.tuning_job_name = tuning_job_name
        self.region = region


class ObjectiveTypeUnknownError(ValueError):
    """The error for objective metrics that do not say whether to maximize or minimize."""


@contextlib.contextmanager
def not_found_as_error(client: Any, tuning_job_name: str) -> Iterator[None]:
    """Turn SageMaker's `ResourceNotFound` for the tuning job into `TuningJobNotFoundError`."""
    try:
        yield
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ResourceNotFound":
            raise TuningJobNotFoundError(tuning_job_name, client.meta.region_name) from error
        raise


def iter_training_jobs(
    client: Any,
    tuning_job_name: str,
    *,
    page_size: int = MAX_PAGE_SIZE,
    **list_parameters: Any,
) -> Iterator[Summary]:
    """Yield the training job summaries of a tuning job, one page request at a time.

    `list_parameters` go to the request unchanged (`SortBy`, `SortOrder`,
    `StatusEquals`). A caller that stops iterating early sends no further
    page requests.
    """
    paginator = client.get_paginator(LIST_OPERATION)
    pages = paginator.paginate(
        HyperParameterTuningJobName=tuning_job_name,
        PaginationConfig={"PageSize": page_size},
        **list_parameters,
    )
    with not_found_as_error(client, tuning_job_name):
        for page in pages:
            yield from page["TrainingJobSummaries"]


def objective_value(summary: Mapping[str, Any]) -> float | None:
    metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
    if metric is None:
        return None
    return float(metric["Value"])


def has_succeeded_objective(summary: Mapping[str, Any]) -> bool:
    """Tell whether a training job counts for "best": Completed, with a Succeeded objective."""
    return (
        summary.get("TrainingJobStatus") == "Completed"
        and summary.get("ObjectiveStatus") == "Succeeded"
        and objective_value(summary) is not None
    )


def check_objective_type(objective_type: str) -> str:
    if objective_type not in OBJECTIVE_TYPES:
        allowed = ", ".join(OBJECTIVE_TYPES)
        raise ValueError(f"objective_type={objective_type!r} is invalid: use one of {allowed}.")
    return objective_type


def resolve_objective_type(
    summaries: Iterable[Mapping[str, Any]], objective_type: str | None
) -> str | None:
    """Return the objective type given, else the `Type` of the first objective metric.

    Returns None when no summary has an objective metric. Raises
    `ObjectiveTypeUnknownError` when metrics exist but none carries a `Type`,
    because `Type` is optional in the API.
    """
    if objective_type is not None:
        return check_objective_type(objective_type)
    seen_metric = False
    for summary in summaries:
        metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
        if metric is None:
            continue
        seen_metric = True
        if "Type" in metric:
            return check_objective_type(metric["Type"])
    if seen_metric:
        raise ObjectiveTypeUnknownError(
            "The objective metrics carry no Type: pass objective_type='Maximize' or 'Minimize'."
        )
    return None


def ranking_key(summary: Mapping[str, Any], objective_type: str) -> tuple[float, Any, str]:
    """Sort key that puts the best training job first.

    Equal objective values go to the training job created first, then to the
    smaller name, so that the choice does not depend on listing order.
    """
    value = objective_value(summary)
    if value is None:
        raise ValueError(f"training job {summary['TrainingJobName']} has no objective metric")
    sign = -1.0 if objective_type == "Maximize" else 1.0
    return (sign * value, summary["CreationTime"], summary["TrainingJobName"])
