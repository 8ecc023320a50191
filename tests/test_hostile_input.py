"""Hostile NextTokens and request bodies get AWS errors, never a crash.

A changed token is a ValidationException with HTTP 400 that returns no
training job. A body that is not a JSON object in UTF-8 is a
SerializationException, and a body above 1 MiB is a 413
PayloadTooLargeException. Bodies are sent both at the wire level, through
`TuningJobMock.handle`, and through botocore clients that skip their own
parameter validation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_hpt_fixtures import FakeTuningJob, TuningJobMock, listing, mock_tuning_jobs
from pytest_hpt_fixtures.wire import MAX_BODY_BYTES, WireRequest

OPERATION = "ListTrainingJobsForHyperParameterTuningJob"
URL = "https://api.sagemaker.us-east-1.amazonaws.com/"
HEADERS = {
    "X-Amz-Target": f"SageMaker.{OPERATION}",
    "Content-Type": "application/x-amz-json-1.1",
}
ERROR_CODES = {"ValidationException", "SerializationException", "ResourceNotFound"}


@pytest.fixture
def job(hpt_mock: TuningJobMock) -> FakeTuningJob:
    return hpt_mock.add_tuning_job("hostile-target", training_jobs=12)


@pytest.fixture
def other_job(hpt_mock: TuningJobMock) -> FakeTuningJob:
    return hpt_mock.add_tuning_job("other-job", training_jobs=12)


# Clients are costly to create, so each module-scoped client serves every
# test: a request goes to whichever fake is active when it is sent.


@pytest.fixture(scope="module")
def client() -> Any:
    return TuningJobMock().client(config=Config(retries={"total_max_attempts": 1}))


@pytest.fixture(scope="module")
def loose_client() -> Any:
    """A client that sends parameters as given, without botocore's checks."""
    config = Config(parameter_validation=False, retries={"total_max_attempts": 1})
    return TuningJobMock().client(config=config)


@pytest.fixture
def token(client: Any, job: FakeTuningJob) -> str:
    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, MaxResults=2
    )
    return str(response["NextToken"])


def list_with_token(client: Any, name: str, token: str, **arguments: Any) -> ClientError:
    """Send a listing request that must fail, and return its error."""
    with pytest.raises(ClientError) as caught:
        client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=name, NextToken=token, **arguments
        )
    return caught.value


def check_rejected(
    error: ClientError, mock: TuningJobMock, code: str = "ValidationException"
) -> None:
    assert error.response["Error"]["Code"] == code
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "TrainingJobSummaries" not in error.response
    assert mock.calls[-1].status == 400
    assert mock.calls[-1].error_code == code


# --- tokens ------------------------------------------------------------------------


def flip_character(text: str, position: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    current = text[position]
    replacement = alphabet[(alphabet.index(current) + 1) % 64] if current in alphabet else "A"
    return text[:position] + replacement + text[position + 1 :]


def flip_bit(token: str, part: int, bit: int) -> str:
    """Flip one bit of the decoded body (part 0) or signature (part 1)."""
    pieces = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(pieces[part] + "=" * (-len(pieces[part]) % 4)))
    raw[bit // 8 % len(raw)] ^= 1 << (bit % 8)
    pieces[part] = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    return ".".join(pieces)


TOKEN_EDITS = {
    "truncated by one": lambda token: token[:-1],
    "truncated to half": lambda token: token[: len(token) // 2],
    "truncated to one character": lambda token: token[:1],
    "body only": lambda token: token.split(".")[0],
    "signature only": lambda token: token.split(".")[1],
    "extended by a character": lambda token: token + "A",
    "extended by padding": lambda token: token + "==",
    "extended by a separator": lambda token: token + ".",
    "prefixed": lambda token: "A" + token,
    "doubled": lambda token: token + token,
    "standard base64 with padding": lambda token: ".".join(
        base64.b64encode(base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4))).decode()
        for piece in token.split(".")
    ),
    "percent-encoded separator": lambda token: token.replace(".", "%2E"),
    "percent-encoded": lambda token: "".join(f"%{ord(character):02X}" for character in token),
    "upper case": str.upper,
    "with a newline": lambda token: token[:10] + "\n" + token[10:],
    "with spaces around": lambda token: f" {token} ",
    "non-ASCII": lambda token: "ä" + token[1:],
    "separator only": lambda token: ".",
    "JSON text": lambda token: '{"after": ["x"]}',
}


