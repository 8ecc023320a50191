"""pytest plugin: options, the report header, the marker and the fixtures.

This module imports only the standard library and pytest. botocore, boto3,
moto and Faker load when a test first uses a fixture, or when the code under
test imports them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

from . import _hook, environment, seeding
from .errors import HptUsageError

if TYPE_CHECKING:
    from .mock import TuningJobMock
    from .model import FakeTuningJob

MARKER = "hpt_tuning_job"
_SEED_KEY = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("hpt-fixtures", "fake SageMaker tuning jobs (pytest-hpt-fixtures)")
    group.addoption(
        "--hpt-seed",
        dest="hpt_seed",
        default=None,
        help="Seed for the generated tuning jobs, a whole number. Default: the hpt_seed "
        "ini value, else a new random seed each run, shown in the report header.",
    )
    parser.addini("hpt_seed", "Seed for the generated tuning jobs; --hpt-seed overrides it.")
    parser.addini(
        "hpt_region", "Region of the fake and of hpt_sagemaker_client.", default="us-east-1"
    )
    parser.addini(
        "hpt_account_id", "AWS account id of the fake, 12 digits.", default="123456789012"
    )
    parser.addini(
        "hpt_fake_credentials",
        "Set fake AWS credentials and turn off EC2 instance metadata look-ups for the whole "
        "run, from start-up, so that clients created at import time never look for real "
        "credentials. Default: false (only while a fake is active).",
        type="bool",
        default=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(name=None, **kwargs): configure the hpt_tuning_job fixture; takes the "
        "keyword arguments of TuningJobMock.add_tuning_job, such as scenario='in_progress'.",
    )
    # Clients that the code under test creates at import time, during
    # collection, are served too: every botocore session created from now on
    # carries the fake's handlers, which do nothing while no fake is active.
    _hook.install()
    _check_ini_values(config)
    if config.getini("hpt_fake_credentials"):
        saved = environment.apply_fake_environment(str(config.getini("hpt_region")))
        config.add_cleanup(lambda: environment.restore_environment(saved))
    try:
        seed = seeding.session_seed(
            config.getoption("hpt_seed"),
            config.getini("hpt_seed"),
            getattr(config, "workerinput", None),
        )
    except HptUsageError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[_SEED_KEY] = seed


def _check_ini_values(config: pytest.Config) -> None:
    checks = (
        ("hpt_region", environment.REGION_PATTERN, "a region name such as us-east-1"),
        ("hpt_account_id", environment.ACCOUNT_ID_PATTERN, "12 digits such as 123456789012"),
    )
    for key, pattern, expected in checks:
        value = str(config.getini(key))
        if not pattern.fullmatch(value):
            raise pytest.UsageError(f"ini {key}={value!r} is invalid: use {expected}.")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand the controller's seed to a pytest-xdist worker (a hook of pytest-xdist)."""
    node.workerinput[seeding.WORKER_INPUT_KEY] = node.config.stash[_SEED_KEY]


def pytest_report_header(config: pytest.Config) -> str:
    return seeding.report_header(config.stash[_SEED_KEY])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.failed and "hpt_seed" in getattr(item, "fixturenames", ()):
        seed = item.config.stash[_SEED_KEY]
        report.sections.append(("hpt-fixtures", seeding.replay_instructions(seed, item.nodeid)))
    return report


def _usage_error(message: str) -> NoReturn:
    # Called outside the `except` block, so that the report does not chain
    # the plugin's own exception.
    pytest.fail(f"pytest-hpt-fixtures: {message}", pytrace=False)


@pytest.fixture
def hpt_seed(request: pytest.FixtureRequest) -> int:
    """The seed of this test's generated data: the run's seed and the test id, hashed."""
    return seeding.seed_for_test(request.config.stash[_SEED_KEY], request.node.nodeid)


@pytest.fixture
def hpt_mock(request: pytest.FixtureRequest, hpt_seed: int) -> Iterator[TuningJobMock]:
    """The active fake SageMaker tuning API for this test."""
    from .mock import TuningJobMock

    message = ""
    try:
        mock = TuningJobMock(
            region=request.config.getini("hpt_region"),
            account_id=str(request.config.getini("hpt_account_id")),
            seed=hpt_seed,
        )
    except HptUsageError as error:
        message = str(error)
    if message:
        _usage_error(message)
    if request.node.get_closest_marker(MARKER) and "hpt_tuning_job" not in request.fixturenames:
        warnings.warn(
            pytest.PytestWarning(
                f"@pytest.mark.{MARKER} has no effect on {request.node.name}, which does not "
                "use the hpt_tuning_job fixture: add that fixture to the test's arguments."
            ),
            stacklevel=1,
        )
    mock.start()
    try:
        yield mock
    finally:
        mock.stop()
        mock.reset()


@pytest.fixture
def hpt_tuning_job_factory(hpt_mock: TuningJobMock) -> Callable[..., FakeTuningJob]:
    """`add_tuning_job` of this test's fake: call it to seed more tuning jobs."""
    from .factories import checked_add_tuning_job

    def add_tuning_job(*args: Any, **kwargs: Any) -> FakeTuningJob:
        # A mistake fails the test at the test's own line, without the
        # plugin's frames in the traceback.
        __tracebackhide__ = True
        try:
            return checked_add_tuning_job(hpt_mock, args, kwargs, "hpt_tuning_job_factory")
        except HptUsageError as error:
            message = str(error)
        pytest.fail(f"pytest-hpt-fixtures: {message}")

    return add_tuning_job


@pytest.fixture
def hpt_tuning_job(request: pytest.FixtureRequest, hpt_mock: TuningJobMock) -> FakeTuningJob:
    """One seeded tuning job, configured by `@pytest.mark.hpt_tuning_job(**kwargs)`."""
    from .factories import add_tuning_job_from_markers

    markers = [(marker.args, marker.kwargs) for marker in request.node.iter_markers(MARKER)]
    try:
        return add_tuning_job_from_markers(hpt_mock, markers)
    except HptUsageError as error:
        message = str(error)
    _usage_error(message)


@pytest.fixture
def hpt_sagemaker_client(hpt_mock: TuningJobMock) -> Any:
    """A boto3 SageMaker client for the fake's region and account."""
    return hpt_mock.client("sagemaker")


@pytest.fixture
def hpt_faker(hpt_seed: int) -> Any:
    """A Faker instance seeded with `hpt_seed`, with the tuning job provider added."""
    from .factories import fixture_faker

    return fixture_faker(hpt_seed)
