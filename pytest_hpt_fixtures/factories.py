"""Builders of realistic, deterministic tuning jobs.

`make_spec` validates the keyword arguments of `TuningJobMock.add_tuning_job`
(merged over a scenario's defaults) into a `TuningJobSpec`; `build_tuning_job`
turns a spec into a `FakeTuningJob`. Each tuning job owns a random source,
seeded from its seed, and lends it to one shared Faker instance while it
draws. So the same seed gives the same tuning job, whether its training jobs
are generated at once or when first read.

How the data follows SageMaker:
- training jobs launch in waves of `max_parallel_training_jobs`; a wave starts
  after the previous one has finished, and jobs are numbered in creation order;
- hyperparameters are drawn from the declared ranges. The objective value is
  a smooth function of them plus a little noise, so one region of the space is
  best, and with the Bayesian strategy later waves move towards that region;
- the mix of training job statuses follows the tuning job's status: a Completed
  tuning job has mostly Completed training jobs, a Failed one mostly Failed
  ones, and a running one has its last wave still running;
- early stopping ends jobs only after the first wave, because SageMaker stops
  a job when it is unlikely to beat the jobs that finished before it.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from random import Random
from typing import TYPE_CHECKING, Any

from . import service_model
from .definitions import build_definitions
from .errors import HptUsageError
from .model import FakeTuningJob, ObjectiveMetric, TrainingJobRecord, from_epoch, to_epoch
from .providers import (
    ALGORITHM_PARAMETER_RANGES,
    RANGE_KINDS,
    ParsedRange,
    TuningJobProvider,
    metric_bounds,
    objective_status_for,
    sagemaker_arn,
)
from .scenarios import Scenario, get_scenario

if TYPE_CHECKING:
    from .mock import TuningJobMock

DEFAULT_OBJECTIVE_METRIC = "validation:auc"
DEFAULT_TRAINING_JOBS = 20
DEFAULT_STATUS = "Completed"
DEFAULT_STRATEGY = "Bayesian"
SUMMARY_SHAPE = "HyperParameterTrainingJobSummary"

# XGBoost's ranges, used when a tuning job declares none.
DEFAULT_PARAMETER_RANGES: dict[str, list[dict[str, Any]]] = ALGORITHM_PARAMETER_RANGES["xgboost"]

_ACCOUNT_ID = re.compile(r"[0-9]{12}")
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]+")

# Reentrant, so that generating one tuning job's training jobs may read
# another's, such as a warm start child reading its parent's.
_faker_lock = threading.RLock()
_faker: Any = None


def shared_faker() -> Any:
    """Return the process's one Faker instance with the tuning job provider.

    Creating a Faker instance costs tens of milliseconds, so it is made once
    and each tuning job lends it its random source (`drawing_from`). Callers
    hold `faker_lock()` while they draw from it.
    """
    global _faker
    if _faker is None:
        from faker import Faker

        faker = Faker("en_US")
        faker.add_provider(TuningJobProvider)
        _faker = faker
    return _faker


def faker_lock() -> threading.RLock:
    return _faker_lock


@contextmanager
def drawing_from(source: Random) -> Iterator[Any]:
    """Lend `source` to the shared Faker instance and yield the instance.

    Every draw then comes from `source`, so a tuning job that owns its source
    can generate in parts and still get what it would get at once.
    """
    with _faker_lock:
        faker = shared_faker()
        saved = faker.random
        faker.random = source
        try:
            yield faker
        finally:
            faker.random = saved


# --- specs -------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingJobDefinition:
    name: str | None
    parameter_ranges: dict[str, list[dict[str, Any]]]
    objective_metric: str
    objective_type: str


@dataclass(frozen=True)
class TuningJobSpec:
    """The validated arguments of one `add_tuning_job` call."""

    name: str | None
    training_jobs: int | Sequence[Mapping[str, Any]]
    status: str
    objective_metric: str
    objective_type: str
    strategy: str
    parameter_ranges: dict[str, list[dict[str, Any]]]
    max_parallel_training_jobs: int
    definitions: tuple[TrainingJobDefinition, ...]
    named_definitions: bool
    region: str
    account_id: str
    scenario: str | None = None
    # Shares of the finished training jobs, each drawn from (low, high).
    failed_share: tuple[float, float] = (0.03, 0.15)
    early_stopped_share: tuple[float, float] = (0.05, 0.2)
    early_stopping_type: str = "Auto"
    warm_start: bool = False

    @property
    def training_job_count(self) -> int:
        if isinstance(self.training_jobs, int):
            return self.training_jobs
        return len(self.training_jobs)


def make_spec(
    *,
    name: str | None = None,
    training_jobs: int | Sequence[Mapping[str, Any]] | None = None,
    status: str | None = None,
    objective_metric: str | None = None,
    objective_type: str | None = None,
    strategy: str | None = None,
    parameter_ranges: Mapping[str, Any] | None = None,
    max_parallel_training_jobs: int | None = None,
    training_job_definitions: int | Sequence[Any] | None = None,
    region: str,
    account_id: str,
    scenario: str | None = None,
) -> TuningJobSpec:
    """Validate the arguments of `add_tuning_job`, raising `HptUsageError` that names the bad one.

    A keyword left as None takes the scenario's default, if the scenario sets
    one, and otherwise the built-in default.
    """
    chosen = get_scenario(scenario) if scenario is not None else None
    defaults: Mapping[str, Any] = chosen.defaults if chosen is not None else {}

    def pick(keyword: str, value: Any, fallback: Any) -> Any:
        if value is not None:
            return value
        return defaults.get(keyword, fallback)

    training_jobs = pick("training_jobs", training_jobs, DEFAULT_TRAINING_JOBS)
    status = pick("status", status, DEFAULT_STATUS)
    objective_metric = pick("objective_metric", objective_metric, DEFAULT_OBJECTIVE_METRIC)
    strategy = pick("strategy", strategy, DEFAULT_STRATEGY)
    max_parallel_training_jobs = pick(
        "max_parallel_training_jobs", max_parallel_training_jobs, None
    )
    training_job_definitions = pick("training_job_definitions", training_job_definitions, None)

    if name is not None:
        _check_name("name", name, "HyperParameterTuningJobName")
    _check_training_jobs(training_jobs)
    _check_enum("status", status, "HyperParameterTuningJobStatus")
    _check_enum("strategy", strategy, "HyperParameterTuningJobStrategyType")
    if not isinstance(objective_metric, str) or not objective_metric or len(objective_metric) > 255:
        raise HptUsageError(
            f"objective_metric={objective_metric!r} is invalid: pass a metric name of "
            "1 to 255 characters, such as 'validation:auc'."
        )
    if objective_type is None:
        objective_type = metric_direction(objective_metric)
    _check_enum("objective_type", objective_type, "HyperParameterTuningJobObjectiveType")
    if not isinstance(region, str) or not _REGION.fullmatch(region):
        raise HptUsageError(
            f"region={region!r} is invalid: pass a region name such as 'us-east-1'."
        )
    if not isinstance(account_id, str) or not _ACCOUNT_ID.fullmatch(account_id):
        raise HptUsageError(
            f"account_id={account_id!r} is invalid: pass 12 digits as a string, "
            "such as '123456789012'."
        )

    ranges = check_parameter_ranges(
        "parameter_ranges",
        DEFAULT_PARAMETER_RANGES if parameter_ranges is None else parameter_ranges,
    )
    count = training_jobs if isinstance(training_jobs, int) else len(training_jobs)
    parallel = _parallel_limit(max_parallel_training_jobs, count)
    definitions = _definitions(
        training_job_definitions,
        ranges,
        ranges_given=parameter_ranges is not None,
        objective_metric=objective_metric,
        objective_type=objective_type,
    )
    early_stopping_type = _early_stopping_type(strategy)
    return TuningJobSpec(
        name=name,
        training_jobs=training_jobs,
        status=status,
        objective_metric=objective_metric,
        objective_type=objective_type,
        strategy=strategy,
        parameter_ranges=ranges,
        max_parallel_training_jobs=parallel,
        definitions=definitions,
        named_definitions=training_job_definitions is not None,
        region=region,
        account_id=account_id,
        scenario=chosen.name if chosen is not None else None,
        failed_share=_failed_share(status, chosen),
        early_stopped_share=_early_stopped_share(strategy, early_stopping_type, chosen),
        early_stopping_type=early_stopping_type,
        warm_start=chosen.warm_start if chosen is not None else False,
    )


def _early_stopping_type(strategy: str) -> str:
    # API reference: Hyperband has its own early stopping, so
    # TrainingJobEarlyStoppingType must be Off with it.
    # NOTE: the fake also keeps Grid search at Off, because whether SageMaker
    # can early-stop Grid search is not verified.
    return "Off" if strategy in ("Hyperband", "Grid") else "Auto"


def _failed_share(status: str, scenario: Scenario | None) -> tuple[float, float]:
    if scenario is not None and scenario.failed_share is not None:
        return scenario.failed_share
    return (0.6, 0.9) if status == "Failed" else (0.03, 0.15)


def _early_stopped_share(
    strategy: str, early_stopping_type: str, scenario: Scenario | None
) -> tuple[float, float]:
    if strategy == "Hyperband":
        # Hyperband stops the weaker jobs of each bracket itself.
        return (0.2, 0.4)
    if early_stopping_type == "Off":
        return (0.0, 0.0)
    if scenario is not None and scenario.early_stopped_share is not None:
        return scenario.early_stopped_share
    return (0.05, 0.2)


def _suggestion(value: Any, choices: Sequence[str]) -> str:
    """Return " Did you mean 'X'?" for a choice close to `value`, or an empty string."""
    if not isinstance(value, str) or not value:
        return ""
    lowered = value.lower()
    matches = [choice for choice in choices if choice.lower() == lowered]
    matches = matches or [choice for choice in choices if choice.lower().startswith(lowered)]
    matches = matches or difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" Did you mean {matches[0]!r}?" if len(matches) >= 1 else ""


def _check_name(argument: str, value: Any, shape_name: str) -> None:
    metadata = service_model.shape(shape_name).metadata
    pattern = metadata["pattern"]
    if (
        not isinstance(value, str)
        or not metadata["min"] <= len(value) <= metadata["max"]
        or not re.fullmatch(pattern, value)
    ):
        raise HptUsageError(
            f"{argument}={value!r} is not a valid {shape_name}: use {metadata['min']} to "
            f"{metadata['max']} letters, digits and single hyphens (pattern {pattern})."
        )


def _check_enum(argument: str, value: Any, shape_name: str) -> None:
    allowed = service_model.enum_values(shape_name)
    if value not in allowed:
        raise HptUsageError(
            f"{argument}={value!r} is invalid.{_suggestion(value, allowed)} "
            f"Use one of {', '.join(allowed)}."
        )


def _check_training_jobs(training_jobs: Any) -> None:
    if isinstance(training_jobs, bool):
        pass
    elif isinstance(training_jobs, int):
        if training_jobs >= 0:
            return
    elif isinstance(training_jobs, Sequence) and not isinstance(training_jobs, (str, bytes)):
        for index, item in enumerate(training_jobs):
            if not isinstance(item, Mapping):
                raise HptUsageError(
                    f"training_jobs[{index}] is a {type(item).__name__}: pass a dict of "
                    "summary fields, such as {'TrainingJobStatus': 'Failed'}."
                )
        return
    raise HptUsageError(
        f"training_jobs={training_jobs!r} is invalid: pass a count of 0 or more, or a list "
        "of dicts with summary fields to set."
    )


def _parallel_limit(value: Any, count: int) -> int:
    if value is None:
        # The SageMaker SDK's HyperparameterTuner defaults to 1; 10 or the job
        # count, whichever is smaller, gives waves that tests can see.
        return max(1, min(10, count))
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise HptUsageError(
            f"max_parallel_training_jobs={value!r} is invalid: pass an integer of 1 or more."
        )
    return value


def check_parameter_ranges(argument: str, ranges: Any) -> dict[str, list[dict[str, Any]]]:
    """Validate parameter ranges given in SageMaker's `ParameterRanges` form."""
    if not isinstance(ranges, Mapping):
        raise HptUsageError(
            f"{argument} must be a dict in SageMaker's ParameterRanges form, such as "
            "{'IntegerParameterRanges': [{'Name': 'max_depth', 'MinValue': '3', "
            "'MaxValue': '10'}]}."
        )
    unknown = sorted(set(ranges) - set(RANGE_KINDS))
    if unknown:
        raise HptUsageError(f"{argument} has unknown keys {unknown}: use {', '.join(RANGE_KINDS)}.")
    limits = service_model.shape("ParameterRanges").members
    checked: dict[str, list[dict[str, Any]]] = {}
    names: set[str] = set()
    for key, kind in RANGE_KINDS.items():
        items = ranges.get(key, [])
        if not isinstance(items, Sequence) or isinstance(items, (str, bytes)):
            raise HptUsageError(f"{argument}[{key!r}] must be a list of ranges.")
        maximum = limits[key].metadata["max"]
        if len(items) > maximum:
            raise HptUsageError(
                f"{argument}[{key!r}] declares {len(items)} ranges: SageMaker allows at "
                f"most {maximum}."
            )
        checked[key] = []
        for index, item in enumerate(items):
            where = f"{argument}[{key!r}][{index}]"
            checked[key].append(_check_range(where, kind, item))
            if item["Name"] in names:
                raise HptUsageError(f"{where}: hyperparameter {item['Name']!r} is declared twice.")
            names.add(item["Name"])
    if not names:
        raise HptUsageError(f"{argument} declares no hyperparameter: declare at least one range.")
    return checked


