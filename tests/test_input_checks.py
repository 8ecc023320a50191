"""The quick input check agrees with the full checks that word AWS's errors.

`validate_input` first runs one predicate per member and, only when one
fails, the full checks. So a request the predicates accept must be one the
full checks accept, or the fake would skip an error AWS sends.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_hpt_fixtures import service_model
from pytest_hpt_fixtures.errors import SerializationError, ValidationError
from pytest_hpt_fixtures.operations import OPERATIONS

# Values at and just past every limit of the served operations' members.
# Names have 32 and 63 characters, tokens 8192, and each one more. MaxResults
# is 1 and 100 and one past each. Some names break the pattern, some enum
# values differ in case, and every JSON type appears.
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([-1, 0, 1, 2, 10, 99, 100, 101, 2**63]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 1, 31, 32, 33, 62, 63, 64, 8192, 8193]).map(lambda length: "a" * length),
    st.sampled_from(["-a", "a-", "a--b", "a_b", "a b", "job-1", "1", "2024-05-01T12:00:00Z"]),
    st.sampled_from(
        ["Name", "name", "Ascending", "Completed", "InProgress", "Descending", "CreationTime"]
    ),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def member_names(operation: str) -> list[str]:
    return [member.name for member in service_model._input_members(operation)]


def full_checks_pass(operation: str, params: dict[str, Any]) -> bool:
    members = service_model._input_members(operation)
    try:
        service_model._check_input_types(members, params)
    except SerializationError:
        return False
    return not list(service_model._input_constraint_problems(members, params))


# A valid request of each operation, which the test changes in one or two members.
VALID_REQUESTS: dict[str, dict[str, Any]] = {
    "DescribeHyperParameterTuningJob": {"HyperParameterTuningJobName": "job-1"},
    "DescribeTrainingJob": {"TrainingJobName": "job-1-001"},
    "ListHyperParameterTuningJobs": {},
    "ListTrainingJobsForHyperParameterTuningJob": {"HyperParameterTuningJobName": "job-1"},
}


def test_every_served_operation_has_a_valid_request() -> None:
    assert sorted(VALID_REQUESTS) == sorted(OPERATIONS)
    for operation, params in VALID_REQUESTS.items():
        service_model.validate_input(operation, params)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_quick_check_accepts_what_full_checks_accept(operation: str, data: Any) -> None:
    names = [*member_names(operation), "UnknownMember"]
    changes = data.draw(st.dictionaries(st.sampled_from(names), ANY_VALUE, max_size=2))
    params = {**VALID_REQUESTS[operation], **changes}

    assert service_model._accepted(operation, params) == full_checks_pass(operation, params)


@pytest.mark.parametrize(
    "operation",
    [
        "DescribeHyperParameterTuningJob",
        "DescribeTrainingJob",
        "ListTrainingJobsForHyperParameterTuningJob",
    ],
)
def test_required_member_missing_rejected(operation: str) -> None:
    assert not service_model._accepted(operation, {})
    with pytest.raises(ValidationError, match="Member must not be null"):
        service_model.validate_input(operation, {})
