"""Where configuration comes from: defaults < settings.KRATOS < YAML file < environment."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from kratos_auth.conf import SourceError, config, load, reload

CIPHER = "c" * 32
BASE = {"secrets": {"cipher": [CIPHER]}}


def write_yaml(path, tree) -> str:
    path.write_text(yaml.safe_dump(tree), encoding="utf-8")
    return str(path)


@pytest.fixture
def clean_env(monkeypatch):
    """No config file named in the environment; restored afterwards."""
    monkeypatch.setenv("KRATOS_CONFIG", "")
    monkeypatch.delenv("KRATOS_CONFIG")
    return monkeypatch


def test_each_source_overrides_the_one_below(tmp_path, settings, clean_env):
    settings.KRATOS = {
        **BASE,
        "session": {"lifespan": "2h"},
        "serve": {"public": {"port": 4000}, "admin": {"port": 4001}},
    }
    config_file = write_yaml(
        tmp_path / "kratos.yml", {"serve": {"public": {"port": 5000}, "admin": {"port": 5001}}}
    )
    clean_env.setenv("KRATOS_CONFIG", config_file)
    clean_env.setenv("SERVE_ADMIN_PORT", "6001")
    reload()

    assert config.selfservice.flows.login.lifespan == dt.timedelta(hours=1)  # schema default
    assert config.session.lifespan == dt.timedelta(hours=2)  # settings.KRATOS
    assert config.serve.public.port == 5000  # YAML over the setting
    assert config.serve.admin.port == 6001  # environment over YAML


def test_config_file_argument_wins_over_kratos_config_variable(tmp_path):
    named = write_yaml(tmp_path / "env.yml", {"log": {"level": "warning"}})
    given = write_yaml(tmp_path / "given.yml", {"log": {"level": "error"}})
    built = load(setting=BASE, environ={"KRATOS_CONFIG": named}, config_file=given)
    assert built.log.level == "error"
    assert load(setting=BASE, environ={"KRATOS_CONFIG": named}).log.level == "warning"


def test_django_setting_kratos_config_names_a_file(tmp_path, settings, clean_env):
    settings.KRATOS_CONFIG = write_yaml(tmp_path / "k.yml", {"session": {"lifespan": "3h"}})
    reload()
    assert config.session.lifespan == dt.timedelta(hours=3)
    clean_env.setenv("KRATOS_CONFIG", write_yaml(tmp_path / "e.yml", {}))
    reload()
    assert config.session.lifespan == dt.timedelta(hours=24)  # the variable wins


def test_override_settings_rebuilds_config(settings):
    settings.KRATOS = {**settings.KRATOS, "session": {"lifespan": "45m"}}
    assert config.session.lifespan == dt.timedelta(minutes=45)
    settings.KRATOS = {**settings.KRATOS, "session": {"lifespan": "5h"}}
    assert config.session.lifespan == dt.timedelta(hours=5)


@pytest.mark.parametrize(
    ("name", "value", "path", "expected"),
    [
        ("DSN", "memory", "dsn", "memory"),
        ("SECRETS_CIPHER", CIPHER, "secrets.cipher", (CIPHER,)),
        ("SECRETS_COOKIE", "cookie-secret-0123456", "secrets.cookie", ("cookie-secret-0123456",)),
        (
            "SERVE_PUBLIC_BASE_URL",
            "https://id.example/",
            "serve.public.base_url",
            "https://id.example/",
        ),
        ("SERVE_ADMIN_PORT", "9434", "serve.admin.port", 9434),
        ("HASHERS_ALGORITHM", "bcrypt", "hashers.algorithm", "bcrypt"),
        ("HASHERS_ARGON2_MEMORY", "131072", "hashers.argon2.memory", 128 * 1024 * 1024),
        ("HASHERS_ARGON2_MEMORY", "64MB", "hashers.argon2.memory", 64 * 1024 * 1024),
        ("HASHERS_BCRYPT_COST", "13", "hashers.bcrypt.cost", 13),
        ("SESSION_LIFESPAN", "1h30m", "session.lifespan", dt.timedelta(hours=1, minutes=30)),
        (
            "SELFSERVICE_METHODS_PASSWORD_ENABLED",
            "false",
            "selfservice.methods.password.enabled",
            False,
        ),
        ("SERVE_PUBLIC_CORS_ENABLED", "true", "serve.public.cors.enabled", True),
        (
            "COURIER_SMTP_CONNECTION_URI",
            "smtps://u:p@mail:465/",
            "courier.smtp.connection_uri",
            "smtps://u:p@mail:465/",
        ),
        ("LOG_LEVEL", "debug", "log.level", "debug"),
        ("DEV", "true", "dev", True),
    ],
)
def test_environment_names_follow_the_key_path(name, value, path, expected):
    built = load(setting=BASE, environ={name: value})
    node = built
    for part in path.split("."):
        node = node[part]
    assert node == expected


SECRET_A = "cookie-secret-aaaaaaaaaaaa"
SECRET_B = "cookie-secret-bbbbbbbbbbbb"


@pytest.mark.parametrize(
    "environ",
    [
        {"SECRETS_COOKIE": f'["{SECRET_A}", "{SECRET_B}"]'},
        {"SECRETS_COOKIE": f"{SECRET_A},{SECRET_B}"},
        {"SECRETS_COOKIE": f" {SECRET_A} , {SECRET_B} "},
        {"SECRETS_COOKIE_0": SECRET_A, "SECRETS_COOKIE_1": SECRET_B},
    ],
    ids=["json", "comma", "comma-spaces", "indexed"],
)
def test_lists_in_the_environment(environ):
    assert load(setting=BASE, environ=environ).secrets.cookie == (SECRET_A, SECRET_B)


def test_indexed_objects_in_the_environment():
    environ = {
        "SELFSERVICE_ALLOWED_RETURN_URLS_0": "https://app.example/",
        "SELFSERVICE_ALLOWED_RETURN_URLS_1": "https://admin.example/",
        "IDENTITY_SCHEMAS_0_ID": "customer",
        "IDENTITY_SCHEMAS_0_URL": "file:///etc/kratos/customer.json",
    }
    built = load(setting=BASE, environ=environ)
    assert built.selfservice.allowed_return_urls == (
        "https://app.example/",
        "https://admin.example/",
    )
    assert built.identity.schemas[0].id == "customer"
    assert built.identity.schemas[0].url == "file:///etc/kratos/customer.json"


def test_objects_in_the_environment_take_json():
    value = '[{"id": "default", "url": "file:///etc/kratos/identity.json"}]'
    built = load(setting=BASE, environ={"IDENTITY_SCHEMAS": value})
    assert built.identity.schemas[0].url == "file:///etc/kratos/identity.json"


def test_environment_list_replaces_the_files_list(tmp_path):
    config_file = write_yaml(tmp_path / "k.yml", {"secrets": {"cookie": [SECRET_A, SECRET_B]}})
    built = load(setting=BASE, environ={"SECRETS_COOKIE": SECRET_B}, config_file=config_file)
    assert built.secrets.cookie == (SECRET_B,)


def test_unrelated_and_empty_variables_are_ignored():
    environ = {
        "PATH": "/usr/bin",
        "HOME": "/root",
        "KRATOS_TEST_DSN": "memory",
        "VERSION": "not-a-key-here",
        "DSN": "",
        "SERVE_PUBLIC_PORT": "  ",
        "lowercase_dsn": "sqlite:///x",
    }
    built = load(setting={**BASE, "dsn": "memory"}, environ=environ)
    assert built.dsn == "memory"
    assert built.serve.public.port == 4433


def test_invalid_json_in_the_environment_names_the_variable():
    with pytest.raises(SourceError) as caught:
        load(setting=BASE, environ={"SECRETS_COOKIE": '["unterminated-secret-value'})
    assert "SECRETS_COOKIE" in str(caught.value)
    assert "unterminated-secret-value" not in str(caught.value)


def test_unreadable_config_file_names_the_file(tmp_path):
    missing = tmp_path / "missing.yml"
    with pytest.raises(SourceError) as caught:
        load(setting=BASE, environ={}, config_file=str(missing))
    assert str(missing) in str(caught.value)


def test_yaml_syntax_error_does_not_quote_the_file(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("secrets:\n  cipher: [abc\n  hunter2-secret-value: x: y\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load(setting=BASE, environ={}, config_file=str(bad))
    message = str(caught.value)
    assert "line 3" in message
    assert "hunter2" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_yaml_top_level_must_be_a_mapping(tmp_path):
    with pytest.raises(SourceError, match="mapping"):
        load(setting=BASE, environ={}, config_file=write_yaml(tmp_path / "l.yml", [1, 2]))
