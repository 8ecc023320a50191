"""The fake under threads.

Readers page through their own clients while another thread seeds tuning
jobs and adds training jobs. Bounded: each reader makes a fixed number of paginations and the seeder
stops after a fixed number of rounds, so the test ends even if threads
starve one another.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_hpt_fixtures import FakeTuningJob, TuningJobMock, output_shape_problems

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
METRIC = "FinalHyperParameterTuningJobObjectiveMetric"
READERS = 6
PAGINATIONS_PER_READER = 5
SEEDING_ROUNDS = 30
QUERIES = (
    ("Name", "Ascending", None),
    ("CreationTime", "Descending", None),
    ("Status", "Ascending", "Completed"),
    ("FinalObjectiveMetricValue", "Descending", None),
    ("CreationTime", "Ascending", "Failed"),
)


def reference_names(
    summaries: list[dict[str, Any]], sort_by: str, sort_order: str, status: str | None
) -> list[str]:
    """Return the names of the training jobs a listing holds, in listing order."""
    rows = [row for row in summaries if status is None or row["TrainingJobStatus"] == status]
    if sort_by == "FinalObjectiveMetricValue":
        rows = [row for row in rows if METRIC in row]
    values = {
        "Name": lambda row: "",
        "CreationTime": lambda row: row["CreationTime"],
        "Status": lambda row: row["TrainingJobStatus"],
        "FinalObjectiveMetricValue": lambda row: row[METRIC]["Value"],
    }
    rows.sort(key=lambda row: (values[sort_by](row), row["TrainingJobName"]))
    if sort_order == "Descending":
        rows.reverse()
    return [row["TrainingJobName"] for row in rows]


def new_client(mock: TuningJobMock) -> Any:
    """Create a client in the calling thread, checking every response's shape."""
    client = mock.client(config=Config(retries={"total_max_attempts": 1}))

    def check(http_response: Any, parsed: dict[str, Any], **_: Any) -> None:
        if http_response.status_code < 300:
            assert output_shape_problems(OPERATION, parsed) == []

    client.meta.events.register(f"after-call.sagemaker.{OPERATION}", check)
    return client


def page_through(
    client: Any, job: FakeTuningJob, query: tuple[str, str, str | None], page_size: int
) -> tuple[list[list[dict[str, Any]]], int]:
    """Return every page of one listing and the number of requests made."""
    sort_by, sort_order, status = query
    arguments: dict[str, Any] = {
        "HyperParameterTuningJobName": job.name,
        "SortBy": sort_by,
        "SortOrder": sort_order,
        "MaxResults": page_size,
    }
    if status is not None:
        arguments["StatusEquals"] = status
    pages = []
    # One page per training job, plus one, is the most a listing can take
    # while the tuning job grows by at most SEEDING_ROUNDS * 2 training jobs.
    for _ in range(len(job.records) + 2 * SEEDING_ROUNDS + 1):
        response = client.list_training_jobs_for_hyper_parameter_tuning_job(**arguments)
        pages.append(response["TrainingJobSummaries"])
        if "NextToken" not in response:
            return pages, len(pages)
        arguments["NextToken"] = response["NextToken"]
    raise AssertionError(f"the listing of {job.name} did not end")


def check_pages(pages: list[list[dict[str, Any]]], job: FakeTuningJob, page_size: int) -> list[str]:
    """Check that no page is torn or mixed, and return the names in order."""
    names = []
    for page in pages:
        assert len(page) <= page_size
        for summary in page:
            assert summary["TuningJobName"] == job.name
            names.append(summary["TrainingJobName"])
    return names


