"""Shared set-up of the account-flow tests (settings, recovery, verification, code, link):
configuration, signed-in identities, and reading the mail the courier delivered."""

from __future__ import annotations

from typing import Any

import pytest

from kratos_auth.session import service as session_service
from tests.selfservice.plugin import APP

UI = {
    "settings": f"{APP}/settings",
    "recovery": f"{APP}/recovery",
    "verification": f"{APP}/verification",
}


def account_settings(**overrides: Any) -> dict:
    """The ``selfservice`` tree for the account flows (code method, no send-time floor)."""
    from tests.selfservice.plugin import deep_merge

    base = {
        "flows": {
            "settings": {"ui_url": UI["settings"], "privileged_session_max_age": "15m"},
            "recovery": {"enabled": True, "ui_url": UI["recovery"], "use": "code"},
            "verification": {"enabled": True, "ui_url": UI["verification"], "use": "code"},
        },
        "methods": {"link": {"enabled": True}},
    }
    return deep_merge(base, overrides)


@pytest.fixture
def account(configure, mail_server, use_mail_server):
    """Account flows on, mail to the real SMTP server; ``account(**selfservice)`` to change."""

    def apply(security: dict | None = None, **selfservice: Any) -> None:
        configure(
            selfservice=account_settings(**selfservice),
            security={"min_send_duration": "0ms", **(security or {})},
        )
        use_mail_server(mail_server)

    apply()
    return apply


def signed_in(identity: Any, method: str = "password", aal: str = "aal1") -> tuple[Any, str]:
    """A fresh session for ``identity`` and its token."""
    session, token = session_service.issue(identity, [{"method": method, "aal": aal}])
    return session, str(token.reveal())
