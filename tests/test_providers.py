"""The Faker provider of the tuning domain, on its own, through factory_boy and as a fixture."""

from __future__ import annotations

import math
import random
import re
from datetime import datetime, timezone
from typing import Any

import factory
import factory.random
import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_hpt_fixtures import TuningJobProvider, shape_problems
from pytest_hpt_fixtures.providers import (
    ALGORITHM_PARAMETER_RANGES,
    FAILURE_ERROR_TYPES,
    METRICS,
    REGIONS,
    metric_bounds,
    partition_for_region,
    range_kind,
)

# The partition of each region, written out here as the oracle for ARNs.
EXPECTED_PARTITIONS = {
    "us-east-1": "aws",
    "eu-west-1": "aws",
    "ap-southeast-2": "aws",
    "cn-north-1": "aws-cn",
    "cn-northwest-1": "aws-cn",
    "us-gov-west-1": "aws-us-gov",
    "us-gov-east-1": "aws-us-gov",
    "us-iso-east-1": "aws-iso",
    "us-isob-east-1": "aws-iso-b",
}

SCORE_METRICS = [name for name in METRICS if METRICS[name][0] == "Maximize"]
LOSS_METRICS = [name for name in METRICS if METRICS[name][0] == "Minimize"]


def make_faker(seed: int) -> Any:
    fake = Faker()
    fake.add_provider(TuningJobProvider)
    fake.seed_instance(seed)
    return fake


def draw_everything(fake: Any) -> list[Any]:
    """Call every provider method once, in a fixed order."""
    ranges = fake.parameter_ranges()
    return [
        fake.job_base_name(),
        fake.tuning_job_name(),
        fake.training_job_name("xgboost-240101-0000", 3),
        fake.hex_suffix(),
        fake.account_id(),
        fake.sagemaker_region(),
        fake.tuning_job_arn("xgboost-240101-0000"),
        fake.training_job_arn("Xgb-001-abc", "cn-north-1"),
        fake.tuning_job_creation_time(),
        fake.training_job_times("Completed"),
        fake.objective_metric_name(),
        fake.objective_metric_value("validation:rmse"),
        fake.failure_reason(),
        fake.instance_type(),
        ranges,
        fake.tuned_hyperparameters(ranges),
        fake.training_job_summary(status="Failed"),
    ]


def test_provider_same_seed_same_values() -> None:
    assert draw_everything(make_faker(11)) == draw_everything(make_faker(11))


def test_provider_different_seeds_differ() -> None:
    assert draw_everything(make_faker(11)) != draw_everything(make_faker(12))


def test_provider_ignores_global_random_state() -> None:
    random.seed(1)
    first = draw_everything(make_faker(5))
    random.seed(2)
    second = draw_everything(make_faker(5))

    assert first == second


def test_provider_leaves_global_random_state_alone() -> None:
    fake = make_faker(5)
    before = random.getstate()
    draw_everything(fake)

    assert random.getstate() == before


@pytest.mark.parametrize(
    ("index", "digits"),
    [(1, "001"), (7, "007"), (999, "999"), (1000, "1000"), (123456, "123456")],
)
def test_training_job_name_index_digits(index: int, digits: str) -> None:
    name = make_faker(1).training_job_name("xgboost-240101-0000", index)

    assert re.fullmatch(rf"xgboost-240101-0000-{digits}-[0-9a-f]{{8}}", name)


@given(
    tuning_job_name=st.from_regex(r"[a-zA-Z0-9](-?[a-zA-Z0-9]){0,31}", fullmatch=True),
    index=st.integers(1, 10**7),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=60, deadline=None)
def test_training_job_name_fits_shape(tuning_job_name: str, index: int, seed: int) -> None:
    name = make_faker(seed).training_job_name(tuning_job_name, index)

    assert shape_problems("TrainingJobName", name) == []
    assert re.fullmatch(rf".+-{index:03d}-[0-9a-f]{{8}}", name)


@pytest.mark.parametrize(("region", "partition"), sorted(EXPECTED_PARTITIONS.items()))
def test_training_job_arn_partition(region: str, partition: str) -> None:
    arn = make_faker(1).training_job_arn("XGBoost-240101-0000-001-0a1b2c3d", region, "111122223333")

    assert arn == (
        f"arn:{partition}:sagemaker:{region}:111122223333:"
        "training-job/xgboost-240101-0000-001-0a1b2c3d"
    )
    assert shape_problems("TrainingJobArn", arn) == []


