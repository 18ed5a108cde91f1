"""The hot read path: a session by token hash, with its identity, devices and addresses.

``/sessions/whoami`` runs on every request of every client. Building SQL through the ORM
costs more than running it, and on PostgreSQL every extra round trip (and every extra
statement to plan) costs as much again. So this module writes its statement once per
database (plain SQL over the models' own table and column names):

* the session joined with its identity (``authenticate``);
* for ``whoami``, the same row plus three correlated sub-selects that aggregate the
  session's devices and the identity's verifiable and recovery addresses as JSON arrays
  (``json_agg`` on PostgreSQL, ``json_group_array`` on SQLite): one statement, one round
  trip. Other backends get three plain follow-up queries instead.

On PostgreSQL both run as server-side prepared statements (see :func:`_can_prepare`).

Rows become model instances through the backend's and the fields' own converters and
``Model.from_db`` — what the ORM would build; the related lists are cached on the instances
the way ``prefetch_related`` leaves them, so ``.all()`` costs no query.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, models

from kratos_auth.identity.models import Identity, RecoveryAddress, VerifiableAddress
from kratos_auth.session.models import Session, SessionDevice

Converter = tuple[list[Callable[..., Any]], Any]
# The related lists whoami shows: (model, owner, related name, foreign key, owner's column).
CHILDREN = (
    (SessionDevice, "session", "devices", "session_id", "id"),
    (VerifiableAddress, "identity", "verifiable_addresses", "identity_id", "identity_id"),
    (RecoveryAddress, "identity", "recovery_addresses", "identity_id", "identity_id"),
)
_AGGREGATE = {
    "postgresql": "(SELECT COALESCE(json_agg(json_build_array({cols})), '[]') {source})",
    "sqlite": "(SELECT json_group_array(json_array({cols})) {source})",
}


def _from_json(field: models.Field, zone: dt.tzinfo) -> Callable[[Any], Any]:
    """How to turn ``field``'s value as rendered by the database's JSON functions back
    into Python: what ``field.to_python`` does, minus its generic dispatch."""
    target = field.target_field if field.is_relation else field
    if isinstance(target, models.UUIDField):
        return lambda value: None if value is None else uuid.UUID(value)
    if isinstance(target, models.DateTimeField):

        def to_datetime(value: Any) -> Any:
            if value is None:
                return None
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)

        return to_datetime
    if isinstance(target, models.BooleanField):
        return lambda value: None if value is None else bool(value)
    if isinstance(target, models.CharField | models.TextField) and not field.is_relation:
        return lambda value: value
    return field.to_python


@dataclass(frozen=True)
class _Columns:
    """One model's concrete fields selected under ``alias``, and how to read them back."""

    model: type[models.Model]
    names: tuple[str, ...]  # quoted "alias.column"
    attnames: tuple[str, ...]
    converters: tuple[tuple[int, Converter], ...]
    json_converters: tuple[Callable[[Any], Any], ...]

    def build(self, using: str, values: Sequence[Any], connection: Any) -> Any:
        """An instance from a database row (backend and field converters applied)."""
        row = list(values)
        for index, (funcs, expression) in self.converters:
            value = row[index]
            for func in funcs:
                value = func(value, expression, connection)
            row[index] = value
        return self.model.from_db(using, self.attnames, row)

    def build_json(self, using: str, values: Sequence[Any]) -> Any:
        """An instance from a JSON array of the same columns (values as JSON renders them)."""
        row = [convert(value) for convert, value in zip(self.json_converters, values, strict=True)]
        return self.model.from_db(using, self.attnames, row)


def _columns(model: type[models.Model], alias: str, connection: Any) -> _Columns:
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    converters = []
    for index, field in enumerate(fields):
        col = field.get_col(alias)
        funcs = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if funcs:
            converters.append((index, (funcs, col)))
    zone = connection.timezone or dt.UTC
    return _Columns(
        model=model,
        names=tuple(f"{alias}.{quote(f.column)}" for f in fields),
        attnames=tuple(f.attname for f in fields),
        converters=tuple(converters),
        json_converters=tuple(_from_json(f, zone) for f in fields),
    )


@dataclass(frozen=True)
class _Statements:
    session: _Columns
    identity: _Columns
    children: tuple[_Columns, ...]
    sources: tuple[str, ...]  # "FROM <child table> c WHERE c.<fk> = {owner value}"
    single: Callable[[int], str]  # number of hashes -> SQL
    whoami: Callable[[int], str] | None  # None: the backend cannot aggregate to JSON


@functools.cache
def _statements(alias: str) -> _Statements:
    connection = connections[alias]
    q = connection.ops.quote_name
    session, identity = _columns(Session, "s", connection), _columns(Identity, "i", connection)
    children = tuple(_columns(model, "c", connection) for model, *_ in CHILDREN)
    sources = tuple(
        f"FROM {q(model._meta.db_table)} c WHERE c.{q(key)} = {{owner}}"
        for model, _, _, key, _ in CHILDREN
    )
    select = ", ".join(session.names + identity.names)
    joined = (
        f"FROM {q(Session._meta.db_table)} s INNER JOIN {q(Identity._meta.db_table)} i "
        f"ON i.{q('id')} = s.{q('identity_id')} WHERE s.{q('token_hash')} IN ({{marks}})"
    )

    def single(count: int) -> str:
        return f"SELECT {select} {joined.format(marks=', '.join(['%s'] * count))}"

    template = _AGGREGATE.get(connection.vendor)
    whoami = None
    if template is not None:
        aggregates = ", ".join(
            template.format(
                cols=", ".join(columns.names),
                source=source.format(owner=f"s.{q(owner_column)}"),
            )
            for columns, source, (*_, owner_column) in zip(children, sources, CHILDREN, strict=True)
        )

        def whoami(count: int) -> str:
            marks = ", ".join(["%s"] * count)
            return f"SELECT {select}, {aggregates} {joined.format(marks=marks)}"

    return _Statements(
        session,
        identity,
        children,
        sources,
        functools.cache(single),
        functools.cache(whoami) if whoami else None,
    )


