"""Credentials given to the admin API: api.json's ``identityWithCredentials``.

::

    {"password": {"config": {"password": "…"} | {"hashed_password": "$2a$…"}
                            | {"use_password_migration_hook": true}},
     "oidc":     {"config": {"providers": [{"provider": "google", "subject": "…"}]}},
     "saml":     {"config": {"providers": [{"provider": "…", "subject": "…"}]}},
     "totp":     {"config": {"totp_url": "otpauth://totp/…"}},
     "lookup_secret": {"config": {"codes": [{"code": "…", "used_at": null}]}},
     "webauthn" | "passkey": {"config": {"credentials": […], "user_handle": "<base64>"}}}

:func:`parse_credentials` turns it into Kratos-shaped configs, hashing clear-text passwords
(no password policy applies to imports, as in Kratos) and checking imported hashes with the
hashers facade; :func:`merge_credentials` merges provider and WebAuthn lists into what an
identity already has. Bad input raises :class:`~kratos_auth.errors.BadRequest`.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.dateparse import parse_datetime

from kratos_auth import hashers
from kratos_auth.core import clock
from kratos_auth.core.secret import Secret
from kratos_auth.errors import BadRequest
from kratos_auth.identity.credentials import provider_identifier
from kratos_auth.identity.models import CredentialsType
from kratos_auth.schema import normalize_address
from kratos_auth.text import identity as texts

JSON = Any

MAX_PASSWORD_BYTES = 4096  # bounds before work: never hash more than this
MAX_HASH_CHARS = 4096
_TYPES = ("password", "oidc", "saml", "totp", "lookup_secret", "webauthn", "passkey")


def parse_credentials(raw: JSON) -> dict[str, dict[str, JSON]]:
    """Credentials type → config to store, from an ``identityWithCredentials`` object.

    Clear-text passwords are hashed here, so call it before opening a transaction.
    """
    if raw is None:
        return {}
    body = _object(raw, "credentials")
    parsed: dict[str, dict[str, JSON]] = {}
    for kind, value in body.items():
        if kind not in _TYPES:
            raise BadRequest(texts.JSON_UNKNOWN_FIELD.format(name=kind))
        if value is None:
            continue
        wrapper = _object(value, f"credentials.{kind}")
        _only(wrapper, ("config",))
        config = wrapper.get("config")
        config = _object({} if config is None else config, f"credentials.{kind}.config")
        parsed[kind] = _PARSERS[kind](config, kind)
    return parsed


def merge_credentials(
    parsed: Mapping[str, Mapping[str, JSON]], existing: Mapping[str, Mapping[str, JSON]]
) -> dict[str, dict[str, JSON]]:
    """Merge imported configs into the identity's current ones, as Kratos's import does.

    Providers (oidc, saml) and WebAuthn/passkey credentials are added to those present
    (an entry with the same provider:subject or credential id is replaced); the other
    types are replaced whole.
    """
    merged: dict[str, dict[str, JSON]] = {}
    for kind, config in parsed.items():
        current = existing.get(kind) or {}
        if kind in (CredentialsType.OIDC, CredentialsType.SAML):
            merged[kind] = {"providers": _merge_list(current, config, "providers", _provider_key)}
        elif kind in (CredentialsType.WEBAUTHN, CredentialsType.PASSKEY):
            result = {"credentials": _merge_list(current, config, "credentials", _id_key)}
            handle = config.get("user_handle") or current.get("user_handle")
            if handle:
                result["user_handle"] = handle
            merged[kind] = result
        else:
            merged[kind] = dict(config)
    return merged


def _merge_list(
    current: Mapping[str, JSON],
    new: Mapping[str, JSON],
    name: str,
    key: Callable[[Mapping[str, JSON]], str],
) -> list[JSON]:
    entries = {key(e): dict(e) for e in current.get(name) or [] if isinstance(e, dict)}
    for entry in new.get(name) or []:
        entries[key(entry)] = dict(entry)
    return list(entries.values())


def _provider_key(entry: Mapping[str, JSON]) -> str:
    return provider_identifier(str(entry.get("provider")), str(entry.get("subject")))


def _id_key(entry: Mapping[str, JSON]) -> str:
    return str(entry.get("id"))


def _password(config: Mapping[str, JSON], _kind: str) -> dict[str, JSON]:
    _only(config, ("password", "hashed_password", "use_password_migration_hook"))
    hook = config.get("use_password_migration_hook", False)
    if not isinstance(hook, bool):
        raise _invalid("credentials.password.config.use_password_migration_hook", "a boolean")
    password = config.get("password")
    if isinstance(password, Secret):
        password = password.reveal()
    hashed = config.get("hashed_password") or ""
    if password:
        if not isinstance(password, str):
            raise _invalid("credentials.password.config.password", "a string")
        if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
            raise BadRequest(
                texts.CREDENTIALS_PASSWORD_TOO_LONG.format(max_bytes=MAX_PASSWORD_BYTES)
            )
        try:
            hashed = hashers.hash_password(password)
        except hashers.PasswordTooLong as err:  # e.g. bcrypt's 72-byte limit
            raise BadRequest(
                texts.CREDENTIALS_PASSWORD_TOO_LONG.format(max_bytes=err.max_bytes)
            ) from err
    elif hashed:
        if not isinstance(hashed, str) or len(hashed) > MAX_HASH_CHARS:
            raise BadRequest(texts.HASH_FORMAT_UNKNOWN)
        try:
            hashers.validate_hashed_password(hashed)
        except hashers.HashFormatError as err:
            raise BadRequest(texts.HASH_FORMAT_PROBLEM.format(problem=err)) from err
    elif not hook:
        raise BadRequest(texts.HASH_FORMAT_UNKNOWN)
    result: dict[str, JSON] = {"hashed_password": hashed}
    if hook:
        result["use_password_migration_hook"] = True
    return result


def _providers(config: Mapping[str, JSON], kind: str) -> dict[str, JSON]:
    _only(config, ("providers",))
    path = f"credentials.{kind}.config.providers"
    providers: list[JSON] = []
    known: set[str] = set()
    for index, item in enumerate(_array(config.get("providers") or [], path)):
        entry = _object(item, f"{path}.{index}")
        _only(entry, ("provider", "subject", "organization", "use_auto_link"))
        provider, subject = entry.get("provider"), entry.get("subject")
        for name, value in (("provider", provider), ("subject", subject)):
            if not isinstance(value, str) or not value:
                raise _invalid(f"{path}.{index}.{name}", "a non-empty string")
        organization = entry.get("organization")
        if organization is not None and not isinstance(organization, str):
            raise _invalid(f"{path}.{index}.organization", "a UUID or null")
        identifier = provider_identifier(provider, subject)
        if identifier in known:
            continue
        known.add(identifier)
        stored: dict[str, JSON] = {"subject": subject, "provider": provider}
        if organization:
            stored["organization"] = organization
        if entry.get("use_auto_link") is True:
            stored["use_auto_link"] = True
        providers.append(stored)
    return {"providers": providers}


def _totp(config: Mapping[str, JSON], _kind: str) -> dict[str, JSON]:
    _only(config, ("totp_url",))
    url = config.get("totp_url")
    if not isinstance(url, str) or not url.lower().startswith("otpauth://totp/"):
        raise _invalid("credentials.totp.config.totp_url", "an otpauth://totp/ URL")
    return {"totp_url": url}


def _lookup(config: Mapping[str, JSON], _kind: str) -> dict[str, JSON]:
    _only(config, ("codes",))
    path = "credentials.lookup_secret.config.codes"
    codes = []
    for index, item in enumerate(_array(config.get("codes") or [], path)):
        entry = _object(item, f"{path}.{index}")
        _only(entry, ("code", "used_at"))
        if not isinstance(entry.get("code"), str) or not entry["code"]:
            raise _invalid(f"{path}.{index}.code", "a non-empty string")
        used_at = entry.get("used_at")
        if used_at is not None and not isinstance(used_at, str):
            raise _invalid(f"{path}.{index}.used_at", "a date-time or null")
        codes.append({"code": entry["code"], "used_at": used_at})
    return {"recovery_codes": codes}


def _webauthn(config: Mapping[str, JSON], kind: str) -> dict[str, JSON]:
    _only(config, ("credentials", "user_handle"))
    path = f"credentials.{kind}.config"
    merged: dict[str, JSON] = {}
    for index, item in enumerate(_array(config.get("credentials") or [], f"{path}.credentials")):
        entry = _object(item, f"{path}.credentials.{index}")
        if "id" not in entry:
            raise _invalid(f"{path}.credentials.{index}.id", "set")
        merged[str(entry["id"])] = dict(entry)
    result: dict[str, JSON] = {"credentials": list(merged.values())}
    handle = _user_handle(config.get("user_handle"), f"{path}.user_handle")
    if handle:
        result["user_handle"] = handle
    return result


def _user_handle(value: JSON, path: str) -> str | None:
    """api.json types the handle as bytes: a base64 string, or a list of byte values."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(b, int) and 0 <= b < 256 for b in value):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise _invalid(path, "base64 or a list of bytes")