_RANGE_KEYS = {
    "Integer": ("Name", "MinValue", "MaxValue", "ScalingType"),
    "Continuous": ("Name", "MinValue", "MaxValue", "ScalingType"),
    "Categorical": ("Name", "Values"),
}


def _check_range(where: str, kind: str, item: Any) -> dict[str, Any]:
    if not isinstance(item, Mapping) or not isinstance(item.get("Name"), str) or not item["Name"]:
        raise HptUsageError(f"{where} needs a 'Name' string.")

    unknown = sorted(set(item) - set(_RANGE_KEYS[kind]))
    if unknown:
        raise HptUsageError(
            f"{where} has unknown keys {unknown}: a {kind.lower()} range takes "
            f"{', '.join(_RANGE_KEYS[kind])}."
        )
    if len(item["Name"]) > 256:
        raise HptUsageError(f"{where}: 'Name' has {len(item['Name'])} characters, at most 256.")
    if kind == "Categorical":
        values = item.get("Values")
        if (
            not isinstance(values, Sequence)
            or isinstance(values, str)
            or not 1 <= len(values) <= 30
            or any(len(str(value)) > 256 for value in values)
        ):
            raise HptUsageError(
                f"{where}: 'Values' must be a list of 1 to 30 strings of at most 256 characters."
            )
        return {"Name": item["Name"], "Values": [str(value) for value in values]}

    try:
        low = float(item["MinValue"])
        high = float(item["MaxValue"])
    except (KeyError, TypeError, ValueError):
        raise HptUsageError(
            f"{where} needs numeric 'MinValue' and 'MaxValue', such as '0.01' and '0.5'."
        ) from None
    if not (math.isfinite(low) and math.isfinite(high)) or low > high:
        raise HptUsageError(
            f"{where}: MinValue {low} must be finite and not above MaxValue {high}."
        )

    scaling = item.get("ScalingType", "Auto")
    _check_enum(f"{where}['ScalingType']", scaling, "HyperParameterScalingType")
    if scaling == "Logarithmic" and low <= 0:
        raise HptUsageError(f"{where}: Logarithmic scaling needs MinValue above 0, not {low}.")
    if scaling == "ReverseLogarithmic":
        if kind == "Integer":
            raise HptUsageError(
                f"{where}: ReverseLogarithmic scaling applies only to continuous ranges. "
                "Use Auto, Linear or Logarithmic for an integer range."
            )
        if low < 0 or high >= 1:
            raise HptUsageError(
                f"{where}: ReverseLogarithmic scaling needs values in [0, 1), not [{low}, {high}]."
            )
    if kind == "Integer" and (low != int(low) or high != int(high)):
        raise HptUsageError(f"{where}: an integer range needs whole MinValue and MaxValue.")
    return {
        "Name": item["Name"],
        "MinValue": str(item["MinValue"]),
        "MaxValue": str(item["MaxValue"]),
        "ScalingType": scaling,
    }


