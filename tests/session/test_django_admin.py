"""Sessions in the Django admin: per-identity list, no token material, revoke action."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from kratos_auth.session import service
from kratos_auth.session.models import Session
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


def test_sessions_cannot_be_added_in_the_admin(staff_client):
    assert staff_client.get(f"{CHANGELIST}add/").status_code == 403
