"""Response bodies that describe tuning jobs and training jobs, built from their records.

DescribeHyperParameterTuningJob, the summaries of ListHyperParameterTuningJobs
and DescribeTrainingJob all read the same `TrainingJobRecord`s that
ListTrainingJobsForHyperParameterTuningJob lists, so counters, the best
training job and times agree between operations. Bodies are in wire form:
timestamps are epoch seconds.
"""

from __future__ import annotations

from typing import Any

from .definitions import MAX_RUNTIME_IN_SECONDS, default_bucket
from .model import FakeTuningJob, TrainingJobRecord, to_epoch

# Failure types that SageMaker may clear by itself on a retry; the rest need
# a change by the user. Failure reasons read `<type>: <detail>`.
_RETRYABLE_FAILURE_TYPES = ("InternalServerError", "CapacityError")

_FINISHED_TUNING_STATUSES = frozenset(
    {"Completed", "Failed", "Stopped", "Deleting", "DeleteFailed"}
)

_SECONDARY_STATUS = {
    "Completed": "Completed",
    "Failed": "Failed",
    "Stopped": "Stopped",
    "Stopping": "Stopping",
}

# Members of a HyperParameterTrainingJobDefinition that a training job copies as they are.
_COPIED_DEFINITION_MEMBERS = (
    "RoleArn",
    "InputDataConfig",
    "OutputDataConfig",
    "VpcConfig",
    "StoppingCondition",
    "EnableNetworkIsolation",
    "EnableInterContainerTrafficEncryption",
    "EnableManagedSpotTraining",
    "CheckpointConfig",
    "RetryStrategy",
    "Environment",
)


# --- tuning jobs -------------------------------------------------------------


def training_job_status_counters(job: FakeTuningJob) -> dict[str, int]:
    """Count the training jobs by status; the counts add up to the number of training jobs.

    Stopping (and any status SageMaker may add) counts as InProgress until
    the job stops. A failure is retryable when its type is one SageMaker retries.
    """
    counters = dict.fromkeys(
        ("Completed", "InProgress", "RetryableError", "NonRetryableError", "Stopped"), 0
    )
    for record in job.records:
        if record.status in ("Completed", "Stopped"):
            counters[record.status] += 1
        elif record.status == "Failed":
            reason = record.failure_reason or ""
            retryable = reason.startswith(_RETRYABLE_FAILURE_TYPES)
            counters["RetryableError" if retryable else "NonRetryableError"] += 1
        else:
            counters["InProgress"] += 1
    return counters


def objective_status_counters(job: FakeTuningJob) -> dict[str, int]:
    """Count the training jobs by ObjectiveStatus; the counts add up to the number of jobs.

    A summary without ObjectiveStatus counts as Succeeded when it has an
    objective metric, Failed when the training job failed, else Pending.
    """
    counters = {"Succeeded": 0, "Pending": 0, "Failed": 0}
    for record in job.records:
        status = record.objective_status
        if status not in counters:
            if record.objective is not None:
                status = "Succeeded"
            elif record.status == "Failed":
                status = "Failed"
            else:
                status = "Pending"
        counters[status] += 1
    return counters


def creation_epoch(job: FakeTuningJob) -> float:
    """Return the tuning job's CreationTime, never after its first training job's."""
    created = to_epoch(job.creation_time)
    return min([created, *(record.creation_time for record in job.records)])


def end_epoch(job: FakeTuningJob) -> float | None:
    """Return HyperParameterTuningEndTime, never before a training job ended; None while running."""
    if job.status not in _FINISHED_TUNING_STATUSES:
        return None
    latest = _latest_activity(job)
    if job.end_time is None:
        return latest
    return max(to_epoch(job.end_time), latest)


def last_modified_epoch(job: FakeTuningJob) -> float:
    end = end_epoch(job)
    return end if end is not None else _latest_activity(job)


def _latest_activity(job: FakeTuningJob) -> float:
    moments = [creation_epoch(job)]
    for record in job.records:
        moments.append(_record_last_modified(record))
    return max(moments)


