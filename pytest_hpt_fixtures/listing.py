"""Filter, sort and page the training jobs of a tuning job; the NextToken codec.

Each query shape (sort key and status filter) of a tuning job gets one sorted
index, built in O(n log n) on first use and rebuilt only after training jobs
are added. A page is then a binary search plus a slice: O(log n + page). The first
page in name order needs no index while the tuning job's training jobs are
generated in name order: it generates only its own training jobs.

A NextToken records the sort key of the last training job returned. The next
page starts strictly after that key, so a training job added during
pagination appears if it sorts after the token's position, and no job is ever
returned twice. Every sort key ends with the training job name, which is
unique, so ties never repeat or skip a job. A token also carries the number of
the page it requests, so that consecutive tokens differ even when a page is
empty: botocore's paginator stops with an error on a repeated token.
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

from . import tokens
from .errors import ValidationError
from .model import FakeTuningJob, TrainingJobRecord

# API reference: MaxResults defaults to 10.
DEFAULT_MAX_RESULTS = 10
DEFAULT_SORT_BY = "Name"
DEFAULT_SORT_ORDER = "Ascending"

SortKey = tuple[Any, ...]

_SORT_KEYS: dict[str, Callable[[TrainingJobRecord], SortKey]] = {
    "Name": lambda record: (record.name,),
    "CreationTime": lambda record: (record.creation_time, record.name),
    "Status": lambda record: (record.status, record.name),
    # Adding 0.0 turns -0.0 into 0.0. The two sort as equal, and a NextToken
    # then spells zero one way whichever of them was encoded first.
    "FinalObjectiveMetricValue": lambda record: (
        record.objective_value + 0.0 if record.objective_value is not None else 0.0,
        record.name,
    ),
}

# The Python type of each part of a sort key, to check keys read from tokens.
_SORT_KEY_TYPES: dict[str, tuple[type, ...]] = {
    "Name": (str,),
    "CreationTime": (float, str),
    "Status": (str, str),
    "FinalObjectiveMetricValue": (float, str),
}


# Named tuples rather than frozen dataclasses: one of each is made per
# request, and a named tuple is made, compared and hashed in half the time.
class Query(NamedTuple):
    """The parameters of one listing request, apart from the page size and position."""

    tuning_job_identity: str
    sort_by: str = DEFAULT_SORT_BY
    sort_order: str = DEFAULT_SORT_ORDER
    status: str | None = None


class Page(NamedTuple):
    records: list[TrainingJobRecord]
    next_token: str | None


class Position(NamedTuple):
    """Where a NextToken continues: after the sort key `after`, or at the start.

    `page` is the number of the page the token requests, counting the first as 0.
    """

    after: SortKey | None
    page: int


_START = Position(after=None, page=0)


class _Index:
    """The training jobs of one query shape, sorted by `sort_key`.

    Sort keys are computed during a search rather than kept, to keep a
    large tuning job small.
    """

    __slots__ = ("records", "sort_key", "version")

    def __init__(
        self,
        version: int,
        records: list[TrainingJobRecord],
        sort_key: Callable[[TrainingJobRecord], SortKey],
    ):
        self.version = version
        self.records = records
        self.sort_key = sort_key


def tuning_job_identity(job: FakeTuningJob) -> str:
    """Return the key that binds a token to one tuning job of one account and region."""
    return f"{job.account_id}:{job.region}:{job.name.lower()}"


def list_page(
    job: FakeTuningJob,
    query: Query,
    *,
    max_results: int = DEFAULT_MAX_RESULTS,
    next_token: str | None = None,
    page_size_limit: int | None = None,
) -> Page:
    """Return one page of training jobs of `job`, and the token for the next one.

    `page_size_limit` caps the page below `max_results`; 0 gives an empty page.
    A capped page still carries a NextToken while training jobs remain.
    """
    size = max_results if page_size_limit is None else min(max_results, page_size_limit)
    if not next_token and is_default_order(query):
        first = job.first_records_by_name(size)
        if first is not None:
            selected, more = first
            last_key = (selected[-1].name,) if selected else None
            return Page(selected, encode_token(query, last_key, page=1) if more else None)

    position = decode_token(next_token, query) if next_token else _START
    index = _index(job, query)
    records, sort_key = index.records, index.sort_key
    after = position.after

    if query.sort_order == "Ascending":
        start = 0 if after is None else bisect.bisect_right(records, after, key=sort_key)
        end = min(len(records), start + size)
        selected = records[start:end]
        last_key = sort_key(records[end - 1]) if end > start else after
        more = end < len(records)
    else:
        end = len(records) if after is None else bisect.bisect_left(records, after, key=sort_key)
        start = max(0, end - size)
        selected = records[start:end][::-1]
        last_key = sort_key(records[start]) if end > start else after
        more = start > 0

    token = encode_token(query, last_key, page=position.page + 1) if more else None
    return Page(selected, token)


def is_default_order(query: Query) -> bool:
    """True for the order of a request without SortBy, SortOrder and StatusEquals."""
    return query.sort_by == "Name" and query.sort_order == "Ascending" and query.status is None


def _index(job: FakeTuningJob, query: Query) -> _Index:
    shape = (query.sort_by, query.status)
    index: _Index | None = job.indexes.get(shape)
    if index is not None and index.version == job.version:
        return index
    with job.lock:
        index = job.indexes.get(shape)
        if index is None or index.version != job.version:
            index = _build_index(job, query)
            job.indexes[shape] = index
    return index


def _build_index(job: FakeTuningJob, query: Query) -> _Index:
    sort_key = _SORT_KEYS[query.sort_by]
    records = job.records
    if query.status is not None:
        records = [record for record in records if record.status == query.status]
    if query.sort_by == "FinalObjectiveMetricValue":
        # API reference: sorting by FinalObjectiveMetricValue lists only the
        # training jobs that have an objective metric.
        records = [record for record in records if record.objective_value is not None]
    # Every sort key ends with the unique name, so no two keys are equal.
    return _Index(job.version, sorted(records, key=sort_key), sort_key)


# --- NextToken -------------------------------------------------------------

# Signs tokens so that a changed token is detected. It guards against
# mistakes, not attackers, and a fixed key keeps tokens the same across runs.
_TOKEN_KEY = b"pytest-hpt-fixtures NextToken v1"


# A client paging through a listing again gets the same tokens, so recent
# ones are kept rather than signed again.
@functools.lru_cache(maxsize=1024)
def encode_token(query: Query, last_key: SortKey | None, *, page: int) -> str:
    """Return the NextToken for page number `page`, which starts after `last_key`.

    `last_key` None means the start of the listing, after an empty first page.
    """
    payload = {
        "job": query.tuning_job_identity,
        "query": [query.sort_by, query.sort_order, query.status],
        "after": None if last_key is None else list(last_key),
        "page": page,
    }
    token = tokens.encode(payload, key=_TOKEN_KEY)
    _issued.remember(token, (query, Position(last_key, page)))
    return token


class _IssuedTokens:
    """The queries and positions of the tokens issued last, by token.

    A client sends back the token it was just given, so most tokens are found
    here and need no decoding. Equal payloads give equal tokens, so a token
    found here means what decoding it would give.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[str, tuple[Query, Position]] = {}
        self._lock = threading.Lock()

    def remember(self, token: str, entry: tuple[Query, Position]) -> None:
        with self._lock:
            self._entries[token] = entry
            if len(self._entries) > self._size:
                # Dictionaries keep insertion order: the first is the oldest.
                del self._entries[next(iter(self._entries))]

    def get(self, token: str) -> tuple[Query, Position] | None:
        return self._entries.get(token)


