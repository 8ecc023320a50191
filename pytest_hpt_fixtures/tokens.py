"""Signed, opaque NextToken values: a JSON payload in canonical base64 with an HMAC.

The signature detects a token that was changed, cut or made up. It guards
against mistakes, not attackers, and a fixed key keeps tokens the same
across runs. Each listing binds its own payload to the request that issued
the token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

_SIGNATURE_BYTES = 12


def encode(payload: dict[str, Any], *, key: bytes) -> str:
    """Return the token for `payload`; equal payloads give equal tokens."""
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    signature = hmac.new(key, body, hashlib.sha256).digest()[:_SIGNATURE_BYTES]
    return f"{_b64encode(body)}.{_b64encode(signature)}"


def decode(token: str, *, key: bytes) -> dict[str, Any] | None:
    """Return the payload of a token signed with `key`, or None for any other string."""
    body_text, separator, signature_text = token.partition(".")
    if not separator:
        return None
    try:
        body = _b64decode(body_text)
        signature = _b64decode(signature_text)
    except (binascii.Error, ValueError):
        return None
    expected = hmac.new(key, body, hashlib.sha256).digest()[:_SIGNATURE_BYTES]
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        payload = _DECODER.decode(body.decode("utf-8"))
    except (ValueError, RecursionError):
        # UnicodeDecodeError is a ValueError.
        return None
    return payload if isinstance(payload, dict) else None


def _reject_constant(name: str) -> Any:
    # Python's json module reads NaN and Infinity, which no issued token holds.
    raise ValueError(f"{name} is not a JSON value")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def shorten(token: str, limit: int = 64) -> str:
    """Return the token cut to `limit` characters, for error messages."""
    return token if len(token) <= limit else token[:limit] + "..."


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    if not text.isascii():
        raise ValueError("token is not ASCII")
    padded = text + "=" * (-len(text) % 4)
    decoded = base64.urlsafe_b64decode(padded.encode("ascii"))
    if _b64encode(decoded) != text:
        # Reject other spellings of the same bytes, so one token has one form.
        raise ValueError("token is not in canonical base64")
    return decoded
