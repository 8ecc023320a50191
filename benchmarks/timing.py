"""Interleaved timing: measure variants side by side and compare them by ratio.

Shared machines are noisy: other processes take the CPU and evict caches,
and the load changes from one second to the next. So absolute times from
different moments are never compared. Each round times every variant back
to back, in an order that alternates between rounds. A comparison is the
ratio of the variants' fastest rounds. Noise only ever adds time, so the
fastest round of many is the closest to what the code itself costs. The
garbage collector is off while variants are timed, as in `timeit`.
"""

from __future__ import annotations

import gc
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timings:
    """Seconds per operation of each variant, one value per round."""

    per_round: dict[str, list[float]]

    def best(self, variant: str) -> float:
        """Return the variant's fastest round, in seconds per operation."""
        return min(self.per_round[variant])

    def median(self, variant: str) -> float:
        return statistics.median(self.per_round[variant])

    def ratio(self, numerator: str, denominator: str) -> float:
        """Return the ratio of the two variants' fastest rounds."""
        return self.best(numerator) / self.best(denominator)


def interleave(
    variants: dict[str, Callable[[], object]],
    *,
    rounds: int,
    batch: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> Timings:
    """Time `batch` calls of each variant per round, alternating the order each round.

    `clock` reads seconds; `children_cpu_time` suits variants that run a
    subprocess.
    """
    names = list(variants)
    per_round: dict[str, list[float]] = {name: [] for name in names}
    gc.collect()
    gc.disable()
    try:
        for round_number in range(rounds):
            order: Sequence[str] = names if round_number % 2 == 0 else names[::-1]
            for name in order:
                per_round[name].append(_time_batch(variants[name], batch, clock))
    finally:
        gc.enable()
    return Timings(per_round)


def merge(parts: Sequence[Timings]) -> Timings:
    """Return the rounds of several comparisons of the same variants as one."""
    per_round: dict[str, list[float]] = {}
    for part in parts:
        for name, seconds in part.per_round.items():
            per_round.setdefault(name, []).extend(seconds)
    return Timings(per_round)


def _time_batch(operation: Callable[[], object], batch: int, clock: Callable[[], float]) -> float:
    start = clock()
    for _ in range(batch):
        operation()
    return (clock() - start) / batch


def children_cpu_time() -> float:
    """Return the CPU seconds (user and system) of every finished child process.

    Unlike wall time, it leaves out the time a child waited for a CPU that
    other processes were using.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
