"""Checks on ``secrets.*``: missing, short, reused, sample or guessable values.

E010 ``secrets.default`` missing · W011 ``secrets.cookie`` missing · E012 encryption off
(``ciphers.algorithm: noop`` or no ``secrets.cipher``) · E013 too short (``default``/``cookie``
under 32 characters, ``cipher`` not exactly 32) · E014 one value in two places · E015 a sample
value from documentation or a guessable one. Messages name the key and position, never the
value.
"""

from __future__ import annotations

import re
from typing import Any

from kratos_auth.checks.base import Messages, deployment_check, error, warning
from kratos_auth.conf import config

MIN_LENGTH = 32  # 32 random characters carry well over 128 bits (ASVS 5 §7.2.3)
CIPHER_LENGTH = 32
LISTS = ("default", "cookie", "cipher", "pagination")
# Values from Kratos's quickstarts, guides and schema examples, copied into many deployments.
SAMPLES = frozenset(
    {
        "please-change-me-i-am-very-insecure",
        "32-long-secret-not-secure-at-all",
        "please-change-me-in-production",
        "youreallyneedtochangethis",
        "very-insecure-and-should-only-be-used-in-dev",
        "secret used for encryption",
        "old secret kept for decryption",
        "another old secret kept for decryption",
        "ipsumipsumipsumipsumipsumipsumip",
        "dev-only-insecure-secret-key-do-not-use-in-production",
    }
)
SAMPLE_WORDS = (
    "change",
    "insecure",
    "example",
    "sample",
    "secret",
    "password",
    "default",
    "dummy",
    "test",
    "please",
    "replace",
    "lorem",
    "ipsum",
    "xxxx",
)
_RUN = 8  # an ascending or descending run this long (01234567, abcdefgh) is not random


def _has_run(value: str) -> bool:
    run_up = run_down = 1
    for a, b in zip(value, value[1:], strict=False):
        run_up = run_up + 1 if ord(b) - ord(a) == 1 else 1
        run_down = run_down + 1 if ord(a) - ord(b) == 1 else 1
        if run_up >= _RUN or run_down >= _RUN:
            return True
    return False


def _repeats(value: str) -> bool:
    """True when the value is a shorter unit repeated (``abcabcabc``)."""
    return bool(re.fullmatch(r"(.+?)\1+", value))


def is_guessable(value: str) -> bool:
    """A sample value, a sample word inside, a repetition, a run, or too few symbols."""
    lowered = value.lower()
    return (
        lowered in SAMPLES
        or any(word in lowered for word in SAMPLE_WORDS)
        or _repeats(value)
        or _has_run(value)
        or len(set(value)) < 10
    )


def _lists(cfg: Any) -> dict[str, tuple[str, ...]]:
    return {name: tuple(cfg.secrets[name] or ()) for name in LISTS}


def check_presence(cfg: Any) -> Messages:
    lists = _lists(cfg)
    messages: Messages = []
    if not lists["default"]:
        messages.append(
            error(
                10,
                "secrets.default is not set: signatures would use a key generated at start-up "
                "and differ between processes and restarts.",
                "Set secrets.default to a list whose first entry is 32+ random characters "
                "(e.g. `openssl rand -hex 32`).",
            )
        )
    if not lists["cookie"]:
        messages.append(
            warning(
                11,
                "secrets.cookie is not set: cookies are signed with secrets.default.",
                "Give cookies their own key: set secrets.cookie to 32+ random characters.",
            )
        )
    if cfg.ciphers.algorithm == "noop" or not lists["cipher"]:
        messages.append(
            error(
                12,
                "Encryption at rest is off (ciphers.algorithm: noop or no secrets.cipher): "
                "TOTP seeds, recovery codes and OIDC tokens would be stored in the clear.",
                "Use ciphers.algorithm: aes (or xchacha20-poly1305) with secrets.cipher set "
                "to exactly 32 random characters.",
            )
        )
    return messages


def check_strength(cfg: Any) -> Messages:
    messages: Messages = []
    short, guessable = [], []
    seen: dict[str, str] = {}
    reused = []
    for name, values in _lists(cfg).items():
        for index, value in enumerate(values):
            where = f"secrets.{name}[{index}]"
            too_short = len(value) != CIPHER_LENGTH if name == "cipher" else len(value) < MIN_LENGTH
            if too_short:
                short.append(where)
            if is_guessable(value):
                guessable.append(where)
            if value in seen:
                reused.append(f"{seen[value]} = {where}")
            seen.setdefault(value, where)
    if short:
        messages.append(
            error(
                13,
                f"Secrets too short: {', '.join(short)}.",
                "Use 32 or more random characters (secrets.cipher: exactly 32).",
            )
        )
    if reused:
        messages.append(
            error(
                14,
                f"The same secret is used more than once: {', '.join(reused)}.",
                "Give every purpose (default, cookie, cipher, pagination) its own random key.",
            )
        )
    if guessable:
        messages.append(
            error(
                15,
                f"Sample or guessable secrets: {', '.join(guessable)}.",
                "Replace them with random values (`openssl rand -hex 16` gives 32 characters); "
                "keep the old value after the new one only while rotating.",
            )
        )
    return messages


@deployment_check
def secret_checks(app_configs: Any = None, **kwargs: Any) -> Messages:
    return [*check_presence(config), *check_strength(config)]
