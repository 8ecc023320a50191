"""Seeds: a test's data depends only on the run's seed and the test's node id.

The pytester runs below record each test's generated data into files, then
compare runs with the same seed across `-k` selections, test order and
pytest-xdist workers, and runs with other seeds.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pytest_hpt_fixtures import HptUsageError, TuningJobMock, factories, mock_tuning_jobs, seeding

RECORDING_TESTS = """
import hashlib
import json
import os

import pytest

OUT = os.environ["HPT_RECORD_DIR"]


def record(request, **data):
    name = hashlib.sha1(request.node.nodeid.encode()).hexdigest()
    with open(os.path.join(OUT, name + ".json"), "w") as file:
        json.dump({"nodeid": request.node.nodeid, **data}, file, default=str, sort_keys=True)


def test_one(request, hpt_tuning_job, hpt_seed):
    record(request, seed=hpt_seed, jobs=[hpt_tuning_job.summaries])


def test_two(request, hpt_tuning_job_factory, hpt_seed):
    first = hpt_tuning_job_factory(scenario="in_progress", training_jobs=5)
    second = hpt_tuning_job_factory(scenario="warm_start", training_jobs=3)
    record(request, seed=hpt_seed, jobs=[first.summaries, second.summaries])


def test_faker(request, hpt_faker, hpt_seed):
    record(request, seed=hpt_seed, values=[hpt_faker.failure_reason(), hpt_faker.name()])


@pytest.mark.parametrize("size", [1, 2, 3])
def test_param(request, hpt_tuning_job_factory, hpt_seed, size):
    record(request, seed=hpt_seed, jobs=[hpt_tuning_job_factory(training_jobs=size).summaries])


class TestGroup:
    @pytest.mark.hpt_tuning_job(scenario="all_failed")
    def test_in_class(self, request, hpt_tuning_job, hpt_seed):
        record(request, seed=hpt_seed, jobs=[hpt_tuning_job.summaries])


def test_fails(request, hpt_tuning_job, hpt_seed):
    record(request, seed=hpt_seed, jobs=[hpt_tuning_job.summaries])
    assert False, "deliberate failure"
"""

REVERSE_ORDER_CONFTEST = """
def pytest_collection_modifyitems(items):
    items.reverse()
