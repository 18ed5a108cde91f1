"""Rate limits and lockout on the login and registration endpoints, as a client sees them."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from kratos_auth.audit.models import AuditEntry
from kratos_auth.core import clock
from kratos_auth.text import MessageId
from tests.contracts.openapi import check_error
from tests.selfservice.plugin import checked, make_identity, message_ids

PASSWORD = "Correct-Horse-9-Battery"
WRONG = "Wrong-Horse-8-Battery"
T0 = dt.datetime(2031, 3, 1, 9, 0, 0, tzinfo=dt.UTC)


def limits(**flows: dict) -> dict:
    return {"security": {"rate_limits": flows}}


def login(api, identifier: str, password: str, **extra):
    flow = checked(api.get("/self-service/login/api", **extra), "loginFlow")
    body = {"method": "password", "identifier": identifier, "password": password}
    return api.post(f"/self-service/login?flow={flow['id']}", body, **extra)


def register(api, email: str, **extra):
    flow = checked(api.get("/self-service/registration/api", **extra), "registrationFlow")
    body = {"method": "password", "traits": {"email": email}, "password": PASSWORD}
    return api.post(f"/self-service/registration?flow={flow['id']}", body, **extra)


def generic_answer(response) -> list[int]:
    """What a client learns from a failed login: status and message ids, nothing else."""
    body = checked(response, "loginFlow", 400)
    return message_ids(body)


@pytest.fixture
def frozen():
    with clock.frozen(T0):
        yield


class TestRateLimits:
    def test_per_identifier_limit_answers_429_with_retry_after_and_kratos_body(
        self, api, configure, frozen
    ):
        configure(**limits(login={"per_identifier": {"limit": 3, "window": "1m"}}))
        for _ in range(3):
            assert login(api, "victim@example.com", WRONG).status_code == 400
        response = login(api, "victim@example.com", WRONG)
        error = check_error(response, 429, "too_many_requests")
        retry = int(response["Retry-After"])
        assert 1 <= retry <= 120  # a sliding window: at most two windows
        assert error["details"] == {"retry_after": retry}
        assert "Retry-After" in error["reason"]
        # Another identifier from the same client is not affected.
        assert login(api, "other@example.com", WRONG).status_code == 400

    def test_identifier_variants_share_one_bucket(self, api, configure, frozen):
        configure(**limits(login={"per_identifier": {"limit": 2, "window": "1m"}}))
        login(api, "Victim@Example.com", WRONG)
        login(api, " victim@example.COM ", WRONG)
        assert login(api, "VICTIM@EXAMPLE.COM", WRONG).status_code == 429

    def test_waiting_retry_after_lets_the_next_attempt_through(self, api, configure, identity):
        configure(**limits(login={"per_identifier": {"limit": 2, "window": "1m"}}))
        with clock.frozen(T0):
            login(api, "alice@example.com", WRONG)
            login(api, "alice@example.com", WRONG)
            refused = login(api, "alice@example.com", PASSWORD)
        assert refused.status_code == 429
        retry = int(refused["Retry-After"])
        with clock.frozen(T0 + dt.timedelta(seconds=retry - 2)):
            assert login(api, "alice@example.com", PASSWORD).status_code == 429
        with clock.frozen(T0 + dt.timedelta(seconds=2 * retry + 1)):
            assert login(api, "alice@example.com", PASSWORD).status_code == 200

    def test_per_ip_limit_spans_identifiers(self, api, configure, frozen):
        configure(**limits(login={"per_ip": {"limit": 4, "window": "10m"}}))
        for n in range(4):
            assert login(api, f"user{n}@example.com", WRONG).status_code == 400
        assert login(api, "user9@example.com", WRONG).status_code == 429
        other_client = {"REMOTE_ADDR": "198.51.100.7"}
        assert login(api, "user9@example.com", WRONG, **other_client).status_code == 400

    def test_x_forwarded_for_is_ignored_from_untrusted_peers(self, api, configure, frozen):
        configure(**limits(login={"per_ip": {"limit": 2, "window": "10m"}}))
        for n in range(2):
            login(api, f"u{n}@example.com", WRONG, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        spoofed = login(api, "u3@example.com", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.99")
        assert spoofed.status_code == 429

    def test_x_forwarded_for_from_a_trusted_proxy_names_the_client(self, api, configure, frozen):
        configure(
            security={
                "trusted_proxies": ["10.0.0.0/8"],
                "rate_limits": {"login": {"per_ip": {"limit": 2, "window": "10m"}}},
            }
        )
        proxy = {"REMOTE_ADDR": "10.1.2.3"}
        for n in range(2):
            login(api, f"u{n}@example.com", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
        # The client 203.0.113.5 is limited; another client behind the same proxy is not,
        # even when it prepends a forged address.
        limited = login(api, "u5@example.com", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
        other = login(
            api, "u6@example.com", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.8", **proxy
        )
        assert (limited.status_code, other.status_code) == (429, 400)

    def test_limits_can_be_switched_off(self, api, configure, frozen):
        configure(
            security={
                "rate_limits": {"enabled": False, "login": {"per_ip": {"limit": 1}}},
                "lockout": {"enabled": False},
            }
        )
        assert all(login(api, "x@example.com", WRONG).status_code == 400 for _ in range(4))

    def test_registration_is_limited_per_ip(self, api, configure, frozen):
        configure(**limits(registration={"per_ip": {"limit": 2, "window": "10m"}}))
        assert register(api, "new1@example.com").status_code == 200
        assert register(api, "new2@example.com").status_code == 200
        response = register(api, "new3@example.com")
        check_error(response, 429, "too_many_requests")
        assert int(response["Retry-After"]) > 0

    def test_a_browser_is_sent_to_the_error_page(self, configure, frozen, db):
        from django.test import Client

        configure(**limits(login={"per_identifier": {"limit": 1, "window": "1m"}}))
        browser = Client(**{"kratos.surface": "public"}, HTTP_ACCEPT="text/html")
        flow = browser.get("/self-service/login/browser")
        flow_id = flow["Location"].split("flow=")[1]
        flow_json = browser.get(f"/self-service/login/flows?id={flow_id}").json()
        csrf = next(
            n["attributes"]["value"]
            for n in flow_json["ui"]["nodes"]
            if n["attributes"].get("name") == "csrf_token"
        )
        body = {"method": "password", "identifier": "b@example.com", "password": WRONG}
        body["csrf_token"] = csrf
        first = browser.post(f"/self-service/login?flow={flow_id}", body)
        second = browser.post(f"/self-service/login?flow={flow_id}", body)
        assert first.status_code == 303 and "/login" in first["Location"]
        assert second.status_code == 303 and "/error?id=" in second["Location"]


class TestLockout:
    def lock(self, api, identifier: str, failures: int) -> None:
        for _ in range(failures):
            assert login(api, identifier, WRONG).status_code == 400

    def test_locked_unknown_and_wrong_look_the_same(self, api, configure, identity, frozen):
        configure(security={"lockout": {"max_failures": 3, "duration": "15m"}})
        self.lock(api, "alice@example.com", 3)
        locked_right_password = login(api, "alice@example.com", PASSWORD)
        unknown = login(api, "nobody@example.com", PASSWORD)
        wrong = login(api, "bob@example.com", WRONG)
        make_identity("bob@example.com")
        wrong = login(api, "bob@example.com", WRONG)
        answers = [generic_answer(r) for r in (locked_right_password, unknown, wrong)]
        assert answers == [[MessageId.ERROR_VALIDATION_INVALID_CREDENTIALS]] * 3
        keys = [sorted(r.json()) for r in (locked_right_password, unknown, wrong)]
        assert keys[0] == keys[1] == keys[2]
        assert "Retry-After" not in locked_right_password

    def test_lock_ends_after_its_duration_and_success_clears_the_count(
        self, api, configure, identity
    ):
        configure(security={"lockout": {"max_failures": 3, "duration": "15m"}})
        with clock.frozen(T0):
            self.lock(api, "alice@example.com", 3)
            assert login(api, "alice@example.com", PASSWORD).status_code == 400
        later = T0 + dt.timedelta(minutes=16)
        with clock.frozen(later):
            assert login(api, "alice@example.com", PASSWORD).status_code == 200
            # The count restarted: two more failures do not lock again.
            self.lock(api, "alice@example.com", 2)
            assert login(api, "alice@example.com", PASSWORD).status_code == 200

    def test_after_a_lock_expires_each_further_failure_locks_again(self, api, configure, identity):
        configure(security={"lockout": {"max_failures": 3, "duration": "15m"}})
        with clock.frozen(T0):
            self.lock(api, "alice@example.com", 3)
        with clock.frozen(T0 + dt.timedelta(minutes=16)):
            self.lock(api, "alice@example.com", 1)
            assert login(api, "alice@example.com", PASSWORD).status_code == 400

    def test_attempts_while_locked_do_not_extend_the_lock(self, api, configure, identity):
        configure(security={"lockout": {"max_failures": 2, "duration": "15m"}})
        with clock.frozen(T0):
            self.lock(api, "alice@example.com", 2)
        with clock.frozen(T0 + dt.timedelta(minutes=14)):
            self.lock(api, "alice@example.com", 5)  # the user keeps trying
        with clock.frozen(T0 + dt.timedelta(minutes=15, seconds=30)):
            assert login(api, "alice@example.com", PASSWORD).status_code == 200

    def test_a_second_factor_resets_the_lockout(self, api, configure, identity, frozen):
        from kratos_auth.session import service as sessions

        configure(security={"lockout": {"max_failures": 2, "duration": "1h"}})
        self.lock(api, "alice@example.com", 2)
        session, _ = sessions.issue(identity, methods=["password"])
        assert login(api, "alice@example.com", PASSWORD).status_code == 400
        sessions.refresh(session, methods=["totp"])
        assert session.aal == "aal2"
        assert login(api, "alice@example.com", PASSWORD).status_code == 200

    def test_a_password_alone_does_not_reset_an_identity_with_a_second_factor(
        self, api, configure, frozen
    ):
        from kratos_auth import hashers
        from kratos_auth.identity import service as identities

        configure(security={"lockout": {"max_failures": 3, "duration": "1h"}})
        identities.create_identity(
            traits={"email": "mfa@example.com"},
            credential_configs={
                "password": {"hashed_password": hashers.hash_password(PASSWORD)},
                "totp": {"totp_url": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"},
            },
        )
        self.lock(api, "mfa@example.com", 2)
        assert login(api, "mfa@example.com", PASSWORD).status_code == 200  # AAL1 only
        self.lock(api, "mfa@example.com", 1)  # the third consecutive failure: locked
        assert login(api, "mfa@example.com", PASSWORD).status_code == 400

    def test_a_completed_recovery_resets_the_lockout(self, api, account, mail_server, deliver):
        account(security={"lockout": {"max_failures": 2, "duration": "1h"}})
        make_identity("alice@example.com")
        self.lock(api, "alice@example.com", 2)
        assert login(api, "alice@example.com", PASSWORD).status_code == 400
        flow = checked(api.get("/self-service/recovery/api"), "recoveryFlow")
        body = {"method": "code", "email": "alice@example.com"}
        sent = checked(api.post(f"/self-service/recovery?flow={flow['id']}", body), "recoveryFlow")
        deliver()
        code = mail_server.last_to("alice@example.com").code()
        body = {"method": "code", "code": code}
        done = api.post(f"/self-service/recovery?flow={sent['id']}", body)
        assert checked(done, "recoveryFlow")["state"] == "passed_challenge"
        assert login(api, "alice@example.com", PASSWORD).status_code == 200

    def test_lockout_is_logged_and_audited_without_secrets(
        self, api, configure, identity, frozen, caplog, log_secrets
    ):
        configure(security={"lockout": {"max_failures": 2, "duration": "15m"}})
        log_secrets.add(WRONG)
        with caplog.at_level(logging.INFO, logger="kratos_auth.security"):
            self.lock(api, "alice@example.com", 2)
        events = [r.kratos_event for r in caplog.records if hasattr(r, "kratos_event")]
        assert events == ["login_failed", "login_failed", "identity_locked_out"]
        assert WRONG not in caplog.text
        row = AuditEntry.objects.get(action="identity_locked_out")
        assert (row.source, row.target_id) == ("security", str(identity.id))
        assert row.details["failures"] == 2 and row.actor_ip == "127.0.0.1"
        assert AuditEntry.objects.filter(action="login_failed").count() == 2