_DEFINITION_KEYS = ("DefinitionName", "HyperParameterRanges", "TuningObjective")


def _definitions(
    value: Any,
    ranges: dict[str, list[dict[str, Any]]],
    *,
    ranges_given: bool,
    objective_metric: str,
    objective_type: str,
) -> tuple[TrainingJobDefinition, ...]:
    """Validate `training_job_definitions`: a count, or a list of names or dicts.

    A definition named after an algorithm of ALGORITHM_PARAMETER_RANGES gets
    that algorithm's ranges, unless it declares its own or the tuning job
    was given `parameter_ranges`.
    """
    if value is None:
        return (TrainingJobDefinition(None, ranges, objective_metric, objective_type),)
    maximum = service_model.shape("HyperParameterTrainingJobDefinitions").metadata["max"]
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= maximum:
            raise HptUsageError(
                f"training_job_definitions={value} is invalid: SageMaker allows 1 to "
                f"{maximum} definitions."
            )
        value = list(ALGORITHM_PARAMETER_RANGES)[:value]
    if (
        isinstance(value, (str, bytes))
        or not isinstance(value, Sequence)
        or not 1 <= len(value) <= maximum
    ):
        raise HptUsageError(
            f"training_job_definitions={value!r} is invalid: pass a count, or a list of 1 to "
            f"{maximum} definitions, each a name or a dict with 'DefinitionName'."
        )
    definitions = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        where = f"training_job_definitions[{index}]"
        entry: Any = {"DefinitionName": item} if isinstance(item, str) else item
        if not isinstance(entry, Mapping) or "DefinitionName" not in entry:
            raise HptUsageError(f"{where} needs a 'DefinitionName'.")
        unknown = sorted(set(entry) - set(_DEFINITION_KEYS))
        if unknown:
            raise HptUsageError(
                f"{where} has unknown keys {unknown}: use {', '.join(_DEFINITION_KEYS)}."
            )
        name = entry["DefinitionName"]
        _check_name(f"{where}['DefinitionName']", name, "HyperParameterTrainingJobDefinitionName")
        if name.lower() in seen:
            raise HptUsageError(f"{where}: DefinitionName {name!r} is used twice.")
        seen.add(name.lower())

        own_ranges = entry.get("HyperParameterRanges")
        if own_ranges is not None:
            definition_ranges = check_parameter_ranges(
                f"{where}['HyperParameterRanges']", own_ranges
            )
        elif not ranges_given and name in ALGORITHM_PARAMETER_RANGES:
            definition_ranges = check_parameter_ranges(
                f"{where}['HyperParameterRanges']", ALGORITHM_PARAMETER_RANGES[name]
            )
        else:
            definition_ranges = ranges

        objective = entry.get("TuningObjective") or {}
        if not isinstance(objective, Mapping) or set(objective) - {"Type", "MetricName"}:
            raise HptUsageError(
                f"{where}['TuningObjective'] must be a dict with 'Type' and 'MetricName'."
            )
        metric = objective.get("MetricName", objective_metric)
        if not isinstance(metric, str) or not 1 <= len(metric) <= 255:
            raise HptUsageError(
                f"{where}['TuningObjective']['MetricName']={metric!r} is invalid: pass a "
                "metric name of 1 to 255 characters."
            )
        direction = objective.get("Type", objective_type)
        _check_enum(
            f"{where}['TuningObjective']['Type']", direction, "HyperParameterTuningJobObjectiveType"
        )
        definitions.append(TrainingJobDefinition(name, definition_ranges, metric, direction))
    return tuple(definitions)


