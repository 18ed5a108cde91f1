"""The memory guard: dedicated_memory // memory Argon2 computations at once, then 503."""

from __future__ import annotations

import threading
import time

import pytest

from kratos_auth.errors import HasherBusy
from kratos_auth.hashers import argon2 as argon2_module
from kratos_auth.hashers import hash_password, verify_password
from kratos_auth.hashers.guard import MemoryGuard, guard_for


@pytest.fixture
def blocking_argon2(monkeypatch):
    """Argon2 computations that wait until ``release`` is set (counted in ``running``)."""
    release = threading.Event()
    running = []
    real = argon2_module.hash_secret_raw

    def slow(**kwargs):
        running.append(1)
        release.wait(10)
        return real(**kwargs)

    monkeypatch.setattr(argon2_module, "hash_secret_raw", slow)
    yield release, running
    release.set()


def _start(n: int, results: list) -> list[threading.Thread]:
    threads = [
        threading.Thread(target=lambda: results.append(hash_password("pw"))) for _ in range(n)
    ]
    for thread in threads:
        thread.start()
    return threads


def _wait_for(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


def test_third_hash_waits_max_wait_then_raises_hasher_busy(hashers_config, blocking_argon2):
    release, running = blocking_argon2
    hashers_config({"argon2": {"memory": "64KB", "dedicated_memory": "128KB", "max_wait": "150ms"}})
    results: list[str] = []
    threads = _start(2, results)
    _wait_for(lambda: len(running) == 2)
    assert guard_for(128 * 1024).in_use == 128 * 1024

    started = time.monotonic()
    with pytest.raises(HasherBusy):
        hash_password("third")
    waited = time.monotonic() - started
    assert 0.14 <= waited < 2.0
    assert len(running) == 2  # the third never started computing

    release.set()
    for thread in threads:
        thread.join(5)
    assert len(results) == 2 and all(verify_password("pw", h) for h in results)
    assert guard_for(128 * 1024).in_use == 0


def test_waiting_hash_proceeds_when_a_slot_frees(hashers_config, blocking_argon2):
    release, running = blocking_argon2
    hashers_config({"argon2": {"memory": "64KB", "dedicated_memory": "64KB", "max_wait": "5s"}})
    results: list[str] = []
    threads = _start(1, results)
    _wait_for(lambda: len(running) == 1)
    threading.Timer(0.1, release.set).start()
    assert verify_password("pw", hash_password("pw"))  # waited for the first, then ran
    for thread in threads:
        thread.join(5)
    assert len(results) == 1


def test_hasher_busy_is_a_503_with_kratos_error_body():
    body = HasherBusy().to_body()
    assert HasherBusy.status == 503
    assert body["error"]["id"] == "hasher_busy" and body["error"]["code"] == 503


def test_guard_slots_and_oversized_weights():
    guard = MemoryGuard(1 << 30)
    assert guard.slots(128 << 20) == 8
    assert guard.slots(2 << 30) == 1
    with guard.reserve(4 << 30, timeout=0):  # clamped to the whole budget: runs alone
        assert guard.in_use == 1 << 30
        with pytest.raises(HasherBusy):
            with guard.reserve(1, timeout=0.01):
                pass
    assert guard.in_use == 0


def test_guard_releases_on_error():
    guard = MemoryGuard(100)
    with pytest.raises(RuntimeError):
        with guard.reserve(100, timeout=0):
            raise RuntimeError
    with guard.reserve(100, timeout=0):
        pass