@pytest.mark.parametrize(("region", "partition"), sorted(EXPECTED_PARTITIONS.items()))
def test_partition_for_region(region: str, partition: str) -> None:
    assert partition_for_region(region) == partition


def test_tuning_job_arn_lower_cases_name() -> None:
    arn = make_faker(1).tuning_job_arn("My-Tuning-Job", "us-gov-west-1", "111122223333")

    assert arn == (
        "arn:aws-us-gov:sagemaker:us-gov-west-1:111122223333:"
        "hyper-parameter-tuning-job/my-tuning-job"
    )


def test_sagemaker_region_known_partition() -> None:
    fake = make_faker(3)
    regions = {fake.sagemaker_region() for _ in range(200)}

    assert regions <= set(REGIONS)
    assert {partition_for_region(region) for region in regions} == {"aws", "aws-cn", "aws-us-gov"}


@pytest.mark.parametrize("length", [0, 1, 8, 13])
def test_hex_suffix_length(length: int) -> None:
    assert re.fullmatch(rf"[0-9a-f]{{{length}}}", make_faker(1).hex_suffix(length))


def test_account_id_twelve_digits() -> None:
    assert re.fullmatch(r"[0-9]{12}", make_faker(2).account_id())


def test_tuning_job_name_stamp_matches_creation_time() -> None:
    moment = datetime(2024, 3, 17, 10, 42, 5, tzinfo=timezone.utc)

    assert make_faker(1).tuning_job_name("xgboost", moment) == "xgboost-240317-1042"


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_tuning_job_name_fits_shape(seed: int) -> None:
    name = make_faker(seed).tuning_job_name()

    assert shape_problems("HyperParameterTuningJobName", name) == []


def test_tuning_job_name_long_base_shortened() -> None:
    name = make_faker(1).tuning_job_name("a-very-long-base-name-for-a-tuning-job")

    assert len(name) <= 32
    assert shape_problems("HyperParameterTuningJobName", name) == []


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_tuning_job_creation_time_in_2024_utc(seed: int) -> None:
    moment = make_faker(seed).tuning_job_creation_time()

    assert moment.tzinfo is timezone.utc
    assert moment.year == 2024
    assert moment.microsecond == 0


@given(
    seed=st.integers(0, 2**32 - 1),
    status=st.sampled_from(["Completed", "Failed", "Stopped", "InProgress", "Stopping"]),
)
@settings(max_examples=60, deadline=None)
def test_training_job_times_ordered(seed: int, status: str) -> None:
    creation, start, end = make_faker(seed).training_job_times(status)

    assert creation.tzinfo is not None
    if start is not None:
        assert creation <= start
    if end is not None:
        assert start is not None
        assert start <= end


@pytest.mark.parametrize("status", ["Completed", "Failed", "Stopped"])
def test_training_job_times_finished_have_end(status: str) -> None:
    _, start, end = make_faker(4).training_job_times(status)

    assert start is not None
    assert end is not None


@pytest.mark.parametrize("status", ["InProgress", "Stopping"])
def test_training_job_times_running_have_no_end(status: str) -> None:
    for seed in range(20):
        _, _, end = make_faker(seed).training_job_times(status)
        assert end is None


def test_training_job_times_given_creation_time_kept() -> None:
    moment = datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
    creation, start, _ = make_faker(1).training_job_times("Completed", moment)

    assert creation == moment
    assert start is not None
    assert start > moment


@given(
    seed=st.integers(0, 2**32 - 1),
    metric=st.sampled_from(SCORE_METRICS),
    quality=st.one_of(st.none(), st.floats(-5, 5)),
)
@settings(max_examples=80, deadline=None)
def test_score_metric_values_within_zero_one(seed: int, metric: str, quality: float | None) -> None:
    value = make_faker(seed).objective_metric_value(metric, quality)

    assert 0.0 <= value <= 1.0


