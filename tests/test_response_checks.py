"""The suite's own check of every response reaches every way a response is sent."""

from __future__ import annotations

import conftest
import requests

from pytest_hpt_fixtures import TuningJobMock


def test_botocore_responses_are_validated(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=3)
    client = hpt_mock.client()
    before = conftest.validated_responses

    client.list_training_jobs_for_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)
    # The same request again, which the fake serves without decoding it.
    client.list_training_jobs_for_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)
    client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=job.name)

    assert conftest.validated_responses == before + 3


def test_requests_responses_are_validated(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=3)
    before = conftest.validated_responses

    response = requests.post(
        "https://api.sagemaker.us-east-1.amazonaws.com/",
        headers={
            "X-Amz-Target": "SageMaker.ListTrainingJobsForHyperParameterTuningJob",
            "Content-Type": "application/x-amz-json-1.1",
        },
        json={"HyperParameterTuningJobName": job.name},
        timeout=5,
    )

    assert response.status_code == 200
    assert conftest.validated_responses == before + 1
