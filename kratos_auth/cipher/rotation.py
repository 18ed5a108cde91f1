"""Re-encrypt every encrypted value under the first key, and report what still needs old keys.

Used by ``manage.py kratos secrets rotate``. Rows are read in keyset-paginated batches (by
primary key), each batch in its own transaction, and written with a conditional
``QuerySet.update()`` of the raw column (no ``save()``, no signals, no ``auto_now``). Values
already under the first key are skipped, so an interrupted run is resumed by running it
again. A value that cannot be decrypted is counted, logged and left untouched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, transaction

from kratos_auth.cipher import sealing
from kratos_auth.cipher.fields import EncryptedFieldMixin, Sealed
from kratos_auth.cipher.keyring import Keyring
from kratos_auth.errors import DecryptionFailed

DEFAULT_BATCH_SIZE = 500
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Target:
    """One encrypted column."""

    model: type[models.Model]
    field: EncryptedFieldMixin

    @property
    def label(self) -> str:
        return f"{self.model._meta.db_table}.{self.field.column}"

    def manager(self, using: str) -> models.Manager:
        return self.model._base_manager.db_manager(using)

    def count(self, using: str) -> int:
        return self.manager(using).filter(**{f"{self.field.attname}__isnull": False}).count()


@dataclass
class Tally:
    """Counts for one column. ``old_keys`` maps key labels to values not under the first key."""

    reencrypted: int = 0
    current: int = 0
    failed: int = 0
    old_keys: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.reencrypted + self.current + self.failed + sum(self.old_keys.values())


@dataclass
class Budget:
    """Stops a run after ``max_batches`` batches (all columns together); ``None``: no limit."""

    max_batches: int | None = None
    used: int = 0

    @property
    def exhausted(self) -> bool:
        return self.max_batches is not None and self.used >= self.max_batches


def targets() -> list[Target]:
    """Every encrypted column of every installed, managed, non-proxy model."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.local_concrete_fields:
            if isinstance(f, EncryptedFieldMixin):
                found.append(Target(model, f))
    return sorted(found, key=lambda t: t.label)


def batches(target: Target, using: str, batch_size: int) -> Iterator[list[tuple[Any, Sealed]]]:
    """``(pk, stored value)`` pairs in primary-key order, ``batch_size`` at a time."""
    attname = target.field.attname
    rows_qs = target.manager(using).filter(**{f"{attname}__isnull": False}).order_by("pk")
    last: Any = None
    while True:
        page = rows_qs if last is None else rows_qs.filter(pk__gt=last)
        rows = list(page.values_list("pk", attname)[:batch_size])
        if not rows:
            return
        yield rows
        if len(rows) < batch_size:
            return
        last = rows[-1][0]


def rotate(
    target: Target,
    ring: Keyring,
    *,
    using: str = "default",
    batch_size: int = DEFAULT_BATCH_SIZE,
    budget: Budget | None = None,
    progress: Progress | None = None,
    allow_noop: bool = False,
) -> Tally:
    """Re-seal every value of ``target`` not yet under the first key of ``ring``."""
    tally = Tally()
    budget = budget or Budget()
    for rows in batches(target, using, batch_size):
        if budget.exhausted:
            break
        budget.used += 1
        with transaction.atomic(using=using):
            for pk, text in rows:
                _rotate_row(target, ring, using, pk, text, tally, allow_noop)
        if progress:
            progress(len(rows))
    return tally


def _rotate_row(
    target: Target,
    ring: Keyring,
    using: str,
    pk: Any,
    text: Sealed,
    tally: Tally,
    allow_noop: bool,
) -> None:
    if sealing.is_current(text, ring):
        tally.current += 1
        return
    context = target.field.context(pk)
    try:
        _, plaintext = sealing.open_(text, context, ring, allow_noop=allow_noop)
    except DecryptionFailed:
        tally.failed += 1
        return
    attname = target.field.attname
    new = Sealed(sealing.seal(plaintext, context, ring))
    # Conditional on the value we read: a concurrent save() already sealed with the first key.
    updated = target.manager(using).filter(pk=pk, **{attname: text}).update(**{attname: new})
    if updated:
        tally.reencrypted += 1
    else:
        tally.current += 1


def check(
    target: Target,
    ring: Keyring,
    *,
    using: str = "default",
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> Tally:
    """Decrypt every value of ``target``; count those under each key other than the first."""
    tally = Tally()
    for rows in batches(target, using, batch_size):
        for pk, text in rows:
            try:
                label, _ = sealing.open_(text, target.field.context(pk), ring, allow_noop=True)
            except DecryptionFailed:
                tally.failed += 1
                continue
            if sealing.is_current(text, ring):
                tally.current += 1
            else:
                tally.old_keys[label] += 1
        if progress:
            progress(len(rows))
    return tally
