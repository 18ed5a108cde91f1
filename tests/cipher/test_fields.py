"""Encrypted model fields through the ORM: Credential.config and a two-column test model."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.core import checks
from django.db import models, transaction
from django.db.migrations.writer import MigrationWriter
from django.test.utils import isolate_apps

from kratos_auth.cipher.fields import EncryptedJSONField, EncryptedTextField, Sealed
from kratos_auth.cipher.keyring import key_id
from kratos_auth.errors import DecryptionFailed
from kratos_auth.models import Credential, CredentialIdentifier, Identity

from .conftest import KEY_A, KEY_B

pytestmark = pytest.mark.django_db


def raw(pk: uuid.UUID, model: type = Credential, column: str = "config") -> str:
    return model.objects.values_list(column, flat=True).get(pk=pk)


def test_create_defaults_and_reading_back(configure, make_credential):
    configure([KEY_A])
    credential = make_credential({"hashed_password": "$argon2id$...", "n": [1, 2]})
    assert credential.config == {"hashed_password": "$argon2id$...", "n": [1, 2]}
    stored = raw(credential.pk)
    assert stored.startswith(f"kx1:aes:{key_id(KEY_A.encode())}:")
    assert "argon2id" not in stored
    assert Credential.objects.get(pk=credential.pk).config == credential.config
    empty = Credential.objects.create(identity=credential.identity, type="totp")
    assert Credential.objects.get(pk=empty.pk).config == {}  # default=dict


def test_values_returns_ciphertext(configure, make_credential):
    configure([KEY_A])
    credential = make_credential({"a": 1})
    [row] = Credential.objects.filter(pk=credential.pk).values("config")
    assert row["config"].startswith("kx1:aes:")


def test_refresh_from_db_and_mutation(configure, make_credential):
    configure([KEY_A])
    credential = make_credential({"a": 1})
    credential.config["a"] = 2
    credential.save()
    credential.config = {"stale": True}
    credential.refresh_from_db()
    assert credential.config == {"a": 2}


def test_deferred_and_select_related(configure, make_credential):
    configure([KEY_A])
    credential = make_credential({"a": 1})
    assert Credential.objects.only("id").get(pk=credential.pk).config == {"a": 1}
    CredentialIdentifier.objects.create(credential=credential, type="password", identifier="x")
    row = CredentialIdentifier.objects.select_related("credential").get(identifier="x")
    assert row.credential.config == {"a": 1}


def test_bulk_create_and_update_or_create(configure):
    configure([KEY_A])
    identity = Identity.objects.create(schema_id="default")
    made = Credential.objects.bulk_create(
        [Credential(identity=identity, type=t, config={"t": t}) for t in ("password", "totp")]
    )
    for credential in made:
        assert Credential.objects.get(pk=credential.pk).config == {"t": credential.type}
    obj, created = Credential.objects.update_or_create(
        identity=identity, type="password", defaults={"config": {"t": "updated"}}
    )
    assert not created and Credential.objects.get(pk=obj.pk).config == {"t": "updated"}
    obj, created = Credential.objects.update_or_create(
        identity=identity, type="code", defaults={"config": {"t": "new"}}
    )
    assert created and Credential.objects.get(pk=obj.pk).config == {"t": "new"}


def test_unread_value_under_first_key_is_written_back_unchanged(configure, make_credential):
    configure([KEY_A])
    credential = make_credential({"a": 1})
    before = raw(credential.pk)
    loaded = Credential.objects.get(pk=credential.pk)
    loaded.version = 5
    loaded.save()
    assert raw(credential.pk) == before


def test_saving_reseals_old_key_values_with_first_key(configure, make_credential):
    configure([KEY_A])
    read = make_credential({"a": 1})
    unread = make_credential({"b": 2}, type="totp")
    configure([KEY_B, KEY_A])
    loaded = Credential.objects.get(pk=read.pk)
    assert loaded.config == {"a": 1}
    loaded.save()
    Credential.objects.get(pk=unread.pk).save()  # never decrypted, still re-sealed
    new_id = key_id(KEY_B.encode())
    assert raw(read.pk).startswith(f"kx1:aes:{new_id}:")
    assert raw(unread.pk).startswith(f"kx1:aes:{new_id}:")
    configure([KEY_B])
    assert Credential.objects.get(pk=unread.pk).config == {"b": 2}


def test_ciphertext_copied_to_another_row_does_not_decrypt(configure, make_credential, caplog):
    configure([KEY_A])
    victim = make_credential({"totp_url": "otpauth://victim"})
    attacker = make_credential({"totp_url": "otpauth://attacker"}, type="totp")
    Credential.objects.filter(pk=attacker.pk).update(config=Sealed(raw(victim.pk)))
    loaded = Credential.objects.get(pk=attacker.pk)
    with caplog.at_level(logging.WARNING, logger="kratos_auth.security"):
        with pytest.raises(DecryptionFailed):
            loaded.config  # noqa: B018
    assert str(attacker.pk) in caplog.text
    assert "otpauth" not in caplog.text


def test_failed_value_is_not_overwritten_on_save(configure, make_credential):
    configure([KEY_A])
    credential = make_credential({"a": 1})
    before = raw(credential.pk)
    configure([KEY_B])  # the key that sealed it is gone
    loaded = Credential.objects.get(pk=credential.pk)
    with pytest.raises(DecryptionFailed):
        loaded.config  # noqa: B018
    loaded.version = 3
    loaded.save()  # other columns still save; the sealed value stays as it was
    assert raw(credential.pk) == before
    configure([KEY_A])
    assert Credential.objects.get(pk=credential.pk).config == {"a": 1}


def test_copying_a_row_to_a_new_pk_reseals_for_the_new_row(configure, make_credential):
    configure([KEY_A])
    original = make_credential({"a": 1})
    copy = Credential.objects.get(pk=original.pk)
    copy.pk = uuid.uuid4()
    copy.identity = Identity.objects.create(schema_id="default")
    copy._state.adding = True
    copy.save()
    assert Credential.objects.get(pk=copy.pk).config == {"a": 1}


def test_update_and_plaintext_filters_are_refused(configure, make_credential):
    configure([KEY_A])
    make_credential({"a": 1})
    with pytest.raises(TypeError), transaction.atomic():
        Credential.objects.update(config={"a": 2})
    with pytest.raises(TypeError), transaction.atomic():
        list(Credential.objects.filter(config={"a": 1}))
    assert Credential.objects.filter(config__isnull=False).count() == 1


def test_text_field_and_columns_are_bound(configure, note_model):
    configure([KEY_A])
    note = note_model.objects.create(body="hello", extra=["x"])
    empty = note_model.objects.create(body="", extra=[])
    blank = note_model.objects.create(body=None)
    assert note_model.objects.get(pk=note.pk).body == "hello"
    assert note_model.objects.get(pk=empty.pk).body == ""
    assert note_model.objects.get(pk=blank.pk).body is None
    assert note_model.objects.get(pk=empty.pk).extra == []
    stored = note_model.objects.values_list("body", flat=True).get(pk=empty.pk)
    assert stored.startswith("kx1:")  # even an empty value is sealed and authenticated
    # swap the sealed values of the two columns of one row
    body, extra = note_model.objects.values_list("body", "extra").get(pk=note.pk)
    note_model.objects.filter(pk=note.pk).update(body=Sealed(extra), extra=Sealed(body))
    moved = note_model.objects.get(pk=note.pk)
    with pytest.raises(DecryptionFailed):
        moved.body  # noqa: B018
    with pytest.raises(DecryptionFailed):
        moved.extra  # noqa: B018


def test_deconstruct_and_migration_serialization():
    field = Credential._meta.get_field("config")
    name, path, args, kwargs = field.deconstruct()
    assert path == "kratos_auth.cipher.fields.EncryptedJSONField"
    assert kwargs == {"default": dict}
    rebuilt = EncryptedJSONField(*args, **kwargs)
    assert rebuilt.deconstruct()[3] == kwargs and rebuilt.editable is False
    editable = EncryptedTextField(editable=True, null=True)
    assert EncryptedTextField(**editable.deconstruct()[3]).editable is True
    source, imports = MigrationWriter.serialize(field)
    assert "kratos_auth.cipher.fields.EncryptedJSONField(default=dict)" in source
    assert "import kratos_auth.cipher.fields" in imports


def test_field_is_kept_out_of_forms():
    assert Credential._meta.get_field("config").editable is False


def test_system_check_rejects_auto_increment_primary_keys():
    with isolate_apps("kratos_auth"):

        class Bad(models.Model):
            secret = EncryptedTextField()

            class Meta:
                app_label = "kratos_auth"

        errors = Bad._meta.get_field("secret").check()
    assert [e.id for e in errors if isinstance(e, checks.Error)] == ["kratos_auth.E201"]
    assert Credential._meta.get_field("config").check() == []
