"""Our envelope: key id, associated data binding, tamper detection, noop, failure logging."""

from __future__ import annotations

import base64
import logging

import pytest

from kratos_auth.cipher import sealing
from kratos_auth.cipher.keyring import key_id
from kratos_auth.errors import DecryptionFailed

from .conftest import KEY_A, KEY_B

ROW_1 = sealing.Context("kratos_identity_credentials", "config", "row-1")


@pytest.mark.parametrize("algorithm", ["aes", "xchacha20-poly1305"])
def test_envelope_names_algorithm_and_key_id(configure, algorithm):
    configure([KEY_A], algorithm=algorithm)
    text = sealing.seal(b"secret seed", ROW_1)
    prefix, alg, kid, _payload = text.split(":")
    assert (prefix, alg, kid) == ("kx1", algorithm, key_id(KEY_A.encode()))
    assert KEY_A not in text and "secret seed" not in text
    assert sealing.open_(text, ROW_1) == (kid, b"secret seed")


def test_envelope_is_distinguishable_from_kratos_hex(configure):
    configure([KEY_A])
    text = sealing.seal(b"x", ROW_1)
    assert not sealing.is_kratos_format(text)
    assert sealing.parse("00ff" * 10) is None


@pytest.mark.parametrize(
    "other",
    [
        sealing.Context("kratos_identity_credentials", "config", "row-2"),
        sealing.Context("kratos_identity_credentials", "other_column", "row-1"),
        sealing.Context("other_table", "config", "row-1"),
    ],
    ids=["row", "column", "table"],
)
def test_value_is_bound_to_table_column_and_row(configure, other):
    configure([KEY_A])
    text = sealing.seal(b"x", ROW_1)
    with pytest.raises(DecryptionFailed):
        sealing.open_(text, other)


def test_tampered_payload_or_header_fails(configure):
    configure([KEY_B, KEY_A])
    text = sealing.seal(b"payload", ROW_1)
    head, payload = text.rsplit(":", 1)
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    for i in range(len(raw)):
        bad = raw[:i] + bytes([raw[i] ^ 1]) + raw[i + 1 :]
        forged = f"{head}:{base64.urlsafe_b64encode(bad).rstrip(b'=').decode()}"
        with pytest.raises(DecryptionFailed):
            sealing.open_(forged, ROW_1)
    other_kid = key_id(KEY_A.encode())
    for forged in (
        text.replace(":aes:", ":xchacha20-poly1305:"),  # algorithm swapped
        text.replace(key_id(KEY_B.encode()), other_kid),  # key id swapped
        text.replace("kx1:aes", "kx1:noop"),
        text[:-4],  # truncated
        "kx1:aes:zzzzzzzz:AAAA",
        "not a value at all",
    ):
        with pytest.raises(DecryptionFailed):
            sealing.open_(forged, ROW_1)


def test_old_key_reads_after_rotation_and_is_not_current(configure):
    configure([KEY_A])
    text = sealing.seal(b"x", ROW_1)
    assert sealing.is_current(text)
    configure([KEY_B, KEY_A])
    assert not sealing.is_current(text)
    assert sealing.open_(text, ROW_1) == (key_id(KEY_A.encode()), b"x")
    configure([KEY_B])
    with pytest.raises(DecryptionFailed):
        sealing.open_(text, ROW_1)


def test_algorithm_switch_still_reads_old_values(configure):
    configure([KEY_A], algorithm="xchacha20-poly1305")
    text = sealing.seal(b"x", ROW_1)
    configure([KEY_A], algorithm="aes")
    assert sealing.open_(text, ROW_1)[1] == b"x"
    assert not sealing.is_current(text)


def test_noop_writes_unencrypted_envelope_read_only_under_noop(configure):
    configure(None, algorithm="noop")
    text = sealing.seal(b"visible", ROW_1)
    assert text.startswith("kx1:noop:noop:")
    assert sealing.open_(text, ROW_1) == ("noop", b"visible")
    configure([KEY_A])  # switching to aes: plaintext values are no longer trusted ...
    with pytest.raises(DecryptionFailed):
        sealing.open_(text, ROW_1)
    assert sealing.open_(text, ROW_1, allow_noop=True)[1] == b"visible"  # ... except by rotate


def test_failure_logs_table_row_key_id_never_data(configure, caplog):
    configure([KEY_A])
    text = sealing.seal(b"TOP-SECRET-SEED", ROW_1)
    configure([KEY_B])
    wrong_row = sealing.Context("kratos_identity_credentials", "config", "row\r\n-2")
    with caplog.at_level(logging.WARNING, logger="kratos_auth.security"):
        with pytest.raises(DecryptionFailed) as info:
            sealing.open_(text, wrong_row)
    [record] = [r for r in caplog.records if r.name == "kratos_auth.security"]
    message = record.getMessage()
    assert "kratos_identity_credentials" in message
    assert "row\\r\\n-2" in message  # CR/LF escaped
    assert key_id(KEY_A.encode()) in message
    for leak in ("TOP-SECRET-SEED", text.rsplit(":", 1)[1], KEY_A, KEY_B):
        assert leak not in message
        assert leak not in str(info.value)
