"""Rows of name, status, objective and hyperparameters, and their text table."""

import pytest
from tuning_report import objective_rows, render_table


def metric(value):
    return {"MetricName": "validation:auc", "Value": value, "Type": "Maximize"}


CHURN_JOBS = [
    {
        "TrainingJobName": "churn-xgb-001-5f1c2a9e",
        "TrainingJobStatus": "Completed",
        "FinalHyperParameterTuningJobObjectiveMetric": metric(0.875),
        "TunedHyperParameters": {"eta": "0.05", "max_depth": "4"},
    },
    {
        "TrainingJobName": "churn-xgb-002-0b7d33c4",
        "TrainingJobStatus": "Failed",
        "TunedHyperParameters": {"eta": "0.3", "max_depth": "10"},
    },
    {
        "TrainingJobName": "churn-xgb-003-e2a81f07",
        "TrainingJobStatus": "Completed",
        "FinalHyperParameterTuningJobObjectiveMetric": metric(0.9125),
        "TunedHyperParameters": {"eta": "0.1", "max_depth": "6"},
    },
    {
        "TrainingJobName": "churn-xgb-004-9c40d6b1",
        "TrainingJobStatus": "Stopped",
        "ObjectiveStatus": "Succeeded",
        "FinalHyperParameterTuningJobObjectiveMetric": metric(0.8),
        "TunedHyperParameters": {"eta": "0.2"},
    },
]


@pytest.mark.hpt_tuning_job("churn-xgb", training_jobs=CHURN_JOBS)
def test_table_rendered(hpt_tuning_job, hpt_sagemaker_client):
    rows = objective_rows(hpt_sagemaker_client, hpt_tuning_job.name, page_size=3)

    assert render_table(rows) == "\n".join(
        [
            "TrainingJobName         Status     Objective  eta   max_depth",
            "----------------------  ---------  ---------  ----  ---------",
            "churn-xgb-003-e2a81f07  Completed     0.9125  0.1   6",
            "churn-xgb-001-5f1c2a9e  Completed      0.875  0.05  4",
            "churn-xgb-004-9c40d6b1  Stopped          0.8  0.2   -",
            "churn-xgb-002-0b7d33c4  Failed             -  0.3   10",
        ]
    )


def test_empty_table_has_header(hpt_tuning_job_factory, hpt_sagemaker_client):
    job = hpt_tuning_job_factory(training_jobs=0)

    rows = objective_rows(hpt_sagemaker_client, job.name)

    assert rows == []
    assert render_table(rows).splitlines() == [
        "TrainingJobName  Status  Objective",
        "---------------  ------  ---------",
    ]


@pytest.mark.parametrize(
    "objective_type",
    [
        pytest.param(
            "Maximize",
            marks=pytest.mark.hpt_tuning_job(training_jobs=30, objective_metric="validation:f1"),
        ),
        pytest.param(
            "Minimize",
            marks=pytest.mark.hpt_tuning_job(training_jobs=30, objective_metric="validation:mae"),
        ),
    ],
)
def test_rows_match_summaries(objective_type, hpt_tuning_job, hpt_sagemaker_client):
    summaries = {s["TrainingJobName"]: s for s in hpt_tuning_job.summaries}

    rows = objective_rows(hpt_sagemaker_client, hpt_tuning_job.name, page_size=8)

    assert sorted(row.training_job_name for row in rows) == sorted(summaries)
    for row in rows:
        summary = summaries[row.training_job_name]
        assert row.status == summary["TrainingJobStatus"]
        assert row.hyperparameters == summary["TunedHyperParameters"]
        metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
        assert row.objective == (None if metric is None else metric["Value"])


@pytest.mark.parametrize(
    "objective_type",
    [
        pytest.param(
            "Maximize",
            marks=pytest.mark.hpt_tuning_job(training_jobs=30, objective_metric="validation:f1"),
        ),
        pytest.param(
            "Minimize",
            marks=pytest.mark.hpt_tuning_job(training_jobs=30, objective_metric="validation:mae"),
        ),
    ],
)
def test_rows_best_first(objective_type, hpt_tuning_job, hpt_sagemaker_client):
    rows = objective_rows(hpt_sagemaker_client, hpt_tuning_job.name)

    ranked = [row.objective for row in rows if row.objective is not None]
    assert ranked, "a Completed tuning job should have objective values"
    assert ranked == sorted(ranked, reverse=objective_type == "Maximize")
    unranked = rows[len(ranked) :]
    assert all(row.objective is None for row in unranked)
    assert [row.training_job_name for row in unranked] == sorted(
        row.training_job_name for row in unranked
    )


@pytest.mark.hpt_tuning_job(training_jobs=12)
def test_table_has_row_per_job(hpt_tuning_job, hpt_sagemaker_client):
    rows = objective_rows(hpt_sagemaker_client, hpt_tuning_job.name)
    parameter_names = sorted(hpt_tuning_job.summaries[0]["TunedHyperParameters"])

    lines = render_table(rows).splitlines()

    assert len(lines) == len(hpt_tuning_job.summaries) + 2
    assert lines[0].split() == ["TrainingJobName", "Status", "Objective", *parameter_names]
    for line, row in zip(lines[2:], rows, strict=True):
        assert line.startswith(row.training_job_name + " ")
