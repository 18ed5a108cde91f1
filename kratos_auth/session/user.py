"""``request.user`` for a Kratos identity, without a Django user table.

:class:`KratosUser` quacks like ``django.contrib.auth``'s user where views, templates and
decorators look (``is_authenticated``, ``is_active``, ``pk``, ``get_username``,
``has_perm``…), so ``@login_required`` and ``{% if user.is_authenticated %}`` work without
changing ``AUTH_USER_MODEL``. It has no Django permissions and is never staff: Kratos
identities do not get into the Django admin site through it.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import Identity
from kratos_auth.session.models import Session


class KratosUser:
    """A signed-in Kratos identity (through ``session``)."""

    is_staff = False
    is_superuser = False
    is_anonymous = False
    is_authenticated = True

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def identity(self) -> Identity:
        return self.session.identity

    @property
    def pk(self) -> Any:
        return self.session.identity_id

    id = pk

    @property
    def is_active(self) -> bool:
        return self.identity.is_active

    @property
    def traits(self) -> Any:
        return self.identity.traits

    def get_username(self) -> str:
        """The identity's ``traits.email`` or ``traits.username`` when present, else its id."""
        traits = self.identity.traits if isinstance(self.identity.traits, dict) else {}
        for key in ("email", "username"):
            if isinstance(traits.get(key), str) and traits[key]:
                return traits[key]
        return str(self.pk)

    @property
    def username(self) -> str:
        return self.get_username()

    def __str__(self) -> str:
        return self.get_username()

    def __repr__(self) -> str:
        return f"<KratosUser {self.pk}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KratosUser) and other.pk == self.pk

    def __hash__(self) -> int:
        return hash(self.pk)

    # Django's permission API: a Kratos identity holds no Django permissions.
    def get_all_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def get_user_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, module: str) -> bool:
        return False

    def save(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError("Kratos identities are changed through the identity API.")

    def delete(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError("Kratos identities are changed through the identity API.")


class AnonymousKratosUser:
    """Stands in for ``AnonymousUser`` when ``django.contrib.auth`` is not installed."""

    pk = id = None
    username = ""
    is_staff = False
    is_superuser = False
    is_active = False
    is_anonymous = True
    is_authenticated = False

    def get_username(self) -> str:
        return ""

    def __str__(self) -> str:
        return "AnonymousUser"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AnonymousKratosUser)

    def __hash__(self) -> int:
        return 1

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, module: str) -> bool:
        return False
