"""What a log line may not contain, and how it is removed.

Passwords, codes, tokens, cookies, secrets, keys and hashes are always replaced by the
redaction text, even when ``log.leak_sensitive_values`` is on (Kratos would leak some of them;
we do not). E-mail addresses and identifiers are masked unless leaking is on. Control
characters (CR, LF, …) are escaped so user input cannot forge log lines.

Two layers, because neither alone is enough:

* by **key**: a structured field named like a secret (``password``, ``session_token``,
  ``code``, ``hashed_password``, ``cookie``…) is replaced whatever its value;
* by **shape**: free text is scanned for things that look like secrets wherever they appear
  (``ory_st_…`` tokens, ``$argon2id$…`` and ``$2b$…`` hashes, ``Bearer …``, ``Cookie:``
  headers, ``password=…`` / ``"code": "…"`` pairs in query strings and JSON).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

DEFAULT_REDACTION_TEXT = "[redacted]"

# Segments (split on _ - . and camelCase) that make a key sensitive.
SENSITIVE_SEGMENTS = frozenset(
    {
        "password",
        "passwd",
        "passphrase",
        "secret",
        "secrets",
        "token",
        "tokens",
        "cookie",
        "cookies",
        "authorization",
        "hash",
        "hashed",
        "code",
        "codes",
        "otp",
        "totp",
        "seed",
        "key",
        "apikey",
        "csrf",
        "credential",
        "credentials",
        "ciphertext",
        "signature",
        "set-cookie",
    }
)
# Keys with a sensitive segment that only name or count things.
SAFE_KEYS = frozenset(
    {
        "status_code",
        "http_status_code",
        "error_code",
        "response_code",
        "country_code",
        "key_id",
        "key_ids",
        "keys_count",
        "secret_count",
        "credentials_type",
        "credential_type",
        "credential_types",
        "token_type",
        "code_type",
        "hash_algorithm",
        "hasher",
    }
)
IDENTIFIER_KEYS = frozenset({"identifier", "email", "username", "address", "recipient", "to"})

_SPLIT = re.compile(r"[_\-.\s]+|(?<=[a-z0-9])(?=[A-Z])")
_KEY_WORDS = (
    r"password|passwd|passphrase|secret|token|code|otp|totp|csrf_token|api_key|apikey|"
    r"session_token|logout_token|refresh_token|access_token|id_token|hashed_password|"
    r"lookup_secret_confirm|totp_code|recovery_code|cookie"
)
# Ordered: the more specific shapes first. Each pattern's group "v" is replaced.
_SHAPES: tuple[re.Pattern[str], ...] = (
    # Kratos tokens: ory_st_ (session), ory_lo_ (logout), ory_ac_/ory_rt_ … any ory_xx_ token.
    re.compile(r"(?P<v>\bory_[a-z]{2,3}_[A-Za-z0-9]{8,})"),
    # PHC / crypt hashes: $argon2id$…, $2b$12$…, $pbkdf2-sha256$…, $scrypt$…, $sha256$….
    re.compile(r"(?P<v>\$(?:argon2(?:id|i|d)|2[abxy]?|pbkdf2[-_\w]*|scrypt|sha\d*|md5|ssha)\$\S+)"),
    re.compile(r"(?P<v>\{(?:SSHA|SHA|SMD5|CRYPT)\}\S+)", re.IGNORECASE),
    # Passwords in URLs (DSNs, webhook URLs): scheme://user:password@host.
    re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:(?P<v>[^@/\s]+)@"),
    # HTTP credentials.
    re.compile(r"\b(?:Bearer|Basic|Token)\s+(?P<v>[A-Za-z0-9._~+/=:-]{6,})", re.IGNORECASE),
    # Whole Cookie / Set-Cookie / Authorization header values.
    re.compile(
        r"\b(?:cookie|set-cookie|authorization|x-session-token|x-api-key)\b\s*[:=]\s*"
        r"(?P<v>[^\r\n]+)",
        re.IGNORECASE,
    ),
    # name=value cookies of ours (in whatever context they appear).
    re.compile(r"\b(?:ory_kratos_session|ory_kratos_continuity|csrf_token[\w-]*)=(?P<v>[^;\s&,]+)"),
    # key=value (query strings, logfmt) and "key": "value" (JSON, reprs).
    re.compile(rf"(?i)\b(?:{_KEY_WORDS})\b=(?P<v>[^&\s;,\"']+)"),
    re.compile(rf"(?i)[\"']?\b(?:{_KEY_WORDS})\b[\"']?\s*:\s*[\"'](?P<v>[^\"']*)[\"']"),
)
_EMAIL = re.compile(r"(?P<local>[A-Za-z0-9._%+-]+)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_ESCAPES = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def is_sensitive_key(key: str) -> bool:
    """True if a field called ``key`` holds a secret (its value is always redacted)."""
    lowered = key.lower()
    if lowered in SAFE_KEYS:
        return False
    if lowered in SENSITIVE_SEGMENTS:
        return True
    return any(part.lower() in SENSITIVE_SEGMENTS for part in _SPLIT.split(key) if part)


def mask_email(address: str) -> str:
    """``jane.doe@example.com`` → ``j***@example.com``."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else mask_identifier(address)


def mask_identifier(value: str) -> str:
    """Keep the first character of an identifier (username, phone number) and hide the rest."""
    if "@" in value:
        return mask_email(value)
    return f"{value[:1]}***" if value else value


def escape_control(text: str) -> str:
    """Escape CR, LF and other control characters so one record stays one line."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def redact_text(text: str, *, leak: bool = False, mask: str = DEFAULT_REDACTION_TEXT) -> str:
    """``text`` with every secret-shaped substring replaced and e-mails masked (unless leak)."""
    for pattern in _SHAPES:
        text = pattern.sub(lambda m: _replace_group(m, mask), text)
    if not leak:
        text = _EMAIL.sub(lambda m: mask_email(m.group()), text)
    return text


def _replace_group(match: re.Match[str], mask: str) -> str:
    start, end = match.span("v")
    whole_start = match.start()
    value = match.group()
    return value[: start - whole_start] + mask + value[end - whole_start :]


def redact_value(
    key: str, value: Any, *, leak: bool = False, mask: str = DEFAULT_REDACTION_TEXT
) -> Any:
    """A structured field's value as it may be logged (recursing into dicts and lists)."""
    if value is None or isinstance(value, bool | int | float):
        return value if not is_sensitive_key(key) or value is None else mask
    if is_sensitive_key(key):
        return mask
    if isinstance(value, Mapping):
        return redact_fields(value, leak=leak, mask=mask)
    if isinstance(value, list | tuple | set | frozenset):
        return [redact_value(key, item, leak=leak, mask=mask) for item in value]
    text = escape_control(str(value))
    if not leak and key.lower() in IDENTIFIER_KEYS:
        return mask_identifier(text)
    return redact_text(text, leak=leak, mask=mask)


def redact_fields(
    fields: Mapping[str, Any], *, leak: bool = False, mask: str = DEFAULT_REDACTION_TEXT
) -> dict[str, Any]:
    """A copy of ``fields`` safe to log."""
    return {str(k): redact_value(str(k), v, leak=leak, mask=mask) for k, v in fields.items()}
