"""The "database dump" check: after every factor was set up and used, no table holds a TOTP
secret, a lookup code, WebAuthn key material or a session token in clear."""

from __future__ import annotations

import base64
import json

import pytest
from django.db import connection

from tests.mfa import flows
from tests.mfa.authenticator import SoftAuthenticator, options_from_onclick
from tests.selfservice.plugin import checked


def dump() -> str:
    """Every row of every kratos table, as the database returns it (raw SQL)."""
    parts = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if not table.startswith("kratos_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                parts.append(f"{table}: " + " | ".join(_text(v) for v in row))
    return "\n".join(parts)


def _text(value) -> str:
    if isinstance(value, bytes | memoryview):
        raw = bytes(value)
        return raw.hex() + " " + raw.decode("latin-1")
    return str(value)


def forms(data: bytes) -> list[str]:
    """How binary material could appear in a column: hex, base64, base64url."""
    b64 = base64.b64encode(data).decode()
    return [data.hex(), b64.rstrip("="), base64.urlsafe_b64encode(data).decode().rstrip("=")]


@pytest.fixture
def mfa(configure):
    configure(
        selfservice={
            "methods": flows.mfa_methods(),
            "flows": {"registration": {"after": {"passkey": {"hooks": [{"hook": "session"}]}}}},
        }
    )


def test_no_secret_in_clear_after_every_factor(api, identity, mfa):
    secrets: list[str] = []
    # TOTP: set up (the key is shown, sealed), then used for an aal2 login.
    token = flows.password_login(api)["session_token"]
    secrets.append(token)
    flow = flows.settings_flow(api, token)
    secret = flows.totp_secret(flow)
    qr = flows.node_attributes(flow, "totp_qr")["src"]
    secrets += [secret, qr.split(",", 1)[1][:80]]
    key = flows.key_from_secret(secret)
    secrets += forms(key.raw)
    body = {"method": "totp", "totp_code": flows.current_code(key)}
    assert checked(flows.submit_settings(api, flow, body, token), "settingsFlow")
    # Lookup secrets: regenerate (shown, sealed), confirm, reveal, use one.
    flow = flows.settings_flow(api, token)
    shown = checked(
        flows.submit_settings(api, flow, {"lookup_secret_regenerate": True}, token), "settingsFlow"
    )
    codes = flows.lookup_codes(shown)
    secrets += codes
    checked(
        flows.submit_settings(api, shown, {"lookup_secret_confirm": True}, token), "settingsFlow"
    )
    flow = flows.settings_flow(api, token)
    checked(flows.submit_settings(api, flow, {"lookup_secret_reveal": True}, token), "settingsFlow")
    other = flows.password_login(api)["session_token"]
    secrets.append(other)
    body = {"method": "lookup_secret", "lookup_secret": codes[5]}
    done = flows.submit(api, flows.aal2_flow(api, other), body, HTTP_X_SESSION_TOKEN=other)
    assert done.status_code == 200
    # WebAuthn: a key added in settings and used for aal2, in a browser.
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    spa.password_login()
    # (the SPA's session is aal1 and the identity has aal2 factors: upgrade it first)
    login = spa.new_login("?aal=aal2")
    upgrade = {"method": "lookup_secret", "lookup_secret": codes[6]}
    checked(spa.post(login, "login", upgrade), "successfulNativeLogin")
    settings = flows.spa_settings(spa)
    options = options_from_onclick(
        flows.node_attributes(settings, "webauthn_register_trigger")["onclick"]
    )
    body = {"webauthn_register": json.dumps(device.create(options, "packed"))}
    checked(spa.post(settings, "settings", body), "settingsFlow")
    # Passkey: sign up a second identity, then sign in with it.
    passkey = SoftAuthenticator(flows.ORIGIN)
    from tests.selfservice.strategies.passkey.test_passkey import sign_up

    signer = flows.Spa()
    checked(sign_up(signer, passkey), "successfulNativeRegistration")
    browser = flows.Spa()
    login = browser.new_login()
    challenge = json.loads(flows.node_attributes(login, "passkey_challenge")["value"])
    checked(
        browser.post(login, "login", {"passkey_login": json.dumps(passkey.get(challenge))}),
        "successfulNativeLogin",
    )
    for client in (spa, signer, browser):
        cookie = client.api.client.cookies.get("ory_kratos_session")
        assert cookie is not None
        secrets.append(cookie.value)
    for authenticator in (device, passkey):
        for stored in authenticator.keys.values():
            secrets.append(stored.private_bytes_hex())
            secrets += forms(stored.cose_public_key())

    text = dump()
    assert "kratos_identity_credentials" in text and "kratos_sessions" in text
    leaked = [s for s in secrets if s and s in text]
    assert leaked == []


def test_the_dump_check_would_see_an_unsealed_secret(api, identity, mfa, monkeypatch):
    """Guard for the check above: without sealing, the TOTP secret lands in a flow row."""
    from kratos_auth.selfservice.flow import sealed

    monkeypatch.setattr(sealed, "_placeholder", lambda node: node)
    token = flows.password_login(api)["session_token"]
    secret = flows.totp_secret(flows.settings_flow(api, token))
    assert secret in dump()
