"""``require_verified_address``: refuse a login until the address used is verified.

Kratos checks the address matching the identifier the user signed in with; when the
identifier is not an address (a username), any verified address will do. Refused logins
show 4000010 ("Account not active yet. Did you forget to verify your email address?") and
the session prepared for them is rolled back.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import VerifiableAddress
from kratos_auth.schema import normalize_email
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.text import MessageId

JSON = Any


class RequireVerifiedAddressHook:
    name = "require_verified_address"

    def __init__(self, hook_config: JSON) -> None:
        self.config = hook_config

    def login_after(self, state: HookState) -> None:
        identity = state.identity
        addresses = VerifiableAddress.objects.filter(identity=identity)
        identifier = normalize_email(state.identifier or "")
        matching = [a for a in addresses if normalize_email(a.value) == identifier]
        candidates = matching or list(addresses)
        if not any(a.verified for a in candidates):
            raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_ADDRESS_NOT_VERIFIED)