def metric_direction(metric_name: str) -> str:
    """Return `Maximize` or `Minimize`: the direction in which a metric improves."""
    return metric_bounds(metric_name)[0]


# --- generation --------------------------------------------------------------


@dataclass
class ObjectiveSurface:
    """Where each hyperparameter of one definition is best, and how much it matters.

    `ceiling` is the best quality the definition's algorithm can reach, so
    that algorithms of a multi-definition tuning job differ.
    """

    optimum: dict[str, float]
    weight: dict[str, float]
    ceiling: float

    @classmethod
    def draw(cls, random: Any, definition: TrainingJobDefinition) -> ObjectiveSurface:
        optimum: dict[str, float] = {}
        weight: dict[str, float] = {}
        for key in RANGE_KINDS:
            for item in definition.parameter_ranges.get(key, []):
                optimum[item["Name"]] = random.uniform(0.15, 0.85)
                weight[item["Name"]] = random.uniform(0.2, 1.0)
        return cls(optimum, weight, random.uniform(0.75, 1.0))

    def quality(self, positions: Mapping[str, float]) -> float:
        """Return the quality in [0, 1] of hyperparameters at `positions` in their ranges."""
        total = sum(self.weight.values())
        score = 0.0
        for name, weight in self.weight.items():
            distance = positions.get(name, 0.5) - self.optimum[name]
            score += weight * max(0.0, 1.0 - 2.5 * distance * distance)
        return self.ceiling * (score / total if total else 0.5)


# Standard deviation of the noise added to a training job's quality.
OBJECTIVE_NOISE = 0.03

