"""Sessions in the Django admin: per-identity list, no token material, revoke action."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from kratos_auth.audit.models import AuditEntry
from kratos_auth.session import service
from kratos_auth.session.models import Session, SessionDevice
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db

CHANGELIST = "/django-admin/kratos_auth/session/"


@pytest.fixture
def staff_client(admin_api_client):
    admin_user = User.objects.create_superuser("root", "root@example.com", "pw-for-tests")
    admin_api_client.force_login(admin_user)
    return admin_api_client


def test_changelist_filters_by_identity_and_hides_tokens(staff_client):
    identity = make_identity()
    mine = [make_session(identity) for _ in range(2)]
    other, _ = make_session()
    response = staff_client.get(CHANGELIST, {"identity__id__exact": str(identity.id)})
    assert response.status_code == 200
    page = response.content.decode()
    for session, token in mine:
        assert str(session.id) in page
        assert token not in page
        assert Session.objects.get(pk=session.pk).token_hash not in page
    assert str(other.id) not in page
    detail = staff_client.get(f"{CHANGELIST}{mine[0][0].pk}/change/").content.decode()
    assert Session.objects.get(pk=mine[0][0].pk).token_hash not in detail
    assert mine[0][1] not in detail
    assert "token_hash" not in detail


def test_revoke_action_goes_through_the_service(staff_client):
    (a, token_a), (b, token_b), (c, token_c) = [make_session() for _ in range(3)]
    response = staff_client.post(
        CHANGELIST,
        {"action": "revoke_selected", "_selected_action": [str(a.pk), str(b.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Revoked 2 sessions." in response.content.decode()
    assert service.authenticate(token_a) is None and service.authenticate(token_b) is None
    assert service.authenticate(token_c).pk == c.pk
    entries = AuditEntry.objects.filter(source="django_admin")
    assert sorted((e.action, e.target_type, e.target_id, e.actor) for e in entries) == sorted(
        ("disable_session", "session", str(s.pk), "django-admin:root") for s in (a, b)
    )


def test_bulk_delete_is_not_offered(staff_client):
    session, _ = make_session()
    page = staff_client.get(CHANGELIST)
    assert page.status_code == 200
    assert "delete_selected" not in page.content.decode()
    assert "revoke_selected" in page.content.decode()
    response = staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [str(session.pk)]}
    )
    assert response.status_code in (200, 302)  # "no action selected", nothing deleted
    assert Session.objects.filter(pk=session.pk).exists()
    assert not AuditEntry.objects.filter(source="django_admin").exists()


def test_deleting_one_session_goes_through_the_service_and_is_audited(staff_client):
    session, token = make_session()
    response = staff_client.post(f"{CHANGELIST}{session.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()
    assert not SessionDevice.objects.filter(session_id=session.pk).exists()
    entry = AuditEntry.objects.get(source="django_admin")
    assert (entry.action, entry.target_type, entry.target_id) == (
        "delete",
        "session",
        str(session.pk),
    )


def test_sessions_cannot_be_added_in_the_admin(staff_client):
    assert staff_client.get(f"{CHANGELIST}add/").status_code == 403
