"""The fake's state: tuning jobs by account, region and name."""

from __future__ import annotations

import threading

from .errors import HptUsageError
from .model import FakeTuningJob


class TuningJobRegistry:
    """Tuning jobs of every account and region that one fake serves.

    Names are looked up without regard to case, as SageMaker does.
    """

    def __init__(self) -> None:
        self._jobs: dict[tuple[str, str], dict[str, FakeTuningJob]] = {}
        self._lock = threading.Lock()

    def add(self, job: FakeTuningJob) -> None:
        with self._lock:
            jobs = self._jobs.setdefault((job.account_id, job.region), {})
            key = job.name.lower()
            if key in jobs:
                raise HptUsageError(
                    f"A tuning job called {jobs[key].name!r} already exists in account "
                    f"{job.account_id}, region {job.region}: SageMaker names are unique "
                    "per account and region, ignoring case. Pass another name, or none "
                    "to have one generated."
                )
            jobs[key] = job

    def find(self, account_id: str, region: str, name: str) -> FakeTuningJob | None:
        jobs = self._jobs.get((account_id, region))
        if jobs is None:
            return None
        return jobs.get(name.lower())

    def all(self) -> list[FakeTuningJob]:
        with self._lock:
            return [job for jobs in self._jobs.values() for job in jobs.values()]

    def clear(self) -> None:
        with self._lock:
            self._jobs.clear()
