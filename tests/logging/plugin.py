"""Whole-suite guard: no password, code or token used in the tests appears in any log line.

Registered in ``tests/conftest.py``. For the whole session it

* captures every log record of every server-side logger at DEBUG (client libraries such
  as urllib3 and the Ory SDK are left out: they are not our logs) and formats it with the
  production formatters (JSON and text) behind the production redaction filter;
* collects the secrets the tests use: every ``Secret`` built, every password given to the
  hashers facade, sensitive fields of every request and response Django handled, and what
  tests register with the ``log_secrets`` fixture;
* at the end, searches the lines for the secrets; any hit fails the run (exit status 1) and
  is reported with the test that logged it.

``tests/logging/test_plugin.py`` runs a small suite that leaks on purpose to prove it fails.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

import pytest

from tests.logging.leaks import Leak, SecretRegistry, find_leaks

EXCLUDED_LOGGERS = ("urllib3", "ory_kratos_client", "mail.log", "asyncio", "requests")
_SENSITIVE_HEADERS = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "HTTP_X_SESSION_TOKEN")

SECRETS = SecretRegistry()


class CaptureHandler(logging.Handler):
    """Keeps every formatted line (JSON and text) with the id of the running test."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        from kratos_auth.logging import JsonFormatter, RedactionFilter, TextFormatter

        self.addFilter(RedactionFilter())
        self.json, self.text = JsonFormatter(), TextFormatter()
        self.lines: list[tuple[str, str]] = []
        self.test = "(collection)"

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(EXCLUDED_LOGGERS):
            return
        try:
            self.lines.append((self.test, self.text.format(record)))
            self.lines.append((self.test, self.json.format(record)))
        except Exception:  # noqa: BLE001 - a broken record must not break the suite
            self.lines.append((self.test, f"{record.name}: {record.msg!s}"))


def _wrap(original: Callable[..., Any], register: Callable[..., None]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        register(*args, **kwargs)
        return original(*args, **kwargs)

    wrapper.__wrapped__ = original  # type: ignore[attr-defined]
    wrapper.__name__ = getattr(original, "__name__", "wrapper")
    return wrapper


def _register_password(password: Any = None, *args: Any, **kwargs: Any) -> None:
    SECRETS.add(kwargs.get("password", password), "hashers facade")


def _repoint(original: object, replacement: object) -> None:
    """Replace ``original`` wherever a loaded module imported it by name."""
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict) or not module.__name__.startswith(
            ("kratos_auth", "tests")
        ):
            continue
        for name, value in list(namespace.items()):
            if value is original:
                namespace[name] = replacement


def _harvest_request(request: Any) -> None:
    for header in _SENSITIVE_HEADERS:
        value = request.META.get(header, "")
        for part in value.replace(";", " ").replace(",", " ").split():
            SECRETS.add(part.split("=", 1)[-1], f"request header {header}")
    SECRETS.add_fields(dict(request.GET.lists()), "request query")
    try:
        body = request.body
    except Exception:  # noqa: BLE001 - too big or already streamed: nothing to harvest
        return
    if not body:
        return
    try:
        data = json.loads(body)
    except ValueError:
        from django.http import QueryDict

        try:
            data = dict(QueryDict(body).lists())
        except Exception:  # noqa: BLE001 - multipart and binary bodies
            return
    SECRETS.add_fields(data, f"request {request.method} {request.path}")


def _harvest_response(response: Any) -> None:
    for cookie in getattr(response, "cookies", {}).values():
        SECRETS.add(cookie.value, f"Set-Cookie {cookie.key}")
    if "json" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
        return
    try:
        SECRETS.add_fields(json.loads(response.content), "response body")
    except ValueError:
        return


def install_harvesters() -> None:
    from django.core.handlers.base import BaseHandler

    from kratos_auth import hashers
    from kratos_auth.core.secret import Secret

    original_init = Secret.__init__

    def secret_init(self: Secret, value: str | bytes) -> None:
        SECRETS.add(value, "Secret(...)")
        original_init(self, value)

    Secret.__init__ = secret_init  # type: ignore[method-assign]
    for name in ("hash_password", "verify_password", "dummy_verify"):
        original = getattr(hashers, name, None)
        if original is None:
            continue
        wrapped = _wrap(original, _register_password)
        setattr(hashers, name, wrapped)
        _repoint(original, wrapped)

    get_response = BaseHandler.get_response

    def harvesting_get_response(self: BaseHandler, request: Any) -> Any:
        _harvest_request(request)
        response = get_response(self, request)
        _harvest_response(response)
        return response

    BaseHandler.get_response = harvesting_get_response  # type: ignore[method-assign]


class LeakGuard:
    """The pytest plugin object (one per session)."""

    def __init__(self) -> None:
        self.handler: CaptureHandler | None = None
        self.levels: dict[Any, int] = {}

    def attach(self) -> None:
        """(Re)attach the handler: a test may have reconfigured logging."""
        assert self.handler is not None
        targets = [logging.getLogger()]
        for logger in list(logging.Logger.manager.loggerDict.values()):
            if isinstance(logger, logging.Logger) and not logger.propagate:
                targets.append(logger)
        for logger in targets:
            if self.handler not in logger.handlers:
                logger.addHandler(self.handler)
        # Our own loggers at DEBUG (others at their configured level: DEBUG from every
        # library would flood the failure reports).
        logger = logging.getLogger("kratos_auth")
        if logger.level != logging.DEBUG:
            self.levels.setdefault(logger, logger.level)
            logger.setLevel(logging.DEBUG)
        for target in (logger, logging.getLogger()):
            for handler in target.handlers:
                # What the project's handlers print stays as it was (INFO and up); pytest's
                # own capture handlers are left alone.
                mine = handler is self.handler or type(handler).__module__.startswith("_pytest")
                if not mine and handler.level == logging.NOTSET:
                    self.levels.setdefault(handler, handler.level)
                    handler.setLevel(logging.INFO)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        install_harvesters()
        self.handler = CaptureHandler()
        self.attach()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if self.handler is not None:
            self.handler.test = item.nodeid
            self.attach()

    def leaks(self) -> list[Leak]:
        if self.handler is None:
            return []
        return find_leaks(SECRETS.snapshot(), self.handler.lines)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        leaks = self.leaks()
        for target, level in self.levels.items():
            target.setLevel(level)
        if not leaks:
            return
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        write = reporter.write_line if reporter else print
        write("")
        write(f"SECRETS IN LOGS: {len(leaks)} secret(s) used by the tests appear in log lines:")
        for leak in leaks:
            write(f"  - {leak.describe()}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin("kratos-leak-guard"):
        config.pluginmanager.register(LeakGuard(), "kratos-leak-guard")


@pytest.fixture
def log_secrets() -> SecretRegistry:
    """Register values that must never be logged: ``log_secrets.add(password)``."""
    return SECRETS
