"""Recovery in a browser (code and link), and the admin API's recovery codes and links."""

from __future__ import annotations

import pytest

from kratos_auth.selfservice.strategies.code.admin import create_recovery_code_for_identity
from kratos_auth.selfservice.strategies.link.admin import create_recovery_link_for_identity
from kratos_auth.session import transport
from kratos_auth.text import MessageId
from tests.contracts.openapi import check_error, validate
from tests.selfservice.plugin import checked, csrf_value, make_identity, message_ids


def _flow(browser, flow_id: str) -> dict:
    response = browser.get(
        f"/self-service/recovery/flows?id={flow_id}", HTTP_ACCEPT="application/json"
    )
    return checked(response, "recoveryFlow")


def _start(browser) -> dict:
    response = browser.get("/self-service/recovery/browser")
    assert response.status_code == 303
    assert response["Location"].startswith("https://app.example.test/recovery?flow=")
    return _flow(browser, response["Location"].rsplit("=", 1)[1])


def _whoami(browser) -> int:
    return browser.get("/sessions/whoami", HTTP_ACCEPT="application/json").status_code


@pytest.fixture
def alice(account):
    return make_identity("alice@example.com")


def test_browser_recovery_by_code(browser, alice, mail_server, deliver):
    flow = _start(browser)
    url = f"/self-service/recovery?flow={flow['id']}"
    sent = browser.post(
        url, {"csrf_token": csrf_value(flow), "method": "code", "email": "alice@example.com"}
    )
    assert sent.status_code == 303 and sent["Location"].endswith(f"?flow={flow['id']}")
    deliver()
    code = mail_server.last_to("alice@example.com").code()
    flow = _flow(browser, flow["id"])
    done = browser.post(url, {"csrf_token": csrf_value(flow), "method": "code", "code": code})
    assert done.status_code == 303
    assert done["Location"].startswith("https://app.example.test/settings?flow=")
    assert transport.session_config.current().cookie.name in done.cookies
    assert _whoami(browser) == 200
    settings_id = done["Location"].rsplit("=", 1)[1]
    settings = browser.get(
        f"/self-service/settings/flows?id={settings_id}", HTTP_ACCEPT="application/json"
    ).json()
    assert message_ids(settings) == [MessageId.INFO_SELF_SERVICE_RECOVERY_SUCCESSFUL]


def test_spa_gets_browser_location_change_required(browser, alice, mail_server, deliver):
    response = browser.get("/self-service/recovery/browser", HTTP_ACCEPT="application/json")
    flow = checked(response, "recoveryFlow")
    url = f"/self-service/recovery?flow={flow['id']}"
    body = {"csrf_token": csrf_value(flow), "method": "code", "email": "alice@example.com"}
    sent = browser.post(url, body, HTTP_ACCEPT="application/json")
    assert checked(sent, "recoveryFlow")["state"] == "sent_email"
    deliver()
    code = mail_server.last_to("alice@example.com").code()
    done = browser.post(
        url,
        {"csrf_token": csrf_value(flow), "method": "code", "code": code},
        HTTP_ACCEPT="application/json",
    )
    assert done.status_code == 422
    body = done.json()
    # Kratos's wire shape; api.json's errorBrowserLocationChangeRequired nests errorGeneric
    # one level too deep, so the error part is checked against errorGeneric.
    validate({"error": body["error"]}, "errorGeneric")
    assert body["error"]["id"] == "browser_location_change_required"
    assert body["redirect_browser_to"].startswith("https://app.example.test/settings?flow=")
    assert _whoami(browser) == 200


def test_browser_flow_needs_the_anti_csrf_token(browser, alice):
    flow = _start(browser)
    response = browser.post(
        f"/self-service/recovery?flow={flow['id']}",
        {"method": "code", "email": "alice@example.com"},
        HTTP_ACCEPT="application/json",
    )
    check_error(response, 403, "security_csrf_violation")


