"""The contract of a login strategy (one class per method, ``id`` = credentials type)."""

from __future__ import annotations

from typing import Any, Protocol

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.login.models import LoginFlow

JSON = Any


class LoginStrategy(Protocol):
    """A method that can log identities in.

    ``populate_login`` adds the method's nodes to a new flow, depending on
    ``flow.requested_aal`` and ``flow.refresh`` (``session`` is the caller's session when
    refreshing or upgrading); it adds nothing when the method does not apply.

    ``login`` returns ``None`` when ``body["method"]`` is not the strategy's own (the next
    strategy is asked), an :class:`Authenticated` on success, or raises a
    :class:`~kratos_auth.selfservice.flow.errors.FlowValidation` (messages on the form) or a
    :class:`~kratos_auth.errors.KratosError`. It never builds an HTTP response.
    """

    id: str
    group: str

    def populate_login(self, flow: LoginFlow, ctx: FlowContext, session: Any) -> None: ...

    def login(self, flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None: ...
