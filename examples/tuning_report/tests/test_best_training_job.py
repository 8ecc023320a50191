"""The best training job, by SortBy=FinalObjectiveMetricValue and by full scan."""

from datetime import datetime, timezone

import pytest
from tuning_report import (
    ObjectiveTypeUnknownError,
    best_training_job,
    best_training_job_by_scan,
)

LIST_OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
FINDERS = [best_training_job, best_training_job_by_scan]


def list_requests(hpt_mock):
    return [call for call in hpt_mock.calls if call.operation == LIST_OPERATION]


def completed(value, **fields):
    """Overrides for one Completed training job with an objective value."""
    metric = {"MetricName": "validation:auc", "Value": value, "Type": "Maximize"}
    return {
        "TrainingJobStatus": "Completed",
        "ObjectiveStatus": "Succeeded",
        "FinalHyperParameterTuningJobObjectiveMetric": metric,
        **fields,
    }


@pytest.mark.parametrize("find_best", FINDERS)
@pytest.mark.parametrize(
    "objective",
    [
        pytest.param(
            "Maximize",
            marks=pytest.mark.hpt_tuning_job(training_jobs=40, objective_metric="validation:auc"),
            id="auc-maximize",
        ),
        pytest.param(
            "Minimize",
            marks=pytest.mark.hpt_tuning_job(training_jobs=40, objective_metric="validation:rmse"),
            id="rmse-minimize",
        ),
        pytest.param(
            "Minimize",
            marks=pytest.mark.hpt_tuning_job(
                training_jobs=40, objective_metric="validation:auc", objective_type="Minimize"
            ),
            id="auc-declared-minimize",
        ),
    ],
)
def test_best_matches_tuning_job(find_best, objective, hpt_tuning_job, hpt_sagemaker_client):
    best = find_best(hpt_sagemaker_client, hpt_tuning_job.name, page_size=7)

    assert best is not None
    assert best["FinalHyperParameterTuningJobObjectiveMetric"]["Type"] == objective
    assert best == hpt_tuning_job.best_training_job


@pytest.mark.parametrize("find_best", FINDERS)
@pytest.mark.hpt_tuning_job(training_jobs=25, objective_metric="validation:logloss")
def test_best_same_with_objective_type_given(find_best, hpt_tuning_job, hpt_sagemaker_client):
    detected = find_best(hpt_sagemaker_client, hpt_tuning_job.name)
    with_type = find_best(hpt_sagemaker_client, hpt_tuning_job.name, objective_type="Minimize")

    assert detected is not None
    assert with_type == detected


@pytest.mark.hpt_tuning_job(training_jobs=40)
def test_sorted_finder_reads_one_page(hpt_tuning_job, hpt_sagemaker_client, hpt_mock):
    best_training_job(
        hpt_sagemaker_client, hpt_tuning_job.name, objective_type="Maximize", page_size=5
    )

    requests = list_requests(hpt_mock)
    assert len(requests) == 1
    assert requests[0].params["SortBy"] == "FinalObjectiveMetricValue"
    assert requests[0].params["SortOrder"] == "Descending"
    assert requests[0].params["StatusEquals"] == "Completed"


@pytest.mark.hpt_tuning_job(training_jobs=40, objective_metric="validation:rmse")
def test_sorted_finder_probes_objective_type(hpt_tuning_job, hpt_sagemaker_client, hpt_mock):
    best_training_job(hpt_sagemaker_client, hpt_tuning_job.name, page_size=5)

    requests = list_requests(hpt_mock)
    assert len(requests) == 2
    assert requests[0].params["MaxResults"] == 1
    assert requests[1].params["SortOrder"] == "Ascending"


@pytest.mark.hpt_tuning_job(training_jobs=40)
def test_scan_reads_every_page(hpt_tuning_job, hpt_sagemaker_client, hpt_mock):
    best_training_job_by_scan(hpt_sagemaker_client, hpt_tuning_job.name, page_size=5)

    assert len(list_requests(hpt_mock)) == 8


# Three training jobs share the top value 0.93. The last one was created
# first, so it wins although its name sorts last.
TIED = [
    completed(0.8),
    completed(0.93, CreationTime=datetime(2025, 3, 1, 10, 5, tzinfo=timezone.utc)),
    completed(0.7),
    completed(0.93, CreationTime=datetime(2025, 3, 1, 10, 2, tzinfo=timezone.utc)),
    completed(0.93, CreationTime=datetime(2025, 3, 1, 10, 1, tzinfo=timezone.utc)),
    completed(0.6),
]


@pytest.mark.parametrize("find_best", FINDERS)
@pytest.mark.hpt_tuning_job(training_jobs=TIED)
def test_tie_goes_to_first_created(find_best, hpt_tuning_job, hpt_sagemaker_client):
    best = find_best(hpt_sagemaker_client, hpt_tuning_job.name, page_size=2)

    assert best is not None
    assert best["TrainingJobName"] == hpt_tuning_job.summaries[4]["TrainingJobName"]
    assert best == hpt_tuning_job.best_training_job


@pytest.mark.hpt_tuning_job(training_jobs=TIED)
def test_sorted_finder_reads_past_tied_page(hpt_tuning_job, hpt_sagemaker_client, hpt_mock):
    best_training_job(
        hpt_sagemaker_client, hpt_tuning_job.name, objective_type="Maximize", page_size=2
    )

    # Page one contains two of the three tied jobs, and page two the third.
    assert len(list_requests(hpt_mock)) == 2


@pytest.mark.parametrize("find_best", FINDERS)
@pytest.mark.hpt_tuning_job(
    training_jobs=[
        completed(0.8),
        completed(0.95, TrainingJobStatus="Stopped"),
        completed(0.85),
    ]
)
def test_early_stopped_job_never_best(find_best, hpt_tuning_job, hpt_sagemaker_client):
    best = find_best(hpt_sagemaker_client, hpt_tuning_job.name)

    assert best is not None
    assert best["TrainingJobName"] == hpt_tuning_job.summaries[2]["TrainingJobName"]
    assert best == hpt_tuning_job.best_training_job


UNTYPED = [
    {
        "TrainingJobStatus": "Completed",
        "ObjectiveStatus": "Succeeded",
        "FinalHyperParameterTuningJobObjectiveMetric": {
            "MetricName": "validation:auc",
            "Value": value,
        },
    }
    for value in (0.71, 0.92, 0.64)
]


@pytest.mark.parametrize("find_best", FINDERS)
@pytest.mark.hpt_tuning_job(training_jobs=UNTYPED)
def test_untyped_metric_needs_objective_type(find_best, hpt_tuning_job, hpt_sagemaker_client):
    with pytest.raises(ObjectiveTypeUnknownError, match="pass objective_type"):
        find_best(hpt_sagemaker_client, hpt_tuning_job.name)


@pytest.mark.parametrize("find_best", FINDERS)
@pytest.mark.hpt_tuning_job(training_jobs=UNTYPED)
def test_untyped_metric_with_objective_type(find_best, hpt_tuning_job, hpt_sagemaker_client):
    best = find_best(hpt_sagemaker_client, hpt_tuning_job.name, objective_type="Minimize")

    assert best is not None
    assert best["TrainingJobName"] == hpt_tuning_job.summaries[2]["TrainingJobName"]


@pytest.mark.parametrize("find_best", FINDERS)
def test_invalid_objective_type_rejected(find_best, hpt_tuning_job, hpt_sagemaker_client):
    with pytest.raises(ValueError, match="objective_type='Highest' is invalid"):
        find_best(hpt_sagemaker_client, hpt_tuning_job.name, objective_type="Highest")
