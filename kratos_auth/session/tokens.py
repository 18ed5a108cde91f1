"""Session and logout tokens, and the keyed hashes we store instead of them.

* Session tokens are ``ory_st_`` + 32 random alphanumerics (as Kratos issues them).
* The database holds ``HMAC-SHA256(token key, token)`` only. Token keys are derived from
  ``secrets.default``; the first key hashes new tokens, every key is tried on lookup, so
  rotating the secrets keeps existing sessions working.
* Logout tokens are ``ory_lo_`` + 32 alphanumerics derived by HMAC from the session token.
  They are never stored: whoever holds the session can recompute (and so verify) them, and
  ``/self-service/logout/browser`` returns the same token on every call as Kratos does.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from kratos_auth.core import randomness
from kratos_auth.core.secret import Secret

SESSION_TOKEN_PREFIX = "ory_st_"
LOGOUT_TOKEN_PREFIX = "ory_lo_"
TOKEN_RANDOM_LENGTH = 32
# Anything longer than this is not one of our tokens; refuse before hashing it.
MAX_TOKEN_LENGTH = 256
_ALPHABET = randomness.ALPHANUMERIC


def new_session_token() -> Secret:
    """A fresh session token (about 190 bits of entropy)."""
    return Secret(SESSION_TOKEN_PREFIX + randomness.token(TOKEN_RANDOM_LENGTH))


def reveal(token: Secret | str) -> str:
    """The plain string of a token given either wrapped or bare."""
    value = token.reveal() if isinstance(token, Secret) else token
    return value.decode("utf-8") if isinstance(value, bytes) else value


def hash_token(token: str, key: bytes) -> str:
    """The stored form of ``token`` under ``key`` (64 hex characters)."""
    return hmac.new(key, token.encode("utf-8"), hashlib.sha256).hexdigest()


def candidate_hashes(token: str, keys: Sequence[bytes]) -> list[str]:
    """The hashes of ``token`` under every key, first key first (for lookups)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return []
    return [hash_token(token, key) for key in keys]


def _alphanumeric(digest: bytes, length: int) -> str:
    # Base-62 digits of a 512-bit number; 62**32 is about 2**190, so the bias is negligible.
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[index])
    return "".join(chars)


def logout_token(session_token: str, key: bytes) -> str:
    """The logout token bound to ``session_token`` under ``key``."""
    digest = hmac.new(key, session_token.encode("utf-8"), hashlib.sha512).digest()
    return LOGOUT_TOKEN_PREFIX + _alphanumeric(digest, TOKEN_RANDOM_LENGTH)


def verify_logout_token(candidate: str, session_token: str, keys: Sequence[bytes]) -> bool:
    """Whether ``candidate`` is the logout token of ``session_token`` under any key."""
    if not candidate or len(candidate) > MAX_TOKEN_LENGTH:
        return False
    given = candidate.encode("utf-8")
    matched = False
    for key in keys:
        expected = logout_token(session_token, key).encode("utf-8")
        matched |= hmac.compare_digest(given, expected)
    return matched
