"""Seeds: one per run, one per test, one per tuning job, all derived by hashing.

Hashing the parent seed with a stable name (a test's node id, a tuning job's
position) makes each child seed independent of test order, of `-k`
selections and of pytest-xdist workers.
"""

from __future__ import annotations

import hashlib
import secrets

SEED_BITS = 32


def random_seed() -> int:
    """Return a fresh seed for a run that was given none."""
    return secrets.randbits(SEED_BITS)


def derive_seed(parent: int, *names: object) -> int:
    """Return a child seed that depends only on `parent` and `names`."""
    text = "\x1f".join([str(parent), *(str(name) for name in names)])
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def parse_seed(value: object, source: str) -> int:
    """Read a seed from an option or ini value; `source` names it in the error."""
    from .errors import HptUsageError

    text = str(value).strip()
    try:
        seed = int(text, 0)
    except ValueError:
        raise HptUsageError(
            f"{source}={value!r} is not a seed: pass a whole number, such as {source}=1234."
        ) from None
    if seed < 0:
        raise HptUsageError(f"{source}={seed} is negative: pass a whole number of 0 or more.")
    return seed
