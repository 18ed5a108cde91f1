"""GDPR export and erasure find a person's courier messages and address-bound codes: by the
identity a message was queued for (after address changes too), else by recipient, compared
case-insensitively with the identity's current addresses."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from kratos_auth.courier.models import CourierMessage
from kratos_auth.selfservice.strategies.code.models import OneTimeCode
from tests.selfservice.plugin import checked

pytestmark = pytest.mark.django_db


class Admin:
    """JSON requests on the admin API."""

    def __init__(self, client):
        self.client = client

    def create(self, email: str) -> str:
        body = {"schema_id": "default", "traits": {"email": email}}
        response = self.client.post("/admin/identities", body, content_type="application/json")
        assert response.status_code == 201, response.content
        return response.json()["id"]

    def change_email(self, identity_id: str, email: str) -> None:
        response = self.client.put(
            f"/admin/identities/{identity_id}",
            {"schema_id": "default", "traits": {"email": email}},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content

    def delete(self, identity_id: str) -> None:
        assert self.client.delete(f"/admin/identities/{identity_id}").status_code == 204


@pytest.fixture
def admin(admin_api_client, account) -> Admin:
    return Admin(admin_api_client)


def request_recovery_code(api, email: str) -> None:
    flow = checked(api.get("/self-service/recovery/api"), "recoveryFlow")
    body = {"method": "code", "email": email}
    checked(api.post(f"/self-service/recovery?flow={flow['id']}", body), "recoveryFlow")


def request_verification_code(api, email: str) -> None:
    flow = checked(api.get("/self-service/verification/api"), "verificationFlow")
    body = {"method": "code", "email": email}
    checked(api.post(f"/self-service/verification?flow={flow['id']}", body), "verificationFlow")


def export(identity_id: str) -> dict:
    out = io.StringIO()
    call_command("kratos", "identities", "export", identity_id, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def old_row(recipient: str) -> CourierMessage:
    """A message queued before messages named their identity (or without one)."""
    return CourierMessage.objects.create(
        type="email", recipient=recipient, template_type="stub", body="secret 424242"
    )


def test_recovery_and_verification_messages_name_their_identity(api, admin):
    identity_id = admin.create("carol@example.com")
    request_recovery_code(api, "Carol@Example.com")
    request_verification_code(api, "carol@example.com")
    messages = CourierMessage.objects.order_by("created_at", "id")
    assert [(m.template_type, str(m.identity_id)) for m in messages] == [
        ("recovery_code_valid", identity_id),
        ("verification_code_valid", identity_id),
    ]


def test_messages_to_unknown_addresses_name_no_identity(api, admin, account):
    account(flows={"recovery": {"notify_unknown_recipients": True}})
    request_recovery_code(api, "nobody@example.com")
    message = CourierMessage.objects.get()
    assert message.template_type == "recovery_code_invalid" and message.identity_id is None


def test_message_to_an_old_address_is_exported_and_erased(api, admin):
    identity_id = admin.create("old@example.com")
    request_recovery_code(api, "old@example.com")
    admin.change_email(identity_id, "new@example.com")
    stranger = admin.create("stranger@example.com")
    request_recovery_code(api, "stranger@example.com")

    data = export(identity_id)
    assert [(m["recipient"], m["template_type"]) for m in data["courier_messages"]] == [
        ("old@example.com", "recovery_code_valid")
    ]
    assert "body" not in data["courier_messages"][0] and "subject" not in json.dumps(data)

    admin.delete(identity_id)
    kept = CourierMessage.objects.get()  # the other identity's message is untouched
    assert kept.recipient == "stranger@example.com" and str(kept.identity_id) == stranger


def test_recipients_match_current_addresses_case_insensitively(admin):
    identity_id = admin.create("new@example.com")
    upper = old_row("NEW@example.com")
    padded = old_row(" New@Example.COM ")
    other = old_row("other@example.com")

    exported = {m["id"] for m in export(identity_id)["courier_messages"]}
    assert exported == {str(upper.id), str(padded.id)}
    assert "424242" not in json.dumps(export(identity_id))

    admin.delete(identity_id)
    assert list(CourierMessage.objects.values_list("id", flat=True)) == [other.id]


def test_a_message_about_another_identity_is_not_the_holders(api, admin):
    first = admin.create("shared@example.com")
    request_recovery_code(api, "shared@example.com")
    admin.change_email(first, "first@example.com")
    second = admin.create("shared@example.com")  # the address changed hands

    assert export(second)["courier_messages"] == []
    admin.delete(second)
    kept = CourierMessage.objects.get()
    assert kept.recipient == "shared@example.com" and str(kept.identity_id) == first
    assert [m["id"] for m in export(first)["courier_messages"]] == [str(kept.id)]


def test_erasure_removes_codes_held_for_its_address_before_it_existed(api, admin):
    request_recovery_code(api, "Later@example.com")  # unknown yet: a code that never works
    request_recovery_code(api, "someone@example.com")
    assert set(OneTimeCode.objects.values_list("address", flat=True)) == {
        "later@example.com",
        "someone@example.com",
    }
    identity_id = admin.create("later@example.com")
    admin.delete(identity_id)
    assert list(OneTimeCode.objects.values_list("address", flat=True)) == ["someone@example.com"]


def test_erasure_keeps_codes_of_other_identities_at_its_address(api, admin):
    first = admin.create("moved@example.com")
    request_recovery_code(api, "moved@example.com")
    admin.change_email(first, "elsewhere@example.com")
    second = admin.create("moved@example.com")
    admin.delete(second)
    code = OneTimeCode.objects.get()
    assert str(code.identity_id) == first and code.address == "moved@example.com"
