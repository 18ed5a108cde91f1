"""Backup recovery codes as the second factor of an ``aal=aal2`` login."""

from __future__ import annotations

import pytest

from kratos_auth.identity import service as identity_service
from kratos_auth.identity.models import Credential
from kratos_auth.identity.sync import load_config
from kratos_auth.mfa import lookup
from kratos_auth.text import MessageId
from tests.mfa import flows
from tests.selfservice.plugin import checked, message_ids


@pytest.fixture
def codes(configure, identity):
    configure(selfservice={"methods": flows.mfa_methods()})
    generated = lookup.generate()
    identity_service.set_credentials(identity, "lookup_secret", {"recovery_codes": generated})
    return [c["code"] for c in generated]


def use(api, code):
    token = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, token)
    body = {"method": "lookup_secret", "lookup_secret": code}
    return token, flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=token)


def test_a_code_upgrades_the_session_once(api, identity, codes):
    token = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, token)
    assert ("lookup_secret", "lookup_secret") in flows.names(flow)
    body = {"method": "lookup_secret", "lookup_secret": codes[3]}
    done = checked(
        flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=token), "successfulNativeLogin"
    )
    assert done["session"]["authenticator_assurance_level"] == "aal2"
    stored = lookup.codes_of(load_config(Credential.objects.get(type="lookup_secret").config))
    assert [c["used_at"] is not None for c in stored] == [i == 3 for i in range(12)]
    _, again = use(api, codes[3])
    assert message_ids(checked(again, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_LOOKUP_ALREADY_USED
    ]
    _, other = use(api, codes[4])
    assert other.status_code == 200


@pytest.mark.parametrize("code", ["", "zzzzzzzz", "x" * 300])
def test_wrong_codes_are_invalid(api, codes, code):
    _, refused = use(api, code)
    assert message_ids(checked(refused, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_LOOKUP_INVALID
    ]


def test_identity_without_codes(api, identity, configure):
    configure(selfservice={"methods": flows.mfa_methods()})
    _, refused = use(api, "abcdefgh")
    assert message_ids(checked(refused, "loginFlow", 400)) == [MessageId.ERROR_VALIDATION_NO_LOOKUP]
