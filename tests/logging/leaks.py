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
# Word alphabets, narrowest first (see find_leaks).
_WORDS = (re.compile(r"[A-Za-z0-9_]+"), re.compile(r"[A-Za-z0-9_~+-]+"))
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


def _alphabet(secret: str) -> re.Pattern[str] | None:
    """The word pattern a secret is a whole word of, or None (then: substring search)."""
    for pattern in _WORDS:
        if pattern.fullmatch(secret):
            return pattern
    return None


def find_leaks(secrets: Mapping[str, str], lines: Iterable[tuple[str, str]]) -> list[Leak]:
    """Every secret that occurs in a line, once per secret (``lines``: (test id, line)).

    A secret made of word characters (``[A-Za-z0-9_]``, or that plus ``-~+`` for tokens and
    passwords such as ``Correct-Horse-9``) is looked up as a whole word in a set of the
    log's words, which keeps the search fast over a whole suite; any other secret is searched
    as a substring. A secret glued inside a longer word is therefore not reported.
    """
    lines = list(lines)
    text = "\n".join(line for _, line in lines)
    words = {pattern: set(pattern.findall(text)) for pattern in _WORDS}
    leaks = []
    for secret, origin in secrets.items():
        pattern = _alphabet(secret)
        found = secret in words[pattern] if pattern is not None else secret in text
        if not found:
            continue
        for test, line in lines:
            in_line = secret in pattern.findall(line) if pattern is not None else secret in line
            if in_line:
                leaks.append(Leak(secret, origin, line, test))
                break
    return leaks
