"""The hot read path: a session by token hash, with its identity, devices and addresses.

``/sessions/whoami`` runs on every request of every client, and building SQL through the
ORM costs more than running it; on PostgreSQL each extra round trip costs as much again. So
this module writes its two statements once per database (plain SQL over the models' own
table and column names, portable between SQLite and PostgreSQL):

* the session joined with its identity (``authenticate``: one row);
* the same, plus the session's devices and the identity's verifiable and recovery
  addresses, as one ``UNION ALL`` (``whoami``: one round trip). Each branch fills its own
  slice of a wide row and typed ``NULL``s elsewhere; a leading tag says which branch.

Rows become model instances through the backend's and the fields' own converters and
``Model.from_db``, exactly what the ORM would build; the related lists are cached on the
instances the way ``prefetch_related`` leaves them, so ``.all()`` costs no query.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, models

from kratos_auth.identity.models import Identity, RecoveryAddress, VerifiableAddress
from kratos_auth.session.models import Session, SessionDevice

Converter = tuple[list[Callable[..., Any]], Any]
# Related lists whoami shows: (tag, model, owner: "session" or "identity", related name, key).
CHILDREN = (
    ("d", SessionDevice, "session", "devices", "session_id"),
    ("v", VerifiableAddress, "identity", "verifiable_addresses", "identity_id"),
    ("r", RecoveryAddress, "identity", "recovery_addresses", "identity_id"),
)


@dataclass(frozen=True)
class _Columns:
    """One model's concrete fields selected under ``alias``, and how to read them back."""

    model: type[models.Model]
    names: tuple[str, ...]  # quoted "alias.column"
    nulls: tuple[str, ...]  # typed NULLs standing for the same columns in other branches
    attnames: tuple[str, ...]
    converters: tuple[tuple[int, Converter], ...]

    def build(self, using: str, values: Sequence[Any], connection: Any) -> Any:
        row = list(values)
        for index, (funcs, expression) in self.converters:
            value = row[index]
            for func in funcs:
                value = func(value, expression, connection)
            row[index] = value
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
    return _Columns(
        model=model,
        names=tuple(f"{alias}.{quote(f.column)}" for f in fields),
        nulls=tuple(f"CAST(NULL AS {f.db_type(connection)})" for f in fields),
        attnames=tuple(f.attname for f in fields),
        converters=tuple(converters),
    )


@dataclass(frozen=True)
class _Statements:
    session: _Columns
    identity: _Columns
    children: tuple[_Columns, ...]
    single: Callable[[int], str]  # number of hashes -> SQL
    wide: Callable[[int], str]


def _wide_sql(parts: list[_Columns], branches: list[tuple[int, str]], marks: str) -> str:
    """``UNION ALL`` of branches; branch ``(index, sql tail)`` fills ``parts[index]``."""
    selects = []
    for position, (index, tail) in enumerate(branches):
        cells = [f"'{position}'"]
        for other, part in enumerate(parts):
            cells += part.names if other == index else part.nulls
        selects.append(f"SELECT {', '.join(cells)} {tail.format(marks=marks)}")
    return " UNION ALL ".join(selects)


@functools.cache
def _statements(alias: str) -> _Statements:
    connection = connections[alias]
    q = connection.ops.quote_name
    session, identity = _columns(Session, "s", connection), _columns(Identity, "i", connection)
    children = tuple(_columns(m, f"c{n}", connection) for n, (_, m, *_) in enumerate(CHILDREN))
    sessions, identities = q(Session._meta.db_table), q(Identity._meta.db_table)
    joined = (
        f"FROM {sessions} s INNER JOIN {identities} i ON i.{q('id')} = s.{q('identity_id')} "
        f"WHERE s.{q('token_hash')} IN ({{marks}})"
    )

    def single(count: int) -> str:
        marks = ", ".join(["%s"] * count)
        return f"SELECT {', '.join(session.names + identity.names)} {joined.format(marks=marks)}"

    def wide(count: int) -> str:
        marks = ", ".join(["%s"] * count)
        # The first branch fills two parts (session and identity): one slice of the row.
        head = _Columns(
            Session, session.names + identity.names, session.nulls + identity.nulls, (), ()
        )
        layout = [head, *children]
        branches = [(0, joined)]
        for n, (_, model, owner, _, key) in enumerate(CHILDREN):
            target = "id" if owner == "session" else "identity_id"
            branches.append(
                (
                    n + 1,
                    f"FROM {q(model._meta.db_table)} c{n} WHERE c{n}.{q(key)} IN "
                    f"(SELECT s.{q(target)} FROM {sessions} s "
                    f"WHERE s.{q('token_hash')} IN ({{marks}}))",
                )
            )
        return _wide_sql(layout, branches, marks)

    return _Statements(session, identity, children, functools.cache(single), functools.cache(wide))


def _using() -> tuple[str, Any]:
    using = Session.objects.db
    return using, connections[using]


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
    with connection.cursor() as cursor:
        cursor.execute(statements.single(len(hashes)), list(hashes))
        row = cursor.fetchone()
    return _session_from(statements, using, row, connection) if row is not None else None


def whoami_by_token_hashes(hashes: Sequence[str]) -> Session | None:
    """Like :func:`session_by_token_hashes`, with the devices and the identity's addresses
    loaded too (``session.devices.all()`` etc. need no further query). One round trip."""
    using, connection = _using()
    statements = _statements(using)
    with connection.cursor() as cursor:
        cursor.execute(statements.wide(len(hashes)), list(hashes) * (1 + len(CHILDREN)))
        rows = cursor.fetchall()
    head = [row for row in rows if row[0] == "0"]
    if not head:
        return None
    offset = 1 + len(statements.session.attnames) + len(statements.identity.attnames)
    session = _session_from(statements, using, head[0][1:], connection)
    owners = {"session": session, "identity": session.identity}
    for n, (_, _, owner, name, _) in enumerate(CHILDREN):
        columns = statements.children[n]
        width = len(columns.attnames)
        found = [
            columns.build(using, row[offset : offset + width], connection)
            for row in rows
            if row[0] == str(n + 1)
        ]
        found.sort(key=lambda obj: (obj.created_at, str(obj.pk)))
        _cache(owners[owner], name, found)
        offset += width
    return session


def _cache(owner: models.Model, name: str, rows: list[models.Model]) -> None:
    queryset = getattr(owner, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    cache = owner.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[name] = queryset
