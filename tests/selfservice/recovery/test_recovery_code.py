"""Recovery by emailed code for native apps, with the mail read from the SMTP server."""

from __future__ import annotations

import datetime as dt
import statistics
import time

import pytest
from django.db import connection

from kratos_auth.core import clock
from kratos_auth.identity.models import VerifiableAddress
from kratos_auth.session.models import Session
from kratos_auth.text import MessageId
from tests.contracts.openapi import check_error
from tests.selfservice.plugin import checked, make_identity, message_ids, node
from tests.selfservice.recovery.account import signed_in


def new_flow(api) -> dict:
    return checked(api.get("/self-service/recovery/api"), "recoveryFlow")


def submit(api, flow: dict, body: dict, **extra):
    return api.post(f"/self-service/recovery?flow={flow['id']}", body, **extra)


def send(api, email: str) -> dict:
    flow = new_flow(api)
    return checked(submit(api, flow, {"method": "code", "email": email}), "recoveryFlow")


@pytest.fixture
def alice(account):
    return make_identity("alice@example.com")


def test_new_flow_asks_for_an_email(api, account):
    flow = new_flow(api)
    assert flow["state"] == "choose_method"
    names = [
        (n["group"], n["attributes"]["name"], n["attributes"]["type"]) for n in flow["ui"]["nodes"]
    ]
    assert names == [
        ("default", "csrf_token", "hidden"),
        ("code", "email", "email"),
        ("code", "method", "submit"),
    ]
    assert node(flow, "email")["meta"]["label"]["id"] == MessageId.INFO_NODE_LABEL_EMAIL


def test_recovery_by_code_end_to_end(api, alice, mail_server, deliver):
    other_session, other_token = signed_in(alice)
    sent = send(api, "ALICE@example.com")
    assert sent["state"] == "sent_email"
    assert message_ids(sent) == [MessageId.INFO_SELF_SERVICE_RECOVERY_EMAIL_WITH_CODE_SENT]
    assert node(sent, "code")["meta"]["label"]["id"] == MessageId.INFO_NODE_LABEL_RECOVERY_CODE
    assert deliver().sent == 1
    mail = mail_server.last_to("alice@example.com")
    assert mail.tls and mail.subject == "Your account recovery code"
    code = mail.code()
    assert code in mail.html

    done = checked(submit(api, sent, {"method": "code", "code": code}), "recoveryFlow")
    assert done["state"] == "passed_challenge"
    token_action, settings_action = done["continue_with"]
    assert token_action["action"] == "set_ory_session_token"
    assert settings_action["action"] == "show_settings_ui" and "url" not in settings_action["flow"]
    token = token_action["ory_session_token"]
    whoami = checked(api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token), "session")
    assert whoami["authentication_methods"][0]["method"] == "code_recovery"
    assert whoami["identity"]["id"] == str(alice.id)

    settings = checked(
        api.get(
            f"/self-service/settings/flows?id={settings_action['flow']['id']}",
            HTTP_X_SESSION_TOKEN=token,
        ),
        "settingsFlow",
    )
    [message] = settings["ui"]["messages"]
    assert message["id"] == MessageId.INFO_SELF_SERVICE_RECOVERY_SUCCESSFUL
    assert "privileged_session_expires_at" in message["context"]
    changed = api.post(
        f"/self-service/settings?flow={settings['id']}",
        {"method": "password", "password": "Fresh-Start-Password-1"},
        HTTP_X_SESSION_TOKEN=token,
    )
    assert checked(changed, "settingsFlow")["state"] == "success"
    address = VerifiableAddress.objects.get(identity=alice)
    assert address.verified and address.status == "completed" and address.verified_at

    again = submit(api, sent, {"method": "code", "code": code})
    again = checked(again, "recoveryFlow", 400)
    assert message_ids(again) == [MessageId.ERROR_VALIDATION_RECOVERY_RETRY_SUCCESS]


def test_unknown_address_gets_the_same_answer_and_no_mail(api, alice, mail_server, deliver):
    known, unknown = send(api, "alice@example.com"), send(api, "nobody@example.com")
    strip = lambda flow: [  # noqa: E731
        (n["attributes"]["name"], n["attributes"]["type"]) for n in flow["ui"]["nodes"]
    ]
    assert strip(known) == strip(unknown)
    assert known["ui"]["messages"] == unknown["ui"]["messages"]
    assert (known["state"], known["active"]) == (unknown["state"], unknown["active"])
    deliver()
    assert mail_server.to("nobody@example.com") == []
    wrong = checked(submit(api, unknown, {"method": "code", "code": "123456"}), "recoveryFlow")
    assert message_ids(wrong) == [MessageId.ERROR_VALIDATION_RECOVERY_CODE_INVALID]


def test_unknown_address_is_notified_when_configured(api, alice, account, mail_server, deliver):
    account(flows={"recovery": {"notify_unknown_recipients": True}})
    send(api, "nobody@example.com")
    deliver()
    mail = mail_server.last_to("nobody@example.com")
    assert mail.subject == "Account access attempted"
    assert "no account is registered" in mail.text
    assert not any(ch.isdigit() for ch in mail.text.split("nobody@example.com")[0][-20:])


