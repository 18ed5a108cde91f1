"""Rate limits and lockout (Kratos has none: ory/kratos#3037), shared through Django's cache.

The API the flows call::

    from kratos_auth import ratelimit

    ratelimit.check("login", ctx.client_ip, identifier)  # RateLimited: 429 + Retry-After
    if ratelimit.is_locked(identity_id, identifier):     # answer as for a wrong password
        ...
    ratelimit.record_failure(identity_id, identifier, ip=ctx.client_ip)
    ratelimit.reset(identity)          # success, second factor, completed recovery

:mod:`.service` (rate limits), :mod:`.lockout`, :mod:`.counters` (the shared cache) and
:mod:`.proxy` (the client address behind trusted proxies).
"""

from kratos_auth.ratelimit.lockout import is_locked, record_failure, reset
from kratos_auth.ratelimit.proxy import TrustedProxyMiddleware, client_ip
from kratos_auth.ratelimit.service import Action, RateLimited, check

__all__ = [
    "Action",
    "RateLimited",
    "TrustedProxyMiddleware",
    "check",
    "client_ip",
    "is_locked",
    "record_failure",
    "reset",
]
