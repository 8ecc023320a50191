"""Failed training jobs counted by the error type of their FailureReason."""

from collections import Counter

import pytest
from tuning_report import error_type, render_failures, summarize_failures

FAILURES = [
    {"TrainingJobStatus": "Failed", "FailureReason": "AlgorithmError: framework error: NaN loss"},
    {"TrainingJobStatus": "Completed"},
    {
        "TrainingJobStatus": "Failed",
        "FailureReason": "ClientError: No files found in the S3 prefix s3://churn-data/val/.",
    },
    {
        "TrainingJobStatus": "Failed",
        "FailureReason": 'AlgorithmError: ExecuteUserScriptError: ExitCode 1 ErrorMessage "OOM"',
    },
    {"TrainingJobStatus": "Failed", "FailureReason": "Training stopped unexpectedly"},
    {"TrainingJobStatus": "Failed", "FailureReason": None},
]


@pytest.mark.hpt_tuning_job(training_jobs=FAILURES)
def test_failures_counted_by_error_type(hpt_tuning_job, hpt_sagemaker_client):
    names = [summary["TrainingJobName"] for summary in hpt_tuning_job.summaries]

    summary = summarize_failures(hpt_sagemaker_client, hpt_tuning_job.name, page_size=2)

    assert summary.counts == {"AlgorithmError": 2, "ClientError": 1, "Unknown": 2}
    assert summary.total == 5
    assert sorted(summary.training_jobs["AlgorithmError"]) == sorted([names[0], names[3]])
    assert summary.training_jobs["ClientError"] == [names[2]]
    assert sorted(summary.training_jobs["Unknown"]) == sorted([names[4], names[5]])


@pytest.mark.hpt_tuning_job(status="Failed", training_jobs=30)
def test_generated_failures_all_counted(hpt_tuning_job, hpt_sagemaker_client):
    failed = [s for s in hpt_tuning_job.summaries if s["TrainingJobStatus"] == "Failed"]

    summary = summarize_failures(hpt_sagemaker_client, hpt_tuning_job.name, page_size=4)

    assert failed, "a Failed tuning job should have failed training jobs"
    assert summary.total == len(failed)
    listed = sorted(name for names in summary.training_jobs.values() for name in names)
    assert listed == sorted(s["TrainingJobName"] for s in failed)
    assert "Unknown" not in summary.counts
    reasons = {s["TrainingJobName"]: s["FailureReason"] for s in failed}
    for kind, names in summary.training_jobs.items():
        for name in names:
            assert reasons[name].startswith(f"{kind}: ")


def test_faker_failure_reasons_counted(hpt_faker, hpt_tuning_job_factory, hpt_sagemaker_client):
    reasons = [hpt_faker.failure_reason() for _ in range(8)]
    job = hpt_tuning_job_factory(
        training_jobs=[{"TrainingJobStatus": "Failed", "FailureReason": r} for r in reasons]
    )

    summary = summarize_failures(hpt_sagemaker_client, job.name)

    assert summary.counts == Counter(reason.partition(": ")[0] for reason in reasons)


@pytest.mark.hpt_tuning_job(training_jobs=[{"TrainingJobStatus": "Completed"}] * 3)
def test_no_failures_rendered(hpt_tuning_job, hpt_sagemaker_client):
    summary = summarize_failures(hpt_sagemaker_client, hpt_tuning_job.name)

    assert summary.total == 0
    assert render_failures(summary) == f"{hpt_tuning_job.name}: no failed training jobs"


@pytest.mark.hpt_tuning_job("churn-xgb-0412", training_jobs=FAILURES)
def test_failures_rendered_most_frequent_first(hpt_tuning_job, hpt_sagemaker_client):
    summary = summarize_failures(hpt_sagemaker_client, hpt_tuning_job.name)

    assert render_failures(summary) == (
        "churn-xgb-0412: 5 failed training jobs\n"
        "  AlgorithmError  2\n"
        "  Unknown         2\n"
        "  ClientError     1"
    )


@pytest.mark.parametrize(
    ("failure_reason", "expected"),
    [
        ("AlgorithmError: ExecuteUserScriptError: ExitCode 1", "AlgorithmError"),
        ("ClientError: Data download failed", "ClientError"),
        ("CapacityError: Unable to provision the requested ML compute capacity", "CapacityError"),
        ("InternalServerError: We encountered an internal error.", "InternalServerError"),
        ("Out of memory: the training process was killed", "Unknown"),
        ("ClientError:no space after the colon", "Unknown"),
        ("", "Unknown"),
        (None, "Unknown"),
    ],
)
def test_error_type_parsed(failure_reason, expected):
    assert error_type(failure_reason) == expected
