"""Records of fake tuning jobs and their training jobs.

A training job is stored once, as a compact `TrainingJobRecord`. The summary
dicts that users see and the JSON that the wire layer sends are both built
from it on demand.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

# SageMaker training job statuses that carry a TrainingEndTime.
FINISHED_STATUSES = frozenset({"Completed", "Failed", "Stopped"})


def to_epoch(value: datetime) -> float:
    if value.tzinfo is None:
        raise ValueError(f"datetime {value.isoformat()} has no time zone")
    return value.timestamp()


def from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


@dataclass(frozen=True)
class ObjectiveMetric:
    """The final objective metric of one training job."""

    name: str
    value: float
    type: str | None = None


class TrainingJobRecord:
    """One training job of a tuning job: the fields of its summary.

    A record keeps its summary as the JSON that the wire layer sends, encoded
    once, and beside it only the fields that sorting, filtering and counting
    read. The other fields are decoded from the JSON when read. Records are
    read-only: a changed training job is a new record.
    """

    __slots__ = (
        "_json",
        "creation_time",
        "end_time",
        "name",
        "objective_status",
        "objective_value",
        "status",
    )

    _json: bytes
    name: str
    creation_time: float
    end_time: float | None
    status: str
    objective_status: str | None
    # FinalHyperParameterTuningJobObjectiveMetric.Value, or None without one.
    objective_value: float | None

    def __init__(
        self,
        *,
        name: str,
        arn: str,
        tuning_job_name: str | None,
        creation_time: float,
        status: str,
        hyperparameters: Mapping[str, str],
        start_time: float | None = None,
        end_time: float | None = None,
        definition_name: str | None = None,
        failure_reason: str | None = None,
        objective: ObjectiveMetric | None = None,
        objective_status: str | None = None,
    ) -> None:
        # Members in the order SageMaker's JSON lists them.
        summary: dict[str, Any] = {}
        if definition_name is not None:
            summary["TrainingJobDefinitionName"] = definition_name
        summary["TrainingJobName"] = name
        summary["TrainingJobArn"] = arn
        if tuning_job_name is not None:
            summary["TuningJobName"] = tuning_job_name
        summary["CreationTime"] = creation_time
        if start_time is not None:
            summary["TrainingStartTime"] = start_time
        if end_time is not None:
            summary["TrainingEndTime"] = end_time
        summary["TrainingJobStatus"] = status
        summary["TunedHyperParameters"] = dict(hyperparameters)
        if failure_reason is not None:
            summary["FailureReason"] = failure_reason
        if objective is not None:
            metric: dict[str, Any] = {}
            if objective.type is not None:
                metric["Type"] = objective.type
            metric["MetricName"] = objective.name
            metric["Value"] = objective.value
            summary["FinalHyperParameterTuningJobObjectiveMetric"] = metric
        if objective_status is not None:
            summary["ObjectiveStatus"] = objective_status

        set_field = object.__setattr__
        set_field(self, "_json", json.dumps(summary, separators=(",", ":")).encode())
        set_field(self, "name", name)
        set_field(self, "creation_time", creation_time)
        set_field(self, "end_time", end_time)
        set_field(self, "status", status)
        set_field(self, "objective_status", objective_status)
        set_field(self, "objective_value", None if objective is None else objective.value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"TrainingJobRecord is read-only; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"TrainingJobRecord is read-only; cannot delete {name!r}")

    @property
    def arn(self) -> str:
        arn: str = self.wire_summary()["TrainingJobArn"]
        return arn

    @property
    def tuning_job_name(self) -> str | None:
        name: str | None = self.wire_summary().get("TuningJobName")
        return name

    @property
    def start_time(self) -> float | None:
        start: float | None = self.wire_summary().get("TrainingStartTime")
        return start

    @property
    def hyperparameters(self) -> dict[str, str]:
        values: dict[str, str] = self.wire_summary()["TunedHyperParameters"]
        return values

    @property
    def definition_name(self) -> str | None:
        name: str | None = self.wire_summary().get("TrainingJobDefinitionName")
        return name

    @property
    def failure_reason(self) -> str | None:
        reason: str | None = self.wire_summary().get("FailureReason")
        return reason

    @property
    def objective(self) -> ObjectiveMetric | None:
        metric = self.wire_summary().get("FinalHyperParameterTuningJobObjectiveMetric")
        if metric is None:
            return None
        return ObjectiveMetric(metric["MetricName"], float(metric["Value"]), metric.get("Type"))

    @property
    def latest_time(self) -> float:
        """Return TrainingEndTime, else TrainingStartTime, else CreationTime."""
        return self.end_time or self.start_time or self.creation_time

    def wire_summary(self) -> dict[str, Any]:
        """Return the summary in SageMaker's JSON form (timestamps as epoch seconds)."""
        summary: dict[str, Any] = json.loads(self._json)
        return summary

    def summary(self) -> dict[str, Any]:
        """Return the summary as boto3 returns it (timezone-aware datetimes)."""
        summary = self.wire_summary()
        for key in ("CreationTime", "TrainingStartTime", "TrainingEndTime"):
            if key in summary:
                summary[key] = from_epoch(summary[key])
        return summary

    def wire_json(self) -> bytes:
        """Return the summary encoded as JSON."""
        return self._json


