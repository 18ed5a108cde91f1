"""Encrypted model fields: ``EncryptedTextField`` and ``EncryptedJSONField``.

The column holds text: our envelope (see :mod:`kratos_auth.cipher.sealing`), bound to the
table, column and row primary key. ``from_db_value`` cannot see the row, so a descriptor keeps
the stored value (a :class:`Sealed` string) and decrypts on first attribute access, caching the
plaintext. ``pre_save`` encrypts with the first key; a value never read is re-sealed only if
its key is not the first or it was read from another row. ``.values()`` returns ciphertext.

The primary key must be known before INSERT (e.g. ``UUIDField(default=uuid.uuid4)``).
Values are written only by ``Model.save()`` / ``create()`` / ``bulk_create()`` /
``update_or_create()``: ``QuerySet.update()``, ``bulk_update()`` and filters with plaintext
raise ``TypeError``, since they do not know the row.
"""

from __future__ import annotations

import json
from typing import Any

from django.core import checks
from django.db import models
from django.db.models import signals
from django.db.models.fields import AutoFieldMixin
from django.db.models.query_utils import DeferredAttribute

from kratos_auth.cipher import sealing
from kratos_auth.errors import DecryptionFailed

CHECK_ROW_KEY = "kratos_auth.E201"


class Sealed(str):
    """A value as stored. ``origin`` is the primary key of the row it was read from."""

    origin: Any = None


class EncryptedAttribute(DeferredAttribute):
    """Holds the sealed value and decrypts it, with its row, on first access."""

    def __get__(self, instance: models.Model | None, cls: type | None = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)  # loads a deferred field
        if isinstance(value, Sealed):
            value = self.field.open_sealed(instance, value)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedFieldMixin:
    """Shared by the encrypted fields; subclasses define ``to_bytes`` and ``from_bytes``."""

    descriptor_class = EncryptedAttribute

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)  # kept out of forms and the admin by default
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.pop("editable", True):
            kwargs["editable"] = True
        return name, path, args, kwargs

    def contribute_to_class(self, cls: type[models.Model], name: str, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            signals.post_init.connect(self._remember_origin, sender=cls)

    def _remember_origin(self, instance: models.Model, **kwargs: Any) -> None:
        value = instance.__dict__.get(self.attname)
        if isinstance(value, Sealed) and value.origin is None:
            value.origin = instance.pk

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        pk = self.model._meta.pk
        if isinstance(pk, AutoFieldMixin):
            errors.append(
                checks.Error(
                    "Encrypted fields bind their value to the row's primary key, which an "
                    "auto-increment key only gets after INSERT.",
                    hint="Use a primary key with a default, e.g. "
                    "UUIDField(primary_key=True, default=uuid.uuid4).",
                    obj=self,
                    id=CHECK_ROW_KEY,
                )
            )
        return errors

    def context(self, pk: Any) -> sealing.Context:
        return sealing.Context(self.model._meta.db_table, self.column, str(pk))

    def open_sealed(self, instance: models.Model, value: Sealed) -> Any:
        """The plaintext of ``value``. Raises :class:`DecryptionFailed` (logged)."""
        context = self.context(value.origin if value.origin is not None else instance.pk)
        _, data = sealing.open_(value, context)
        try:
            return self.from_bytes(data)
        except ValueError as err:
            sealing.report_failure(value, context)
            raise DecryptionFailed() from err

    def pre_save(self, model_instance: models.Model, add: bool) -> Sealed | None:
        if self.attname not in model_instance.__dict__:
            getattr(model_instance, self.attname)  # a deferred field named in update_fields
        value = model_instance.__dict__[self.attname]
        if value is None:
            return None
        pk = model_instance.pk
        if pk is None:
            raise ValueError(
                f"{self.model.__name__}.{self.name} is encrypted for its row: "
                "set the primary key before saving"
            )
        if isinstance(value, Sealed):
            return self._reseal(model_instance, value)
        sealed = Sealed(sealing.seal(self.to_bytes(value), self.context(pk)))
        sealed.origin = pk
        return sealed

    def _reseal(self, instance: models.Model, value: Sealed) -> Sealed:
        """A value saved without being read: keep it unless its key or row changed."""
        pk = instance.pk
        origin = pk if value.origin is None else value.origin
        if origin == pk and sealing.is_current(value):
            return value
        try:
            _, data = sealing.open_(value, self.context(origin))
        except DecryptionFailed:
            if origin == pk:
                return value  # overwrite nothing: the stored value stays as it was
            raise
        sealed = Sealed(sealing.seal(data, self.context(pk)))
        sealed.origin = pk
        instance.__dict__[self.attname] = sealed
        return sealed

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else Sealed(value)

    def get_prep_value(self, value: Any) -> str | None:
        if value is None or isinstance(value, Sealed):
            return None if value is None else str(value)
        raise TypeError(
            f"{self.model.__name__}.{self.name} is encrypted when its row is saved; "
            "QuerySet.update(), bulk_update() and filters on plaintext cannot be used"
        )

    def value_to_string(self, obj: models.Model) -> str | None:
        sealed = self.pre_save(obj, add=False)
        return None if sealed is None else str(sealed)

    def to_bytes(self, value: Any) -> bytes:
        raise NotImplementedError

    def from_bytes(self, data: bytes) -> Any:
        raise NotImplementedError


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    """Text encrypted at rest."""

    def to_bytes(self, value: Any) -> bytes:
        return str(value).encode("utf-8")

    def from_bytes(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValueError("not UTF-8") from err


class EncryptedJSONField(EncryptedFieldMixin, models.TextField):
    """JSON encrypted at rest (stored in a text column)."""

    empty_values = [None, ""]  # {} and [] are values, not blanks

    def to_bytes(self, value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def from_bytes(self, data: bytes) -> Any:
        return json.loads(data.decode("utf-8"))

    def to_python(self, value: Any) -> Any:
        return value
