"""botocore's SageMaker service model: shapes, input validation, output validation.

Limits, enums and patterns are read from the model botocore ships, so the fake
follows the installed botocore instead of copied constants.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from .errors import SerializationError, ValidationError

SERVICE_NAME = "sagemaker"


@functools.lru_cache(maxsize=1)
def service_model() -> Any:
    """Return botocore's `ServiceModel` for SageMaker, loaded once per process."""
    import botocore.session

    return botocore.session.get_session().get_service_model(SERVICE_NAME)


@functools.cache
def operation_model(operation: str) -> Any:
    return service_model().operation_model(operation)


@functools.cache
def shape(name: str) -> Any:
    # botocore builds a new shape object on each look-up; one is enough.
    return service_model().shape_for(name)


@functools.cache
def enum_values(shape_name: str) -> tuple[str, ...]:
    """Return the enum of a string shape, such as `TrainingJobStatus`."""
    return tuple(shape(shape_name).enum)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.DOTALL)


def wire_member_name(member: str) -> str:
    """Return a member name as AWS writes it in validation messages (camelCase)."""
    return member[:1].lower() + member[1:]


# --- input validation ------------------------------------------------------


def validate_input(operation: str, params: Mapping[str, Any]) -> None:
    """Check a decoded request body against the operation's input shape.

    Raises `SerializationError` for a value of the wrong JSON type, the way
    AWS's deserializer fails before validation, then `ValidationError` listing
    every constraint that fails, in AWS's format:
    `1 validation error detected: Value '0' at 'maxResults' failed to satisfy
    constraint: Member must have value greater than or equal to 1`.
    """
    if _accepted(operation, params):
        # The common case, checked without building messages.
        return
    members = _input_members(operation)
    _check_input_types(members, params)
    problems = list(_input_constraint_problems(members, params))
    if problems:
        count = len(problems)
        noun = "error" if count == 1 else "errors"
        raise ValidationError(f"{count} validation {noun} detected: " + "; ".join(problems))


_JSON_TYPE_NAMES = {
    str: "STRING_VALUE",
    bool: "BOOLEAN_VALUE",
    int: "NUMBER_VALUE",
    float: "NUMBER_VALUE",
    list: "START_ARRAY",
    dict: "START_OBJECT",
}

_TARGET_TYPE_NAMES = {
    "string": "a String",
    "integer": "an Integer",
    "long": "a Long",
    "boolean": "a Boolean",
    "float": "a Float",
    "double": "a Double",
    "timestamp": "a Timestamp",
    "structure": "a Structure",
    "list": "a List",
    "map": "a Map",
}