def tuning_job_config(job: FakeTuningJob) -> dict[str, Any]:
    """Return HyperParameterTuningJobConfig.

    Named training job definitions (TrainingJobDefinitions) each carry their
    own objective and ranges, so the config contains neither.
    """
    config: dict[str, Any] = {"Strategy": job.strategy}
    # A tuning job created through moto may declare no objective.
    if not job.has_named_definitions and job.objective_metric:
        config["HyperParameterTuningJobObjective"] = {
            "Type": job.objective_type,
            "MetricName": job.objective_metric,
        }
    config["ResourceLimits"] = resource_limits(job)
    if not job.has_named_definitions:
        config["ParameterRanges"] = job.parameter_ranges
    config["TrainingJobEarlyStoppingType"] = job.training_job_early_stopping_type
    return config


def resource_limits(job: FakeTuningJob) -> dict[str, int]:
    maximum = job.max_number_of_training_jobs or len(job.records)
    return {
        "MaxNumberOfTrainingJobs": max(1, maximum, len(job.records)),
        "MaxParallelTrainingJobs": job.max_parallel_training_jobs,
    }


def describe_tuning_job(job: FakeTuningJob) -> dict[str, Any]:
    """Return the DescribeHyperParameterTuningJob body of `job`."""
    body: dict[str, Any] = {
        "HyperParameterTuningJobName": job.name,
        "HyperParameterTuningJobArn": job.arn,
        "HyperParameterTuningJobConfig": tuning_job_config(job),
    }
    definitions = job.training_job_definitions
    if job.has_named_definitions:
        body["TrainingJobDefinitions"] = definitions
    elif definitions:
        body["TrainingJobDefinition"] = definitions[0]
    body["HyperParameterTuningJobStatus"] = job.status
    body["CreationTime"] = creation_epoch(job)
    end = end_epoch(job)
    if end is not None:
        body["HyperParameterTuningEndTime"] = end
    body["LastModifiedTime"] = last_modified_epoch(job)
    body["TrainingJobStatusCounters"] = training_job_status_counters(job)
    body["ObjectiveStatusCounters"] = objective_status_counters(job)
    best = job.best_training_job
    if best is not None:
        body["BestTrainingJob"] = _wire_summary(best)
    if job.warm_start_config is not None:
        body["WarmStartConfig"] = job.warm_start_config
    if job.failure_reason:
        body["FailureReason"] = job.failure_reason
    if end is not None:
        body["ConsumedResources"] = {"RuntimeInSeconds": round(end - body["CreationTime"])}
    return body


def tuning_job_summary(job: FakeTuningJob) -> dict[str, Any]:
    """Return the HyperParameterTuningJobSummary of `job` for ListHyperParameterTuningJobs."""
    summary: dict[str, Any] = {
        "HyperParameterTuningJobName": job.name,
        "HyperParameterTuningJobArn": job.arn,
        "HyperParameterTuningJobStatus": job.status,
        "Strategy": job.strategy,
        "CreationTime": creation_epoch(job),
    }
    end = end_epoch(job)
    if end is not None:
        summary["HyperParameterTuningEndTime"] = end
    summary["LastModifiedTime"] = last_modified_epoch(job)
    summary["TrainingJobStatusCounters"] = training_job_status_counters(job)
    summary["ObjectiveStatusCounters"] = objective_status_counters(job)
    summary["ResourceLimits"] = resource_limits(job)
    return summary


def _wire_summary(summary: dict[str, Any]) -> dict[str, Any]:
    wire = dict(summary)
    for key in ("CreationTime", "TrainingStartTime", "TrainingEndTime"):
        if key in wire:
            wire[key] = to_epoch(wire[key])
    return wire


# --- training jobs -----------------------------------------------------------


def definition_of(job: FakeTuningJob, record: TrainingJobRecord) -> dict[str, Any]:
    """Return the training job definition that launched `record`, or {} when none is stored."""
    definitions = job.training_job_definitions
    if record.definition_name is not None:
        wanted = record.definition_name.lower()
        for definition in definitions:
            if str(definition.get("DefinitionName", "")).lower() == wanted:
                return definition
    return definitions[0] if definitions else {}


