"""Fake AWS credentials and the environment variables set while a fake is active.

Standard library only, so that the pytest plugin can apply them at start-up
without importing botocore.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

DEFAULT_ACCOUNT_ID = "123456789012"
ACCOUNT_ID_PATTERN = re.compile(r"[0-9]{12}")
REGION_PATTERN = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]+")

# Fake access key ids carry the account they act for: AKIAFAKE<12 digits>.
FAKE_ACCESS_KEY = re.compile(r"AKIAFAKE([0-9]{12})")
FAKE_SECRET_ACCESS_KEY = "pytest-hpt-fixtures-fake-secret-access-key"


def fake_access_key_id(account_id: str) -> str:
    """Return the fake access key id that makes the fake serve `account_id`."""
    return f"AKIAFAKE{account_id}"


# The access key id of the fake environment. It names no account, unlike
# the keys of `fake_access_key_id`, so the active fake serves a client that
# reads it from the environment as the fake's own account. A botocore
# session keeps the credentials it read first, which may come from an
# earlier fake with another account.
ENVIRONMENT_ACCESS_KEY_ID = "AKIAFAKEENVIRONMENT0"

# Credentials that are fake, no profile that could point at real ones, and
# no instance metadata look-ups. botocore resolves credentials when a client
# is created, and with none configured it queries the EC2 instance metadata
# service.
FAKE_ENVIRONMENT: dict[str, str | None] = {
    "AWS_ACCESS_KEY_ID": ENVIRONMENT_ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY": FAKE_SECRET_ACCESS_KEY,
    "AWS_SESSION_TOKEN": None,
    "AWS_SECURITY_TOKEN": None,
    "AWS_PROFILE": None,
    "AWS_DEFAULT_PROFILE": None,
    "AWS_EC2_METADATA_DISABLED": "true",
}


@dataclass
class SavedEnvironment:
    """The values that `apply_fake_environment` replaced, to put back later."""

    values: dict[str, str | None] = field(default_factory=dict)
    applied: dict[str, str | None] = field(default_factory=dict)


def apply_fake_environment(region: str) -> SavedEnvironment:
    """Set the fake environment; also set the region when none is set."""
    wanted = dict(FAKE_ENVIRONMENT)
    if not os.environ.get("AWS_DEFAULT_REGION") and not os.environ.get("AWS_REGION"):
        wanted["AWS_DEFAULT_REGION"] = region
    saved = SavedEnvironment()
    for key, value in wanted.items():
        saved.values[key] = os.environ.get(key)
        saved.applied[key] = value
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    return saved


def restore_environment(saved: SavedEnvironment) -> None:
    """Put back what `apply_fake_environment` replaced, unless changed since."""
    for key, original in saved.values.items():
        if os.environ.get(key) != saved.applied[key]:
            continue
        if original is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = original
