"""A Faker provider for the SageMaker hyperparameter tuning domain.

Every method draws from `self.generator.random`, so seeding the Faker
instance fixes every value. Use it on its own:

    fake = Faker()
    fake.add_provider(TuningJobProvider)
    fake.seed_instance(7)
    fake.training_job_name("xgboost-240317-1042", 7)

or through factory_boy, after `factory.Faker.add_provider(TuningJobProvider)`:
`factory.Faker("failure_reason")`. factory_boy's `factory.random.reseed_random`
then fixes these values too.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
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
# scripts emit them: the direction in which each improves and the interval its
# values fall in. Scores such as AUC and accuracy lie in [0, 1], and losses and
# error measures are positive.
METRICS: dict[str, tuple[str, float, float]] = {
    "validation:auc": ("Maximize", 0.5, 1.0),
    "validation:accuracy": ("Maximize", 0.5, 1.0),
    "validation:f1": ("Maximize", 0.3, 1.0),
    "validation:precision": ("Maximize", 0.3, 1.0),
    "validation:recall": ("Maximize", 0.3, 1.0),
    "validation:ndcg": ("Maximize", 0.4, 1.0),
    "validation:map": ("Maximize", 0.3, 1.0),
    "validation:rmse": ("Minimize", 0.05, 5.0),
    "validation:mae": ("Minimize", 0.05, 4.0),
    "validation:mse": ("Minimize", 0.01, 25.0),
    "validation:logloss": ("Minimize", 0.05, 1.5),
    "validation:error": ("Minimize", 0.001, 0.5),
    "validation:objective_loss": ("Minimize", 0.01, 3.0),
    "train:loss": ("Minimize", 0.01, 3.0),
    "val_loss": ("Minimize", 0.01, 3.0),
    "test:accuracy": ("Maximize", 0.5, 1.0),
}

# Words in a metric name that tell its direction when the name is not in METRICS.
_SCORE_WORDS = frozenset({"auc", "acc", "accuracy", "f1", "precision", "recall", "ndcg", "map"})
_SCORE_RANGE = (0.5, 1.0)
_LOSS_RANGE = (0.01, 3.0)

# (error type, detail templates): SageMaker reports a failed training job's
# FailureReason as "<ErrorType>: <detail>".
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

FAILURE_ERROR_TYPES = tuple(error_type for error_type, _ in _FAILURES)

_INSTANCE_TYPES = (
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.c5.2xlarge",
    "ml.c5.4xlarge",
    "ml.g4dn.xlarge",
    "ml.g5.2xlarge",
    "ml.p3.2xlarge",
)

# Regions where SageMaker runs, from the aws, aws-cn and aws-us-gov partitions.
REGIONS = (
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-west-1",
    "eu-central-1",
    "eu-north-1",
    "ap-northeast-1",
    "ap-southeast-2",
    "ap-south-1",
    "me-south-1",
    "af-south-1",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-west-1",
    "us-gov-east-1",
)

# Parameter ranges of common algorithms, in SageMaker's `ParameterRanges`
# form. Multi-definition tuning jobs give each definition its algorithm's ranges.
ALGORITHM_PARAMETER_RANGES: dict[str, dict[str, list[dict[str, Any]]]] = {
    "xgboost": {
        "IntegerParameterRanges": [
            {"Name": "max_depth", "MinValue": "3", "MaxValue": "10", "ScalingType": "Auto"},
            {"Name": "num_round", "MinValue": "50", "MaxValue": "500", "ScalingType": "Linear"},
        ],
        "ContinuousParameterRanges": [
            {"Name": "eta", "MinValue": "0.01", "MaxValue": "0.5", "ScalingType": "Logarithmic"},
            {"Name": "subsample", "MinValue": "0.5", "MaxValue": "1", "ScalingType": "Linear"},
            {
                "Name": "alpha",
                "MinValue": "0.0001",
                "MaxValue": "10",
                "ScalingType": "Logarithmic",
            },
        ],
        "CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree", "dart"]}],
    },
    "lightgbm": {
        "IntegerParameterRanges": [
            {
                "Name": "num_leaves",
                "MinValue": "16",
                "MaxValue": "256",
                "ScalingType": "Logarithmic",
            },
            {"Name": "min_data_in_leaf", "MinValue": "5", "MaxValue": "100", "ScalingType": "Auto"},
        ],
        "ContinuousParameterRanges": [
            {
                "Name": "learning_rate",
                "MinValue": "0.005",
                "MaxValue": "0.3",
                "ScalingType": "Logarithmic",
            },
            {
                "Name": "feature_fraction",
                "MinValue": "0.5",
                "MaxValue": "1",
                "ScalingType": "Linear",
            },
        ],
        "CategoricalParameterRanges": [
            {"Name": "boosting", "Values": ["gbdt", "dart", "goss"]},
        ],
    },
    "catboost": {
        "IntegerParameterRanges": [
            {"Name": "depth", "MinValue": "4", "MaxValue": "10", "ScalingType": "Linear"},
        ],
        "ContinuousParameterRanges": [
            {
                "Name": "learning_rate",
                "MinValue": "0.01",
                "MaxValue": "0.3",
                "ScalingType": "Logarithmic",
            },
            {"Name": "l2_leaf_reg", "MinValue": "1", "MaxValue": "10", "ScalingType": "Linear"},
        ],
    },
    "linear-learner": {
        "IntegerParameterRanges": [
            {
                "Name": "mini_batch_size",
                "MinValue": "100",
                "MaxValue": "5000",
                "ScalingType": "Logarithmic",
            },
        ],
        "ContinuousParameterRanges": [
            {
                "Name": "learning_rate",
                "MinValue": "0.0001",
                "MaxValue": "1",
                "ScalingType": "Logarithmic",
            },
            {
                "Name": "momentum",
                "MinValue": "0.5",
                "MaxValue": "0.999",
                "ScalingType": "ReverseLogarithmic",
            },
            {"Name": "wd", "MinValue": "0.000001", "MaxValue": "1", "ScalingType": "Logarithmic"},
        ],
        "CategoricalParameterRanges": [
            {"Name": "optimizer", "Values": ["adam", "sgd", "rmsprop"]},
        ],
    },
    "sklearn-rf": {
        "IntegerParameterRanges": [
            {
                "Name": "n_estimators",
                "MinValue": "50",
                "MaxValue": "1000",
                "ScalingType": "Logarithmic",
            },
            {"Name": "max_depth", "MinValue": "3", "MaxValue": "30", "ScalingType": "Linear"},
            {"Name": "min_samples_leaf", "MinValue": "1", "MaxValue": "20", "ScalingType": "Auto"},
        ],
        "CategoricalParameterRanges": [
            {"Name": "max_features", "Values": ["sqrt", "log2"]},
        ],
    },
    "pytorch-mlp": {
        "IntegerParameterRanges": [
            {
                "Name": "hidden_units",
                "MinValue": "32",
                "MaxValue": "1024",
                "ScalingType": "Logarithmic",
            },
        ],
        "ContinuousParameterRanges": [
            {"Name": "lr", "MinValue": "0.00001", "MaxValue": "0.1", "ScalingType": "Logarithmic"},
            {"Name": "dropout", "MinValue": "0", "MaxValue": "0.5", "ScalingType": "Linear"},
            {
                "Name": "momentum",
                "MinValue": "0.5",
                "MaxValue": "0.999",
                "ScalingType": "ReverseLogarithmic",
            },
        ],
        "CategoricalParameterRanges": [
            {"Name": "batch_size", "Values": ["32", "64", "128", "256"]},
        ],
    },
    "tf-dnn": {
        "IntegerParameterRanges": [
            {"Name": "epochs", "MinValue": "5", "MaxValue": "50", "ScalingType": "Linear"},
        ],
        "ContinuousParameterRanges": [
            {
                "Name": "learning_rate",
                "MinValue": "0.00001",
                "MaxValue": "0.01",
                "ScalingType": "Logarithmic",
            },
            {
                "Name": "beta_1",
                "MinValue": "0.8",
                "MaxValue": "0.999",
                "ScalingType": "ReverseLogarithmic",
            },
        ],
        "CategoricalParameterRanges": [{"Name": "optimizer", "Values": ["adam", "sgd"]}],
    },
    "knn": {
        "IntegerParameterRanges": [
            {"Name": "k", "MinValue": "1", "MaxValue": "100", "ScalingType": "Auto"},
            {
                "Name": "sample_size",
                "MinValue": "500",
                "MaxValue": "20000",
                "ScalingType": "Logarithmic",
            },
        ],
        "CategoricalParameterRanges": [
            {"Name": "dimension_reduction_type", "Values": ["sign", "fjlt"]},
        ],
    },
    "factorization-machines": {
        "IntegerParameterRanges": [
            {"Name": "num_factors", "MinValue": "2", "MaxValue": "64", "ScalingType": "Auto"},
            {"Name": "epochs", "MinValue": "1", "MaxValue": "100", "ScalingType": "Linear"},
        ],
        "ContinuousParameterRanges": [
            {
                "Name": "bias_lr",
                "MinValue": "0.0001",
                "MaxValue": "0.1",
                "ScalingType": "Logarithmic",
            },
        ],
    },
    "autogluon-tabular": {
        "ContinuousParameterRanges": [
            {
                "Name": "learning_rate",
                "MinValue": "0.001",
                "MaxValue": "0.1",
                "ScalingType": "Logarithmic",
            },
        ],
        "CategoricalParameterRanges": [
            {"Name": "presets", "Values": ["medium_quality", "good_quality", "best_quality"]},
        ],
    },
}

RANGE_KINDS = {
    "IntegerParameterRanges": "Integer",
    "ContinuousParameterRanges": "Continuous",
    "CategoricalParameterRanges": "Categorical",
}

# Tuning jobs are placed in 2024, so that generated data never depends on
# today's date and no generated time lies in the future.
_EPOCH_START = datetime(2024, 1, 1, tzinfo=timezone.utc)
_EPOCH_SPAN_SECONDS = 366 * 24 * 3600


@functools.lru_cache(maxsize=1)
def _partitions() -> tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]:
    import botocore.loaders

    partitions = botocore.loaders.Loader().load_data("partitions")["partitions"]
    return tuple(
        (entry["id"], frozenset(entry["regions"]), re.compile(entry["regionRegex"]))
        for entry in partitions
    )


def partition_for_region(region: str) -> str:
    """Return the ARN partition of a region: `aws`, `aws-cn`, `aws-us-gov`...

    Reads botocore's partition data, first its region lists, then its region
    patterns. A region that matches none of them is placed in `aws`.
    """
    for partition, regions, _ in _partitions():
        if region in regions:
            return partition
    for partition, _, pattern in _partitions():
        if pattern.match(region):
            return partition
    return "aws"


def sagemaker_arn(resource_type: str, name: str, region: str, account_id: str) -> str:
    """Return the ARN of a SageMaker resource; SageMaker lower-cases the name in ARNs."""
    partition = partition_for_region(region)
    return f"arn:{partition}:sagemaker:{region}:{account_id}:{resource_type}/{name.lower()}"


class TuningJobProvider(BaseProvider):
    """Faker provider of tuning job names, ARNs, times, metrics, hyperparameters and failures."""

    def tuning_job_name(
        self, base: str | None = None, creation_time: datetime | None = None
    ) -> str:
        """Return a name like `xgboost-240317-1042`, as the SageMaker SDK makes them.

        The stamp is the creation time's `%y%m%d-%H%M` (a random 2024 time when
        none is given). At most 32 characters, the limit of
        HyperParameterTuningJobName.
        """
        base = base or self.job_base_name()
        moment = creation_time or self.tuning_job_creation_time()
        stamp = moment.strftime("%y%m%d-%H%M")
        return f"{base[: 32 - len(stamp) - 1].rstrip('-')}-{stamp}"

    def job_base_name(self) -> str:
        """Return an algorithm or framework name that starts job names, such as `xgboost`."""
        return str(self.random_element(_JOB_BASES))

    def training_job_name(self, tuning_job_name: str, index: int) -> str:
        """Return `<tuning job>-<3-digit index>-<8 hex chars>`, SageMaker's scheme.

        The index takes more digits past 999. The tuning job name is shortened
        when needed, so that the result fits TrainingJobName's 63 characters.
        """
        suffix = f"{index:03d}-{self.hex_suffix()}"
        prefix = tuning_job_name[: 63 - len(suffix) - 1].rstrip("-")
        return f"{prefix}-{suffix}"

    def hex_suffix(self, length: int = 8) -> str:
        """Return `length` lower-case hex digits."""
        if length <= 0:
            return ""
        return format(self.generator.random.getrandbits(4 * length), f"0{length}x")

    def account_id(self) -> str:
        """Return a 12-digit AWS account id."""
        return "".join(str(self.random_digit()) for _ in range(12))

    def sagemaker_region(self) -> str:
        """Return a region where SageMaker runs, from any of the commercial,
        China and GovCloud partitions."""
        return str(self.random_element(REGIONS))

    def tuning_job_arn(
        self, name: str, region: str = "us-east-1", account_id: str | None = None
    ) -> str:
        """Return the tuning job's ARN, in the partition of `region`."""
        return sagemaker_arn(
            "hyper-parameter-tuning-job", name, region, account_id or self.account_id()
        )

    def training_job_arn(
        self, name: str, region: str = "us-east-1", account_id: str | None = None
    ) -> str:
        """Return the training job's ARN, in the partition of `region`."""
        return sagemaker_arn("training-job", name, region, account_id or self.account_id())

    def tuning_job_creation_time(self) -> datetime:
        """Return a creation time in 2024, in whole seconds, in UTC."""
        offset = self.generator.random.randrange(_EPOCH_SPAN_SECONDS)
        return _EPOCH_START + timedelta(seconds=offset)

    def training_job_times(
        self, status: str = "Completed", creation_time: datetime | None = None
    ) -> tuple[datetime, datetime | None, datetime | None]:
        """Return (CreationTime, TrainingStartTime, TrainingEndTime) for a training job.

        CreationTime <= TrainingStartTime <= TrainingEndTime, to the millisecond.
        Finished jobs (Completed, Failed, Stopped) have an end time. InProgress
        and Stopping jobs have none, and an InProgress job may still be
        provisioning, without a start time.
        """
        if creation_time is None:
            creation_time = self.tuning_job_creation_time() + timedelta(
                seconds=self.generator.random.uniform(20, 600)
            )
        creation = _whole_milliseconds(creation_time)
        start = _whole_milliseconds(
            creation + timedelta(seconds=self.generator.random.uniform(60, 240))
        )
        durations = {"Completed": (300, 3600), "Failed": (30, 900), "Stopped": (120, 1200)}
        if status in durations:
            low, high = durations[status]
            end = start + timedelta(seconds=self.generator.random.uniform(low, high))
            return creation, start, _whole_milliseconds(end)
        if status == "InProgress" and self.generator.random.random() < 0.3:
            return creation, None, None
        return creation, start, None

    def objective_metric_name(self) -> str:
        """Return an objective metric name such as `validation:auc`."""
        return str(self.random_element(tuple(METRICS)))

    def objective_metric_value(
        self,
        metric_name: str = "validation:auc",
        quality: float | None = None,
        objective_type: str | None = None,
    ) -> float:
        """Return a value that fits the metric: AUC in [0.5, 1], RMSE positive...

        `quality` in [0, 1] places the value between the metric's worst and
        best end, where best is the high end for `Maximize` and the low end for
        `Minimize`. `objective_type` defaults to the metric's own direction.
        Without `quality` the place is random. The value stays strictly inside
        the metric's interval.
        """
        direction, low, high = metric_bounds(metric_name)
        if objective_type is not None:
            direction = objective_type
        if quality is None:
            quality = self.generator.random.random()
        quality = min(1.5, max(-0.5, quality))
        # A logistic curve keeps values inside the interval without piling
        # them up at its ends, so the best job is rarely tied.
        share = 1.0 / (1.0 + math.exp(-6.0 * (quality - 0.5)))
        if direction == "Maximize":
            value = low + (high - low) * share
        else:
            value = high - (high - low) * share
        return round(value, 6)

    def failure_reason(self, error_type: str | None = None) -> str:
        """Return a FailureReason such as `ClientError: Data download failed: ...`.

        `error_type` picks one of FAILURE_ERROR_TYPES (AlgorithmError,
        ClientError, CapacityError...), and by default it is random.
        """
        if error_type is None:
            error_type, templates = self.random_element(_FAILURES)
        else:
            known = dict(_FAILURES)
            if error_type not in known:
                raise ValueError(
                    f"error_type={error_type!r} is not known: use one of "
                    f"{', '.join(FAILURE_ERROR_TYPES)}."
                )
            templates = known[error_type]
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
        """Return a training instance type such as `ml.m5.xlarge`."""
        return str(self.random_element(_INSTANCE_TYPES))

    def parameter_ranges(self, algorithm: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Return an algorithm's parameter ranges in SageMaker's `ParameterRanges` form.

        `algorithm` is a key of ALGORITHM_PARAMETER_RANGES, and by default it is random.
        """
        if algorithm is None:
            algorithm = self.random_element(tuple(ALGORITHM_PARAMETER_RANGES))
        ranges = ALGORITHM_PARAMETER_RANGES[algorithm]
        return {key: [dict(item) for item in items] for key, items in ranges.items()}

    def hyperparameter_value(
        self, parameter_range: Mapping[str, Any], kind: str | None = None
    ) -> str:
        """Return a value drawn from one parameter range, as a string.

        The range is a dict as SageMaker declares it: `Name`, `MinValue`,
        `MaxValue` and `ScalingType`, or `Name` and `Values`. `kind` is
        `Integer`, `Continuous` or `Categorical`. By default a range with
        `Values` is categorical, one whose bounds are whole numbers is an
        integer range, and any other is continuous.
        """
        if kind is None:
            kind = range_kind(parameter_range)
        position = self.generator.random.random()
        return value_at(parameter_range, kind, position)

    def tuned_hyperparameters(self, parameter_ranges: Mapping[str, Any]) -> dict[str, str]:
        """Return one value per declared range, in the form of `TunedHyperParameters`."""
        values: dict[str, str] = {}
        for key, kind in RANGE_KINDS.items():
            for item in parameter_ranges.get(key, []):
                values[item["Name"]] = self.hyperparameter_value(item, kind)
        return values

    def training_job_summary(
        self,
        tuning_job_name: str | None = None,
        index: int = 1,
        status: str = "Completed",
        objective_metric: str = "validation:auc",
        parameter_ranges: Mapping[str, Any] | None = None,
        region: str = "us-east-1",
        account_id: str | None = None,
    ) -> dict[str, Any]:
        """Return one `HyperParameterTrainingJobSummary`, coherent with its status.

        Completed jobs carry the objective metric and ObjectiveStatus
        `Succeeded`. Failed jobs carry a FailureReason and `Failed`. InProgress
        and Stopping jobs are `Pending`, without end time or metric, and Stopped
        jobs carry the metric they reached. The objective value here does not
        depend on the hyperparameters, unlike in the builders behind
        `add_tuning_job`.
        """
        tuning_job_name = tuning_job_name or self.tuning_job_name()
        account_id = account_id or self.account_id()
        name = self.training_job_name(tuning_job_name, index)
        ranges = parameter_ranges or self.parameter_ranges("xgboost")
        creation, start, end = self.training_job_times(status)
        summary: dict[str, Any] = {
            "TrainingJobName": name,
            "TrainingJobArn": self.training_job_arn(name, region, account_id),
            "TuningJobName": tuning_job_name,
            "CreationTime": creation,
        }
        if start is not None:
            summary["TrainingStartTime"] = start
        if end is not None:
            summary["TrainingEndTime"] = end
        summary["TrainingJobStatus"] = status
        summary["TunedHyperParameters"] = self.tuned_hyperparameters(ranges)
        if status == "Failed":
            summary["FailureReason"] = self.failure_reason()
        if status in ("Completed", "Stopped"):
            direction = metric_bounds(objective_metric)[0]
            summary["FinalHyperParameterTuningJobObjectiveMetric"] = {
                "Type": direction,
                "MetricName": objective_metric,
                "Value": self.objective_metric_value(objective_metric),
            }
        summary["ObjectiveStatus"] = objective_status_for(status)
        return summary


def objective_status_for(status: str) -> str:
    """Return the ObjectiveStatus that goes with a TrainingJobStatus.

    Completed and early-stopped jobs report their metric (`Succeeded`),
    failed jobs report none (`Failed`), and running jobs wait (`Pending`).
    """
    if status in ("Completed", "Stopped"):
        return "Succeeded"
    if status == "Failed":
        return "Failed"
    return "Pending"


def _whole_milliseconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def metric_bounds(metric_name: str) -> tuple[str, float, float]:
    """Return (direction, low, high) for a metric.

    A name outside METRICS is a score in [0.5, 1] when one of its words is a
    score (auc, accuracy, f1, precision, recall, ndcg, map), and otherwise a
    positive loss in [0.01, 3].
    """
    if metric_name in METRICS:
        return METRICS[metric_name]
    words = set(re.split(r"[^a-z0-9]+", metric_name.lower()))
    if words & _SCORE_WORDS:
        return ("Maximize", *_SCORE_RANGE)
    return ("Minimize", *_LOSS_RANGE)


def range_kind(parameter_range: Mapping[str, Any]) -> str:
    """Return `Categorical`, `Integer` or `Continuous` for a range without its list key."""
    if "Values" in parameter_range:
        return "Categorical"
    bounds = (str(parameter_range["MinValue"]), str(parameter_range["MaxValue"]))
    if all(re.fullmatch(r"-?[0-9]+", bound) for bound in bounds):
        return "Integer"
    return "Continuous"


def value_at(parameter_range: Mapping[str, Any], kind: str, position: float) -> str:
    """Return the value at `position` in [0, 1) of a parameter range, as SageMaker writes it."""
    return ParsedRange(parameter_range, kind).value_at(position)


class ParsedRange:
    """One parameter range with its bounds read once, for drawing many values."""

    __slots__ = ("high", "kind", "low", "name", "range", "scaling", "values")

    def __init__(self, parameter_range: Mapping[str, Any], kind: str) -> None:
        self.range = parameter_range
        self.kind = kind
        self.name: str = parameter_range.get("Name", "")
        self.values: list[str] = []
        self.low = self.high = 0.0
        self.scaling = "Auto"
        if kind == "Categorical":
            self.values = [str(item) for item in parameter_range["Values"]]
        else:
            self.low = float(parameter_range["MinValue"])
            self.high = float(parameter_range["MaxValue"])
            self.scaling = parameter_range.get("ScalingType", "Auto")

    def value_at(self, position: float) -> str:
        """Return the value at `position` in [0, 1), as SageMaker writes it."""
        if self.kind == "Categorical":
            values = self.range["Values"]
            return str(values[min(len(values) - 1, int(position * len(values)))])
        low, high = self.low, self.high
        value = scale(low, high, position, self.scaling)
        if self.kind == "Integer":
            return str(min(int(high), max(int(low), math.floor(value + 0.5))))
        # Six significant digits. A value that rounding moved outside the range
        # becomes the bound itself, written as the range declares it.
        text = format(value, ".6g")
        if float(text) < low:
            return str(self.range["MinValue"])
        if float(text) > high:
            return str(self.range["MaxValue"])
        return text

    def position_of(self, value: str) -> float:
        """Return where `value` lies in the range, in [0, 1], on the range's own scale."""
        if self.kind == "Categorical":
            values = self.values
            if len(values) == 1 or value not in values:
                return 0.5
            return values.index(value) / (len(values) - 1)
        low, high = self.low, self.high
        if high <= low:
            return 0.5
        number = float(value)
        scaling = self.scaling
        if scaling == "Logarithmic" and low > 0 and number > 0:
            return (math.log(number) - math.log(low)) / (math.log(high) - math.log(low))
        if scaling == "ReverseLogarithmic" and high < 1 and number < 1:
            return (math.log(1 - number) - math.log(1 - low)) / (
                math.log(1 - high) - math.log(1 - low)
            )
        return (number - low) / (high - low)


def scale(low: float, high: float, position: float, scaling: str) -> float:
    """Map `position` in [0, 1] onto [low, high] with SageMaker's scaling types."""
    if scaling == "Logarithmic" and low > 0:
        return math.exp(math.log(low) + position * (math.log(high) - math.log(low)))
    if scaling == "ReverseLogarithmic" and high < 1:
        # Logarithmic in (1 - value): dense close to 1, as for momentum or beta.
        return 1 - math.exp(math.log(1 - low) + position * (math.log(1 - high) - math.log(1 - low)))
    return low + position * (high - low)


def position_of(parameter_range: Mapping[str, Any], kind: str, value: str) -> float:
    """Return where a value lies in its range, in [0, 1], on the range's own scale."""
    return ParsedRange(parameter_range, kind).position_of(value)