# The status that the last wave of training jobs has while the tuning job is
# running or was stopped. "UserStopped" is a Stopped job that the user's stop
# ended, so it has no metric, unlike a job that early stopping ended.
_LAST_WAVE_STATUS = {"InProgress": "InProgress", "Stopping": "Stopping", "Stopped": "UserStopped"}


def build_tuning_job(
    spec: TuningJobSpec,
    *,
    seed: int,
    name: str | None = None,
    creation_time: datetime | None = None,
) -> FakeTuningJob:
    """Generate the tuning job that `spec` describes, fixed entirely by `seed`.

    `creation_time` places the tuning job at a given moment instead of a
    generated one. For a warm start, the returned tuning job's
    `parent_tuning_jobs` contains its generated parent, which the caller
    registers as well.
    """
    with drawing_from(Random(seed)) as faker:
        return _build(spec, faker, name or spec.name, creation_time)


def _build(
    spec: TuningJobSpec, faker: Any, name: str | None, creation_time: datetime | None
) -> FakeTuningJob:
    random = faker.random
    surfaces = [ObjectiveSurface.draw(random, definition) for definition in spec.definitions]
    creation = creation_time or faker.tuning_job_creation_time()
    if not spec.warm_start:
        return _Builder(spec, faker, name, creation, surfaces).build(defer=True)

    # The parent ran the same search on the same data, so it shares the
    # objective surface. The child is created after the parent finished.
    parent_spec = replace(
        spec,
        name=None,
        training_jobs=spec.training_job_count,
        status="Completed",
        scenario=None,
        failed_share=_failed_share("Completed", None),
        early_stopped_share=_early_stopped_share(spec.strategy, spec.early_stopping_type, None),
        warm_start=False,
    )
    base = faker.job_base_name()
    parent_name = faker.tuning_job_name(base, creation)
    parent = _Builder(parent_spec, faker, parent_name, creation, surfaces).build()
    parent_end = max(
        (record.end_time or record.creation_time for record in parent.records),
        default=creation.timestamp(),
    )
    child_creation = from_epoch(math.floor(parent_end + random.uniform(600, 2 * 24 * 3600)))
    name = name or faker.tuning_job_name(base, child_creation)
    builder = _Builder(spec, faker, name, child_creation, surfaces, exploit_floor=0.5)
    # NOTE: listing a warm start tuning job returns its parent's training jobs
    # too, each with the parent's TuningJobName. That AWS lists them so is
    # inferred from the TuningJobName member and the documented overall best
    # training job, not verified against AWS.
    child = builder.build(inherited=parent.records)
    if child.name.lower() == parent.name.lower():
        raise HptUsageError(
            f"name={child.name!r} is the name generated for the warm start parent. Pass "
            "another name."
        )
    child.warm_start_config = {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": parent.name}],
        "WarmStartType": "IdenticalDataAndAlgorithm",
    }
    child.parent_tuning_jobs = [parent]
    return child


def build_more_training_jobs(
    job: FakeTuningJob,
    spec: TuningJobSpec,
    *,
    job_seed: int,
    seed: int,
    training_jobs: int | Sequence[Mapping[str, Any]],
) -> list[TrainingJobRecord]:
    """Generate training jobs that continue `job`, launched after its last one.

    `spec` and `job_seed` must be those that built `job`: the builder replays
    them to recover the tuning job's objective surface, then draws the new
    training jobs from `seed`. Raises `HptUsageError` for invalid
    `training_jobs` and for a name that `job` already has.
    """
    _check_training_jobs(training_jobs)
    existing = list(job.records)
    source = Random(job_seed)
    with drawing_from(source) as faker:
        surfaces = [ObjectiveSurface.draw(source, d) for d in spec.definitions]
        builder = _Builder(spec, faker, job.name, job.creation_time, surfaces)
        source.seed(seed)
        return builder.more_records(training_jobs, existing)


