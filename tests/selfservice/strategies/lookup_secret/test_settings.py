"""Backup recovery codes in the settings flow: regenerate, confirm, reveal, use, disable."""

from __future__ import annotations

import json

import pytest

from kratos_auth.identity.models import Credential, Identity
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.text import MessageId
from tests.mfa import flows
from tests.selfservice.plugin import checked, message_ids


@pytest.fixture
def mfa(configure):
    configure(selfservice={"methods": flows.mfa_methods()})


def test_regenerate_confirm_reveal_disable(api, identity, mfa):
    token = flows.password_login(api)["session_token"]
    flow = flows.settings_flow(api, token)
    assert ("lookup_secret", "lookup_secret_regenerate") in flows.names(flow)
    shown = checked(
        flows.submit_settings(api, flow, {"lookup_secret_regenerate": True}, token),
        "settingsFlow",
    )
    assert shown["state"] == "show_form"
    codes = flows.lookup_codes(shown)
    assert len(codes) == 12 and ("lookup_secret", "lookup_secret_confirm") in flows.names(shown)
    stored_ui = json.dumps(SettingsFlow.objects.get(pk=flow["id"]).ui)
    assert not any(code in stored_ui for code in codes)  # sealed, not in the stored ui
    assert not Credential.objects.filter(identity=identity, type="lookup_secret").exists()

    done = checked(
        flows.submit_settings(api, shown, {"lookup_secret_confirm": True}, token), "settingsFlow"
    )
    assert done["state"] == "success"
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal2"
    whoami = api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token).json()
    assert whoami["authenticator_assurance_level"] == "aal2"

    # Use one code to reach aal2 in another session; it then shows as used.
    other = flows.password_login(api)["session_token"]
    body = {"method": "lookup_secret", "lookup_secret": codes[0]}
    used = flows.submit(api, flows.aal2_flow(api, other), body, HTTP_X_SESSION_TOKEN=other)
    assert used.status_code == 200

    flow = flows.settings_flow(api, token)
    revealed = checked(
        flows.submit_settings(api, flow, {"lookup_secret_reveal": True}, token), "settingsFlow"
    )
    text = flows.node_attributes(revealed, "lookup_secret_codes")["text"]
    assert text["text"].split(", ") == ["used", *codes[1:]]
    assert text["context"]["secrets"][0]["id"] == MessageId.INFO_SETTINGS_LOOKUP_SECRET_USED

    flow = flows.settings_flow(api, token)
    gone = checked(
        flows.submit_settings(api, flow, {"lookup_secret_disable": True}, token), "settingsFlow"
    )
    assert gone["state"] == "success"
    assert not Credential.objects.filter(identity=identity, type="lookup_secret").exists()
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal1"


def test_confirm_without_regenerate_is_refused(api, identity, mfa):
    token = flows.password_login(api)["session_token"]
    flow = flows.settings_flow(api, token)
    refused = checked(
        flows.submit_settings(api, flow, {"lookup_secret_confirm": True}, token),
        "settingsFlow",
        400,
    )
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_GENERIC]


def test_reveal_without_codes_is_refused(api, identity, mfa):
    token = flows.password_login(api)["session_token"]
    flow = flows.settings_flow(api, token)
    refused = checked(
        flows.submit_settings(api, flow, {"lookup_secret_reveal": "true"}, token),
        "settingsFlow",
        400,
    )
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_GENERIC]
