"""Rows measured in this process: the fake against botocore's floor and against moto.

The fake, moto's `mock_aws` or a `before-send` handler of this module
returns the response of every client, so no request leaves the process.
"""

from __future__ import annotations

import functools
import gc
import itertools
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import timing
from table import Row, ms, us

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
REGION = "us-east-1"
KIB = 1024


# --- clients -------------------------------------------------------------------


class _StaticBody:
    """A raw HTTP body for botocore's `AWSResponse`, read through `stream()`."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def _without_fake_handlers(client: Any) -> Any:
    """Remove the fake's botocore handlers from one client, leaving plain botocore."""
    from pytest_hpt_fixtures import _hook

    client.meta.events.unregister("before-send", _hook.before_send)
    client.meta.events.unregister("before-sign", _hook.before_sign)
    return client


def floor_client(status: int, headers: dict[str, str], body: bytes) -> Any:
    """Return a client that gets one fixed response to every request.

    The response bytes are built once, so a call costs what botocore itself
    costs (serialise, sign, emit events, parse) and nothing else.
    """
    import boto3
    from botocore.awsrequest import AWSResponse

    client = _without_fake_handlers(boto3.client("sagemaker", region_name=REGION))

    def send(request: Any, **_: Any) -> Any:
        return AWSResponse(request.url, status, headers, _StaticBody(body))

    client.meta.events.register("before-send.sagemaker", send)
    return client


def floor_client_for_pages(pages: dict[bytes, tuple[int, dict[str, str], bytes]]) -> Any:
    """Return a client that gets the fixed response of each request body in `pages`."""
    import boto3
    from botocore.awsrequest import AWSResponse

    client = _without_fake_handlers(boto3.client("sagemaker", region_name=REGION))

    def send(request: Any, **_: Any) -> Any:
        status, headers, body = pages[request.body]
        return AWSResponse(request.url, status, headers, _StaticBody(body))

    client.meta.events.register("before-send.sagemaker", send)
    return client


def listing_pages(
    mock: Any, name: str, max_results: int
) -> dict[bytes, tuple[int, dict[str, str], bytes]]:
    """Return the fake's response to every request of one listing, by request body."""
    from pytest_hpt_fixtures import operations, wire

    pages = {}
    params: dict[str, Any] = {"HyperParameterTuningJobName": name, "MaxResults": max_results}
    while True:
        request = operations.ServiceRequest(OPERATION, dict(params), mock.account_id, mock.region)
        response = wire.respond(operations.OPERATIONS[OPERATION](mock._registry, request))
        # botocore writes the members in the order the caller passed them, with
        # json.dumps' default separators. The paginator passes NextToken last.
        pages[json.dumps(params).encode()] = (
            response.status,
            dict(response.headers),
            response.body,
        )
        token = json.loads(response.body).get("NextToken")
        if token is None:
            return pages
        params = {
            "HyperParameterTuningJobName": name,
            "MaxResults": max_results,
            "NextToken": token,
        }


def encoded_page(mock: Any, name: str, max_results: int) -> tuple[int, dict[str, str], bytes]:
    """Return the HTTP response the fake sends for one page, built once."""
    from pytest_hpt_fixtures import operations, wire

    request = operations.ServiceRequest(
        OPERATION,
        {"HyperParameterTuningJobName": name, "MaxResults": max_results},
        mock.account_id,
        mock.region,
    )
    response = wire.respond(operations.OPERATIONS[OPERATION](mock._registry, request))
    return response.status, dict(response.headers), response.body


def list_page(client: Any, name: str, max_results: int) -> Any:
    return client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, MaxResults=max_results
    )


def paginate_all(client: Any, name: str) -> int:
    paginator = client.get_paginator("list_training_jobs_for_hyper_parameter_tuning_job")
    pages = paginator.paginate(HyperParameterTuningJobName=name, PaginationConfig={"PageSize": 100})
    return sum(len(page["TrainingJobSummaries"]) for page in pages)


# --- rows ------------------------------------------------------------------------


# Two clients of the same kind differ by up to about 1% in speed, with where
# their objects happen to lie in memory. Each variant of a per-call row runs
# on several clients, and its fastest round on any of them counts.
CLIENTS_PER_VARIANT = 6


def per_call_rows(mock: Any, rounds: int) -> list[Row]:
    """Compare the fake with the floor: one page again and again, and a whole listing."""
    job = mock.add_tuning_job(training_jobs=200)
    return [
        _per_call_row(mock, job.name, 10, rounds=12 * rounds, batch=10),
        _per_call_row(mock, job.name, 100, rounds=4 * rounds, batch=2),
        _listing_row(mock, job.name, rounds=rounds),
        _noise_row(mock, job.name, rounds=12 * rounds, batch=10),
    ]


