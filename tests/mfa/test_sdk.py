"""Every factor through the official Ory SDK against a live server: set up in settings, used
to reach aal2 (or to sign in, for passkeys), reused (refused), and removed."""

from __future__ import annotations

import datetime as dt
import json

import ory_kratos_client
import pytest
from ory_kratos_client.api.frontend_api import FrontendApi
from ory_kratos_client.exceptions import ApiException
from ory_kratos_client.models import (
    UpdateLoginFlowBody,
    UpdateLoginFlowWithLookupSecretMethod,
    UpdateLoginFlowWithPasskeyMethod,
    UpdateLoginFlowWithPasswordMethod,
    UpdateLoginFlowWithTotpMethod,
    UpdateLoginFlowWithWebAuthnMethod,
    UpdateSettingsFlowBody,
    UpdateSettingsFlowWithLookupMethod,
    UpdateSettingsFlowWithPasskeyMethod,
    UpdateSettingsFlowWithTotpMethod,
    UpdateSettingsFlowWithWebAuthnMethod,
)

from kratos_auth.core import clock
from kratos_auth.identity.models import Identity
from kratos_auth.mfa import totp
from tests.api.public.test_login_sdk import cookie_header, cookies_of, csrf
from tests.mfa import flows
from tests.mfa.authenticator import SoftAuthenticator, options_from_onclick
from tests.selfservice.plugin import make_identity

EMAIL = "sdk-mfa@example.com"


@pytest.fixture
def frontend(live_public_url, configure) -> FrontendApi:
    configure(selfservice={"methods": flows.mfa_methods()})
    make_identity(EMAIL)
    return FrontendApi(
        ory_kratos_client.ApiClient(ory_kratos_client.Configuration(host=live_public_url))
    )


def attributes(flow, name: str):
    for node in flow.ui.nodes:
        found = node.attributes.actual_instance
        if getattr(found, "name", None) == name or getattr(found, "id", None) == name:
            return found
    raise AssertionError(f"no node {name!r}")


def native_session(frontend: FrontendApi) -> str:
    flow = frontend.create_native_login_flow()
    body = UpdateLoginFlowWithPasswordMethod(
        method="password", identifier=EMAIL, password=flows.PASSWORD
    )
    return frontend.update_login_flow(flow.id, UpdateLoginFlowBody(body)).session_token


def aal2(frontend: FrontendApi, token: str, method) -> object:
    flow = frontend.create_native_login_flow(aal="aal2", x_session_token=token)
    return frontend.update_login_flow(flow.id, UpdateLoginFlowBody(method), x_session_token=token)


def settings(frontend: FrontendApi, token: str, method) -> object:
    flow = frontend.create_native_settings_flow(x_session_token=token)
    return frontend.update_settings_flow(
        flow.id, UpdateSettingsFlowBody(method), x_session_token=token
    )


def available_aal() -> str:
    return Identity.objects.get(traits__email=EMAIL).available_aal


def test_totp(frontend):
    start = clock.now().replace(microsecond=0)
    with clock.frozen(start):
        token = native_session(frontend)
        flow = frontend.create_native_settings_flow(x_session_token=token)
        assert attributes(flow, "totp_qr").src.startswith("data:image/png;base64,")
        key = flows.key_from_secret(attributes(flow, "totp_secret_key").text.context["secret"])
        setup = UpdateSettingsFlowWithTotpMethod(method="totp", totp_code=totp.code_at(key, start))
        done = frontend.update_settings_flow(
            flow.id, UpdateSettingsFlowBody(setup), x_session_token=token
        )
        assert done.state == "success" and available_aal() == "aal2"
    later = start + dt.timedelta(seconds=30)
    with clock.frozen(later):
        code = totp.code_at(key, later)
        other = native_session(frontend)
        used = aal2(frontend, other, UpdateLoginFlowWithTotpMethod(method="totp", totp_code=code))
        assert used.session.authenticator_assurance_level == "aal2"
        third = native_session(frontend)
        with pytest.raises(ApiException) as reused:
            aal2(frontend, third, UpdateLoginFlowWithTotpMethod(method="totp", totp_code=code))
        assert reused.value.status == 400 and "4000008" in reused.value.body
        unlink = UpdateSettingsFlowWithTotpMethod(method="totp", totp_unlink=True)
        assert settings(frontend, other, unlink).state == "success"
        assert available_aal() == "aal1"


def test_lookup_secrets(frontend):
    token = native_session(frontend)
    regenerate = UpdateSettingsFlowWithLookupMethod(
        method="lookup_secret", lookup_secret_regenerate=True
    )
    shown = settings(frontend, token, regenerate)
    codes = [
        m["context"]["secret"]
        for m in attributes(shown, "lookup_secret_codes").text.context["secrets"]
    ]
    confirm = UpdateSettingsFlowWithLookupMethod(method="lookup_secret", lookup_secret_confirm=True)
    done = frontend.update_settings_flow(
        shown.id, UpdateSettingsFlowBody(confirm), x_session_token=token
    )
    assert done.state == "success" and available_aal() == "aal2"
    other = native_session(frontend)
    method = UpdateLoginFlowWithLookupSecretMethod(method="lookup_secret", lookup_secret=codes[0])
    assert aal2(frontend, other, method).session.authenticator_assurance_level == "aal2"
    with pytest.raises(ApiException) as reused:
        aal2(frontend, native_session(frontend), method)
    assert reused.value.status == 400 and "4000012" in reused.value.body
    disable = UpdateSettingsFlowWithLookupMethod(method="lookup_secret", lookup_secret_disable=True)
    assert settings(frontend, other, disable).state == "success"
    assert available_aal() == "aal1"


