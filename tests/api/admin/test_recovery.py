"""Admin recovery codes and links (createRecoveryCodeForIdentity / …LinkForIdentity)."""

from __future__ import annotations

import pytest

from kratos_auth.audit.models import AuditEntry
from tests.selfservice.recovery.account import account_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def recovery(configure):
    configure(selfservice=account_settings(), security={"min_send_duration": "0ms"})


def test_code_for_identity(api, openapi, recovery):
    identity = api.create("lost@example.com")
    response = api.post("/admin/recovery/code", {"identity_id": identity["id"], "expires_in": "1h"})
    assert response.status_code == 201
    body = response.json()
    openapi.check(body, "recoveryCodeForIdentity")
    assert body["recovery_code"].isdigit() and "flow=" in body["recovery_link"]
    assert response["Cache-Control"] == "private, no-store"
    entry = AuditEntry.objects.get(action="create_recovery_code_for_identity")
    assert entry.target_id == identity["id"]
    assert body["recovery_code"] not in str(entry.details)


def test_link_for_identity(api, openapi, recovery):
    identity = api.create("lost@example.com")
    response = api.post("/admin/recovery/link", {"identity_id": identity["id"]})
    assert response.status_code == 200
    body = response.json()
    openapi.check(body, "recoveryLinkForIdentity")
    assert body["recovery_link"].startswith("https://auth.example.test/self-service/recovery?")
    assert "token=" in body["recovery_link"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),
        ({"identity_id": "not-a-uuid"}, 400),
        ({"identity_id": "00000000-0000-0000-0000-000000000000"}, 404),
        ({"identity_id": "{id}", "expires_in": "soon"}, 400),
        ({"identity_id": "{id}", "expires_in": 60}, 400),
        ({"identity_id": "{id}", "surprise": True}, 400),
        ({"identity_id": "{id}", "flow_type": "carrier-pigeon"}, 400),
    ],
)
def test_bad_requests(api, openapi, recovery, body, status):
    identity = api.create("lost@example.com")
    body = {k: (v.format(id=identity["id"]) if isinstance(v, str) else v) for k, v in body.items()}
    openapi.check_error(api.post("/admin/recovery/code", body), status)


def test_inactive_identity_cannot_be_recovered(api, openapi, recovery):
    identity = api.create("lost@example.com", state="inactive")
    openapi.check_error(api.post("/admin/recovery/link", {"identity_id": identity["id"]}), 400)
