"""The whole-suite guard really fails a run that logs a secret (and passes a clean one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.logging.leaks import SecretRegistry, find_leaks

ROOT = Path(__file__).resolve().parents[2]


def run_canary(mode: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KRATOS_LEAK_CANARY": mode, "KRATOS_TEST_DSN": ""}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/logging/leak_canary.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("mode", ["leak", "clean"])
def test_the_guard_fails_a_leaking_run_and_passes_a_clean_one(mode):
    done = run_canary(mode)
    if mode == "clean":
        assert done.returncode == 0, done.stdout[-3000:]
        assert "SECRETS IN LOGS" not in done.stdout
        return
    assert done.returncode == 1, done.stdout[-3000:]
    assert "3 passed" in done.stdout  # the tests themselves pass: only the guard fails
    report = done.stdout[done.stdout.index("SECRETS IN LOGS") :]
    assert "3 secret(s)" in report
    assert "from test" in report and "test_a_secret_registered_by_the_test" in report
    assert "from request POST /self-service/login" in report
    assert "from Secret(...)" in report
    for secret in ("canary-Registered-4711", "Canary-Posted-Pa55word-0815"):
        assert secret not in report  # the report masks what it found


class TestSearch:
    def test_short_secrets_match_whole_words_only(self):
        secrets = {"482910": "code"}
        lines = [("t", "took 1482910 ns"), ("t", "port=482910x")]
        assert find_leaks(secrets, lines) == []
        assert find_leaks(secrets, [("t", "code is 482910.")])[0].test == "t"

    def test_token_like_secrets_match_as_words(self):
        secret = "Long-Enough-Secret-42"
        lines = [("t1", "ok"), ("t2", f'{{"password":"{secret}"}}'), ("t3", secret)]
        assert [leak.test for leak in find_leaks({secret: "test"}, lines)] == ["t2"]

    def test_other_secrets_match_anywhere(self):
        secret = "p@ss w0rd!"
        leaks = find_leaks({secret: "test"}, [("t1", "ok"), ("t2", f"x{secret}y")])
        assert [leak.test for leak in leaks] == ["t2"]

    def test_registry_ignores_short_and_trivial_values_and_collects_sensitive_fields(self):
        registry = SecretRegistry()
        registry.add("abc")
        registry.add("password")
        registry.add_fields(
            {"method": "password", "password": "Pw-123456", "traits": {"email": "a@b.c"}},
            "request",
        )
        assert registry.snapshot() == {"Pw-123456": "request"}
