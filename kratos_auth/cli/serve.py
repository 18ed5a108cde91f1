"""``kratos serve [-c FILE] [--dev] [--watch-courier] [--workers N]``.

Runs the public app on ``serve.public.host:port`` and the admin app on
``serve.admin.host:port`` as two gunicorn servers (sync workers), supervised by this
process: SIGTERM and SIGINT are forwarded to both and the command exits when they have
stopped; SIGHUP is forwarded (gunicorn reloads its workers); when one server dies the other
is stopped and the command exits non-zero.

``--dev`` is Kratos's development mode: plain HTTP is fine, cookies lose the Secure flag
(the children get ``DEV=true``) and a warning is printed. Without it, the system checks
tagged ``kratos`` (deployment checks included) must pass before anything starts.
``serve.<surface>.tls.cert``/``key`` (``path`` or ``base64``) make gunicorn speak HTTPS.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import importlib
import importlib.util
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

SURFACES = ("public", "admin")
# Gunicorn's default access line has the query string and Referer, where logout tokens,
# codes and links travel (``?token=ory_lo_…``): log the path only.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

POLL_SECONDS = 0.2
GRACE_SECONDS = 10
# kratos_auth.middleware.SURFACE_ENVIRON_KEY: a sibling layer, so not imported (a test
# keeps the two equal).
SURFACE_KEY = "kratos.surface"
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

DEV_WARNING = """
!!! kratos serve is running in DEVELOPMENT mode (--dev) !!!
Plain HTTP, cookies without the Secure flag and relaxed start-up checks.
This is not secure: never use --dev in production.
"""


class ServeError(Exception):
    """The servers cannot be started; the message says why."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve", help="run the public (4433) and admin (4434) HTTP servers"
    )
    parser.add_argument(
        "-c",
        "--config",
        dest="kratos_config",
        default=argparse.SUPPRESS,
        help="Kratos YAML config file (same as KRATOS_CONFIG)",
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="development mode: plain HTTP, insecure cookies, relaxed checks",
    )
    parser.add_argument(
        "--watch-courier",
        action="store_true",
        help="also run the courier worker that sends queued messages",
    )
    parser.add_argument(
        "--workers", type=_positive, default=2, help="sync workers per server (default: 2)"
    )
    parser.add_argument(
        "--sqa-opt-out", action="store_true", help="accepted for Kratos; no telemetry is sent"
    )
    parser.set_defaults(handler=handle)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def surface_application(surface: str) -> WSGIApp:
    """Django's WSGI app with every request marked as coming in on ``surface``.

    The fallback gunicorn target when settings name no ``KRATOS_<SURFACE>_WSGI_APPLICATION``.
    """
    from django.core.wsgi import get_wsgi_application

    django_app = get_wsgi_application()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ[SURFACE_KEY] = surface
        return django_app(environ, start_response)

    return app


def wsgi_target(surface: str, settings: Any) -> str:
    """The gunicorn ``module:attribute`` serving ``surface``."""
    dotted = getattr(settings, f"KRATOS_{surface.upper()}_WSGI_APPLICATION", None)
    if not dotted and surface == "public":
        dotted = getattr(settings, "WSGI_APPLICATION", None)
    if not dotted:
        return f"kratos_auth.cli.serve:surface_application({surface!r})"
    module, _, attribute = dotted.rpartition(".")
    return f"{module}:{attribute}"


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _tls_file(source: Any, key: str, workdir: Path) -> str | None:
    """The file holding a ``tlsx`` source (``path``, or ``base64`` written to ``workdir``)."""
    if source.path:
        return str(source.path)
    if not source.base64:
        return None
    try:
        pem = base64.b64decode(source.base64, validate=True)
    except (binascii.Error, ValueError):
        raise ServeError(f"{key}.base64: expected base64-encoded PEM") from None
    workdir.mkdir(mode=0o700, exist_ok=True)  # an unguessable name, private to us
    target = workdir / key.replace(".", "-")
    target.touch(mode=0o600)
    target.write_bytes(pem)
    return str(target)


def tls_arguments(surface: str, section: Any, workdir: Path) -> list[str]:
    """gunicorn's ``--certfile``/``--keyfile`` for ``serve.<surface>.tls`` (none if unset)."""
    prefix = f"serve.{surface}.tls"
    cert = _tls_file(section.tls.cert, f"{prefix}.cert", workdir)
    key = _tls_file(section.tls.key, f"{prefix}.key", workdir)
    if cert is None and key is None:
        return []
    if cert is None or key is None:
        raise ServeError(f"{prefix}: set both cert and key (path or base64)")
    return ["--certfile", cert, "--keyfile", key]


