"""A small HTTP server on 127.0.0.1 serving identity schema documents for the tests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class SchemaServer:
    """Serves ``routes[path] = (status, headers, body)``; records the paths requested."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(self.path)
                status, headers, body = server.routes.get(self.path, (404, {}, b"not found"))
                self.send_response(status)
                for name, value in headers.items():
                    if value != "omit":
                        self.send_header(name, value)
                if headers.get("Content-Length") == "omit":
                    pass  # HTTP/1.0: the body ends when the connection closes
                elif "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def serve(self, path: str, body: bytes, status: int = 200, **headers: str) -> str:
        self.routes[path] = (status, {"Content-Type": "application/json", **headers}, body)
        return self.url + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def schema_server():
    server = SchemaServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _fresh_schema_cache():
    from kratos_auth.schema import clear_cache

    clear_cache()
    yield
    clear_cache()
