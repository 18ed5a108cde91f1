"""Verification by code and by link, after registration, and ``require_verified_address``."""

from __future__ import annotations

import pytest

from kratos_auth.identity.models import VerifiableAddress
from kratos_auth.text import MessageId
from tests.contracts.openapi import check_error
from tests.selfservice.plugin import checked, csrf_value, make_identity, message_ids


def new_flow(api) -> dict:
    return checked(api.get("/self-service/verification/api"), "verificationFlow")


def submit(api, flow: dict, body: dict):
    return api.post(f"/self-service/verification?flow={flow['id']}", body)


@pytest.fixture
def alice(account):
    return make_identity("alice@example.com")


def _address(identity) -> VerifiableAddress:
    return VerifiableAddress.objects.get(identity=identity)


def test_verification_by_code(api, alice, mail_server, deliver):
    flow = new_flow(api)
    assert [n["attributes"]["name"] for n in flow["ui"]["nodes"]] == [
        "csrf_token",
        "email",
        "method",
    ]
    sent = checked(
        submit(api, flow, {"method": "code", "email": "alice@example.com"}), "verificationFlow"
    )
    assert sent["state"] == "sent_email"
    assert message_ids(sent) == [MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_WITH_CODE_SENT]
    deliver()
    mail = mail_server.last_to("alice@example.com")
    assert mail.subject == "Your verification code"
    code = mail.code()
    wrong = checked(
        submit(api, sent, {"method": "code", "code": "000001" if code != "000001" else "2"}),
        "verificationFlow",
    )
    assert message_ids(wrong) == [MessageId.ERROR_VALIDATION_VERIFICATION_CODE_INVALID]
    assert not _address(alice).verified
    done = checked(submit(api, sent, {"method": "code", "code": code}), "verificationFlow")
    assert done["state"] == "passed_challenge"
    assert message_ids(done) == [MessageId.INFO_SELF_SERVICE_VERIFICATION_SUCCESSFUL]
    [anchor] = [n for n in done["ui"]["nodes"] if n["attributes"].get("id") == "continue"]
    assert anchor["type"] == "a" and anchor["meta"]["label"]["id"] == 1070009
    assert (
        anchor["attributes"]["href"] == f"https://app.example.test/verification?flow={sent['id']}"
    )
    address = _address(alice)
    assert address.verified and address.status == "completed" and address.verified_at


def test_code_message_link_verifies_in_a_browser(browser, alice, mail_server, deliver):
    response = browser.get("/self-service/verification/browser")
    flow_id = response["Location"].rsplit("=", 1)[1]
    flow = browser.get(
        f"/self-service/verification/flows?id={flow_id}", HTTP_ACCEPT="application/json"
    ).json()
    browser.post(
        f"/self-service/verification?flow={flow_id}",
        {"csrf_token": csrf_value(flow), "method": "code", "email": "alice@example.com"},
    )
    deliver()
    mail = mail_server.last_to("alice@example.com")
    [link] = [u for u in mail.links() if "code=" in u]
    opened = browser.get(link.replace("https://auth.example.test", ""))
    assert opened.status_code == 303
    assert opened["Location"] == f"https://app.example.test/verification?flow={flow_id}"
    assert _address(alice).verified


def test_verification_by_link(browser, alice, account, mail_server, deliver):
    account(flows={"verification": {"use": "link"}})
    response = browser.get("/self-service/verification/browser")
    flow_id = response["Location"].rsplit("=", 1)[1]
    flow = browser.get(
        f"/self-service/verification/flows?id={flow_id}", HTTP_ACCEPT="application/json"
    ).json()
    browser.post(
        f"/self-service/verification?flow={flow_id}",
        {"csrf_token": csrf_value(flow), "method": "link", "email": "alice@example.com"},
    )
    shown = browser.get(
        f"/self-service/verification/flows?id={flow_id}", HTTP_ACCEPT="application/json"
    ).json()
    assert message_ids(shown) == [MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_SENT]
    deliver()
    [link] = mail_server.last_to("alice@example.com").links()
    opened = browser.get(link.replace("https://auth.example.test", ""))
    assert opened.status_code == 303
    assert opened["Location"] == f"https://app.example.test/verification?flow={flow_id}"
    assert _address(alice).verified
    done = browser.get(
        f"/self-service/verification/flows?id={flow_id}", HTTP_ACCEPT="application/json"
    ).json()
    assert done["state"] == "passed_challenge"
    again = browser.get(link.replace("https://auth.example.test", ""))
    assert again.status_code == 303  # used: shown as already completed, nothing changes


