"""The api.json validation helper accepts Kratos's bodies and rejects wrong ones."""

from __future__ import annotations

import jsonschema
import pytest

from tests.contracts.openapi import components, validate, validate_list

SESSION = {
    "id": "6f1f1a2c-2f0e-4d2a-9a57-0f6a1c1f7a10",
    "active": True,
    "expires_at": "2030-01-02T12:00:00Z",
    "authenticated_at": "2030-01-01T12:00:00.5Z",
    "issued_at": "2030-01-01T12:00:00Z",
    "authenticator_assurance_level": "aal1",
    "authentication_methods": [
        {"method": "password", "aal": "aal1", "completed_at": "2030-01-01T12:00:00Z"}
    ],
}


def test_a_kratos_session_body_validates():
    validate(SESSION, "session")
    validate_list([SESSION, SESSION], "session")


@pytest.mark.parametrize(
    "change",
    [
        {"id": "not-a-uuid"},
        {"active": "yes"},
        {"expires_at": "tomorrow"},
        {"expires_at": "2030-01-02T12:00:00"},  # no time zone
        {"authenticator_assurance_level": "aal9"},
        {"authentication_methods": [{"method": "carrier-pigeon"}]},
        {"identity": None},
    ],
)
def test_wrong_bodies_are_rejected(change):
    with pytest.raises(jsonschema.ValidationError):
        validate({**SESSION, **change}, "session")


def test_error_details_accept_what_kratos_sends_and_nullable_is_understood():
    body = {
        "error": {"code": 403, "message": "m", "details": {"redirect_browser_to": "https://x/"}},
        "redirect_browser_to": "https://x/",
    }
    validate(body, "errorAuthenticatorAssuranceLevelNotSatisfied")
    validate(body, "errorGeneric")
    with pytest.raises(jsonschema.ValidationError):
        validate({"error": {"code": 403}}, "errorGeneric")  # message is required
    assert components()["schemas"]["NullUUID"]["type"] == ["string", "null"]


def test_unknown_schema_names_fail_loudly():
    with pytest.raises(KeyError):
        validate({}, "noSuchSchema")
