"""Sessions: models, tokens, the service (issue/refresh/revoke/extend/whoami), the fast
whoami read path (``store``), transport (cookie, token headers), logout, and the checks
behind the decorators and DRF permissions (``guards``)."""
