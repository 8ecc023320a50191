"""Named scenarios: ready-made tuning jobs for the cases that tests check most.

A scenario is a set of defaults for the keyword arguments of
`TuningJobMock.add_tuning_job`, plus the status mix of its training jobs and,
for a warm start, a parent tuning job. Keywords passed explicitly to
`add_tuning_job` override the scenario's defaults.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .errors import HptUsageError


@dataclass(frozen=True)
class Scenario:
    """Defaults and generation settings of one named scenario."""

    name: str
    description: str
    defaults: Mapping[str, Any] = field(default_factory=dict)
    # Share of the finished training jobs that fail, drawn from (low, high).
    # None leaves it to the tuning job's status.
    failed_share: tuple[float, float] | None = None
    # Share of the finished training jobs that early stopping ends.
    early_stopped_share: tuple[float, float] | None = None
    # A warm start tuning job has one Completed parent.
    warm_start: bool = False


SCENARIOS: Mapping[str, Scenario] = MappingProxyType(
    {
        scenario.name: scenario
        for scenario in (
            Scenario(
                "completed",
                "a finished run: mostly Completed training jobs, a few Failed and a few "
                "stopped early",
                {"status": "Completed", "training_jobs": 20},
            ),
            Scenario(
                "in_progress",
                "a running tuning job: finished waves, then a last wave of InProgress "
                "training jobs with Pending objectives",
                {"status": "InProgress", "training_jobs": 20, "max_parallel_training_jobs": 4},
            ),
            Scenario(
                "all_failed",
                "a Failed tuning job whose training jobs all failed, so it has no best "
                "training job",
                {"status": "Failed", "training_jobs": 8},
                failed_share=(1.0, 1.0),
            ),
            Scenario(
                "early_stopped",
                "a Completed tuning job with early stopping: many Stopped training jobs "
                "that kept the metric they reached",
                {"status": "Completed", "training_jobs": 24, "max_parallel_training_jobs": 3},
                early_stopped_share=(0.3, 0.45),
            ),
            Scenario(
                "multi_definition",
                "three training job definitions (xgboost, lightgbm, catboost), each with "
                "its own ranges and TrainingJobDefinitionName",
                {"status": "Completed", "training_jobs": 18, "training_job_definitions": 3},
            ),
            Scenario(
                "warm_start",
                "a tuning job that warm-starts from a Completed parent; the parent's "
                "training jobs are listed too and carry the parent's TuningJobName",
                {"status": "Completed", "training_jobs": 10},
                warm_start=True,
            ),
        )
    }
)


def get_scenario(name: Any) -> Scenario:
    """Return the named scenario, or raise `HptUsageError` listing the scenarios."""
    if isinstance(name, str) and name in SCENARIOS:
        return SCENARIOS[name]
    hint = ""
    if isinstance(name, str):
        close = difflib.get_close_matches(name.replace("-", "_").lower(), SCENARIOS, n=1)
        if close:
            hint = f" Did you mean {close[0]!r}?"
    raise HptUsageError(
        f"scenario={name!r} is not a scenario.{hint} Use one of: "
        f"{', '.join(SCENARIOS)}; or pass no scenario."
    )