def test_recovery_by_link(browser, alice, account, mail_server, deliver):
    account(flows={"recovery": {"use": "link"}})
    flow = _start(browser)
    assert [n["group"] for n in flow["ui"]["nodes"]] == ["default", "link", "link"]
    url = f"/self-service/recovery?flow={flow['id']}"
    sent = browser.post(
        url, {"csrf_token": csrf_value(flow), "method": "link", "email": "alice@example.com"}
    )
    assert sent.status_code == 303
    shown = _flow(browser, flow["id"])
    assert message_ids(shown) == [MessageId.INFO_SELF_SERVICE_RECOVERY_EMAIL_SENT]
    deliver()
    mail = mail_server.last_to("alice@example.com")
    [link] = mail.links()
    assert link.startswith(f"https://auth.example.test/self-service/recovery?flow={flow['id']}")
    assert link.replace("&", "&amp;") in mail.html  # escaped in HTML

    opened = browser.get(link.replace("https://auth.example.test", ""))
    assert opened.status_code == 303
    assert opened["Location"].startswith("https://app.example.test/settings?flow=")
    assert _whoami(browser) == 200

    signed_in_again = browser.get(link.replace("https://auth.example.test", ""))
    assert signed_in_again["Location"] == "https://app.example.test/"  # already signed in
    del browser.cookies[transport.session_config.current().cookie.name]
    reused = browser.get(link.replace("https://auth.example.test", ""))
    assert reused.status_code == 303 and "recovery?flow=" in reused["Location"]
    done = _flow(browser, reused["Location"].rsplit("=", 1)[1])
    assert message_ids(done) == [MessageId.ERROR_VALIDATION_RECOVERY_RETRY_SUCCESS]

    other = _start(browser)
    forged = browser.get(f"/self-service/recovery?flow={other['id']}&token=forged-token")
    assert forged.status_code == 303
    fresh = _flow(browser, forged["Location"].rsplit("=", 1)[1])
    assert fresh["id"] != other["id"]
    assert message_ids(fresh) == [MessageId.ERROR_VALIDATION_RECOVERY_TOKEN_INVALID]


def test_unknown_address_by_link_looks_the_same(browser, alice, account, mail_server, deliver):
    account(flows={"recovery": {"use": "link"}})
    shown = []
    for email in ("alice@example.com", "nobody@example.com"):
        flow = _start(browser)
        browser.post(
            f"/self-service/recovery?flow={flow['id']}",
            {"csrf_token": csrf_value(flow), "method": "link", "email": email},
        )
        shown.append(_flow(browser, flow["id"]))
    assert shown[0]["ui"]["messages"] == shown[1]["ui"]["messages"]
    assert shown[0]["state"] == shown[1]["state"] == "sent_email"
    deliver()
    assert mail_server.to("nobody@example.com") == []


def test_admin_recovery_code_for_a_browser(browser, alice, deliver, mail_server):
    created = create_recovery_code_for_identity(alice.id, expires_in="30m")
    assert created.recovery_link.startswith("https://app.example.test/recovery?flow=")
    code = str(created.recovery_code.reveal())
    assert len(code) == 6 and code.isdigit()
    flow_id = created.recovery_link.rsplit("=", 1)[1]
    flow = _flow(browser, flow_id)  # the first browser to open it claims it
    assert flow["state"] == "sent_email"
    names = [n["attributes"]["name"] for n in flow["ui"]["nodes"]]
    assert "email" not in names and "code" in names
    done = browser.post(
        f"/self-service/recovery?flow={flow_id}",
        {"csrf_token": csrf_value(flow), "method": "code", "code": code},
    )
    assert done.status_code == 303 and "settings?flow=" in done["Location"]
    assert _whoami(browser) == 200
    assert deliver().claimed == 0  # nothing was emailed


def test_admin_recovery_code_for_an_api_client(api, alice):
    created = create_recovery_code_for_identity(alice.id, flow_type="api")
    flow_id = created.recovery_link.rsplit("=", 1)[1]
    done = api.post(
        f"/self-service/recovery?flow={flow_id}",
        {"method": "code", "code": str(created.recovery_code.reveal())},
    )
    body = checked(done, "recoveryFlow")
    assert body["continue_with"][0]["action"] == "set_ory_session_token"


def test_admin_recovery_link(browser, alice, account):
    created = create_recovery_link_for_identity(
        alice.id, expires_in="1h", return_to="https://app.example.test/welcome"
    )
    link = str(created.recovery_link.reveal())
    assert "token=" in link and link not in repr(created)
    opened = browser.get(link.replace("https://auth.example.test", ""))
    assert opened.status_code == 303 and "settings?flow=" in opened["Location"]
    assert _whoami(browser) == 200


def test_admin_refusals(db, alice, account):
    from kratos_auth.errors import BadRequest
    from kratos_auth.identity.errors import IdentityNotFound

    with pytest.raises(IdentityNotFound):
        create_recovery_code_for_identity("00000000-0000-4000-8000-000000000000")
    with pytest.raises(BadRequest):
        create_recovery_code_for_identity(alice.id, expires_in="-5m")
    with pytest.raises(BadRequest):
        create_recovery_link_for_identity(alice.id, return_to="https://evil.example/")