def describe_training_job(job: FakeTuningJob, record: TrainingJobRecord) -> dict[str, Any]:
    """Return the DescribeTrainingJob body of one training job of `job`."""
    definition = definition_of(job, record)
    objective_metric = definition.get("TuningObjective", {}).get("MetricName", job.objective_metric)
    output_path = definition.get("OutputDataConfig", {}).get(
        "S3OutputPath", f"s3://{default_bucket(job.region, job.account_id)}/{job.name}/output"
    )

    body: dict[str, Any] = {
        "TrainingJobName": record.name,
        "TrainingJobArn": record.arn,
        "TuningJobArn": job.arn,
        "ModelArtifacts": {"S3ModelArtifacts": _model_artifacts(output_path, record)},
        "TrainingJobStatus": record.status,
        "SecondaryStatus": _secondary_status(record),
    }
    if record.failure_reason is not None:
        body["FailureReason"] = record.failure_reason
    # SageMaker passes the objective metric to every training job of a tuning
    # job as the hyperparameter `_tuning_objective_metric`.
    body["HyperParameters"] = {
        **definition.get("StaticHyperParameters", {}),
        **record.hyperparameters,
        "_tuning_objective_metric": objective_metric,
    }
    algorithm = dict(definition.get("AlgorithmSpecification", {}))
    algorithm.setdefault("TrainingInputMode", "File")
    body["AlgorithmSpecification"] = algorithm
    resource_config = definition.get("ResourceConfig") or _resource_config(definition)
    if resource_config:
        body["ResourceConfig"] = resource_config
    for member in _COPIED_DEFINITION_MEMBERS:
        if member in definition:
            body[member] = definition[member]
    body.setdefault("StoppingCondition", {"MaxRuntimeInSeconds": MAX_RUNTIME_IN_SECONDS})

    body["CreationTime"] = record.creation_time
    if record.start_time is not None:
        body["TrainingStartTime"] = record.start_time
    if record.end_time is not None:
        body["TrainingEndTime"] = record.end_time
    body["LastModifiedTime"] = _record_last_modified(record)
    body["SecondaryStatusTransitions"] = _secondary_status_transitions(record)
    if record.objective is not None:
        body["FinalMetricDataList"] = [
            {
                "MetricName": record.objective.name,
                "Value": record.objective.value,
                "Timestamp": _record_last_modified(record),
            }
        ]
    if record.start_time is not None and record.end_time is not None:
        seconds = max(1, round(record.end_time - record.start_time))
        body["TrainingTimeInSeconds"] = seconds
        body["BillableTimeInSeconds"] = seconds
    return body


def _model_artifacts(output_path: str, record: TrainingJobRecord) -> str:
    # SageMaker writes the model to <S3OutputPath>/<training job name>/output/model.tar.gz;
    # early stopping saves the model too.
    prefix = f"{output_path.rstrip('/')}/{record.name}/output"
    if record.status == "Completed" or (record.status == "Stopped" and record.objective):
        return f"{prefix}/model.tar.gz"
    # NOTE: ModelArtifacts is required in the output shape, but what AWS sends
    # for a job without a model is not verified. The output prefix is sent instead.
    return f"{prefix}/"


def _secondary_status(record: TrainingJobRecord) -> str:
    if record.status in _SECONDARY_STATUS:
        return _SECONDARY_STATUS[record.status]
    return "Training" if record.start_time is not None else "Starting"


def _secondary_status_transitions(record: TrainingJobRecord) -> list[dict[str, Any]]:
    starting: dict[str, Any] = {"Status": "Starting", "StartTime": record.creation_time}
    starting["StatusMessage"] = "Preparing the instances for training"
    if record.start_time is None:
        return [starting]
    starting["EndTime"] = record.start_time
    training: dict[str, Any] = {"Status": "Training", "StartTime": record.start_time}
    training["StatusMessage"] = "Training image download completed. Training in progress."
    if record.end_time is None or record.status not in _SECONDARY_STATUS:
        return [starting, training]
    training["EndTime"] = record.end_time
    final = {
        "Status": _SECONDARY_STATUS[record.status],
        "StartTime": record.end_time,
        "EndTime": record.end_time,
        "StatusMessage": f"Training job {record.status.lower()}",
    }
    return [starting, training, final]


def _resource_config(definition: dict[str, Any]) -> dict[str, Any]:
    """Turn a definition's HyperParameterTuningResourceConfig into a ResourceConfig."""
    tuning_config = definition.get("HyperParameterTuningResourceConfig") or {}
    members = ("InstanceType", "InstanceCount", "VolumeSizeInGB", "VolumeKmsKeyId")
    return {member: tuning_config[member] for member in members if member in tuning_config}


def _record_last_modified(record: TrainingJobRecord) -> float:
    return record.end_time or record.start_time or record.creation_time
