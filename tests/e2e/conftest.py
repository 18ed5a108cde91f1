"""End-to-end fixtures: Debian's Chromium driven by Playwright against the live public
server, with a real SMTP server for the courier.

* ``chromium``: one headless browser per session (``/usr/bin/chromium``; Playwright's own
  browser download is never used). Without it the tests skip, except under ``CI``, where
  they fail: ``.ci/run`` installs it.
* ``site``: the live public surface at ``http://localhost:<port>`` (WebAuthn refuses IP
  addresses as relying party IDs) configured for the journey, with a mail server.
* ``page``: a fresh browser context and page; ``shoot(page, name)`` saves a full-page
  screenshot under ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("KRATOS_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(
    os.environ.get("KRATOS_E2E_ARTIFACTS")
    or Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "e2e"
)
TIMEOUT_MS = 15_000


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"end-to-end tests need Chromium and Playwright: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium(_live_servers: Any) -> Iterator[Any]:
    # Depends on the live servers so that the browser (and its keep-alive connections,
    # served by threads sharing the in-memory SQLite connection) goes away first.
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    # Playwright's sync API keeps an event loop on this thread; the ORM calls the tests
    # make here (courier delivery, assertions) are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    driver = sync_playwright().start()
    browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        driver.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def journey_config(base_url: str) -> dict:
    """Every self-service flow on, second factors required where the identity has one."""
    rp = {"id": "localhost", "display_name": "kratos_auth e2e", "origins": [base_url.rstrip("/")]}
    return {
        "serve": {"public": {"base_url": base_url}},
        "selfservice": {
            "allowed_return_urls": [base_url],
            "methods": {
                "password": {"enabled": True, "config": {"haveibeenpwned_enabled": False}},
                "code": {"enabled": True},
                "totp": {"enabled": True, "config": {"issuer": "kratos_auth e2e"}},
                "lookup_secret": {"enabled": True},
                "passkey": {"enabled": True, "config": {"rp": rp}},
            },
            "flows": {
                "registration": {
                    "after": {
                        "password": {
                            "hooks": [{"hook": "session"}, {"hook": "show_verification_ui"}]
                        }
                    }
                },
                "verification": {"enabled": True, "use": "code"},
                "recovery": {"enabled": True, "use": "code"},
                "settings": {"required_aal": "highest_available"},
            },
        },
        "session": {"whoami": {"required_aal": "highest_available"}},
    }


@dataclass
class Site:
    url: str
    mail: Any
    deliver: Callable[[], Any]

    def path(self, path: str) -> str:
        return self.url.rstrip("/") + "/" + path.lstrip("/")

    def mail_code(self, recipient: str, previous: int = 0) -> str:
        """The six-digit code of the newest mail to ``recipient`` after ``previous`` mails."""
        self.deliver()
        self.mail.last_to(recipient)
        found = self.mail.to(recipient)
        assert len(found) > previous, f"no new mail to {recipient}"
        return found[-1].code()


@pytest.fixture
def site(
    live_public_url: str, settings: Any, mail_server: Any, use_mail_server: Any, deliver: Any
) -> Site:
    base_url = live_public_url.replace("127.0.0.1", "localhost") + "/"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    tree = _merge(settings.KRATOS, journey_config(base_url))
    # No default_browser_return_url: browsers land on the built-in welcome page.
    tree["selfservice"].pop("default_browser_return_url", None)
    settings.KRATOS = tree
    use_mail_server(mail_server)
    return Site(url=base_url, mail=mail_server, deliver=deliver)


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 720, "height": 900}, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda msg: (
            page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def shoot(request: Any) -> Callable[[Any, str], Path]:
    """``shoot(page, name)``: ``test-artifacts/e2e/<test>/<NN>-<name>.png`` (the test's
    folder is emptied first, so it holds this run's pages in order)."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    counter = iter(range(1, 1000))

    def take(page: Any, name: str) -> Path:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        path = folder / f"{next(counter):02d}-{slug}.png"
        # Chromium refuses a capture while a navigation is still committing ("Unable to
        # capture screenshot"): wait for the page to settle and try again.
        for attempt in range(4):
            try:
                page.wait_for_load_state("load")
                page.screenshot(path=str(path), full_page=True)
                return path
            except Exception as err:  # playwright's Error; the import is optional here
                if attempt == 3 or "screenshot" not in str(err).lower():
                    raise
                page.wait_for_timeout(300)
        return path

    return take


class Clock:
    """The server's clock (``kratos_auth.core.clock``), frozen at the real time and moved
    forward on demand, so each TOTP code falls into a fresh 30-second step without waiting
    (an accepted step is consumed)."""

    def __init__(self, stack: contextlib.ExitStack) -> None:
        self.stack = stack
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._freeze()

    def _freeze(self) -> None:
        from kratos_auth.core import clock

        self.stack.enter_context(clock.frozen(self.now))

    def advance(self, seconds: float) -> dt.datetime:
        self.now += dt.timedelta(seconds=seconds)
        self._freeze()
        return self.now


@pytest.fixture
def server_clock() -> Iterator[Clock]:
    with contextlib.ExitStack() as stack:
        yield Clock(stack)