class _Builder:
    def __init__(
        self,
        spec: TuningJobSpec,
        faker: Any,
        name: str | None,
        creation: datetime,
        surfaces: list[ObjectiveSurface],
        exploit_floor: float = 0.0,
    ) -> None:
        self.spec = spec
        self.faker = faker
        self.random = faker.random
        self.creation = creation
        self.name = name or faker.tuning_job_name(creation_time=creation)
        self.surfaces = surfaces
        self.exploit_floor = exploit_floor
        # Each definition's ranges, parsed once, by the definition's id.
        self._ranges: dict[int, list[ParsedRange]] = {}
        # The provider's methods, looked up once: Faker finds them on each
        # access. They draw from whatever source the instance has been lent.
        self._training_job_name = faker.training_job_name
        self._training_job_times = faker.training_job_times
        self._failure_reason = faker.failure_reason
        self._objective_metric_value = faker.objective_metric_value

    def build(
        self, inherited: Sequence[TrainingJobRecord] = (), *, defer: bool = False
    ) -> FakeTuningJob:
        """Return the tuning job with its training jobs after the `inherited` ones.

        With `defer`, generated training jobs are made when first read, unless
        some are inherited or given as dicts.
        """
        spec = self.spec
        job = FakeTuningJob(
            name=self.name,
            arn=sagemaker_arn(
                "hyper-parameter-tuning-job", self.name, spec.region, spec.account_id
            ),
            region=spec.region,
            account_id=spec.account_id,
            status=spec.status,
            objective_metric=spec.objective_metric,
            objective_type=spec.objective_type,
            strategy=spec.strategy,
            parameter_ranges={} if spec.named_definitions else spec.parameter_ranges,
            max_parallel_training_jobs=spec.max_parallel_training_jobs,
            training_job_definitions=build_definitions(
                spec.definitions,
                named=spec.named_definitions,
                tuning_job_name=self.name,
                region=spec.region,
                account_id=spec.account_id,
            ),
            creation_time=self.creation,
            training_job_early_stopping_type=spec.early_stopping_type,
        )
        count, overrides = _count_and_overrides(spec.training_jobs)
        if defer and count and not inherited and not overrides:
            job.defer_records(_PendingGeneration(self, count))
            return job
        job.add_records([*inherited, *self.records()])
        self.finish(job)
        return job

    def finish(self, job: FakeTuningJob) -> None:
        """Set what follows from the training jobs: end time and failure reason."""
        records = job.records
        if job.status not in ("InProgress", "Stopping"):
            latest = max(
                [job.creation_time.timestamp()] + [record.latest_time for record in records]
            )
            job.end_time = from_epoch(round(latest + self.random.uniform(20, 180), 3))
        if job.status == "Failed":
            failed = sum(1 for record in records if record.status == "Failed")
            job.failure_reason = (
                f"The tuning job failed because {failed} of its {len(records)} training jobs "
                "failed. See the FailureReason of each training job."
            )

    def records(self) -> list[TrainingJobRecord]:
        count, overrides = _count_and_overrides(self.spec.training_jobs)
        return list(self.launch(count, overrides))

    def launch(
        self, count: int, overrides: Sequence[Mapping[str, Any]]
    ) -> Iterator[TrainingJobRecord]:
        """Draw the statuses and first launch time, then yield the training jobs."""
        statuses = self._statuses(count)
        wave_start = self.creation.timestamp() + self.random.randint(20, 90)
        return self._launch(count, overrides, statuses, wave_start, existing=[])

    def more_records(
        self,
        training_jobs: int | Sequence[Mapping[str, Any]],
        existing: list[TrainingJobRecord],
    ) -> list[TrainingJobRecord]:
        """Generate training jobs that launch after the `existing` ones end."""
        count, overrides = _count_and_overrides(training_jobs)
        statuses = self._statuses(count)
        latest = max(
            (record.latest_time for record in existing),
            default=self.creation.timestamp(),
        )
        wave_start = latest + self.random.randint(5, 60)
        return list(self._launch(count, overrides, statuses, wave_start, existing=existing))

    def _launch(
        self,
        count: int,
        overrides: Sequence[Mapping[str, Any]],
        statuses: list[str],
        wave_start: float,
        *,
        existing: list[TrainingJobRecord],
    ) -> Iterator[TrainingJobRecord]:
        """Generate `count` training jobs in waves, numbered after the `existing` ones."""
        spec = self.spec
        parallel = spec.max_parallel_training_jobs
        names = {record.name.lower() for record in existing}
        # Later waves count from the waves of the existing training jobs, so
        # that Bayesian search keeps moving towards the best region.
        waves_before = math.ceil(len(existing) / parallel)
        waves = max(1, math.ceil(count / parallel))
        for wave in range(waves):
            created = wave_start
            wave_end = wave_start
            progress = (waves_before + wave) / (waves_before + waves)
            for index in range(wave * parallel, min(count, (wave + 1) * parallel)):
                created += self.random.uniform(0.2, 2.0)
                item = overrides[index] if index < len(overrides) else {}
                status = item.get("TrainingJobStatus", statuses[index])
                number = len(existing) + index + 1
                record = self._record(number, progress, created, status)
                if item:
                    record = apply_overrides(record, item, index, spec)
                if record.name.lower() in names:
                    raise HptUsageError(
                        f"training_jobs[{index}]: TrainingJobName {record.name!r} is used twice "
                        "in this tuning job; names must be unique, ignoring case."
                    )
                names.add(record.name.lower())
                wave_end = max(wave_end, record.latest_time)
                yield record
            wave_start = wave_end + self.random.uniform(5, 60)

    def _statuses(self, count: int) -> list[str]:
        """Return the status of each training job, in creation order."""
        last_wave_status = _LAST_WAVE_STATUS.get(self.spec.status)
        finished = count
        if last_wave_status is not None and count:
            parallel = self.spec.max_parallel_training_jobs
            finished = (count - 1) // parallel * parallel
        return self._finished_statuses(finished) + [last_wave_status or ""] * (count - finished)

    def _finished_statuses(self, count: int) -> list[str]:
        """Return a mix of Completed, Failed and Stopped for `count` finished jobs.

        Completed jobs are a strict majority unless the tuning job Failed, in
        which case Failed jobs are.
        """
        if count == 0:
            return []
        spec = self.spec
        failed = round(self.random.uniform(*spec.failed_share) * count)
        stopped = round(self.random.uniform(*spec.early_stopped_share) * count)
        # Early stopping compares a job with jobs that finished before it, so
        # it never ends a job of the first wave.
        eligible = list(range(min(spec.max_parallel_training_jobs, count), count))
        stopped = min(stopped, len(eligible))
        majority = count // 2 + 1
        if spec.status == "Failed":
            failed = max(failed, majority)
            stopped = min(stopped, count - failed)
        else:
            failed = min(failed, count - majority)
            stopped = min(stopped, count - majority - failed)

        statuses = ["Completed"] * count
        stopped_positions = set(self.random.sample(eligible, stopped))
        for index in stopped_positions:
            statuses[index] = "Stopped"
        others = [index for index in range(count) if index not in stopped_positions]
        for index in self.random.sample(others, failed):
            statuses[index] = "Failed"
        return statuses

    def _record(
        self, number: int, progress: float, created: float, label: str
    ) -> TrainingJobRecord:
        spec = self.spec
        definition_index = (number - 1) % len(spec.definitions)
        definition = spec.definitions[definition_index]
        surface = self.surfaces[definition_index]
        name = self._training_job_name(self.name, number)
        status = "Stopped" if label == "UserStopped" else label

        positions, hyperparameters = self._hyperparameters(definition, surface, progress)
        creation, start, end = self._training_job_times(status, from_epoch(created))
        quality = surface.quality(positions) + self.random.gauss(0, OBJECTIVE_NOISE)
        failure_reason = None
        objective = None
        objective_status = objective_status_for(status)
        if status == "Completed":
            objective = self._objective(definition, quality)
        elif status == "Failed":
            failure_reason = self._failure_reason()
        elif label == "UserStopped":
            # Stopped with the tuning job before it reported its metric.
            objective_status = "Failed"
        elif status == "Stopped":
            # Early stopping ends jobs that trail the best so far; they keep
            # the metric they reached.
            objective = self._objective(definition, quality - self.random.uniform(0.1, 0.3))

        return TrainingJobRecord(
            name=name,
            arn=sagemaker_arn("training-job", name, spec.region, spec.account_id),
            tuning_job_name=self.name,
            creation_time=to_epoch(creation),
            start_time=None if start is None else to_epoch(start),
            end_time=None if end is None else to_epoch(end),
            status=status,
            hyperparameters=hyperparameters,
            definition_name=definition.name if spec.named_definitions else None,
            failure_reason=failure_reason,
            objective=objective,
            objective_status=objective_status,
        )

    def _hyperparameters(
        self, definition: TrainingJobDefinition, surface: ObjectiveSurface, progress: float
    ) -> tuple[dict[str, float], dict[str, str]]:
        # Bayesian search samples closer to the best region as it learns, and
        # a warm start begins from what its parent learned. The other
        # strategies sample the space evenly.
        exploit = 0.0
        if self.spec.strategy == "Bayesian":
            exploit = max(self.exploit_floor, progress * 0.8)
        positions: dict[str, float] = {}
        values: dict[str, str] = {}
        random = self.random
        for parsed in self._parsed_ranges(definition):
            name = parsed.name
            if random.random() < exploit:
                position = random.gauss(surface.optimum[name], 0.1)
            else:
                position = random.random()
            position = min(0.999999, max(0.0, position))
            value = parsed.value_at(position)
            values[name] = value
            positions[name] = parsed.position_of(value)
        return positions, values

    def _parsed_ranges(self, definition: TrainingJobDefinition) -> list[ParsedRange]:
        parsed = self._ranges.get(id(definition))
        if parsed is None:
            parsed = [
                ParsedRange(item, kind)
                for key, kind in RANGE_KINDS.items()
                for item in definition.parameter_ranges.get(key, [])
            ]
            self._ranges[id(definition)] = parsed
        return parsed

    def _objective(self, definition: TrainingJobDefinition, quality: float) -> ObjectiveMetric:
        value = self._objective_metric_value(
            definition.objective_metric, quality, definition.objective_type
        )
        return ObjectiveMetric(definition.objective_metric, float(value), definition.objective_type)


