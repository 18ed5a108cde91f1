"""Find Argon2id parameters that take about ``expected_duration`` on this machine.

Like ``kratos hashers argon2 calibrate``: raise memory in steps until one hash takes longer
than the target (never past the memory cap), step memory back down until it is under the
target, then add iterations while it stays under. The probe is injectable for tests.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from kratos_auth.core.randomness import bytes_ as random_bytes
from kratos_auth.hashers.settings import Argon2Params

Probe = Callable[[Argon2Params], float]
Report = Callable[[str], None]
MAX_ITERATIONS = 64


@dataclass(frozen=True)
class Calibration:
    """The chosen parameters and the median duration (seconds) measured with them."""

    params: Argon2Params
    duration: float


def probe_hashing(runs: int) -> Probe:
    """A probe timing ``runs`` raw Argon2id hashes; returns the median in seconds."""

    def probe(params: Argon2Params) -> float:
        timings = []
        for _ in range(max(1, runs)):
            start = time.perf_counter()
            hash_secret_raw(
                b"password",
                random_bytes(params.salt_length),
                time_cost=params.iterations,
                memory_cost=params.memory_kib,
                parallelism=params.parallelism,
                hash_len=params.key_length,
                type=Type.ID,
            )
            timings.append(time.perf_counter() - start)
        return statistics.median(timings)

    return probe


def _with(
    params: Argon2Params, memory_kib: int | None = None, iterations: int | None = None
) -> Argon2Params:
    return Argon2Params(
        memory_kib=memory_kib if memory_kib is not None else params.memory_kib,
        iterations=iterations if iterations is not None else params.iterations,
        parallelism=params.parallelism,
        salt_length=params.salt_length,
        key_length=params.key_length,
    )


def calibrate(
    target: float,
    start: Argon2Params,
    max_memory_kib: int,
    adjust_memory_kib: int,
    probe: Probe,
    report: Report = lambda line: None,
) -> Calibration:
    """Search memory, then iterations, for a hash just under ``target`` seconds."""
    min_memory = 8 * start.parallelism
    params = _with(start, memory_kib=max(min_memory, min(start.memory_kib, max_memory_kib)))
    step = max(1, adjust_memory_kib)
    report(f"Increasing memory to get over {target * 1000:.0f}ms:")
    took = probe(params)
    report(f"  took {took * 1000:.1f}ms with {params.memory_kib}KB of memory")
    while took <= target and params.memory_kib + step <= max_memory_kib:
        params = _with(params, memory_kib=params.memory_kib + step)
        took = probe(params)
        report(f"  took {took * 1000:.1f}ms with {params.memory_kib}KB of memory")
    if took <= target:
        report("  hit the memory limit there")
    report(f"Decreasing memory to get under {target * 1000:.0f}ms:")
    while took > target and params.memory_kib > min_memory:
        while step > 1 and params.memory_kib - step < min_memory:
            step //= 2
        params = _with(params, memory_kib=max(min_memory, params.memory_kib - step))
        took = probe(params)
        report(f"  took {took * 1000:.1f}ms with {params.memory_kib}KB of memory")
    report(f"Settled on {params.memory_kib}KB of memory.")
    return _iterations(target, params, took, probe, report)


def _iterations(
    target: float, params: Argon2Params, took: float, probe: Probe, report: Report
) -> Calibration:
    report(f"Increasing iterations to get over {target * 1000:.0f}ms:")
    while params.iterations < MAX_ITERATIONS:
        candidate = _with(params, iterations=params.iterations + 1)
        candidate_took = probe(candidate)
        report(f"  took {candidate_took * 1000:.1f}ms with {candidate.iterations} iterations")
        if candidate_took > target:
            break
        params, took = candidate, candidate_took
    report(f"Settled on {params.iterations} iterations.")
    return Calibration(params, took)
