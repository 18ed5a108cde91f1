"""Which hooks run, in what order, and the built-in login hooks."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from kratos_auth.identity.models import VerifiableAddress
from kratos_auth.selfservice.flow import hooks
from kratos_auth.session.models import Session
from tests.selfservice.plugin import checked, make_identity, message_ids

PASSWORD = "Correct-Horse-9-Battery"


def names(entries: list[dict]) -> list[str]:
    return [e["hook"] + (":" + e["config"]["id"] if e.get("config") else "") for e in entries]


def test_method_hooks_add_to_the_global_list_and_session_runs_last(configure):
    configure(
        selfservice={
            "flows": {
                "registration": {
                    "after": {
                        "hooks": [
                            {
                                "hook": "web_hook",
                                "config": {
                                    "id": "global",
                                    "url": "https://h.test/",
                                    "method": "POST",
                                },
                            }
                        ],
                        "password": {
                            "hooks": [
                                {"hook": "session"},
                                {
                                    "hook": "web_hook",
                                    "config": {
                                        "id": "pw",
                                        "url": "https://h.test/",
                                        "method": "POST",
                                    },
                                },
                            ]
                        },
                    }
                }
            }
        }
    )
    assert names(hooks.configured("registration", "after", "password")) == [
        "web_hook:global",
        "web_hook:pw",
        "session",
    ]
    # Kratos would drop the global web hook here; we keep it (documented).
    assert names(hooks.configured("registration", "after", "oidc")) == ["web_hook:global"]
    assert hooks.configured("registration", "before") == []


def test_unknown_hooks_and_misplaced_hooks_are_configuration_errors(configure, monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        hooks.build({"hook": "nope"})
    # "session" has no login_after: configuring it there must not pass silently.
    monkeypatch.setattr(hooks, "configured", lambda *a: [{"hook": "session"}])
    with pytest.raises(ImproperlyConfigured):
        hooks.run("login", "after", "after", hooks.HookState(flow=None, ctx=None))


def login(api, email: str):
    flow = checked(api.get("/self-service/login/api"), "loginFlow")
    body = {"method": "password", "identifier": email, "password": PASSWORD}
    return api.post(f"/self-service/login?flow={flow['id']}", body)


def test_revoke_active_sessions_keeps_only_the_new_one(api, configure):
    make_identity("rev@example.com", PASSWORD)
    first = checked(login(api, "rev@example.com"), "successfulNativeLogin")
    configure(
        selfservice={"flows": {"login": {"after": {"hooks": [{"hook": "revoke_active_sessions"}]}}}}
    )
    second = checked(login(api, "rev@example.com"), "successfulNativeLogin")
    assert not Session.objects.get(id=first["session"]["id"]).active
    assert Session.objects.get(id=second["session"]["id"]).active


def test_require_verified_address_blocks_unverified_logins(api, configure):
    person = make_identity("unverified@example.com", PASSWORD)
    configure(
        selfservice={
            "flows": {
                "login": {"after": {"password": {"hooks": [{"hook": "require_verified_address"}]}}}
            }
        }
    )
    shown = checked(login(api, "unverified@example.com"), "loginFlow", 400)
    assert message_ids(shown) == [4000010]
    assert not Session.objects.filter(identity=person).exists()  # rolled back
    VerifiableAddress.objects.filter(identity=person).update(verified=True, status="completed")
    checked(login(api, "unverified@example.com"), "successfulNativeLogin")


def test_show_verification_ui_sends_browsers_to_the_verification_flow(configure, db):
    from kratos_auth.selfservice.flow.models import FlowType
    from kratos_auth.selfservice.hooks.show_verification_ui import ShowVerificationUiHook

    class Flow:
        type = FlowType.BROWSER

    state = hooks.HookState(flow=Flow(), ctx=None)
    state.continue_with.append(
        {
            "action": "show_verification_ui",
            "flow": {
                "id": "f",
                "verifiable_address": "a",
                "url": "https://app.example.test/verify?flow=f",
            },
        }
    )
    ShowVerificationUiHook({}).registration_after(state)
    assert state.redirect_to == "https://app.example.test/verify?flow=f"
