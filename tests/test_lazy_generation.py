"""Generated training jobs are made when first read, with the data made at once.

A tuning job's training jobs draw from a random source the tuning job owns,
so reading a first page, then the rest, gives the same training jobs, end
time and failure reason as reading everything at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pytest_hpt_fixtures import TuningJobMock, mock_tuning_jobs
from pytest_hpt_fixtures.model import FakeTuningJob


@pytest.fixture
def mock() -> Iterator[TuningJobMock]:
    with mock_tuning_jobs(seed=11) as active:
        yield active


def client() -> Any:
    return boto3.client("sagemaker", region_name="us-east-1")


def list_all(name: str, **params: Any) -> list[dict[str, Any]]:
    paginator = client().get_paginator("list_training_jobs_for_hyper_parameter_tuning_job")
    pages = paginator.paginate(HyperParameterTuningJobName=name, **params)
    return [summary for page in pages for summary in page["TrainingJobSummaries"]]


def generated(job: FakeTuningJob) -> int:
    """Return how many training jobs of `job` exist, without generating more."""
    return len(job._records)


def everything(job: FakeTuningJob) -> tuple[Any, ...]:
    return (job.summaries, job.end_time, job.failure_reason, job.best_training_job)


def test_seeding_generates_no_training_job(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=50)

    assert generated(job) == 0


def test_first_page_generates_only_its_training_jobs(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=50)

    page = client().list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=7
    )

    assert len(page["TrainingJobSummaries"]) == 7
    assert "NextToken" in page
    assert generated(job) == 7


@pytest.mark.parametrize("count", [1, 7, 12, 999])
def test_first_page_matches_full_name_order(mock: TuningJobMock, count: int) -> None:
    job = mock.add_tuning_job(training_jobs=count)

    page = client().list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=7
    )

    names = sorted(record.name for record in job.records)
    assert [s["TrainingJobName"] for s in page["TrainingJobSummaries"]] == names[:7]
    assert ("NextToken" in page) == (count > 7)


def test_first_page_of_1000_sorts_every_training_job(mock: TuningJobMock) -> None:
    # Numbers past 999 take four digits, so creation order is no longer name order.
    job = mock.add_tuning_job(training_jobs=1_000)

    page = client().list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=100
    )

    names = sorted(record.name for record in job.records)
    assert [s["TrainingJobName"] for s in page["TrainingJobSummaries"]] == names[:100]


def test_pages_after_first_list_each_job_once(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=45)

    listed = list_all(job.name, PaginationConfig={"PageSize": 10})

    assert [s["TrainingJobName"] for s in listed] == sorted(job.training_job_names)


@pytest.mark.parametrize("status", ["Completed", "Failed", "Stopped", "InProgress"])
def test_generation_in_parts_equals_at_once(status: str) -> None:
    at_once = TuningJobMock(seed=4)
    in_parts = TuningJobMock(seed=4)
    eager = [at_once.add_tuning_job(training_jobs=33, status=status) for _ in range(3)]
    lazy = [in_parts.add_tuning_job(training_jobs=33, status=status) for _ in range(3)]

    # Parts interleaved across tuning jobs, in reverse order.
    for size in (5, 6, 20):
        for job in reversed(lazy):
            job.first_records_by_name(size)
    for job in eager:
        everything(job)

    assert [everything(job) for job in lazy] == [everything(job) for job in eager]


def test_end_time_generates_every_training_job(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=30)

    end_time = job.end_time

    assert generated(job) == 30
    assert end_time is not None
    assert end_time.timestamp() > max(record.end_time or 0.0 for record in job.records)


def test_set_failure_reason_is_kept(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=30, status="Failed")

    job.failure_reason = "set by the test"

    assert job.failure_reason == "set by the test"
    assert generated(job) == 30


def test_dict_training_jobs_generated_at_seeding(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=[{}, {"TrainingJobStatus": "Failed"}])

    assert generated(job) == 2


def test_added_training_jobs_follow_lazy_ones(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=12)
    job.first_records_by_name(3)

    added = mock.add_training_jobs(job, 2)

    assert [record.name for record in job.records][-2:] == [s["TrainingJobName"] for s in added]
    assert len(job.records) == 14


def test_first_page_read_again_sees_added_training_jobs(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=5)
    first = client().list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    mock.add_training_jobs(job, 2)
    again = client().list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    assert len(first["TrainingJobSummaries"]) == 5
    assert [s["TrainingJobName"] for s in again["TrainingJobSummaries"]] == sorted(
        job.training_job_names
    )


def test_first_page_cached_per_size(mock: TuningJobMock) -> None:
    job = mock.add_tuning_job(training_jobs=30)
    names = sorted(job.training_job_names)

    for size in (3, 12, 3, 30, 12):
        page = client().list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name, MaxResults=size
        )
        assert [s["TrainingJobName"] for s in page["TrainingJobSummaries"]] == names[:size]
        assert ("NextToken" in page) == (size < 30)


def test_null_members_take_their_defaults(mock: TuningJobMock) -> None:
    from pytest_hpt_fixtures import wire
    from pytest_hpt_fixtures.operations import OPERATIONS, ServiceRequest

    job = mock.add_tuning_job(training_jobs=12)
    params = {
        "HyperParameterTuningJobName": job.name,
        "MaxResults": None,
        "SortBy": None,
        "SortOrder": None,
    }
    operation = "ListTrainingJobsForHyperParameterTuningJob"
    request = ServiceRequest(operation, params, mock.account_id, mock.region)

    body = json.loads(wire.respond(OPERATIONS[operation](mock._registry, request)).body)

    assert [s["TrainingJobName"] for s in body["TrainingJobSummaries"]] == sorted(
        job.training_job_names
    )[:10]