_issued = _IssuedTokens(size=4096)


def decode_token(token: str, query: Query) -> Position:
    """Return the position a token continues from.

    Raises `ValidationError` for a token that was changed, cut, made up, or
    issued for another tuning job, filter or sort.
    """
    issued = _issued.get(token)
    if issued is not None and issued[0] == query:
        return issued[1]
    payload = tokens.decode(token, key=_TOKEN_KEY)
    if payload is None:
        raise ValidationError(
            f"Invalid pagination token '{tokens.shorten(token)}'. Pass the NextToken "
            "of the previous response unchanged."
        )
    expected_query = [query.sort_by, query.sort_order, query.status]
    if payload.get("job") != query.tuning_job_identity or payload.get("query") != expected_query:
        raise ValidationError(
            f"Invalid pagination token '{tokens.shorten(token)}': it was issued for a different "
            "tuning job, StatusEquals, SortBy or SortOrder. Repeat the request that "
            "returned it, with only NextToken and MaxResults changed."
        )
    after = payload.get("after")
    page = payload.get("page")
    if (after is not None and not _is_sort_key(after, _SORT_KEY_TYPES[query.sort_by])) or (
        isinstance(page, bool) or not isinstance(page, int) or page < 1
    ):
        raise ValidationError(f"Invalid pagination token '{tokens.shorten(token)}'.")
    return Position(None if after is None else tuple(after), page)


def _is_sort_key(value: Any, types: tuple[type, ...]) -> bool:
    if not isinstance(value, list) or len(value) != len(types):
        return False
    return all(
        isinstance(part, expected) and not isinstance(part, bool)
        for part, expected in zip(value, types, strict=True)
    )
