"""Seeds: one per run, one per test, one per tuning job, all derived by hashing.

Hashing the parent seed with a stable name (a test's node id, a tuning job's
position) makes each child seed independent of test order, of `-k`
selections and of pytest-xdist workers.
"""

from __future__ import annotations

import hashlib
import secrets
import shlex
from collections.abc import Mapping
from typing import Any

SEED_BITS = 32

# The key under which the pytest-xdist controller hands its seed to workers.
WORKER_INPUT_KEY = "hpt_seed"


def random_seed() -> int:
    """Return a fresh seed for a run that was given none."""
    return secrets.randbits(SEED_BITS)


def derive_seed(parent: int, *names: object) -> int:
    """Return a child seed that depends only on `parent` and `names`."""
    text = "\x1f".join([str(parent), *(str(name) for name in names)])
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def seed_for_test(session_seed: int, node_id: str) -> int:
    """Return the seed of one test's data: the run's seed hashed with the test's node id."""
    return derive_seed(session_seed, node_id)


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


def session_seed(
    option: object | None, ini: object | None, worker_input: Mapping[str, Any] | None
) -> int:
    """Return the run's seed: the `--hpt-seed` option, else the `hpt_seed` ini value,
    else a fresh random seed.

    A pytest-xdist worker takes the seed its controller chose, found in
    `worker_input`, so that a random seed is the same on every worker.
    Raises `HptUsageError` for a value that is not a seed.
    """
    if worker_input is not None and WORKER_INPUT_KEY in worker_input:
        return int(worker_input[WORKER_INPUT_KEY])
    if option is not None:
        return parse_seed(option, "--hpt-seed")
    if ini:
        return parse_seed(ini, "hpt_seed")
    return random_seed()


def report_header(seed: int) -> str:
    return f"hpt-fixtures: seed {seed} (replay with --hpt-seed={seed})"


def replay_instructions(seed: int, node_id: str) -> str:
    """Return how to rerun one failed test with the same data, with its command line."""
    return (
        f"The generated tuning jobs came from seed {seed}. Replay them with:\n"
        f"  pytest {shlex.quote(node_id)} --hpt-seed={seed}"
    )
