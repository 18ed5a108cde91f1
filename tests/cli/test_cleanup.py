"""``kratos cleanup sql``: expired data goes in batches, live data and the audit log stay."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from django.core.management import CommandError, call_command

from kratos_auth.audit import service as audit
from kratos_auth.audit.models import AuditEntry
from kratos_auth.cli.cleanup import duration
from kratos_auth.core import clock
from kratos_auth.courier.models import CourierMessage, MessageDispatch
from kratos_auth.identity.models import Identity
from kratos_auth.session.models import Session, SessionDevice

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)


def _session(identity, expires_at):
    session = Session.objects.create(
        identity=identity, token_hash=uuid.uuid4().hex, expires_at=expires_at
    )
    SessionDevice.objects.create(session=session, ip_address="192.0.2.1")
    return session


@pytest.fixture
def data():
    identity = Identity.objects.create(schema_id="default", traits={"email": "a@example.com"})
    old = [_session(identity, NOW - dt.timedelta(days=100 + i)) for i in range(7)]
    recent = _session(identity, NOW - dt.timedelta(days=10))
    live = _session(identity, NOW + dt.timedelta(days=1))
    with clock.frozen(NOW - dt.timedelta(days=400)):
        audit.record(audit.AuditEvent(source="cli", actor="cli:test", action="old"))
    audit.record(audit.AuditEvent(source="cli", actor="cli:test", action="new"))
    return {"old": old, "recent": recent, "live": live}


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    with clock.frozen(NOW):
        call_command(
            "kratos", "cleanup", "sql", "--sleep-tables", "0s", *args, stdout=out, stderr=err
        )
    return out.getvalue()


def test_deletes_sessions_expired_longer_ago_than_keep_last_in_batches(data):
    out = _run("--keep-last", "90d", "--batch-size", "3", "--no-progress")
    assert "sessions: deleted 7" in out
    remaining = set(Session.objects.values_list("id", flat=True))
    assert remaining == {data["recent"].id, data["live"].id}
    assert SessionDevice.objects.count() == 2  # devices went with their sessions
    assert AuditEntry.objects.count() == 2  # the audit log is kept by default


def test_old_finished_courier_messages_go_queued_ones_stay(data):
    old = NOW - dt.timedelta(days=120)
    with clock.frozen(old):
        sent = CourierMessage.objects.create(
            type="email", recipient="a@x.test", status="sent", template_type="stub"
        )
        queued = CourierMessage.objects.create(
            type="email", recipient="a@x.test", status="queued", template_type="stub"
        )
        MessageDispatch.objects.create(message=sent, status="success")
    recent = CourierMessage.objects.create(
        type="email", recipient="a@x.test", status="sent", template_type="stub", created_at=NOW
    )
    out = _run("--keep-last", "90d", "--no-progress")
    assert "courier messages: deleted 1" in out
    assert set(CourierMessage.objects.values_list("id", flat=True)) == {queued.id, recent.id}
    assert not MessageDispatch.objects.exists()


def test_keep_last_zero_deletes_every_expired_session_but_not_live_ones(data):
    _run("--keep-last", "0s", "--no-progress")
    assert list(Session.objects.values_list("id", flat=True)) == [data["live"].id]


def test_dry_run_only_counts(data):
    out = _run("--keep-last", "90d", "--dry-run")
    assert "sessions: 7 would be deleted" in out
    assert Session.objects.count() == 9


def test_audit_entries_only_with_audit_keep_last(data):
    out = _run("--keep-last", "90d", "--audit-keep-last", "365d", "--no-progress")
    assert "audit entries: deleted 1" in out
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["new"]


def test_progress_is_shown_on_stderr(data):
    err = io.StringIO()
    with clock.frozen(NOW):
        call_command(
            "kratos",
            "cleanup",
            "sql",
            "--sleep-tables",
            "0s",
            "--keep-last",
            "90d",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "sessions" in err.getvalue() and "7/7" in err.getvalue()


def test_durations_accept_days_and_go_units():
    assert duration("90d") == dt.timedelta(days=90)
    assert duration("1d12h") == dt.timedelta(days=1, hours=12)
    assert duration("6h30m") == dt.timedelta(hours=6, minutes=30)


@pytest.mark.parametrize("args", [["--keep-last", "soon"], ["--batch-size", "0"]])
def test_bad_arguments_fail_without_deleting(data, args):
    with pytest.raises(CommandError):
        _run(*args)
    assert Session.objects.count() == 9