@given(
    seed=st.integers(0, 2**32 - 1),
    metric=st.sampled_from(LOSS_METRICS),
    quality=st.one_of(st.none(), st.floats(-5, 5)),
)
@settings(max_examples=80, deadline=None)
def test_loss_metric_values_positive(seed: int, metric: str, quality: float | None) -> None:
    value = make_faker(seed).objective_metric_value(metric, quality)
    _, low, high = METRICS[metric]

    assert value > 0.0
    assert low <= value <= high


@pytest.mark.parametrize(
    ("metric", "direction"),
    [
        ("validation:auc", "Maximize"),
        ("test:accuracy", "Maximize"),
        ("validation:rmse", "Minimize"),
        ("train:loss", "Minimize"),
        ("my-model:val-auc", "Maximize"),
        ("eval_f1", "Maximize"),
        ("validation:mape", "Minimize"),
        ("custom:objective", "Minimize"),
    ],
)
def test_metric_bounds_direction(metric: str, direction: str) -> None:
    assert metric_bounds(metric)[0] == direction


@pytest.mark.parametrize("metric", ["validation:auc", "validation:rmse"])
def test_metric_value_improves_with_quality(metric: str) -> None:
    fake = make_faker(1)
    direction = METRICS[metric][0]
    low = fake.objective_metric_value(metric, 0.2)
    high = fake.objective_metric_value(metric, 0.8)

    if direction == "Maximize":
        assert high > low
    else:
        assert high < low


def test_metric_value_follows_objective_type() -> None:
    fake = make_faker(1)
    worse = fake.objective_metric_value("custom:score", 0.2, "Maximize")
    better = fake.objective_metric_value("custom:score", 0.8, "Maximize")

    assert better > worse


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_failure_reason_sagemaker_form(seed: int) -> None:
    reason = make_faker(seed).failure_reason()
    error_type, _, detail = reason.partition(": ")

    assert error_type in FAILURE_ERROR_TYPES
    assert detail
    assert shape_problems("FailureReason", reason) == []


@pytest.mark.parametrize("error_type", FAILURE_ERROR_TYPES)
def test_failure_reason_chosen_error_type(error_type: str) -> None:
    assert make_faker(1).failure_reason(error_type).startswith(f"{error_type}: ")


def test_failure_reason_unknown_error_type_rejected() -> None:
    with pytest.raises(ValueError, match="AlgorithmError"):
        make_faker(1).failure_reason("DiskError")


def test_failure_reason_types_vary() -> None:
    fake = make_faker(9)
    types = {fake.failure_reason().partition(":")[0] for _ in range(200)}

    assert {"AlgorithmError", "ClientError", "CapacityError"} <= types


RANGES = st.one_of(
    st.tuples(
        st.just("Integer"),
        st.integers(-50, 50),
        st.integers(0, 400),
        st.sampled_from(["Auto", "Linear"]),
    ).map(
        lambda t: (
            t[0],
            {"Name": "n", "MinValue": str(t[1]), "MaxValue": str(t[1] + t[2]), "ScalingType": t[3]},
        )
    ),
    st.tuples(st.integers(1, 100), st.integers(0, 1000)).map(
        lambda t: (
            "Integer",
            {
                "Name": "n",
                "MinValue": str(t[0]),
                "MaxValue": str(t[0] + t[1]),
                "ScalingType": "Logarithmic",
            },
        )
    ),
    st.tuples(
        st.floats(1e-6, 10), st.floats(1.0, 1000.0), st.sampled_from(["Linear", "Logarithmic"])
    ).map(
        lambda t: (
            "Continuous",
            {
                "Name": "x",
                "MinValue": repr(t[0]),
                "MaxValue": repr(t[0] * t[1]),
                "ScalingType": t[2],
            },
        )
    ),
    st.tuples(st.floats(0, 0.9), st.floats(0, 0.0999)).map(
        lambda t: (
            "Continuous",
            {
                "Name": "m",
                "MinValue": repr(t[0]),
                "MaxValue": repr(t[0] + t[1]),
                "ScalingType": "ReverseLogarithmic",
            },
        )
    ),
    st.lists(st.text("abcdef", min_size=1, max_size=6), min_size=1, max_size=30, unique=True).map(
        lambda values: ("Categorical", {"Name": "c", "Values": values})
    ),
)


