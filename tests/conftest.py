"""Checks shared by the whole suite.

Every response the fake sends during a test is checked against botocore's
output shape for its operation, strictly (patterns, maximums and unknown
members included), and every error body against the JSON 1.1 error form.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from pytest_hpt_fixtures import service_model
from pytest_hpt_fixtures.mock import TuningJobMock

# Clients that tests create while no fake is active, such as clients created at
# import time during collection, resolve credentials when they are created.
# Without any configured, botocore would ask the EC2 instance metadata
# service; the suite, and the pytest runs it starts, must never reach it.
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ.setdefault("AWS_ACCESS_KEY_ID", "AKIAFAKETESTSUITE000")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "fake-secret-for-the-test-suite")


def wire_response_problems(operation: str, status: int, body: bytes) -> list[str]:
    """List what is wrong with one response of the fake, as sent on the wire."""
    try:
        document = json.loads(body)
    except json.JSONDecodeError as error:
        return [f"{operation}: body is not JSON: {error}"]
    if status != 200:
        problems = []
        if not isinstance(document.get("__type"), str) or not document["__type"]:
            problems.append(f"{operation}: error body has no __type: {document!r}")
        if not isinstance(document.get("message"), str):
            problems.append(f"{operation}: error body has no message: {document!r}")
        return problems
    return service_model.output_shape_problems(operation, document, wire=True)


# How many responses `_validate_every_response` has checked in this process,
# so that a test can prove the check covers the responses botocore clients get.
validated_responses = 0


@pytest.fixture(autouse=True)
def _validate_every_response(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every response of the fake, for botocore and for any other transport,
    # comes from TuningJobMock._serve.
    original = TuningJobMock._serve

    def serve_and_validate(self: TuningJobMock, operation: str, *args: Any) -> Any:
        global validated_responses
        response = original(self, operation, *args)
        if response is not None:
            problems = wire_response_problems(operation, response.status, response.body)
            assert not problems, "the fake sent an invalid response:\n" + "\n".join(problems)
            validated_responses += 1
        return response

    monkeypatch.setattr(TuningJobMock, "_serve", serve_and_validate)
