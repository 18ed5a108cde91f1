"""``manage.py kratos serve``: two gunicorn servers, one per surface, over real HTTP."""

from __future__ import annotations

import base64
import io
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
import requests
from django.core import checks
from django.core.management import CommandError, call_command
from django.urls import URLPattern, URLResolver, get_resolver

from kratos_auth.cli import serve
from tests.db.pki import Authority, write_server_files

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20  # seconds per request: two cores shared with the rest of the suite
NOT_FOUND = {"id": "not_found", "code": 404, "status": "Not Found"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def project_env(tmp_path: Path, **variables: str) -> dict[str, str]:
    """A clean environment for the reference project (no test settings leaking in)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "example_project.settings",
    }
    env.update(variables)
    return env


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """A migrated SQLite database file (DSN)."""
    directory = tmp_path_factory.mktemp("serve")
    dsn = f"sqlite:///{directory / 'kratos.sqlite3'}?_fk=true"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--run-syncdb", "--noinput", "-v0"],
        cwd=ROOT,
        env=project_env(directory, DSN=dsn, DEV="true"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return dsn


class Server:
    """A running ``kratos serve`` process and where its surfaces listen."""

    def __init__(self, tmp_path: Path, args: list[str], env: dict[str, str], scheme: str = "http"):
        self.public = f"{scheme}://127.0.0.1:{env['SERVE_PUBLIC_PORT']}"
        self.admin = f"{scheme}://127.0.0.1:{env['SERVE_ADMIN_PORT']}"
        self.stderr_path = tmp_path / "serve.stderr"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "kratos", "serve", "--workers", "1", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr_path.open("wb"),
            start_new_session=True,
        )

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def wait_ready(self, **request_options) -> None:
        deadline = time.monotonic() + 60
        pending = {self.public, self.admin}
        while pending:
            assert self.process.poll() is None, f"kratos serve exited:\n{self.stderr}"
            for base in sorted(pending):
                try:
                    requests.get(f"{base}/health/alive", timeout=5, **request_options)
                    pending.discard(base)
                except (requests.ConnectionError, requests.Timeout):
                    pass  # not listening yet, or the worker is still loading Django
            assert time.monotonic() < deadline, f"not listening:\n{self.stderr}"
            time.sleep(0.1)

    def stop(self, signum: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def start(tmp_path):
    servers: list[Server] = []

    def starter(args: list[str], scheme: str = "http", **variables: str) -> Server:
        variables.setdefault("SERVE_PUBLIC_PORT", str(free_port()))
        variables.setdefault("SERVE_ADMIN_PORT", str(free_port()))
        server = Server(tmp_path, args, project_env(tmp_path, **variables), scheme)
        servers.append(server)
        return server

    yield starter
    for server in servers:
        try:
            os.killpg(server.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def static_paths(urlconf: str) -> set[str]:
    """Every parameter-free path of a URLconf."""
    found: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = str(entry.pattern)
            if "<" in route or route.startswith("^"):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                found.add("/" + prefix + route)

    walk(get_resolver(urlconf).url_patterns, "")
    return found


def assert_kratos_404(response: requests.Response) -> None:
    assert response.status_code == 404
    error = response.json()["error"]
    assert {key: error[key] for key in NOT_FOUND} == NOT_FOUND


def test_dev_serves_each_surface_on_its_own_port(start, database):
    server = start(["--dev"], DSN=database)
    server.wait_ready()
    for base in (server.public, server.admin):
        assert requests.get(f"{base}/health/ready", timeout=TIMEOUT).json() == {"status": "ok"}
        assert requests.get(f"{base}/health/alive", timeout=TIMEOUT).json() == {"status": "ok"}
        assert requests.get(f"{base}/version", timeout=TIMEOUT).json()["version"]
    # Admin-only routes do not exist on the public app.
    admin_page = requests.get(
        f"{server.admin}/django-admin/", timeout=TIMEOUT, allow_redirects=False
    )
    assert admin_page.status_code == 302
    assert_kratos_404(requests.get(f"{server.public}/django-admin/", timeout=TIMEOUT))
    public_paths = static_paths("example_project.urls_public")
    admin_paths = static_paths("example_project.urls_admin")
    for path in sorted(admin_paths - public_paths - {"/django-admin/"})[:5]:
        assert_kratos_404(requests.get(f"{server.public}{path}", timeout=TIMEOUT))
    # And public-only routes do not exist on the admin app.
    for path in sorted(public_paths - admin_paths)[:5]:
        assert_kratos_404(requests.get(f"{server.admin}{path}", timeout=TIMEOUT))
    assert "DEVELOPMENT mode" in server.stderr
    assert server.stop(signal.SIGTERM) == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.public}/health/alive", timeout=2)


def test_ready_reports_a_database_that_is_down(start):
    dsn = f"postgres://kratos:db-pa55word@127.0.0.1:{free_port()}/kratos?connect_timeout=2"
    server = start(["--dev"], DSN=dsn)
    server.wait_ready()
    assert requests.get(f"{server.public}/health/alive", timeout=TIMEOUT).status_code == 200
    public = requests.get(f"{server.public}/health/ready", timeout=TIMEOUT)
    admin = requests.get(f"{server.admin}/health/ready", timeout=TIMEOUT)
    assert (public.status_code, admin.status_code) == (503, 503)
    assert admin.json() == {"errors": {"database": "the database is not reachable"}}
    assert list(public.json()["errors"]) == ["database"]
    assert "pa55word" not in public.text + admin.text + server.stderr
    assert server.stop(signal.SIGINT) == 0


def test_tls_from_config_without_dev(start, database, tmp_path):
    files = write_server_files(tmp_path, Authority.create("serve test CA"), ["127.0.0.1"])
    public_port, admin_port = free_port(), free_port()
    # A production-like configuration: it must pass the deployment checks.
    server = start(
        [],
        scheme="https",
        DSN=database,
        SERVE_PUBLIC_PORT=str(public_port),
        SERVE_ADMIN_PORT=str(admin_port),
        SERVE_PUBLIC_BASE_URL=f"https://127.0.0.1:{public_port}/",
        SERVE_ADMIN_BASE_URL=f"https://127.0.0.1:{admin_port}/",
        SECRETS_DEFAULT=secrets.token_hex(24),
        SECRETS_COOKIE=secrets.token_hex(24),
        SECRETS_CIPHER=secrets.token_hex(16),
        COOKIES_SAME_SITE="Lax",
        SERVE_PUBLIC_TLS_CERT_PATH=str(files["cert"]),
        SERVE_PUBLIC_TLS_KEY_PATH=str(files["key"]),
        SERVE_ADMIN_TLS_CERT_PATH=str(files["cert"]),
        SERVE_ADMIN_TLS_KEY_PATH=str(files["key"]),
    )
    server.wait_ready(verify=str(files["ca"]))
    for base in (server.public, server.admin):
        response = requests.get(f"{base}/health/ready", timeout=TIMEOUT, verify=str(files["ca"]))
        assert response.json() == {"status": "ok"}
    plain = server.public.replace("https://", "http://")
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{plain}/health/alive", timeout=TIMEOUT)
    assert "DEVELOPMENT" not in server.stderr
    assert server.stop() == 0


# In-process: what the command would run, without starting servers.


@pytest.fixture
def planned(monkeypatch):
    """Capture the supervisor's commands and environment instead of running them."""
    seen: dict = {}

    def fake_run(self):
        seen.update(commands=self.commands, env=self.env, files={})
        for command in self.commands.values():
            for flag in ("--certfile", "--keyfile"):
                if flag in command:
                    path = Path(command[command.index(flag) + 1])
                    mode = path.stat().st_mode & 0o777
                    folder = path.parent.stat().st_mode & 0o777
                    seen["files"][path] = (path.read_bytes(), mode, folder)
        return 0

    monkeypatch.setattr(serve.Supervisor, "run", fake_run)
    return seen


def run_serve(*args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("kratos", "serve", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_defaults_two_sync_workers_per_surface_on_loopback(planned):
    run_serve("--dev")
    public, admin = planned["commands"]["public"], planned["commands"]["admin"]
    assert public[public.index("--bind") + 1] == "127.0.0.1:4433"
    assert admin[admin.index("--bind") + 1] == "127.0.0.1:4434"
    for command in (public, admin):
        assert command[command.index("--workers") + 1] == "2"
        assert command[command.index("--worker-class") + 1] == "sync"
        assert "--certfile" not in command
    assert public[-1] == "example_project.wsgi:public_application"
    assert admin[-1] == "example_project.wsgi:admin_application"
    assert planned["env"]["DEV"] == "true"
    assert planned["env"]["DJANGO_SETTINGS_MODULE"] == "tests.settings"


def test_without_dev_children_do_not_get_dev(planned, monkeypatch):
    monkeypatch.setattr(serve, "startup_problems", lambda stderr, dev: 0)  # checks: below
    _, stderr = run_serve("--workers", "3")
    assert planned["env"].get("DEV") == os.environ.get("DEV")  # not set by the command
    public = planned["commands"]["public"]
    assert public[public.index("--workers") + 1] == "3"
    assert "serve.public.tls is not set" in stderr


def test_tls_base64_is_written_to_a_private_file(planned, settings, tmp_path):
    files = write_server_files(tmp_path, Authority.create("b64"), ["127.0.0.1"])
    tls = {
        "cert": {"base64": base64.b64encode(files["cert"].read_bytes()).decode()},
        "key": {"path": str(files["key"])},
    }
    settings.KRATOS = {
        **settings.KRATOS,
        "serve": {**settings.KRATOS["serve"], "admin": {"port": 4434, "tls": tls}},
    }
    stdout, _ = run_serve("--dev")
    admin = planned["commands"]["admin"]
    assert admin[admin.index("--keyfile") + 1] == str(files["key"])
    written = Path(admin[admin.index("--certfile") + 1])
    assert planned["files"][written] == (files["cert"].read_bytes(), 0o600, 0o700)
    assert not written.exists()  # removed when the command ends
    assert "admin API: https://" in stdout


def test_tls_needs_both_cert_and_key(planned, settings, tmp_path):
    settings.KRATOS = {
        **settings.KRATOS,
        "serve": {"public": {"tls": {"cert": {"path": str(tmp_path / "c.pem")}}}},
    }
    with pytest.raises(CommandError):
        run_serve("--dev")
    assert "commands" not in planned


def test_watch_courier(planned):
    _, stderr = run_serve("--dev", "--watch-courier")
    if "courier" in planned["commands"]:
        assert planned["commands"]["courier"][-2:] == ["courier", "watch"]
    else:
        assert "courier is not available yet" in stderr


@pytest.fixture
def failing_kratos_check():
    def check(app_configs=None, **kwargs):
        return [checks.Error("broken on purpose", id="kratos_auth.E999")]

    checks.register(check, "kratos")
    yield
    checks.registry.registry.registered_checks.discard(check)


def test_refuses_to_start_when_kratos_checks_fail(planned, failing_kratos_check):
    stderr = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("kratos", "serve", stdout=io.StringIO(), stderr=stderr)
    assert caught.value.returncode == 1
    assert "(kratos_auth.E999) broken on purpose" in stderr.getvalue()
    assert "refusing to start" in stderr.getvalue()
    assert "commands" not in planned  # nothing was started


def test_dev_starts_despite_failing_checks(planned, failing_kratos_check):
    _, stderr = run_serve("--dev")
    assert "ignored with --dev" in stderr
    assert "public" in planned["commands"]


def test_supervisor_stops_the_other_server_when_one_dies(tmp_path):
    marker = tmp_path / "stopped"
    survivor = (
        "import signal, sys, time, pathlib\n"
        f"signal.signal(signal.SIGTERM, lambda *a: (pathlib.Path({str(marker)!r}).touch(),"
        " sys.exit(0)))\n"
        "time.sleep(60)\n"
    )
    commands = {
        "public": [sys.executable, "-c", survivor],
        "admin": [sys.executable, "-c", "import time, sys; time.sleep(0.5); sys.exit(3)"],
    }
    stderr = io.StringIO()
    started = time.monotonic()
    code = serve.Supervisor(commands, os.environ, stderr).run()
    assert code == 3
    assert "admin exited with status 3" in stderr.getvalue()
    assert marker.exists()  # the public server got SIGTERM
    assert time.monotonic() - started < 20


def test_fallback_wsgi_targets_mark_the_surface(settings):
    from kratos_auth.middleware import SURFACE_ENVIRON_KEY

    assert serve.SURFACE_KEY == SURFACE_ENVIRON_KEY
    del settings.KRATOS_ADMIN_WSGI_APPLICATION
    assert serve.wsgi_target("admin", settings) == (
        "kratos_auth.cli.serve:surface_application('admin')"
    )
    seen = {}
    app = serve.surface_application("admin")
    with mock.patch("django.core.handlers.wsgi.WSGIHandler.__call__") as handler:
        handler.side_effect = lambda environ, start: seen.update(environ) or [b""]
        app({"REQUEST_METHOD": "GET"}, lambda *a: None)
    assert seen[SURFACE_ENVIRON_KEY] == "admin"