def _compare_on_several_clients(
    make_clients: dict[str, Callable[[], Any]],
    call: Callable[[Any], object],
    *,
    rounds: int,
    batch: int,
) -> timing.Timings:
    """Interleave the variants on CLIENTS_PER_VARIANT fresh clients each, one pair at a time."""
    parts = []
    for _ in range(CLIENTS_PER_VARIANT):
        clients = {name: make() for name, make in make_clients.items()}
        for client in clients.values():
            call(client)
        parts.append(
            timing.interleave(
                {name: functools.partial(call, client) for name, client in clients.items()},
                rounds=max(3, rounds // CLIENTS_PER_VARIANT),
                batch=batch,
            )
        )
    return timing.merge(parts)


def _per_call_row(mock: Any, name: str, max_results: int, *, rounds: int, batch: int) -> Row:
    page = encoded_page(mock, name, max_results)

    def call(client: Any) -> None:
        summaries = list_page(client, name, max_results)["TrainingJobSummaries"]
        assert len(summaries) == max_results

    timings = _compare_on_several_clients(
        {"fake": mock.client, "floor": lambda: floor_client(*page)},
        call,
        rounds=rounds,
        batch=batch,
    )
    ratio = timings.ratio("fake", "floor")
    fake = mock.client()
    handler = _handler_time_in_call(mock, lambda: call(fake))
    return Row(
        f"per call, page of {max_results}: fake / floor",
        f"{ratio:.3f}x",
        "<= 1.03x",
        ratio <= 1.03,
        f"fake {us(timings.best('fake'))}, floor {us(timings.best('floor'))}; "
        f"fake's handler {us(handler)} in a call",
    )


def _listing_row(mock: Any, name: str, *, rounds: int) -> Row:
    """Page through 200 summaries by 10: every request differs from the one before.

    The per-call rows send one request again and again, and the fake sends
    the previous result for it. Here each request carries a new
    NextToken, so the fake decodes, validates and pages every time.
    """
    pages = listing_pages(mock, name, max_results=10)

    def paginate(client: Any) -> None:
        paginator = client.get_paginator("list_training_jobs_for_hyper_parameter_tuning_job")
        responses = paginator.paginate(
            HyperParameterTuningJobName=name, PaginationConfig={"PageSize": 10}
        )
        count = sum(len(page["TrainingJobSummaries"]) for page in responses)
        assert count == 200

    timings = _compare_on_several_clients(
        {"fake": mock.client, "floor": lambda: floor_client_for_pages(pages)},
        paginate,
        rounds=max(6, rounds),
        batch=1,
    )
    ratio = timings.ratio("fake", "floor")
    return Row(
        "per call, every page of 200 by 10: fake / floor",
        f"{ratio:.3f}x",
        "report",
        None,
        f"fake {us(timings.best('fake') / len(pages))}, "
        f"floor {us(timings.best('floor') / len(pages))} per page",
    )


def _noise_row(mock: Any, name: str, *, rounds: int, batch: int) -> Row:
    """Compare the floor with itself: how far apart two equal variants measure."""
    page = encoded_page(mock, name, 10)

    def call(client: Any) -> None:
        list_page(client, name, 10)

    timings = _compare_on_several_clients(
        {"floor": lambda: floor_client(*page), "same floor": lambda: floor_client(*page)},
        call,
        rounds=rounds,
        batch=batch,
    )
    ratio = timings.ratio("floor", "same floor")
    return Row(
        "per call, page of 10: floor / the same floor",
        f"{ratio:.3f}x",
        "report",
        None,
        "two equal variants: how precise the per-call rows are in this run",
    )


def _handler_time_in_call(mock: Any, call: Callable[[], object], calls: int = 200) -> float:
    """Return the median time the fake's `before-send` work takes inside real calls.

    This is more than the same work takes when repeated in a tight loop,
    because botocore's work between two calls evicts the fake's code and
    data from the CPU caches.
    """
    handle = mock.handle_botocore_request
    seconds: list[float] = []

    def timed(request: Any, event_name: str = "") -> Any:
        start = time.perf_counter()
        response = handle(request, event_name)
        seconds.append(time.perf_counter() - start)
        return response

    mock.handle_botocore_request = timed
    try:
        for _ in range(calls):
            call()
    finally:
        del mock.handle_botocore_request
    return statistics.median(seconds)


def moto_rows(mock: Any, fake: Any, rounds: int) -> list[Row]:
    """Compare the fake with moto: a page of 10, and making 100 training jobs."""
    import boto3
    from moto import mock_aws

    job = mock.add_tuning_job(training_jobs=10)
    with mock_aws():
        moto = _without_fake_handlers(boto3.client("sagemaker", region_name=REGION))
        _create_moto_state(moto, 10, prefix="benchmark")
        assert len(moto.list_training_jobs(MaxResults=10)["TrainingJobSummaries"]) == 10
        page = timing.interleave(
            {
                "fake": lambda: list_page(fake, job.name, 10),
                "moto": lambda: moto.list_training_jobs(MaxResults=10),
            },
            rounds=rounds,
            batch=40,
        )

    def seed_here() -> None:
        from pytest_hpt_fixtures import mock_tuning_jobs

        seeded = mock_tuning_jobs(seed=7).add_tuning_job(training_jobs=100)
        assert len(seeded.records) == 100

    prefixes = (f"benchmark-{number}" for number in itertools.count())
    with mock_aws():
        moto = _without_fake_handlers(boto3.client("sagemaker", region_name=REGION))
        state = timing.interleave(
            {
                "fake": seed_here,
                "moto": lambda: _create_moto_state(moto, 100, prefix=next(prefixes)),
            },
            rounds=max(5, rounds // 3),
        )

    page_speedup = page.ratio("moto", "fake")
    state_speedup = state.ratio("moto", "fake")
    return [
        Row(
            "page of 10: moto list_training_jobs / fake",
            f"{page_speedup:.2f}x",
            "report",
            None,
            f"fake {us(page.best('fake'))}, moto {us(page.best('moto'))}",
        ),
        Row(
            "100 training jobs: moto create calls / add_tuning_job",
            f"{state_speedup:.1f}x",
            "report",
            None,
            f"fake {ms(state.best('fake'))}, moto {ms(state.best('moto'))}",
        ),
    ]


def _create_moto_state(client: Any, training_jobs: int, *, prefix: str) -> None:
    """Create a tuning job and `training_jobs` training jobs through moto."""
    role = "arn:aws:iam::123456789012:role/SageMakerRole"
    algorithm = {
        "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
        "TrainingInputMode": "File",
    }
    output = {"S3OutputPath": "s3://benchmark-bucket/output"}
    resources = {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10}
    stopping = {"MaxRuntimeInSeconds": 3600}
    client.create_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=prefix,
        HyperParameterTuningJobConfig={
            "Strategy": "Bayesian",
            "HyperParameterTuningJobObjective": {
                "Type": "Maximize",
                "MetricName": "validation:auc",
            },
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 100, "MaxParallelTrainingJobs": 10},
        },
        TrainingJobDefinition={
            "AlgorithmSpecification": algorithm,
            "RoleArn": role,
            "OutputDataConfig": output,
            "ResourceConfig": resources,
            "StoppingCondition": stopping,
        },
    )
    for index in range(1, training_jobs + 1):
        client.create_training_job(
            TrainingJobName=f"{prefix}-{index:03d}-0123abcd",
            HyperParameters={"max_depth": "6", "eta": "0.1"},
            AlgorithmSpecification=algorithm,
            RoleArn=role,
            OutputDataConfig=output,
            ResourceConfig=resources,
            StoppingCondition=stopping,
        )


