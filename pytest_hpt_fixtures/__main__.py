"""Command line of pytest-hpt-fixtures: `python -m pytest_hpt_fixtures preview ...`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import preview


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pytest_hpt_fixtures",
        description="Tools of pytest-hpt-fixtures, the fake SageMaker tuning jobs for tests.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    preview_parser = commands.add_parser(
        "preview",
        help="print a generated tuning job",
        description="Print the tuning job that a seed and a scenario generate, the same one "
        "that mock_tuning_jobs(seed=SEED).add_tuning_job(scenario=SCENARIO) returns.",
    )
    preview.add_arguments(preview_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    output = preview.run(arguments)
    try:
        print(output)
    except BrokenPipeError:
        # The reader closed the pipe, as `| head` does. Point stdout at
        # /dev/null so that flushing it at exit raises nothing either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
