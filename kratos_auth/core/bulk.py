"""One INSERT for many model instances, without ``bulk_create``'s per-value machinery.

``QuerySet.bulk_create`` prepares every value of every row through the field API
(``pre_save``, ``get_db_prep_save``, expression checks); for a 1,000-identity import that
is a large share of the request. :func:`insert_rows` asks a field only when it must (JSON,
encrypted and other custom fields, automatic dates); plain columns are read straight off
the instances. On PostgreSQL it sends what Django itself sends there,
``INSERT … SELECT * FROM UNNEST(%s::type[], …)``; on other databases, and for fields that
cannot travel in an array, it leaves the work to ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connections, models, router

Reader = Callable[[models.Model], Any]

# Field classes whose stored value is the attribute as it is (exact classes: a subclass
# may prepare its value, so it takes the careful path).
_AS_IS = frozenset(
    {
        models.CharField,
        models.TextField,
        models.BooleanField,
        models.IntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.BigIntegerField,
    }
)


def _reader(field: models.Field, connection: Any) -> Reader:
    kind = type(field)
    get = attrgetter(field.attname)
    if kind in _AS_IS:
        return get
    if kind is models.DateTimeField and not (field.auto_now or field.auto_now_add):
        return get
    target = field.target_field if field.is_relation else field
    if type(target) is models.UUIDField and kind in (models.UUIDField, models.ForeignKey):
        to_python = target.to_python  # a str id becomes a UUID, as the field would do
        return lambda obj: to_python(get(obj))

    def prepared(obj: models.Model) -> Any:
        return field.get_db_prep_save(field.pre_save(obj, True), connection)

    return prepared


def _unnestable(field: models.Field, connection: Any) -> bool:
    """Whether values of ``field`` can travel as one typed array (Django's own test)."""
    target = field.target_field if field.is_relation else field
    return (
        not hasattr(field, "get_placeholder")
        and target.get_internal_type() in connection.data_types
    )


def insert_rows(objs: Sequence[models.Model]) -> None:
    """Insert new instances of one model (primary keys already set) in one statement."""
    if not objs:
        return
    model = type(objs[0])
    using = router.db_for_write(model)
    connection = connections[using]
    fields = list(model._meta.concrete_fields)
    if connection.vendor != "postgresql" or not all(_unnestable(f, connection) for f in fields):
        model._default_manager.using(using).bulk_create(objs)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    # As Django does: varchar[] rather than varchar(50)[], so nothing is cut on the way.
    arrays = ", ".join(f"%s::{f.db_type(connection).split('(')[0]}[]" for f in fields)
    # Only quoted identifiers and column types from the model's own definition: no input.
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays})"  # noqa: S608
    readers = [_reader(f, connection) for f in fields]
    params = [[read(obj) for obj in objs] for read in readers]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