@pytest.mark.parametrize("edit", TOKEN_EDITS.values(), ids=TOKEN_EDITS.keys())
def test_edited_token_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, token: str, edit: Any
) -> None:
    edited = edit(token)
    assert edited != token

    error = list_with_token(client, job.name, edited)

    check_rejected(error, hpt_mock)
    assert "Invalid pagination token" in error.response["Error"]["Message"]


def test_every_flipped_character_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, token: str
) -> None:
    for position in range(len(token)):
        edited = flip_character(token, position)
        error = list_with_token(client, job.name, edited)
        check_rejected(error, hpt_mock)


@pytest.mark.parametrize("part", [0, 1], ids=["body", "signature"])
def test_every_flipped_bit_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, token: str, part: int
) -> None:
    bits = len(base64.urlsafe_b64decode(token.split(".")[part] + "==")) * 8
    for bit in range(0, bits, 3):
        error = list_with_token(client, job.name, flip_bit(token, part, bit))
        check_rejected(error, hpt_mock)


def test_token_for_other_job_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, other_job: FakeTuningJob
) -> None:
    other_token = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=other_job.name, MaxResults=2
    )["NextToken"]

    error = list_with_token(client, job.name, other_token)

    check_rejected(error, hpt_mock)
    assert "different tuning job" in error.response["Error"]["Message"]


@pytest.mark.parametrize(
    "changed",
    [
        {"SortBy": "CreationTime"},
        {"SortBy": "Name", "SortOrder": "Descending"},
        {"StatusEquals": "Completed"},
    ],
    ids=["sort by", "sort order", "status filter"],
)
def test_token_for_other_query_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, token: str, changed: dict[str, str]
) -> None:
    error = list_with_token(client, job.name, token, **changed)

    check_rejected(error, hpt_mock)


def test_token_with_other_page_size_accepted(client: Any, job: FakeTuningJob, token: str) -> None:
    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, NextToken=token, MaxResults=5
    )

    assert len(response["TrainingJobSummaries"]) == 5


def test_token_for_same_name_elsewhere_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, token: str
) -> None:
    # The same tuning job name in another account and in another region are
    # other tuning jobs.
    hpt_mock.add_tuning_job(job.name, training_jobs=12, account_id="210987654321")
    hpt_mock.add_tuning_job(job.name, training_jobs=12, region="eu-west-1")
    other_account = hpt_mock.client(account_id="210987654321")
    other_region = hpt_mock.client(region_name="eu-west-1")

    for other_client in (other_account, other_region):
        error = list_with_token(other_client, job.name, token)
        check_rejected(error, hpt_mock)


def test_token_over_8192_characters_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, token: str
) -> None:
    long_token = token + "A" * (8193 - len(token))

    error = list_with_token(client, job.name, long_token)

    check_rejected(error, hpt_mock)
    message = error.response["Error"]["Message"]
    assert "at 'nextToken' failed to satisfy constraint" in message
    assert "length less than or equal to 8192" in message


def test_empty_token_lists_first_page(client: Any, job: FakeTuningJob) -> None:
    # NextToken has no minimum length in the model, so an empty token is a
    # valid request for the first page.
    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, NextToken=""
    )

    names = [row["TrainingJobName"] for row in response["TrainingJobSummaries"]]
    assert names == sorted(job.training_job_names)[:10]


def signed_token(payload: Any) -> str:
    """Sign a payload with the fake's key: a token that is well formed but made up."""
    body = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
    signature = hmac.new(listing._TOKEN_KEY, body, hashlib.sha256).digest()[:12]
    encode = base64.urlsafe_b64encode
    return f"{encode(body).rstrip(b'=').decode()}.{encode(signature).rstrip(b'=').decode()}"


def valid_payload(job: FakeTuningJob) -> dict[str, Any]:
    return {
        "job": listing.tuning_job_identity(job),
        "query": ["Name", "Ascending", None],
        "after": ["a"],
        "page": 1,
    }