def scaling_rows(mock: Any, fake: Any, rounds: int) -> list[Row]:
    """Time paginating every summary of 10,000 training jobs against 1,000.

    Each round lists the 10,000 once and the 1,000 ten times, so that both
    variants take about as long and meet the same noise. The ratio shown is
    per tuning job: ten times the ratio of the two variants.
    """
    from pytest_hpt_fixtures import mock_tuning_jobs

    small = mock.add_tuning_job(training_jobs=1_000)
    large = mock.add_tuning_job(training_jobs=10_000)
    assert paginate_all(fake, small.name) == 1_000
    assert paginate_all(fake, large.name) == 10_000

    def paginate_small_ten_times() -> None:
        for _ in range(10):
            paginate_all(fake, small.name)

    warm = timing.interleave(
        {"10000": lambda: paginate_all(fake, large.name), "1000": paginate_small_ten_times},
        rounds=rounds,
    )

    seeds = itertools.count()

    def seed_and_paginate(count: int, times: int) -> Callable[[], object]:
        def run() -> None:
            for _ in range(times):
                with mock_tuning_jobs(seed=next(seeds)) as fresh:
                    job = fresh.add_tuning_job(training_jobs=count)
                    assert paginate_all(fake, job.name) == count

        return run

    cold = timing.interleave(
        {"10000": seed_and_paginate(10_000, 1), "1000": seed_and_paginate(1_000, 10)},
        rounds=rounds,
    )
    rows = []
    for label, timings in (("warm", warm), ("seed + first", cold)):
        ratio = 10 * timings.ratio("10000", "1000")
        rows.append(
            Row(
                f"paginate all ({label}): 10,000 jobs / 1,000 jobs",
                f"{ratio:.2f}x",
                "<= 10.5x",
                ratio <= 10.5,
                f"10,000: {ms(timings.best('10000'))}, 1,000: {ms(timings.best('1000') / 10)}",
            )
        )
    return rows


