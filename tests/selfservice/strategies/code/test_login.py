"""Sign-in with an emailed code: passwordless, and as a second factor."""

from __future__ import annotations

import pytest

from kratos_auth.identity.models import VerifiableAddress
from kratos_auth.text import MessageId
from tests.selfservice.plugin import checked, make_identity, message_ids, node
from tests.selfservice.recovery.account import signed_in

PASSWORDLESS = {"methods": {"code": {"passwordless_enabled": True}}}
MFA = {"methods": {"code": {"mfa_enabled": True}}}


def new_flow(api, query: str = "", **extra) -> dict:
    return checked(api.get(f"/self-service/login/api{query}", **extra), "loginFlow")


def submit(api, flow: dict, body: dict, **extra):
    return api.post(f"/self-service/login?flow={flow['id']}", body, **extra)


def names(flow: dict) -> list[tuple[str, str, str]]:
    return [
        (n["group"], n["attributes"]["name"], n["attributes"]["type"]) for n in flow["ui"]["nodes"]
    ]


@pytest.fixture
def alice(account):
    account(**PASSWORDLESS)
    return make_identity("alice@example.com")


def test_code_is_not_offered_unless_enabled(api, account):
    assert ("code", "method", "submit") not in names(new_flow(api))


def test_passwordless_login(api, alice, mail_server, deliver):
    flow = new_flow(api)
    assert ("default", "identifier", "text") in names(flow)
    code_button = [n for n in flow["ui"]["nodes"] if n["group"] == "code"][0]
    assert code_button["meta"]["label"]["id"] == MessageId.INFO_SELF_SERVICE_LOGIN_CODE
    sent = checked(
        submit(api, flow, {"method": "code", "identifier": "Alice@Example.com"}), "loginFlow", 400
    )
    assert sent["state"] == "sent_email"
    assert message_ids(sent) == [MessageId.INFO_SELF_SERVICE_LOGIN_CODE_SENT]
    assert names(sent) == [
        ("default", "csrf_token", "hidden"),
        ("default", "identifier", "hidden"),
        ("code", "code", "text"),
        ("code", "resend", "submit"),
        ("code", "method", "submit"),  # method buttons go last, as Kratos sorts them
    ]
    deliver()
    mail = mail_server.last_to("alice@example.com")
    assert mail.subject == "Your sign-in code"
    body = {"method": "code", "identifier": "Alice@Example.com", "code": mail.code()}
    done = checked(submit(api, sent, body), "successfulNativeLogin")
    method = done["session"]["authentication_methods"][0]
    assert (method["method"], method["aal"]) == ("code", "aal1")
    assert done["session"]["identity"]["id"] == str(alice.id)
    assert VerifiableAddress.objects.get(identity=alice).verified


def test_unknown_identifier_answers_alike_and_never_succeeds(api, alice, mail_server, deliver):
    known = checked(
        submit(api, new_flow(api), {"method": "code", "identifier": "alice@example.com"}),
        "loginFlow",
        400,
    )
    unknown = checked(
        submit(api, new_flow(api), {"method": "code", "identifier": "nobody@example.com"}),
        "loginFlow",
        400,
    )
    assert names(known) == names(unknown)
    assert known["ui"]["messages"] == unknown["ui"]["messages"]
    deliver()
    assert mail_server.to("nobody@example.com") == []
    guess = checked(
        submit(api, unknown, {"method": "code", "identifier": "nobody@example.com", "code": "1"}),
        "loginFlow",
        400,
    )
    assert message_ids(guess) == [MessageId.ERROR_VALIDATION_LOGIN_CODE_INVALID]


def test_wrong_code_resend_and_submission_cap(api, alice, mail_server, deliver):
    flow = new_flow(api)
    sent = checked(
        submit(api, flow, {"method": "code", "identifier": "alice@example.com"}), "loginFlow", 400
    )
    deliver()
    first = mail_server.last_to("alice@example.com").code()
    resent = checked(submit(api, sent, {"method": "code", "resend": "code"}), "loginFlow", 400)
    assert message_ids(resent) == [MessageId.INFO_SELF_SERVICE_LOGIN_CODE_SENT]
    deliver()
    second = mail_server.last_to("alice@example.com").code()
    if first != second:
        old = checked(submit(api, sent, {"method": "code", "code": first}), "loginFlow", 400)
        assert message_ids(old) == [MessageId.ERROR_VALIDATION_LOGIN_CODE_INVALID]
    for _ in range(5):
        submit(api, sent, {"method": "code", "code": "000000" if second != "000000" else "1"})
    capped = checked(submit(api, sent, {"method": "code", "code": second}), "loginFlow", 400)
    assert "too often" in capped["ui"]["messages"][0]["text"]


def test_code_as_second_factor(api, account, mail_server, deliver):
    account(**MFA)
    identity = make_identity("bob@example.com")
    identity.refresh_from_db()
    assert identity.available_aal == "aal2"
    session, token = signed_in(identity)
    assert api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token).status_code == 403
    flow = new_flow(api, "?aal=aal2", HTTP_X_SESSION_TOKEN=token)
    address = node(flow, "address")
    assert address["attributes"]["value"] == "bob@example.com"
    assert address["meta"]["label"]["id"] == MessageId.INFO_SELF_SERVICE_LOGIN_AAL2_CODE_ADDRESS
    assert address["meta"]["label"]["context"] == {"address": "bob@example.com", "channel": "email"}

    unknown = submit(
        api, flow, {"method": "code", "address": "x@example.com"}, HTTP_X_SESSION_TOKEN=token
    )
    assert message_ids(checked(unknown, "loginFlow", 400), "address") == [
        MessageId.ERROR_VALIDATION_LOGIN_ADDRESS_UNKNOWN
    ]
    sent = submit(
        api, flow, {"method": "code", "address": "bob@example.com"}, HTTP_X_SESSION_TOKEN=token
    )
    sent = checked(sent, "loginFlow", 400)
    deliver()
    code = mail_server.last_to("bob@example.com").code()
    done = submit(api, sent, {"method": "code", "code": code}, HTTP_X_SESSION_TOKEN=token)
    body = checked(done, "successfulNativeLogin")
    assert body["session"]["authenticator_assurance_level"] == "aal2"
    assert api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token).status_code == 200
