"""The whole self-service journey in headless Chromium, through the built-in pages only."""

from __future__ import annotations

import re

EMAIL = "ada@example.com"
PASSWORD = "Analytical-Engine-1843"
NEW_PASSWORD = "Difference-Engine-1822"


def register(page, site, shoot):
    page.goto(site.path("ui/registration"))
    shoot(page, "registration")
    page.get_by_label("E-Mail").fill(EMAIL)
    page.get_by_label("First name").fill("Ada")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/ui/registration\?flow="))
    page.get_by_label("Password").fill(PASSWORD)
    shoot(page, "registration password")
    page.locator('button[name="method"][value="password"]').click()
    page.wait_for_load_state()


def log_out(page, site, shoot):
    page.goto(site.path("ui/welcome"))
    page.get_by_role("link", name="Sign out").click()
    page.wait_for_url(re.compile(r"/ui/welcome$"))
    assert "You are not signed in" in page.content()
    shoot(page, "signed out")


def log_in(page, site, shoot, password=PASSWORD):
    page.goto(site.path("ui/login"))
    page.wait_for_url(re.compile(r"/ui/login\?flow="))
    page.get_by_label("E-Mail").fill(EMAIL)
    page.get_by_label("Password").fill(password)
    shoot(page, "login")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_journey(site, page, shoot):
    register(page, site, shoot)
    print(page.url)
    shoot(page, "after registration")
    log_out(page, site, shoot)
    log_in(page, site, shoot)
    print(page.url)
    shoot(page, "after login")
    page.goto(site.path("ui/settings"))
    print(page.url)
    shoot(page, "settings")
    assert page.csp_violations == []