def per_test_rows(fake: Any, rounds: int) -> list[Row]:
    """Compare a test's use of the fake with creating one boto3 client."""
    import boto3

    from pytest_hpt_fixtures import mock_tuning_jobs

    seeds = itertools.count()

    def one_test_in_process() -> None:
        with mock_tuning_jobs(seed=next(seeds)) as mock:
            job = mock.add_tuning_job(training_jobs=100)
            response = mock.handle(first_page_request(mock, job.name))
            assert response is not None
            assert response.status == 200

    def one_test_through_client() -> None:
        with mock_tuning_jobs(seed=next(seeds)) as mock:
            job = mock.add_tuning_job(training_jobs=100)
            page = list_page(fake, job.name, 10)
            assert len(page["TrainingJobSummaries"]) == 10

    timings = timing.interleave(
        {
            "in process": one_test_in_process,
            "through client": one_test_through_client,
            "client": lambda: boto3.client("sagemaker"),
        },
        rounds=rounds,
        batch=10,
    )
    own = timings.ratio("in process", "client")
    with_call = timings.ratio("through client", "client")
    return [
        Row(
            "per test, fake's own work: start, seed 100, serve page 1, stop / boto3.client()",
            f"{own:.3f}x",
            "<= 0.25x",
            own <= 0.25,
            f"test {ms(timings.best('in process'))}, client {ms(timings.best('client'))}",
        ),
        Row(
            "per test, page 1 read through a boto3 client / boto3.client()",
            f"{with_call:.3f}x",
            "report",
            None,
            f"test {ms(timings.best('through client'))}",
        ),
    ]


def first_page_request(mock: Any, name: str) -> Any:
    """Return the HTTP request botocore sends for the first page, as the fake reads it."""
    from pytest_hpt_fixtures import wire
    from pytest_hpt_fixtures.environment import fake_access_key_id

    credential = f"{fake_access_key_id(mock.account_id)}/20250101/{mock.region}"
    return wire.WireRequest(
        method="POST",
        url=f"https://api.sagemaker.{mock.region}.amazonaws.com/",
        headers={
            "X-Amz-Target": f"SageMaker.{OPERATION}",
            "Content-Type": wire.CONTENT_TYPE,
            "Authorization": f"AWS4-HMAC-SHA256 Credential={credential}/sagemaker/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0",
        },
        body=json.dumps({"HyperParameterTuningJobName": name}).encode(),
    )


def memory_rows() -> list[Row]:
    """Measure the bytes held per summary in a tuning job of 100,000 training jobs."""
    from pytest_hpt_fixtures import mock_tuning_jobs, operations

    count = 100_000
    mock = mock_tuning_jobs(seed=3)
    mock.add_tuning_job(training_jobs=10)  # loads botocore's model and Faker first
    gc.collect()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        job = mock.add_tuning_job(training_jobs=count)
        assert len(job.records) == count
        gc.collect()
        generated = tracemalloc.get_traced_memory()[0] - baseline

        token = None
        listed = 0
        while True:
            params: dict[str, Any] = {"HyperParameterTuningJobName": job.name, "MaxResults": 100}
            if token:
                params["NextToken"] = token
            request = operations.ServiceRequest(OPERATION, params, mock.account_id, mock.region)
            body = operations.OPERATIONS[OPERATION](mock._registry, request)
            listed += 1
            token = _next_token(body)
            if token is None:
                break
        assert listed == count // 100
        gc.collect()
        after_listing = tracemalloc.get_traced_memory()[0] - baseline
    finally:
        tracemalloc.stop()
    return [
        Row(
            f"memory per summary, {count:,} generated",
            f"{generated / count:.0f} B",
            "<= 1 KiB",
            generated / count <= KIB,
        ),
        Row(
            f"memory per summary, {count:,} after listing all",
            f"{after_listing / count:.0f} B",
            "<= 1 KiB",
            after_listing / count <= KIB,
        ),
    ]


def _next_token(body: Any) -> str | None:
    token: str | None = json.loads(bytes(body)).get("NextToken")
    return token