def _json_type_name(value: Any) -> str:
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def _has_input_type(shape_type: str, value: Any) -> bool:
    if shape_type == "string":
        return isinstance(value, str)
    if shape_type in ("integer", "long"):
        return isinstance(value, int) and not isinstance(value, bool)
    if shape_type in ("float", "double"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if shape_type == "boolean":
        return isinstance(value, bool)
    if shape_type == "timestamp":
        return isinstance(value, (int, float, str)) and not isinstance(value, bool)
    if shape_type == "structure":
        return isinstance(value, dict)
    if shape_type == "list":
        return isinstance(value, list)
    if shape_type == "map":
        return isinstance(value, dict)
    return True


class _InputMember:
    """One member of an operation's input shape, read from the model once."""

    __slots__ = ("location", "name", "required", "shape", "type_name")

    def __init__(self, name: str, member_shape: Any, required: bool) -> None:
        self.name = name
        self.shape = member_shape
        self.type_name: str = member_shape.type_name
        self.location = wire_member_name(name)
        self.required = required


@functools.cache
def _input_members(operation: str) -> tuple[_InputMember, ...]:
    input_shape = operation_model(operation).input_shape
    required = set(input_shape.required_members)
    return tuple(
        _InputMember(name, member_shape, name in required)
        for name, member_shape in input_shape.members.items()
    )


@functools.cache
def _input_checks(operation: str) -> tuple[dict[str, Callable[[Any], bool]], tuple[str, ...]]:
    """Return a predicate per input member, and the required members, built once.

    `accepts(value)` is True when the value has the member's type and meets
    its constraints. It gives no reason: when a value fails, `validate_input`
    runs the full checks, which word the error. Members the model does not
    have are ignored, as the full checks ignore them.
    """
    members = _input_members(operation)
    checks = {member.name: _accepts(member.type_name, member.shape) for member in members}
    return checks, tuple(member.name for member in members if member.required)


def _accepted(operation: str, params: Mapping[str, Any]) -> bool:
    """True when every required member is given and every member given is valid."""
    checks, required = _input_checks(operation)
    for name in required:
        if params.get(name) is None:
            return False
    for name, value in params.items():
        accepts = checks.get(name)
        if accepts is not None and value is not None and not accepts(value):
            return False
    return True


def _accepts(type_name: str, member_shape: Any) -> Callable[[Any], bool]:
    metadata = member_shape.metadata
    low = metadata.get("min", -math.inf)
    high = metadata.get("max", math.inf)
    if type_name == "string":
        if member_shape.enum:
            allowed = frozenset(member_shape.enum)
            # The type is checked first: a list or object cannot be hashed.
            return lambda value: type(value) is str and value in allowed
        pattern = metadata.get("pattern")
        # ".*" matches every string, since patterns are compiled with DOTALL.
        fullmatch = None if pattern in (None, ".*") else _compiled(pattern).fullmatch
        return lambda value: (
            type(value) is str
            and low <= len(value) <= high
            and (fullmatch is None or fullmatch(value) is not None)
        )
    if type_name in ("integer", "long"):
        return lambda value: type(value) is int and low <= value <= high
    if type_name == "timestamp":
        return lambda value: type(value) in (int, float, str)
    # Other types always take the full checks.
    return lambda value: False


def _check_input_types(members: tuple[_InputMember, ...], params: Mapping[str, Any]) -> None:
    for input_member in members:
        value = params.get(input_member.name)
        type_name = input_member.type_name
        if value is None or _has_input_type(type_name, value):
            continue
        target = _TARGET_TYPE_NAMES.get(type_name, type_name)
        # An array or object is not shown: it may nest deeper than repr can go.
        shown = "" if isinstance(value, (list, dict)) else f"value {_quote(value)} "
        raise SerializationError(
            f"{_json_type_name(value)} can not be converted to {target} "
            f"({shown}at '{input_member.location}')"
        )


def _quote(value: Any) -> str:
    return f"'{value}'"


def _input_constraint_problems(
    members: tuple[_InputMember, ...], params: Mapping[str, Any]
) -> Iterator[str]:
    for input_member in members:
        location, member_shape = input_member.location, input_member.shape
        value = params.get(input_member.name)
        if value is None:
            if input_member.required:
                yield (
                    f"Value null at '{location}' failed to satisfy constraint: "
                    "Member must not be null"
                )
            continue
        for constraint in _scalar_constraint_failures(member_shape, value):
            yield (
                f"Value {_quote(value)} at '{location}' failed to satisfy constraint: "
                f"Member must {constraint}"
            )


def _scalar_constraint_failures(member_shape: Any, value: Any) -> Iterator[str]:
    metadata = member_shape.metadata
    if member_shape.type_name == "string":
        enum = member_shape.enum
        if enum and value not in enum:
            yield f"satisfy enum value set: [{', '.join(enum)}]"
            return
        if "min" in metadata and len(value) < metadata["min"]:
            yield f"have length greater than or equal to {metadata['min']}"
        if "max" in metadata and len(value) > metadata["max"]:
            yield f"have length less than or equal to {metadata['max']}"
        pattern = metadata.get("pattern")
        if pattern and not _compiled(pattern).fullmatch(value):
            yield f"satisfy regular expression pattern: {pattern}"
    elif member_shape.type_name in ("integer", "long", "float", "double"):
        if "min" in metadata and value < metadata["min"]:
            yield f"have value greater than or equal to {metadata['min']}"
        if "max" in metadata and value > metadata["max"]:
            yield f"have value less than or equal to {metadata['max']}"


# --- output validation -----------------------------------------------------


def output_shape_problems(
    operation: str, response: Mapping[str, Any], *, wire: bool = False
) -> list[str]:
    """List every way a response breaks the operation's output shape.

    Stricter than botocore's own validator, which skips patterns, maximums and
    unknown members. `wire=True` checks the JSON body as sent (timestamps as
    epoch seconds); otherwise the parsed form botocore returns (timestamps as
    timezone-aware datetimes, `ResponseMetadata` ignored).
    """
    body = dict(response)
    if not wire:
        body.pop("ResponseMetadata", None)
    return list(_shape_problems(operation_model(operation).output_shape, body, "", wire))


def shape_problems(shape_name: str, value: Any, *, path: str = "", wire: bool = False) -> list[str]:
    """List every way `value` breaks the named shape, such as one summary."""
    return list(_shape_problems(shape(shape_name), value, path or shape_name, wire))


def _shape_problems(shape: Any, value: Any, path: str, wire: bool) -> Iterator[str]:
    kind = shape.type_name
    metadata = shape.metadata
    if kind == "structure":
        yield from _structure_problems(shape, value, path, wire)
    elif kind == "list":
        if not isinstance(value, list):
            yield f"{path}: expected a list, got {type(value).__name__}"
            return
        yield from _length_problems(metadata, len(value), path, "items")
        for index, item in enumerate(value):
            yield from _shape_problems(shape.member, item, f"{path}[{index}]", wire)
    elif kind == "map":
        if not isinstance(value, dict):
            yield f"{path}: expected a map, got {type(value).__name__}"
            return
        yield from _length_problems(metadata, len(value), path, "entries")
        for key, item in value.items():
            yield from _shape_problems(shape.key, key, f"{path} key {key!r}", wire)
            yield from _shape_problems(shape.value, item, f"{path}[{key!r}]", wire)
    elif kind == "string":
        yield from _string_problems(shape, value, path)
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            yield f"{path}: expected an integer, got {value!r}"
            return
        yield from _range_problems(metadata, value, path)
    elif kind in ("float", "double"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            yield f"{path}: expected a number, got {value!r}"
            return
        if isinstance(value, int) and abs(value) > sys.float_info.max:
            yield f"{path}: an integer of {len(str(abs(value)))} digits is too large for a double"
            return
        if not math.isfinite(value):
            yield f"{path}: {value!r} cannot be sent in JSON"
            return
        yield from _range_problems(metadata, value, path)
    elif kind == "boolean":
        if not isinstance(value, bool):
            yield f"{path}: expected a boolean, got {value!r}"
    elif kind == "timestamp":
        yield from _timestamp_problems(value, path, wire)


def _structure_problems(shape: Any, value: Any, path: str, wire: bool) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{path or shape.name}: expected a structure, got {type(value).__name__}"
        return
    prefix = f"{path}." if path else ""
    for member in shape.required_members:
        if value.get(member) is None:
            yield f"{prefix}{member}: required member missing"
    for member, item in value.items():
        if member not in shape.members:
            yield f"{prefix}{member}: not a member of {shape.name}"
            continue
        if item is None:
            yield f"{prefix}{member}: null is sent only by omitting the member"
            continue
        yield from _shape_problems(shape.members[member], item, f"{prefix}{member}", wire)


def _string_problems(shape: Any, value: Any, path: str) -> Iterator[str]:
    if not isinstance(value, str):
        yield f"{path}: expected a string, got {value!r}"
        return
    metadata = shape.metadata
    if shape.enum and value not in shape.enum:
        yield f"{path}: {value!r} is not one of {list(shape.enum)}"
    yield from _length_problems(metadata, len(value), path, "characters")
    pattern = metadata.get("pattern")
    if pattern and not _compiled(pattern).fullmatch(value):
        yield f"{path}: {value!r} does not match the pattern {pattern}"


def _timestamp_problems(value: Any, path: str, wire: bool) -> Iterator[str]:
    if wire:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            yield f"{path}: expected epoch seconds, got {value!r}"
        return
    if not isinstance(value, datetime):
        yield f"{path}: expected a datetime, got {value!r}"
    elif value.tzinfo is None:
        yield f"{path}: datetime {value.isoformat()} has no time zone"


def _length_problems(
    metadata: Mapping[str, Any], length: int, path: str, unit: str
) -> Iterator[str]:
    if "min" in metadata and length < metadata["min"]:
        yield f"{path}: {length} {unit}, fewer than the minimum {metadata['min']}"
    if "max" in metadata and length > metadata["max"]:
        yield f"{path}: {length} {unit}, more than the maximum {metadata['max']}"


def _range_problems(metadata: Mapping[str, Any], value: float, path: str) -> Iterator[str]:
    if "min" in metadata and value < metadata["min"]:
        yield f"{path}: {value} is below the minimum {metadata['min']}"
    if "max" in metadata and value > metadata["max"]:
        yield f"{path}: {value} is above the maximum {metadata['max']}"
