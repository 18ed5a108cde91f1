"""Fixtures for the courier and for every test that reads delivered mail.

``mail_server`` is a real SMTP server on 127.0.0.1 requiring STARTTLS (certificate from a
test CA); ``use_mail_server(server, **query)`` points ``courier.smtp`` at it (by default
trusting any certificate); ``deliver()`` runs the courier worker until nothing is due.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.courier.mailserver import MailServer


def _merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@pytest.fixture
def mail_servers(tmp_path) -> Iterator[Callable[..., MailServer]]:
    """A factory: ``mail_servers(mode="implicit", credentials=("u", "p"))`` (started)."""
    started: list[MailServer] = []

    def make(**kwargs: Any) -> MailServer:
        directory = tmp_path / f"smtp{len(started)}"
        directory.mkdir()
        server = MailServer(directory, **kwargs).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def mail_server(mail_servers) -> MailServer:
    """An SMTP server requiring STARTTLS."""
    return mail_servers()


@pytest.fixture
def use_mail_server(settings) -> Callable[..., None]:
    """``use_mail_server(server, scheme="smtp", userinfo="", smtp={...}, **query)``."""

    def apply(
        server: MailServer,
        scheme: str = "smtp",
        userinfo: str = "",
        smtp: dict | None = None,
        **query: str,
    ) -> None:
        query.setdefault("skip_ssl_verify", "true")
        courier = {
            "smtp": {"connection_uri": server.uri(scheme, userinfo, **query), **(smtp or {})},
            "worker": {"retry_delay": "1s", "max_retry_delay": "4s"},
        }
        settings.KRATOS = _merge(settings.KRATOS, {"courier": courier})

    return apply


@pytest.fixture
def deliver() -> Callable[[], Any]:
    """Run the courier worker until no message is due; returns the last batch result."""

    def run() -> Any:
        from kratos_auth.courier.worker import BatchResult, dispatch_batch

        total = BatchResult()
        for _ in range(100):
            result = dispatch_batch()
            total = BatchResult(
                claimed=total.claimed + result.claimed,
                sent=total.sent + result.sent,
                failed=total.failed + result.failed,
                abandoned=total.abandoned + result.abandoned,
            )
            if not result.claimed:
                return total
        raise AssertionError("the courier queue did not drain")

    return run
