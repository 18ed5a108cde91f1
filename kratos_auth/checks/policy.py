"""Checks on authentication policy: passwords, hashing cost, sessions, MFA, logging.

W060 minimum password length under 12 · W061 breached-password check off · W062
password/identifier similarity check off · E070 bcrypt cost under 12 · E072 Argon2 memory
under OWASP's floor for its iterations · W080 ``session.lifespan`` unset · W081
``privileged_session_max_age`` over 1h · W082 no second factor enabled · E090
``log.leak_sensitive_values`` on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kratos_auth.checks.base import Messages, deployment_check, error, warning
from kratos_auth.conf import config

MIN_PASSWORD_LENGTH = 12  # ASVS 4.0.3 §2.1.1
MIN_BCRYPT_COST = 12  # Kratos's default and its floor outside --dev
MIB = 1 << 20
# OWASP Password Storage Cheat Sheet: Argon2id memory (MiB) for t = 1..5 iterations, p = 1.
ARGON2_FLOOR_MIB = {1: 46, 2: 19, 3: 12, 4: 9, 5: 7}
MAX_PRIVILEGED_AGE = dt.timedelta(hours=1)


def argon2_floor(iterations: int) -> int:
    """OWASP's minimum Argon2id memory in bytes for ``iterations`` passes."""
    return ARGON2_FLOOR_MIB[min(max(iterations, 1), 5)] * MIB


def check_password_policy(cfg: Any) -> Messages:
    method = cfg.selfservice.methods.password
    if not method.enabled:
        return []
    policy = method.config
    messages: Messages = []
    if policy.min_password_length < MIN_PASSWORD_LENGTH:
        messages.append(
            warning(
                60,
                f"Passwords may be as short as {policy.min_password_length} characters.",
                "Set selfservice.methods.password.config.min_password_length to 12 or more "
                "(15 when passwords are the only factor, NIST SP 800-63B rev. 4).",
            )
        )
    if not policy.haveibeenpwned_enabled:
        messages.append(
            warning(
                61,
                "Breached passwords are accepted (haveibeenpwned_enabled: false).",
                "Enable selfservice.methods.password.config.haveibeenpwned_enabled (or point "
                "haveibeenpwned_host at a self-hosted range API).",
            )
        )
    if not policy.identifier_similarity_check_enabled:
        messages.append(
            warning(
                62,
                "Passwords similar to the identifier are accepted.",
                "Enable selfservice.methods.password.config.identifier_similarity_check_enabled.",
            )
        )
    return messages


def check_hashers(cfg: Any) -> Messages:
    hashers = cfg.hashers
    if hashers.algorithm == "bcrypt" and hashers.bcrypt.cost < MIN_BCRYPT_COST:
        return [
            error(
                70,
                f"hashers.bcrypt.cost is {hashers.bcrypt.cost}; below 12 a stolen hash is "
                "cheap to crack.",
                "Set hashers.bcrypt.cost to 12 or more, or use hashers.algorithm: argon2.",
            )
        ]
    if hashers.algorithm == "argon2":
        a = hashers.argon2
        floor = argon2_floor(a.iterations)
        if a.memory < floor:
            return [
                error(
                    72,
                    f"hashers.argon2.memory is {a.memory // 1024} KiB with {a.iterations} "
                    f"iteration(s); OWASP's minimum is {floor // MIB} MiB for that.",
                    "Raise hashers.argon2.memory (Kratos's default is 128MB) or iterations; "
                    "`manage.py kratos hashers argon2 calibrate 500ms` finds values.",
                )
            ]
    return []


def check_sessions(cfg: Any) -> Messages:
    messages: Messages = []
    if "lifespan" not in cfg.session:
        messages.append(
            warning(
                80,
                "session.lifespan is not set: sessions last Kratos's default of 24h.",
                "Set session.lifespan to what your application needs (NIST AAL2: 12h or less).",
            )
        )
    age = cfg.selfservice.flows.settings.privileged_session_max_age
    if age > MAX_PRIVILEGED_AGE:
        messages.append(
            warning(
                81,
                f"selfservice.flows.settings.privileged_session_max_age is {age}: a stolen "
                "session could change the password or e-mail long after the login.",
                "Keep it at 1h or less (15m is common).",
            )
        )
    return messages


def second_factors(cfg: Any) -> list[str]:
    """Enabled methods that can serve as a second factor."""
    methods = cfg.selfservice.methods
    found = [name for name in ("totp", "lookup_secret") if methods[name].enabled]
    if methods.webauthn.enabled and not methods.webauthn.config.passwordless:
        found.append("webauthn")
    if methods.code.mfa_enabled:
        found.append("code")
    return found


def check_mfa(cfg: Any) -> Messages:
    if second_factors(cfg):
        return []
    return [
        warning(
            82,
            "No second factor is enabled: a phished or reused password is enough to log in.",
            "Enable selfservice.methods.totp, webauthn (not passwordless), lookup_secret or "
            "code.mfa_enabled.",
        )
    ]


def check_logging(cfg: Any) -> Messages:
    if not cfg.log.leak_sensitive_values:
        return []
    return [
        error(
            90,
            "log.leak_sensitive_values is on: e-mail addresses and identifiers are logged "
            "unmasked.",
            "Remove log.leak_sensitive_values (it defaults to false).",
        )
    ]


@deployment_check
def policy_checks(app_configs: Any = None, **kwargs: Any) -> Messages:
    return [
        *check_password_policy(config),
        *check_hashers(config),
        *check_sessions(config),
        *check_mfa(config),
        *check_logging(config),
    ]
