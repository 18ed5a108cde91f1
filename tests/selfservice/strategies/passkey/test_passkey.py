"""Passkeys: username-less sign-up and sign-in with a discoverable credential (aal1)."""

from __future__ import annotations

import json

import pytest

from kratos_auth.identity.models import CredentialIdentifier, Identity
from kratos_auth.text import MessageId
from tests.mfa import flows
from tests.mfa.authenticator import SoftAuthenticator
from tests.selfservice.plugin import checked, message_ids


@pytest.fixture
def passkeys(configure):
    configure(
        selfservice={
            "methods": flows.mfa_methods(),
            "flows": {"registration": {"after": {"passkey": {"hooks": [{"hook": "session"}]}}}},
        }
    )


def sign_up(spa, device, email="bob@example.com"):
    flow = spa.new_registration()
    traits = {"email": email}
    credentials = checked(
        spa.post(flow, "registration", {"method": "profile", "traits": traits}),
        "registrationFlow",
        400,
    )
    create = json.loads(flows.node_attributes(credentials, "passkey_create_data")["value"])
    assert create["publicKey"]["authenticatorSelection"]["residentKey"] == "required"
    trigger = flows.node_attributes(credentials, "passkey_register_trigger")
    assert trigger["onclickTrigger"] == "oryPasskeyRegistration"
    body = {
        "method": "passkey",
        "traits": traits,
        "passkey_register": json.dumps(device.create(create)),
    }
    return spa.post(credentials, "registration", body)


def test_sign_up_then_sign_in_without_identifier(passkeys, db):
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    done = checked(sign_up(spa, device), "successfulNativeRegistration")
    identity = Identity.objects.get(pk=done["identity"]["id"])
    assert identity.available_aal == "aal1"
    handle = next(iter(device.keys.values())).user_handle.decode()
    assert CredentialIdentifier.objects.filter(type="passkey", identifier=handle).exists()
    assert done["session"]["authentication_methods"][0]["method"] == "passkey"

    browser = flows.Spa()
    flow = browser.new_login()
    challenge = json.loads(flows.node_attributes(flow, "passkey_challenge")["value"])
    assert challenge["publicKey"]["allowCredentials"] == []  # discoverable
    assertion = json.dumps(device.get(challenge))
    signed_in = checked(
        browser.post(flow, "login", {"method": "passkey", "passkey_login": assertion}),
        "successfulNativeLogin",
    )
    assert signed_in["session"]["identity"]["id"] == str(identity.id)
    assert signed_in["session"]["authenticator_assurance_level"] == "aal1"
    assert browser.whoami().status_code == 200

    # The same assertion cannot be used again, on a fresh flow or on the same one.
    again = flows.Spa()
    flow = again.new_login()
    refused = again.post(flow, "login", {"method": "passkey", "passkey_login": assertion})
    assert refused.status_code == 400
    assert again.whoami().status_code == 401


def test_unknown_passkey(passkeys, db):
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    registration = spa.new_registration()
    assert registration  # a device that never registered here
    stranger = SoftAuthenticator(flows.ORIGIN)
    stranger.create(
        {"publicKey": {"rp": {"id": "auth.example.test"}, "user": {"id": "eA"}, "challenge": "AA"}}
    )
    flow = spa.new_login()
    challenge = json.loads(flows.node_attributes(flow, "passkey_challenge")["value"])
    refused = spa.post(flow, "login", {"passkey_login": json.dumps(stranger.get(challenge))})
    assert message_ids(checked(refused, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_SUCH_NO_WEBAUTHN_USER
    ]
    assert device.keys == {}


def test_sign_up_with_invalid_traits_keeps_the_form(passkeys, db):
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    flow = spa.new_registration()
    credentials = checked(
        spa.post(
            flow, "registration", {"method": "profile", "traits": {"email": "bob@example.com"}}
        ),
        "registrationFlow",
        400,
    )
    create = json.loads(flows.node_attributes(credentials, "passkey_create_data")["value"])
    body = {
        "method": "passkey",
        "traits": {"email": "x"},
        "passkey_register": json.dumps(device.create(create)),
    }
    refused = checked(spa.post(credentials, "registration", body), "registrationFlow", 400)
    assert Identity.objects.count() == 0
    assert refused["ui"]["nodes"]


def test_attestation_for_another_origin_is_refused(passkeys, db):
    spa = flows.Spa()
    flow = spa.new_registration()
    credentials = checked(
        spa.post(
            flow, "registration", {"method": "profile", "traits": {"email": "bob@example.com"}}
        ),
        "registrationFlow",
        400,
    )
    create = json.loads(flows.node_attributes(credentials, "passkey_create_data")["value"])
    evil = SoftAuthenticator("https://evil.example")
    body = {
        "method": "passkey",
        "traits": {"email": "bob@example.com"},
        "passkey_register": json.dumps(evil.create(create)),
    }
    refused = checked(spa.post(credentials, "registration", body), "registrationFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_GENERIC]
    assert Identity.objects.count() == 0
