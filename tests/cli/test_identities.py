"""``kratos identities …``: import, get, list, delete, validate, export (GDPR)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat

import bcrypt
import pytest
from django.core.management import CommandError, call_command

from kratos_auth import hashers
from kratos_auth.audit.models import AuditEntry
from kratos_auth.courier.models import CourierMessage
from kratos_auth.identity import queries, service
from kratos_auth.identity.models import Identity
from kratos_auth.session.models import Session, SessionDevice

pytestmark = pytest.mark.django_db

HASH = bcrypt.hashpw(b"cli password 1", bcrypt.gensalt(4)).decode()


def kratos(*args, stdin=None, ok=True):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        import sys

        saved, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        if ok:
            call_command("kratos", "identities", *args, stdout=out, stderr=err)
        else:
            with pytest.raises(CommandError):
                call_command("kratos", "identities", *args, stdout=out, stderr=err)
    finally:
        if stdin is not None:
            sys.stdin = saved
    return out.getvalue(), err.getvalue()


def _body(email, **extra):
    return {"schema_id": "default", "traits": {"email": email}, **extra}


def _file(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(json.dumps(content))
    return str(path)


def test_import_files_and_stdin_with_progress(tmp_path):
    many = _file(
        tmp_path,
        "many.json",
        [
            _body(
                f"u{i}@example.com", credentials={"password": {"config": {"hashed_password": HASH}}}
            )
            for i in range(3)
        ],
    )
    one = _file(tmp_path, "one.json", _body("solo@example.com"))
    out, err = kratos("import", many, one, "-", stdin=json.dumps(_body("stdin@example.com")))
    created = json.loads(out)
    assert sorted(i["traits"]["email"] for i in created) == sorted(
        [
            "u0@example.com",
            "u1@example.com",
            "u2@example.com",
            "solo@example.com",
            "stdin@example.com",
        ]
    )
    assert "Imported 5 identities, 0 failed." in err
    assert "5/5" in err  # progress bar
    stored = queries.credential_config(
        queries.credentials_of(queries.find_by_identifier("password", "u1@example.com").identity)[
            "password"
        ]
    )["hashed_password"]
    assert hashers.verify_password("cli password 1", stored)
    assert AuditEntry.objects.filter(source="cli", action="import_identities").count() == 5


def test_import_reports_bad_items_and_keeps_good_ones(tmp_path):
    path = _file(tmp_path, "mixed.json", [_body("ok@example.com"), _body("bad"), {"nope": 1}])
    out, err = kratos("import", path, "--no-progress", ok=False)
    assert [i["traits"]["email"] for i in json.loads(out)] == ["ok@example.com"]
    errors = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [e["source"] for e in errors] == [f"{path}#1", f"{path}#2"]
    assert all(e["error"]["code"] == 400 for e in errors)
    assert Identity.objects.count() == 1


def test_import_of_unreadable_file_writes_nothing(tmp_path):
    good = _file(tmp_path, "good.json", _body("a@example.com"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    _, err = kratos("import", good, str(bad), ok=False)
    assert "cannot read JSON" in err
    assert not Identity.objects.exists()


def test_get_list_and_page_tokens():
    ids = sorted(
        str(service.create_identity(traits={"email": f"l{i}@example.com"}).id) for i in range(3)
    )
    out, _ = kratos("get", ids[0], "--include-credentials", "password")
    assert json.loads(out)["id"] == ids[0]
    out, _ = kratos("get", ids[0], ids[1])
    assert [i["id"] for i in json.loads(out)] == ids[:2]
    first = json.loads(kratos("list", "--page-size", "2")[0])
    assert [i["id"] for i in first["identities"]] == ids[:2] and first["next_page_token"]
    second = json.loads(
        kratos("list", "--page-size", "2", "--page-token", first["next_page_token"])[0]
    )
    assert [i["id"] for i in second["identities"]] == ids[2:] and second["next_page_token"] is None
    _, err = kratos("list", "--page-token", "forged", ok=False)
    assert "page token" in err


def test_get_unknown_id_fails():
    _, err = kratos("get", "00000000-0000-0000-0000-000000000000", ok=False)
    assert json.loads(err)["error"]["code"] == 404


def test_validate_checks_without_writing(tmp_path):
    path = _file(
        tmp_path,
        "check.json",
        [
            _body("fine@example.com"),
            _body("x"),
            _body(
                "h@example.com",
                credentials={"password": {"config": {"hashed_password": "$2a$99$x"}}},
            ),
        ],
    )
    out, _ = kratos("validate", path, ok=False)
    report = json.loads(out)
    assert [r["valid"] for r in report] == [True, False, False]
    assert report[1]["error"]["code"] == 400
    assert not Identity.objects.exists()
    ok = _file(tmp_path, "ok.json", _body("fine@example.com"))
    assert json.loads(kratos("validate", ok)[0]) == [{"source": f"{ok}#0", "valid": True}]


@pytest.fixture
def person():
    identity = service.create_identity(
        traits={"email": "person@example.com", "name": {"first": "Pat"}},
        credentials={"password": {"config": {"hashed_password": HASH}}},
        metadata_admin={"crm": 7},
    )
    session = Session.objects.create(
        identity=identity,
        token_hash="t" * 64,
        expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
    )
    SessionDevice.objects.create(session=session, ip_address="198.51.100.7", user_agent="Firefox")
    CourierMessage.objects.create(
        type="email",
        recipient="person@example.com",
        subject="Your code 555111",
        body="Use 555111 to recover",
        template_type="recovery_code_valid",
    )
    CourierMessage.objects.create(
        type="email", recipient="someone-else@example.com", template_type="stub"
    )
    return identity


def test_export_holds_everything_but_no_secrets(person, tmp_path):
    out, _ = kratos("export", str(person.id))
    data = json.loads(out)
    assert data["identity"]["traits"]["name"] == {"first": "Pat"}
    assert data["identity"]["metadata_admin"] == {"crm": 7}
    assert data["verifiable_addresses"][0]["value"] == "person@example.com"
    assert data["recovery_addresses"][0]["value"] == "person@example.com"
    assert data["credentials"]["password"]["identifiers"] == ["person@example.com"]
    assert data["sessions"][0]["devices"][0]["ip_address"] == "198.51.100.7"
    assert [e["action"] for e in data["audit_entries"]] == ["export_identity"]
    assert [m["template_type"] for m in data["courier_messages"]] == ["recovery_code_valid"]
    text = out.lower()
    for secret in (HASH.lower(), "hashed_password", "token_hash", "t" * 64, "config", "555111"):
        assert secret not in text
    target = tmp_path / "export.json"
    kratos("export", str(person.id), "--output", str(target))
    assert json.loads(target.read_text())["identity"]["id"] == str(person.id)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_delete_erases_the_person_everywhere(person):
    kratos("export", str(person.id))  # leaves an audit entry about the person
    out, _ = kratos("delete", str(person.id))
    assert json.loads(out) == [str(person.id)]
    assert not Identity.objects.exists() and not Session.objects.exists()
    assert not SessionDevice.objects.exists()
    assert list(CourierMessage.objects.values_list("recipient", flat=True)) == [
        "someone-else@example.com"
    ]
    remaining = list(
        AuditEntry.objects.filter(target_id=str(person.id)).values_list("action", flat=True)
    )
    assert remaining == ["delete_identity"]  # only the record that the erasure happened
    _, err = kratos("delete", str(person.id), ok=False)
    assert json.loads(err)["error"]["code"] == 404


def test_export_and_delete_find_messages_to_former_and_differently_cased_addresses():
    from kratos_auth.courier import queue
    from kratos_auth.courier.models import TemplateType

    person = service.create_identity(traits={"email": "former@example.com"})
    data = {"login_code": "777333", "identity": queue.identity_model(person)}
    queue.queue_email(
        "former@example.com", TemplateType.LOGIN_CODE_VALID, data, identity_id=person.id
    )
    service.update_identity(person, traits={"email": "renamed@example.com"})
    CourierMessage.objects.create(
        type="email", recipient="Renamed@Example.com", template_type="stub"
    )
    CourierMessage.objects.create(type="email", recipient="other@example.com", template_type="stub")

    out, _ = kratos("export", str(person.id))
    exported = json.loads(out)["courier_messages"]
    assert sorted((m["recipient"], m["template_type"]) for m in exported) == [
        ("Renamed@Example.com", "stub"),
        ("former@example.com", "login_code_valid"),
    ]
    assert "777333" not in out

    kratos("delete", str(person.id))
    assert list(CourierMessage.objects.values_list("recipient", flat=True)) == ["other@example.com"]
