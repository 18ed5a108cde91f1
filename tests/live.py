"""Live HTTP servers for both surfaces, for tests that use real clients (the Ory SDK).

``live_public_url`` and ``live_admin_url`` give the base URL of a threaded server running the
public or admin surface against the test database. Tests using them get ``transactional_db``
(the server thread sees only committed data on PostgreSQL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

# An in-memory SQLite database is one connection object shared by every thread: two
# requests running on it at once corrupt its transaction state. Such requests take turns
# (on PostgreSQL each thread has its own connection and they really run at the same time).
_SHARED_CONNECTION_LOCK = threading.Lock()


class _SurfaceHandler:
    """``static_handler`` for LiveServerThread that tags every request with a surface."""

    def __init__(self, surface: str, serialize: bool) -> None:
        self.surface = surface
        self.serialize = serialize

    def __call__(self, app: Any) -> Callable[..., Iterable[bytes]]:
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        inner = StaticFilesHandler(app)

        def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            environ["kratos.surface"] = self.surface
            if not self.serialize:
                return inner(environ, start_response)
            with _SHARED_CONNECTION_LOCK:
                result = inner(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    close = getattr(result, "close", None)
                    if close is not None:
                        close()

        return wsgi


def _start(surface: str) -> Any:
    from django.db import connections
    from django.test.testcases import LiveServerThread

    override = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    handler = _SurfaceHandler(surface, serialize=bool(override))
    thread = LiveServerThread("127.0.0.1", handler, connections_override=override, port=0)
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