@given(seed=st.integers(0, 2**32 - 1), kind_and_range=RANGES)
@settings(max_examples=120, deadline=None)
def test_hyperparameter_value_within_range(seed: int, kind_and_range: tuple[str, Any]) -> None:
    kind, parameter_range = kind_and_range
    value = make_faker(seed).hyperparameter_value(parameter_range, kind)

    assert isinstance(value, str)
    if kind == "Categorical":
        assert value in parameter_range["Values"]
        return
    low = float(parameter_range["MinValue"])
    high = float(parameter_range["MaxValue"])
    if kind == "Integer":
        assert re.fullmatch(r"-?[0-9]+", value)
    assert low <= float(value) <= high


def test_hyperparameter_value_logarithmic_scaling() -> None:
    fake = make_faker(1)
    parameter_range = {
        "Name": "alpha",
        "MinValue": "0.0001",
        "MaxValue": "10",
        "ScalingType": "Logarithmic",
    }
    values = [float(fake.hyperparameter_value(parameter_range)) for _ in range(400)]
    below_one_hundredth = sum(value < 0.01 for value in values) / len(values)

    # Log-uniform puts 2/5 of the draws below 0.01; linear would put 0.1 %.
    assert below_one_hundredth > 0.3


def test_hyperparameter_value_reverse_logarithmic_scaling() -> None:
    fake = make_faker(1)
    parameter_range = {
        "Name": "momentum",
        "MinValue": "0.5",
        "MaxValue": "0.999",
        "ScalingType": "ReverseLogarithmic",
    }
    values = [float(fake.hyperparameter_value(parameter_range)) for _ in range(400)]
    above_nine_tenths = sum(value > 0.9 for value in values) / len(values)

    # Log-uniform in (1 - value) puts about 3/4 of the draws above 0.9;
    # linear would put a fifth.
    assert above_nine_tenths > 0.6


def test_hyperparameter_value_linear_scaling() -> None:
    fake = make_faker(1)
    parameter_range = {"Name": "x", "MinValue": "0", "MaxValue": "10", "ScalingType": "Linear"}
    values = [float(fake.hyperparameter_value(parameter_range)) for _ in range(400)]

    assert 0.4 < sum(value < 5 for value in values) / len(values) < 0.6


@pytest.mark.parametrize(
    ("parameter_range", "kind"),
    [
        ({"Name": "c", "Values": ["a", "b"]}, "Categorical"),
        ({"Name": "n", "MinValue": "1", "MaxValue": "9"}, "Integer"),
        ({"Name": "x", "MinValue": "0.1", "MaxValue": "0.9"}, "Continuous"),
        ({"Name": "x", "MinValue": "0", "MaxValue": "1.5"}, "Continuous"),
    ],
)
def test_range_kind_inferred(parameter_range: dict[str, Any], kind: str) -> None:
    assert range_kind(parameter_range) == kind


@pytest.mark.parametrize("algorithm", sorted(ALGORITHM_PARAMETER_RANGES))
def test_tuned_hyperparameters_cover_declared_ranges(algorithm: str) -> None:
    fake = make_faker(2)
    ranges = fake.parameter_ranges(algorithm)
    values = fake.tuned_hyperparameters(ranges)
    declared = [item["Name"] for items in ranges.values() for item in items]

    assert list(values) == declared
    assert shape_problems("HyperParameters", values) == []


@given(
    seed=st.integers(0, 2**32 - 1),
    status=st.sampled_from(["Completed", "Failed", "Stopped", "InProgress", "Stopping"]),
    region=st.sampled_from(sorted(EXPECTED_PARTITIONS)),
    metric=st.sampled_from(sorted(METRICS)),
)
@settings(max_examples=60, deadline=None)
def test_training_job_summary_valid_shape(seed: int, status: str, region: str, metric: str) -> None:
    summary = make_faker(seed).training_job_summary(
        status=status, region=region, objective_metric=metric
    )

    assert shape_problems("HyperParameterTrainingJobSummary", summary) == []
    assert summary["TrainingJobArn"].startswith(f"arn:{EXPECTED_PARTITIONS[region]}:sagemaker:")


