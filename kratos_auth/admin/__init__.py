"""Django admin for kratos_auth: each module registers its model admins on import."""

from kratos_auth.admin import (
    audit,  # noqa: F401
    courier,  # noqa: F401
    identities,  # noqa: F401
    sessions,  # noqa: F401
)
