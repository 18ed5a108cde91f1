"""Wording of the built-in self-service pages (``kratos_auth.ui``): page titles and the
headings of the method sections. Kratos's own UI message texts stay in ``messages``."""

from __future__ import annotations

# Page titles, by page name (the flows plus ``error`` and ``welcome``).
PAGE_TITLES = {
    "login": "Sign in",
    "login_aal2": "Two-factor authentication",
    "login_refresh": "Confirm it's you",
    "registration": "Create an account",
    "settings": "Account settings",
    "recovery": "Recover your account",
    "verification": "Verify your email address",
    "error": "Something went wrong",
    "welcome": "Welcome",
}

# Section headings when a flow shows one form per method (settings, second factors).
GROUP_TITLES = {
    "default": "",
    "profile": "Profile",
    "password": "Password",
    "oidc": "Social sign-in",
    "saml": "Single sign-on",
    "code": "One-time code",
    "link": "Email link",
    "totp": "Authenticator app",
    "lookup_secret": "Backup recovery codes",
    "webauthn": "Security keys",
    "passkey": "Passkeys",
    "identifier_first": "",
    "captcha": "",
}

# How the welcome page names a session's assurance level.
AAL_NAMES = {"aal1": "One factor", "aal2": "Two factors", "aal3": "Two factors, hardware-bound"}