def test_readers_page_while_seeder_adds(hpt_mock: TuningJobMock) -> None:
    stable_jobs = [hpt_mock.add_tuning_job(training_jobs=40) for _ in range(3)]
    growing_job = hpt_mock.add_tuning_job(training_jobs=12)
    expected = {
        (job.name, query): reference_names(job.summaries, *query)
        for job in stable_jobs
        for query in QUERIES
    }
    start = threading.Barrier(READERS + 1)
    readers_done = threading.Event()

    def read(reader: int) -> int:
        client = new_client(hpt_mock)
        start.wait()
        requests = 0
        for round_number in range(PAGINATIONS_PER_READER):
            query = QUERIES[(reader + round_number) % len(QUERIES)]
            page_size = (reader + round_number) % 7 + 1

            job = stable_jobs[(reader + round_number) % len(stable_jobs)]
            pages, count = page_through(client, job, query, page_size)
            requests += count
            assert check_pages(pages, job, page_size) == expected[(job.name, query)]

            # The growing tuning job: no repeats, listing order kept, and
            # every training job present at the start is returned.
            present = set(reference_names(growing_job.summaries, *query))
            pages, count = page_through(client, growing_job, query, page_size)
            requests += count
            names = check_pages(pages, growing_job, page_size)
            assert len(names) == len(set(names))
            assert present <= set(names)
            final_order = reference_names(growing_job.summaries, *query)
            assert names == [name for name in final_order if name in set(names)]
        return requests

    def seed() -> int:
        start.wait()
        rounds = 0
        while rounds < SEEDING_ROUNDS and not readers_done.is_set():
            hpt_mock.add_tuning_job(training_jobs=15)
            hpt_mock.add_training_jobs(growing_job, 2)
            rounds += 1
        return rounds

    with ThreadPoolExecutor(max_workers=READERS + 1) as pool:
        seeding = pool.submit(seed)
        reading = [pool.submit(read, reader) for reader in range(READERS)]
        try:
            requests = sum(future.result(timeout=120) for future in reading)
        finally:
            readers_done.set()
        rounds = seeding.result(timeout=120)

    assert rounds >= 1
    assert len(hpt_mock.tuning_jobs) == 4 + rounds
    assert len(growing_job.records) == 12 + 2 * rounds
    assert len(hpt_mock.calls) == requests
    assert {call.status for call in hpt_mock.calls} == {200}


def test_injected_errors_taken_exactly_once(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=5)
    hpt_mock.inject_error(OPERATION, "ThrottlingException", times=20)
    threads = 5
    calls_per_thread = 10
    start = threading.Barrier(threads)

    def call_repeatedly() -> list[str]:
        client = new_client(hpt_mock)
        start.wait()
        error_codes = []
        for _ in range(calls_per_thread):
            try:
                client.list_training_jobs_for_hyper_parameter_tuning_job(
                    HyperParameterTuningJobName=job.name
                )
            except ClientError as error:
                error_codes.append(error.response["Error"]["Code"])
        return error_codes

    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(call_repeatedly) for _ in range(threads)]
        error_codes = [code for future in futures for code in future.result(timeout=120)]

    statuses = [call.status for call in hpt_mock.calls]
    assert error_codes == ["ThrottlingException"] * 20
    assert len(statuses) == threads * calls_per_thread
    assert statuses.count(400) == 20


def test_short_pages_taken_exactly_once(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=9)
    hpt_mock.inject_short_pages(OPERATION, [0] * 30)
    threads = 4
    start = threading.Barrier(threads)

    def paginate_and_count_empty_pages() -> int:
        client = new_client(hpt_mock)
        start.wait()
        empty_pages = 0
        for _ in range(5):
            pages, _ = page_through(client, job, ("Name", "Ascending", None), 4)
            assert check_pages(pages, job, 4) == sorted(job.training_job_names)
            empty_pages += sum(1 for page in pages if not page)
        return empty_pages

    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(paginate_and_count_empty_pages) for _ in range(threads)]
        empty_pages = sum(future.result(timeout=120) for future in futures)

    assert empty_pages == 30


def test_clients_created_concurrently(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=3)
    threads = 8
    start = threading.Barrier(threads)

    def create_and_call() -> int:
        start.wait()
        client = hpt_mock.client()
        response = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name
        )
        return len(response["TrainingJobSummaries"])

    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(create_and_call) for _ in range(threads)]
        counts = [future.result(timeout=120) for future in futures]

    assert counts == [3] * threads
