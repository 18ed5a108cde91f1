"""Dotted paths of the built-in plug-ins, resolved lazily and cached.

This is the only module that names concrete classes. Nothing registers itself on import.
"""

from __future__ import annotations

import functools
from typing import Any

from django.utils.module_loading import import_string

HASHERS: dict[str, str] = {
    "argon2": "kratos_auth.hashers.argon2.Argon2Hasher",
    "bcrypt": "kratos_auth.hashers.bcrypt.BcryptHasher",
}

# Every stored format we verify, in Kratos's comparison order (hash.Compare), then Django's.
HASH_VERIFIERS: tuple[str, ...] = (
    "kratos_auth.hashers.bcrypt.BcryptHasher",
    "kratos_auth.hashers.unix_crypt.UnixCryptVerifier",
    "kratos_auth.hashers.argon2.Argon2Hasher",
    "kratos_auth.hashers.pbkdf2.Pbkdf2Verifier",
    "kratos_auth.hashers.scrypt.ScryptVerifier",
    "kratos_auth.hashers.legacy.SshaVerifier",
    "kratos_auth.hashers.legacy.ShaVerifier",
    "kratos_auth.hashers.scrypt.FirebaseScryptVerifier",
    "kratos_auth.hashers.legacy.Md5Verifier",
    "kratos_auth.hashers.legacy.HmacVerifier",
    "kratos_auth.hashers.django_formats.DjangoVerifier",
)

CIPHERS: dict[str, str] = {
    "aes": "kratos_auth.cipher.aes_gcm.AesGcmCipher",
    "xchacha20-poly1305": "kratos_auth.cipher.xchacha20.XChaCha20Cipher",
    "noop": "kratos_auth.cipher.noop.NoopCipher",
}


# Self-service strategies, one per method, in the order flows ask them (profile first).
# A flow uses those that have its method (``login``, ``register``, ``settings`` …).
STRATEGIES: tuple[str, ...] = (
    "kratos_auth.selfservice.strategies.profile.strategy.ProfileStrategy",
    "kratos_auth.selfservice.strategies.password.strategy.PasswordStrategy",
    "kratos_auth.selfservice.strategies.totp.strategy.TotpStrategy",
    "kratos_auth.selfservice.strategies.lookup_secret.strategy.LookupSecretStrategy",
    "kratos_auth.selfservice.strategies.webauthn.strategy.WebAuthnStrategy",
    "kratos_auth.selfservice.strategies.passkey.strategy.PasskeyStrategy",
    "kratos_auth.selfservice.strategies.code.strategy.CodeStrategy",
    "kratos_auth.selfservice.strategies.link.strategy.LinkStrategy",
)

# Self-service hooks by their config name (``selfservice.flows.<flow>.<phase>.hooks``).
HOOKS: dict[str, str] = {
    "session": "kratos_auth.selfservice.hooks.session.SessionHook",
    "revoke_active_sessions": (
        "kratos_auth.selfservice.hooks.revoke_active_sessions.RevokeActiveSessionsHook"
    ),
    "require_verified_address": (
        "kratos_auth.selfservice.hooks.require_verified_address.RequireVerifiedAddressHook"
    ),
    "show_verification_ui": (
        "kratos_auth.selfservice.hooks.show_verification_ui.ShowVerificationUiHook"
    ),
    "web_hook": "kratos_auth.selfservice.hooks.web_hook.WebHook",
    # Kratos's implicit verifier: runs first after registration while verification is on.
    "verification": "kratos_auth.selfservice.verification.verifier.VerificationHook",
}

# Courier delivery channels: email by ``courier.delivery_strategy``, SMS by channel id.
CHANNELS: dict[str, str] = {
    "smtp": "kratos_auth.courier.channels.smtp.SmtpChannel",
    "http": "kratos_auth.courier.channels.http.HttpChannel",
    "sms": "kratos_auth.courier.channels.http.SmsHttpChannel",
}


@functools.cache
def resolve(dotted: str) -> Any:
    """Import and cache the object named by ``dotted``."""
    return import_string(dotted)
