"""Security keys as a second factor (aal2) and, with ``passwordless``, as a first factor."""

from __future__ import annotations

import json
import logging

import pytest

from kratos_auth.identity.models import Credential, Identity
from kratos_auth.identity.sync import load_config
from kratos_auth.text import MessageId
from tests.mfa import flows
from tests.mfa.authenticator import SoftAuthenticator, options_from_onclick
from tests.selfservice.plugin import checked, message_ids


@pytest.fixture
def mfa(configure):
    configure(selfservice={"methods": flows.mfa_methods()})


@pytest.fixture
def device():
    return SoftAuthenticator(flows.ORIGIN)


def aal2_with_key(spa, device):
    flow = spa.new_login("?aal=aal2")
    trigger = flows.node_attributes(flow, "webauthn_login_trigger")
    assert trigger["onclickTrigger"] == "oryWebAuthnLogin"
    options = options_from_onclick(trigger["onclick"])
    return flow, options


def test_security_key_upgrades_a_browser_session(identity, mfa, device):
    flows.enroll(identity, device)
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal2"
    spa = flows.Spa()
    spa.password_login()
    assert spa.whoami().status_code == 403
    flow, options = aal2_with_key(spa, device)
    script = flows.node_attributes(flow, "webauthn_script")
    assert script["src"] == "https://auth.example.test/.well-known/ory/webauthn.js"
    assert script["integrity"].startswith("sha512-")
    assert len(options["publicKey"]["allowCredentials"]) == 1
    body = {"method": "webauthn", "webauthn_login": json.dumps(device.get(options))}
    done = checked(spa.post(flow, "login", body), "successfulNativeLogin")
    assert done["session"]["authenticator_assurance_level"] == "aal2"
    assert spa.whoami().status_code == 200


def test_replayed_assertion_is_refused(identity, mfa, device):
    flows.enroll(identity, device)
    spa = flows.Spa()
    spa.password_login()
    flow, options = aal2_with_key(spa, device)
    assertion = json.dumps(device.get(options))
    ok = spa.post(flow, "login", {"method": "webauthn", "webauthn_login": assertion})
    assert ok.status_code == 200
    other = flows.Spa()
    other.password_login()
    flow, _ = aal2_with_key(other, device)
    refused = other.post(flow, "login", {"method": "webauthn", "webauthn_login": assertion})
    assert message_ids(checked(refused, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG
    ]


def test_sign_counter_going_backwards_is_refused_and_logged(identity, mfa, device, caplog):
    item = flows.enroll(identity, device)
    spa = flows.Spa()
    spa.password_login()
    flow, options = aal2_with_key(spa, device)
    good = spa.post(flow, "login", {"webauthn_login": json.dumps(device.get(options))})
    assert good.status_code == 200  # counter now 1
    clone = flows.Spa()
    clone.password_login()
    flow, options = aal2_with_key(clone, device)
    with caplog.at_level(logging.WARNING, logger="kratos_auth.security"):
        cloned = json.dumps(device.get(options, sign_count=1))
        refused = clone.post(flow, "login", {"webauthn_login": cloned})
    assert message_ids(checked(refused, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG
    ]
    assert any("webauthn_clone_suspected" in r.getMessage() for r in caplog.records)
    stored = load_config(Credential.objects.get(identity=identity, type="webauthn").config)
    key = stored["credentials"][0]
    assert key["id"] == item["id"] and key["authenticator"]["clone_warning"] is True
    assert key["authenticator"]["sign_count"] == 1
    assert clone.whoami().status_code == 403


def test_tampered_or_garbage_assertions(identity, mfa, device):
    flows.enroll(identity, device)
    spa = flows.Spa()
    spa.password_login()
    flow, options = aal2_with_key(spa, device)
    refused = spa.post(flow, "login", {"webauthn_login": "{not json"})
    body = checked(refused, "loginFlow", 400)
    assert message_ids(body) == [MessageId.ERROR_VALIDATION_GENERIC]
    assertion = device.get(options)
    assertion["response"]["signature"] = assertion["response"]["signature"][::-1]
    refused = spa.post(flow, "login", {"webauthn_login": json.dumps(assertion)})
    assert message_ids(checked(refused, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG
    ]


def test_api_flows_do_not_offer_webauthn(api, identity, mfa, device):
    flows.enroll(identity, device)
    token = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, token)
    assert ("webauthn", "webauthn_login_trigger") not in flows.names(flow)


def test_passwordless_first_factor(identity, configure, device):
    methods = flows.mfa_methods()
    methods["webauthn"]["config"]["passwordless"] = True
    configure(selfservice={"methods": methods})
    flows.enroll(identity, device, passwordless=True)
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal1"
    spa = flows.Spa()
    flow = spa.new_login()
    assert ("webauthn", "method") in flows.names(flow)
    step = spa.post(flow, "login", {"method": "webauthn", "identifier": "alice@example.com"})
    shown = checked(step, "loginFlow", 400)
    assert message_ids(shown) == [MessageId.INFO_LOGIN_WEBAUTHN_PASSWORDLESS]
    options = options_from_onclick(
        flows.node_attributes(shown, "webauthn_login_trigger")["onclick"]
    )
    body = {
        "method": "webauthn",
        "identifier": "alice@example.com",
        "webauthn_login": json.dumps(device.get(options)),
    }
    done = checked(spa.post(shown, "login", body), "successfulNativeLogin")
    assert done["session"]["authenticator_assurance_level"] == "aal1"
    assert done["session"]["authentication_methods"][0]["method"] == "webauthn"


def test_passwordless_unknown_identifier(identity, configure):
    methods = flows.mfa_methods()
    methods["webauthn"]["config"]["passwordless"] = True
    configure(selfservice={"methods": methods})
    spa = flows.Spa()
    flow = spa.new_login()
    step = spa.post(flow, "login", {"method": "webauthn", "identifier": "nobody@example.com"})
    assert message_ids(checked(step, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_SUCH_NO_WEBAUTHN_USER
    ]
