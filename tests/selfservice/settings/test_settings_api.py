"""Settings flows for native apps: sessions, profile and password changes, privileged
sessions, AAL, expiry, and the verification of a changed address."""

from __future__ import annotations

import datetime as dt

import pytest

from kratos_auth import hashers
from kratos_auth.core import clock
from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import VerifiableAddress
from kratos_auth.session.models import Session
from kratos_auth.text import MessageId
from tests.contracts.openapi import check_error, validate
from tests.selfservice.plugin import checked, make_identity, message_ids, node
from tests.selfservice.recovery.account import signed_in

NEW_PASSWORD = "Another-Long-Secret-42"


@pytest.fixture
def alice(account):
    identity = make_identity("alice@example.com")
    session, token = signed_in(identity)
    return identity, session, token


def new_flow(api, token: str) -> dict:
    return checked(
        api.get("/self-service/settings/api", HTTP_X_SESSION_TOKEN=token), "settingsFlow"
    )


def submit(api, flow: dict, token: str, body: dict):
    return api.post(f"/self-service/settings?flow={flow['id']}", body, HTTP_X_SESSION_TOKEN=token)


def test_a_session_is_required(api, account):
    check_error(api.get("/self-service/settings/api"), 401, "session_inactive")


def test_new_flow_shows_the_identity_and_its_forms(api, alice):
    identity, _, token = alice
    flow = new_flow(api, token)
    assert flow["state"] == "show_form" and flow["identity"]["id"] == str(identity.id)
    names = [(n["group"], n["attributes"]["name"]) for n in flow["ui"]["nodes"]]
    assert names[0] == ("default", "csrf_token")
    assert ("profile", "traits.email") in names and ("profile", "method") in names
    assert ("password", "password") in names and ("password", "method") in names
    assert node(flow, "traits.email")["attributes"]["value"] == "alice@example.com"
    assert node(flow, "password")["attributes"]["autocomplete"] == "new-password"
    assert "value" not in node(flow, "password")["attributes"]


def test_profile_change_without_new_identifiers_needs_no_privilege(api, alice):
    identity, session, token = alice
    Session.objects.filter(pk=session.pk).update(
        authenticated_at=clock.now() - dt.timedelta(hours=2)
    )
    flow = new_flow(api, token)
    traits = {"email": "alice@example.com", "name": {"first": "Alice", "last": "Liddell"}}
    body = checked(
        submit(api, flow, token, {"method": "profile", "traits": traits}), "settingsFlow"
    )
    assert body["state"] == "success"
    assert message_ids(body) == [MessageId.INFO_SELF_SERVICE_SETTINGS_UPDATE_SUCCESS]
    assert body["ui"]["messages"][0]["type"] == "success"
    assert body["identity"]["traits"]["name"]["first"] == "Alice"
    assert node(body, "traits.name.first")["attributes"]["value"] == "Alice"
    identity.refresh_from_db()
    assert identity.traits == traits


def test_changing_an_identifier_needs_a_recent_login(api, alice):
    _, session, token = alice
    Session.objects.filter(pk=session.pk).update(
        authenticated_at=clock.now() - dt.timedelta(minutes=16)
    )
    flow = new_flow(api, token)
    response = submit(
        api, flow, token, {"method": "profile", "traits": {"email": "alice2@example.com"}}
    )
    error = check_error(response, 403, "session_refresh_required")
    body = response.json()
    validate(body, "needsPrivilegedSessionError")
    target = body["redirect_browser_to"]
    assert target.startswith("https://auth.example.test/self-service/login/browser?refresh=true")
    assert "return_to=https%3A%2F%2Fapp.example.test%2Fsettings%3Fflow%3D" in target
    assert error["details"]["redirect_browser_to"] == target
    assert identity_queries.find_by_identifier("password", "alice2@example.com") is None


