"""SageMaker's JSON 1.1 protocol: decode requests, encode responses and errors.

Transport-neutral: the botocore `before-send` handler and any other transport
build a `WireRequest`, and send back the `WireResponse` that `respond` makes.

SageMaker uses JSON 1.1 (botocore's model: `protocol: json`, `jsonVersion:
1.1`). Requests are `POST /` with `X-Amz-Target: SageMaker.<Operation>` and
`Content-Type: application/x-amz-json-1.1`. Errors are HTTP 400 with a body
`{"__type": "<Code>", "message": "..."}`. Timestamps are epoch seconds.
"""

from __future__ import annotations

import functools
import itertools
import json
import random
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any
from urllib.parse import urlsplit

from .errors import SerializationError, ServiceError

TARGET_PREFIX = "SageMaker."
CONTENT_TYPE = "application/x-amz-json-1.1"

# Credential=<access key>/<date>/<region>/<service>/aws4_request
_CREDENTIAL_SCOPE = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/([^/,\s]+)/aws4_request")
# api.sagemaker.<region>.amazonaws.com and its FIPS and China variants.
_SAGEMAKER_HOST = re.compile(r"^api\.sagemaker(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$")


@dataclass(frozen=True)
class WireRequest:
    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        """Return a header value; HTTP header names are not case sensitive."""
        value = None
        if not isinstance(self.headers, dict):
            # botocore's header mapping looks names up without regard to
            # case, and is slow to go through.
            value = self.headers.get(name)
        if value is None:
            value = self._by_lowered_name.get(name.lower())
        if value is None or isinstance(value, str):
            return value
        return value.decode("latin-1")

    @functools.cached_property
    def _by_lowered_name(self) -> dict[str, Any]:
        # The first of several spellings of one name wins.
        headers: dict[str, Any] = {}
        for key, value in self.headers.items():
            headers.setdefault(key.lower(), value)
        return headers


# Not frozen: one is made per response, and a frozen dataclass costs four
# times as much to make.
@dataclass(slots=True)
class WireResponse:
    status: int
    headers: dict[str, str]
    body: bytes


class RawJSON(bytes):
    """A response body that is already encoded."""


def target_operation(request: WireRequest) -> str | None:
    """Return the SageMaker operation named by X-Amz-Target, or None for other services."""
    target = request.header("X-Amz-Target")
    if target is None or not target.startswith(TARGET_PREFIX):
        return None
    return target[len(TARGET_PREFIX) :]


def signing_scope(request: WireRequest) -> tuple[str | None, str | None]:
    """Return (access key id, region) from the SigV4 Authorization header."""
    return authorization_scope(request.header("Authorization"))


def authorization_scope(authorization: str | bytes | None) -> tuple[str | None, str | None]:
    """Return (access key id, region) from the value of a SigV4 Authorization header."""
    if not authorization:
        return None, None
    if isinstance(authorization, bytes):
        authorization = authorization.decode("latin-1")
    # The credential part changes only with the key, date and region, while
    # the signature after it changes with every request.
    credential = authorization.partition("Credential=")[2].partition(",")[0]
    return _credential_scope(credential) if credential else (None, None)


@functools.lru_cache(maxsize=64)
def _credential_scope(credential: str) -> tuple[str | None, str | None]:
    match = _CREDENTIAL_SCOPE.search("Credential=" + credential)
    if match is None:
        return None, None
    return match.group(1), match.group(2)


def url_region(url: str) -> str | None:
    """Return the region named by a SageMaker endpoint URL, or None for another host."""
    host = urlsplit(url).hostname or ""
    match = _SAGEMAKER_HOST.match(host)
    return match.group(1) if match else None


def body_bytes(body: Any) -> bytes:
    """Read an HTTP request body (bytes, text, a readable stream or None) as bytes.

    A stream is read whole, because SageMaker JSON requests are small, and
    put back where it was, so that another mock can read it again.
    """
    if isinstance(body, bytes):
        return body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        position = body.tell() if hasattr(body, "tell") else None
        data = body.read()
        if position is not None:
            body.seek(position)
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return bytes(body)


