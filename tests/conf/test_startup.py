"""A bad configuration stops the app at start-up (``manage.py check`` in a fresh process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CIPHER = "k" * 32
GOOD = {
    "DJANGO_SETTINGS_MODULE": "example_project.settings",
    "DSN": "memory",
    "SECRETS_DEFAULT": "default-secret-0123456789",
    "SECRETS_CIPHER": CIPHER,
}


def manage_check(tmp_path, **variables) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        **GOOD,
        **variables,
    }
    env = {name: value for name, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_good_configuration_passes(tmp_path):
    result = manage_check(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variables", "path", "expected"),
    [
        ({"SERVE_PUBLIC_PORT": "https"}, "serve.public.port", "expected integer"),
        ({"HASHERS_ALGORITHM": "md5"}, "hashers.algorithm", "expected one of"),
        ({"SESSION_LIFESPAN": "a while"}, "session.lifespan", "duration"),
        ({"SECRETS_CIPHER": None}, "secrets.cipher", "32 characters"),
    ],
)
def test_bad_variable_stops_start_up_naming_the_key(tmp_path, variables, path, expected):
    result = manage_check(tmp_path, **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{path}: " in result.stderr
    assert expected in result.stderr


def test_wrong_cipher_secret_is_never_printed(tmp_path):
    secret = "cipher-secret-only-31-chars-xyz"
    result = manage_check(tmp_path, SECRETS_CIPHER=secret)
    assert result.returncode != 0
    assert "secrets.cipher.0: expected exactly 32 characters" in result.stderr
    assert secret not in result.stdout + result.stderr


def test_bad_dsn_is_never_printed_with_its_password(tmp_path):
    result = manage_check(tmp_path, DSN="postgres://kratos:s3cr3t/pass@db:5432/identities")
    assert result.returncode != 0
    assert "DSN: not a valid PostgreSQL URL" in result.stderr
    assert "s3cr3t" not in result.stdout + result.stderr


def test_bad_yaml_file_is_reported_without_its_content(tmp_path):
    config_file = tmp_path / "kratos.yml"
    config_file.write_text("secrets:\n  cipher: [\n  leaked-secret-value: x: y\n")
    result = manage_check(tmp_path, KRATOS_CONFIG=str(config_file))
    assert result.returncode != 0
    assert f"config file {config_file}: not valid YAML" in result.stderr
    assert "leaked-secret-value" not in result.stdout + result.stderr


def test_unknown_key_in_yaml_file(tmp_path):
    config_file = tmp_path / "kratos.yml"
    config_file.write_text("selfservice:\n  flows:\n    login:\n      lifespam: 1h\n")
    result = manage_check(tmp_path, KRATOS_CONFIG=str(config_file))
    assert result.returncode != 0
    assert "selfservice.flows.login.lifespam: unknown key" in result.stderr