_PARSERS = {
    CredentialsType.PASSWORD: _password,
    CredentialsType.OIDC: _providers,
    CredentialsType.SAML: _providers,
    CredentialsType.TOTP: _totp,
    CredentialsType.LOOKUP_SECRET: _lookup,
    CredentialsType.WEBAUTHN: _webauthn,
    CredentialsType.PASSKEY: _webauthn,
}


def _object(value: JSON, path: str) -> dict[str, JSON]:
    if not isinstance(value, dict):
        raise _invalid(path, "an object")
    return value


def _array(value: JSON, path: str) -> list[JSON]:
    if not isinstance(value, list):
        raise _invalid(path, "an array")
    return value


def _only(value: Mapping[str, JSON], allowed: tuple[str, ...]) -> None:
    for name in value:
        if name not in allowed:
            raise BadRequest(texts.JSON_UNKNOWN_FIELD.format(name=name))


def _invalid(path: str, expected: str) -> BadRequest:
    return BadRequest(texts.CREDENTIALS_FIELD_INVALID.format(path=path, expected=expected))


@dataclass(frozen=True)
class ImportedAddress:
    """A verifiable address given on create; it applies when the traits declare it."""

    via: str
    value: str
    verified: bool = False
    status: str = "pending"
    verified_at: dt.datetime | None = None


