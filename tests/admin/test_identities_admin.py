"""The Django admin shows identities without secrets and changes them through the services."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kratos_auth import signals
from kratos_auth.identity import queries, service
from kratos_auth.identity.models import Credential, Identity

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
BASE = "/django-admin/kratos_auth/identity/"


@pytest.fixture
def staff(admin_api_client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-for-tests")
    admin_api_client.force_login(user)
    return admin_api_client


@pytest.fixture
def jane():
    return service.create_identity(
        traits={"email": "Jane@Example.com"},
        credentials={
            "password": {"config": {"password": PASSWORD}},
            "totp": {"config": {"totp_url": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}},
        },
    )


def test_change_page_shows_traits_addresses_and_credentials_but_no_secrets(staff, jane):
    response = staff.get(f"{BASE}{jane.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    hashed = queries.credential_config(queries.credentials_of(jane)["password"])["hashed_password"]
    stored = Credential.objects.filter(identity=jane, type="password").values_list(
        "config", flat=True
    )[0]
    for secret in (hashed, PASSWORD, "JBSWY3DPEHPK3PXP", str(stored)):
        assert secret not in html
    assert "Jane@Example.com" in html  # traits
    assert "jane@example.com" in html  # identifiers and addresses
    assert "<b>password</b>: jane@example.com" in html
    assert "<b>totp</b>: —" in html
    assert "Verifiable addresses" in html and "Pending" in html  # inline with status


def test_changelist_search_by_identifier_and_trait(staff, jane):
    service.create_identity(traits={"email": "john@example.com"})
    for term in ("JANE@example.com", "Jane@Ex"):
        response = staff.get(BASE, {"q": term})
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == [Identity.objects.get(pk=jane.pk)]


def test_state_actions_call_the_service(staff, jane):
    changed = []

    def receiver(sender, identity, changed_fields=None, **kwargs):
        changed.append(kwargs.get("changed"))

    signals.identity_updated.connect(receiver)
    try:
        response = staff.post(BASE, {"action": "deactivate", "_selected_action": [str(jane.pk)]})
    finally:
        signals.identity_updated.disconnect(receiver)
    assert response.status_code == 302
    identity = Identity.objects.get(pk=jane.pk)
    assert identity.state == "inactive" and identity.state_changed_at > jane.state_changed_at
    assert changed == [frozenset({"state"})]
    staff.post(BASE, {"action": "activate", "_selected_action": [str(jane.pk)]})
    assert Identity.objects.get(pk=jane.pk).state == "active"


def test_posting_the_change_form_changes_nothing(staff, jane):
    before = Identity.objects.get(pk=jane.pk)
    response = staff.post(f"{BASE}{jane.pk}/change/", {"traits": '{"email": "x@y.z"}'})
    assert response.status_code in (200, 302)
    after = Identity.objects.get(pk=jane.pk)
    assert after.traits == before.traits and after.updated_at == before.updated_at


def test_delete_goes_through_the_service(staff, jane):
    deleted = []

    def receiver(sender, identity_id, **kwargs):
        deleted.append(identity_id)

    signals.identity_deleted.connect(receiver)
    try:
        response = staff.post(f"{BASE}{jane.pk}/delete/", {"post": "yes"})
    finally:
        signals.identity_deleted.disconnect(receiver)
    assert response.status_code == 302
    assert deleted == [jane.pk]
    assert not Identity.objects.exists() and not Credential.objects.exists()


def test_add_is_not_offered(staff):
    assert staff.get(f"{BASE}add/").status_code == 403


def test_change_page_lists_the_identity_sessions_without_tokens(staff, jane):
    from kratos_auth.session import service as sessions

    session, token = sessions.issue(jane, methods=["password"], aal="aal1")
    html = staff.get(f"{BASE}{jane.pk}/change/").content.decode()
    assert str(session.pk) in html  # the sessions inline lists it, linked to its page
    assert token.reveal() not in html
