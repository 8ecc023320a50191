"""The command line, which uses a client created when tuning_report.cli is imported.

This module imports tuning_report.cli during collection, before any fixture
runs, so `cli.SAGEMAKER` exists before the test's fake starts.
"""

import pytest
from tuning_report import cli

from pytest_hpt_fixtures import mock_tuning_jobs

REGION = cli.SAGEMAKER.meta.region_name


def test_report_printed(hpt_tuning_job_factory, capsys):
    job = hpt_tuning_job_factory(
        region=REGION, status="InProgress", training_jobs=8, max_parallel_training_jobs=4
    )

    exit_code = cli.main([job.name, "--max-training-jobs", "16"])

    output = capsys.readouterr().out
    assert exit_code == 0
    assert " of 16 training jobs finished " in output
    for summary in job.summaries:
        assert summary["TrainingJobName"] in output


@pytest.mark.hpt_tuning_job(region=REGION, training_jobs=6)
def test_best_job_printed(hpt_tuning_job, capsys):
    exit_code = cli.main([hpt_tuning_job.name])

    output = capsys.readouterr().out
    assert exit_code == 0
    assert f"best so far: {hpt_tuning_job.best_training_job['TrainingJobName']} " in output


def test_unknown_job_exits_1(hpt_mock, capsys):
    exit_code = cli.main(["churn-xgb-missing"])

    captured = capsys.readouterr()
    assert exit_code == 1
    assert captured.out == ""
    assert captured.err == (
        f"tuning-report: No tuning job called 'churn-xgb-missing' in region {REGION}.\n"
    )


def test_report_inside_context_manager(capsys):
    with mock_tuning_jobs(region=REGION, seed=20250317) as mock:
        job = mock.add_tuning_job("churn-xgb-nightly", training_jobs=10)
        exit_code = cli.main(["churn-xgb-nightly"])

    output = capsys.readouterr().out
    assert exit_code == 0
    assert output.startswith("churn-xgb-nightly: 10 of 10 training jobs finished (100%)\n")
    assert f"best so far: {job.best_training_job['TrainingJobName']} " in output


def test_invalid_max_training_jobs_exits_2(hpt_tuning_job_factory, capsys):
    job = hpt_tuning_job_factory(region=REGION)

    exit_code = cli.main([job.name, "--max-training-jobs", "0"])

    assert exit_code == 2
    assert capsys.readouterr().err == (
        "tuning-report: max_training_jobs=0 is invalid: pass 1 or more.\n"
    )


def test_untyped_metrics_exit_2(hpt_tuning_job_factory, capsys):
    untyped = {"MetricName": "validation:auc", "Value": 0.88}
    job = hpt_tuning_job_factory(
        region=REGION,
        training_jobs=[
            {
                "TrainingJobStatus": "Completed",
                "FinalHyperParameterTuningJobObjectiveMetric": untyped,
            }
        ],
    )

    exit_code = cli.main([job.name])

    assert exit_code == 2
    assert "pass objective_type='Maximize' or 'Minimize'" in capsys.readouterr().err
