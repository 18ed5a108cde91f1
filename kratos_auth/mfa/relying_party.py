"""The WebAuthn relying party of a method (``selfservice.methods.<webauthn|passkey>.config.rp``).

``origins`` wins over the deprecated ``origin``; with neither, Kratos's default applies:
the RP id with the public base URL's scheme (``https://<id>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from kratos_auth.conf import config


class RelyingPartyMissing(ValueError):
    """The method is enabled but its ``config.rp`` lacks ``id`` or ``display_name``."""


@dataclass(frozen=True)
class RelyingParty:
    id: str
    display_name: str
    origins: tuple[str, ...]


def _public_scheme() -> str:
    return urlsplit(str(config.serve.public.base_url or "https://")).scheme or "https"


def relying_party(method: str) -> RelyingParty:
    """The RP of ``method`` (``"webauthn"`` or ``"passkey"``) from the configuration."""
    section = config.selfservice.methods[method].config
    rp = section.get("rp") if section is not None else None
    raw = rp.raw() if hasattr(rp, "raw") else (rp or {})
    rp_id, name = str(raw.get("id") or ""), str(raw.get("display_name") or "")
    if not rp_id or not name:
        raise RelyingPartyMissing(
            f"selfservice.methods.{method}.config.rp needs id and display_name"
        )
    origins = [str(o).rstrip("/") for o in raw.get("origins") or () if o]
    if not origins and raw.get("origin"):
        origins = [str(raw["origin"]).rstrip("/")]
    if not origins:
        origins = [f"{_public_scheme()}://{rp_id}"]
    return RelyingParty(rp_id, name, tuple(origins))


def passwordless() -> bool:
    """``selfservice.methods.webauthn.config.passwordless``: WebAuthn as a first factor."""
    section = config.selfservice.methods["webauthn"].config
    return bool(section.get("passwordless")) if section is not None else False


@dataclass(frozen=True)
class Selection:
    """``selfservice.methods.passkey.config.authenticator_selection`` with its defaults."""

    resident_key: str = "required"
    user_verification: str = "preferred"
    attachment: str | None = None


def passkey_selection() -> Selection:
    section = config.selfservice.methods["passkey"].config
    chosen = section.get("authenticator_selection") if section is not None else None
    raw = chosen.raw() if hasattr(chosen, "raw") else (chosen or {})
    return Selection(
        resident_key=str(raw.get("resident_key") or "required"),
        user_verification=str(raw.get("user_verification") or "preferred"),
        attachment=raw.get("attachment") or None,
    )
