"""``manage.py kratos hashers …`` (kratos_auth/cli/hashers.py) and the calibration search."""

from __future__ import annotations

import json
from io import StringIO

import yaml
from django.core.management import call_command

from kratos_auth.core.units import parse_bytesize
from kratos_auth.hashers import verify_password
from kratos_auth.hashers.calibrate import calibrate
from kratos_auth.hashers.settings import Argon2Params


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("kratos", "hashers", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_calibrate_prints_a_config_snippet_within_the_memory_cap():
    out, err = run(
        "argon2", "calibrate", "3ms",
        "--memory", "64KB", "--max-memory", "2MB", "--adjust-memory-by", "512KB",
        "--runs", "1", "--quiet",
    )  # fmt: skip
    assert err == ""
    section = yaml.safe_load(out)["hashers"]
    argon2 = section["argon2"]
    assert section["algorithm"] == "argon2"
    assert 8 * 1024 <= parse_bytesize(argon2["memory"]) <= 2 << 20
    assert argon2["iterations"] >= 1
    assert argon2["expected_duration"] == "3ms"
    assert argon2["dedicated_memory"] == "2MB"
    assert (argon2["salt_length"], argon2["key_length"]) == (16, 32)


def test_calibrate_json_and_progress_on_stderr():
    out, err = run(
        "argon2", "calibrate", "2ms", "--memory", "64KB", "--max-memory", "512KB",
        "--adjust-memory-by", "128KB", "--iterations", "1", "--runs", "1", "--format", "json",
    )  # fmt: skip
    snippet = json.loads(out)
    assert snippet["hashers"]["argon2"]["dedicated_memory"] == "512KB"
    assert "Settled on" in err and "iterations" in err


def test_calibrate_search_with_a_deterministic_probe():
    # 1 ms per MiB per iteration: a 10 ms target settles on 9 MiB (at most +2 MiB steps) then
    # iterations stay at 1 because 2 x 9 MiB would take 18 ms.
    def probe(params: Argon2Params) -> float:
        return params.memory_kib / 1024 * params.iterations / 1000

    start = Argon2Params(memory_kib=1024, iterations=1, parallelism=1)
    result = calibrate(0.010, start, max_memory_kib=64 * 1024, adjust_memory_kib=2048, probe=probe)
    assert result.params.memory_kib == 9 * 1024
    assert result.params.iterations == 1
    assert result.duration <= 0.010
    capped = calibrate(0.010, start, max_memory_kib=2048, adjust_memory_kib=512, probe=probe)
    assert capped.params.memory_kib == 2048
    assert capped.params.iterations == 5  # memory capped: time is bought with iterations


def test_hash_helpers_use_configured_parameters():
    out, _ = run("argon2", "hash", "first", "second")
    first, second = out.split()
    assert first.startswith("$argon2id$v=19$m=64,t=1,p=1$")
    assert verify_password("first", first) and verify_password("second", second)
    out, _ = run("bcrypt", "hash", "pw")
    assert out.strip().startswith("$2a$04$") and verify_password("pw", out.strip())
