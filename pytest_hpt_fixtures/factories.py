"""Builders of realistic, deterministic tuning jobs.

`build_tuning_job` turns the keyword arguments of `TuningJobMock.add_tuning_job`
into a `FakeTuningJob`. All randomness comes from one Faker instance reseeded
for each tuning job, so the same seed gives the same tuning job.

How the data follows SageMaker:
- training jobs launch in waves of `max_parallel_training_jobs`; a wave starts
  after the previous one has finished;
- hyperparameters are drawn from the declared ranges, and the objective value
  is a smooth function of them plus noise, so one region of the space is best;
  with the Bayesian strategy later waves move towards that region;
- the mix of training job statuses follows the tuning job's status.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import service_model
from .definitions import build_definitions
from .errors import HptUsageError
from .model import FakeTuningJob, ObjectiveMetric, TrainingJobRecord, from_epoch, to_epoch
from .providers import TuningJobProvider, metric_bounds, position_of, sagemaker_arn, value_at

DEFAULT_OBJECTIVE_METRIC = "validation:auc"
DEFAULT_TRAINING_JOBS = 20
SUMMARY_SHAPE = "HyperParameterTrainingJobSummary"

# XGBoost-style ranges, used when a tuning job declares none.
DEFAULT_PARAMETER_RANGES: dict[str, list[dict[str, Any]]] = {
    "IntegerParameterRanges": [
        {"Name": "max_depth", "MinValue": "3", "MaxValue": "10", "ScalingType": "Auto"},
        {"Name": "num_round", "MinValue": "50", "MaxValue": "500", "ScalingType": "Linear"},
    ],
    "ContinuousParameterRanges": [
        {"Name": "eta", "MinValue": "0.01", "MaxValue": "0.5", "ScalingType": "Logarithmic"},
        {"Name": "subsample", "MinValue": "0.5", "MaxValue": "1", "ScalingType": "Linear"},
        {"Name": "alpha", "MinValue": "0.0001", "MaxValue": "10", "ScalingType": "Logarithmic"},
    ],
    "CategoricalParameterRanges": [
        {"Name": "booster", "Values": ["gbtree", "dart"]},
    ],
}

_RANGE_KINDS = {
    "IntegerParameterRanges": "Integer",
    "ContinuousParameterRanges": "Continuous",
    "CategoricalParameterRanges": "Categorical",
}

_ACCOUNT_ID = re.compile(r"[0-9]{12}")
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]+")

_faker_lock = threading.Lock()
_faker: Any = None


def shared_faker() -> Any:
    """Return the process's one Faker instance with the tuning job provider.

    Creating a Faker instance costs tens of milliseconds, so it is made once
    and reseeded for each tuning job. Callers hold `faker_lock()` while they
    reseed and draw from it.
    """
    global _faker
    if _faker is None:
        from faker import Faker

        faker = Faker("en_US")
        faker.add_provider(TuningJobProvider)
        _faker = faker
    return _faker


def faker_lock() -> threading.Lock:
    return _faker_lock


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


def make_spec(
    *,
    name: str | None,
    training_jobs: int | Sequence[Mapping[str, Any]],
    status: str,
    objective_metric: str,
    objective_type: str | None,
    strategy: str,
    parameter_ranges: Mapping[str, Any] | None,
    max_parallel_training_jobs: int | None,
    training_job_definitions: int | Sequence[Any] | None,
    region: str,
    account_id: str,
) -> TuningJobSpec:
    """Check the arguments of `add_tuning_job`; raise `HptUsageError` naming the bad one."""
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
    definitions = _definitions(training_job_definitions, ranges, objective_metric, objective_type)
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
    )


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
        raise HptUsageError(f"{argument}={value!r} is invalid: use one of {', '.join(allowed)}.")


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


def _parallel_limit(value: int | None, count: int) -> int:
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
    unknown = sorted(set(ranges) - set(_RANGE_KINDS))
    if unknown:
        raise HptUsageError(
            f"{argument} has unknown keys {unknown}: use {', '.join(_RANGE_KINDS)}."
        )
    checked: dict[str, list[dict[str, Any]]] = {}
    names: set[str] = set()
    for key, kind in _RANGE_KINDS.items():
        items = ranges.get(key, [])
        if not isinstance(items, Sequence) or isinstance(items, (str, bytes)):
            raise HptUsageError(f"{argument}[{key!r}] must be a list of ranges.")
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


def _check_range(where: str, kind: str, item: Any) -> dict[str, Any]:
    if not isinstance(item, Mapping) or not isinstance(item.get("Name"), str) or not item["Name"]:
        raise HptUsageError(f"{where} needs a 'Name' string.")
    if kind == "Categorical":
        values = item.get("Values")
        if (
            not isinstance(values, Sequence)
            or isinstance(values, str)
            or not 1 <= len(values) <= 30
        ):
            raise HptUsageError(f"{where}: 'Values' must be a list of 1 to 30 strings.")
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
    if scaling == "ReverseLogarithmic" and (low < 0 or high >= 1):
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


def _definitions(
    value: int | Sequence[Any] | None,
    ranges: dict[str, list[dict[str, Any]]],
    objective_metric: str,
    objective_type: str,
) -> tuple[TrainingJobDefinition, ...]:
    if value is None:
        return (TrainingJobDefinition(None, ranges, objective_metric, objective_type),)
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 10:
            raise HptUsageError(
                f"training_job_definitions={value} is invalid: SageMaker allows 1 to 10 "
                "definitions."
            )
        bases = (
            "xgboost",
            "lightgbm",
            "catboost",
            "linear-learner",
            "sklearn-rf",
            "pytorch-mlp",
            "tf-dnn",
            "knn",
            "autogluon",
            "factorization",
        )
        value = [{"DefinitionName": base} for base in bases[:value]]
    if (
        isinstance(value, (str, bytes))
        or not isinstance(value, Sequence)
        or not 1 <= len(value) <= 10
    ):
        raise HptUsageError(
            "training_job_definitions must be a count or a list of 1 to 10 definitions, "
            "each a name or a dict with 'DefinitionName'."
        )
    definitions = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        where = f"training_job_definitions[{index}]"
        entry: Mapping[str, Any] = {"DefinitionName": item} if isinstance(item, str) else item
        if not isinstance(entry, Mapping) or "DefinitionName" not in entry:
            raise HptUsageError(f"{where} needs a 'DefinitionName'.")
        name = entry["DefinitionName"]
        _check_name(f"{where}['DefinitionName']", name, "HyperParameterTrainingJobDefinitionName")
        if name.lower() in seen:
            raise HptUsageError(f"{where}: DefinitionName {name!r} is used twice.")
        seen.add(name.lower())
        own_ranges = entry.get("HyperParameterRanges")
        objective = entry.get("TuningObjective") or {}
        definitions.append(
            TrainingJobDefinition(
                name,
                check_parameter_ranges(f"{where}['HyperParameterRanges']", own_ranges)
                if own_ranges is not None
                else ranges,
                objective.get("MetricName", objective_metric),
                objective.get("Type", objective_type),
            )
        )
    return tuple(definitions)


# --- generation --------------------------------------------------------------

# Chance that a training job fails or is stopped early, by tuning job status.
_FAILURE_RATE = {"Failed": 0.8}
_DEFAULT_FAILURE_RATE = 0.08
_EARLY_STOP_RATE = {"Hyperband": 0.3, "Grid": 0.0}
_DEFAULT_EARLY_STOP_RATE = 0.1


@dataclass
class _ObjectiveSurface:
    """Where each hyperparameter is best, and how much it matters."""

    optimum: dict[str, float]
    weight: dict[str, float]

    def quality(self, positions: Mapping[str, float]) -> float:
        total = sum(self.weight.values())
        score = 0.0
        for name, weight in self.weight.items():
            distance = positions.get(name, 0.5) - self.optimum[name]
            score += weight * max(0.0, 1.0 - 2.5 * distance * distance)
        return score / total if total else 0.5


def build_tuning_job(
    spec: TuningJobSpec,
    *,
    seed: int,
    name: str | None = None,
    creation_time: datetime | None = None,
) -> FakeTuningJob:
    """Generate the tuning job that `spec` describes, fixed entirely by `seed`.

    `creation_time` places the tuning job at a given moment instead of a
    generated one in 2025.
    """
    with faker_lock():
        faker = shared_faker()
        faker.seed_instance(seed)
        return _Builder(spec, faker, name or spec.name, creation_time).build()


class _Builder:
    def __init__(
        self,
        spec: TuningJobSpec,
        faker: Any,
        name: str | None,
        creation_time: datetime | None = None,
    ) -> None:
        self.spec = spec
        self.faker = faker
        self.random = faker.random
        self.name = name or faker.tuning_job_name()
        self.creation = creation_time or faker.tuning_job_creation_time()
        self.surfaces = [self._surface(definition) for definition in spec.definitions]

    def build(self) -> FakeTuningJob:
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
            parameter_ranges=spec.parameter_ranges,
            max_parallel_training_jobs=spec.max_parallel_training_jobs,
            training_job_definitions=build_definitions(
                spec.definitions,
                named=spec.named_definitions,
                tuning_job_name=self.name,
                region=spec.region,
                account_id=spec.account_id,
            ),
            creation_time=from_epoch(self.creation.timestamp()),
        )
        job.add_records(self.records())
        self._finish(job)
        return job

    def _finish(self, job: FakeTuningJob) -> None:
        """Set what follows from the training jobs: end time, failure and early stopping."""
        records = job.records
        if job.status not in ("InProgress", "Stopping"):
            latest = max(
                [job.creation_time.timestamp()]
                + [r.end_time or r.start_time or r.creation_time for r in records]
            )
            job.end_time = from_epoch(round(latest + self.random.uniform(20, 180), 3))
        if job.status == "Failed":
            failed = sum(1 for record in records if record.status == "Failed")
            job.failure_reason = (
                f"The tuning job failed because {failed} of its {len(records)} training jobs "
                "failed. See the FailureReason of each training job."
            )
        # Hyperband stops training jobs by itself and needs early stopping Off.
        early_stopped = any(
            record.status == "Stopped" and record.objective is not None for record in records
        )
        if early_stopped and job.strategy != "Hyperband":
            job.early_stopping_type = "Auto"

    def _surface(self, definition: TrainingJobDefinition) -> _ObjectiveSurface:
        optimum: dict[str, float] = {}
        weight: dict[str, float] = {}
        for ranges in definition.parameter_ranges.values():
            for item in ranges:
                optimum[item["Name"]] = self.random.uniform(0.15, 0.85)
                weight[item["Name"]] = self.random.uniform(0.2, 1.0)
        return _ObjectiveSurface(optimum, weight)

    def records(self) -> list[TrainingJobRecord]:
        spec = self.spec
        overrides: Sequence[Mapping[str, Any]]
        if isinstance(spec.training_jobs, int):
            count, overrides = spec.training_jobs, ()
        else:
            count, overrides = len(spec.training_jobs), spec.training_jobs
        statuses = self._statuses(count)
        records: list[TrainingJobRecord] = []
        names: set[str] = set()
        wave_start = self.creation.timestamp() + self.random.randint(20, 90)
        waves = max(1, math.ceil(count / spec.max_parallel_training_jobs))
        for wave in range(waves):
            first = wave * spec.max_parallel_training_jobs
            last = min(count, first + spec.max_parallel_training_jobs)
            latest_end = wave_start
            for index in range(first, last):
                item = overrides[index] if index < len(overrides) else {}
                status = item.get("TrainingJobStatus", statuses[index])
                record = self._record(index + 1, wave / waves, wave_start, status)
                if item:
                    record = apply_overrides(record, item, index, self.spec)
                if record.name.lower() in names:
                    raise HptUsageError(
                        f"training_jobs[{index}]: TrainingJobName {record.name!r} is used twice "
                        "in this tuning job; names must be unique, ignoring case."
                    )
                names.add(record.name.lower())
                records.append(record)
                latest_end = max(
                    latest_end, record.end_time or record.start_time or record.creation_time
                )
            wave_start = latest_end + self.random.randint(5, 60)
        return records

    def _statuses(self, count: int) -> list[str]:
        spec = self.spec
        failure_rate = _FAILURE_RATE.get(spec.status, _DEFAULT_FAILURE_RATE)
        early_stop_rate = _EARLY_STOP_RATE.get(spec.strategy, _DEFAULT_EARLY_STOP_RATE)
        statuses = []
        for _ in range(count):
            draw = self.random.random()
            if draw < failure_rate:
                statuses.append("Failed")
            elif draw < failure_rate + early_stop_rate:
                statuses.append("Stopped")
            else:
                statuses.append("Completed")
        finished_well = spec.status in ("Completed", "Stopped", "Deleting", "DeleteFailed")
        if count and finished_well and "Completed" not in statuses:
            statuses[self.random.randrange(count)] = "Completed"
        if count and spec.status == "Failed" and "Failed" not in statuses:
            statuses[self.random.randrange(count)] = "Failed"
        last_wave = (
            range(
                ((count - 1) // spec.max_parallel_training_jobs) * spec.max_parallel_training_jobs,
                count,
            )
            if count
            else range(0)
        )
        unfinished = {"InProgress": "InProgress", "Stopping": "Stopping", "Stopped": "Stopped"}
        if spec.status in unfinished:
            for index in last_wave:
                statuses[index] = unfinished[spec.status]
        return statuses

    def _record(
        self, number: int, progress: float, wave_start: float, status: str
    ) -> TrainingJobRecord:
        spec = self.spec
        definition_index = (number - 1) % len(spec.definitions)
        definition = spec.definitions[definition_index]
        surface = self.surfaces[definition_index]
        name = self.faker.training_job_name(self.name, number)

        positions, hyperparameters = self._hyperparameters(definition, surface, progress)
        creation = round(wave_start + self.random.uniform(0, 4), 3)
        start: float | None = round(creation + self.random.uniform(60, 240), 3)
        end: float | None = None
        failure_reason = None
        objective = None
        objective_status = "Pending"
        quality = surface.quality(positions) + self.random.gauss(0, 0.03)

        if status == "Completed":
            end = round(start + self.random.uniform(300, 3600), 3)
            objective = self._objective(definition, quality)
            objective_status = "Succeeded"
        elif status == "Failed":
            end = round(start + self.random.uniform(30, 900), 3)
            failure_reason = self.faker.failure_reason()
            objective_status = "Failed"
        elif status == "Stopped":
            end = round(start + self.random.uniform(120, 1200), 3)
            if spec.status == "Stopped":
                objective_status = "Failed"
            else:
                # Early stopping ends jobs that trail the best so far; they
                # keep the metric they reached.
                objective = self._objective(definition, quality - self.random.uniform(0.1, 0.3))
                objective_status = "Succeeded"
        elif status == "InProgress" and self.random.random() < 0.3:
            start = None  # still provisioning

        return TrainingJobRecord(
            name=name,
            arn=sagemaker_arn("training-job", name, spec.region, spec.account_id),
            tuning_job_name=self.name,
            creation_time=creation,
            start_time=start,
            end_time=end,
            status=status,
            hyperparameters=hyperparameters,
            definition_name=definition.name if spec.named_definitions else None,
            failure_reason=failure_reason,
            objective=objective,
            objective_status=objective_status,
        )

    def _hyperparameters(
        self, definition: TrainingJobDefinition, surface: _ObjectiveSurface, progress: float
    ) -> tuple[dict[str, float], dict[str, str]]:
        # Bayesian search samples closer to the best region as it learns;
        # the other strategies sample the space evenly.
        exploit = progress * 0.8 if self.spec.strategy == "Bayesian" else 0.0
        positions: dict[str, float] = {}
        values: dict[str, str] = {}
        for key, kind in _RANGE_KINDS.items():
            for item in definition.parameter_ranges.get(key, []):
                name = item["Name"]
                if self.random.random() < exploit:
                    position = self.random.gauss(surface.optimum[name], 0.1)
                else:
                    position = self.random.random()
                position = min(0.999999, max(0.0, position))
                values[name] = value_at(item, kind, position)
                positions[name] = position_of(item, kind, values[name])
        return positions, values

    def _objective(self, definition: TrainingJobDefinition, quality: float) -> ObjectiveMetric:
        value = self.faker.objective_metric_value(definition.objective_metric, quality)
        return ObjectiveMetric(definition.objective_metric, float(value), definition.objective_type)


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
        raise HptUsageError(
            f"training_jobs[{index}] has unknown fields {unknown}: use the members of "
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


def metric_direction(metric_name: str) -> str:
    """Return `Maximize` or `Minimize`: the direction in which a metric improves."""
    return metric_bounds(metric_name)[0]


# --- pytest helpers ------------------------------------------------------------

_fixture_faker: Any = None


def fixture_faker(seed: int) -> Any:
    """Return the Faker instance of the `hpt_faker` fixture, reseeded with `seed`.

    One instance serves every test, apart from the one the builders use, so
    that a test drawing from it does not change its generated tuning jobs.
    """
    global _fixture_faker
    if _fixture_faker is None:
        from faker import Faker

        faker = Faker("en_US")
        faker.add_provider(TuningJobProvider)
        _fixture_faker = faker
    _fixture_faker.seed_instance(seed)
    return _fixture_faker


def add_tuning_job_keywords() -> tuple[str, ...]:
    import inspect

    from .mock import TuningJobMock

    parameters = inspect.signature(TuningJobMock.add_tuning_job).parameters
    return tuple(name for name in parameters if name != "self")


def marker_arguments(
    markers: Sequence[tuple[tuple[Any, ...], Mapping[str, Any]]],
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Merge `hpt_tuning_job` markers, closest first, into add_tuning_job arguments.

    A keyword on a test overrides the same keyword on its class or module.
    """
    valid = add_tuning_job_keywords()
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = {}
    for marker_args, marker_kwargs in reversed(markers):
        if len(marker_args) > 1:
            raise HptUsageError(
                f"@pytest.mark.hpt_tuning_job takes at most one positional argument, the "
                f"tuning job name; got {marker_args!r}. Pass the rest as keywords."
            )
        unknown = sorted(set(marker_kwargs) - set(valid))
        if unknown:
            raise HptUsageError(
                f"@pytest.mark.hpt_tuning_job got unknown keyword {', '.join(unknown)}; "
                f"valid keywords: {', '.join(valid)}."
            )
        if marker_args:
            args = marker_args
        kwargs.update(marker_kwargs)
    if args and "name" in kwargs:
        raise HptUsageError(
            "@pytest.mark.hpt_tuning_job got the name both as a positional argument "
            "and as name=...; pass it once."
        )
    return args, kwargs
