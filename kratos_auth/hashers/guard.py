"""The memory guard: at most ``dedicated_memory`` of hashing memory in use per process.

With every computation at the configured Argon2 memory this admits exactly
``dedicated_memory // hashers.argon2.memory`` computations at once; an imported hash with a
larger memory cost takes proportionally more of the budget. A caller that cannot get its share
within ``hashers.argon2.max_wait`` gets :class:`kratos_auth.errors.HasherBusy` (503) instead of
pushing the process into swap or the OOM killer.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kratos_auth.errors import HasherBusy


class MemoryGuard:
    """A weighted semaphore over a memory budget in bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = max(1, budget)
        self._in_use = 0
        self._cond = threading.Condition()

    @property
    def in_use(self) -> int:
        """Bytes currently reserved (for tests and diagnostics)."""
        return self._in_use

    def slots(self, weight: int) -> int:
        """How many computations of ``weight`` bytes may run at once (at least one)."""
        return max(1, self.budget // max(1, weight))

    @contextmanager
    def reserve(self, weight: int, timeout: float) -> Iterator[None]:
        """Hold ``weight`` bytes of the budget for the block.

        Waits up to ``timeout`` seconds for room, then raises ``HasherBusy``. A weight larger
        than the whole budget is clamped to it (it then runs alone).
        """
        weight = min(max(1, weight), self.budget)
        deadline = time.monotonic() + max(0.0, timeout)
        with self._cond:
            while self._in_use + weight > self.budget:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise HasherBusy()
                self._cond.wait(remaining)
            self._in_use += weight
        try:
            yield
        finally:
            with self._cond:
                self._in_use -= weight
                self._cond.notify_all()


@functools.lru_cache(maxsize=8)
def guard_for(budget: int) -> MemoryGuard:
    """The process-wide guard for a budget (one per ``dedicated_memory`` value)."""
    return MemoryGuard(budget)
