"""System checks with stable ids (``kratos_auth.E0xx`` errors, ``W0xx`` warnings) and hints.

Kratos's production checklist: ``manage.py check --deploy`` runs them, and so does
``manage.py kratos serve`` without ``--dev`` (refusing to start on errors). Importing this
package registers them (``AppConfig.ready()`` does). One module per concern:
:mod:`.transport` (dev mode, HTTPS, cookies, CORS, admin interface, proxies),
:mod:`.secrets`, :mod:`.database` and :mod:`.policy` (passwords, hashing, sessions, MFA,
logging); each lists its ids in its docstring.
"""

from kratos_auth.checks import database, policy, secrets, transport
from kratos_auth.checks.base import TAG

__all__ = ["TAG", "database", "policy", "secrets", "transport"]
