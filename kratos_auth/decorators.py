"""View decorators that require a Kratos session, answering in Kratos's error body.

    from kratos_auth.decorators import session_required, aal2_required

    @session_required
    def dashboard(request): ...          # request.kratos_session is the session

Unlike ``@login_required`` they never redirect: a missing session is a 401
``session_inactive``, an insufficient one a 403 (``session_aal2_required`` with
``redirect_browser_to``, or ``session_verified_address_required``). The middleware is not
required; with it, the session is looked up once per request either way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from kratos_auth.api.exceptions import error_response
from kratos_auth.errors import KratosError
from kratos_auth.session import guards
from kratos_auth.session.models import Session

ViewFunc = Callable[..., HttpResponseBase]


def _guarded(check: Callable[[Any], Session]) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                session = check(request)
            except KratosError as err:
                return error_response(err, request)
            request.kratos_session = session
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


session_required = _guarded(guards.require_session)
session_required.__doc__ = """An active session passing ``session.whoami.required_aal``."""

aal2_required = _guarded(guards.require_aal2)
aal2_required.__doc__ = """An active session at aal2 or above (second factor done)."""

verified_address_required = _guarded(guards.require_verified_address)
verified_address_required.__doc__ = """``session_required`` plus a verified address."""
