"""Tuning jobs that moto's `create_hyper_parameter_tuning_job` created, as fake tuning jobs.

Inside moto's `mock_aws`, the fake serves the tuning job operations that moto
lacks or fills with placeholder values. So that a tuning job created through
moto is not `ResourceNotFound` there, each one is turned into a
`FakeTuningJob` on first look-up ("materialised"):

- name, ARN, status, strategy, objective, parallel limit, early stopping,
  warm start and the training job definitions are moto's, as the caller
  sent them; CreationTime is moto's;
- training jobs are generated from the declared ranges in the same way as
  seeded ones, as many as `ResourceLimits.MaxNumberOfTrainingJobs` (20 when
  it is not set). Their seed is derived from the fake's seed and the tuning
  job's account, region and name;
- a config that declares no ranges or no objective gives a tuning job
  without training jobs, since nothing could be generated from it.

moto keeps the resources of callers it does not know, such as the fake's
access keys, in its default account 123456789012, which is also the fake's
default account.
"""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timezone
from typing import Any

from . import seeding
from .errors import HptUsageError
from .factories import DEFAULT_TRAINING_JOBS, build_tuning_job, make_spec
from .model import FakeTuningJob


def moto_is_mocking() -> bool:
    """True while moto's `mock_aws` is active, without importing moto."""
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


def moto_tuning_jobs(account_id: str, region: str) -> dict[str, Any]:
    """Return moto's tuning jobs of one account and region by lower-case name.

    Empty when moto is not mocking or has no SageMaker state there. Reads
    moto's backends without creating any.
    """
    if not moto_is_mocking():
        return {}
    models = sys.modules.get("moto.sagemaker.models")
    backends = getattr(models, "sagemaker_backends", None)
    if not isinstance(backends, dict):
        return {}
    # dict.get skips moto's __getitem__, which would create empty backends.
    account_backends = dict.get(backends, account_id)
    if not isinstance(account_backends, dict):
        return {}
    backend = dict.get(account_backends, region)
    jobs = getattr(backend, "hyper_parameter_tuning_jobs", None)
    if not isinstance(jobs, dict):
        return {}
    return {str(name).lower(): job for name, job in list(jobs.items())}


class MotoTuningJobs:
    """Materialised moto tuning jobs, rebuilt when moto's job or its status changes."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._cache: dict[tuple[str, str, str], tuple[Any, str, FakeTuningJob]] = {}
        self._lock = threading.Lock()

    def find(self, account_id: str, region: str, name: str) -> FakeTuningJob | None:
        moto_job = moto_tuning_jobs(account_id, region).get(name.lower())
        if moto_job is None:
            return None
        return self._materialised(account_id, region, moto_job)

    def in_region(self, account_id: str, region: str) -> list[FakeTuningJob]:
        return [
            self._materialised(account_id, region, moto_job)
            for moto_job in moto_tuning_jobs(account_id, region).values()
        ]

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def _materialised(self, account_id: str, region: str, moto_job: Any) -> FakeTuningJob:
        name = str(moto_job.hyper_parameter_tuning_job_name)
        status = str(moto_job.hyper_parameter_tuning_job_status)
        key = (account_id, region, name.lower())
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] is moto_job and cached[1] == status:
                return cached[2]
            seed = seeding.derive_seed(self.seed, "moto-tuning-job", *key)
            job = materialise(moto_job, account_id=account_id, region=region, seed=seed)
            self._cache[key] = (moto_job, status, job)
            return job


def materialise(moto_job: Any, *, account_id: str, region: str, seed: int) -> FakeTuningJob:
    """Turn one of moto's tuning jobs into a `FakeTuningJob` with generated training jobs."""
    name = str(moto_job.hyper_parameter_tuning_job_name)
    config: dict[str, Any] = dict(moto_job.hyper_parameter_tuning_job_config or {})
    single = moto_job.training_job_definition
    several = list(moto_job.training_job_definitions or [])
    definitions = [dict(single)] if single else [dict(item) for item in several]
    limits = config.get("ResourceLimits") or {}
    objective = config.get("HyperParameterTuningJobObjective")
    if not objective and several:
        objective = several[0].get("TuningObjective")
    ranges = config.get("ParameterRanges")
    if not ranges and definitions:
        ranges = definitions[0].get("HyperParameterRanges")
    creation_time = _aware(moto_job.creation_time)
    status = str(moto_job.hyper_parameter_tuning_job_status)

    job: FakeTuningJob | None = None
    if objective and ranges:
        try:
            spec = make_spec(
                name=name,
                training_jobs=limits.get("MaxNumberOfTrainingJobs") or DEFAULT_TRAINING_JOBS,
                status=status,
                objective_metric=objective.get("MetricName"),
                objective_type=objective.get("Type"),
                strategy=config.get("Strategy", "Bayesian"),
                parameter_ranges=ranges,
                max_parallel_training_jobs=limits.get("MaxParallelTrainingJobs"),
                training_job_definitions=[_definition_entry(item) for item in several]
                if several
                else None,
                region=region,
                account_id=account_id,
            )
            job = build_tuning_job(spec, seed=seed, name=name, creation_time=creation_time)
        except HptUsageError:
            job = None
    if job is None:
        job = _without_training_jobs(moto_job, config, objective, status, region, account_id)

    # What the caller sent to moto wins over generated settings.
    job.arn = str(moto_job.arn)
    job.training_job_definitions = definitions
    job.warm_start_config = moto_job.warm_start_config or None
    job.max_number_of_training_jobs = limits.get("MaxNumberOfTrainingJobs")
    job.training_job_early_stopping_type = config.get("TrainingJobEarlyStoppingType", "Off")
    if moto_job.failure_reason:
        job.failure_reason = str(moto_job.failure_reason)
    return job


def _definition_entry(definition: dict[str, Any]) -> dict[str, Any]:
    entry = {"DefinitionName": definition.get("DefinitionName")}
    if definition.get("HyperParameterRanges"):
        entry["HyperParameterRanges"] = definition["HyperParameterRanges"]
    if definition.get("TuningObjective"):
        entry["TuningObjective"] = definition["TuningObjective"]
    return entry


def _without_training_jobs(
    moto_job: Any,
    config: dict[str, Any],
    objective: dict[str, Any] | None,
    status: str,
    region: str,
    account_id: str,
) -> FakeTuningJob:
    objective = objective or {}
    limits = config.get("ResourceLimits") or {}
    return FakeTuningJob(
        name=str(moto_job.hyper_parameter_tuning_job_name),
        arn=str(moto_job.arn),
        region=region,
        account_id=account_id,
        status=status,
        objective_metric=str(objective.get("MetricName", "")),
        objective_type=str(objective.get("Type", "Maximize")),
        strategy=str(config.get("Strategy", "Bayesian")),
        parameter_ranges=dict(config.get("ParameterRanges") or {}),
        max_parallel_training_jobs=int(limits.get("MaxParallelTrainingJobs") or 1),
        training_job_definitions=[],
        creation_time=_aware(moto_job.creation_time),
        end_time=_aware(moto_job.hyper_parameter_tuning_end_time),
    )


def _aware(moment: datetime) -> datetime:
    """Return a timezone-aware UTC datetime; moto keeps naive UTC times."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
