"""Values at rest: our envelope (what we write) and Kratos's format (what we also read).

Our envelope names the algorithm and the key (by :func:`keyring.key_id`, never the key) and
binds the value to its table, column and row through associated data::

    kx1:<algorithm>:<key id>:<b64url(nonce ‖ ciphertext ‖ tag)>
    AAD = JSON ["kx1:<algorithm>:<key id>", "<table>", "<column>", "<row pk>"]

Kratos's format is ``hex(nonce ‖ ciphertext ‖ tag)`` with no associated data, the cipher being
the configured ``ciphers.algorithm`` (``noop``: ``hex(plaintext)``); an empty string is an
empty value. Hex never contains ``k`` or ``:``, so the two cannot be confused.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

from kratos_auth.cipher import keyring as keyrings
from kratos_auth.cipher.keyring import NOOP_KEY_ID, Keyring
from kratos_auth.errors import DecryptionFailed
from kratos_auth.logging import SecurityEvent, event

PREFIX = "kx1"
KRATOS_FORMAT = "kratos-format"
MALFORMED = "malformed"
_ENVELOPE = re.compile(
    r"kx1:(aes|xchacha20-poly1305|noop):([0-9a-f]{8}|noop):([A-Za-z0-9_-]*)", re.ASCII
)
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*", re.ASCII)


@dataclass(frozen=True)
class Context:
    """Where a value lives. Part of the associated data, so values cannot be moved."""

    table: str
    column: str
    row: str

    def aad(self, header: str) -> bytes:
        return json.dumps([header, self.table, self.column, self.row]).encode("utf-8")


@dataclass(frozen=True)
class Envelope:
    algorithm: str
    key_id: str
    payload: bytes

    @property
    def header(self) -> str:
        return f"{PREFIX}:{self.algorithm}:{self.key_id}"


def parse(text: str) -> Envelope | None:
    """Our envelope, or ``None`` when ``text`` is not one (Kratos format or garbage)."""
    match = _ENVELOPE.fullmatch(text)
    if not match:
        return None
    algorithm, kid, payload = match.groups()
    if (algorithm == "noop") != (kid == NOOP_KEY_ID):
        return None
    try:
        data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        return None
    return Envelope(algorithm, kid, data)


def is_kratos_format(text: str) -> bool:
    return bool(_HEX.fullmatch(text))


def key_label(text: str) -> str:
    """What ``text`` names as its key, safe to log: a key id, ``noop``, or a format name."""
    envelope = parse(text)
    if envelope is not None:
        return envelope.key_id
    return KRATOS_FORMAT if is_kratos_format(text) else MALFORMED


def seal(plaintext: bytes, context: Context, ring: Keyring | None = None) -> str:
    """Encrypt ``plaintext`` for ``context`` with the first key of ``ring`` (configured)."""
    ring = ring or keyrings.configured()
    header = f"{PREFIX}:{ring.algorithm}:{ring.primary.id}"
    data = ring.seal(plaintext, context.aad(header))
    return f"{header}:{base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')}"


def is_current(text: str, ring: Keyring | None = None) -> bool:
    """True when ``text`` is our envelope under the configured algorithm and first key."""
    ring = ring or keyrings.configured()
    envelope = parse(text)
    return (
        envelope is not None
        and envelope.algorithm == ring.algorithm
        and envelope.key_id == ring.primary.id
    )


def open_(
    text: str, context: Context, ring: Keyring | None = None, *, allow_noop: bool = False
) -> tuple[str, bytes]:
    """Decrypt ``text`` stored at ``context``: returns (key label, plaintext).

    The label is the id of the key that worked (with `` (kratos-format)`` for Kratos's format,
    ``noop`` for unencrypted values). Values sealed with ``noop`` are read only while ``noop``
    is configured or when ``allow_noop`` (the rotation command moving data off ``noop``).
    Raises :class:`DecryptionFailed` after logging a security event naming the table, row and
    key id, never the value.
    """
    ring = ring or keyrings.configured()
    try:
        return _open(text, context, ring, allow_noop)
    except DecryptionFailed:
        report_failure(text, context)
        raise


def report_failure(text: str, context: Context) -> None:
    """Log a ``decryption_failed`` security event: table, column, row and key id only."""
    event(
        SecurityEvent.DECRYPTION_FAILED,
        table=context.table,
        column=context.column,
        row=_loggable(context.row),
        key_id=key_label(text),
    )


def _open(text: str, context: Context, ring: Keyring, allow_noop: bool) -> tuple[str, bytes]:
    envelope = parse(text)
    if envelope is not None:
        if envelope.algorithm == "noop":
            if ring.algorithm != "noop" and not allow_noop:
                raise DecryptionFailed()
            return NOOP_KEY_ID, envelope.payload
        if envelope.algorithm != ring.algorithm:
            # Sealed before ciphers.algorithm changed: same keys, the envelope's algorithm.
            if not ring.has_keys:
                raise DecryptionFailed()
            ring = ring.with_cipher(keyrings.cipher_for(envelope.algorithm))
        key, plaintext = ring.open(envelope.payload, context.aad(envelope.header), envelope.key_id)
        return key.id, plaintext
    if is_kratos_format(text):
        return _open_kratos(text, ring)
    raise DecryptionFailed()


def _open_kratos(text: str, ring: Keyring) -> tuple[str, bytes]:
    if text == "":
        return KRATOS_FORMAT, b""  # Kratos: an empty ciphertext is an empty value
    data = bytes.fromhex(text)
    if ring.algorithm == "noop":
        return f"{NOOP_KEY_ID} ({KRATOS_FORMAT})", data
    key, plaintext = ring.open(data)
    return f"{key.id} ({KRATOS_FORMAT})", plaintext


def _loggable(value: str) -> str:
    return value.replace("\r", "\\r").replace("\n", "\\n")[:100]