class _PendingGeneration:
    """The generated training jobs of one tuning job, made when first read.

    They draw from the builder's random source, which the tuning job owns,
    so training jobs made in parts equal those made at once.
    """

    def __init__(self, builder: _Builder, count: int) -> None:
        self._builder = builder
        self._count = count
        self._remaining = count
        self._records = builder.launch(count, ())

    @property
    def remaining(self) -> int:
        return self._remaining

    @property
    def in_name_order(self) -> bool:
        # Names carry the training job's number in three digits up to 999,
        # after the same prefix, so they sort as the numbers do.
        return self._count <= 999

    def take(self, count: int) -> list[TrainingJobRecord]:
        with drawing_from(self._builder.random):
            records = list(itertools.islice(self._records, count))
            if len(records) >= self._remaining:
                # Run the generation to its end: the launch of the wave
                # after the last one is drawn too, as when made at once.
                records.extend(self._records)
        self._remaining -= len(records)
        return records

    def finish(self, job: FakeTuningJob) -> None:
        with drawing_from(self._builder.random):
            self._builder.finish(job)


def _count_and_overrides(
    training_jobs: int | Sequence[Mapping[str, Any]],
) -> tuple[int, Sequence[Mapping[str, Any]]]:
    if isinstance(training_jobs, int):
        return training_jobs, ()
    return len(training_jobs), training_jobs


# --- explicit summaries and overrides ------------------------------------------


def apply_overrides(
    record: TrainingJobRecord, overrides: Mapping[str, Any], index: int, spec: TuningJobSpec
) -> TrainingJobRecord:
    """Merge user-given summary fields into a generated record and validate the result.

    A field set to None is removed. A new TrainingJobName also renames the ARN
    unless TrainingJobArn is given too.
    """
    members = service_model.shape(SUMMARY_SHAPE).members
    unknown = sorted(set(overrides) - set(members))
    if unknown:
        hints = "".join(_suggestion(field, list(members)) for field in unknown[:1])
        raise HptUsageError(
            f"training_jobs[{index}] has unknown fields {unknown}.{hints} Use the members of "
            f"{SUMMARY_SHAPE}: {', '.join(members)}."
        )
    summary = record.summary()
    if "TrainingJobName" in overrides and "TrainingJobArn" not in overrides:
        name = overrides["TrainingJobName"]
        if isinstance(name, str):
            summary["TrainingJobArn"] = sagemaker_arn(
                "training-job", name, spec.region, spec.account_id
            )
    for key, value in overrides.items():
        if value is None:
            summary.pop(key, None)
        else:
            summary[key] = value
    return record_from_summary(summary, f"training_jobs[{index}]")


