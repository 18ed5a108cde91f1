"""``kratos cleanup sql``: delete what Kratos no longer needs, in small batches.

Like ``kratos cleanup sql --keep-last 6h``: rows that expired (or were finished) more than
``--keep-last`` ago are deleted, ``--batch-size`` rows per short transaction, so no table is
locked for long; ``--sleep-tables`` pauses between tables. What goes, per model of this app:

* ``Session``: ``expires_at`` before the cutoff (devices go with their session);
* every ``…Flow`` model with ``expires_at``: expired before the cutoff;
* every ``…Code`` / ``…Token`` / ``…Counter`` model with ``expires_at``: expired, or used
  (``used_at``), before the cutoff;
* courier messages (``…Message`` with ``status``): sent or abandoned, created before the
  cutoff;
* stored self-service errors (``…Error``): created before the cutoff;
* audit entries only with ``--audit-keep-last`` (the audit log is kept by default).

Models that are not installed are skipped, so the command works at every stage of the app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from django.apps import apps
from django.db import transaction
from django.db.models import Model, Q
from tqdm import tqdm

from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.core.units import UnitError, parse_duration

_DAYS = re.compile(r"^([0-9]+)d(.*)$")
_FINISHED_MESSAGE_STATES = ("sent", "abandoned")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("cleanup", help="Remove expired and finished data")
    commands = parser.add_subparsers(dest="cleanup_command", required=True)
    sql = commands.add_parser(
        "sql",
        help="Delete expired sessions, flows, used codes and old courier messages",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sql.add_argument(
        "--keep-last",
        type=duration,
        default=None,
        metavar="DURATION",
        help="keep rows that expired less than this ago, e.g. 6h, 90d "
        "(default: database.cleanup.older_than)",
    )
    sql.add_argument(
        "--batch-size",
        type=_positive,
        default=None,
        metavar="N",
        help="rows per batch and transaction (default: database.cleanup.batch_size)",
    )
    sql.add_argument(
        "--sleep-tables",
        type=duration,
        default=None,
        metavar="DURATION",
        help="pause between tables (default: database.cleanup.sleep.tables)",
    )
    sql.add_argument(
        "--audit-keep-last",
        type=duration,
        default=None,
        metavar="DURATION",
        help="also delete audit entries older than this (default: keep them all)",
    )
    sql.add_argument("--dry-run", action="store_true", help="only count what would go")
    sql.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    sql.set_defaults(handler=run_sql)


def duration(value: str) -> dt.timedelta:
    """A Go duration (``6h``, ``30m``) or days (``90d``, ``1d12h``)."""
    match = _DAYS.match(value.strip())
    try:
        if match:
            rest = parse_duration(match.group(2)) if match.group(2) else dt.timedelta(0)
            return dt.timedelta(days=int(match.group(1))) + rest
        return parse_duration(value)
    except UnitError:
        raise argparse.ArgumentTypeError(f"not a duration (e.g. 6h, 90d): {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError("must be an integer of at least 1")
    return number


@dataclass(frozen=True)
class Target:
    label: str
    model: type[Model]
    condition: Q


def _fields(model: type[Model]) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def targets(cutoff: dt.datetime, audit_cutoff: dt.datetime | None) -> Iterator[Target]:
    """What to delete, per installed model of this app (see the module docstring)."""
    for model in apps.get_app_config("kratos_auth").get_models():
        name, fields = model.__name__, _fields(model)
        if name == "Session" and "expires_at" in fields:
            yield Target("sessions", model, Q(expires_at__lt=cutoff))
        elif name.endswith("Flow") and "expires_at" in fields:
            yield Target(model._meta.verbose_name_plural, model, Q(expires_at__lt=cutoff))
        elif name.endswith(("Code", "Token", "Counter")) and "expires_at" in fields:
            condition = Q(expires_at__lt=cutoff)
            if "used_at" in fields:
                condition |= Q(used_at__lt=cutoff)
            yield Target(model._meta.verbose_name_plural, model, condition)
        elif name.endswith("Error") and "created_at" in fields:
            yield Target(model._meta.verbose_name_plural, model, Q(created_at__lt=cutoff))
        elif name.endswith("Message") and {"status", "created_at"} <= fields:
            condition = Q(created_at__lt=cutoff, status__in=_FINISHED_MESSAGE_STATES)
            yield Target("courier messages", model, condition)
        elif name == "AuditEntry" and audit_cutoff is not None:
            yield Target("audit entries", model, Q(created_at__lt=audit_cutoff))


def delete_in_batches(target: Target, batch_size: int, progress: Any = None) -> int:
    """Delete the target's rows, ``batch_size`` primary keys per transaction."""
    deleted = 0
    while True:
        with transaction.atomic():
            ids = list(
                target.model.objects.filter(target.condition)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                return deleted
            target.model.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
        if progress is not None:
            progress(len(ids))


def run_sql(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    cleanup = config.database.cleanup
    keep = args.keep_last if args.keep_last is not None else cleanup.older_than
    batch_size = args.batch_size or cleanup.batch_size
    pause = args.sleep_tables if args.sleep_tables is not None else cleanup.sleep.tables
    now = clock.now()
    audit_cutoff = now - args.audit_keep_last if args.audit_keep_last is not None else None
    total = 0
    for index, target in enumerate(targets(now - keep, audit_cutoff)):
        if index and pause and not args.dry_run:
            time.sleep(pause.total_seconds())
        count = target.model.objects.filter(target.condition).count()
        if args.dry_run:
            stdout.write(f"{target.label}: {count} would be deleted\n")
            continue
        with tqdm(
            total=count, desc=target.label, unit="row", file=stderr, disable=args.no_progress
        ) as bar:
            deleted = delete_in_batches(target, batch_size, bar.update)
        total += deleted
        stdout.write(f"{target.label}: deleted {deleted}\n")
    if not args.dry_run:
        stdout.write(f"Deleted {total} row(s) in batches of {batch_size}.\n")
    return 0
