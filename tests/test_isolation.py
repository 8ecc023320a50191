"""No state leaks from one test to the next, in any order and under pytest-xdist.

A small suite runs in its own processes through pytester. Some of its tests
leave as much behind as they can: a tuning job with a fixed name, unused
injected errors and short pages, recorded calls. Others check that they
start clean. Its conftest reorders the tests: the default order, reversed,
shuffled with a fixed seed, and shuffled across two xdist workers. Every
test logs a digest of its generated data, which must not depend on the
order or the worker.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CONFTEST = '''
import json
import os
import random

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--order",
        default="default",
        help="Test order: default, reverse, or shuffle:SEED.",
    )
    parser.addoption(
        "--break-isolation",
        action="store_true",
        help="Make TuningJobMock.stop do nothing, so that fakes leak.",
    )


def pytest_configure(config):
    if config.getoption("break_isolation"):
        from pytest_hpt_fixtures.mock import TuningJobMock

        TuningJobMock.stop = lambda self: None


def pytest_collection_modifyitems(config, items):
    order = config.getoption("order")
    if order == "reverse":
        items.reverse()
    elif order.startswith("shuffle:"):
        random.Random(int(order.partition(":")[2])).shuffle(items)


@pytest.fixture
def record(request):
    """A dict that the test fills, logged with the test's id at teardown."""
    entries = {}
    yield entries
    entries["test"] = request.node.nodeid
    entries["worker"] = os.environ.get("PYTEST_XDIST_WORKER", "main")
    log_path = os.path.join(os.environ["ISOLATION_LOG_DIR"], f"{os.getpid()}.jsonl")
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(json.dumps(entries) + "\\n")
'''

HELPERS = """
import hashlib

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"


def digest(job):
    return hashlib.sha256(repr((job.name, job.summaries)).encode()).hexdigest()
"""

TESTS_WITH_FAKE = """
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from helpers import OPERATION, digest


@pytest.mark.parametrize("copy", range(3))
def test_leaves_state_behind(hpt_mock, record, copy):
    job = hpt_mock.add_tuning_job("shared-name", training_jobs=15)
    hpt_mock.add_training_jobs(job, 2)
    hpt_mock.inject_error(OPERATION, "ThrottlingException", times=50)
    hpt_mock.inject_short_pages(OPERATION, [0, 0, 0])
    client = hpt_mock.client(config=Config(retries={"total_max_attempts": 1}))
    with pytest.raises(ClientError):
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="shared-name"
        )
    record["digest"] = digest(job)


@pytest.mark.parametrize("copy", range(3))
def test_starts_clean(hpt_mock, record, copy):
    assert hpt_mock.calls == []
    assert hpt_mock.tuning_jobs == []
    job = hpt_mock.add_tuning_job("shared-name", training_jobs=15)
    client = hpt_mock.client(config=Config(retries={"total_max_attempts": 1}))

    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName="shared-name", MaxResults=5
    )

    assert len(response["TrainingJobSummaries"]) == 5
    assert len(hpt_mock.calls) == 1
    record["digest"] = digest(job)


@pytest.mark.xfail(raises=RuntimeError, strict=True)
def test_fails_after_seeding(hpt_mock, record):
    job = hpt_mock.add_tuning_job("shared-name", training_jobs=3)
    hpt_mock.inject_error(OPERATION, "ThrottlingException", times=50)
    record["digest"] = digest(job)
    raise RuntimeError("a test that fails must not leak its fake either")


@pytest.mark.hpt_tuning_job(training_jobs=8, strategy="Random")
def test_marker_job(hpt_tuning_job, record):
    record["digest"] = digest(hpt_tuning_job)


def test_factory_jobs(hpt_tuning_job_factory, record):
    jobs = [hpt_tuning_job_factory(training_jobs=count) for count in (1, 4)]
    record["digest"] = [digest(job) for job in jobs]


def test_faker_values(hpt_faker, record):
    record["digest"] = [hpt_faker.tuning_job_name() for _ in range(3)]
"""

TESTS_WITHOUT_FAKE = """
import os

import pytest

from helpers import digest
from pytest_hpt_fixtures import HptUsageError, active_mock, mock_tuning_jobs


@pytest.mark.parametrize("copy", range(3))
def test_no_fake_active(record, copy):
    with pytest.raises(HptUsageError):
        active_mock()
    assert os.environ.get("AWS_ACCESS_KEY_ID") == "outer-access-key"
    assert "AWS_EC2_METADATA_DISABLED" not in os.environ
    record["digest"] = None


def test_context_manager_cleans_up(record):
    with mock_tuning_jobs(seed=5) as mock:
        record["digest"] = digest(mock.add_tuning_job("shared-name", training_jobs=4))
    with pytest.raises(HptUsageError):
        active_mock()


@mock_tuning_jobs(seed=6)
def test_decorated_function_starts_clean(record):
    mock = active_mock()
    assert mock.tuning_jobs == []
    assert mock.calls == []
    record["digest"] = digest(mock.add_tuning_job("shared-name", training_jobs=4))
"""

INNER_PASSING = 14
INNER_TEST_COUNT = INNER_PASSING + 1  # one strict xfail
SEED_ARGUMENTS = ("-p", "no:cacheprovider", "--hpt-seed=1234")


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        helpers=HELPERS,
        test_a_with_fake=TESTS_WITH_FAKE,
        test_b_without_fake=TESTS_WITHOUT_FAKE,
    )
    # Values the fake replaces while it is active, and must restore.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "outer-access-key")
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED", raising=False)
    return pytester


def run_suite(suite: pytest.Pytester, name: str, *arguments: str) -> tuple[Any, list[dict]]:
    """Run the suite in a new process; return the result and its log, in run order."""
    log_dir = suite.path / f"log-{name}"
    log_dir.mkdir()
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("ISOLATION_LOG_DIR", str(log_dir))
        result = suite.runpytest_subprocess(*SEED_ARGUMENTS, *arguments)
    entries = [
        json.loads(line)
        for path in sorted(log_dir.iterdir())
        for line in Path(path).read_text(encoding="utf-8").splitlines()
    ]
    return result, entries


def digests(entries: list[dict]) -> dict[str, Any]:
    return {entry["test"]: entry["digest"] for entry in entries}


def test_suite_passes_in_every_order(suite: pytest.Pytester) -> None:
    default, default_log = run_suite(suite, "default")
    reverse, reverse_log = run_suite(suite, "reverse", "--order=reverse")
    shuffled, shuffled_log = run_suite(suite, "shuffled", "--order=shuffle:7")
    parallel, parallel_log = run_suite(suite, "xdist", "--order=shuffle:11", "-n", "2")

    for result in (default, reverse, shuffled, parallel):
        result.assert_outcomes(passed=INNER_PASSING, xfailed=1)

    # The reordering took effect.
    default_order = [entry["test"] for entry in default_log]
    assert [entry["test"] for entry in reverse_log] == default_order[::-1]
    assert [entry["test"] for entry in shuffled_log] != default_order
    assert {entry["worker"] for entry in parallel_log} == {"gw0", "gw1"}

    # Same data for every test, whatever ran before it and wherever it ran.
    assert len(digests(default_log)) == INNER_TEST_COUNT
    assert digests(reverse_log) == digests(default_log)
    assert digests(shuffled_log) == digests(default_log)
    assert digests(parallel_log) == digests(default_log)


def test_suite_detects_leaked_fake(suite: pytest.Pytester) -> None:
    # The control: with TuningJobMock.stop disabled, each fake of a test
    # stays active, and the tests without a fake see it and its credentials.
    result, _ = run_suite(suite, "leaking", "--break-isolation")

    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) >= 3
    result.stdout.fnmatch_lines(["FAILED *test_no_fake_active* - Failed: DID NOT RAISE*"])
