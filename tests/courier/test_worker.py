"""The dispatch worker: retries with back-off, no message lost while the server is down,
abandoned after ``courier.message_retries``, one sender per message, secrets at rest."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from kratos_auth.core import clock
from kratos_auth.courier import queue, worker
from kratos_auth.courier.models import CourierMessage, MessageStatus, TemplateType

pytestmark = pytest.mark.django_db


def _queue(recipient: str, code: str = "123456") -> CourierMessage:
    return queue.queue_email(recipient, TemplateType.LOGIN_CODE_VALID, {"login_code": code})


def _later(seconds: float) -> dt.datetime:
    return clock.now() + dt.timedelta(seconds=seconds)


def test_every_message_arrives_exactly_once_after_an_outage(mail_server, use_mail_server, deliver):
    use_mail_server(mail_server)
    for n in range(3):
        _queue(f"before{n}@example.com")
    assert deliver().sent == 3

    mail_server.stop()  # the mail server goes away mid-run
    waiting = [_queue(f"during{n}@example.com") for n in range(3)]
    result = deliver()
    assert (result.sent, result.failed) == (0, 3)
    for message in waiting:
        message.refresh_from_db()
        assert (message.status, message.send_count) == (MessageStatus.QUEUED, 1)
        assert [d.status for d in message.dispatches.all()] == ["failed"]
    # Still down one back-off later: retried, still kept.
    with clock.frozen(_later(1.5)):
        assert deliver().failed == 3

    mail_server.start()  # back on the same port
    with clock.frozen(_later(10)):
        assert deliver().sent == 3
        assert deliver().claimed == 0  # nothing left, nothing sent twice
    recipients = [r for mail in mail_server.received for r in mail.rcpt_tos]
    expected = [f"before{n}@example.com" for n in range(3)]
    expected += [f"during{n}@example.com" for n in range(3)]
    assert sorted(recipients) == sorted(expected)
    for message in waiting:
        message.refresh_from_db()
        assert (message.status, message.send_count) == (MessageStatus.SENT, 3)
        assert [d.status for d in message.dispatches.all()] == ["failed", "failed", "success"]


def test_back_off_doubles_and_is_capped(mail_server, use_mail_server, deliver):
    use_mail_server(mail_server)
    mail_server.stop()
    message = _queue("alice@example.com")
    start = clock.now()
    with clock.frozen(start):
        deliver()
    message.refresh_from_db()
    assert message.available_at == start + dt.timedelta(seconds=1)
    with clock.frozen(start + dt.timedelta(milliseconds=500)):
        assert deliver().claimed == 0  # not due yet
    waits = []
    at = start
    for _ in range(3):
        at = message.available_at
        with clock.frozen(at):
            deliver()
        message.refresh_from_db()
        waits.append((message.available_at - at).total_seconds())
    assert waits == [2.0, 4.0, 4.0]  # retry_delay 1s doubling, max_retry_delay 4s


def test_abandoned_after_the_retry_limit_never_dropped_silently(
    mail_server, use_mail_server, deliver, settings, caplog
):
    use_mail_server(mail_server)
    settings.KRATOS = {**settings.KRATOS, "courier": {**settings.KRATOS["courier"]}}
    settings.KRATOS["courier"]["message_retries"] = 2
    mail_server.stop()
    message = _queue("alice@example.com")
    at = clock.now()
    for _ in range(3):
        with clock.frozen(at):
            deliver()
        at += dt.timedelta(minutes=5)
    message.refresh_from_db()
    assert (message.status, message.send_count) == (MessageStatus.ABANDONED, 3)
    assert [d.status for d in message.dispatches.all()] == ["failed"] * 3
    assert any("courier_message_abandoned" in r.getMessage() for r in caplog.records)
    mail_server.start()
    with clock.frozen(at + dt.timedelta(hours=1)):
        assert deliver().claimed == 0


def test_two_workers_never_claim_the_same_message(db):
    for n in range(6):
        _queue(f"user{n}@example.com")
    now = clock.now()
    first = worker.claim(4, now)
    second = worker.claim(4, now)
    assert len(first) == 4 and len(second) == 2
    assert not {m.pk for m in first} & {m.pk for m in second}
    assert worker.claim(4, now) == []
    # A worker that died keeps its claim only for the lease; then the messages are due again.
    again = worker.claim(10, now + worker.CLAIM_LEASE + dt.timedelta(seconds=1))
    assert {m.pk for m in again} == {m.pk for m in first + second}


def test_codes_are_encrypted_at_rest(db):
    message = _queue("alice@example.com", code="918273")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT subject, body, html_body, template_data FROM kratos_courier_messages "
            "WHERE id = %s",
            [message.pk.hex if connection.vendor == "sqlite" else message.pk],
        )
        row = cursor.fetchone()
    assert row is not None
    assert all("918273" not in str(column) for column in row)
    assert "918273" in CourierMessage.objects.get(pk=message.pk).body
    assert "918273" not in repr(message)


def test_watch_sends_until_stopped(mail_server, use_mail_server, db):
    use_mail_server(mail_server)
    _queue("alice@example.com")
    stop = threading.Event()
    results = []

    def on_batch(result):
        results.append(result)
        if result.sent or len(results) > 50:
            stop.set()

    worker.watch(stop, on_batch=on_batch)
    assert mail_server.last_to("alice@example.com")
    assert results[-1].sent == 1


def test_cli_watch_once(mail_server, use_mail_server, db, capsys):
    from django.core.management import call_command

    use_mail_server(mail_server)
    _queue("alice@example.com")
    _queue("bob@example.com")
    call_command("kratos", "courier", "watch", "--once")
    assert "2 sent" in capsys.readouterr().out
    assert len(mail_server.received) == 2


def test_serve_watch_courier_runs_the_worker_command():
    import io

    from kratos_auth.cli import serve

    command = serve.courier_command(io.StringIO())
    assert command is not None and command[-3:] == ["kratos", "courier", "watch"]
