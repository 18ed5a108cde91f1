"""Fixtures for the cipher tests: switch keys/algorithm, make credentials, a two-column model."""

from __future__ import annotations

import copy
import uuid

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from kratos_auth.cipher.fields import EncryptedJSONField, EncryptedTextField
from kratos_auth.models import Credential, Identity

KEY_A = "key-A-0123456789abcdef0123456789"
KEY_B = "key-B-0123456789abcdef0123456789"
KEY_C = "key-C-0123456789abcdef0123456789"


@pytest.fixture
def configure(settings):
    """``configure(keys, algorithm=None, dev=False)`` rewrites KRATOS (config is rebuilt)."""
    base = copy.deepcopy(settings.KRATOS)

    def apply(keys: list[str] | None, algorithm: str | None = None, dev: bool = False) -> None:
        tree = copy.deepcopy(base)
        tree.pop("ciphers", None)
        if algorithm:
            tree["ciphers"] = {"algorithm": algorithm}
        if keys is None:
            tree["secrets"].pop("cipher", None)
        else:
            tree["secrets"]["cipher"] = list(keys)
        if dev:
            tree["dev"] = True
        settings.KRATOS = tree

    return apply


@pytest.fixture
def make_credential():
    """``make_credential(config, type="password")``: a new identity with one credential."""

    def make(config: object, type: str = "password") -> Credential:
        identity = Identity.objects.create(schema_id="default")
        return Credential.objects.create(identity=identity, type=type, config=config)

    return make


@pytest.fixture(scope="module")
def note_model(django_db_blocker, django_db_setup):
    """A model outside the app registry with two encrypted columns (table made per module)."""
    with isolate_apps("kratos_auth"):

        class Note(models.Model):
            id = models.UUIDField(primary_key=True, default=uuid.uuid4)
            body = EncryptedTextField(null=True)
            extra = EncryptedJSONField(default=list)

            class Meta:
                app_label = "kratos_auth"
                db_table = "cipher_test_notes"

    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Note)
        try:
            yield Note
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Note)
