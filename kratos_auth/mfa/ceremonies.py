"""WebAuthn registration and authentication ceremonies, on top of the ``webauthn`` package.

``begin_*`` returns the options for the browser in Kratos's wire shape
(``{"publicKey": {...}}``, binary fields base64url) and the session data a flow keeps in its
(encrypted) internal context. ``finish_*`` checks the browser's answer against that session
data and the relying party. Every failure raises :class:`WebAuthnFailed`, one opaque error
that never says which check failed (the cause is chained for the logs); an answer that is
not even a WebAuthn response raises :class:`WebAuthnMalformed`.

Unlike the ``webauthn`` package (and Kratos, which only flags it), a sign counter that does
not move forward is not decided here: :func:`finish_login` returns the new counter and the
caller compares it with the stored one under a row lock (``authenticators.record_use``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import webauthn
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    generate_challenge,
    options_to_json_dict,
    parse_attestation_object,
    parse_authentication_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticationCredential,
    AuthenticatorAttachment,
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from kratos_auth.mfa.relying_party import RelyingParty

JSON = Any
# A browser's answer is a few hundred bytes to a few KB; anything larger is not one.
MAX_RESPONSE_CHARS = 32 * 1024
CHALLENGE_BYTES = 32
TIMEOUT_MS = 60000


class WebAuthnFailed(Exception):
    """The ceremony failed (wrong challenge, origin, RP, signature, unknown key ...)."""


class WebAuthnMalformed(WebAuthnFailed):
    """The submitted value is not a WebAuthn response at all."""


@dataclass(frozen=True)
class Challenge:
    options: dict[str, JSON]
    session: dict[str, JSON]


@dataclass(frozen=True)
class Registered:
    credential_id: bytes
    public_key: bytes
    sign_count: int
    aaguid: bytes
    attestation_type: str
    user_verified: bool
    backup_eligible: bool
    backup_state: bool


@dataclass(frozen=True)
class Asserted:
    credential_id: bytes
    sign_count: int
    user_verified: bool
    backup_state: bool


@dataclass(frozen=True)
class Candidate:
    """A stored key the assertion may come from."""

    credential_id: bytes
    public_key: bytes
    extra: Mapping[str, JSON] = field(default_factory=dict)


def b64url(data: bytes) -> str:
    return bytes_to_base64url(data)


def from_b64url(text: str) -> bytes:
    return base64url_to_bytes(text)


def _uv(value: str | None) -> UserVerificationRequirement:
    try:
        return UserVerificationRequirement(value or "preferred")
    except ValueError:
        return UserVerificationRequirement.PREFERRED


def _parse(response: object) -> dict[str, JSON]:
    if isinstance(response, dict):
        data = response
    elif isinstance(response, str) and 0 < len(response) <= MAX_RESPONSE_CHARS:
        try:
            data = json.loads(response)
        except ValueError as err:
            raise WebAuthnMalformed("not JSON") from err
    else:
        raise WebAuthnMalformed("missing or too large")
    if not isinstance(data, dict) or not isinstance(data.get("response"), dict):
        raise WebAuthnMalformed("not a public key credential")
    return data


def begin_registration(
    rp: RelyingParty,
    *,
    user_id: bytes,
    user_name: str,
    display_name: str = "",
    exclude: Iterable[bytes] = (),
    resident_key: str = "discouraged",
    user_verification: str = "preferred",
    attachment: str | None = None,
) -> Challenge:
    """Options for ``navigator.credentials.create()`` and the session data to keep."""
    selection = AuthenticatorSelectionCriteria(
        authenticator_attachment=AuthenticatorAttachment(attachment) if attachment else None,
        resident_key=ResidentKeyRequirement(resident_key),
        user_verification=_uv(user_verification),
    )
    options = webauthn.generate_registration_options(
        rp_id=rp.id,
        rp_name=rp.display_name,
        user_id=user_id,
        user_name=user_name or rp.display_name,
        user_display_name=display_name or user_name or rp.display_name,
        challenge=generate_challenge()[:CHALLENGE_BYTES],
        timeout=TIMEOUT_MS,
        authenticator_selection=selection,
        exclude_credentials=[PublicKeyCredentialDescriptor(id=c) for c in exclude],
    )
    session = {
        "challenge": b64url(options.challenge),
        "user_id": b64url(user_id),
        "user_verification": selection.user_verification.value,
    }
    return Challenge({"publicKey": options_to_json_dict(options)}, session)


def finish_registration(
    rp: RelyingParty, session: Mapping[str, JSON], response: object
) -> Registered:
    """Verify an attestation (``none`` or a verifiable format); raises :class:`WebAuthnFailed`."""
    data = _parse(response)
    try:
        verified = webauthn.verify_registration_response(
            credential=data,
            expected_challenge=from_b64url(str(session["challenge"])),
            expected_rp_id=rp.id,
            expected_origin=list(rp.origins),
            require_user_verification=session.get("user_verification") == "required",
        )
    except (WebAuthnException, KeyError, ValueError, TypeError) as err:
        raise WebAuthnFailed("registration could not be verified") from err
    flags = _flags(data, "attestationObject")
    return Registered(
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        aaguid=_uuid_bytes(verified.aaguid),
        attestation_type=str(getattr(verified.fmt, "value", verified.fmt)),
        user_verified=verified.user_verified,
        backup_eligible=flags.get("be", False),
        backup_state=bool(verified.credential_backed_up),
    )


def begin_login(
    rp: RelyingParty, *, allow: Iterable[bytes] = (), user_verification: str = "preferred"
) -> Challenge:
    """Options for ``navigator.credentials.get()``; no ``allow`` means a discoverable login."""
    options = webauthn.generate_authentication_options(
        rp_id=rp.id,
        challenge=generate_challenge()[:CHALLENGE_BYTES],
        timeout=TIMEOUT_MS,
        allow_credentials=[PublicKeyCredentialDescriptor(id=c) for c in allow],
        user_verification=_uv(user_verification),
    )
    session = {
        "challenge": b64url(options.challenge),
        "user_verification": _uv(user_verification).value,
    }
    return Challenge({"publicKey": options_to_json_dict(options)}, session)


def parse_assertion(response: object) -> AuthenticationCredential:
    """The browser's assertion, parsed (to read its credential id and user handle)."""
    data = _parse(response)
    try:
        return parse_authentication_credential_json(data)
    except (WebAuthnException, ValueError, TypeError, KeyError) as err:
        raise WebAuthnMalformed("not an assertion") from err


