"""What a flow service needs to know about the HTTP request, without the request itself.

The API layer builds a :class:`FlowContext` from the Django request (content negotiation,
cookies, the caller's session); services and strategies read it and never touch
``request.POST``. It also collects what the API layer must send back besides the body
(``csrf`` when a fresh anti-CSRF cookie was issued).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kratos_auth.selfservice.flow.csrf import CsrfCookie

JSON = Any

# Request headers Kratos forwards to web hooks (its ``RequestHeaderAllowList``).
HEADER_ALLOWLIST = (
    "accept",
    "accept-encoding",
    "accept-language",
    "content-length",
    "content-type",
    "origin",
    "priority",
    "referer",
    "sec-ch-ua",
    "sec-ch-ua-mobile",
    "sec-ch-ua-platform",
    "sec-fetch-dest",
    "sec-fetch-mode",
    "sec-fetch-site",
    "sec-fetch-user",
    "true-client-ip",
    "user-agent",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
)


@dataclass
class FlowContext:
    """Request facts for one call into a flow service."""

    request_url: str
    method: str = "GET"
    is_json: bool = False
    #: The body was ``application/x-www-form-urlencoded`` (every value arrived as text).
    form_encoded: bool = False
    origin: str | None = None
    has_cookies: bool = False
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Cookies other than Kratos's own session and anti-CSRF cookies (for web hooks).
    cookies: Mapping[str, str] = field(default_factory=dict)
    csrf: CsrfCookie | None = None
    #: The anti-CSRF token sent in the ``X-CSRF-Token`` header, if any.
    csrf_header: str | None = None
    #: The caller's active session (any ``Session`` model instance), if any.
    session: Any = None
    client_ip: str | None = None
    user_agent: str | None = None

    def ensure_csrf(self) -> CsrfCookie:
        """The browser's anti-CSRF token, issuing a fresh one when it has none."""
        if self.csrf is None:
            self.csrf = CsrfCookie.issue()
        return self.csrf

    def __repr__(self) -> str:
        return f"<FlowContext {self.method} json={self.is_json}>"
