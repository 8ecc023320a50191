"""Rows measured in fresh interpreters: the cost of importing and loading the plugin."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable

import timing
from table import Row, ms

_HEAVY = ("botocore", "boto3", "moto", "faker")


# Run in a fresh interpreter: time the imports in-process, print the time
# and which heavy modules ended up loaded.
_IMPORT_PROBE = """
import sys, time
start = time.perf_counter()
import pytest
{extra}
elapsed = time.perf_counter() - start
heavy = [name for name in {heavy!r} if name in sys.modules]
print(elapsed, ",".join(heavy) or "-")
"""


def import_rows(rounds: int) -> list[Row]:
    """Measure what importing the plugin adds to a fresh interpreter that imports pytest."""
    probes = {
        "plugin": _IMPORT_PROBE.format(extra="import pytest_hpt_fixtures.plugin", heavy=_HEAVY),
        "pytest": _IMPORT_PROBE.format(extra="", heavy=_HEAVY),
    }
    heavy: set[str] = set()
    import_seconds: dict[str, list[float]] = {name: [] for name in probes}

    def probe(name: str) -> Callable[[], None]:
        def run() -> None:
            output = run_command([sys.executable, "-c", probes[name]]).split()
            import_seconds[name].append(float(output[0]))
            if name == "plugin":
                heavy.update(module for module in output[1].split(",") if module != "-")

        return run

    for name in probes:  # writes the bytecode caches a user's first run would write
        probe(name)()
    processes = timing.interleave(
        {name: probe(name) for name in probes}, rounds=rounds, clock=timing.children_cpu_time
    )
    added_ms = (min(import_seconds["plugin"]) - min(import_seconds["pytest"])) * 1e3
    process_added_ms = (processes.best("plugin") - processes.best("pytest")) * 1e3
    return [
        Row(
            "import pytest_hpt_fixtures.plugin: added time",
            f"{added_ms:.1f} ms",
            "<= 10 ms",
            added_ms <= 10,
            f"whole process {process_added_ms:+.1f} ms CPU; import pytest alone "
            f"{min(import_seconds['pytest']) * 1e3:.1f} ms",
        ),
        Row(
            "import pytest_hpt_fixtures.plugin: heavy modules",
            ", ".join(sorted(heavy)) or "none",
            "none of " + ", ".join(_HEAVY),
            not heavy,
        ),
    ]


def pytest_startup_row(rounds: int) -> Row:
    """Time pytest on an empty suite, with the plugin and with `-p no:hpt_fixtures`."""
    with tempfile.TemporaryDirectory() as directory:
        with open(os.path.join(directory, "pytest.ini"), "w") as ini:
            ini.write("[pytest]\n")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", directory]
        timings = timing.interleave(
            {
                "plugin": lambda: run_command(command, allowed=(5,), cwd=directory),
                "no plugin": lambda: run_command(
                    [*command, "-p", "no:hpt_fixtures"], allowed=(5,), cwd=directory
                ),
            },
            rounds=rounds,
            clock=timing.children_cpu_time,
        )
    added_ms = (timings.best("plugin") - timings.best("no plugin")) * 1e3
    ratio = timings.ratio("plugin", "no plugin")
    return Row(
        "pytest start-up, empty suite: plugin / -p no:hpt_fixtures",
        f"{ratio:.3f}x",
        "report",
        None,
        f"{added_ms:+.1f} ms CPU; without plugin {ms(timings.best('no plugin'))} CPU",
    )


def run_command(
    command: list[str], *, allowed: tuple[int, ...] = (0,), cwd: str | None = None
) -> str:
    """Run a command and return its output.

    PYTHONDONTWRITEBYTECODE is dropped, because a user's Python caches the
    bytecode of the modules it imports and the timings should match that.
    """
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    completed = subprocess.run(
        command, capture_output=True, cwd=cwd, env=environment, text=True, check=False
    )
    if completed.returncode not in (0, *allowed):
        raise RuntimeError(
            f"{' '.join(command)} exited with {completed.returncode}:\n{completed.stderr}"
        )
    return completed.stdout