def finish_login(
    rp: RelyingParty,
    session: Mapping[str, JSON],
    assertion: AuthenticationCredential,
    candidates: Sequence[Candidate],
) -> tuple[Candidate, Asserted]:
    """Verify an assertion made by one of ``candidates``; raises :class:`WebAuthnFailed`."""
    chosen = next((c for c in candidates if c.credential_id == assertion.raw_id), None)
    if chosen is None:
        raise WebAuthnFailed("unknown credential")
    try:
        verified = webauthn.verify_authentication_response(
            credential=assertion,
            expected_challenge=from_b64url(str(session["challenge"])),
            expected_rp_id=rp.id,
            expected_origin=list(rp.origins),
            credential_public_key=chosen.public_key,
            credential_current_sign_count=0,  # compared by the caller, under a lock
            require_user_verification=session.get("user_verification") == "required",
        )
    except (WebAuthnException, KeyError, ValueError, TypeError) as err:
        raise WebAuthnFailed("assertion could not be verified") from err
    asserted = Asserted(
        credential_id=verified.credential_id,
        sign_count=verified.new_sign_count,
        user_verified=verified.user_verified,
        backup_state=bool(verified.credential_backed_up),
    )
    return chosen, asserted


def _uuid_bytes(aaguid: str) -> bytes:
    return bytes.fromhex(aaguid.replace("-", "")) if aaguid else bytes(16)


def _flags(data: Mapping[str, JSON], field_name: str) -> dict[str, bool]:
    """Backup-eligible flag of the authenticator data inside an attestation object."""
    try:
        raw = from_b64url(str(data["response"][field_name]))
        flags = parse_attestation_object(raw).auth_data.flags
        return {"be": bool(flags.be)}
    except Exception:  # noqa: BLE001 - already verified; the flag is informational
        return {}


def std_b64(data: bytes) -> str:
    """Go's encoding of ``[]byte`` in JSON (what Kratos stores): standard base64."""
    return base64.b64encode(data).decode("ascii")


def from_std_b64(text: object) -> bytes:
    if not isinstance(text, str):
        return b""
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        return b""