def parse_addresses(raw: JSON, kind: str) -> tuple[ImportedAddress, ...]:
    """Parse ``verifiable_addresses``/``recovery_addresses`` of ``createIdentityBody``.

    Values are normalised like the schema's, so ``Foo@Example.com`` matches the address
    the traits produce. Raises :class:`BadRequest` on a malformed entry.
    """
    if raw is None:
        return ()
    result = []
    for index, item in enumerate(_array(raw, f"{kind}_addresses")):
        path = f"{kind}_addresses.{index}"
        entry = _object(item, path)
        via, value = entry.get("via"), entry.get("value")
        if via not in ("email", "sms"):
            raise _address_invalid(kind, f"{path}.via", '"email" or "sms"')
        if not isinstance(value, str) or not value.strip():
            raise _address_invalid(kind, f"{path}.value", "a non-empty string")
        verified = entry.get("verified", False)
        if not isinstance(verified, bool):
            raise _address_invalid(kind, f"{path}.verified", "a boolean")
        status = entry.get("status") or ("completed" if verified else "pending")
        if status not in ("pending", "sent", "completed"):
            raise _address_invalid(kind, f"{path}.status", '"pending", "sent" or "completed"')
        verified_at = _datetime(entry.get("verified_at"), kind, f"{path}.verified_at")
        if verified and verified_at is None:
            verified_at = clock.now()
        result.append(
            ImportedAddress(
                via=via,
                value=normalize_address(value, via),
                verified=verified,
                status=status,
                verified_at=verified_at if verified else None,
            )
        )
    return tuple(result)


def _datetime(value: JSON, kind: str, path: str) -> dt.datetime | None:
    if value is None or value == "":
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise _address_invalid(kind, path, "an RFC 3339 date-time")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _address_invalid(kind: str, path: str, expected: str) -> BadRequest:
    return BadRequest(texts.ADDRESS_FIELD_INVALID.format(kind=kind, path=path, expected=expected))