class Browser:
    """An app's server side holding one browser's cookies while it calls the SDK."""

    def __init__(self, frontend: FrontendApi) -> None:
        self.frontend, self.jar = frontend, {}

    def call(self, name: str, *args, **kwargs):
        answer = getattr(self.frontend, f"{name}_with_http_info")(
            *args, cookie=cookie_header(self.jar), **kwargs
        )
        cookies_of(answer, self.jar)
        return answer.data

    def password_login(self) -> None:
        flow = self.call("create_browser_login_flow")
        body = UpdateLoginFlowWithPasswordMethod(
            method="password", identifier=EMAIL, password=flows.PASSWORD, csrf_token=csrf(flow)
        )
        self.call("update_login_flow", flow.id, UpdateLoginFlowBody(body))

    def webauthn_aal2(self, device: SoftAuthenticator, assertion: str | None = None):
        flow = self.call("create_browser_login_flow", aal="aal2")
        options = options_from_onclick(attributes(flow, "webauthn_login_trigger").onclick)
        body = UpdateLoginFlowWithWebAuthnMethod(
            method="webauthn",
            identifier=EMAIL,
            webauthn_login=assertion or json.dumps(device.get(options)),
            csrf_token=csrf(flow),
        )
        return self.call("update_login_flow", flow.id, UpdateLoginFlowBody(body))


def test_webauthn_security_key(frontend):
    device = SoftAuthenticator(flows.ORIGIN)
    owner = Browser(frontend)
    owner.password_login()
    flow = owner.call("create_browser_settings_flow")
    options = options_from_onclick(attributes(flow, "webauthn_register_trigger").onclick)
    register = UpdateSettingsFlowWithWebAuthnMethod(
        method="webauthn",
        webauthn_register=json.dumps(device.create(options, "packed")),
        webauthn_register_displayname="Key",
        csrf_token=csrf(flow),
    )
    assert owner.call("update_settings_flow", flow.id, UpdateSettingsFlowBody(register)).state == (
        "success"
    )
    assert available_aal() == "aal2"

    other = Browser(frontend)
    other.password_login()
    done = other.webauthn_aal2(device)
    assert done.session.authenticator_assurance_level == "aal2"
    login = other.call("create_browser_login_flow", aal="aal2", refresh=True)
    replayed = json.dumps(
        device.get(options_from_onclick(attributes(login, "webauthn_login_trigger").onclick))
    )
    third = Browser(frontend)
    third.password_login()
    third.webauthn_aal2(device)  # uses a newer counter
    with pytest.raises(ApiException) as reused:
        other_browser = Browser(frontend)
        other_browser.password_login()
        other_browser.webauthn_aal2(device, replayed)
    assert reused.value.status == 400 and "4000008" in reused.value.body

    flow = owner.call("create_browser_settings_flow")
    remove = UpdateSettingsFlowWithWebAuthnMethod(
        method="webauthn",
        webauthn_remove=attributes(flow, "webauthn_remove").value,
        csrf_token=csrf(flow),
    )
    assert owner.call("update_settings_flow", flow.id, UpdateSettingsFlowBody(remove)).state == (
        "success"
    )
    assert available_aal() == "aal1"


def test_passkey(frontend):
    device = SoftAuthenticator(flows.ORIGIN)
    owner = Browser(frontend)
    owner.password_login()
    flow = owner.call("create_browser_settings_flow")
    create = json.loads(attributes(flow, "passkey_create_data").value)
    register = UpdateSettingsFlowWithPasskeyMethod(
        method="passkey",
        passkey_settings_register=json.dumps(device.create(create)),
        csrf_token=csrf(flow),
    )
    assert owner.call("update_settings_flow", flow.id, UpdateSettingsFlowBody(register)).state == (
        "success"
    )

    stranger = Browser(frontend)
    flow = stranger.call("create_browser_login_flow")
    challenge = json.loads(attributes(flow, "passkey_challenge").value)
    assertion = json.dumps(device.get(challenge))
    body = UpdateLoginFlowWithPasskeyMethod(
        method="passkey", passkey_login=assertion, csrf_token=csrf(flow)
    )
    done = stranger.call("update_login_flow", flow.id, UpdateLoginFlowBody(body))
    assert done.session.identity.traits["email"] == EMAIL

    replay = Browser(frontend)
    flow = replay.call("create_browser_login_flow")
    body = UpdateLoginFlowWithPasskeyMethod(
        method="passkey", passkey_login=assertion, csrf_token=csrf(flow)
    )
    with pytest.raises(ApiException) as reused:
        replay.call("update_login_flow", flow.id, UpdateLoginFlowBody(body))
    assert reused.value.status == 400

    flow = owner.call("create_browser_settings_flow")
    remove = UpdateSettingsFlowWithPasskeyMethod(
        method="passkey",
        passkey_remove=attributes(flow, "passkey_remove").value,
        csrf_token=csrf(flow),
    )
    assert owner.call("update_settings_flow", flow.id, UpdateSettingsFlowBody(remove)).state == (
        "success"
    )
