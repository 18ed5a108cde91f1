"""Rate limits and lockout (Kratos has none: ory/kratos#3037), shared through Django's cache.

See :mod:`kratos_auth.ratelimit.service` for the API the flows call and
:mod:`kratos_auth.ratelimit.proxy` for the client address behind trusted proxies.
"""

from kratos_auth.ratelimit.proxy import TrustedProxyMiddleware, client_ip
from kratos_auth.ratelimit.service import (
    Action,
    RateLimited,
    check,
    is_locked,
    record_failure,
    reset,
)

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