@pytest.mark.parametrize(
    ("status", "objective_status", "has_metric", "has_end", "has_failure"),
    [
        ("Completed", "Succeeded", True, True, False),
        ("Failed", "Failed", False, True, True),
        ("Stopped", "Succeeded", True, True, False),
        ("InProgress", "Pending", False, False, False),
        ("Stopping", "Pending", False, False, False),
    ],
)
def test_training_job_summary_follows_status(
    status: str, objective_status: str, has_metric: bool, has_end: bool, has_failure: bool
) -> None:
    summary = make_faker(3).training_job_summary("xgboost-240101-0000", 4, status)

    assert summary["ObjectiveStatus"] == objective_status
    assert ("FinalHyperParameterTuningJobObjectiveMetric" in summary) is has_metric
    assert ("TrainingEndTime" in summary) is has_end
    assert ("FailureReason" in summary) is has_failure
    assert summary["TuningJobName"] == "xgboost-240101-0000"


# --- factory_boy ---------------------------------------------------------------

factory.Faker.add_provider(TuningJobProvider)


class TrainingJobSummaryFactory(factory.DictFactory):
    TuningJobName = "xgboost-240101-0000"
    TrainingJobName = factory.Faker(
        "training_job_name",
        tuning_job_name=factory.SelfAttribute("..TuningJobName"),
        index=factory.Sequence(lambda number: number + 1),
    )
    TrainingJobArn = factory.Faker(
        "training_job_arn",
        name=factory.SelfAttribute("..TrainingJobName"),
        region="cn-north-1",
        account_id="111122223333",
    )
    FailureReason = factory.Faker("failure_reason")
    Value = factory.Faker("objective_metric_value", metric_name="validation:auc")


def test_factory_boy_draws_provider_values() -> None:
    factory.random.reseed_random(3)
    summary = TrainingJobSummaryFactory()

    assert re.fullmatch(r"xgboost-240101-0000-\d{3,}-[0-9a-f]{8}", summary["TrainingJobName"])
    assert summary["TrainingJobArn"] == (
        "arn:aws-cn:sagemaker:cn-north-1:111122223333:training-job/"
        + summary["TrainingJobName"].lower()
    )
    assert summary["FailureReason"].partition(":")[0] in FAILURE_ERROR_TYPES
    assert 0.5 <= summary["Value"] <= 1.0


def test_factory_boy_reseed_repeats_values() -> None:
    TrainingJobSummaryFactory.reset_sequence(force=True)
    factory.random.reseed_random(42)
    first = TrainingJobSummaryFactory.build_batch(3)
    TrainingJobSummaryFactory.reset_sequence(force=True)
    factory.random.reseed_random(42)
    second = TrainingJobSummaryFactory.build_batch(3)

    assert first == second


def test_factory_boy_other_seed_other_values() -> None:
    TrainingJobSummaryFactory.reset_sequence(force=True)
    factory.random.reseed_random(42)
    first = TrainingJobSummaryFactory.build_batch(3)
    TrainingJobSummaryFactory.reset_sequence(force=True)
    factory.random.reseed_random(43)
    second = TrainingJobSummaryFactory.build_batch(3)

    assert first != second


# --- the hpt_faker fixture -------------------------------------------------------


def test_hpt_faker_has_provider(hpt_faker: Any) -> None:
    name = hpt_faker.training_job_name("xgboost-240101-0000", 12)

    assert re.fullmatch(r"xgboost-240101-0000-012-[0-9a-f]{8}", name)


def test_hpt_faker_seeded_with_hpt_seed(hpt_faker: Any, hpt_seed: int) -> None:
    fresh = make_faker(hpt_seed)

    assert hpt_faker.failure_reason() == fresh.failure_reason()
    assert hpt_faker.name() == fresh.name()


def test_hpt_faker_unique_forgets_earlier_tests(hpt_faker: Any) -> None:
    values = [hpt_faker.unique.random_int(1, 3) for _ in range(3)]

    assert sorted(values) == [1, 2, 3]


def test_hpt_faker_unique_forgets_earlier_tests_again(hpt_faker: Any) -> None:
    # Fails with UniquenessException if the previous test's values were kept.
    values = [hpt_faker.unique.random_int(1, 3) for _ in range(3)]

    assert sorted(values) == [1, 2, 3]


def test_metric_value_strictly_inside_interval() -> None:
    fake = make_faker(1)
    for quality in (-100.0, 0.0, 1.0, 100.0):
        value = fake.objective_metric_value("validation:error", quality)
        assert 0.001 < value < 0.5
        assert math.isfinite(value)
