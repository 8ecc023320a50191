"""Training jobs added to a tuning job while a client pages through it.

The rule: a NextToken marks a position just after the last training job
returned. The following pages hold the training jobs that sort after that
position in the listing's order, as the tuning job is when each page is
requested. So a training job added during pagination appears if it sorts
after the position, one that sorts before it never appears, and no training
job is returned twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_hpt_fixtures import (
    HptUsageError,
    TuningJobMock,
    mock_tuning_jobs,
    output_shape_problems,
    shape_problems,
)

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
METRIC = "FinalHyperParameterTuningJobObjectiveMetric"
SORT_BY = ("Name", "CreationTime", "Status", "FinalObjectiveMetricValue")
STATUSES = ("InProgress", "Completed", "Failed", "Stopping", "Stopped")
START = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
CREATION_TIMES = tuple(START + timedelta(minutes=minutes) for minutes in (0, 5, 5, 10, 30))


def reference_listing(
    summaries: list[dict[str, Any]], sort_by: str, sort_order: str, status: str | None
) -> list[str]:
    """Return the names of the training jobs the listing holds, in listing order."""
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
    return [row["TrainingJobName"] for row in rows]


def expected_after(order: list[str], last_returned: str | None) -> list[str]:
    """Return the names that follow `last_returned` in `order`, or all of them."""
    if last_returned is None:
        return order
    return order[order.index(last_returned) + 1 :]


@pytest.fixture(scope="module")
def client() -> Any:
    client = TuningJobMock().client(config=Config(retries={"total_max_attempts": 1}))

    def check(http_response: Any, parsed: dict[str, Any], **_: Any) -> None:
        if http_response.status_code < 300:
            assert output_shape_problems(OPERATION, parsed) == []

    client.meta.events.register(f"after-call.sagemaker.{OPERATION}", check)
    return client


def list_names(client: Any, **arguments: Any) -> tuple[list[str], str | None]:
    response = client.list_training_jobs_for_hyper_parameter_tuning_job(**arguments)
    names = [row["TrainingJobName"] for row in response["TrainingJobSummaries"]]
    return names, response.get("NextToken")


def named_jobs(*names: str, minutes: int = 0) -> list[dict[str, Any]]:
    return [
        {"TrainingJobName": name, "CreationTime": START + timedelta(minutes=minutes)}
        for name in names
    ]


# --- the rule, case by case --------------------------------------------------------


def test_job_added_after_position_appears(client: Any, hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=named_jobs("b", "d", "f", "h"))
    first, token = list_names(client, HyperParameterTuningJobName=job.name, MaxResults=2)

    hpt_mock.add_training_jobs(job, named_jobs("e", "z"))
    rest, last_token = list_names(
        client, HyperParameterTuningJobName=job.name, MaxResults=10, NextToken=token
    )

    assert first == ["b", "d"]
    assert rest == ["e", "f", "h", "z"]
    assert last_token is None


def test_job_added_before_position_never_appears(client: Any, hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=named_jobs("b", "d", "f", "h"))
    first, token = list_names(client, HyperParameterTuningJobName=job.name, MaxResults=2)

    hpt_mock.add_training_jobs(job, named_jobs("a", "c"))
    rest, _ = list_names(
        client, HyperParameterTuningJobName=job.name, MaxResults=10, NextToken=token
    )

    assert first == ["b", "d"]
    assert rest == ["f", "h"]


def test_tie_with_last_key_decided_by_name(client: Any, hpt_mock: TuningJobMock) -> None:
    # "d" is the last job returned. Jobs created at the same time as "d" sort
    # after it when their name sorts after "d".
    job = hpt_mock.add_tuning_job(
        training_jobs=[*named_jobs("b", "d", minutes=0), *named_jobs("f", minutes=9)]
    )
    first, token = list_names(
        client, HyperParameterTuningJobName=job.name, SortBy="CreationTime", MaxResults=2
    )

    hpt_mock.add_training_jobs(job, named_jobs("c", "e", minutes=0))
    rest, _ = list_names(
        client,
        HyperParameterTuningJobName=job.name,
        SortBy="CreationTime",
        MaxResults=10,
        NextToken=token,
    )

    assert first == ["b", "d"]
    assert rest == ["e", "f"]


def test_descending_position_moves_down(client: Any, hpt_mock: TuningJobMock) -> None:
    # In Descending order, "after the position" means older: a job newer than
    # the last one returned is behind the client and never appears.
    job = hpt_mock.add_tuning_job(
        training_jobs=[
            *named_jobs("old", minutes=0),
            *named_jobs("middle", minutes=10),
            *named_jobs("new", minutes=20),
        ]
    )
    arguments = {
        "HyperParameterTuningJobName": job.name,
        "SortBy": "CreationTime",
        "SortOrder": "Descending",
    }
    first, token = list_names(client, **arguments, MaxResults=2)

    hpt_mock.add_training_jobs(
        job, [*named_jobs("newest", minutes=30), *named_jobs("oldest", minutes=-10)]
    )
    rest, _ = list_names(client, **arguments, MaxResults=10, NextToken=token)

    assert first == ["new", "middle"]
    assert rest == ["old", "oldest"]


def test_generated_jobs_appear_last_by_creation_time(client: Any, hpt_mock: TuningJobMock) -> None:
    # Generated training jobs launch after the tuning job's last one, so a
    # client paging by CreationTime gets them at the end.
    job = hpt_mock.add_tuning_job(training_jobs=5)
    arguments = {"HyperParameterTuningJobName": job.name, "SortBy": "CreationTime"}
    first, token = list_names(client, **arguments, MaxResults=3)

    added = hpt_mock.add_training_jobs(job, 4)
    rest, _ = list_names(client, **arguments, MaxResults=100, NextToken=token)

    # Within one wave, creation times do not follow the numbering.
    added_names = {summary["TrainingJobName"] for summary in added}
    assert set(rest[-4:]) == added_names
    assert len(first + rest) == 9
    assert len(set(first + rest)) == 9


def test_status_filter_sees_added_jobs(client: Any, hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(
        training_jobs=[
            {"TrainingJobName": name, "TrainingJobStatus": "Failed"} for name in ("b", "d", "f")
        ]
    )
    arguments = {"HyperParameterTuningJobName": job.name, "StatusEquals": "Failed"}
    first, token = list_names(client, **arguments, MaxResults=2)

    hpt_mock.add_training_jobs(
        job,
        [
            {"TrainingJobName": "e", "TrainingJobStatus": "Failed"},
            {"TrainingJobName": "g", "TrainingJobStatus": "Completed"},
        ],
    )
    rest, _ = list_names(client, **arguments, MaxResults=10, NextToken=token)

    assert first == ["b", "d"]
    assert rest == ["e", "f"]


# --- the rule, at random -------------------------------------------------------------

initial_names = st.lists(
    st.from_regex(r"[a-zA-Z0-9]{1,3}", fullmatch=True), max_size=12, unique_by=str.lower
)


@st.composite
def fields_for(draw: st.DrawFn, name: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"CreationTime": draw(st.sampled_from(CREATION_TIMES))}
    if name is not None:
        fields["TrainingJobName"] = name
    fields["TrainingJobStatus"] = draw(st.sampled_from(STATUSES))
    if draw(st.booleans()):
        fields[METRIC] = {
            "MetricName": "validation:auc",
            "Value": draw(st.sampled_from([0.1, 0.5, 0.9])),
        }
    else:
        fields[METRIC] = None
    return fields


@st.composite
def additions(draw: st.DrawFn, batch: int) -> list[dict[str, Any]]:
    """Training jobs for one add_training_jobs call, with names unique to the batch.

    The first letter varies, so that the new names sort anywhere among the
    existing ones. Existing explicit names have no hyphen, so none collide.
    """
    count = draw(st.integers(1, 3))
    letters = draw(st.lists(st.sampled_from("AMZamz09"), min_size=count, max_size=count))
    return [draw(fields_for(f"{letter}{batch}-{index}")) for index, letter in enumerate(letters)]


@st.composite
def steps(draw: st.DrawFn) -> list[tuple[str, Any]]:
    """Page requests, each with its page size, and additions, interleaved."""
    result: list[tuple[str, Any]] = []
    for batch in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            result.append(("page", draw(st.integers(1, 4))))
        else:
            result.append(("add", draw(additions(batch))))
    return result


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=initial_names,
    data=st.data(),
    sort_by=st.sampled_from(SORT_BY),
    sort_order=st.sampled_from(("Ascending", "Descending")),
    status=st.one_of(st.none(), st.sampled_from(STATUSES)),
    plan=steps(),
)
def test_pages_follow_rule_while_jobs_are_added(
    client: Any,
    names: list[str],
    data: st.DataObject,
    sort_by: str,
    sort_order: str,
    status: str | None,
    plan: list[tuple[str, Any]],
) -> None:
    initial = [data.draw(fields_for(name)) for name in names]
    with mock_tuning_jobs(seed=21) as mock:
        job = mock.add_tuning_job(training_jobs=initial)
        arguments: dict[str, Any] = {
            "HyperParameterTuningJobName": job.name,
            "SortBy": sort_by,
            "SortOrder": sort_order,
        }
        if status is not None:
            arguments["StatusEquals"] = status
        present_at_start = set(reference_listing(job.summaries, sort_by, sort_order, status))

        received: list[str] = []
        token: str | None = None
        finished = False

        def request_page(size: int) -> None:
            nonlocal token, finished
            remaining = expected_after(
                reference_listing(job.summaries, sort_by, sort_order, status),
                received[-1] if received else None,
            )
            request = dict(arguments, MaxResults=size)
            if token is not None:
                request["NextToken"] = token
            page, token = list_names(client, **request)

            assert page == remaining[:size]
            assert (token is not None) is (len(remaining) > size)
            received.extend(page)
            finished = token is None

        for action, argument in plan:
            if finished:
                break
            if action == "page":
                request_page(argument)
            else:
                mock.add_training_jobs(job, argument)

        # Drain the listing: at most one page per training job, plus one.
        for _ in range(len(job.records) + 1):
            if finished:
                break
            request_page(3)

        assert finished
        assert len(received) == len(set(received))
        assert present_at_start <= set(received)


# --- add_training_jobs ---------------------------------------------------------------


def test_added_jobs_continue_numbering(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=3)
    last_before = job.summaries[-1]

    added = hpt_mock.add_training_jobs(job, 2)

    assert [summary["TrainingJobName"][len(job.name) :][:5] for summary in added] == [
        "-004-",
        "-005-",
    ]
    for summary in added:
        assert summary["TuningJobName"] == job.name
        assert summary["CreationTime"] > last_before["CreationTime"]
        assert shape_problems("HyperParameterTrainingJobSummary", summary) == []
    assert job.summaries[-2:] == added


def test_added_jobs_deterministic_per_seed() -> None:
    def add_twice() -> list[dict[str, Any]]:
        with mock_tuning_jobs(seed=5) as mock:
            job = mock.add_tuning_job(training_jobs=4)
            return mock.add_training_jobs(job, 3) + mock.add_training_jobs(job, 2)

    assert add_twice() == add_twice()


def test_added_jobs_accept_summary_fields(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=2)

    added = hpt_mock.add_training_jobs(
        job.name.upper(), [{"TrainingJobName": "late-one", "TrainingJobStatus": "Failed"}]
    )

    assert added[0]["TrainingJobName"] == "late-one"
    assert added[0]["TrainingJobStatus"] == "Failed"
    assert "late-one" in job.training_job_names


def test_added_duplicate_name_rejected(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=[{"TrainingJobName": "first"}])

    with pytest.raises(HptUsageError, match="'FIRST' is used twice"):
        hpt_mock.add_training_jobs(job, [{"TrainingJobName": "FIRST"}])

    assert job.training_job_names == ["first"]


def test_added_invalid_count_rejected(hpt_mock: TuningJobMock) -> None:
    job = hpt_mock.add_tuning_job(training_jobs=2)

    with pytest.raises(HptUsageError, match="training_jobs=-1 is invalid"):
        hpt_mock.add_training_jobs(job, -1)


def test_add_to_unknown_name_rejected(hpt_mock: TuningJobMock) -> None:
    with pytest.raises(HptUsageError, match="No tuning job called 'missing'"):
        hpt_mock.add_training_jobs("missing", 1)


def test_add_to_other_mocks_job_rejected(hpt_mock: TuningJobMock) -> None:
    other = TuningJobMock(seed=1).add_tuning_job(training_jobs=1)

    with pytest.raises(HptUsageError, match="was not seeded by this fake"):
        hpt_mock.add_training_jobs(other, 1)


def test_add_to_warm_start_parent_rejected(hpt_mock: TuningJobMock) -> None:
    child = hpt_mock.add_tuning_job(scenario="warm_start")
    parent = child.parent_tuning_jobs[0]

    with pytest.raises(HptUsageError, match="is a parent of the warm start tuning job") as raised:
        hpt_mock.add_training_jobs(parent.name, 1)

    assert child.name in str(raised.value)
