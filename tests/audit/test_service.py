"""The audit trail's service: stored entries, one log line each, no injection."""

from __future__ import annotations

import logging

import pytest

from kratos_auth.audit import service as audit
from kratos_auth.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _event(**kw):
    base = {"source": "admin_api", "actor": "api-key:ops", "action": "getIdentity"}
    return audit.AuditEvent(**{**base, **kw})


def test_record_stores_who_what_when_target(caplog):
    with caplog.at_level(logging.INFO, logger="kratos_auth.audit"):
        entry = audit.record(
            _event(target_type="identity", target_id="abc", status=200, actor_ip="10.0.0.1")
        )
    stored = AuditEntry.objects.get(id=entry.id)
    assert (stored.actor, stored.action, stored.target_type, stored.target_id) == (
        "api-key:ops",
        "getIdentity",
        "identity",
        "abc",
    )
    assert stored.created_at is not None and stored.actor_ip == "10.0.0.1"
    assert "action=getIdentity target=identity:abc status=200" in caplog.text


def test_log_line_escapes_crlf(caplog):
    with caplog.at_level(logging.INFO, logger="kratos_auth.audit"):
        audit.record(_event(actor="evil\nFAKE audit line", target_id="x\r\ny"))
    assert len(caplog.records) == 1
    assert "\n" not in caplog.records[0].getMessage()
    assert "evil\\nFAKE" in caplog.records[0].getMessage()


def test_record_many_and_lookup_and_delete_by_target():
    audit.record_many([_event(target_type="identity", target_id=str(i)) for i in range(3)])
    audit.record(_event(target_type="identity", target_id="1", action="updateIdentity"))
    assert audit.entries_for("identity", "1").count() == 2
    assert audit.delete_for("identity", "1") == 2
    assert AuditEntry.objects.count() == 2


def test_str_names_actor_action_target():
    entry = audit.record(_event(target_type="identity", target_id="abc"))
    assert str(entry) == "api-key:ops getIdentity identity:abc"
