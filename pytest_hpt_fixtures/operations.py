"""The SageMaker operations the fake serves, each from a decoded request to a result.

An operation validates its input against botocore's model, reads the
registry and returns a JSON-ready result or raises a `ServiceError`. It does
not handle HTTP: `wire` turns its result into a response.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import describe, listing, service_model, tuning_job_listing
from .errors import ResourceNotFoundError, ResourceNotOwned, ValidationError
from .model import FakeTuningJob
from .moto_bridge import moto_is_mocking
from .registry import TuningJobRegistry
from .wire import RawJSON


# Not frozen: one is made per request, and a frozen dataclass costs four
# times as much to make.
@dataclass(slots=True)
class ServiceRequest:
    operation: str
    params: dict[str, Any]
    account_id: str
    region: str
    # Maximum number of items on the page, below MaxResults. Set by
    # `TuningJobMock.inject_short_pages` for the operations in SHORT_PAGE_OPERATIONS.
    page_size_limit: int | None = None
    # Set by an operation whose result depends on nothing but one tuning job
    # and its training jobs: that tuning job and its version when it was read.
    read_job: tuple[FakeTuningJob, int] | None = None


Operation = Callable[[TuningJobRegistry, ServiceRequest], "dict[str, Any] | RawJSON"]


_ENCODED_FIRST_PAGE = "encoded first page"


def _given(params: dict[str, Any], member: str, default: Any) -> Any:
    value = params.get(member)
    return default if value is None else value


def list_training_jobs_for_hyper_parameter_tuning_job(
    registry: TuningJobRegistry, request: ServiceRequest
) -> RawJSON:
    params = request.params
    service_model.validate_input(request.operation, params)

    name = params["HyperParameterTuningJobName"]
    job = registry.find(request.account_id, request.region, name)
    if job is None:
        raise ResourceNotFoundError(f"Amazon SageMaker can't find a tuning job called {name}.")
    request.read_job = (job, job.version)

    # A member sent as null is absent, as validation treats it.
    sort_by = _given(params, "SortBy", listing.DEFAULT_SORT_BY)
    sort_order = _given(params, "SortOrder", listing.DEFAULT_SORT_ORDER)
    status = params.get("StatusEquals")
    max_results = _given(params, "MaxResults", listing.DEFAULT_MAX_RESULTS)
    next_token = params.get("NextToken") or None
    # The first page in the default order is what most tests read, often
    # more than once, so the last one encoded is kept until training jobs
    # are added.
    first_page = None
    if (
        next_token is None
        and request.page_size_limit is None
        and sort_by == listing.DEFAULT_SORT_BY
        and sort_order == listing.DEFAULT_SORT_ORDER
        and status is None
    ):
        first_page = (job.version, max_results)
        cached = job.indexes.get(_ENCODED_FIRST_PAGE)
        if cached is not None and cached[0] == first_page:
            encoded: RawJSON = cached[1]
            return encoded

    query = listing.Query(listing.tuning_job_identity(job), sort_by, sort_order, status)
    page = listing.list_page(
        job,
        query,
        max_results=max_results,
        next_token=next_token,
        page_size_limit=request.page_size_limit,
    )

    # Each summary is encoded once and reused, so a page costs a join.
    summaries = b",".join([record.wire_json() for record in page.records])
    if page.next_token is None:
        encoded = RawJSON(b'{"TrainingJobSummaries":[%s]}' % summaries)
    else:
        # A token is base64url text and dots, which JSON strings hold unescaped.
        encoded = RawJSON(
            b'{"TrainingJobSummaries":[%s],"NextToken":"%s"}'
            % (summaries, page.next_token.encode("ascii"))
        )
    if first_page is not None:
        job.indexes[_ENCODED_FIRST_PAGE] = (first_page, encoded)
    return encoded


def describe_hyper_parameter_tuning_job(
    registry: TuningJobRegistry, request: ServiceRequest
) -> dict[str, Any]:
    params = request.params
    service_model.validate_input(request.operation, params)

    name = params["HyperParameterTuningJobName"]
    job = registry.find(request.account_id, request.region, name)
    if job is None:
        raise ResourceNotFoundError(f"Amazon SageMaker can't find a tuning job called {name}.")

    return describe.describe_tuning_job(job)


def list_hyper_parameter_tuning_jobs(
    registry: TuningJobRegistry, request: ServiceRequest
) -> dict[str, Any]:
    params = request.params
    service_model.validate_input(request.operation, params)

    query = tuning_job_listing.query_from_params(params, request.account_id, request.region)
    page = tuning_job_listing.list_page(
        registry.in_region(request.account_id, request.region),
        query,
        max_results=params.get("MaxResults", tuning_job_listing.DEFAULT_MAX_RESULTS),
        next_token=params.get("NextToken") or None,
    )

    body: dict[str, Any] = {
        "HyperParameterTuningJobSummaries": [describe.tuning_job_summary(job) for job in page.jobs]
    }
    if page.next_token is not None:
        body["NextToken"] = page.next_token
    return body


def describe_training_job(registry: TuningJobRegistry, request: ServiceRequest) -> dict[str, Any]:
    params = request.params
    service_model.validate_input(request.operation, params)

    name = params["TrainingJobName"]
    found = registry.find_training_job(request.account_id, request.region, name)
    if found is None:
        if moto_is_mocking():
            # Training jobs created through moto's create_training_job are moto's.
            raise ResourceNotOwned(name)
        # botocore's model declares ResourceNotFound, but SageMaker sends this
        # ValidationException for a training job name it does not know.
        raise ValidationError("Requested resource not found.")

    job, record = found
    return describe.describe_training_job(job, record)


OPERATIONS: dict[str, Operation] = {
    "ListTrainingJobsForHyperParameterTuningJob": list_training_jobs_for_hyper_parameter_tuning_job,
    "DescribeHyperParameterTuningJob": describe_hyper_parameter_tuning_job,
    "ListHyperParameterTuningJobs": list_hyper_parameter_tuning_jobs,
    "DescribeTrainingJob": describe_training_job,
}

# The paginated operations that honour `ServiceRequest.page_size_limit`.
SHORT_PAGE_OPERATIONS = frozenset({"ListTrainingJobsForHyperParameterTuningJob"})
