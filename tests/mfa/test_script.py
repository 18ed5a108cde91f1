"""``GET /.well-known/ory/webauthn.js``: served as JavaScript, matching the nodes' integrity."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess

import pytest

from kratos_auth.mfa import script


def test_script_is_served_with_the_integrity_the_nodes_announce(public_client):
    response = public_client.get("/.well-known/ory/webauthn.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=UTF-8"
    digest = base64.b64encode(hashlib.sha512(response.content).digest()).decode()
    assert script.integrity() == f"sha512-{digest}"
    for trigger in (
        "oryWebAuthnLogin",
        "oryWebAuthnRegistration",
        "oryPasskeyLogin",
        "oryPasskeyLoginAutocompleteInit",
        "oryPasskeyRegistration",
        "oryPasskeySettingsRegistration",
    ):
        assert trigger.encode() in response.content


def test_script_is_not_on_the_admin_surface(admin_api_client, db):
    assert admin_api_client.get("/.well-known/ory/webauthn.js").status_code == 404


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_script_parses():
    subprocess.run(["node", "--check", str(script.SOURCE)], check=True)
