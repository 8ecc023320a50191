"""`python -m pytest_hpt_fixtures preview`: a generated tuning job as a table or JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime
from typing import Any

import pytest

from pytest_hpt_fixtures import TuningJobMock
from pytest_hpt_fixtures.__main__ import main
from pytest_hpt_fixtures.scenarios import SCENARIOS


def preview(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["preview", *args]) == 0
    return capsys.readouterr().out


def rejected(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as raised:
        main(["preview", *args])
    assert raised.value.code == 2
    return capsys.readouterr().err


def test_table_shows_tuning_job(capsys: pytest.CaptureFixture[str]) -> None:
    job = TuningJobMock(seed=5).add_tuning_job()
    output = preview(capsys, "--seed", "5")

    assert f"Tuning job   {job.name}\n" in output
    assert f"ARN          {job.arn}\n" in output
    assert "Objective    Maximize validation:auc" in output
    assert job.best_training_job is not None
    assert f"Best         {job.best_training_job['TrainingJobName']} (" in output


def test_table_row_per_training_job(capsys: pytest.CaptureFixture[str]) -> None:
    job = TuningJobMock(seed=5).add_tuning_job()
    output = preview(capsys, "--seed", "5")
    rows = [line for line in output.splitlines() if line.startswith(job.name + "-")]

    assert len(rows) == len(job.summaries)
    for row, summary in zip(rows, job.summaries, strict=True):
        assert row.startswith(summary["TrainingJobName"])
        assert summary["TrainingJobStatus"] in row


def test_table_lists_failure_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    output = preview(capsys, "--seed", "5", "--scenario", "all_failed")

    assert "Best         none (no Completed training job)" in output
    assert "\nFailureReason\n" in output
    assert re.search(r"^  \S+-001-[0-9a-f]{8}: \w+: ", output, re.MULTILINE)


def test_table_has_no_trailing_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    output = preview(capsys, "--seed", "5", "--scenario", "multi_definition")

    assert all(line == line.rstrip() for line in output.splitlines())


def test_table_shows_definition_column(capsys: pytest.CaptureFixture[str]) -> None:
    output = preview(capsys, "--seed", "5", "--scenario", "multi_definition")

    assert re.search(r"^TrainingJobName +Definition +Status ", output, re.MULTILINE)


def test_table_shows_warm_start_parent(capsys: pytest.CaptureFixture[str]) -> None:
    job = TuningJobMock(seed=5).add_tuning_job(scenario="warm_start")
    output = preview(capsys, "--seed", "5", "--scenario", "warm_start")

    assert f"Warm start   from {job.parent_tuning_jobs[0].name}" in output
    assert re.search(r"^TrainingJobName +TuningJobName +Status ", output, re.MULTILINE)


def test_training_jobs_option_sets_count(capsys: pytest.CaptureFixture[str]) -> None:
    output = preview(capsys, "--seed", "5", "--training-jobs", "3", "--json")

    assert len(json.loads(output)["TrainingJobSummaries"]) == 3


def test_zero_training_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    output = preview(capsys, "--seed", "5", "--training-jobs", "0")

    assert "(no training jobs)" in output


def test_json_matches_generated_job(capsys: pytest.CaptureFixture[str]) -> None:
    job = TuningJobMock(seed=9).add_tuning_job(scenario="in_progress")
    data = json.loads(preview(capsys, "--seed", "9", "--scenario", "in_progress", "--json"))
    expected = json.loads(json.dumps(job.summaries, default=datetime.isoformat))

    assert data["Seed"] == 9
    assert data["Scenario"] == "in_progress"
    assert data["HyperParameterTuningJobName"] == job.name
    assert data["HyperParameterTuningJobStatus"] == "InProgress"
    assert data["TrainingJobSummaries"] == expected


def test_json_timestamps_iso_8601(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(preview(capsys, "--seed", "9", "--json"))
    summary = data["TrainingJobSummaries"][0]

    assert datetime.fromisoformat(summary["CreationTime"]).tzinfo is not None
    assert datetime.fromisoformat(data["CreationTime"]).tzinfo is not None


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_scenario_previews(capsys: pytest.CaptureFixture[str], scenario: str) -> None:
    data: dict[str, Any] = json.loads(
        preview(capsys, "--seed", "1", "--scenario", scenario, "--json")
    )

    assert data["Scenario"] == scenario
    assert data["TrainingJobSummaries"]


def test_hex_seed_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert preview(capsys, "--seed", "0x10") == preview(capsys, "--seed", "16")


def test_same_seed_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert preview(capsys, "--seed", "3") == preview(capsys, "--seed", "3")


def test_other_seed_other_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert preview(capsys, "--seed", "3") != preview(capsys, "--seed", "4")


def test_random_seed_printed_for_replay(capsys: pytest.CaptureFixture[str]) -> None:
    output = preview(capsys, "--scenario", "early_stopped")
    match = re.search(
        r"replay: python -m pytest_hpt_fixtures preview --seed (\d+) --scenario early_stopped\)",
        output,
    )
    assert match is not None, output

    assert preview(capsys, "--seed", match.group(1), "--scenario", "early_stopped") == output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seed", "abc"], "argument --seed: 'abc' is not a whole number"),
        (["--seed", "-1"], "argument --seed: -1 is negative: pass 0 or more"),
        (["--training-jobs", "many"], "argument --training-jobs: 'many' is not a whole number"),
        (["--training-jobs", "-4"], "argument --training-jobs: -4 is negative"),
        (["--scenario", "finished"], "argument --scenario: invalid choice: 'finished'"),
        (["--colour"], "unrecognized arguments: --colour"),
    ],
)
def test_bad_arguments_rejected(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert message in rejected(capsys, *args)


def test_bad_scenario_lists_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    error = rejected(capsys, "--scenario", "finished")

    for name in SCENARIOS:
        assert name in error


def test_command_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([])

    assert raised.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


def test_module_runs_as_script() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "pytest_hpt_fixtures", "preview", "--seed", "2", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["Seed"] == 2
