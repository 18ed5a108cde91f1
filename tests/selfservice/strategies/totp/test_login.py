"""TOTP as the second factor of an ``aal=aal2`` login (API flows)."""

from __future__ import annotations

import pytest

from kratos_auth.identity.models import Identity
from kratos_auth.text import MessageId
from tests.mfa import flows
from tests.selfservice.plugin import checked, message_ids


@pytest.fixture
def mfa(configure):
    configure(selfservice={"methods": flows.mfa_methods()})


def test_aal2_flow_offers_totp_and_upgrades_the_session(api, identity, mfa):
    key = flows.add_totp(identity)
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal2"
    token = flows.password_login(api)["session_token"]
    # whoami's highest_available refuses the aal1 session of an identity with TOTP.
    assert api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token).status_code == 403
    flow = flows.aal2_flow(api, token)
    assert flow["requested_aal"] == "aal2"
    assert ("totp", "totp_code") in flows.names(flow) and ("totp", "method") in flows.names(flow)
    assert ("password", "password") not in flows.names(flow)
    assert message_ids(flow) == [MessageId.INFO_SELF_SERVICE_LOGIN_MFA]
    body = {"method": "totp", "totp_code": flows.current_code(key)}
    done = checked(
        flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=token), "successfulNativeLogin"
    )
    session = done["session"]
    assert session["authenticator_assurance_level"] == "aal2"
    assert [m["method"] for m in session["authentication_methods"]] == ["password", "totp"]
    whoami = api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token)
    assert whoami.status_code == 200 and whoami.json()["authenticator_assurance_level"] == "aal2"


def test_a_code_is_accepted_once(api, identity, mfa):
    key = flows.add_totp(identity)
    code = flows.current_code(key)
    first = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, first)
    body = {"method": "totp", "totp_code": code}
    assert flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=first).status_code == 200
    # A second session (e.g. an attacker who saw the code) cannot reuse it.
    second = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, second)
    refused = checked(flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=second), "loginFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG]
    whoami = api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=second)
    assert whoami.status_code == 403


@pytest.mark.parametrize("code", ["000000", "12345", "abcdef", "1" * 100])
def test_wrong_codes_are_refused(api, identity, mfa, code):
    key = flows.add_totp(identity)
    if code == flows.current_code(key):
        pytest.skip("the random key happens to produce this code now")
    token = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, token)
    body = {"method": "totp", "totp_code": code}
    refused = checked(flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=token), "loginFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG]
    assert (
        "value"
        not in [n for n in refused["ui"]["nodes"] if n["attributes"].get("name") == "totp_code"][0][
            "attributes"
        ]
    )


def test_missing_code_is_required(api, identity, mfa):
    flows.add_totp(identity)
    token = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, token)
    refused = checked(
        flows.submit(api, flow, {"method": "totp"}, HTTP_X_SESSION_TOKEN=token), "loginFlow", 400
    )
    assert message_ids(refused, "totp_code") == [MessageId.ERROR_VALIDATION_REQUIRED]


def test_totp_is_not_a_first_factor(api, identity, mfa):
    key = flows.add_totp(identity)
    flow = checked(api.get("/self-service/login/api"), "loginFlow")
    assert ("totp", "totp_code") not in flows.names(flow)
    body = {"method": "totp", "totp_code": flows.current_code(key)}
    refused = checked(flows.submit(api, flow, body), "loginFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_LOGIN_NO_STRATEGY_FOUND]


def test_identity_without_totp_gets_no_totp_nodes(api, identity, mfa):
    token = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, token)
    assert ("totp", "totp_code") not in flows.names(flow)
    body = {"method": "totp", "totp_code": "123456"}
    refused = checked(flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=token), "loginFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_NO_TOTP_DEVICE]


def test_disabled_method_is_not_offered(api, identity, configure):
    configure(selfservice={"methods": flows.mfa_methods(totp={"enabled": False})})
    key = flows.add_totp(identity)
    token = flows.password_login(api)["session_token"]
    flow = flows.aal2_flow(api, token)
    assert ("totp", "totp_code") not in flows.names(flow)
    body = {"method": "totp", "totp_code": flows.current_code(key)}
    refused = checked(flows.submit(api, flow, body, HTTP_X_SESSION_TOKEN=token), "loginFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_LOGIN_NO_STRATEGY_FOUND]
