"""Kratos's production checklist as ``check --deploy``: every check trips and passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.checks.conftest import COOKIE_SECRET, DEFAULT_SECRET, DELETE

ROOT = Path(__file__).resolve().parents[2]
API_KEY = {"id": "ops", "hash": "sha256:" + "ab" * 32}
PG = {"ENGINE": "django.db.backends.postgresql", "NAME": "kratos", "PORT": 5432}

# id → (a change that trips it, a change close to it that passes)
CASES: dict[str, tuple[dict, dict]] = {
    "E001": ({"dev": True}, {"dev": False}),
    "E002": (
        {"serve": {"public": {"base_url": "http://auth.example.com/"}}},
        {"serve": {"public": {"base_url": "https://auth.example.com/"}}},
    ),
    "W003": (
        {"serve": {"admin": {"base_url": "http://kratos.internal:4434/"}}},
        {"serve": {"admin": {"base_url": DELETE}}},
    ),
    "E010": ({"secrets": {"default": DELETE}}, {"secrets": {"default": [DEFAULT_SECRET]}}),
    "W011": ({"secrets": {"cookie": DELETE}}, {"secrets": {"cookie": [COOKIE_SECRET]}}),
    "E012": ({"ciphers": {"algorithm": "noop"}}, {"ciphers": {"algorithm": "xchacha20-poly1305"}}),
    "E013": (
        {"secrets": {"cookie": ["9c1e7a3f5b2d8e4a6c0f"]}},
        {"secrets": {"cookie": ["9c1e7a3f5b2d8e4a6c0f1b7d3e9a5c2f"]}},
    ),
    "E014": (
        {"secrets": {"cookie": [DEFAULT_SECRET]}},
        {"secrets": {"cookie": [COOKIE_SECRET, "5d2a8f1c6e3b9d7a4f0c2e8b6a1d3f9c5e7b"]}},
    ),
    "E015": (
        {"secrets": {"cookie": ["PLEASE-CHANGE-ME-I-AM-VERY-INSECURE"]}},
        {"secrets": {"cookie": ["Xq7mR2vLp9sT4wZk8nB3cF6hJ1dG5yQe"]}},
    ),
    "E020": ({"cookies": {"secure": "false"}}, {"cookies": {"secure": "true"}}),
    "E021": (
        {"cookies": {"same_site": "None", "secure": "false"}},
        {"cookies": {"same_site": "None"}},
    ),
    "W022": ({"cookies": {"same_site": DELETE}}, {"cookies": {"same_site": "Strict"}}),
    "E030": (
        {"serve": {"public": {"cors": {"allowed_origins": DELETE}}}},
        {"serve": {"public": {"cors": {"allowed_origins": ["https://*.example.com"]}}}},
    ),
    "E031": (
        {"serve": {"public": {"cors": {"allowed_origins": []}}}},
        {"serve": {"public": {"cors": {"enabled": False, "allowed_origins": []}}}},
    ),
    "E050": (
        {"serve": {"admin": {"host": "0.0.0.0"}}},
        {"serve": {"admin": {"host": "0.0.0.0", "api_keys": [API_KEY]}}},
    ),
    "W060": (
        {"selfservice": {"methods": {"password": {"config": {"min_password_length": 8}}}}},
        {"selfservice": {"methods": {"password": {"config": {"min_password_length": 15}}}}},
    ),
    "W061": (
        {"selfservice": {"methods": {"password": {"config": {"haveibeenpwned_enabled": False}}}}},
        {"selfservice": {"methods": {"password": {"config": {"haveibeenpwned_enabled": True}}}}},
    ),
    "W062": (
        {
            "selfservice": {
                "methods": {"password": {"config": {"identifier_similarity_check_enabled": False}}}
            }
        },
        {"selfservice": {"methods": {"password": {"enabled": False}}}},
    ),
    "E070": (
        {"hashers": {"algorithm": "bcrypt", "bcrypt": {"cost": 10}}},
        {"hashers": {"algorithm": "bcrypt", "bcrypt": {"cost": 12}}},
    ),
    "E072": (
        {"hashers": {"argon2": {"memory": "32MB", "iterations": 1}}},
        {"hashers": {"argon2": {"memory": "19MB", "iterations": 2}}},
    ),
    "W080": ({"session": {"lifespan": DELETE}}, {"session": {"lifespan": "24h"}}),
    "W081": (
        {"selfservice": {"flows": {"settings": {"privileged_session_max_age": "2h"}}}},
        {"selfservice": {"flows": {"settings": {"privileged_session_max_age": "1h"}}}},
    ),
    "W082": (
        {"selfservice": {"methods": {"totp": {"enabled": False}}}},
        {"selfservice": {"methods": {"totp": {"enabled": False}, "code": {"mfa_enabled": True}}}},
    ),
    "E090": ({"log": {"leak_sensitive_values": True}}, {"log": {"leak_sensitive_values": False}}),
}


def test_the_reference_production_configuration_passes_every_check(deploy_checks):
    assert deploy_checks() == {}


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_each_check_trips(deploy_checks, check_id):
    trip, _ = CASES[check_id]
    found = deploy_checks(trip)
    message = found.get(f"kratos_auth.{check_id}")
    assert message is not None, f"{check_id} not reported; got {sorted(found)}"
    assert message.hint, "every check carries a hint"
    assert message.is_serious() == check_id.startswith("E")


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_each_check_passes_when_fixed(deploy_checks, check_id):
    _, fixed = CASES[check_id]
    assert f"kratos_auth.{check_id}" not in deploy_checks(fixed)


class TestDatabaseTls:
    def test_remote_postgres_without_tls_is_an_error(self, deploy_checks):
        found = deploy_checks(databases={"default": {**PG, "HOST": "db.internal"}})
        assert "sslmode=prefer" in found["kratos_auth.E040"].msg

    @pytest.mark.parametrize("mode", ["disable", "allow", "prefer"])
    def test_weak_modes_are_errors(self, deploy_checks, mode):
        db = {**PG, "HOST": "10.1.2.3", "OPTIONS": {"sslmode": mode}}
        assert "kratos_auth.E040" in deploy_checks(databases={"default": db})

    @pytest.mark.parametrize("mode", ["require", "verify-ca", "verify-full"])
    def test_require_or_stricter_passes(self, deploy_checks, mode):
        db = {**PG, "HOST": "db.internal", "OPTIONS": {"sslmode": mode}}
        assert deploy_checks(databases={"default": db}) == {}

    def test_loopback_is_a_warning_and_sockets_pass(self, deploy_checks):
        found = deploy_checks(databases={"default": {**PG, "HOST": "127.0.0.1"}})
        assert set(found) == {"kratos_auth.W041"}
        assert deploy_checks(databases={"default": {**PG, "HOST": "/run/postgresql"}}) == {}

    def test_the_dsn_sslmode_reaches_the_check(self, deploy_checks):
        from kratos_auth.conf import database_from_dsn

        db = database_from_dsn("postgres://kratos:pw@db.internal:5432/kratos?sslmode=require")
        assert deploy_checks(databases={"default": db}) == {}


class TestEdges:
    def test_same_site_none_with_secure_is_accepted(self, deploy_checks):
        assert deploy_checks({"cookies": {"same_site": "None"}}) == {}

    def test_session_cookie_secure_off_trips_too(self, deploy_checks):
        found = deploy_checks({"session": {"cookie": {"secure": "false"}}})
        assert "session.cookie.secure" in found["kratos_auth.E020"].msg

    def test_explicit_star_origin_trips(self, deploy_checks):
        found = deploy_checks({"serve": {"public": {"cors": {"allowed_origins": ["*"]}}}})
        assert "kratos_auth.E030" in found

    @pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "192.168.1.10", "fd00::5"])
    def test_admin_on_private_interfaces_passes(self, deploy_checks, host):
        assert "kratos_auth.E050" not in deploy_checks({"serve": {"admin": {"host": host}}})

    @pytest.mark.parametrize("host", ["::", "203.0.113.7", "admin.example.com"])
    def test_admin_on_public_interfaces_trips(self, deploy_checks, host):
        assert "kratos_auth.E050" in deploy_checks({"serve": {"admin": {"host": host}}})

    def test_an_ip_allowlist_counts_as_admin_authentication_unless_it_is_everything(
        self, deploy_checks
    ):
        narrow = {"serve": {"admin": {"host": "0.0.0.0", "allowed_ips": ["10.0.0.0/8"]}}}
        wide = {"serve": {"admin": {"host": "0.0.0.0", "allowed_ips": ["0.0.0.0/0"]}}}
        assert "kratos_auth.E050" not in deploy_checks(narrow)
        assert "kratos_auth.E050" in deploy_checks(wide)

    def test_passwordless_webauthn_is_not_a_second_factor(self, deploy_checks):
        only_passkeys = {
            "selfservice": {
                "methods": {
                    "totp": {"enabled": False},
                    "webauthn": {
                        "enabled": True,
                        "config": {
                            "passwordless": True,
                            "rp": {"id": "example.com", "display_name": "Example"},
                        },
                    },
                }
            }
        }
        assert "kratos_auth.W082" in deploy_checks(only_passkeys)

    @pytest.mark.parametrize(
        "value",
        [
            "32-LONG-SECRET-NOT-SECURE-AT-ALL",
            "0123456789abcdef0123456789abcdef",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "my-cipher-key-for-the-test-suite",
        ],
    )
    def test_guessable_cipher_keys(self, deploy_checks, value):
        found = deploy_checks({"secrets": {"cipher": [value]}})
        assert "secrets.cipher[0]" in found["kratos_auth.E015"].msg
        assert value not in found["kratos_auth.E015"].msg  # names the key, never the value

    def test_messages_never_contain_secret_values(self, deploy_checks):
        found = deploy_checks({"secrets": {"cookie": [DEFAULT_SECRET, DEFAULT_SECRET[:20]]}})
        text = " ".join(f"{m.msg} {m.hint}" for m in found.values())
        assert {"kratos_auth.E013", "kratos_auth.E014"} <= set(found)
        assert DEFAULT_SECRET[:20] not in text

    def test_argon2_floor_follows_owasp_by_iterations(self, deploy_checks):
        assert "kratos_auth.E072" in deploy_checks(
            {"hashers": {"argon2": {"memory": "18MB", "iterations": 2}}}
        )
        assert "kratos_auth.E072" not in deploy_checks(
            {"hashers": {"argon2": {"memory": 47104, "iterations": 1}}}
        )


def test_trusted_proxies_are_checked_on_every_check_run(deploy_checks):
    bad = {"security": {"trusted_proxies": ["10.0.0.0/8", "not-an-ip"]}}
    found = deploy_checks(bad, deploy=False)
    assert set(found) == {"kratos_auth.E101"}
    assert "not-an-ip" in found["kratos_auth.E101"].msg
    assert deploy_checks({"security": {"trusted_proxies": ["10.0.0.0/8"]}}, deploy=False) == {}


def test_deployment_checks_stay_out_of_a_plain_check(deploy_checks):
    assert deploy_checks({"dev": True}, deploy=False) == {}


class TestCommand:
    """What an operator runs: ``manage.py check --deploy``."""

    def test_errors_stop_the_command_with_id_and_hint(self, deploy_checks, settings):
        from tests.checks.conftest import GOOD, TLS_DATABASE, merge

        settings.KRATOS = merge(GOOD, {"dev": True})
        with pytest.warns(UserWarning):
            settings.DATABASES = TLS_DATABASE
        with pytest.raises(SystemCheckError) as raised:
            call_command("check", "--deploy", "--tag", "kratos")
        assert "(kratos_auth.E001)" in str(raised.value)
        assert "HINT: Remove `dev`" in str(raised.value)

    def test_clean_configuration_reports_no_issues(self, deploy_checks, settings, capsys):
        from tests.checks.conftest import GOOD, TLS_DATABASE

        settings.KRATOS = GOOD
        with pytest.warns(UserWarning):
            settings.DATABASES = TLS_DATABASE
        call_command("check", "--deploy", "--tag", "kratos")
        assert "no issues" in capsys.readouterr().out


def test_every_check_id_is_documented():
    sources = "".join(p.read_text() for p in (ROOT / "kratos_auth" / "checks").glob("*.py"))
    ids = set(re.findall(r"\b(?:error|warning)\(\s*(\d+)", sources))
    # Field-level checks (e.g. the cipher's) name their id as a literal.
    everywhere = "".join(p.read_text() for p in (ROOT / "kratos_auth").rglob("*.py"))
    ids |= set(re.findall(r"\"kratos_auth\.[EW](\d{3})\"", everywhere))
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"kratos_auth\.[EW](\d{3})", readme))
    assert {f"{int(i):03d}" for i in ids} == documented


class TestCacheTable:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "kratos": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kratos_ratelimit_cache",
        },
    }

    def test_a_missing_cache_table_is_reported_when_databases_are_checked(self, db):
        from django.core.checks import run_checks
        from django.test import override_settings

        with override_settings(CACHES=self.CACHES):
            found = {m.id for m in run_checks(tags=["kratos"], databases=["default"])}
            assert "kratos_auth.W102" in found
            assert "kratos_auth.W102" not in {m.id for m in run_checks(tags=["kratos"])}
            call_command("createcachetable", "--database", "default")
            found = {m.id for m in run_checks(tags=["kratos"], databases=["default"])}
        assert "kratos_auth.W102" not in found
