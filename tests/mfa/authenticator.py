"""A software WebAuthn authenticator (and the browser half of the ceremony) for tests.

It holds ES256 (P-256) keys made with ``cryptography`` and answers
``navigator.credentials.create()`` / ``.get()`` options with the exact structures a browser
sends: ``clientDataJSON``, CBOR attestation objects (``none`` or ``packed`` self
attestation) with authenticator data, COSE keys, and DER ECDSA signatures. Everything is
built from the WebAuthn Level 2 spec, not by the code under test.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP, FLAG_UV, FLAG_BE, FLAG_BS, FLAG_AT = 0x01, 0x04, 0x08, 0x10, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Key:
    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    def cose_public_key(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def private_bytes_hex(self) -> str:
        return format(self.private_key.private_numbers().private_value, "064x")


@dataclass
class SoftAuthenticator:
    """Answers creation/request options for ``origin``. ``counter_step`` 0 makes a
    counter-less authenticator (like synced passkeys)."""

    origin: str
    aaguid: bytes = bytes(range(16))
    user_verified: bool = True
    counter_step: int = 1
    keys: dict[bytes, Key] = field(default_factory=dict)

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False},
            separators=(",", ":"),
        ).encode()

    def _flags(self, attested: bool = False) -> int:
        flags = FLAG_UP | (FLAG_UV if self.user_verified else 0)
        return flags | (FLAG_AT if attested else 0)

    def create(self, options: Any, fmt: str = "none") -> dict[str, Any]:
        """``navigator.credentials.create()``: a new key and its attestation, as JSON."""
        public = _public_key(options)
        rp_id = public["rp"]["id"]
        key = Key(
            os.urandom(32),
            ec.generate_private_key(ec.SECP256R1()),
            rp_id,
            unb64url(public["user"]["id"]),
        )
        self.keys[key.credential_id] = key
        attested = (
            self.aaguid
            + struct.pack(">H", len(key.credential_id))
            + key.credential_id
            + key.cose_public_key()
        )
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([self._flags(attested=True)])
            + struct.pack(">I", key.sign_count)
            + attested
        )
        client_data = self._client_data("webauthn.create", public["challenge"])
        statement: dict[str, Any] = {}
        if fmt == "packed":  # self attestation: signed by the new key itself
            signature = key.private_key.sign(
                auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
            )
            statement = {"alg": -7, "sig": signature}
        attestation = cbor2.dumps({"fmt": fmt, "attStmt": statement, "authData": auth_data})
        return {
            "id": b64url(key.credential_id),
            "rawId": b64url(key.credential_id),
            "type": "public-key",
            "response": {
                "attestationObject": b64url(attestation),
                "clientDataJSON": b64url(client_data),
            },
        }

    def get(
        self, options: Any, *, credential_id: bytes | None = None, sign_count: int | None = None
    ) -> dict[str, Any]:
        """``navigator.credentials.get()``: an assertion by an allowed (or any) key, as JSON."""
        public = _public_key(options)
        allowed = [unb64url(c["id"]) for c in public.get("allowCredentials") or []]
        key = self._choose(public["rpId"], allowed, credential_id)
        if sign_count is None:
            key.sign_count += self.counter_step
            sign_count = key.sign_count
        auth_data = (
            hashlib.sha256(key.rp_id.encode()).digest()
            + bytes([self._flags()])
            + struct.pack(">I", sign_count)
        )
        client_data = self._client_data("webauthn.get", public["challenge"])
        signature = key.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64url(key.credential_id),
            "rawId": b64url(key.credential_id),
            "type": "public-key",
            "response": {
                "authenticatorData": b64url(auth_data),
                "clientDataJSON": b64url(client_data),
                "signature": b64url(signature),
                "userHandle": b64url(key.user_handle),
            },
        }

    def _choose(self, rp_id: str, allowed: list[bytes], wanted: bytes | None) -> Key:
        for key in self.keys.values():
            if key.rp_id != rp_id or (wanted and key.credential_id != wanted):
                continue
            if not allowed or key.credential_id in allowed:
                return key
        raise LookupError("no credential for this relying party")


def _public_key(options: Any) -> dict[str, Any]:
    if isinstance(options, str):
        options = json.loads(options)
    return options["publicKey"] if "publicKey" in options else options


def options_from_onclick(onclick: str) -> dict[str, Any]:
    """The options inside ``window.__oryWebAuthnLogin({...})`` / ``...Registration({...})``."""
    return json.loads(onclick[onclick.index("(") + 1 : onclick.rindex(")")])