FORGED_CHANGES: dict[str, Any] = {
    "sort key of the wrong type": {"after": [1.5]},
    "sort key too long": {"after": ["a", "b"]},
    "sort key as a string": {"after": "a"},
    "sort key holding a boolean": {"after": [True]},
    "page zero": {"page": 0},
    "page as a string": {"page": "1"},
    "page as a boolean": {"page": True},
    "page missing": {"page": None},
    "query missing": {"query": None},
}


@pytest.mark.parametrize("change", FORGED_CHANGES.values(), ids=FORGED_CHANGES.keys())
def test_forged_token_payload_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, change: dict[str, Any]
) -> None:
    payload = valid_payload(job)
    payload.update(change)

    error = list_with_token(client, job.name, signed_token(payload))

    check_rejected(error, hpt_mock)


@pytest.mark.parametrize(
    "body",
    [b"[1, 2]", b"not json", b'{"after": [NaN], "page": 1}', b"[" * 5000, b"\xff\xfe"],
    ids=["array", "text", "NaN", "deep nesting", "not UTF-8"],
)
def test_forged_token_body_rejected(
    client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, body: bytes
) -> None:
    error = list_with_token(client, job.name, signed_token(body))

    check_rejected(error, hpt_mock)


def test_forged_valid_payload_accepted(client: Any, job: FakeTuningJob) -> None:
    # The control for the forged tokens above: the same signing makes a
    # token that the fake accepts, so their rejection comes from the payload.
    response = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=job.name, NextToken=signed_token(valid_payload(job))
    )

    assert len(response["TrainingJobSummaries"]) == 10


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 2), st.characters(max_codepoint=0x2FF)),
        min_size=1,
        max_size=4,
    )
)
def test_randomly_edited_token_rejected(client: Any, edits: list[tuple[int, int, str]]) -> None:
    with mock_tuning_jobs(seed=3) as mock:
        job = mock.add_tuning_job(training_jobs=8)
        token = client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name, MaxResults=3
        )["NextToken"]

        edited = token
        for position, kind, character in edits:
            position %= len(edited) + 1
            if kind == 0:
                edited = edited[:position] + character + edited[position:]
            elif kind == 1:
                edited = edited[:position] + edited[position + 1 :]
            else:
                edited = edited[:position] + character + edited[position + 1 :]

        if edited in (token, ""):
            return
        error = list_with_token(client, job.name, edited)
        check_rejected(error, mock)


# --- bodies at the wire level --------------------------------------------------------------


def send_body(mock: TuningJobMock, body: bytes) -> tuple[int, dict[str, Any]]:
    response = mock.handle(WireRequest("POST", URL, HEADERS, body))
    assert response is not None
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert response.headers["Content-Length"] == str(len(response.body))
    return response.status, json.loads(response.body)


def name_body(job: FakeTuningJob, **extra: Any) -> dict[str, Any]:
    return {"HyperParameterTuningJobName": job.name, **extra}


# The start of a body naming the tuning job, for a member to follow.
NAMED = b'{"HyperParameterTuningJobName": "hostile-target", '

MALFORMED_BODIES = {
    "not JSON": b"{HyperParameterTuningJobName: x}",
    "truncated JSON": b'{"HyperParameterTuningJobName": "hostile-tar',
    "trailing data": b'{"HyperParameterTuningJobName": "hostile-target"} {}',
    "array": b'["hostile-target"]',
    "string": b'"hostile-target"',
    "number": b"42",
    "null": b"null",
    "NaN member": b'{"HyperParameterTuningJobName": "hostile-target", "MaxResults": NaN}',
    "Infinity member": b'{"HyperParameterTuningJobName": "hostile-target", "MaxResults": Infinity}',
    "nested 100000 deep": b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "integer of 5000 digits": b'{"MaxResults": ' + b"9" * 5000 + b"}",
    "invalid UTF-8": b'{"HyperParameterTuningJobName": "\xff\xfe"}',
    "UTF-16": '{"HyperParameterTuningJobName": "hostile-target"}'.encode("utf-16"),
    "UTF-8 byte order mark": b'\xef\xbb\xbf{"HyperParameterTuningJobName": "hostile-target"}',
    "name as an array": b'{"HyperParameterTuningJobName": ["hostile-target"]}',
    "name deeply nested": b'{"HyperParameterTuningJobName": ' + b"[" * 900 + b"]" * 900 + b"}",
    "page size as a string": NAMED + b'"MaxResults": "5"}',
    "page size as a float": NAMED + b'"MaxResults": 5.5}',
    "page size as a boolean": NAMED + b'"MaxResults": true}',
    "token as a number": NAMED + b'"NextToken": 7}',
}


@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_malformed_body_serialization_error(
    hpt_mock: TuningJobMock, job: FakeTuningJob, body: bytes
) -> None:
    status, error = send_body(hpt_mock, body)

    assert status == 400
    assert error["__type"] == "SerializationException"
    assert set(error) == {"__type", "message"}
    assert hpt_mock.calls[-1].status == 400
    assert hpt_mock.calls[-1].error_code == "SerializationException"


@pytest.mark.parametrize(
    ("body", "json_type"),
    [(b"[]", "an array"), (b"null", "null"), (b'"x"', "a string"), (b"4.5", "a number")],
)
def test_body_not_object_named_in_json_terms(
    hpt_mock: TuningJobMock, body: bytes, json_type: str
) -> None:
    _, error = send_body(hpt_mock, body)

    assert error["message"] == f"The request body must be a JSON object, not {json_type}."


INVALID_BODIES = {
    "empty body": (b"", "Value null at 'hyperParameterTuningJobName'"),
    "empty object": (b"{}", "Value null at 'hyperParameterTuningJobName'"),
    "page size zero": (
        b'{"HyperParameterTuningJobName": "hostile-target", "MaxResults": 0}',
        "Value '0' at 'maxResults' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1",
    ),
    "huge page size": (
        b'{"HyperParameterTuningJobName": "hostile-target", "MaxResults": ' + b"9" * 400 + b"}",
        "at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 100",
    ),
    "name with a NUL": (
        b'{"HyperParameterTuningJobName": "a\\u0000b"}',
        "at 'hyperParameterTuningJobName' failed to satisfy constraint",
    ),
    "name of a lone surrogate": (
        b'{"HyperParameterTuningJobName": "\\ud800"}',
        "at 'hyperParameterTuningJobName' failed to satisfy constraint",
    ),
    "unknown sort": (
        b'{"HyperParameterTuningJobName": "hostile-target", "SortBy": "Score"}',
        "Value 'Score' at 'sortBy' failed to satisfy constraint: "
        "Member must satisfy enum value set",
    ),
}


@pytest.mark.parametrize(("body", "message"), INVALID_BODIES.values(), ids=INVALID_BODIES.keys())
def test_invalid_body_validation_error(
    hpt_mock: TuningJobMock, job: FakeTuningJob, body: bytes, message: str
) -> None:
    status, error = send_body(hpt_mock, body)

    assert status == 400
    assert error["__type"] == "ValidationException"
    assert message in error["message"]


def test_body_over_limit_payload_too_large(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    padding = "x" * MAX_BODY_BYTES
    body = json.dumps(name_body(job, Padding=padding)).encode()

    status, error = send_body(hpt_mock, body)

    assert status == 413
    assert error["__type"] == "PayloadTooLargeException"
    assert f"{len(body)} bytes" in error["message"]
    assert hpt_mock.calls[-1].status == 413


def test_body_at_limit_is_read(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    # A body of exactly MAX_BODY_BYTES is read: its unknown member is ignored.
    base = json.dumps(name_body(job, Padding="")).encode()
    body = json.dumps(name_body(job, Padding="x" * (MAX_BODY_BYTES - len(base)))).encode()
    assert len(body) == MAX_BODY_BYTES

    status, page = send_body(hpt_mock, body)

    assert status == 200
    assert len(page["TrainingJobSummaries"]) == 10


def test_long_name_echoed_without_crash(hpt_mock: TuningJobMock, job: FakeTuningJob) -> None:
    body = json.dumps({"HyperParameterTuningJobName": "n" * 500_000}).encode()

    status, error = send_body(hpt_mock, body)

    assert status == 400
    assert error["__type"] == "ValidationException"
    assert "Member must have length less than or equal to 32" in error["message"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
members = st.sampled_from(
    [
        "HyperParameterTuningJobName",
        "NextToken",
        "MaxResults",
        "SortBy",
        "SortOrder",
        "StatusEquals",
        "Unknown",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.dictionaries(members, json_values | st.just("fuzz-job"), max_size=6),
)
def test_random_json_body_gets_aws_answer(body: dict[str, Any]) -> None:
    with mock_tuning_jobs(seed=4) as mock:
        mock.add_tuning_job("fuzz-job", training_jobs=3)

        status, answer = send_body(mock, json.dumps(body).encode())

        if status == 200:
            assert isinstance(answer["TrainingJobSummaries"], list)
        else:
            assert status == 400
            assert answer["__type"] in ERROR_CODES
        assert mock.calls[-1].status == status


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=200))
def test_random_bytes_body_gets_aws_answer(body: bytes) -> None:
    with mock_tuning_jobs(seed=4) as mock:
        status, answer = send_body(mock, body)

        assert status == 400
        assert answer["__type"] in ERROR_CODES


# --- bodies through botocore without its validation --------------------------------------


UNVALIDATED_CALLS = {
    "page size as a string": (
        {"MaxResults": "5"},
        "SerializationException",
        "STRING_VALUE can not be converted to an Integer",
    ),
    "page size zero": (
        {"MaxResults": 0},
        "ValidationException",
        "Value '0' at 'maxResults' failed to satisfy constraint",
    ),
    "negative page size": (
        {"MaxResults": -3},
        "ValidationException",
        "Value '-3' at 'maxResults' failed to satisfy constraint",
    ),
    "page size as a list": (
        {"MaxResults": [5]},
        "SerializationException",
        "START_ARRAY can not be converted to an Integer",
    ),
    "token as a number": (
        {"NextToken": 12},
        "SerializationException",
        "NUMBER_VALUE can not be converted to a String",
    ),
    "unknown status": (
        {"StatusEquals": "Sleeping"},
        "ValidationException",
        "Value 'Sleeping' at 'statusEquals' failed to satisfy constraint",
    ),
    "lower-case sort order": (
        {"SortOrder": "ascending"},
        "ValidationException",
        "Value 'ascending' at 'sortOrder' failed to satisfy constraint",
    ),
}


@pytest.mark.parametrize(
    ("arguments", "code", "message"), UNVALIDATED_CALLS.values(), ids=UNVALIDATED_CALLS.keys()
)
def test_unvalidated_client_gets_aws_error(
    loose_client: Any,
    hpt_mock: TuningJobMock,
    job: FakeTuningJob,
    arguments: dict[str, Any],
    code: str,
    message: str,
) -> None:
    with pytest.raises(ClientError) as caught:
        loose_client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name, **arguments
        )

    check_rejected(caught.value, hpt_mock, code)
    assert message in caught.value.response["Error"]["Message"]


def test_unvalidated_missing_name_rejected(loose_client: Any, hpt_mock: TuningJobMock) -> None:
    with pytest.raises(ClientError) as caught:
        loose_client.list_training_jobs_for_hyper_parameter_tuning_job(MaxResults=5)

    check_rejected(caught.value, hpt_mock)
    assert caught.value.response["Error"]["Message"] == (
        "1 validation error detected: Value null at 'hyperParameterTuningJobName' "
        "failed to satisfy constraint: Member must not be null"
    )


@pytest.mark.parametrize("name", [42, ["hostile-target"], {"Name": "x"}, True])
def test_unvalidated_name_of_wrong_type_rejected(
    loose_client: Any, hpt_mock: TuningJobMock, job: FakeTuningJob, name: Any
) -> None:
    with pytest.raises(ClientError) as caught:
        loose_client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=name
        )

    check_rejected(caught.value, hpt_mock, "SerializationException")
    assert "can not be converted to a String" in caught.value.response["Error"]["Message"]
