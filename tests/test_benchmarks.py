"""The benchmark command runs and prints its rows; it asserts no timings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

PER_CALL_ROWS = (
    "per call, page of 10: fake / floor",
    "per call, page of 100: fake / floor",
    "per call, every page of 200 by 10: fake / floor",
    "per call, page of 10: floor / the same floor",
)


def test_per_call_rows_print() -> None:
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--only", "per-call", "--rounds", "3"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    # Exit status 1 means a target was missed, which this machine's load may
    # cause; anything else is a failure of the benchmark itself.
    assert completed.returncode in (0, 1), completed.stderr
    assert "Traceback" not in completed.stderr
    for row in PER_CALL_ROWS:
        assert row in completed.stdout
