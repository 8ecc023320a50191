"""ListTrainingJobsForHyperParameterTuningJob against a reference model.

The reference model below sorts and pages with plain list operations, so it
shares no code with `listing.py` (no bisect, no sort keys, no tokens). Every
page that a real boto3 client receives from the fake must equal the model's
page, and the fake must send a NextToken exactly when training jobs remain
in the model.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_hpt_fixtures import TuningJobMock, mock_tuning_jobs, output_shape_problems

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
METRIC = "FinalHyperParameterTuningJobObjectiveMetric"
SORT_BY = ("Name", "CreationTime", "Status", "FinalObjectiveMetricValue")
SORT_ORDER = ("Ascending", "Descending")
STATUSES = ("InProgress", "Completed", "Failed", "Stopping", "Stopped")

# Few distinct values, so that ties in every sort key are common.
CREATION_TIMES = tuple(
    datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc) + timedelta(seconds=seconds)
    for seconds in (0, 0.5, 90)
)
OBJECTIVE_VALUES = (-1.5, 0.0, 0.25, 0.875)


# --- the reference model ------------------------------------------------------


def reference_listing(
    summaries: list[dict[str, Any]],
    sort_by: str | None,
    sort_order: str | None,
    status: str | None,
) -> list[dict[str, Any]]:
    """Return every training job the listing should hold, in listing order.

    Documented rules: SortBy defaults to Name and SortOrder to Ascending.
    StatusEquals filters on TrainingJobStatus. FinalObjectiveMetricValue lists
    only training jobs that have an objective metric. Ties are broken by the
    training job name, and Descending reverses the whole order.
    """
    sort_by = sort_by or "Name"
    rows = [row for row in summaries if status is None or row["TrainingJobStatus"] == status]
    if sort_by == "FinalObjectiveMetricValue":
        rows = [row for row in rows if METRIC in row]

    def sort_value(row: dict[str, Any]) -> Any:
        if sort_by == "CreationTime":
            return row["CreationTime"]
        if sort_by == "Status":
            return row["TrainingJobStatus"]
        if sort_by == "FinalObjectiveMetricValue":
            return row[METRIC]["Value"]
        return ""

    rows.sort(key=lambda row: (sort_value(row), row["TrainingJobName"]))
    if sort_order == "Descending":
        rows.reverse()
    return rows


# --- clients ------------------------------------------------------------------


def check_every_response(client: Any) -> Any:
    """Make `client` check each successful response against the output shape.

    Both the JSON body as sent and the parsed response are checked, strictly:
    patterns, maximums and unknown members included.
    """

    def check(http_response: Any, parsed: dict[str, Any], **_: Any) -> None:
        if http_response.status_code >= 300:
            return
        wire_problems = output_shape_problems(
            OPERATION, json.loads(http_response.content), wire=True
        )
        assert wire_problems == []
        assert output_shape_problems(OPERATION, parsed) == []

    client.meta.events.register(f"after-call.sagemaker.{OPERATION}", check)
    return client


@pytest.fixture(scope="module")
def client() -> Any:
    # One client for every example: the fake that is active when a request
    # is sent serves it. No retries, so that an unexpected 5xx fails at once.
    config = Config(retries={"total_max_attempts": 1})
    return check_every_response(TuningJobMock().client(config=config))


# --- strategies -----------------------------------------------------------------

explicit_names = st.from_regex(r"[a-zA-Z0-9]{1,3}(-[a-zA-Z0-9]{1,3})?", fullmatch=True)


@st.composite
def training_job_fields(draw: st.DrawFn, name: str | None) -> dict[str, Any]:
    """Summary fields to set on one training job. The fake generates the rest."""
    fields: dict[str, Any] = {}
    if name is not None:
        fields["TrainingJobName"] = name
    if draw(st.booleans()):
        fields["CreationTime"] = draw(st.sampled_from(CREATION_TIMES))
    if draw(st.booleans()):
        fields["TrainingJobStatus"] = draw(st.sampled_from(STATUSES))
    metric = draw(st.sampled_from(["generated", "removed", "set"]))
    if metric == "removed":
        fields[METRIC] = None
    elif metric == "set":
        fields[METRIC] = {
            "MetricName": "validation:auc",
            "Value": draw(st.sampled_from(OBJECTIVE_VALUES)),
        }
    return fields


@st.composite
def tuning_job_fields(draw: st.DrawFn) -> list[dict[str, Any]]:
    """The `training_jobs` argument of one tuning job: 0 to 18 training jobs."""
    count = draw(st.integers(0, 18))
    names = draw(st.lists(explicit_names, max_size=count, unique_by=str.lower))
    # Explicit names mix upper and lower case. The other names are generated.
    names_per_job: list[str | None] = [*names, *([None] * (count - len(names)))]
    names_per_job = draw(st.permutations(names_per_job))
    return [draw(training_job_fields(name)) for name in names_per_job]


page_sizes = st.one_of(st.none(), st.integers(1, 6), st.sampled_from([10, 100]))

queries = st.fixed_dictionaries(
    {
        "job": st.integers(0, 1),
        "sort_by": st.one_of(st.none(), st.sampled_from(SORT_BY)),
        "sort_order": st.one_of(st.none(), st.sampled_from(SORT_ORDER)),
        "status": st.one_of(st.none(), st.sampled_from(STATUSES)),
        # The page size changes from one page to the next, cycling this list.
        "page_sizes": st.lists(page_sizes, min_size=1, max_size=4),
        "replay": st.integers(0, 50),
    }
)


# --- helpers --------------------------------------------------------------------


def request_arguments(name: str, query: dict[str, Any]) -> dict[str, Any]:
    arguments: dict[str, Any] = {"HyperParameterTuningJobName": name}
    if query["sort_by"] is not None:
        arguments["SortBy"] = query["sort_by"]
    if query["sort_order"] is not None:
        arguments["SortOrder"] = query["sort_order"]
    if query["status"] is not None:
        arguments["StatusEquals"] = query["status"]
    return arguments


def with_page_size(arguments: dict[str, Any], size: int | None) -> dict[str, Any]:
    arguments = dict(arguments)
    if size is not None:
        arguments["MaxResults"] = size
    return arguments


def check_overrides_applied(summaries: list[dict[str, Any]], fields: list[dict[str, Any]]) -> None:
    assert len(summaries) == len(fields)
    for summary, overrides in zip(summaries, fields, strict=True):
        for key, value in overrides.items():
            if value is None:
                assert key not in summary
            elif key == METRIC:
                assert summary[METRIC]["Value"] == value["Value"]
            else:
                assert summary[key] == value


# --- tests ----------------------------------------------------------------------


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    jobs=st.lists(tuning_job_fields(), min_size=2, max_size=2),
    query_sequence=st.lists(queries, min_size=1, max_size=4),
)
def test_pages_match_reference_model(
    client: Any, jobs: list[list[dict[str, Any]]], query_sequence: list[dict[str, Any]]
) -> None:
    with mock_tuning_jobs(seed=11) as mock:
        tuning_jobs = [mock.add_tuning_job(training_jobs=fields) for fields in jobs]
        for tuning_job, fields in zip(tuning_jobs, jobs, strict=True):
            check_overrides_applied(tuning_job.summaries, fields)

        for query in query_sequence:
            tuning_job = tuning_jobs[query["job"]]
            expected = reference_listing(
                tuning_job.summaries, query["sort_by"], query["sort_order"], query["status"]
            )
            arguments = request_arguments(tuning_job.name, query)
            sizes = query["page_sizes"]

            received: list[dict[str, Any]] = []
            tokens: list[tuple[str, int | None, list[dict[str, Any]]]] = []
            token: str | None = None
            for page_number in range(len(expected) + 2):
                size = sizes[page_number % len(sizes)]
                request = with_page_size(arguments, size)
                if token is not None:
                    request["NextToken"] = token
                response = client.list_training_jobs_for_hyper_parameter_tuning_job(**request)

                page = response["TrainingJobSummaries"]
                effective_size = 10 if size is None else size
                assert page == expected[len(received) : len(received) + effective_size]
                if token is not None:
                    tokens.append((token, size, page))
                received.extend(page)

                more_expected = len(received) < len(expected)
                assert ("NextToken" in response) is more_expected
                if not more_expected:
                    break
                token = response["NextToken"]
                assert 0 < len(token) <= 8192

            names = [summary["TrainingJobName"] for summary in received]
            assert len(names) == len(set(names))
            assert received == expected

            # A token stays valid: the same request returns the same page.
            if tokens:
                token, size, page = tokens[query["replay"] % len(tokens)]
                request = with_page_size(arguments, size)
                request["NextToken"] = token
                replayed = client.list_training_jobs_for_hyper_parameter_tuning_job(**request)
                assert replayed["TrainingJobSummaries"] == page


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fields=tuning_job_fields(),
    query=queries,
    page_size=st.integers(1, 7),
    max_items=st.integers(1, 9),
)
def test_paginator_resume_matches_reference_model(
    client: Any,
    fields: list[dict[str, Any]],
    query: dict[str, Any],
    page_size: int,
    max_items: int,
) -> None:
    # botocore's MaxItems stops mid-page and hands back its own resume token,
    # which wraps the fake's NextToken: resuming must continue exactly there.
    with mock_tuning_jobs(seed=12) as mock:
        tuning_job = mock.add_tuning_job(training_jobs=fields)
        expected = reference_listing(
            tuning_job.summaries, query["sort_by"], query["sort_order"], query["status"]
        )
        paginator = client.get_paginator("list_training_jobs_for_hyper_parameter_tuning_job")
        arguments = request_arguments(tuning_job.name, query)

        received: list[dict[str, Any]] = []
        starting_token = None
        for _ in range(len(expected) + 2):
            config = {"PageSize": page_size, "MaxItems": max_items}
            if starting_token is not None:
                config["StartingToken"] = starting_token
            result = paginator.paginate(**arguments, PaginationConfig=config).build_full_result()
            chunk = result["TrainingJobSummaries"]
            assert chunk == expected[len(received) : len(received) + max_items]
            received.extend(chunk)
            starting_token = result.get("NextToken")
            if starting_token is None:
                break

        assert received == expected


def test_creation_time_ties_broken_by_name(client: Any, hpt_mock: TuningJobMock) -> None:
    same_time = CREATION_TIMES[0]
    job = hpt_mock.add_tuning_job(
        training_jobs=[
            {"TrainingJobName": name, "CreationTime": same_time} for name in ("b", "C", "a")
        ]
    )

    ascending = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, SortBy="CreationTime"
    )
    descending = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, SortBy="CreationTime", SortOrder="Descending"
    )

    # Names compare by code point: upper case sorts before lower case.
    ascending_names = [row["TrainingJobName"] for row in ascending["TrainingJobSummaries"]]
    descending_names = [row["TrainingJobName"] for row in descending["TrainingJobSummaries"]]
    assert ascending_names == ["C", "a", "b"]
    assert descending_names == ["b", "a", "C"]


def test_objective_sort_omits_jobs_without_metric(client: Any, hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(
        training_jobs=[
            {"TrainingJobName": "no-metric", METRIC: None},
            {"TrainingJobName": "high", METRIC: {"MetricName": "validation:auc", "Value": 0.9}},
            {"TrainingJobName": "low", METRIC: {"MetricName": "validation:auc", "Value": 0.1}},
        ]
    )

    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, SortBy="FinalObjectiveMetricValue"
    )

    names = [row["TrainingJobName"] for row in response["TrainingJobSummaries"]]
    assert names == ["low", "high"]


def test_empty_tuning_job_lists_empty_page(client: Any, hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=[])

    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name
    )

    assert response["TrainingJobSummaries"] == []
    assert "NextToken" not in response


def test_last_full_page_has_no_token(client: Any, hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=6)

    first = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=3
    )
    second = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=3, NextToken=first["NextToken"]
    )

    assert len(second["TrainingJobSummaries"]) == 3
    assert "NextToken" not in second