def test_password_change_follows_the_policy_and_refuses_the_old_one(api, alice):
    identity, _, token = alice
    flow = new_flow(api, token)
    short = checked(
        submit(api, flow, token, {"method": "password", "password": "short"}), "settingsFlow", 400
    )
    assert message_ids(short, "password") == [MessageId.ERROR_VALIDATION_PASSWORD_MIN_LENGTH]
    same = submit(api, flow, token, {"method": "password", "password": "Correct-Horse-9-Battery"})
    same = checked(same, "settingsFlow", 400)
    assert message_ids(same, "password") == [MessageId.ERROR_VALIDATION_PASSWORD_SAME_AS_OLD]
    assert "value" not in node(same, "password")["attributes"]
    done = checked(
        submit(api, flow, token, {"method": "password", "password": NEW_PASSWORD}), "settingsFlow"
    )
    assert done["state"] == "success"
    credential = identity_queries.credentials_of(identity)["password"]
    hashed = identity_queries.credential_config(credential)["hashed_password"]
    assert hashers.verify_password(NEW_PASSWORD, hashed)
    assert NEW_PASSWORD not in str(done)


def test_password_change_needs_a_privileged_session(api, alice):
    _, session, token = alice
    Session.objects.filter(pk=session.pk).update(
        authenticated_at=clock.now() - dt.timedelta(minutes=20)
    )
    flow = new_flow(api, token)
    response = submit(api, flow, token, {"method": "password", "password": NEW_PASSWORD})
    check_error(response, 403, "session_refresh_required")


def test_another_identity_cannot_use_the_flow(api, alice):
    _, _, token = alice
    flow = new_flow(api, token)
    _, other = signed_in(make_identity("mallory@example.com"))
    check_error(
        api.get(f"/self-service/settings/flows?id={flow['id']}", HTTP_X_SESSION_TOKEN=other),
        403,
        "security_identity_mismatch",
    )
    response = submit(api, flow, other, {"method": "profile", "traits": {"email": "m@x.io"}})
    check_error(response, 403, "security_identity_mismatch")


def test_required_aal_highest_available(api, alice, settings):
    identity, _, token = alice
    identity.available_aal = "aal2"
    identity.save(update_fields=["available_aal"])
    response = api.get("/self-service/settings/api", HTTP_X_SESSION_TOKEN=token)
    check_error(response, 403, "session_aal2_required")
    assert response.json()["redirect_browser_to"].endswith("/self-service/login/browser?aal=aal2")


def test_invalid_traits_are_shown_on_their_nodes(api, alice):
    _, _, token = alice
    flow = new_flow(api, token)
    body = {"method": "profile", "traits": {"email": "not-an-email"}}
    shown = checked(submit(api, flow, token, body), "settingsFlow", 400)
    assert message_ids(shown, "traits.email")
    assert node(shown, "traits.email")["attributes"]["value"] == "not-an-email"


def test_unknown_method_and_expired_flow(api, alice):
    _, _, token = alice
    flow = new_flow(api, token)
    unknown = checked(submit(api, flow, token, {"method": "nope"}), "settingsFlow", 400)
    assert message_ids(unknown) == [MessageId.ERROR_VALIDATION_SETTINGS_NO_STRATEGY_FOUND]
    with clock.frozen(clock.now() + dt.timedelta(hours=2)):
        response = submit(api, flow, token, {"method": "profile", "traits": {"email": "a@b.io"}})
        body = response.json()
        assert response.status_code == 410, body
        validate(body, "selfServiceFlowExpiredError")
        fresh = api.get(
            f"/self-service/settings/flows?id={body['use_flow_id']}", HTTP_X_SESSION_TOKEN=token
        )
        assert message_ids(checked(fresh, "settingsFlow")) == [
            MessageId.ERROR_VALIDATION_SETTINGS_FLOW_EXPIRED
        ]


def test_a_new_address_gets_a_verification_flow(api, alice, mail_server, deliver):
    identity, _, token = alice
    flow = new_flow(api, token)
    traits = {"email": "alice.new@example.com"}
    body = checked(
        submit(api, flow, token, {"method": "profile", "traits": traits}), "settingsFlow"
    )
    [action] = body["continue_with"]
    assert action["action"] == "show_verification_ui"
    assert action["flow"]["verifiable_address"] == "alice.new@example.com"
    address = VerifiableAddress.objects.get(identity=identity)
    assert (address.value, address.status, address.verified) == (
        "alice.new@example.com",
        "sent",
        False,
    )
    deliver()
    code = mail_server.last_to("alice.new@example.com").code()
    verification = api.post(
        f"/self-service/verification?flow={action['flow']['id']}", {"method": "code", "code": code}
    )
    assert checked(verification, "verificationFlow")["state"] == "passed_challenge"
    address.refresh_from_db()
    assert address.verified and address.status == "completed"
