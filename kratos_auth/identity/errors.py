"""Errors of the identity services, with Kratos's status codes and wording."""

from __future__ import annotations

from typing import Any

from kratos_auth.errors import BadRequest, Conflict, NotFound
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import identity as texts

JSON = Any


class IdentityConflict(Conflict):
    """Another identity already holds one of these identifiers, addresses or external id.

    The admin API answers 409 with Kratos's reason; self-service flows show
    :attr:`ui_message` (4000007, "An account with the same identifier … exists already.").
    """

    reason = texts.IDENTITY_CONFLICT

    @property
    def ui_message(self) -> JSON:
        return ui_text(MessageId.ERROR_VALIDATION_DUPLICATE_CREDENTIALS)


class IdentityNotFound(NotFound):
    """No identity with that id (or external id)."""

    reason = texts.IDENTITY_NOT_FOUND
    message = texts.IDENTITY_NOT_FOUND_MESSAGE


class InvalidIdentity(BadRequest):
    """The identity payload is malformed (bad state, address or metadata shape)."""


class CredentialsNotFound(NotFound):
    """The identity has no credential of the requested type."""

    def __init__(self, credentials_type: str) -> None:
        super().__init__(texts.CREDENTIALS_MISSING.format(type=credentials_type))
