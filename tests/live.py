"""Live HTTP servers for both surfaces, for tests that use real clients (the Ory SDK).

``live_public_url`` and ``live_admin_url`` give the base URL of a threaded server running the
public or admin surface against the test database. Tests using them get ``transactional_db``
(the server thread sees only committed data on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest


class _SurfaceHandler:
    """``static_handler`` for LiveServerThread that tags every request with a surface."""

    def __init__(self, surface: str) -> None:
        self.surface = surface

    def __call__(self, app: Any) -> Callable[..., Iterable[bytes]]:
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        inner = StaticFilesHandler(app)

        def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            environ["kratos.surface"] = self.surface
            return inner(environ, start_response)

        return wsgi


def _start(surface: str) -> Any:
    from django.db import connections
    from django.test.testcases import LiveServerThread

    override = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = LiveServerThread(
        "127.0.0.1", _SurfaceHandler(surface), connections_override=override, port=0
    )
    thread.daemon = True
    for conn in override.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread, override


@pytest.fixture(scope="session")
def _live_servers(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    started = []
    urls: dict[str, str] = {}
    with django_db_blocker.unblock():
        for surface in ("public", "admin"):
            thread, override = _start(surface)
            started.append((thread, override))
            urls[surface] = f"http://127.0.0.1:{thread.port}"
    yield urls
    for thread, override in started:
        thread.terminate()
        for conn in override.values():
            conn.dec_thread_sharing()


@pytest.fixture
def live_public_url(_live_servers: dict[str, str], transactional_db: Any) -> str:
    """Base URL of a live public-surface server (no trailing slash)."""
    return _live_servers["public"]


@pytest.fixture
def live_admin_url(_live_servers: dict[str, str], transactional_db: Any) -> str:
    """Base URL of a live admin-surface server (no trailing slash)."""
    return _live_servers["admin"]
