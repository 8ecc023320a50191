"""Training job definitions of seeded tuning jobs: image, role, data, instances.

SageMaker stores one `HyperParameterTrainingJobDefinition` per definition of
a tuning job, and every training job it launches copies its settings from
one of them. The values here are derived from the tuning job's name, region
and account without drawing random numbers, so adding them changes no
generated summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .providers import partition_for_region

if TYPE_CHECKING:
    from .factories import TrainingJobDefinition

# `<base>-<yymmdd>-<hhmm>`, the form of generated and SageMaker SDK tuning job names.
_TIMESTAMP_SUFFIX = re.compile(r"-\d{6}-\d{4}$")
_GPU_BASES = ("pytorch", "tf-", "hf-", "autogluon")
_DNS_SUFFIX = {"aws-cn": "amazonaws.com.cn"}

# SageMaker default: one day of training time per training job.
MAX_RUNTIME_IN_SECONDS = 86400


def job_base_name(tuning_job_name: str) -> str:
    """Return the algorithm part of a tuning job name: `xgboost` for `xgboost-250317-1042`."""
    return _TIMESTAMP_SUFFIX.sub("", tuning_job_name) or tuning_job_name


def default_bucket(region: str, account_id: str) -> str:
    """Return the SageMaker SDK's default bucket name, `sagemaker-<region>-<account>`."""
    return f"sagemaker-{region}-{account_id}"


def build_definitions(
    definitions: Sequence[TrainingJobDefinition],
    *,
    named: bool,
    tuning_job_name: str,
    region: str,
    account_id: str,
) -> list[dict[str, Any]]:
    """Return the `HyperParameterTrainingJobDefinition` of each definition.

    Named definitions also carry their objective and ranges, as in the
    TrainingJobDefinitions of DescribeHyperParameterTuningJob.
    """
    built = []
    for definition in definitions:
        base = definition.name if definition.name else job_base_name(tuning_job_name)
        settings = _settings(base, definition.objective_metric, tuning_job_name, region, account_id)
        if named:
            named_definition: dict[str, Any] = {
                "DefinitionName": definition.name,
                "TuningObjective": {
                    "Type": definition.objective_type,
                    "MetricName": definition.objective_metric,
                },
                "HyperParameterRanges": definition.parameter_ranges,
            }
            settings = {**named_definition, **settings}
        built.append(settings)
    return built


def _settings(
    base: str, objective_metric: str, tuning_job_name: str, region: str, account_id: str
) -> dict[str, Any]:
    partition = partition_for_region(region)
    dns_suffix = _DNS_SUFFIX.get(partition, "amazonaws.com")
    bucket = default_bucket(region, account_id)
    gpu = any(base.startswith(prefix) for prefix in _GPU_BASES)
    image_name = re.sub(r"[^a-z0-9-]", "-", base.lower())
    return {
        "StaticHyperParameters": {},
        "AlgorithmSpecification": {
            "TrainingImage": f"{account_id}.dkr.ecr.{region}.{dns_suffix}/{image_name}:latest",
            "TrainingInputMode": "File",
            "MetricDefinitions": [
                {"Name": objective_metric, "Regex": f"{re.escape(objective_metric)}=([-0-9.eE+]+)"}
            ],
        },
        "RoleArn": f"arn:{partition}:iam::{account_id}:role/service-role/SageMakerExecutionRole",
        "InputDataConfig": [
            _channel("train", f"s3://{bucket}/{tuning_job_name}/input/train"),
            _channel("validation", f"s3://{bucket}/{tuning_job_name}/input/validation"),
        ],
        "OutputDataConfig": {"S3OutputPath": f"s3://{bucket}/{tuning_job_name}/output"},
        "ResourceConfig": {
            "InstanceType": "ml.g5.2xlarge" if gpu else "ml.m5.xlarge",
            "InstanceCount": 1,
            "VolumeSizeInGB": 30,
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": MAX_RUNTIME_IN_SECONDS},
        "EnableNetworkIsolation": False,
        "EnableInterContainerTrafficEncryption": False,
        "EnableManagedSpotTraining": False,
    }


def _channel(name: str, uri: str) -> dict[str, Any]:
    return {
        "ChannelName": name,
        "DataSource": {
            "S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": uri,
                "S3DataDistributionType": "FullyReplicated",
            }
        },
        "ContentType": "text/csv",
        "CompressionType": "None",
    }
