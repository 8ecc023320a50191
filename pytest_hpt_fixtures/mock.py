"""`TuningJobMock`, the fake SageMaker tuning API, and `mock_tuning_jobs`.

While a `TuningJobMock` is active, every botocore client in the process sends
its SageMaker requests for the operations in `operations.OPERATIONS` to it,
signed with fake credentials. Requests it does not serve go to moto when
moto's `mock_aws` is active, and otherwise fail with `UnmockedOperationError`
before they reach the network.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar, cast, overload

from . import _hook, activation, operations, seeding, wire
from .environment import (
    ACCOUNT_ID_PATTERN,
    DEFAULT_ACCOUNT_ID,
    FAKE_ACCESS_KEY,
    FAKE_SECRET_ACCESS_KEY,
    REGION_PATTERN,
    fake_access_key_id,
)
from .errors import HptUsageError, ResourceNotOwned, ServiceError, UnmockedOperationError
from .factories import (
    TuningJobSpec,
    build_more_training_jobs,
    build_tuning_job,
    make_spec,
)
from .model import FakeTuningJob
from .registry import TuningJobRegistry

DEFAULT_REGION = "us-east-1"

_ACCOUNT_ID = ACCOUNT_ID_PATTERN
_REGION = REGION_PATTERN

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def _user_facing(method: F) -> F:
    """Raise a test author's mistake from the call in the test, not from inside the plugin.

    pytest hides frames whose function sets `__tracebackhide__`, so the
    report shows the test's line and the message naming what to change.
    """

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        try:
            return method(*args, **kwargs)
        except HptUsageError as error:
            raise error.with_traceback(None) from None

    return cast(F, call)


# boto3 documents its sessions as not thread safe, including the default one
# that boto3.client uses, so `TuningJobMock.client` creates clients one at a time.
_client_lock = threading.Lock()


# Not frozen: one is made per request, and a frozen dataclass costs four
# times as much to make.
@dataclass
class RecordedCall:
    """One request the fake received: its operation, parameters and response status."""

    operation: str
    params: dict[str, Any]
    status: int
    account_id: str
    region: str
    error_code: str | None = None


@dataclass
class _InjectedError:
    operation: str
    code: str
    status: int
    message: str
    remaining: int


@dataclass(frozen=True)
class _SeededTuningJob:
    """How a tuning job was generated, so that more training jobs can continue it."""

    spec: TuningJobSpec
    seed: int


class TuningJobMock:
    """A fake SageMaker that serves seeded tuning jobs to every botocore client.

    Use it as a context manager (`with mock_tuning_jobs() as mock:`), as a
    decorator, or through the `hpt_mock` fixture. `seed` fixes every
    generated value; without one a random seed is drawn and kept in `.seed`.
    """

    def __init__(
        self,
        *,
        region: str = DEFAULT_REGION,
        account_id: str = DEFAULT_ACCOUNT_ID,
        seed: int | None = None,
    ) -> None:
        if not isinstance(region, str) or not _REGION.fullmatch(region):
            raise HptUsageError(
                f"region={region!r} is invalid: pass a region name such as 'us-east-1'."
            )
        if not isinstance(account_id, str) or not _ACCOUNT_ID.fullmatch(account_id):
            raise HptUsageError(
                f"account_id={account_id!r} is invalid: pass 12 digits as a string, "
                "such as '123456789012'."
            )
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
            raise HptUsageError(
                f"seed={seed!r} is invalid: pass a whole number of 0 or more, or None."
            )
        self.region = region
        self.account_id = account_id
        self.seed = seeding.random_seed() if seed is None else seed
        self._calls: list[RecordedCall] = []
        self._registry = TuningJobRegistry(seed=self.seed)
        self._injected: list[_InjectedError] = []
        self._short_pages: dict[str, collections.deque[int]] = {}
        self._seeded: dict[FakeTuningJob, _SeededTuningJob] = {}
        self._tuning_jobs_added = 0
        self._lock = threading.Lock()
        self._active_depth = 0
        # The credentials of the last client that signed a request, and the
        # fake ones its requests are signed with.
        self._signing_credentials: tuple[Any, Any] | None = None
        # The last result read from one tuning job, for a request sent again.
        self._repeated_response: _RepeatedResponse | None = None

    def __repr__(self) -> str:
        return (
            f"TuningJobMock(region={self.region!r}, account_id={self.account_id!r}, "
            f"seed={self.seed}, tuning_jobs={len(self.tuning_jobs)})"
        )

    # --- seeding -----------------------------------------------------------

    @_user_facing
    def add_tuning_job(
        self,
        name: str | None = None,
        *,
        training_jobs: int | Sequence[Mapping[str, Any]] | None = None,
        status: str | None = None,
        objective_metric: str | None = None,
        objective_type: str | None = None,
        strategy: str | None = None,
        parameter_ranges: Mapping[str, Any] | None = None,
        max_parallel_training_jobs: int | None = None,
        training_job_definitions: int | Sequence[Any] | None = None,
        region: str | None = None,
        account_id: str | None = None,
        scenario: str | None = None,
    ) -> FakeTuningJob:
        """Seed a tuning job with generated training jobs and return it.

        A keyword left as None takes the default of `scenario`, if it names
        one of `pytest_hpt_fixtures.scenarios.SCENARIOS` that sets it.
        Otherwise it takes the built-in default: `training_jobs` 20, `status`
        Completed, `objective_metric` validation:auc, `objective_type` the
        direction in which the metric improves, `strategy` Bayesian,
        `parameter_ranges` XGBoost's, `max_parallel_training_jobs` 10 or the
        job count if smaller, one unnamed training job definition, and the
        mock's `region` and `account_id`.

        `training_jobs` is a count, or a list of dicts that each set fields of
        one summary (a field set to None is removed; a dict with every field is
        used as it is). `parameter_ranges` uses SageMaker's `ParameterRanges`
        form. `training_job_definitions` is a count or a list of names or
        dicts with `DefinitionName`, `HyperParameterRanges` and `TuningObjective`.
        """
        if name is not None and not isinstance(name, str):
            hint = f" Did you mean training_jobs={name!r}?" if isinstance(name, int) else ""
            raise HptUsageError(
                f"The first argument is the tuning job name, a string, not {name!r}.{hint}"
            )
        spec = make_spec(
            name=name,
            training_jobs=training_jobs,
            status=status,
            objective_metric=objective_metric,
            objective_type=objective_type,
            strategy=strategy,
            parameter_ranges=parameter_ranges,
            max_parallel_training_jobs=max_parallel_training_jobs,
            training_job_definitions=training_job_definitions,
            region=self.region if region is None else region,
            account_id=self.account_id if account_id is None else account_id,
            scenario=scenario,
        )
        with self._lock:
            position = self._tuning_jobs_added
            self._tuning_jobs_added += 1
        seed = seeding.derive_seed(self.seed, "tuning-job", position)
        job = build_tuning_job(spec, seed=seed)
        with self._lock:
            self._seeded[job] = _SeededTuningJob(spec, seed)
        try:
            for parent in job.parent_tuning_jobs:
                self._registry.add(parent)
            self._registry.add(job)
        except HptUsageError:
            with self._lock:
                del self._seeded[job]
            raise
        return job

    @_user_facing
    def add_training_jobs(
        self,
        tuning_job: FakeTuningJob | str,
        training_jobs: int | Sequence[Mapping[str, Any]] = 1,
        *,
        region: str | None = None,
        account_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Add training jobs to a seeded tuning job and return their summaries.

        `tuning_job` is a `FakeTuningJob` of this fake or the name of one;
        `region` and `account_id` apply to a name and default to the mock's.
        `training_jobs` takes the forms it takes in `add_tuning_job`. Generated
        training jobs continue the tuning job: their names carry the next
        numbers and they launch after its last training job.

        Listings see the new training jobs from the next request on. A client
        paging through the tuning job gets those that sort after the last
        training job it has received, and never one it has received already.
        """
        if isinstance(tuning_job, str):
            job = self.get_tuning_job(tuning_job, region=region, account_id=account_id)
        else:
            job = tuning_job
        with self._lock:
            seeded = self._seeded.get(job) if isinstance(job, FakeTuningJob) else None
            child = next((child for child in self._seeded if job in child.parent_tuning_jobs), None)
        if seeded is None and child is not None:
            raise HptUsageError(
                f"tuning_job={tuning_job!r} is a parent of the warm start tuning job "
                f"{child.name!r}, generated with it, and takes no more training jobs. "
                "Add them to a tuning job that add_tuning_job returned."
            )
        if seeded is None:
            raise HptUsageError(
                f"tuning_job={tuning_job!r} was not seeded by this fake: pass a tuning job "
                "that its add_tuning_job returned, or the name of one."
            )

        with job.lock:
            seed = seeding.derive_seed(
                self.seed,
                "training-jobs",
                job.account_id,
                job.region,
                job.name.lower(),
                len(job.records),
            )
            records = build_more_training_jobs(
                job, seeded.spec, job_seed=seeded.seed, seed=seed, training_jobs=training_jobs
            )
            job.add_records(records)
        return [record.summary() for record in records]

    @_user_facing
    def get_tuning_job(
        self, name: str, *, region: str | None = None, account_id: str | None = None
    ) -> FakeTuningJob:
        """Return a seeded tuning job by name, ignoring case."""
        region = self.region if region is None else region
        account_id = self.account_id if account_id is None else account_id
        job = self._registry.find(account_id, region, name)
        if job is None:
            known = ", ".join(sorted(job.name for job in self.tuning_jobs)) or "none"
            raise HptUsageError(
                f"No tuning job called {name!r} in account {account_id}, region {region}. "
                f"Seeded tuning jobs: {known}."
            )
        return job

    @property
    def calls(self) -> list[RecordedCall]:
        """Every request the fake received, oldest first; clear it to forget them."""
        return self._calls

    @calls.setter
    @_user_facing
    def calls(self, value: Any) -> None:
        raise HptUsageError(
            "calls cannot be replaced: call calls.clear() to forget the recorded calls, "
            "or reset() to remove the tuning jobs as well."
        )

    @property
    def tuning_jobs(self) -> list[FakeTuningJob]:
        """Every seeded tuning job, of every account and region."""
        return self._registry.all()

    def reset(self) -> None:
        """Remove every tuning job, recorded call, injected error and short page."""
        self._registry.clear()
        with self._lock:
            self._calls.clear()
            self._injected.clear()
            self._short_pages.clear()
            self._seeded.clear()
            self._tuning_jobs_added = 0
            self._repeated_response = None

    # --- clients and faults --------------------------------------------------

    @_user_facing
    def client(
        self,
        service_name: str = "sagemaker",
        *,
        region_name: str | None = None,
        account_id: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """Return a boto3 client whose requests the fake serves as `account_id`."""
        import boto3

        account_id = self.account_id if account_id is None else account_id
        if not _ACCOUNT_ID.fullmatch(account_id):
            raise HptUsageError(
                f"account_id={account_id!r} is invalid: pass 12 digits as a string."
            )
        with _client_lock:
            return boto3.client(
                service_name,
                region_name=region_name or self.region,
                aws_access_key_id=fake_access_key_id(account_id),
                aws_secret_access_key=FAKE_SECRET_ACCESS_KEY,
                **kwargs,
            )

    @_user_facing
    def inject_error(
        self,
        operation: str,
        code: str,
        *,
        status: int = 400,
        times: int = 1,
        message: str | None = None,
    ) -> None:
        """Make the next `times` requests of `operation` fail with an AWS error.

        For example `inject_error("ListTrainingJobsForHyperParameterTuningJob",
        "ThrottlingException", times=2)` makes botocore's retry logic retry.
        The error is returned whatever the request holds, and each failed
        request is still recorded in `calls` with its decoded parameters.
        """
        if operation not in operations.OPERATIONS:
            raise HptUsageError(
                f"operation={operation!r} is not served by the fake: use one of "
                f"{', '.join(operations.OPERATIONS)}."
            )
        if not isinstance(code, str) or not code:
            raise HptUsageError(
                f"code={code!r} is invalid: pass an AWS error code such as 'ThrottlingException'."
            )
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise HptUsageError(f"times={times!r} is invalid: pass a whole number of 1 or more.")
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise HptUsageError(
                f"status={status!r} is invalid: pass an HTTP error status, 400 to 599."
            )
        with self._lock:
            self._injected.append(
                _InjectedError(operation, code, status, message or f"Injected {code}", times)
            )

    def _take_injected_error(self, operation: str) -> ServiceError | None:
        with self._lock:
            for position, injected in enumerate(self._injected):
                if injected.operation == operation:
                    injected.remaining -= 1
                    if injected.remaining == 0:
                        del self._injected[position]
                    return ServiceError(injected.code, injected.message, injected.status)
        return None

    @_user_facing
    def inject_short_pages(self, operation: str, sizes: Sequence[int]) -> None:
        """Cap the size of the next pages that `operation` returns, one size per page.

        The next `len(sizes)` pages hold at most `sizes[i]` items each, and 0
        gives an empty page. A capped page still carries a NextToken while items
        remain, as AWS list operations may return short and empty pages, so code
        that stops paging at a page shorter than MaxResults misses items.
        Requests that fail leave the next size in place. Calls add to the sizes
        still waiting.
        """
        if operation not in operations.SHORT_PAGE_OPERATIONS:
            raise HptUsageError(
                f"operation={operation!r} does not page through the fake's training jobs: "
                f"use one of {', '.join(sorted(operations.SHORT_PAGE_OPERATIONS))}."
            )
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
            raise HptUsageError(
                f"sizes={sizes!r} is invalid: pass a list of page sizes, such as [0, 3]."
            )
        for size in sizes:
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                raise HptUsageError(
                    f"sizes contains {size!r}: each page size must be a whole number of 0 or more."
                )
        with self._lock:
            self._short_pages.setdefault(operation, collections.deque()).extend(sizes)

    def _take_short_page(self, operation: str) -> int | None:
        with self._lock:
            sizes = self._short_pages.get(operation)
            if not sizes:
                return None
            size = sizes.popleft()
            if not sizes:
                del self._short_pages[operation]
            return size

    def _return_short_page(self, operation: str, size: int | None) -> None:
        if size is None:
            return
        with self._lock:
            self._short_pages.setdefault(operation, collections.deque()).appendleft(size)

    # --- activation ----------------------------------------------------------

    def start(self) -> TuningJobMock:
        """Serve requests from now on; `stop` ends it. Calls may nest.

        Several fakes may be active at once, and the one started last serves.
        They may stop in any order.
        """
        with self._lock:
            self._active_depth += 1
            if self._active_depth > 1:
                return self
        activation.activate(self)
        return self

    def stop(self) -> None:
        with self._lock:
            if self._active_depth == 0:
                return
            self._active_depth -= 1
            if self._active_depth > 0:
                return
        activation.deactivate(self)

    @property
    def active(self) -> bool:
        return self._active_depth > 0

    def __enter__(self) -> TuningJobMock:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __call__(self, func: T) -> T:
        """Decorate a function so that each call runs with this fake, reset and active.

        On a class, every method whose name starts with `test` is decorated,
        as pytest and unittest collect them.
        """
        if isinstance(func, type):
            for attribute, value in list(vars(func).items()):
                if attribute.startswith("test") and callable(value):
                    setattr(func, attribute, self._decorate_function(value))
            return func
        if not callable(func):
            raise HptUsageError(
                f"mock_tuning_jobs() decorates functions and classes, not {func!r}."
            )
        return cast(T, self._decorate_function(func))

    def _decorate_function(self, func: Callable[..., Any]) -> Callable[..., Any]:
        if asyncio.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                self.reset()
                with self:
                    return await func(*args, **kwargs)

            return run_async

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            self.reset()
            with self:
                return func(*args, **kwargs)

        return run

    # --- serving ---------------------------------------------------------------

    def replace_signing_credentials(self, request: Any, request_signer: Any) -> None:
        """Sign with fake credentials, keeping the account of the fake ones we issued."""
        own = getattr(request_signer, "_credentials", None)
        chosen = self._signing_credentials
        if chosen is None or chosen[0] is not own:
            # A client keeps its credentials object, so the choice is made
            # once per client rather than once per request.
            chosen = (own, self._fake_credentials_for(own))
            self._signing_credentials = chosen
        if chosen[1] is own:
            # A client made with fake credentials already signs with them.
            return
        signing = request.context.get("signing")
        if signing is None:
            signing = request.context["signing"] = {}
        signing["request_credentials"] = chosen[1]

    def _fake_credentials_for(self, own: Any) -> Any:
        from botocore.credentials import Credentials

        # Only static credentials are read: reading refreshable ones could
        # make botocore fetch real credentials.
        if type(own) is Credentials and FAKE_ACCESS_KEY.fullmatch(own.access_key or ""):
            return own
        return Credentials(fake_access_key_id(self.account_id), FAKE_SECRET_ACCESS_KEY)

    def handle_botocore_request(self, request: Any, event_name: str = "") -> Any:
        """Return the response to a botocore request; None lets another handler respond."""
        operation = _event_operation(event_name)
        if operation is _NOT_AN_EVENT:
            headers_only = wire.WireRequest(request.method, request.url, request.headers, b"")
            operation = wire.target_operation(headers_only)
        if operation not in operations.OPERATIONS:
            # Not ours: the body stays unread, because a streaming body (an S3
            # upload in aws-chunked encoding) may not be readable twice.
            self._check_unserved(operation, _describe_event(event_name))
            return None
        try:
            authorization = request.headers["Authorization"]
        except KeyError:
            authorization = None
        access_key, scope_region = wire.authorization_scope(authorization)
        response = self._serve(
            operation, wire.body_bytes(request.body), access_key, scope_region, request.url
        )
        if response is None:
            return None
        return _aws_response()(
            request.url, response.status, response.headers, _RawBody(response.body)
        )

    def handle(
        self, request: wire.WireRequest, *, description: str = ""
    ) -> wire.WireResponse | None:
        """Return the response to one HTTP request; None when another mock should respond.

        Raises `UnmockedOperationError` for a request that nothing mocks.
        """
        operation = wire.target_operation(request)
        if operation is None or operation not in operations.OPERATIONS:
            self._check_unserved(operation, description)
            return None
        access_key, scope_region = wire.signing_scope(request)
        return self._serve(operation, request.body, access_key, scope_region, request.url)

    def _serve(
        self,
        operation: str,
        body: bytes,
        access_key: str | None,
        scope_region: str | None,
        url: str,
    ) -> wire.WireResponse | None:
        """Serve one request for an operation in `operations.OPERATIONS`."""
        account_id = _fake_key_account(access_key) or self.account_id
        region = scope_region or wire.url_region(url) or self.region

        repeated = self._repeated_response
        if (
            repeated is not None
            and not self._injected
            and not self._short_pages
            and repeated.matches(operation, body, account_id, region, self._registry)
        ):
            return self._record(
                RecordedCall(operation, dict(repeated.params), 200, account_id, region),
                wire.respond_raw(repeated.result),
            )

        params: dict[str, Any] = {}
        decode_error: ServiceError | None = None
        try:
            params = wire.decode_params(body)
        except ServiceError as error:
            decode_error = error

        outcome: Any = self._take_injected_error(operation) if self._injected else None
        if outcome is None and decode_error is not None:
            outcome = decode_error
        if outcome is None:
            page_size_limit = self._take_short_page(operation) if self._short_pages else None
            service_request = operations.ServiceRequest(
                operation, params, account_id, region, page_size_limit
            )
            try:
                outcome = operations.OPERATIONS[operation](self._registry, service_request)
                if (
                    service_request.read_job is not None
                    and page_size_limit is None
                    and isinstance(outcome, wire.RawJSON)
                ):
                    job, version = service_request.read_job
                    self._repeated_response = _RepeatedResponse(
                        operation, body, dict(params), job, version, outcome
                    )
            except ServiceError as error:
                outcome = error
                self._return_short_page(operation, page_size_limit)
            except ResourceNotOwned:
                # A resource of moto's, while moto is mocking, so moto responds.
                self._return_short_page(operation, page_size_limit)
                return None

        response = wire.respond(outcome)
        error_code = outcome.code if isinstance(outcome, ServiceError) else None
        return self._record(
            RecordedCall(operation, params, response.status, account_id, region, error_code),
            response,
        )

    def _record(self, call: RecordedCall, response: wire.WireResponse) -> wire.WireResponse:
        # list.append is atomic, so calls from several threads need no lock.
        self._calls.append(call)
        return response

    def _check_unserved(self, operation: str | None, description: str) -> None:
        """Leave a request the fake does not serve to moto, or stop it."""
        if _moto_is_mocking():
            return
        what = description or (f"SageMaker {operation}" if operation else "this request")
        served = ", ".join(operations.OPERATIONS)
        raise UnmockedOperationError(
            f"{what} is not served by pytest-hpt-fixtures, which serves only {served}. "
            "The request was stopped so that it does not reach AWS. To mock it, start "
            "moto's mock_aws() as well; to call AWS for real, stop the fake first."
        )


@dataclass(slots=True)
class _RepeatedResponse:
    """The last result read from one tuning job, to send again for the same request.

    Code that polls a listing, or reads it in several places, sends the same
    bytes again. While the tuning job it was read from is unchanged, the
    result is the same, and is sent without decoding and validating the
    request again.
    """

    operation: str
    body: bytes
    params: dict[str, Any]
    job: FakeTuningJob
    version: int
    result: wire.RawJSON

    def matches(
        self, operation: str, body: bytes, account_id: str, region: str, registry: TuningJobRegistry
    ) -> bool:
        """True when a request repeats this one and the tuning job has not changed since.

        The request's account and region must still find this tuning job
        by name, so a request for another account or region, or one sent
        after reset(), does not get this result.
        """
        return (
            body == self.body
            and operation == self.operation
            and self.job.version == self.version
            and registry.find(account_id, region, self.job.name) is self.job
        )


class _RawBody:
    """The raw HTTP body that botocore's `AWSResponse` reads through `stream()`."""

    __slots__ = ("_body",)

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Any:
        yield self._body


@functools.lru_cache(maxsize=64)
def _fake_key_account(access_key: str | None) -> str | None:
    """Return the account of an access key the fake issued, or None for any other key."""
    match = FAKE_ACCESS_KEY.fullmatch(access_key or "")
    return match.group(1) if match else None


# Returned by `_event_operation` for an event name it cannot read.
_NOT_AN_EVENT = "not an event name"


def _event_operation(event_name: str) -> str | None:
    """Return the SageMaker operation a before-send event is for, or None for other services.

    botocore names the event `before-send.<service id>.<operation>`, with
    the operation name it also writes into X-Amz-Target. So the event names
    the operation without a look-up in botocore's headers.
    """
    if event_name.startswith(_SAGEMAKER_SEND_EVENT):
        return event_name[len(_SAGEMAKER_SEND_EVENT) :]
    if event_name.startswith("before-send.") and event_name.count(".") == 2:
        return None
    return _NOT_AN_EVENT


_SAGEMAKER_SEND_EVENT = "before-send.sagemaker."


@functools.cache
def _aws_response() -> Any:
    # Imported on first use: the plugin imports no botocore until a client needs it.
    from botocore.awsrequest import AWSResponse

    return AWSResponse


def _describe_event(event_name: str) -> str:
    # before-send.<service id>.<operation>
    parts = event_name.split(".")
    return f"{parts[1]} {parts[2]}" if len(parts) == 3 else ""


def _moto_is_mocking() -> bool:
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


@overload
def mock_tuning_jobs(
    func: None = None,
    *,
    region: str = DEFAULT_REGION,
    account_id: str = DEFAULT_ACCOUNT_ID,
    seed: int | None = None,
) -> TuningJobMock: ...


@overload
def mock_tuning_jobs(
    func: T,
    *,
    region: str = DEFAULT_REGION,
    account_id: str = DEFAULT_ACCOUNT_ID,
    seed: int | None = None,
) -> T: ...


def mock_tuning_jobs(
    func: Any = None,
    *,
    region: str = DEFAULT_REGION,
    account_id: str = DEFAULT_ACCOUNT_ID,
    seed: int | None = None,
) -> Any:
    """Return a fake SageMaker tuning API, for `with` or as a decorator.

        with mock_tuning_jobs(seed=7) as mock:
            job = mock.add_tuning_job(training_jobs=50)
            boto3.client("sagemaker").list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=job.name
            )

    As a decorator, with or without parentheses, on a function or a test
    class: each call runs with the same fake, reset first; inside it,
    `active_mock()` returns that fake.
    """
    mock = TuningJobMock(region=region, account_id=account_id, seed=seed)
    if func is None:
        return mock
    return mock(func)


def active_mock() -> TuningJobMock:
    """Return the innermost active fake; raise `HptUsageError` when none is active."""
    mock = _hook.active_mock()
    if mock is None:
        raise HptUsageError(
            "No fake is active: call this inside `with mock_tuning_jobs():`, a function "
            "decorated with @mock_tuning_jobs(), or a test that uses the hpt_mock fixture."
        )
    return mock