class PendingRecords(Protocol):
    """Training jobs of a tuning job that are generated when first read.

    They come in creation order, and `take` returns the same training jobs
    whether they are taken at once or in parts.
    """

    @property
    def remaining(self) -> int:
        """How many training jobs are still to be generated."""

    @property
    def in_name_order(self) -> bool:
        """True when creation order is also ascending name order."""

    def take(self, count: int) -> list[TrainingJobRecord]:
        """Generate and return the next `count` training jobs, at most `remaining`."""

    def finish(self, job: FakeTuningJob) -> None:
        """Set what follows from the training jobs of `job`, once they all exist."""


class FakeTuningJob:
    """A seeded hyperparameter tuning job and its training jobs.

    `summaries` returns fresh dicts shaped exactly like the items of
    `TrainingJobSummaries` in a ListTrainingJobsForHyperParameterTuningJob
    response, in the order the training jobs were created.

    Generated training jobs may be made when first read (see
    `defer_records`). `records`, `end_time` and `failure_reason` make them
    all first, because the end time and failure reason follow from them.
    """

    def __init__(
        self,
        *,
        name: str,
        arn: str,
        region: str,
        account_id: str,
        status: str,
        objective_metric: str,
        objective_type: str,
        strategy: str,
        parameter_ranges: dict[str, Any],
        max_parallel_training_jobs: int,
        training_job_definitions: list[dict[str, Any]],
        creation_time: datetime,
        training_job_early_stopping_type: str = "Off",
        warm_start_config: dict[str, Any] | None = None,
        parent_tuning_jobs: list[FakeTuningJob] | None = None,
        records: list[TrainingJobRecord] | None = None,
        end_time: datetime | None = None,
        failure_reason: str | None = None,
        max_number_of_training_jobs: int | None = None,
    ) -> None:
        self.name = name
        self.arn = arn
        self.region = region
        self.account_id = account_id
        self.status = status
        self.objective_metric = objective_metric
        self.objective_type = objective_type
        self.strategy = strategy
        self.parameter_ranges = parameter_ranges
        self.max_parallel_training_jobs = max_parallel_training_jobs
        # Each definition in the HyperParameterTrainingJobDefinition form that
        # DescribeHyperParameterTuningJob returns. Several definitions carry a
        # DefinitionName, its TuningObjective and HyperParameterRanges; a single
        # unnamed one leaves those to the tuning job's config.
        self.training_job_definitions = training_job_definitions
        self.creation_time = creation_time
        # TrainingJobEarlyStoppingType: Auto when SageMaker may stop training
        # jobs early, Off when it may not.
        self.training_job_early_stopping_type = training_job_early_stopping_type
        # WarmStartConfig as SageMaker describes it, for a warm start tuning job.
        self.warm_start_config = warm_start_config
        # The generated parents of a warm start tuning job.
        self.parent_tuning_jobs: list[FakeTuningJob] = parent_tuning_jobs or []
        # ResourceLimits.MaxNumberOfTrainingJobs; None means the number of training jobs.
        self.max_number_of_training_jobs = max_number_of_training_jobs

        # Counts changes to `records`, so that sorted listings built earlier
        # can tell that they are out of date.
        self.version = 0
        self.lock = threading.RLock()
        # Sorted listings per query shape, owned by the listing module, and
        # the last first page encoded, owned by the operations module.
        self.indexes: dict[Any, Any] = {}

        self._records: list[TrainingJobRecord] = list(records or [])
        self._pending: PendingRecords | None = None
        # HyperParameterTuningEndTime; None while the tuning job runs.
        self._end_time = end_time
        self._failure_reason = failure_reason

    def __repr__(self) -> str:
        shown = (
            "name",
            "arn",
            "region",
            "account_id",
            "status",
            "objective_metric",
            "objective_type",
            "strategy",
            "parameter_ranges",
            "max_parallel_training_jobs",
            "training_job_definitions",
            "creation_time",
            "training_job_early_stopping_type",
            "warm_start_config",
            "end_time",
            "failure_reason",
            "max_number_of_training_jobs",
        )
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"FakeTuningJob({fields})"

    @property
    def records(self) -> list[TrainingJobRecord]:
        """Every training job, in creation order."""
        if self._pending is not None:
            self._generate_all()
        return self._records

    @property
    def end_time(self) -> datetime | None:
        if self._pending is not None:
            self._generate_all()
        return self._end_time

    @end_time.setter
    def end_time(self, value: datetime | None) -> None:
        if self._pending is not None:
            self._generate_all()
        self._end_time = value

    @property
    def failure_reason(self) -> str | None:
        if self._pending is not None:
            self._generate_all()
        return self._failure_reason

    @failure_reason.setter
    def failure_reason(self, value: str | None) -> None:
        if self._pending is not None:
            self._generate_all()
        self._failure_reason = value

    def defer_records(self, pending: PendingRecords) -> None:
        """Append the training jobs that `pending` generates when they are first read."""
        with self.lock:
            self._generate_all()
            self._pending = pending
            self.version += 1

    def first_records_by_name(self, count: int) -> tuple[list[TrainingJobRecord], bool] | None:
        """Return the first `count` training jobs by ascending name, and whether more follow.

        Only the training jobs returned are generated. Returns None when the
        training jobs do not come in name order, so that the caller sorts.
        """
        with self.lock:
            pending = self._pending
            if pending is None or not pending.in_name_order:
                return None
            missing = count - len(self._records)
            if missing > 0:
                self._take(pending, missing)
            total = len(self._records) + (0 if self._pending is None else pending.remaining)
            return self._records[:count], total > count

    def _generate_all(self) -> None:
        with self.lock:
            pending = self._pending
            if pending is not None:
                self._take(pending, pending.remaining)

    def _take(self, pending: PendingRecords, count: int) -> None:
        self._records.extend(pending.take(count))
        if pending.remaining == 0:
            self._pending = None
            pending.finish(self)

    @property
    def has_named_definitions(self) -> bool:
        """True when the definitions are named, as TrainingJobDefinitions lists them.

        SageMaker names every definition of a tuning job with several, and
        the summaries then carry TrainingJobDefinitionName.
        """
        return any("DefinitionName" in definition for definition in self.training_job_definitions)

    @property
    def summaries(self) -> list[dict[str, Any]]:
        return [record.summary() for record in self.records]

    @property
    def training_job_names(self) -> list[str]:
        return [record.name for record in self.records]

    @property
    def best_training_job(self) -> dict[str, Any] | None:
        """Return the summary of the best Completed training job, or None.

        Best means the highest objective value for `Maximize` and the lowest
        for `Minimize`. An exact tie goes to the job created first, then to
        the smaller name. Only Completed jobs with a Succeeded objective count.
        It is computed from the current training jobs on each access. For a
        warm start tuning job, whose training jobs include its parents', it is
        the overall best.
        """
        best: TrainingJobRecord | None = None
        best_key: tuple[float, float, str] | None = None
        sign = -1.0 if self.objective_type == "Maximize" else 1.0
        for record in self.records:
            value = record.objective_value
            if record.status != "Completed" or value is None:
                continue
            if record.objective_status != "Succeeded":
                continue
            key = (sign * value, record.creation_time, record.name)
            if best_key is None or key < best_key:
                best, best_key = record, key
        return None if best is None else best.summary()

    def add_records(self, records: list[TrainingJobRecord]) -> None:
        """Append training jobs; listings see them from the next request on."""
        with self.lock:
            self.records.extend(records)
            self.version += 1
