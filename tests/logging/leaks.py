"""Secrets used during the suite, log lines written during it, and the search for one in the other.

Secrets are registered from four places (see ``plugin.py``): every ``core.secret.Secret``
ever built, every password given to the hashers facade, the sensitive fields of every HTTP
request and response that went through Django (passwords, codes, tokens, cookies), and
whatever a test registers through the ``log_secrets`` fixture.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kratos_auth.logging.redaction import is_sensitive_key

MIN_LENGTH = 6  # shorter values ("abc", "1234") match innocent text by chance
SUBSTRING_LENGTH = 12  # from this length a secret is searched inside words too
_WORD = re.compile(r"[A-Za-z0-9_]+")
# Values under a sensitive key that are not secrets.
_NOT_SECRET = {"password", "code", "token", "true", "false", "none", "null", "totp", "webauthn"}


@dataclass
class SecretRegistry:
    """Thread-safe set of secret values with where each was first seen."""

    values: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, value: Any, origin: str = "test") -> None:
        if isinstance(value, bytes):
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                return
        if not isinstance(value, str):
            return
        value = value.strip()
        if len(value) < MIN_LENGTH or value.lower() in _NOT_SECRET:
            return
        with self.lock:
            self.values.setdefault(value, origin)

    def add_fields(self, data: Any, origin: str, sensitive: bool = False) -> None:
        """Register the values under sensitive keys anywhere in a JSON-like structure."""
        if isinstance(data, Mapping):
            for key, value in data.items():
                self.add_fields(value, origin, sensitive or is_sensitive_key(str(key)))
        elif isinstance(data, list | tuple):
            for item in data:
                self.add_fields(item, origin, sensitive)
        elif sensitive and isinstance(data, str):
            self.add(data, origin)

    def snapshot(self) -> dict[str, str]:
        with self.lock:
            return dict(self.values)


@dataclass(frozen=True)
class Leak:
    secret: str
    origin: str
    line: str
    test: str

    def describe(self) -> str:
        masked = f"{self.secret[:2]}…({len(self.secret)} chars)"
        excerpt = self.line.replace(self.secret, "«SECRET»")
        if len(excerpt) > 300:
            at = max(0, excerpt.find("«SECRET»") - 120)
            excerpt = "…" + excerpt[at : at + 300] + "…"
        return f"{masked} from {self.origin}, logged during {self.test}:\n    {excerpt}"


def find_leaks(secrets: Mapping[str, str], lines: Iterable[tuple[str, str]]) -> list[Leak]:
    """Every secret that occurs in a line, once per secret (``lines``: (test id, line))."""
    lines = list(lines)
    text = "\n".join(line for _, line in lines)
    words = set(_WORD.findall(text))
    leaks = []
    for secret, origin in secrets.items():
        single_word = _WORD.fullmatch(secret) is not None
        if single_word and len(secret) < SUBSTRING_LENGTH:
            found = secret in words
        else:
            found = secret in text
        if not found:
            continue
        for test, line in lines:
            if _occurs(secret, line, single_word):
                leaks.append(Leak(secret, origin, line, test))
                break
    return leaks


def _occurs(secret: str, line: str, single_word: bool) -> bool:
    if single_word and len(secret) < SUBSTRING_LENGTH:
        return secret in _WORD.findall(line)
    return secret in line
