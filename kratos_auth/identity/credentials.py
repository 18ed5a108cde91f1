"""Credentials: their Kratos config shapes, identifiers, factors and public view.

Configs are stored exactly as Kratos stores them (``identityCredentials*`` in api.json)::

    password       {"hashed_password": "$argon2id$…", "use_password_migration_hook": false}
    oidc / saml    {"providers": [{"subject": "…", "provider": "google", "organization": null,
                                   "initial_id_token": …, …}]}
    totp           {"totp_url": "otpauth://totp/…"}
    lookup_secret  {"recovery_codes": [{"code": "…", "used_at": null}]}
    webauthn       {"credentials": [{"id": …, "public_key": …, "is_passwordless": false, …}],
                    "user_handle": "<base64>"}
    passkey        same as webauthn
    code           {"addresses": [{"channel": "email", "address": "…"}]}

Identifiers follow Kratos: password, webauthn and code take theirs from the identity schema
(``ory.sh/kratos``); passkey from its user handle (plus the schema's passkey identifiers);
oidc and saml are ``provider:subject``; totp and lookup_secret have none.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kratos_auth.identity.models import AAL, CredentialsType
from kratos_auth.schema import TraitsExtensions

JSON = Any

# Types whose identifiers the identity schema declares, so their credential exists
# (possibly with an empty config) as soon as the traits name an identifier, as in Kratos.
SCHEMA_IDENTIFIED = (CredentialsType.PASSWORD, CredentialsType.WEBAUTHN, CredentialsType.CODE)
PROVIDER_TYPES = (CredentialsType.OIDC, CredentialsType.SAML)


@dataclass(frozen=True)
class CredentialData:
    """One credential as the services write it: type, Kratos-shaped config, identifiers."""

    type: str
    config: Mapping[str, JSON] = field(default_factory=dict)
    identifiers: tuple[str, ...] = ()
    version: int = 0


@dataclass(frozen=True)
class FactorOptions:
    """The configuration that decides whether ``code`` counts as a factor."""

    code_passwordless: bool = False
    code_mfa: bool = False


def provider_identifier(provider: str, subject: str) -> str:
    """Kratos's OIDC/SAML identifier (``OIDCUniqueID``): ``provider:subject``."""
    return f"{provider}:{subject}"


def user_handle_identifier(user_handle: JSON) -> str:
    """The passkey identifier for a stored (base64) user handle: its text, as Kratos uses."""
    if not isinstance(user_handle, str) or not user_handle:
        return ""
    try:
        raw = base64.b64decode(user_handle + "=" * (-len(user_handle) % 4), validate=True)
    except (binascii.Error, ValueError):
        return user_handle
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def identifiers_for(
    credentials_type: str, config: Mapping[str, JSON], extensions: TraitsExtensions
) -> tuple[str, ...]:
    """The identifiers a credential of ``credentials_type`` has for these traits/config."""
    if credentials_type in SCHEMA_IDENTIFIED:
        return extensions.identifiers_for(credentials_type)
    if credentials_type in PROVIDER_TYPES:
        found = [
            provider_identifier(str(p.get("provider", "")), str(p.get("subject", "")))
            for p in _list(config.get("providers"))
            if p.get("provider") and p.get("subject")
        ]
        return tuple(dict.fromkeys(found))
    if credentials_type == CredentialsType.PASSKEY:
        found = [user_handle_identifier(config.get("user_handle"))]
        found.extend(extensions.identifiers_for(CredentialsType.PASSKEY))
        return tuple(dict.fromkeys(v for v in found if v))
    return ()


def code_config(extensions: TraitsExtensions) -> dict[str, JSON]:
    """The ``code`` credential config Kratos keeps in sync with the traits."""
    return {
        "addresses": [
            {"channel": via, "address": address} for via, address in extensions.code_addresses()
        ]
    }


def is_first_factor(credential: CredentialData, options: FactorOptions) -> bool:
    """Whether the credential lets its identity sign in on its own (Kratos's counters)."""
    kind, config, identifiers = credential.type, credential.config, credential.identifiers
    if kind == CredentialsType.PASSWORD:
        has_secret = bool(config.get("hashed_password")) or bool(
            config.get("use_password_migration_hook")
        )
        return bool(identifiers) and has_secret
    if kind in PROVIDER_TYPES:
        return any(
            provider_identifier(str(p.get("provider")), str(p.get("subject"))) in identifiers
            for p in _list(config.get("providers"))
            if p.get("provider") and p.get("subject")
        )
    if kind == CredentialsType.CODE:
        # Kratos counts code as a first factor whenever passwordless code login is enabled;
        # we also require an address to send the code to.
        return options.code_passwordless and bool(identifiers)
    if kind == CredentialsType.WEBAUTHN:
        return bool(identifiers) and any(
            c.get("is_passwordless") for c in _list(config.get("credentials"))
        )
    if kind == CredentialsType.PASSKEY:
        return bool(identifiers) and bool(_list(config.get("credentials")))
    return False


def is_second_factor(credential: CredentialData, options: FactorOptions) -> bool:
    """Whether the credential can satisfy a second factor (AAL2)."""
    kind, config = credential.type, credential.config
    if kind == CredentialsType.TOTP:
        return bool(config.get("totp_url"))
    if kind == CredentialsType.LOOKUP_SECRET:
        return bool(_list(config.get("recovery_codes")))
    if kind == CredentialsType.WEBAUTHN:
        return any(not c.get("is_passwordless") for c in _list(config.get("credentials")))
    if kind == CredentialsType.CODE:
        return options.code_mfa and bool(_list(config.get("addresses")))
    return False


def available_aal(credentials: Iterable[CredentialData], options: FactorOptions) -> str:
    """Kratos's ``available_aal``: aal2 if any second factor is set up (a first factor is
    not required for that), aal1 if only a first factor is, aal0 otherwise."""
    credentials = list(credentials)
    if any(is_second_factor(c, options) for c in credentials):
        return AAL.AAL2
    if any(is_first_factor(c, options) for c in credentials):
        return AAL.AAL1
    return AAL.AAL0


_WEBAUTHN_PUBLIC = ("id", "display_name", "added_at", "is_passwordless", "attestation_type")


def public_config(credentials_type: str, config: Mapping[str, JSON]) -> dict[str, JSON]:
    """The config of a credential with every secret removed (allow-list per type).

    Hashes, TOTP URLs (they hold the seed), recovery codes, OIDC tokens and WebAuthn key
    material never leave the server, whoever asks.
    """
    if credentials_type == CredentialsType.PASSWORD:
        hook = config.get("use_password_migration_hook")
        return {"use_password_migration_hook": bool(hook)} if hook is not None else {}
    if credentials_type in PROVIDER_TYPES:
        keep = ("subject", "provider", "organization", "use_auto_link")
        return {
            "providers": [{k: p[k] for k in keep if k in p} for p in _list(config.get("providers"))]
        }
    if credentials_type == CredentialsType.LOOKUP_SECRET:
        return {
            "recovery_codes": [
                {"used_at": c.get("used_at")} for c in _list(config.get("recovery_codes"))
            ]
        }
    if credentials_type in (CredentialsType.WEBAUTHN, CredentialsType.PASSKEY):
        return {
            "credentials": [
                {k: c[k] for k in _WEBAUTHN_PUBLIC if k in c}
                for c in _list(config.get("credentials"))
            ]
        }
    if credentials_type == CredentialsType.CODE:
        return {
            "addresses": [
                {k: a[k] for k in ("channel", "address") if k in a}
                for a in _list(config.get("addresses"))
            ]
        }
    return {}


def _list(value: JSON) -> list[dict[str, JSON]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