def test_timing_does_not_reveal_known_addresses(api, alice, account):
    account(security={"min_send_duration": "120ms", "rate_limits": {"enabled": False}})

    def timed(email: str) -> float:
        flow = new_flow(api)
        start = time.perf_counter()
        checked(submit(api, flow, {"method": "code", "email": email}), "recoveryFlow")
        return time.perf_counter() - start

    for _ in range(2):  # warm up
        timed("alice@example.com"), timed("nobody@example.com")
    known = statistics.median(timed("alice@example.com") for _ in range(5))
    unknown = statistics.median(timed("nobody@example.com") for _ in range(5))
    assert known >= 0.12 and unknown >= 0.12
    assert abs(known - unknown) < 0.03, (known, unknown)


def test_wrong_codes_are_capped_and_the_flow_must_restart(api, alice, mail_server, deliver):
    sent = send(api, "alice@example.com")
    deliver()
    code = mail_server.last_to("alice@example.com").code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        shown = checked(submit(api, sent, {"method": "code", "code": wrong}), "recoveryFlow")
        assert message_ids(shown) == [MessageId.ERROR_VALIDATION_RECOVERY_CODE_INVALID]
        assert shown["id"] == sent["id"]
    replaced = checked(submit(api, sent, {"method": "code", "code": code}), "recoveryFlow")
    assert replaced["id"] != sent["id"] and replaced["state"] == "choose_method"
    [message] = replaced["ui"]["messages"]
    assert message["id"] == MessageId.ERROR_VALIDATION_GENERIC
    assert "too often" in message["text"]
    assert not Session.objects.filter(identity=alice).exists()


def test_max_submissions_is_configurable(api, alice, account):
    account(methods={"code": {"config": {"max_submissions": 2}}})
    sent = send(api, "alice@example.com")
    for _ in range(2):
        assert (
            checked(submit(api, sent, {"method": "code", "code": "999999"}), "recoveryFlow")["id"]
            == sent["id"]
        )
    third = checked(submit(api, sent, {"method": "code", "code": "999999"}), "recoveryFlow")
    assert third["id"] != sent["id"]


def test_codes_expire(api, alice, mail_server, deliver):
    sent = send(api, "alice@example.com")
    deliver()
    code = mail_server.last_to("alice@example.com").code()
    with clock.frozen(clock.now() + dt.timedelta(minutes=11)):  # code lifespan: 10m
        shown = checked(submit(api, sent, {"method": "code", "code": code}), "recoveryFlow")
    assert message_ids(shown) == [MessageId.ERROR_VALIDATION_RECOVERY_CODE_INVALID]


def test_resending_voids_the_previous_code(api, alice, mail_server, deliver):
    sent = send(api, "alice@example.com")
    deliver()
    first = mail_server.last_to("alice@example.com").code()
    checked(submit(api, sent, {"method": "code", "email": "alice@example.com"}), "recoveryFlow")
    deliver()
    second = mail_server.last_to("alice@example.com").code()
    if first != second:
        old = checked(submit(api, sent, {"method": "code", "code": first}), "recoveryFlow")
        assert message_ids(old) == [MessageId.ERROR_VALIDATION_RECOVERY_CODE_INVALID]
    done = checked(submit(api, sent, {"method": "code", "code": second}), "recoveryFlow")
    assert done["state"] == "passed_challenge"


def test_codes_are_stored_as_keyed_hashes(api, alice, mail_server, deliver):
    send(api, "alice@example.com")
    deliver()
    code = mail_server.last_to("alice@example.com").code()
    with connection.cursor() as cursor:
        cursor.execute("SELECT code_hash FROM kratos_selfservice_codes")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all(code not in value and len(value) == 64 for value in stored)


def test_signed_in_callers_and_disabled_recovery_are_refused(api, alice, account):
    _, token = signed_in(alice)
    check_error(
        api.get("/self-service/recovery/api", HTTP_X_SESSION_TOKEN=token),
        400,
        "session_already_available",
    )
    account(flows={"recovery": {"enabled": False}})
    check_error(api.get("/self-service/recovery/api"), 400, "self_service_flow_disabled")
    account(methods={"code": {"enabled": False}})  # the method named by `use` is off
    check_error(api.get("/self-service/recovery/api"), 400, "self_service_flow_disabled")


def test_invalid_email_is_a_form_error(api, account):
    flow = new_flow(api)
    shown = checked(submit(api, flow, {"method": "code", "email": "nope"}), "recoveryFlow", 400)
    assert message_ids(shown, "email") == [MessageId.ERROR_VALIDATION_GENERIC]
    missing = checked(submit(api, flow, {"method": "code"}), "recoveryFlow", 400)
    assert message_ids(missing, "email") == [MessageId.ERROR_VALIDATION_REQUIRED]


def test_sending_is_rate_limited_per_address(api, alice, account):
    account(security={"rate_limits": {"recovery": {"per_identifier": {"limit": 2}}}})
    send(api, "alice@example.com")
    send(api, "alice@example.com")
    flow = new_flow(api)
    check_error(
        submit(api, flow, {"method": "code", "email": "alice@example.com"}),
        429,
        "too_many_requests",
    )


def test_after_hooks_revoke_other_sessions(api, alice, account, mail_server, deliver):
    account(flows={"recovery": {"after": {"hooks": [{"hook": "revoke_active_sessions"}]}}})
    old, _ = signed_in(alice)
    sent = send(api, "alice@example.com")
    deliver()
    code = mail_server.last_to("alice@example.com").code()
    checked(submit(api, sent, {"method": "code", "code": code}), "recoveryFlow")
    old.refresh_from_db()
    assert old.active is False
    assert Session.objects.filter(identity=alice, active=True).count() == 1