def test_unknown_addresses_look_the_same(api, alice, account, mail_server, deliver):
    known = checked(
        submit(api, new_flow(api), {"method": "code", "email": "alice@example.com"}),
        "verificationFlow",
    )
    unknown = checked(
        submit(api, new_flow(api), {"method": "code", "email": "x@example.com"}), "verificationFlow"
    )
    assert known["ui"]["messages"] == unknown["ui"]["messages"]
    deliver()
    assert mail_server.to("x@example.com") == []
    account(flows={"verification": {"notify_unknown_recipients": True}})
    submit(api, new_flow(api), {"method": "code", "email": "x@example.com"})
    deliver()
    assert mail_server.last_to("x@example.com").subject == (
        "Someone tried to verify this email address"
    )


def test_disabled_verification(api, account):
    account(flows={"verification": {"enabled": False}})
    check_error(api.get("/self-service/verification/api"), 400, "self_service_flow_disabled")


def _register(api, email: str) -> dict:
    flow = checked(api.get("/self-service/registration/api"), "registrationFlow")
    body = {"method": "password", "traits": {"email": email}, "password": "Correct-Horse-9-Battery"}
    return api.post(f"/self-service/registration?flow={flow['id']}", body)


def test_registration_continues_with_verification(api, account, mail_server, deliver):
    account(flows={"registration": {"enable_legacy_one_step": True}})
    body = checked(_register(api, "new@example.com"), "successfulNativeRegistration")
    actions = {a["action"]: a for a in body["continue_with"]}
    verification = actions["show_verification_ui"]["flow"]
    assert verification["verifiable_address"] == "new@example.com"
    assert "url" not in verification  # API flow
    address = body["identity"]["verifiable_addresses"][0]
    assert address["status"] in ("pending", "sent")
    deliver()
    code = mail_server.last_to("new@example.com").code()
    flow = checked(
        api.get(f"/self-service/verification/flows?id={verification['id']}"), "verificationFlow"
    )
    assert flow["state"] == "sent_email"
    done = checked(submit(api, flow, {"method": "code", "code": code}), "verificationFlow")
    assert done["state"] == "passed_challenge"


def test_browser_registration_shows_the_verification_ui(browser, account, mail_server):
    account(
        flows={
            "registration": {
                "enable_legacy_one_step": True,
                "after": {
                    "password": {"hooks": [{"hook": "session"}, {"hook": "show_verification_ui"}]}
                },
            }
        }
    )
    start = browser.get("/self-service/registration/browser")
    flow_id = start["Location"].rsplit("=", 1)[1]
    flow = browser.get(
        f"/self-service/registration/flows?id={flow_id}", HTTP_ACCEPT="application/json"
    ).json()
    done = browser.post(
        f"/self-service/registration?flow={flow_id}",
        {
            "csrf_token": csrf_value(flow),
            "method": "password",
            "traits.email": "new@example.com",
            "password": "Correct-Horse-9-Battery",
        },
    )
    assert done.status_code == 303
    assert done["Location"].startswith("https://app.example.test/verification?flow=")


def test_login_requires_a_verified_address(api, account, mail_server, deliver):
    account(
        flows={"login": {"after": {"password": {"hooks": [{"hook": "require_verified_address"}]}}}}
    )
    make_identity("bob@example.com")

    def login() -> object:
        flow = checked(api.get("/self-service/login/api"), "loginFlow")
        body = {
            "method": "password",
            "identifier": "bob@example.com",
            "password": "Correct-Horse-9-Battery",
        }
        return api.post(f"/self-service/login?flow={flow['id']}", body)

    refused = checked(login(), "loginFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_ADDRESS_NOT_VERIFIED]
    sent = checked(
        submit(api, new_flow(api), {"method": "code", "email": "bob@example.com"}),
        "verificationFlow",
    )
    deliver()
    checked(
        submit(
            api, sent, {"method": "code", "code": mail_server.last_to("bob@example.com").code()}
        ),
        "verificationFlow",
    )
    checked(login(), "successfulNativeLogin")