def gunicorn_command(
    surface: str, section: Any, target: str, workers: int, tls: list[str]
) -> list[str]:
    """The argv of one gunicorn server. ``GUNICORN_CMD_ARGS`` can add options."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        _bind(section.host, section.port),
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--name",
        f"kratos-{surface}",
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--graceful-timeout",
        str(GRACE_SECONDS),
        *_no_control_socket(),
        *tls,
        target,
    ]


def _no_control_socket() -> list[str]:
    """Recent gunicorn opens a control socket at one fixed path: two servers would share it."""
    from gunicorn.config import KNOWN_SETTINGS

    flag = "--no-control-socket"
    return [flag] if any(flag in (s.cli or []) for s in KNOWN_SETTINGS) else []


def child_environment(settings_module: str, dev: bool, base: Mapping[str, str]) -> dict[str, str]:
    """The environment of the servers: same config sources, ``DEV=true`` with ``--dev``."""
    env = dict(base)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    module = importlib.import_module(settings_module)
    root = Path(module.__file__ or ".").resolve().parents[settings_module.count(".")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH")) if p)
    if env.get("KRATOS_CONFIG"):
        env["KRATOS_CONFIG"] = str(Path(env["KRATOS_CONFIG"]).resolve())
    if dev:
        env["DEV"] = "true"
    return env


def _settings_module(settings: Any) -> str:
    # Overridden settings (tests) hide the module name; the variable still holds it.
    name = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE")
    if not name:
        raise ServeError("the servers load settings from a module: set DJANGO_SETTINGS_MODULE")
    return name


def courier_command(stderr: Any) -> list[str] | None:
    """``kratos courier watch`` when the courier exists; otherwise say so and return None."""
    from kratos_auth.cli import MODULES

    available = importlib.util.find_spec("kratos_auth.courier") is not None
    if not available or "kratos_auth.cli.courier" not in MODULES:
        stderr.write("--watch-courier: the courier is not available yet; serving without it\n")
        return None
    return [sys.executable, "-m", "django", "kratos", "courier", "watch"]


def startup_problems(stderr: Any, dev: bool) -> int:
    """Run the ``kratos`` system checks (deployment ones too); the number of errors.

    Outside dev mode every message is printed. In dev mode most of them are expected
    (plain HTTP, dev itself), so only their number is.
    """
    from django.core import checks

    messages = checks.run_checks(tags=["kratos"], include_deployment_checks=True)
    errors = sum(1 for message in messages if message.is_serious())
    if dev and messages:
        stderr.write(
            f"{errors} error(s), {len(messages) - errors} warning(s) from the deployment "
            "checks, ignored with --dev (`manage.py check --deploy` lists them)\n"
        )
    elif messages:
        stderr.write("".join(f"{message}\n" for message in messages))
    return errors


def handle(args: argparse.Namespace, stdout: Any, stderr: Any) -> int:
    from django.conf import settings

    from kratos_auth.conf import config

    dev = bool(args.dev or config.is_dev)
    if dev:
        stderr.write(DEV_WARNING)
    if startup_problems(stderr, dev) and not dev:
        stderr.write("kratos serve: refusing to start until the errors above are fixed\n")
        return 1
    # Created only if base64 TLS material must be written out (see _tls_file).
    workdir = Path(tempfile.gettempdir()) / f"kratos-serve-{secrets.token_hex(8)}"
    try:
        commands = _commands(args, dev, workdir, stdout, stderr)
        env = child_environment(_settings_module(settings), dev, os.environ)
        return Supervisor(commands, env, stderr).run()
    except ServeError as err:
        stderr.write(f"kratos serve: {err}\n")
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _commands(
    args: argparse.Namespace, dev: bool, workdir: Path, stdout: Any, stderr: Any
) -> dict[str, list[str]]:
    from django.conf import settings

    from kratos_auth.conf import config

    sections = {surface: config.serve[surface] for surface in SURFACES}
    binds = {_bind(s.host, s.port) for s in sections.values()}
    if len(binds) < len(SURFACES):
        raise ServeError("serve.public and serve.admin must listen on different addresses")
    commands: dict[str, list[str]] = {}
    for surface, section in sections.items():
        tls = tls_arguments(surface, section, workdir)
        target = wsgi_target(surface, settings)
        commands[surface] = gunicorn_command(surface, section, target, args.workers, tls)
        scheme = "https" if tls else "http"
        stdout.write(f"{surface} API: {scheme}://{_bind(section.host, section.port)}/\n")
        if not tls and not dev:
            stderr.write(f"serve.{surface}.tls is not set: plain HTTP (terminate TLS upstream)\n")
    if args.watch_courier:
        courier = courier_command(stderr)
        if courier is not None:
            commands["courier"] = courier
    return commands


class Supervisor:
    """Runs child processes until a signal arrives or one of them exits."""

    def __init__(
        self, commands: Mapping[str, list[str]], env: Mapping[str, str], stderr: Any
    ) -> None:
        self.commands = dict(commands)
        self.env = dict(env)
        self.stderr = stderr
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._stop_signal: int | None = None

    def _on_signal(self, signum: int, frame: Any) -> None:
        if signum == signal.SIGHUP:
            for process in self.processes.values():
                process.send_signal(signal.SIGHUP)
            return
        self._stop_signal = signum

    def run(self) -> int:
        """Start every command; the exit status (0 after SIGTERM/SIGINT)."""
        watched = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
        previous = {sig: signal.signal(sig, self._on_signal) for sig in watched}
        try:
            for name, argv in self.commands.items():
                self.processes[name] = subprocess.Popen(argv, env=self.env)
            return self._watch()
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _watch(self) -> int:
        while True:
            if self._stop_signal is not None:
                self.stop(signal.SIGTERM)
                return 0
            for name, process in self.processes.items():
                code = process.poll()
                if code is not None:
                    self.stderr.write(f"kratos serve: {name} exited with status {code}\n")
                    return code or 1
            time.sleep(POLL_SECONDS)

    def stop(self, signum: int = signal.SIGTERM) -> None:
        """Ask every running child to stop; kill those still running after the grace time."""
        running = [p for p in self.processes.values() if p.poll() is None]
        for process in running:
            process.send_signal(signum)
        deadline = time.monotonic() + GRACE_SECONDS + 5
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