"""

# The runs below need neither the cache nor hypothesis, which an in-process
# run would import again each time.
LIGHT_RUN = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest")

HEADER = re.compile(r"hpt-fixtures: seed (\d+) \(replay with --hpt-seed=\1\)")


class Recorder:
    """Runs the recording tests and reads back what each test generated."""

    def __init__(self, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pytester = pytester
        self.directory = pytester.path / "recorded"
        self.directory.mkdir()
        monkeypatch.setenv("HPT_RECORD_DIR", str(self.directory))
        pytester.makepyfile(test_recorded=RECORDING_TESTS)
        # pytester removes the modules that an in-process run imported, so
        # botocore and Faker are imported here once rather than in every run.
        factories.fixture_faker(0)
        TuningJobMock(seed=0).add_tuning_job(scenario="warm_start")

    def run(self, *args: str, subprocess: bool = False) -> tuple[dict[str, Any], str]:
        for path in self.directory.iterdir():
            path.unlink()
        options = (*LIGHT_RUN, *args)
        if subprocess:
            result = self.pytester.runpytest_subprocess(*options)
        else:
            result = self.pytester.runpytest(*options)
        output = result.stdout.str()
        records = {}
        for path in self.directory.iterdir():
            data = json.loads(path.read_text())
            records[data.pop("nodeid")] = data
        return records, output


@pytest.fixture
def recorder(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return Recorder(pytester, monkeypatch)


def header_seed(output: str) -> int:
    match = HEADER.search(output)
    assert match is not None, output
    return int(match.group(1))


def test_same_seed_same_data_across_runs(recorder: Recorder) -> None:
    first, _ = recorder.run("--hpt-seed=123")
    second, _ = recorder.run("--hpt-seed=123")

    assert len(first) == 8
    assert first == second


def test_k_selection_keeps_data(recorder: Recorder) -> None:
    full, _ = recorder.run("--hpt-seed=123")
    selected, _ = recorder.run("--hpt-seed=123", "-k", "two or param")

    assert sorted(selected) == sorted(
        nodeid for nodeid in full if "test_two" in nodeid or "test_param" in nodeid
    )
    for nodeid, data in selected.items():
        assert data == full[nodeid]


def test_test_order_keeps_data(recorder: Recorder, pytester: pytest.Pytester) -> None:
    forward, _ = recorder.run("--hpt-seed=123")
    pytester.makeconftest(REVERSE_ORDER_CONFTEST)
    backward, output = recorder.run("--hpt-seed=123", "-v")

    assert output.index("test_fails") < output.index("test_one")
    assert backward == forward


def test_ini_seed_same_as_option(recorder: Recorder, pytester: pytest.Pytester) -> None:
    from_option, _ = recorder.run("--hpt-seed=123")
    pytester.makeini("[pytest]\nhpt_seed = 123\n")
    from_ini, output = recorder.run()

    assert header_seed(output) == 123
    assert from_ini == from_option


def test_option_overrides_ini(recorder: Recorder, pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nhpt_seed = 5\n")
    _, output = recorder.run("--hpt-seed=6")

    assert header_seed(output) == 6


def test_other_seed_other_data(recorder: Recorder) -> None:
    first, _ = recorder.run("--hpt-seed=123")
    second, _ = recorder.run("--hpt-seed=124")

    assert sorted(first) == sorted(second)
    for nodeid in first:
        assert first[nodeid] != second[nodeid], nodeid


def test_tests_get_different_data(recorder: Recorder) -> None:
    records, _ = recorder.run("--hpt-seed=123")
    seeds = [data["seed"] for data in records.values()]
    jobs = [json.dumps(data["jobs"]) for data in records.values() if "jobs" in data]

    assert len(set(seeds)) == len(seeds)
    assert len(set(jobs)) == len(jobs)


def test_seed_fixture_is_derived_from_node_id(recorder: Recorder) -> None:
    records, _ = recorder.run("--hpt-seed=123")

    for nodeid, data in records.items():
        assert data["seed"] == seeding.seed_for_test(123, nodeid)


def test_fresh_seed_without_option(recorder: Recorder) -> None:
    first, first_output = recorder.run()
    second, second_output = recorder.run()

    assert header_seed(first_output) != header_seed(second_output)
    assert first != second


def test_random_seed_replays(recorder: Recorder) -> None:
    first, output = recorder.run()
    replayed, _ = recorder.run(f"--hpt-seed={header_seed(output)}")

    assert replayed == first


def test_xdist_workers_keep_data(recorder: Recorder) -> None:
    serial, _ = recorder.run("--hpt-seed=123")
    distributed, output = recorder.run("--hpt-seed=123", "-n", "2", subprocess=True)

    assert "2 workers" in output
    assert distributed == serial


def test_xdist_workers_share_random_seed(recorder: Recorder) -> None:
    distributed, output = recorder.run("-n", "2", subprocess=True)
    seed = header_seed(output)
    serial, _ = recorder.run(f"--hpt-seed={seed}")

    assert "2 workers" in output
    assert distributed == serial
    # The failure report, written on a worker, names the controller's seed.
    assert f"test_recorded.py::test_fails --hpt-seed={seed}" in output


def test_failure_report_shows_replay_command(recorder: Recorder) -> None:
    records, output = recorder.run("--hpt-seed=77")

    assert "hpt-fixtures" in output
    assert "The generated tuning jobs came from seed 77. Replay them with:" in output
    assert "pytest test_recorded.py::test_fails --hpt-seed=77" in output
    assert "test_recorded.py::test_fails" in records


def test_replay_command_reproduces_data(recorder: Recorder) -> None:
    records, output = recorder.run()
    match = re.search(r"pytest (test_recorded\.py::test_fails) --hpt-seed=(\d+)", output)
    assert match is not None, output
    replayed, _ = recorder.run(match.group(1), f"--hpt-seed={match.group(2)}")

    assert replayed == {match.group(1): records[match.group(1)]}


def test_failure_report_quotes_node_id(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_quoted="""
        import pytest

        @pytest.mark.parametrize("label", ["a b"])
        def test_label(hpt_tuning_job, label):
            assert False
        """
    )
    output = pytester.runpytest(*LIGHT_RUN, "--hpt-seed=8").stdout.str()

    assert "pytest 'test_quoted.py::test_label[a b]' --hpt-seed=8" in output


def test_failure_without_fixtures_has_no_section(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_plain="""
        def test_plain():
            assert False
        """
    )
    output = pytester.runpytest(*LIGHT_RUN, "--hpt-seed=8").stdout.str()

    assert "1 failed" in output
    assert "Replay them with" not in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hpt-seed=abc"], "--hpt-seed='abc' is not a seed: pass a whole number"),
        (["--hpt-seed=-3"], "--hpt-seed=-3 is negative"),
    ],
)
def test_bad_seed_option_usage_error(
    pytester: pytest.Pytester, args: list[str], message: str
) -> None:
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest(*LIGHT_RUN, *args)

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


def test_bad_seed_ini_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nhpt_seed = twelve\n")
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest(*LIGHT_RUN)

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "hpt_seed='twelve' is not a seed" in result.stderr.str()


# --- session_seed and derive_seed ---------------------------------------------------


def test_session_seed_option_first() -> None:
    assert seeding.session_seed("5", "6", None) == 5


def test_session_seed_ini_second() -> None:
    assert seeding.session_seed(None, "6", None) == 6


def test_session_seed_hex_accepted() -> None:
    assert seeding.session_seed("0x10", None, None) == 16


def test_session_seed_worker_input_wins() -> None:
    assert seeding.session_seed(None, None, {seeding.WORKER_INPUT_KEY: 42}) == 42


def test_session_seed_worker_without_seed_reads_option() -> None:
    assert seeding.session_seed("7", None, {"workerid": "gw0"}) == 7


def test_session_seed_random_without_values() -> None:
    seeds = {seeding.session_seed(None, "", None) for _ in range(5)}

    assert len(seeds) > 1
    assert all(0 <= seed < 2**seeding.SEED_BITS for seed in seeds)


def test_session_seed_bad_value_rejected() -> None:
    with pytest.raises(HptUsageError, match="--hpt-seed='x' is not a seed"):
        seeding.session_seed("x", None, None)


def test_derive_seed_depends_on_names() -> None:
    assert seeding.derive_seed(1, "a") == seeding.derive_seed(1, "a")
    assert seeding.derive_seed(1, "a") != seeding.derive_seed(1, "b")
    assert seeding.derive_seed(1, "a") != seeding.derive_seed(2, "a")
    assert seeding.derive_seed(1, "a", "b") != seeding.derive_seed(1, "ab")


# --- outside pytest -------------------------------------------------------------------

FINGERPRINT_SCRIPT = """
import hashlib, json
from pytest_hpt_fixtures import mock_tuning_jobs
with mock_tuning_jobs(seed=2024) as mock:
    jobs = [mock.add_tuning_job(scenario=name).summaries
            for name in ("completed", "warm_start", "multi_definition")]
print(hashlib.sha256(json.dumps(jobs, default=str, sort_keys=True).encode()).hexdigest())
"""


def fingerprint_in_subprocess(hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    completed = subprocess.run(
        [sys.executable, "-c", FINGERPRINT_SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=Path(__file__).resolve().parent,
        timeout=120,
    )
    return completed.stdout.strip()


def test_mock_seed_same_data_in_other_processes() -> None:
    import hashlib

    with mock_tuning_jobs(seed=2024) as mock:
        jobs = [
            mock.add_tuning_job(scenario=name).summaries
            for name in ("completed", "warm_start", "multi_definition")
        ]
    in_this_process = hashlib.sha256(
        json.dumps(jobs, default=str, sort_keys=True).encode()
    ).hexdigest()

    assert fingerprint_in_subprocess("1") == in_this_process
    assert fingerprint_in_subprocess("2") == in_this_process


def test_mock_without_seed_draws_one() -> None:
    first = TuningJobMock()
    second = TuningJobMock()

    assert first.seed != second.seed
    assert TuningJobMock(seed=first.seed).add_tuning_job().summaries == (
        first.add_tuning_job().summaries
    )
