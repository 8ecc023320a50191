"""The SageMaker operations the fake serves, each from a decoded request to a result.

An operation validates its input against botocore's model, reads the
registry and returns a JSON-ready result or raises a `ServiceError`. It knows
nothing of HTTP; `wire` turns its result into a response.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import listing, service_model
from .errors import ResourceNotFoundError
from .registry import TuningJobRegistry
from .wire import RawJSON


@dataclass(frozen=True)
class ServiceRequest:
    operation: str
    params: dict[str, Any]
    account_id: str
    region: str
    # Maximum number of items on the page, below MaxResults. Set by
    # `TuningJobMock.inject_short_pages` for the operations in SHORT_PAGE_OPERATIONS.
    page_size_limit: int | None = None


Operation = Callable[[TuningJobRegistry, ServiceRequest], "dict[str, Any] | RawJSON"]


def list_training_jobs_for_hyper_parameter_tuning_job(
    registry: TuningJobRegistry, request: ServiceRequest
) -> RawJSON:
    params = request.params
    service_model.validate_input(request.operation, params)

    name = params["HyperParameterTuningJobName"]
    job = registry.find(request.account_id, request.region, name)
    if job is None:
        raise ResourceNotFoundError(f"Amazon SageMaker can't find a tuning job called {name}.")

    query = listing.Query(
        tuning_job_identity=listing.tuning_job_identity(job),
        sort_by=params.get("SortBy", listing.DEFAULT_SORT_BY),
        sort_order=params.get("SortOrder", listing.DEFAULT_SORT_ORDER),
        status=params.get("StatusEquals"),
    )
    page = listing.list_page(
        job,
        query,
        max_results=params.get("MaxResults", listing.DEFAULT_MAX_RESULTS),
        next_token=params.get("NextToken") or None,
        page_size_limit=request.page_size_limit,
    )

    # Each summary is encoded once and reused, so a page costs a join.
    body = b'{"TrainingJobSummaries":[' + b",".join(r.wire_json() for r in page.records) + b"]"
    if page.next_token is not None:
        body += b',"NextToken":' + json.dumps(page.next_token).encode()
    return RawJSON(body + b"}")


OPERATIONS: dict[str, Operation] = {
    "ListTrainingJobsForHyperParameterTuningJob": list_training_jobs_for_hyper_parameter_tuning_job,
}

# The paginated operations that honour `ServiceRequest.page_size_limit`.
SHORT_PAGE_OPERATIONS = frozenset({"ListTrainingJobsForHyperParameterTuningJob"})
