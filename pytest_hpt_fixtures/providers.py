"""A Faker provider for the SageMaker hyperparameter tuning domain.

Every method draws from `self.generator.random`, so seeding the Faker
instance fixes every value. Use it on its own:

    fake = Faker()
    fake.add_provider(TuningJobProvider)
    fake.training_job_name("xgboost-251204-1530", 7)

or through factory_boy: `factory.Faker("failure_reason")` once the provider
is added with `factory.Faker.add_provider(TuningJobProvider)`.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from faker.providers import BaseProvider

# Algorithm and framework names that SageMaker users put in front of job names.
_JOB_BASES = (
    "xgboost",
    "lightgbm",
    "catboost",
    "linear-learner",
    "sklearn",
    "pytorch-training",
    "tf-training",
    "hf-pytorch",
    "autogluon",
    "knn",
    "factorization",
    "blazingtext",
)

# Objective metrics as SageMaker's built-in algorithms and common training
# scripts emit them, each with the direction in which it improves and the
# interval its values fall in.
METRICS: dict[str, tuple[str, float, float]] = {
    "validation:auc": ("Maximize", 0.5, 1.0),
    "validation:accuracy": ("Maximize", 0.5, 1.0),
    "validation:f1": ("Maximize", 0.3, 1.0),
    "validation:ndcg": ("Maximize", 0.4, 1.0),
    "validation:map": ("Maximize", 0.3, 1.0),
    "validation:rmse": ("Minimize", 0.05, 5.0),
    "validation:mae": ("Minimize", 0.05, 4.0),
    "validation:logloss": ("Minimize", 0.05, 1.5),
    "validation:mse": ("Minimize", 0.01, 25.0),
    "validation:error": ("Minimize", 0.0, 0.5),
    "train:loss": ("Minimize", 0.01, 3.0),
    "val_loss": ("Minimize", 0.01, 3.0),
    "test:accuracy": ("Maximize", 0.5, 1.0),
}

# (error type, message templates) in the form SageMaker reports training
# job failures: "<ErrorType>: <detail>".
_FAILURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "AlgorithmError",
        (
            'ExecuteUserScriptError: ExitCode 1 ErrorMessage "RuntimeError: CUDA out of '
            'memory. Tried to allocate {mib} MiB" Command "/opt/conda/bin/python3.10 train.py"',
            'ExecuteUserScriptError: ExitCode 1 ErrorMessage "ValueError: Input contains NaN, '
            "infinity or a value too large for dtype('float32').\"",
            "framework error: Training stopped because the loss became NaN at epoch {epoch}.",
            "Please ensure the hyperparameter values are valid: {param} is out of range.",
            "Exit code {code}: the training process ran out of memory on {instance}.",
        ),
    ),
    (
        "ClientError",
        (
            "Data download failed: Failed to download data. 403 Forbidden: Access Denied "
            "for s3://{bucket}/train/part-{part:05d}.csv",
            "Unable to parse the training data: row {row} has {columns} columns, "
            "expected {expected}.",
            "No files found in the S3 prefix s3://{bucket}/validation/.",
            "The checkpoint s3://{bucket}/checkpoints/ could not be read: NoSuchKey.",
        ),
    ),
    (
        "CapacityError",
        (
            "Unable to provision the requested ML compute capacity for {instance}. "
            "Retry with another instance type or later.",
            "Insufficient capacity for {instance} in the Availability Zone.",
        ),
    ),
    (
        "InternalServerError",
        ("We encountered an internal error. Retry the training job.",),
    ),
    (
        "ResourceLimitExceeded",
        ("The account-level service limit for {instance} for training job usage is {limit}.",),
    ),
)

_INSTANCE_TYPES = (
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.c5.2xlarge",
    "ml.c5.4xlarge",
    "ml.g4dn.xlarge",
    "ml.g5.2xlarge",
    "ml.p3.2xlarge",
)

# Tuning jobs are placed in 2025 so that generated data never depends on
# today's date.
_EPOCH_START = datetime(2025, 1, 1, tzinfo=timezone.utc)
_EPOCH_SPAN_SECONDS = 365 * 24 * 3600


@functools.lru_cache(maxsize=1)
def _partition_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    import botocore.loaders

    partitions = botocore.loaders.Loader().load_data("partitions")["partitions"]
    return tuple((entry["id"], re.compile(entry["regionRegex"])) for entry in partitions)


def partition_for_region(region: str) -> str:
    """Return the ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`...).

    Reads the region patterns from botocore's partition data; a region that
    matches none of them is placed in `aws`.
    """
    for partition, pattern in _partition_patterns():
        if pattern.match(region):
            return partition
    return "aws"


def sagemaker_arn(resource_type: str, name: str, region: str, account_id: str) -> str:
    """Return the ARN of a SageMaker resource; SageMaker lower-cases the name in ARNs."""
    partition = partition_for_region(region)
    return f"arn:{partition}:sagemaker:{region}:{account_id}:{resource_type}/{name.lower()}"


class TuningJobProvider(BaseProvider):
    """Faker provider of tuning job names, ARNs, metrics and failure reasons."""

    def tuning_job_name(self, base: str | None = None) -> str:
        """Return a name like `xgboost-250317-1042`, as the SageMaker SDK makes them.

        At most 32 characters, the limit of HyperParameterTuningJobName.
        """
        base = base or self.random_element(_JOB_BASES)
        moment = self.tuning_job_creation_time()
        stamp = moment.strftime("%y%m%d-%H%M")
        return f"{base[: 32 - len(stamp) - 1].rstrip('-')}-{stamp}"

    def training_job_name(self, tuning_job_name: str, index: int) -> str:
        """Return `<tuning job>-<3-digit index>-<8 hex chars>`, SageMaker's scheme.

        The index takes more digits past 999; the result stays within 63 characters.
        """
        suffix = f"{index:03d}-{self.hex_suffix()}"
        return f"{tuning_job_name[: 63 - len(suffix) - 1]}-{suffix}"

    def hex_suffix(self, length: int = 8) -> str:
        return "".join(self.random_element("0123456789abcdef") for _ in range(length))

    def tuning_job_arn(self, name: str, region: str = "us-east-1", account_id: str = "") -> str:
        return sagemaker_arn(
            "hyper-parameter-tuning-job", name, region, account_id or self.account_id()
        )

    def training_job_arn(self, name: str, region: str = "us-east-1", account_id: str = "") -> str:
        return sagemaker_arn("training-job", name, region, account_id or self.account_id())

    def account_id(self) -> str:
        return "".join(str(self.random_digit()) for _ in range(12))

    def tuning_job_creation_time(self) -> datetime:
        """Return a creation time in 2025, whole seconds, in UTC."""
        offset = self.generator.random.randrange(_EPOCH_SPAN_SECONDS)
        return _EPOCH_START + timedelta(seconds=offset)

    def objective_metric_name(self) -> str:
        return str(self.random_element(tuple(METRICS)))

    def objective_metric_value(self, metric_name: str, quality: float | None = None) -> float:
        """Return a value that fits the metric: AUC in [0.5, 1], RMSE positive...

        `quality` in [0, 1] places the value between the metric's worst and
        best end; without it the place is random.
        """
        direction, low, high = metric_bounds(metric_name)
        if quality is None:
            quality = self.generator.random.random()
        # A logistic curve keeps values inside the interval without piling
        # them up at its ends, so the best job is rarely tied.
        quality = 1.0 / (1.0 + math.exp(-6.0 * (quality - 0.5)))
        if direction == "Maximize":
            value = low + (high - low) * quality
        else:
            value = high - (high - low) * quality
        return round(value, 6)

    def failure_reason(self) -> str:
        """Return a FailureReason such as `ClientError: Data download failed: ...`."""
        error_type, templates = self.random_element(_FAILURES)
        template = self.random_element(templates)
        detail = template.format(
            mib=self.random_int(256, 16384),
            epoch=self.random_int(1, 50),
            param=self.random_element(("eta", "max_depth", "learning_rate", "num_round")),
            code=self.random_element((1, 2, 137, 139)),
            instance=self.random_element(_INSTANCE_TYPES),
            bucket=f"{self.generator.word()}-ml-data-{self.hex_suffix(6)}",
            part=self.random_int(0, 999),
            row=self.random_int(2, 100000),
            columns=self.random_int(2, 40),
            expected=self.random_int(2, 40),
            limit=self.random_int(0, 8),
        )
        return f"{error_type}: {detail}"

    def instance_type(self) -> str:
        return str(self.random_element(_INSTANCE_TYPES))

    def hyperparameter_value(self, parameter_range: dict[str, Any], kind: str) -> str:
        """Return a value drawn from one SageMaker parameter range, as a string.

        `kind` is `Integer`, `Continuous` or `Categorical`; the range is a dict
        as SageMaker declares it (`MinValue`, `MaxValue`, `ScalingType`, or `Values`).
        """
        position = self.generator.random.random()
        return value_at(parameter_range, kind, position)


def metric_bounds(metric_name: str) -> tuple[str, float, float]:
    """Return (direction, low, high) for a metric; unknown names count as losses."""
    if metric_name in METRICS:
        return METRICS[metric_name]
    lowered = metric_name.lower()
    if any(word in lowered for word in ("auc", "acc", "f1", "precision", "recall", "ndcg", "map")):
        return ("Maximize", 0.5, 1.0)
    return ("Minimize", 0.01, 3.0)


def value_at(parameter_range: dict[str, Any], kind: str, position: float) -> str:
    """Return the value at `position` in [0, 1) of a parameter range, as SageMaker writes it."""
    if kind == "Categorical":
        values = parameter_range["Values"]
        return str(values[min(len(values) - 1, int(position * len(values)))])
    low = float(parameter_range["MinValue"])
    high = float(parameter_range["MaxValue"])
    scaling = parameter_range.get("ScalingType", "Auto")
    value = scale(low, high, position, scaling)
    if kind == "Integer":
        return str(min(int(high), max(int(low), math.floor(value + 0.5))))
    return format(value, ".6g")


def scale(low: float, high: float, position: float, scaling: str) -> float:
    """Map `position` in [0, 1] onto [low, high] with SageMaker's scaling types."""
    if scaling == "Logarithmic" and low > 0:
        return math.exp(math.log(low) + position * (math.log(high) - math.log(low)))
    if scaling == "ReverseLogarithmic" and high < 1:
        # Logarithmic in (1 - value): dense close to 1, as for momentum or beta.
        return 1 - math.exp(math.log(1 - low) + position * (math.log(1 - high) - math.log(1 - low)))
    return low + position * (high - low)


def position_of(parameter_range: dict[str, Any], kind: str, value: str) -> float:
    """Return where a value lies in its range, in [0, 1], on the range's own scale."""
    if kind == "Categorical":
        values = [str(item) for item in parameter_range["Values"]]
        if len(values) == 1 or value not in values:
            return 0.5
        return values.index(value) / (len(values) - 1)
    low = float(parameter_range["MinValue"])
    high = float(parameter_range["MaxValue"])
    if high <= low:
        return 0.5
    number = float(value)
    scaling = parameter_range.get("ScalingType", "Auto")
    if scaling == "Logarithmic" and low > 0 and number > 0:
        return (math.log(number) - math.log(low)) / (math.log(high) - math.log(low))
    if scaling == "ReverseLogarithmic" and high < 1 and number < 1:
        return (math.log(1 - number) - math.log(1 - low)) / (math.log(1 - high) - math.log(1 - low))
    return (number - low) / (high - low)