@functools.cache
def _foreign_key(model: type[models.Model], related_name: str) -> Any:
    """The foreign key of ``model`` whose reverse accessor is ``related_name``."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.remote_field.related_name == related_name:
            return field
    raise LookupError(f"{model.__name__} has no foreign key named {related_name!r} back")


def _using() -> tuple[str, Any]:
    using = Session.objects.db
    return using, connections[using]


def _fetchone(connection: Any, sql: str, params: list[Any]) -> Sequence[Any] | None:
    if _can_prepare(connection):
        return _fetchone_prepared(connection, sql, params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _can_prepare(connection: Any) -> bool:
    """PostgreSQL runs these statements as server-side prepared statements: planning them
    costs several times more than running them. Not when queries are being logged (so
    ``DEBUG``, the debug toolbar and query-counting tests see them), nor when the settings
    say prepared statements cannot be used (``DISABLE_SERVER_SIDE_CURSORS``, the switch for
    PgBouncer's transaction pooling, or an explicit ``OPTIONS["prepare_threshold"] = None``).
    """
    if connection.vendor != "postgresql" or connection.queries_logged:
        return False
    settings = connection.settings_dict
    if settings.get("DISABLE_SERVER_SIDE_CURSORS"):
        return False
    options = settings.get("OPTIONS") or {}
    return not ("prepare_threshold" in options and options["prepare_threshold"] is None)


def _fetchone_prepared(connection: Any, sql: str, params: list[Any]) -> Sequence[Any] | None:
    import psycopg  # PostgreSQL only; imported here so SQLite-only installs need no driver

    connection.validate_no_broken_transaction()
    connection.ensure_connection()
    raw = connection.connection
    if not isinstance(raw, psycopg.Connection):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    # Django turns psycopg's automatic preparing off (prepare_threshold None) for its own
    # client-side cursors; allow it for this one server-binding cursor only.
    previous = raw.prepare_threshold
    raw.prepare_threshold = 0
    try:
        with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()
    finally:
        raw.prepare_threshold = previous


def _session_from(
    statements: _Statements, using: str, row: Sequence[Any], connection: Any
) -> Session:
    width = len(statements.session.attnames)
    session = statements.session.build(using, row[:width], connection)
    end = width + len(statements.identity.attnames)
    session.identity = statements.identity.build(using, row[width:end], connection)
    return session


def session_by_token_hashes(hashes: Sequence[str]) -> Session | None:
    """The session stored under one of ``hashes``, its identity loaded (one query)."""
    using, connection = _using()
    statements = _statements(using)
    row = _fetchone(connection, statements.single(len(hashes)), list(hashes))
    return _session_from(statements, using, row, connection) if row is not None else None


def whoami_by_token_hashes(hashes: Sequence[str]) -> Session | None:
    """Like :func:`session_by_token_hashes`, with the devices and the identity's addresses
    loaded too (``session.devices.all()`` etc. need no further query). One round trip."""
    using, connection = _using()
    statements = _statements(using)
    if statements.whoami is None:
        session = session_by_token_hashes(hashes)
        if session is not None:
            _load_children(statements, session, using, connection)
        return session
    row = _fetchone(connection, statements.whoami(len(hashes)), list(hashes))
    if row is None:
        return None
    session = _session_from(statements, using, row, connection)
    owners = {"session": session, "identity": session.identity}
    lists = row[len(row) - len(CHILDREN) :]
    for columns, raw, (_, owner, name, _, _) in zip(
        statements.children, lists, CHILDREN, strict=True
    ):
        items = json.loads(raw) if isinstance(raw, str | bytes) else (raw or [])
        found = [columns.build_json(using, values) for values in items]
        _cache(owners[owner], _foreign_key(columns.model, name), found)
    return session


def _load_children(statements: _Statements, session: Session, using: str, connection: Any) -> None:
    """The fallback: one plain query per related list."""
    owners = {"session": session, "identity": session.identity}
    with connection.cursor() as cursor:
        for columns, source, (_, owner, name, _, owner_column) in zip(
            statements.children, statements.sources, CHILDREN, strict=True
        ):
            target = owners[owner]
            key = type(target)._meta.pk.get_db_prep_value(
                getattr(session, owner_column), connection
            )
            cursor.execute(f"SELECT {', '.join(columns.names)} {source.format(owner='%s')}", [key])
            found = [columns.build(using, values, connection) for values in cursor.fetchall()]
            _cache(target, _foreign_key(columns.model, name), found)


def _cache(owner: models.Model, related: models.ForeignKey, rows: list[models.Model]) -> None:
    """Leave ``rows`` where ``prefetch_related`` would: a queryset of the relation with its
    result cache filled. Its relation filter is deferred (Django's own deferred-filter
    mechanism, which the related managers use too) rather than built now: whoami only reads
    the cached rows, and building the filter costs more than the rows. Anything chained on
    the queryset (``filter``, ``update``…) applies it first."""
    rows.sort(key=lambda obj: (obj.created_at, str(obj.pk)))  # the models' own ordering
    model = related.model
    queryset = model._default_manager._queryset_class(
        model=model, using=owner._state.db, hints={"instance": owner}
    )
    queryset._deferred_filter = (False, (), {related.name: owner})
    queryset._result_cache = rows
    queryset._prefetch_done = True
    cache_name = related.remote_field.cache_name
    owner.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset
