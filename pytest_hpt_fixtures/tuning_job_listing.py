"""Filter, sort and page the tuning jobs of one account and region.

ListHyperParameterTuningJobs lists a handful of tuning jobs, so each request
filters and sorts them afresh. As in `listing`, a NextToken records the sort
key of the last tuning job returned, and the next page starts strictly after
it. So a tuning job added during pagination appears when it sorts after that
point, and none is returned twice. Names are unique per account and region,
ignoring case, and end every sort key, so ties never repeat or skip a job.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from . import tokens
from .describe import creation_epoch, last_modified_epoch
from .errors import SerializationError, ValidationError
from .model import FakeTuningJob
from .service_model import wire_member_name

# API reference: MaxResults defaults to 10; SortBy to Name; SortOrder to Ascending.
DEFAULT_MAX_RESULTS = 10
DEFAULT_SORT_BY = "Name"
DEFAULT_SORT_ORDER = "Ascending"

_TOKEN_KEY = b"pytest-hpt-fixtures ListHyperParameterTuningJobs NextToken v1"

SortKey = tuple[Any, ...]

_SORT_KEYS: dict[str, Callable[[FakeTuningJob], SortKey]] = {
    "Name": lambda job: (job.name.lower(),),
    "Status": lambda job: (job.status, job.name.lower()),
    "CreationTime": lambda job: (creation_epoch(job), job.name.lower()),
}

# The JSON types of each part of a sort key, to check keys read from tokens.
_SORT_KEY_TYPES: dict[str, tuple[tuple[type, ...], ...]] = {
    "Name": ((str,),),
    "Status": ((str,), (str,)),
    "CreationTime": ((float, int), (str,)),
}

_TIME_FILTERS = (
    "CreationTimeAfter",
    "CreationTimeBefore",
    "LastModifiedTimeAfter",
    "LastModifiedTimeBefore",
)


@dataclass(frozen=True)
class Query:
    """The filters and sort of one listing: everything but the page size and position."""

    scope: str
    name_contains: str | None = None
    status: str | None = None
    creation_time_after: float | None = None
    creation_time_before: float | None = None
    last_modified_time_after: float | None = None
    last_modified_time_before: float | None = None
    sort_by: str = DEFAULT_SORT_BY
    sort_order: str = DEFAULT_SORT_ORDER

    def token_fields(self) -> list[Any]:
        return [
            self.name_contains,
            self.status,
            self.creation_time_after,
            self.creation_time_before,
            self.last_modified_time_after,
            self.last_modified_time_before,
            self.sort_by,
            self.sort_order,
        ]


@dataclass(frozen=True)
class Page:
    jobs: list[FakeTuningJob]
    next_token: str | None


def query_from_params(params: dict[str, Any], account_id: str, region: str) -> Query:
    """Build the query of a validated ListHyperParameterTuningJobs request."""
    times = {name: _epoch_param(name, params.get(name)) for name in _TIME_FILTERS}
    name_contains = params.get("NameContains")
    return Query(
        scope=f"{account_id}:{region}",
        name_contains=name_contains.lower() if name_contains else None,
        status=params.get("StatusEquals"),
        creation_time_after=times["CreationTimeAfter"],
        creation_time_before=times["CreationTimeBefore"],
        last_modified_time_after=times["LastModifiedTimeAfter"],
        last_modified_time_before=times["LastModifiedTimeBefore"],
        sort_by=params.get("SortBy", DEFAULT_SORT_BY),
        sort_order=params.get("SortOrder", DEFAULT_SORT_ORDER),
    )


def _epoch_param(name: str, value: Any) -> float | None:
    """Read a JSON 1.1 timestamp: epoch seconds, or an ISO 8601 string."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return moment.timestamp()
    raise SerializationError(
        f"Value '{value}' at '{wire_member_name(name)}' can not be converted to a Timestamp"
    )


def matches(job: FakeTuningJob, query: Query) -> bool:
    """True when `job` passes every filter of `query`; the time filters are strict."""
    if query.name_contains is not None and query.name_contains not in job.name.lower():
        return False
    if query.status is not None and job.status != query.status:
        return False
    created = creation_epoch(job)
    if query.creation_time_after is not None and not created > query.creation_time_after:
        return False
    if query.creation_time_before is not None and not created < query.creation_time_before:
        return False
    modified = last_modified_epoch(job)
    if query.last_modified_time_after is not None and not (
        modified > query.last_modified_time_after
    ):
        return False
    return not (
        query.last_modified_time_before is not None
        and not modified < query.last_modified_time_before
    )


def list_page(
    jobs: Sequence[FakeTuningJob],
    query: Query,
    *,
    max_results: int = DEFAULT_MAX_RESULTS,
    next_token: str | None = None,
) -> Page:
    """Return one page of the tuning jobs that match `query`, and the token for the next one."""
    after = decode_token(next_token, query) if next_token else None

    sort_key = _SORT_KEYS[query.sort_by]
    pairs = sorted(
        ((sort_key(job), job) for job in jobs if matches(job, query)), key=lambda pair: pair[0]
    )
    keys = [key for key, _ in pairs]
    selected_jobs = [job for _, job in pairs]

    if query.sort_order == "Ascending":
        start = 0 if after is None else bisect.bisect_right(keys, after)
        end = min(len(keys), start + max_results)
        selected = selected_jobs[start:end]
        last_key = keys[end - 1] if end > start else None
        more = end < len(keys)
    else:
        end = len(keys) if after is None else bisect.bisect_left(keys, after)
        start = max(0, end - max_results)
        selected = selected_jobs[start:end][::-1]
        last_key = keys[start] if end > start else None
        more = start > 0

    token = encode_token(query, last_key) if more and last_key is not None else None
    return Page(selected, token)


def encode_token(query: Query, last_key: SortKey) -> str:
    payload = {"scope": query.scope, "query": query.token_fields(), "after": list(last_key)}
    return tokens.encode(payload, key=_TOKEN_KEY)


def decode_token(token: str, query: Query) -> SortKey:
    """Return the sort key a token continues after.

    Raises `ValidationError` for a token that was changed, cut, made up, or
    issued for another account, region, filter or sort.
    """
    payload = tokens.decode(token, key=_TOKEN_KEY)
    if payload is None:
        raise ValidationError(
            f"Invalid pagination token '{tokens.shorten(token)}'. Pass the NextToken "
            "of the previous response unchanged."
        )
    if payload.get("scope") != query.scope or payload.get("query") != query.token_fields():
        raise ValidationError(
            f"Invalid pagination token '{tokens.shorten(token)}': it was issued for a "
            "different account, region, filter, SortBy or SortOrder. Repeat the request "
            "that returned it, with only NextToken and MaxResults changed."
        )
    after = payload.get("after")
    if not isinstance(after, list) or not _is_sort_key(after, _SORT_KEY_TYPES[query.sort_by]):
        raise ValidationError(f"Invalid pagination token '{tokens.shorten(token)}'.")
    return tuple(after)


def _is_sort_key(value: Any, types: tuple[tuple[type, ...], ...]) -> bool:
    if not isinstance(value, list) or len(value) != len(types):
        return False
    return all(
        isinstance(part, expected) and not isinstance(part, bool)
        for part, expected in zip(value, types, strict=True)
    )
