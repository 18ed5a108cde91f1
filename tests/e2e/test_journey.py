"""The whole self-service journey in headless Chromium, through the built-in pages only."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct

EMAIL = "ada@example.com"
PASSWORD = "Analytical-Engine-1843"
NEW_PASSWORD = "Difference-Engine-1822"


def totp(secret: str, step: int) -> str:
    """RFC 6238 (HMAC-SHA1, six digits), written out here as an independent reference."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


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
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def verify_email(page, site, shoot):
    page.wait_for_url(re.compile(r"/ui/verification\?flow="))
    shoot(page, "verification code sent")
    page.get_by_label("Verification code").fill(site.mail_code(EMAIL))
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    shoot(page, "verification done")
    assert page.locator('[data-message-id="1080002"]').is_visible()


def totp_now(secret: str, server_clock) -> str:
    """A code for a step no earlier code used: the clock moves on by one step first."""
    now = server_clock.advance(30)
    return totp(secret, int(now.timestamp()) // 30)


def set_up_totp(page, site, shoot, server_clock) -> str:
    page.goto(site.path("ui/settings"))
    page.wait_for_url(re.compile(r"/ui/settings\?flow="))
    shoot(page, "settings")
    secret = page.locator('[data-node="totp_secret_key"] code').inner_text().strip()
    form = page.locator('form:has([name="totp_code"])')
    form.get_by_label("Verify code").fill(totp_now(secret, server_clock))
    form.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    shoot(page, "settings totp saved")
    assert page.locator('[data-message-id="1050001"]').is_visible()
    return secret


def create_backup_codes(page, shoot) -> list[str]:
    page.get_by_role("button", name="Generate new backup recovery codes").click()
    page.wait_for_load_state()
    codes = page.locator('[data-node="lookup_secret_codes"] li code').all_inner_texts()
    shoot(page, "settings backup codes")
    page.get_by_role("button", name=re.compile("Confirm")).click()
    page.wait_for_load_state()
    assert page.locator('[data-message-id="1050001"]').is_visible()
    return codes


def second_factor(page, shoot, secret, server_clock, name):
    page.wait_for_url(re.compile(r"/ui/login\?flow="))
    shoot(page, name)
    page.get_by_label("Authentication code").fill(totp_now(secret, server_clock))
    page.get_by_role("button", name="Use Authenticator").click()
    page.wait_for_load_state()


def recover(page, site, shoot, secret, server_clock):
    page.goto(site.path("ui/login"))
    page.get_by_role("link", name="Forgot your password?").click()
    page.wait_for_url(re.compile(r"/ui/recovery\?flow="))
    shoot(page, "recovery")
    sent = len(site.mail.to(EMAIL))
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile(r"/ui/recovery\?flow="))
    shoot(page, "recovery code sent")
    page.get_by_label("Recovery code").fill(site.mail_code(EMAIL, previous=sent))
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    if "/ui/login" in page.url:  # settings want the second factor (highest_available)
        second_factor(page, shoot, secret, server_clock, "recovery second factor")
    page.wait_for_url(re.compile(r"/ui/settings\?flow="))
    shoot(page, "settings after recovery")


def change_password(page, shoot):
    form = page.locator('form:has([name="password"])')
    form.get_by_label("Password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    shoot(page, "password changed")
    assert page.locator('[data-message-id="1050001"]').is_visible()


def add_virtual_authenticator(page):
    """Chromium's virtual authenticator (CDP): a platform passkey with user verification."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, found["authenticatorId"]


def register_passkey(page, site, shoot):
    page.goto(site.path("ui/settings"))
    page.wait_for_url(re.compile(r"/ui/settings\?flow="))
    page.get_by_role("button", name="Add passkey").click()
    page.wait_for_load_state()
    page.locator('[data-message-id="1050001"]').wait_for()
    shoot(page, "passkey added")


def sign_in_with_passkey(page, site, shoot, cdp, authenticator):
    """Click "Sign in with passkey". While the page loads, the authenticator does not answer
    by itself, so the passkey autofill request (conditional mediation) stays pending."""
    presence = {"authenticatorId": authenticator}
    cdp.send("WebAuthn.setAutomaticPresenceSimulation", {**presence, "enabled": False})
    page.goto(site.path("ui/login"))
    page.wait_for_url(re.compile(r"/ui/login\?flow="))
    shoot(page, "login with passkey")
    cdp.send("WebAuthn.setAutomaticPresenceSimulation", {**presence, "enabled": True})
    page.get_by_role("button", name="Sign in with passkey").click()
    page.wait_for_url(re.compile(r"/ui/(welcome|login\?flow=.*)$"))


def test_journey(site, page, shoot, server_clock):
    register(page, site, shoot)
    verify_email(page, site, shoot)
    log_out(page, site, shoot)
    log_in(page, site, shoot)
    page.wait_for_url(re.compile(r"/ui/welcome$"))
    shoot(page, "welcome")
    secret = set_up_totp(page, site, shoot, server_clock)
    codes = create_backup_codes(page, shoot)
    assert len(codes) >= 10 and all(codes)
    log_out(page, site, shoot)
    log_in(page, site, shoot)
    second_factor(page, shoot, secret, server_clock, "login second factor")
    page.wait_for_url(re.compile(r"/ui/welcome$"))
    shoot(page, "welcome aal2")
    assert "Two factors" in page.content()
    log_out(page, site, shoot)
    recover(page, site, shoot, secret, server_clock)
    change_password(page, shoot)
    log_out(page, site, shoot)
    log_in(page, site, shoot, password=NEW_PASSWORD)
    second_factor(page, shoot, secret, server_clock, "login new password second factor")
    page.wait_for_url(re.compile(r"/ui/welcome$"))
    cdp, authenticator = add_virtual_authenticator(page)
    register_passkey(page, site, shoot)
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    log_out(page, site, shoot)
    sign_in_with_passkey(page, site, shoot, cdp, authenticator)
    if "/ui/login" in page.url:  # the identity has second factors: use a backup code
        page.wait_for_url(re.compile(r"/ui/login\?flow="))
        shoot(page, "passkey second factor")
        page.get_by_role("textbox", name="Backup recovery code", exact=True).fill(codes[0])
        page.get_by_role("button", name="Use backup recovery code").click()
    page.wait_for_url(re.compile(r"/ui/welcome$"))
    shoot(page, "welcome passkey")
    assert "Passkeys" in page.locator(".ka-facts").inner_text()
    assert page.csp_violations == []
