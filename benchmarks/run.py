"""Benchmarks of pytest-hpt-fixtures against botocore's own floor and against moto.

Run from the repository root, in an environment where the package is
installed (`pip install -e ".[test]"`):

    python benchmarks/run.py            # the table, as plain text
    python benchmarks/run.py --markdown # the same table in Markdown

Each timing row compares variants measured side by side in this run (see
`timing.py`) and is printed with its target; docs/benchmarks.md explains
every row. `--only per-call,memory` runs some groups of rows. The command
exits with status 1 when a target is not met. No request leaves the
machine: the fake, moto's `mock_aws` or a handler in `in_process.py`
returns the response of every client.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from importlib import metadata

import in_process
import subprocesses
from table import Row, format_table

# Fake credentials and no instance metadata look-ups, so that creating a
# client never reads real credentials or reaches the network.
_SAFE_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "AKIAFAKE123456789012",
    "AWS_SECRET_ACCESS_KEY": "benchmark-secret-access-key",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}
_UNSAFE_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION")


def machine_description() -> list[str]:
    """Return lines naming the CPU, Python and the versions of the libraries measured."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("pytest-hpt-fixtures", "botocore", "boto3", "moto", "Faker", "pytest")
    )
    return [
        f"CPUs: {os.cpu_count()} ({cpu})",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        versions,
    ]


GROUPS = ("import", "startup", "per-call", "scaling", "per-test", "moto", "memory")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument(
        "--rounds",
        type=int,
        default=21,
        help="rounds per in-process comparison (default 21); fewer is faster and noisier",
    )
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated groups of rows to run (default: all): {', '.join(GROUPS)}",
    )
    args = parser.parse_args(argv)
    rounds = max(3, args.rounds)

    for variable in _UNSAFE_VARIABLES:
        os.environ.pop(variable, None)
    os.environ.update(_SAFE_ENVIRONMENT)

    started = time.perf_counter()
    groups = set(args.only.split(",")) if args.only else set(GROUPS)
    unknown = groups - set(GROUPS)
    if unknown:
        parser.error(f"unknown --only groups {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    rows: list[Row] = []
    if "import" in groups:
        rows += subprocesses.import_rows(rounds)
    if "startup" in groups:
        rows.append(subprocesses.pytest_startup_row(max(5, rounds // 2)))

    from pytest_hpt_fixtures import mock_tuning_jobs

    with mock_tuning_jobs(seed=1) as mock:
        fake = mock.client()
        if "per-call" in groups:
            rows += in_process.per_call_rows(mock, rounds)
        if "scaling" in groups:
            rows += in_process.scaling_rows(mock, fake, max(5, rounds // 3))
        if "per-test" in groups:
            rows += in_process.per_test_rows(fake, rounds)
        # moto registers its handler for every botocore session created after
        # it is imported, so it comes after the rows that compare with the floor.
        if "moto" in groups:
            rows += in_process.moto_rows(mock, fake, rounds)
    if "memory" in groups:
        rows += in_process.memory_rows()

    print("\n".join(machine_description()))
    print(f"python benchmarks/run.py --rounds {rounds}: {time.perf_counter() - started:.0f} s\n")
    print(format_table(rows, markdown=args.markdown))
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