# NOTE: SageMaker documents no size limit for control-plane request bodies.
# The fake rejects bodies above 1 MiB with HTTP 413 and PayloadTooLargeException,
# the code SageMaker's Gateway Runtime uses for its own 10 MiB limit. For
# scale: CreateTrainingJob's HyperParameters, at most 100 entries of 256 and
# 2500 characters (botocore's model), come to about 280 KB.
MAX_BODY_BYTES = 1024 * 1024


def decode_params(body: bytes | str | None) -> dict[str, Any]:
    """Decode a JSON 1.1 request body; an empty body is an empty request.

    Raises `ServiceError` with PayloadTooLargeException (HTTP 413) for a body
    above MAX_BODY_BYTES, and `SerializationError` for a body that is not a
    JSON object in UTF-8.
    """
    if body is None or body in (b"", ""):
        return {}
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    if len(data) > MAX_BODY_BYTES:
        raise ServiceError(
            "PayloadTooLargeException",
            f"The request body is {len(data)} bytes, more than the maximum of "
            f"{MAX_BODY_BYTES} bytes.",
            413,
        )
    try:
        # JSON on the wire is UTF-8 (RFC 8259); json.loads would also guess
        # UTF-16 and UTF-32, which AWS does not accept.
        params = _DECODER.decode(data.decode("utf-8"))
    except ValueError as error:
        # JSONDecodeError, UnicodeDecodeError, NaN or Infinity, and integers
        # longer than Python converts are all ValueErrors.
        raise SerializationError(f"The request body is not valid JSON: {error}") from None
    except RecursionError:
        raise SerializationError(
            "The request body is not valid JSON: it nests arrays or objects too deeply."
        ) from None
    if not isinstance(params, dict):
        raise SerializationError(
            f"The request body must be a JSON object, not {_JSON_TYPE_NAMES[type(params)]}."
        )
    return params


def _reject_constant(name: str) -> Any:
    # Python's json module reads NaN, Infinity and -Infinity, which JSON does not have.
    raise ValueError(f"{name} is not a JSON value")


# What JSON calls the Python types that json.loads returns.
_JSON_TYPE_NAMES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}

# One decoder for every request: json.loads with options builds a new one each call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def respond(outcome: Mapping[str, Any] | RawJSON | ServiceError) -> WireResponse:
    """Turn an operation's result, or the AWS error it raised, into the HTTP response."""
    if isinstance(outcome, ServiceError):
        body = json.dumps({"__type": outcome.code, "message": outcome.message}).encode()
        return WireResponse(outcome.status, _headers(body), body)
    if isinstance(outcome, RawJSON):
        return respond_raw(outcome)
    return respond_raw(RawJSON(json.dumps(outcome, separators=(",", ":")).encode()))


# Request ids need to be unique, not unpredictable. Each process draws the
# first 80 bits of a version 4 UUID once, and counts in the last 48, which
# costs far less than a random UUID per response.
def _random_request_id_prefix() -> str:
    """Return the first four groups of a random version 4 UUID, and a hyphen."""
    digits = f"{random.SystemRandom().getrandbits(80):020x}"
    variant = "89ab"[int(digits[16], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-"


_request_id_prefix = _random_request_id_prefix()
_request_numbers = itertools.count(random.SystemRandom().getrandbits(47))
_LOW_48_BITS = (1 << 48) - 1


def respond_raw(body: RawJSON) -> WireResponse:
    """Return the HTTP response of a successful request whose result is already encoded.

    The body is immutable bytes, so it is sent as it is, without a copy.
    """
    return WireResponse(200, _headers(body), body)


def _headers(body: bytes) -> dict[str, str]:
    return {
        "x-amzn-RequestId": f"{_request_id_prefix}{next(_request_numbers) & _LOW_48_BITS:012x}",
        "Content-Type": CONTENT_TYPE,
        "Content-Length": str(len(body)),
        "Date": _http_date(int(time.time())),
    }


@functools.lru_cache(maxsize=1)
def _http_date(second: int) -> str:
    # The Date header changes once a second, so it is formatted once a second.
    return formatdate(second, usegmt=True)
