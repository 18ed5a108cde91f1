"""The pages in a real browser: keyboard order, labels, announced errors, the CSP enforced."""

from __future__ import annotations

import re

from tests.selfservice.plugin import make_identity

UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input:not([type=hidden]), button')]
    .filter((el) => !el.hidden)
    .filter((el) => el.tagName === 'BUTTON' ? !el.textContent.trim() : el.labels.length === 0)
    .map((el) => el.name)"""


def focused(page) -> str:
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return el.name || el.textContent.trim() || el.tagName; }"
    )


def test_login_page_by_keyboard(site, page, shoot):
    page.goto(site.path("ui/login"))
    page.wait_for_url(re.compile(r"/ui/login\?flow="))
    assert page.evaluate(UNLABELLED_FIELDS) == []
    order = []
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(focused(page))
    # Fields in reading order, the method's button before the other ways in, then links.
    assert order == [
        "identifier",
        "password",
        "method",
        "passkey_login_trigger",
        "Create one",
    ]
    shoot(page, "login keyboard focus")


def test_errors_are_visible_announced_and_focused(site, page, shoot):
    make_identity("grace@example.com", "Compiler-1952-Cobol")
    page.goto(site.path("ui/login"))
    page.get_by_label("E-Mail").fill("grace@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.keyboard.press("Enter")  # implicit submission presses "Sign in"
    page.wait_for_url(re.compile(r"/ui/login\?flow="))
    alert = page.get_by_role("alert")
    assert "credentials are invalid" in alert.inner_text()
    assert page.title().startswith("Error:")
    shoot(page, "login error")

    page.goto(site.path("ui/registration"))
    page.get_by_label("E-Mail").fill("grace@")
    # The browser's own check would stop this address; the server's message is the topic.
    page.locator("form").evaluate("(form) => form.noValidate = true")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/ui/registration\?flow="))
    email = page.get_by_label("E-Mail")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.evaluate("() => document.activeElement.name") == "traits.email"
    described = page.locator(f"#{email.get_attribute('aria-describedby')}")
    assert described.is_visible() and "email" in described.inner_text().lower()
    shoot(page, "registration field error")


def test_the_content_security_policy_is_enforced(site, page):
    page.goto(site.path("ui/login"))
    page.wait_for_url(re.compile(r"/ui/login\?flow="))
    # ui.js and webauthn.js (nonce, integrity) loaded: the passkey helper is there.
    page.wait_for_function("() => window.__oryWebAuthnInitialized === true")
    assert page.csp_violations == []
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.head.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in v for v in page.csp_violations)


def test_error_page_explains_and_leads_back(site, page, shoot):
    page.goto(site.path("ui/error?id=00000000-0000-4000-8000-000000000000"))
    assert page.get_by_role("alert").is_visible()
    shoot(page, "error page")
    page.get_by_role("link", name="Back to home").click()
    page.wait_for_url(re.compile(r"/ui/welcome$"))