def record_from_summary(summary: Mapping[str, Any], where: str) -> TrainingJobRecord:
    """Turn a summary dict into a record, or raise `HptUsageError` naming each bad field."""
    problems = service_model.shape_problems(SUMMARY_SHAPE, dict(summary), path=where)
    if problems:
        raise HptUsageError(f"{where} is not a valid {SUMMARY_SHAPE}:\n  " + "\n  ".join(problems))
    metric = summary.get("FinalHyperParameterTuningJobObjectiveMetric")
    objective = None
    if metric is not None:
        objective = ObjectiveMetric(
            metric["MetricName"], float(metric["Value"]), metric.get("Type")
        )
    return TrainingJobRecord(
        name=summary["TrainingJobName"],
        arn=summary["TrainingJobArn"],
        tuning_job_name=summary.get("TuningJobName"),
        creation_time=to_epoch(summary["CreationTime"]),
        start_time=_optional_epoch(summary.get("TrainingStartTime")),
        end_time=_optional_epoch(summary.get("TrainingEndTime")),
        status=summary["TrainingJobStatus"],
        hyperparameters=summary["TunedHyperParameters"],
        definition_name=summary.get("TrainingJobDefinitionName"),
        failure_reason=summary.get("FailureReason"),
        objective=objective,
        objective_status=summary.get("ObjectiveStatus"),
    )


def _optional_epoch(value: datetime | None) -> float | None:
    return None if value is None else to_epoch(value)


# --- pytest helpers ------------------------------------------------------------

_fixture_faker: Any = None


def fixture_faker(seed: int) -> Any:
    """Return the Faker instance of the `hpt_faker` fixture, reseeded with `seed`.

    One instance serves every test, apart from the one the builders use, so
    that a test drawing from it does not change its generated tuning jobs.
    Reseeding also clears the values that `faker.unique` returned before, so
    that no test depends on the tests that ran before it.
    """
    global _fixture_faker
    if _fixture_faker is None:
        from faker import Faker

        faker = Faker("en_US")
        faker.add_provider(TuningJobProvider)
        _fixture_faker = faker
    _fixture_faker.seed_instance(seed)
    _fixture_faker.unique.clear()
    return _fixture_faker


def add_tuning_job_keywords() -> tuple[str, ...]:
    """Return the keyword arguments of `TuningJobMock.add_tuning_job`, in order."""
    import inspect

    from .mock import TuningJobMock

    parameters = inspect.signature(TuningJobMock.add_tuning_job).parameters
    return tuple(name for name in parameters if name != "self")


def check_add_tuning_job_arguments(
    args: tuple[Any, ...], kwargs: Mapping[str, Any], caller: str
) -> None:
    """Raise `HptUsageError` for arguments that `add_tuning_job` does not take.

    `caller` names what the test author wrote, such as
    `@pytest.mark.hpt_tuning_job`, in the message.
    """
    valid = add_tuning_job_keywords()
    if len(args) > 1:
        raise HptUsageError(
            f"{caller} takes at most one positional argument, the tuning job name, but got "
            f"{len(args)}: {args!r}. Pass the rest as keywords: {', '.join(valid)}."
        )
    unknown = [keyword for keyword in kwargs if keyword not in valid]
    if unknown:
        hint = _suggestion(unknown[0], valid)
        noun = "keyword" if len(unknown) == 1 else "keywords"
        raise HptUsageError(
            f"{caller} got unknown {noun} {', '.join(unknown)}.{hint} "
            f"Valid keywords: {', '.join(valid)}."
        )
    if args and "name" in kwargs:
        raise HptUsageError(
            f"{caller} got the name both as a positional argument and as name=... Pass it once."
        )


def marker_arguments(
    markers: Sequence[tuple[tuple[Any, ...], Mapping[str, Any]]],
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Merge `hpt_tuning_job` markers, closest first, into add_tuning_job arguments.

    A keyword on a test overrides the same keyword on its class or module.
    """
    caller = "@pytest.mark.hpt_tuning_job"
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = {}
    for marker_args, marker_kwargs in reversed(markers):
        check_add_tuning_job_arguments(marker_args, marker_kwargs, caller)
        if marker_args:
            args = marker_args
            kwargs.pop("name", None)
        elif "name" in marker_kwargs:
            args = ()
        kwargs.update(marker_kwargs)
    check_add_tuning_job_arguments(args, kwargs, caller)
    return args, kwargs


def checked_add_tuning_job(
    mock: TuningJobMock, args: tuple[Any, ...], kwargs: Mapping[str, Any], caller: str
) -> FakeTuningJob:
    """Call `mock.add_tuning_job` after checking that it takes these arguments."""
    check_add_tuning_job_arguments(args, kwargs, caller)
    return mock.add_tuning_job(*args, **kwargs)


def add_tuning_job_from_markers(
    mock: TuningJobMock, markers: Sequence[tuple[tuple[Any, ...], Mapping[str, Any]]]
) -> FakeTuningJob:
    """Seed the tuning job that `hpt_tuning_job` markers describe, closest marker first."""
    args, kwargs = marker_arguments(markers)
    return mock.add_tuning_job(*args, **kwargs)
