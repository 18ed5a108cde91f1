"""The audit log in the Django admin, and Django admin actions reaching the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kratos_auth.audit import service as audit
from kratos_auth.audit.models import AuditEntry
from kratos_auth.identity import service
from kratos_auth.identity.models import Identity
from kratos_auth.session.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-for-tests-1")
    client = Client(**{"kratos.surface": "admin"})
    client.force_login(user)
    return client


@pytest.fixture
def person():
    identity = service.create_identity(traits={"email": "admin-target@example.com"})
    Session.objects.create(
        identity=identity, token_hash="s" * 64, expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    )
    return identity


def test_audit_log_is_listed_and_read_only(staff):
    entry = audit.record(
        audit.AuditEvent(
            source="admin_api", actor="api-key:ops", action="getIdentity", target_id="x"
        )
    )
    listing = staff.get("/django-admin/kratos_auth/auditentry/")
    assert listing.status_code == 200 and b"api-key:ops" in listing.content
    detail = staff.get(f"/django-admin/kratos_auth/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200 and b'name="actor"' not in detail.content  # not editable
    assert staff.get("/django-admin/kratos_auth/auditentry/add/").status_code == 403
    assert staff.post(f"/django-admin/kratos_auth/auditentry/{entry.pk}/delete/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def _action(staff, action, identity):
    return staff.post(
        "/django-admin/kratos_auth/identity/",
        {"action": action, "_selected_action": [str(identity.pk)]},
        follow=True,
    )


def test_revoke_sessions_action_uses_the_session_service_and_is_audited(staff, person):
    response = _action(staff, "revoke_sessions", person)
    assert response.status_code == 200 and b"1 sessions revoked" in response.content
    assert not Session.objects.filter(identity=person).exists()
    entry = AuditEntry.objects.get(action="delete_identity_sessions")
    assert (entry.source, entry.actor, entry.target_id) == (
        "django_admin",
        "django-admin:root",
        str(person.pk),
    )


def test_state_toggle_is_audited(staff, person):
    _action(staff, "deactivate", person)
    person.refresh_from_db()
    assert person.state == "inactive"
    assert AuditEntry.objects.filter(
        action="set_identity_state:inactive", target_id=str(person.pk)
    ).exists()


def test_delete_in_the_admin_erases_like_the_api(staff, person):
    audit.record(
        audit.AuditEvent(
            source="cli",
            actor="cli:x",
            action="export_identity",
            target_type="identity",
            target_id=str(person.pk),
        )
    )
    response = staff.post(
        f"/django-admin/kratos_auth/identity/{person.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Identity.objects.exists() and not Session.objects.exists()
    actions = list(
        AuditEntry.objects.filter(target_id=str(person.pk)).values_list("action", flat=True)
    )
    assert actions == ["delete_identity"]  # the earlier entries about the person are gone
