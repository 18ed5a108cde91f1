"""Helpers for the second-factor flow tests: configuration, first-factor sessions, TOTP."""

from __future__ import annotations

from typing import Any

from kratos_auth.core import clock
from kratos_auth.identity import service as identity_service
from kratos_auth.mfa import totp
from tests.selfservice.plugin import checked

PASSWORD = "Correct-Horse-9-Battery"
RP = {
    "id": "auth.example.test",
    "display_name": "Example",
    "origins": ["https://auth.example.test"],
}
ORIGIN = "https://auth.example.test"


def mfa_methods(**overrides: Any) -> dict:
    methods = {
        "totp": {"enabled": True, "config": {"issuer": "Example"}},
        "lookup_secret": {"enabled": True},
        "webauthn": {"enabled": True, "config": {"passwordless": False, "rp": RP}},
        "passkey": {"enabled": True, "config": {"rp": RP}},
    }
    methods.update(overrides)
    return methods


def password_login(api: Any, identifier: str = "alice@example.com") -> dict:
    """An aal1 API session: the successful login body (``session_token``, ``session``)."""
    flow = checked(api.get("/self-service/login/api"), "loginFlow")
    body = {"method": "password", "identifier": identifier, "password": PASSWORD}
    return checked(
        api.post(f"/self-service/login?flow={flow['id']}", body), "successfulNativeLogin"
    )


def aal2_flow(api: Any, token: str) -> dict:
    response = api.get("/self-service/login/api?aal=aal2", HTTP_X_SESSION_TOKEN=token)
    return checked(response, "loginFlow")


def submit(api: Any, flow: dict, body: dict, **extra: Any) -> Any:
    return api.post(f"/self-service/login?flow={flow['id']}", body, **extra)


def add_totp(identity: Any) -> totp.TotpKey:
    key = totp.new_key("alice@example.com", "Example")
    identity_service.set_credentials(identity, "totp", {"totp_url": key.url()})
    return key


def current_code(key: totp.TotpKey) -> str:
    return totp.code_at(key, clock.now())


def names(flow: dict) -> list[tuple[str, str]]:
    return [
        (n["group"], n["attributes"].get("name") or n["attributes"].get("id"))
        for n in flow["ui"]["nodes"]
    ]


class Spa:
    """A browser app speaking JSON (``Accept: application/json``), keeping cookies."""

    def __init__(self) -> None:
        from django.test import Client

        from tests.selfservice.plugin import Api

        self.api = Api(Client(**{"kratos.surface": "public"}))

    def new_login(self, query: str = "") -> dict:
        return checked(self.api.get(f"/self-service/login/browser{query}"), "loginFlow")

    def new_registration(self) -> dict:
        return checked(self.api.get("/self-service/registration/browser"), "registrationFlow")

    def post(self, flow: dict, kind: str, body: dict) -> Any:
        from tests.selfservice.plugin import csrf_value

        body = {"csrf_token": csrf_value(flow), **body}
        return self.api.post(f"/self-service/{kind}?flow={flow['id']}", body)

    def password_login(self, identifier: str = "alice@example.com") -> dict:
        flow = self.new_login()
        body = {"method": "password", "identifier": identifier, "password": PASSWORD}
        return checked(self.post(flow, "login", body), "successfulNativeLogin")

    def whoami(self) -> Any:
        return self.api.get("/sessions/whoami")


def node_attributes(flow: dict, name: str) -> dict:
    for found in flow["ui"]["nodes"]:
        if (found["attributes"].get("name") or found["attributes"].get("id")) == name:
            return found["attributes"]
    raise AssertionError(f"flow has no node {name!r}")


def enroll(identity: Any, device: Any, kind: str = "webauthn", passwordless: bool = False) -> dict:
    """Register a key of ``device`` for ``identity`` directly (what the settings flow stores)."""
    from kratos_auth.identity.models import Credential
    from kratos_auth.identity.sync import load_config
    from kratos_auth.mfa import authenticators, ceremonies
    from kratos_auth.mfa.relying_party import relying_party

    rp = relying_party(kind)
    handle = identity.id.bytes if kind == "webauthn" else b"handle-" + identity.id.hex.encode()
    challenge = ceremonies.begin_registration(rp, user_id=handle, user_name="alice")
    registered = ceremonies.finish_registration(
        rp, challenge.session, device.create(challenge.options)
    )
    item = authenticators.entry(
        registered, display_name="My key", passwordless=passwordless, now=clock.now()
    )
    row = Credential.objects.filter(identity=identity, type=kind).first()
    items = authenticators.entries(load_config(row.config)) if row else []
    config = {"credentials": [*items, item], "user_handle": ceremonies.std_b64(handle)}
    identity_service.set_credentials(identity, kind, config)
    return item


def settings_flow(api: Any, token: str) -> dict:
    response = api.get("/self-service/settings/api", HTTP_X_SESSION_TOKEN=token)
    return checked(response, "settingsFlow")


def submit_settings(api: Any, flow: dict, body: dict, token: str) -> Any:
    return api.post(f"/self-service/settings?flow={flow['id']}", body, HTTP_X_SESSION_TOKEN=token)


def totp_secret(flow: dict) -> str:
    return node_attributes(flow, "totp_secret_key")["text"]["context"]["secret"]


def key_from_secret(secret: str) -> totp.TotpKey:
    return totp.parse_url(f"otpauth://totp/x?secret={secret}")


def spa_settings(spa: Spa) -> dict:
    return checked(spa.api.get("/self-service/settings/browser"), "settingsFlow")


def lookup_codes(flow: dict) -> list[str]:
    text = node_attributes(flow, "lookup_secret_codes")["text"]
    return [m["context"].get("secret") for m in text["context"]["secrets"]]
