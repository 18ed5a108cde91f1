"""Validation stops start-up with the key path and what was expected, never the value."""

from __future__ import annotations

import datetime as dt

import pytest

from kratos_auth.conf import ConfigError, load

CIPHER = "c" * 32
BASE = {"secrets": {"cipher": [CIPHER]}}


def problems_of(setting=None, environ=None) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load(setting=setting if setting is not None else BASE, environ=environ or {})
    return caught.value


@pytest.mark.parametrize(
    ("setting", "path", "expected"),
    [
        ({**BASE, "sesion": {}}, "sesion", "unknown key"),
        ({**BASE, "session": {"lifespn": "1h"}}, "session.lifespn", "unknown key"),
        ({**BASE, "serve": {"public": {"port": "4433x"}}}, "serve.public.port", "expected integer"),
        ({**BASE, "serve": {"public": {"port": 70000}}}, "serve.public.port", "<= 65535"),
        ({**BASE, "hashers": {"algorithm": "md5"}}, "hashers.algorithm", "'argon2', 'bcrypt'"),
        ({**BASE, "ciphers": {"algorithm": "rot13"}}, "ciphers.algorithm", "expected one of"),
        ({**BASE, "session": {"lifespan": "forever"}}, "session.lifespan", "duration"),
        ({**BASE, "session": {"lifespan": "1.5h"}}, "session.lifespan", "duration"),
        ({**BASE, "hashers": {"argon2": {"memory": "lots"}}}, "hashers.argon2.memory", "128MB"),
        ({**BASE, "hashers": {"argon2": {"memory": 0}}}, "hashers.argon2.memory", ">= 1"),
        ({**BASE, "dev": "yes"}, "dev", "expected boolean"),
    ],
)
def test_problem_names_key_path_and_expectation(setting, path, expected):
    error = problems_of(setting)
    matching = [message for where, message in error.problems if where == path]
    assert matching, error.problems
    assert expected in matching[0]
    assert f"{path}: " in str(error)


def test_one_message_per_bad_duration():
    error = problems_of({**BASE, "session": {"lifespan": "forever"}})
    assert [where for where, _ in error.problems] == ["session.lifespan"]


def test_every_problem_is_listed():
    error = problems_of({**BASE, "session": {"lifespn": "1h"}, "hashers": {"algorithm": "md5"}})
    assert {where for where, _ in error.problems} == {"session.lifespn", "hashers.algorithm"}


@pytest.mark.parametrize("secret", ["too-short-cipher-secret-value", "x" * 33 + "-much-too-long"])
def test_cipher_secret_of_wrong_length_is_refused_without_echo(secret):
    error = problems_of({"secrets": {"cipher": [secret]}})
    assert error.problems == [("secrets.cipher.0", "expected exactly 32 characters")]
    for text in (str(error), repr(error), repr(error.args)):
        assert secret not in text


def test_wrong_cipher_secret_from_environment_is_not_echoed():
    secret = "env-cipher-secret-of-31-chars!!"
    error = problems_of({}, {"SECRETS_CIPHER": secret})
    assert ("secrets.cipher.0", "expected exactly 32 characters") in error.problems
    assert secret not in str(error)


def test_short_cookie_secret_is_not_echoed():
    error = problems_of({**BASE, "secrets": {"cipher": [CIPHER], "cookie": ["short-cookie"]}})
    assert error.problems == [("secrets.cookie.0", "expected at least 16 characters")]
    assert "short-cookie" not in str(error)


def test_cipher_secret_is_required_outside_dev():
    error = problems_of({})
    assert error.problems[0][0] == "secrets.cipher"
    assert "32 characters" in error.problems[0][1]


def test_dev_mode_and_noop_cipher_run_without_cipher_secret():
    assert load(setting={"dev": True}, environ={}).is_dev is True
    assert load(setting={"ciphers": {"algorithm": "noop"}}, environ={}).ciphers.algorithm == "noop"


def test_argon2_memory_in_kib_and_as_size_are_equal():
    kib = load(setting={**BASE, "hashers": {"argon2": {"memory": 131072}}}, environ={})
    size = load(setting={**BASE, "hashers": {"argon2": {"memory": "128MB"}}}, environ={})
    assert kib.hashers.argon2.memory == size.hashers.argon2.memory == 128 * 1024 * 1024
    assert load(setting=BASE, environ={}).hashers.argon2.memory == 128 * 1024 * 1024  # default


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15m", dt.timedelta(minutes=15)),
        ("24h", dt.timedelta(hours=24)),
        ("1h30m", dt.timedelta(hours=1, minutes=30)),
        ("90s", dt.timedelta(seconds=90)),
        ("500ms", dt.timedelta(milliseconds=500)),
    ],
)
def test_durations(text, expected):
    built = load(setting={**BASE, "session": {"lifespan": text}}, environ={})
    assert built.session.lifespan == expected


def test_defaults_we_change_from_kratos():
    built = load(setting=BASE, environ={})
    assert built.hashers.algorithm == "argon2"
    assert built.ciphers.algorithm == "aes"
    assert built.serve.public.host == built.serve.admin.host == "127.0.0.1"
    assert (built.serve.public.port, built.serve.admin.port) == (4433, 4434)


def test_unknown_attribute_in_code_fails_loudly():
    built = load(setting=BASE, environ={})
    with pytest.raises(AttributeError, match="session.lifespn"):
        built.session.lifespn  # noqa: B018
