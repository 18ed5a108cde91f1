"""``kratos admin-keys``: a new key and its config entry, which then opens the admin API."""

from __future__ import annotations

import copy
import io
import json
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_created_key_authenticates_with_its_entry():
    out, err = io.StringIO(), io.StringIO()
    call_command("kratos", "admin-keys", "create", "--id", "ops", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    key = lines[0].removeprefix("key: ")
    entry = json.loads(lines[1].removeprefix("serve.admin.api_keys entry: "))
    assert entry["id"] == "ops" and key not in lines[1]
    tree = copy.deepcopy(django_settings.KRATOS)
    tree["serve"]["admin"]["api_keys"] = [entry]
    with override_settings(KRATOS=tree):
        client = Client(**{"kratos.surface": "admin", "HTTP_AUTHORIZATION": f"Bearer {key}"})
        assert client.get("/admin/identities").status_code == 200


def test_hash_reads_the_key_from_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("k" * 40 + "\n"))
    out = io.StringIO()
    call_command("kratos", "admin-keys", "hash", "--id", "ci", stdout=out)
    assert json.loads(out.getvalue())["hash"].startswith("sha256:")
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError):
        call_command(
            "kratos", "admin-keys", "hash", "--id", "ci", stdout=io.StringIO(), stderr=io.StringIO()
        )


def test_key_ids_are_restricted():
    with pytest.raises(CommandError):
        call_command("kratos", "admin-keys", "create", "--id", "bad id!", stdout=io.StringIO())
