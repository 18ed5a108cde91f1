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


def test_send_recovery_link_mails_it_without_showing_it(staff, person, configure):
    from kratos_auth.courier.models import CourierMessage
    from tests.selfservice.recovery.account import account_settings

    configure(selfservice=account_settings(), security={"min_send_duration": "0ms"})
    response = _action(staff, "send_recovery_link", person)
    assert b"Recovery link mailed to 1 identities" in response.content
    message = CourierMessage.objects.get()
    assert message.recipient == "admin-target@example.com"
    assert message.template_type == "recovery_valid"
    assert message.identity_id == person.pk  # found by GDPR export and erasure
    assert "token=" in message.body
    assert b"token=" not in response.content  # never shown to the staff member
    entry = AuditEntry.objects.get(action="send_recovery_link")
    assert entry.target_id == str(person.pk) and entry.actor == "django-admin:root"


def test_send_recovery_link_reports_refusals(staff, person, configure):
    configure(selfservice={"flows": {"recovery": {"enabled": False}}})
    response = _action(staff, "send_recovery_link", person)
    assert b"Recovery link mailed to 0 identities" in response.content
    assert not AuditEntry.objects.filter(action="send_recovery_link").exists()


def test_courier_admin_shows_status_never_content_and_retries(staff):
    from kratos_auth.courier.models import CourierMessage

    abandoned = CourierMessage.objects.create(
        type="email",
        recipient="r@example.com",
        status="abandoned",
        send_count=6,
        subject="Your code 424242",
        body="Use 424242",
        template_type="recovery_code_valid",
    )
    sent = CourierMessage.objects.create(
        type="email", recipient="s@example.com", status="sent", template_type="stub"
    )
    listing = staff.get("/django-admin/kratos_auth/couriermessage/?status__exact=abandoned")
    assert listing.status_code == 200 and b"r@example.com" in listing.content
    detail = staff.get(f"/django-admin/kratos_auth/couriermessage/{abandoned.pk}/change/")
    assert detail.status_code == 200 and b"424242" not in detail.content
    staff.post(
        "/django-admin/kratos_auth/couriermessage/",
        {"action": "retry", "_selected_action": [str(abandoned.pk), str(sent.pk)]},
    )
    abandoned.refresh_from_db()
    sent.refresh_from_db()
    assert (abandoned.status, sent.status) == ("queued", "sent")
    entry = AuditEntry.objects.get(action="retry_courier_message")
    assert (entry.target_type, entry.target_id) == ("courier_message", str(abandoned.pk))
