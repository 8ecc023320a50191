"""The fake's state: tuning jobs by account, region and name."""

from __future__ import annotations

import threading
import weakref

from .errors import HptUsageError
from .model import FakeTuningJob, TrainingJobRecord
from .moto_bridge import MotoTuningJobs


class TuningJobRegistry:
    """Tuning jobs of every account and region that one fake serves.

    Names are looked up without regard to case, as SageMaker does. While
    moto's `mock_aws` is active, look-ups also find the tuning jobs created
    through moto (see `moto_bridge`). A seeded tuning job wins over a moto
    one of the same name.
    """

    def __init__(self, seed: int = 0) -> None:
        self._jobs: dict[tuple[str, str], dict[str, FakeTuningJob]] = {}
        self._lock = threading.Lock()
        self._moto = MotoTuningJobs(seed)
        # Training jobs by lower-case name, per tuning job and its version.
        self._training_jobs: weakref.WeakKeyDictionary[
            FakeTuningJob, tuple[int, dict[str, TrainingJobRecord]]
        ] = weakref.WeakKeyDictionary()

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
        if jobs is not None:
            job = jobs.get(name.lower())
            if job is not None:
                return job
        return self._moto.find(account_id, region, name)

    def in_region(self, account_id: str, region: str) -> list[FakeTuningJob]:
        """Return the tuning jobs of one account and region, seeded ones first."""
        with self._lock:
            seeded = list(self._jobs.get((account_id, region), {}).values())
        names = {job.name.lower() for job in seeded}
        from_moto = [
            job for job in self._moto.in_region(account_id, region) if job.name.lower() not in names
        ]
        return seeded + from_moto

    def find_training_job(
        self, account_id: str, region: str, name: str
    ) -> tuple[FakeTuningJob, TrainingJobRecord] | None:
        """Return a training job of any tuning job of the account and region, ignoring case."""
        wanted = name.lower()
        for job in self.in_region(account_id, region):
            record = self._training_jobs_of(job).get(wanted)
            if record is not None:
                return job, record
        return None

    def _training_jobs_of(self, job: FakeTuningJob) -> dict[str, TrainingJobRecord]:
        cached = self._training_jobs.get(job)
        if cached is not None and cached[0] == job.version:
            return cached[1]
        with job.lock:
            version = job.version
            by_name = {record.name.lower(): record for record in job.records}
        self._training_jobs[job] = (version, by_name)
        return by_name

    def all(self) -> list[FakeTuningJob]:
        with self._lock:
            return [job for jobs in self._jobs.values() for job in jobs.values()]

    def clear(self) -> None:
        with self._lock:
            self._jobs.clear()
        self._moto.clear()
        self._training_jobs.clear()
