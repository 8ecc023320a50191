"""Records of fake tuning jobs and their training jobs.

A training job is stored once, as a compact `TrainingJobRecord`. The summary
dicts that users see and the JSON that the wire layer sends are both built
from it on demand.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

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
    """One training job of a tuning job: the fields of its summary."""

    __slots__ = (
        "_json",
        "arn",
        "creation_time",
        "definition_name",
        "end_time",
        "failure_reason",
        "hyperparameters",
        "name",
        "objective",
        "objective_status",
        "start_time",
        "status",
        "tuning_job_name",
    )

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
        self.name = name
        self.arn = arn
        self.tuning_job_name = tuning_job_name
        self.creation_time = creation_time
        self.start_time = start_time
        self.end_time = end_time
        self.status = status
        self.hyperparameters = dict(hyperparameters)
        self.definition_name = definition_name
        self.failure_reason = failure_reason
        self.objective = objective
        self.objective_status = objective_status
        self._json: bytes | None = None

    def wire_summary(self) -> dict[str, Any]:
        """Return the summary as SageMaker's JSON body holds it (epoch seconds)."""
        summary: dict[str, Any] = {}
        if self.definition_name is not None:
            summary["TrainingJobDefinitionName"] = self.definition_name
        summary["TrainingJobName"] = self.name
        summary["TrainingJobArn"] = self.arn
        if self.tuning_job_name is not None:
            summary["TuningJobName"] = self.tuning_job_name
        summary["CreationTime"] = self.creation_time
        if self.start_time is not None:
            summary["TrainingStartTime"] = self.start_time
        if self.end_time is not None:
            summary["TrainingEndTime"] = self.end_time
        summary["TrainingJobStatus"] = self.status
        summary["TunedHyperParameters"] = dict(self.hyperparameters)
        if self.failure_reason is not None:
            summary["FailureReason"] = self.failure_reason
        if self.objective is not None:
            metric: dict[str, Any] = {}
            if self.objective.type is not None:
                metric["Type"] = self.objective.type
            metric["MetricName"] = self.objective.name
            metric["Value"] = self.objective.value
            summary["FinalHyperParameterTuningJobObjectiveMetric"] = metric
        if self.objective_status is not None:
            summary["ObjectiveStatus"] = self.objective_status
        return summary

    def summary(self) -> dict[str, Any]:
        """Return the summary as boto3 returns it (timezone-aware datetimes)."""
        summary = self.wire_summary()
        for key in ("CreationTime", "TrainingStartTime", "TrainingEndTime"):
            if key in summary:
                summary[key] = from_epoch(summary[key])
        return summary

    def wire_json(self) -> bytes:
        """Return the summary encoded as JSON, encoded once and then reused."""
        encoded = self._json
        if encoded is None:
            encoded = json.dumps(self.wire_summary(), separators=(",", ":")).encode()
            self._json = encoded
        return encoded


@dataclass(eq=False)
class FakeTuningJob:
    """A seeded hyperparameter tuning job and its training jobs.

    `summaries` returns fresh dicts shaped exactly like the items of
    `TrainingJobSummaries` in a ListTrainingJobsForHyperParameterTuningJob
    response, in the order the training jobs were created.
    """

    name: str
    arn: str
    region: str
    account_id: str
    status: str
    objective_metric: str
    objective_type: str
    strategy: str
    parameter_ranges: dict[str, Any]
    max_parallel_training_jobs: int
    # Each definition in the HyperParameterTrainingJobDefinition form that
    # DescribeHyperParameterTuningJob returns. Several definitions carry a
    # DefinitionName, its TuningObjective and HyperParameterRanges; a single
    # unnamed one leaves those to the tuning job's config.
    training_job_definitions: list[dict[str, Any]]
    creation_time: datetime
    # TrainingJobEarlyStoppingType: Auto when SageMaker may stop training
    # jobs early, Off when it may not.
    training_job_early_stopping_type: str = "Off"
    # WarmStartConfig as SageMaker describes it, for a warm start tuning job.
    warm_start_config: dict[str, Any] | None = None
    # The generated parents of a warm start tuning job.
    parent_tuning_jobs: list[FakeTuningJob] = field(default_factory=list, repr=False)
    records: list[TrainingJobRecord] = field(default_factory=list, repr=False)
    # Counts changes to `records`, so that sorted listings built earlier
    # can tell that they are out of date.
    version: int = field(default=0, repr=False)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    # Sorted listings per query shape, owned by the listing module.
    indexes: dict[Any, Any] = field(default_factory=dict, repr=False)
    # HyperParameterTuningEndTime; None while the tuning job runs.
    end_time: datetime | None = None
    failure_reason: str | None = None
    # ResourceLimits.MaxNumberOfTrainingJobs; None means the number of training jobs.
    max_number_of_training_jobs: int | None = None

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
        for `Minimize`; an exact tie goes to the job created first, then to
        the smaller name. Only Completed jobs with a Succeeded objective count.
        It is computed from the current training jobs on each access. For a
        warm start tuning job, whose training jobs include its parents', it is
        the overall best.
        """
        best: TrainingJobRecord | None = None
        best_key: tuple[float, float, str] | None = None
        sign = -1.0 if self.objective_type == "Maximize" else 1.0
        for record in self.records:
            if record.status != "Completed" or record.objective is None:
                continue
            if record.objective_status != "Succeeded":
                continue
            key = (sign * record.objective.value, record.creation_time, record.name)
            if best_key is None or key < best_key:
                best, best_key = record, key
        return None if best is None else best.summary()

    def add_records(self, records: list[TrainingJobRecord]) -> None:
        """Append training jobs; listings see them from the next request on."""
        with self.lock:
            self.records.extend(records)
            self.version += 1
