"""``manage.py kratos secrets rotate`` (and ``--check``) through call_command."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.management import CommandError, call_command

from kratos_auth.cipher import keyring, rotation, sealing
from kratos_auth.cipher.fields import Sealed
from kratos_auth.cipher.keyring import key_id
from kratos_auth.models import Credential

from .conftest import KEY_A, KEY_B, KEY_C

pytestmark = pytest.mark.django_db

ID_A, ID_B = key_id(KEY_A.encode()), key_id(KEY_B.encode())
TYPES = ["password", "totp", "oidc", "webauthn", "lookup_secret", "code", "passkey"]


def kratos(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("kratos", "secrets", "rotate", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
    return code, out.getvalue(), err.getvalue()


def raw_values() -> dict:
    return dict(Credential.objects.values_list("pk", "config"))


@pytest.fixture
def seven(configure, make_credential):
    """Seven credentials sealed under key A, with their expected plaintext."""
    configure([KEY_A])
    made = [make_credential({"secret": f"value-{i}"}, type=TYPES[i]) for i in range(7)]
    return {c.pk: {"secret": f"value-{i}"} for i, c in enumerate(made)}


def test_done_when_rotate_from_a_to_b_then_drop_a(configure, seven):
    configure([KEY_B, KEY_A])
    code, out, _ = kratos("--batch-size", "3", "--no-progress")
    assert code == 0
    assert "kratos_identity_credentials.config: re-encrypted 7, already current 0, failed 0" in out
    configure([KEY_B])
    assert {c.pk: c.config for c in Credential.objects.all()} == seven
    assert all(v.startswith(f"kx1:aes:{ID_B}:") for v in raw_values().values())


def test_check_counts_values_per_old_key(configure, seven, make_credential):
    configure([KEY_B, KEY_A])
    make_credential({"new": True}, type="profile")
    code, out, _ = kratos("--check", "--no-progress")
    assert code == 0
    assert f"0: {ID_B}, 1: {ID_A}" in out
    assert f"8 value(s): 1 under the first key, 7 need {ID_A}, 0 undecryptable" in out
    assert f"Old keys still needed: {ID_A}" in out
    before = raw_values()
    kratos("--no-progress")
    assert raw_values() != before
    code, out, _ = kratos("--check", "--no-progress")
    assert "8 value(s): 8 under the first key, 0 undecryptable" in out
    assert "every key after the first may be removed" in out


def test_check_counts_kratos_format_under_the_key_that_opens_it(configure, seven):
    from .test_kratos_format import kratos_aes

    first = next(iter(seven))
    Credential.objects.filter(pk=first).update(config=Sealed(kratos_aes(KEY_A, b"{}")))
    configure([KEY_B, KEY_A])
    _, out, _ = kratos("--check", "--no-progress")
    assert f"6 need {ID_A}, 1 need {ID_A} (kratos-format)" in out


def test_interrupted_run_resumes(configure, seven):
    configure([KEY_B, KEY_A])
    code, out, _ = kratos("--batch-size", "2", "--max-batches", "2", "--no-progress")
    assert code == 0
    assert "re-encrypted 4, already current 0, failed 0" in out
    assert "Stopped after 2 batch(es); run again to continue." in out
    _, out, _ = kratos("--check", "--no-progress")
    assert f"3 need {ID_A}" in out
    code, out, _ = kratos("--batch-size", "2", "--no-progress")
    assert "re-encrypted 3, already current 4, failed 0" in out
    configure([KEY_B])
    assert {c.pk: c.config for c in Credential.objects.all()} == seven


def test_crash_mid_batch_rolls_back_that_batch_only(configure, seven, monkeypatch):
    configure([KEY_B, KEY_A])
    real_seal, calls = sealing.seal, {"n": 0}

    def failing_seal(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("simulated crash")
        return real_seal(*args, **kwargs)

    monkeypatch.setattr(sealing, "seal", failing_seal)
    with pytest.raises(RuntimeError):
        kratos("--batch-size", "3", "--no-progress")
    monkeypatch.setattr(sealing, "seal", real_seal)
    current = [v for v in raw_values().values() if v.startswith(f"kx1:aes:{ID_B}:")]
    assert len(current) == 3  # first batch committed, second rolled back whole
    _, out, _ = kratos("--batch-size", "3", "--no-progress")
    assert "re-encrypted 4, already current 3, failed 0" in out


def test_undecryptable_value_is_reported_logged_and_left_untouched(
    configure, seven, make_credential, caplog
):
    configure([KEY_C])
    stranger = make_credential({"secret": "TOP-SECRET"}, type="profile")
    stored = raw_values()[stranger.pk]
    configure([KEY_B, KEY_A])
    with caplog.at_level(logging.WARNING, logger="kratos_auth.security"):
        code, out, _ = kratos("--no-progress")
    assert code == 1
    assert "re-encrypted 7, already current 0, failed 1" in out
    assert raw_values()[stranger.pk] == stored
    assert str(stranger.pk) in caplog.text and key_id(KEY_C.encode()) in caplog.text
    assert "TOP-SECRET" not in caplog.text and stored not in caplog.text
    code, out, _ = kratos("--check", "--no-progress")
    assert code == 1
    assert "1 undecryptable" in out and "1 value(s) cannot be decrypted" in out


def test_noop_values_need_from_noop(configure, make_credential):
    configure(None, algorithm="noop")
    credential = make_credential({"secret": "was-plain"})
    configure([KEY_A])
    code, out, _ = kratos("--no-progress")
    assert code == 1 and "failed 1" in out
    code, out, _ = kratos("--no-progress", "--from-noop")
    assert code == 0 and "re-encrypted 1" in out
    assert Credential.objects.get(pk=credential.pk).config == {"secret": "was-plain"}


def test_progress_bar_goes_to_stderr(configure, seven):
    configure([KEY_B, KEY_A])
    code, out, err = kratos("--batch-size", "3")
    assert code == 0
    assert "kratos_identity_credentials.config" in err and "value" in err
    assert "%|" not in out


def test_rows_are_written_without_save_side_effects(configure, seven):
    configure([KEY_B, KEY_A])
    stamps = dict(Credential.objects.values_list("pk", "updated_at"))
    kratos("--no-progress")
    assert dict(Credential.objects.values_list("pk", "updated_at")) == stamps


def test_batch_size_must_be_positive():
    with pytest.raises(CommandError):
        call_command("kratos", "secrets", "rotate", "--batch-size", "0")


def test_discovery_finds_encrypted_columns_of_installed_models():
    labels = [t.label for t in rotation.targets()]
    assert "kratos_identity_credentials.config" in labels


def test_rotate_service_handles_other_models_and_columns(configure, note_model):
    configure([KEY_A])
    note = note_model.objects.create(body="hello", extra={"k": 1})
    configure([KEY_B, KEY_A])
    ring = keyring.configured()
    for name in ("body", "extra"):
        target = rotation.Target(note_model, note_model._meta.get_field(name))
        tally = rotation.rotate(target, ring)
        assert (tally.reencrypted, tally.current, tally.failed) == (1, 0, 0)
    configure([KEY_B])
    loaded = note_model.objects.get(pk=note.pk)
    assert (loaded.body, loaded.extra) == ("hello", {"k": 1})
