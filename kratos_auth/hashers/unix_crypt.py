"""crypt(3)'s MD5-crypt, SHA256-crypt and SHA512-crypt in pure Python. Verify-only.

Kratos imports them with its own prefixes ``$md5-crypt$``, ``$sha256-crypt$`` and
``$sha512-crypt$`` (which it maps to ``$1$``, ``$5$``, ``$6$``); we accept both spellings.
Pure Python rather than the ``crypt`` module (deprecated, removed in Python 3.13) or passlib
(unmaintained): the round loops follow PHK's MD5-crypt and Drepper's SHA-crypt specification
and are checked against glibc's ``crypt`` in the vectors.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable

from kratos_auth.hashers.base import HashFormatError, verify_bytes
from kratos_auth.hashers.bounds import MAX_HASH_LENGTH, Bounds
from kratos_auth.hashers.encoding import crypt_b64_triplet
from kratos_auth.hashers.guard import MemoryGuard
from kratos_auth.hashers.settings import HasherSettings

_MD5 = re.compile(r"\$(?:1|md5-crypt)\$([^$]{0,8})\$([./0-9A-Za-z]{22})")
_SHA = re.compile(
    r"\$(5|6|sha256-crypt|sha512-crypt)\$(?:rounds=(\d{1,10})\$)?([^$]{0,16})\$([./0-9A-Za-z]+)"
)
_SHA_VARIANTS = {
    "5": "sha256",
    "sha256-crypt": "sha256",
    "6": "sha512",
    "sha512-crypt": "sha512",
}
_SHA_LENGTH = {"sha256": 43, "sha512": 86}
ROUNDS_DEFAULT, ROUNDS_MIN, ROUNDS_MAX = 5000, 1000, 999_999_999


def _encode(digest: bytes, groups: list[tuple[int, int, int]], tail: tuple[int, ...]) -> str:
    out = [crypt_b64_triplet(digest[a], digest[b], digest[c], 4) for a, b, c in groups]
    if len(tail) == 1:
        out.append(crypt_b64_triplet(0, 0, digest[tail[0]], 2))
    else:
        out.append(crypt_b64_triplet(0, digest[tail[0]], digest[tail[1]], 3))
    return "".join(out)


def md5_crypt(password: bytes, salt: bytes) -> str:
    """The 22-character MD5-crypt digest (``$1$``) of ``password`` with ``salt``."""
    salt = salt[:8]
    alternate = hashlib.md5(password + salt + password, usedforsecurity=False).digest()
    ctx = hashlib.md5(password + b"$1$" + salt, usedforsecurity=False)
    for length in range(len(password), 0, -16):
        ctx.update(alternate[: min(16, length)])
    i = len(password)
    while i:
        ctx.update(b"\0" if i & 1 else password[:1])
        i >>= 1
    final = ctx.digest()
    for r in range(1000):
        data = password if r & 1 else final
        if r % 3:
            data += salt
        if r % 7:
            data += password
        data += final if r & 1 else password
        final = hashlib.md5(data, usedforsecurity=False).digest()
    groups = [(0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)]
    return _encode(final, groups, (11,))


def _sha_groups(name: str) -> tuple[list[tuple[int, int, int]], tuple[int, ...]]:
    """Drepper's byte order for the final base64 (the 3 rotations cycle per group)."""
    if name == "sha256":
        groups = []
        for i in range(10):
            a, b, c = i, i + 10, i + 20
            groups.append([(a, b, c), (c, a, b), (b, c, a)][i % 3])
        return groups, (31, 30)
    groups = []
    for i in range(21):
        a, b, c = i, i + 21, i + 42
        groups.append([(a, b, c), (b, c, a), (c, a, b)][i % 3])
    return groups, (63,)


def _repeat(block: bytes, length: int) -> bytes:
    return (block * (length // len(block) + 1))[:length]


def sha_crypt(name: str, password: bytes, salt: bytes, rounds: int) -> str:
    """The SHA256-crypt / SHA512-crypt digest (``name`` is ``sha256`` or ``sha512``)."""
    digest_fn = getattr(hashlib, name)
    salt = salt[:16]
    alternate = digest_fn(password + salt + password).digest()
    ctx = digest_fn(password + salt)
    ctx.update(_repeat(alternate, len(password)))
    i = len(password)
    while i:
        ctx.update(alternate if i & 1 else password)
        i >>= 1
    current = ctx.digest()
    p_bytes = _repeat(digest_fn(password * len(password)).digest(), len(password))
    s_bytes = _repeat(digest_fn(salt * (16 + current[0])).digest(), len(salt))
    # The 42 round shapes repeat; precompute each one's constant part.
    shapes = []
    for r in range(42):
        middle = (s_bytes if r % 3 else b"") + (p_bytes if r % 7 else b"")
        shapes.append((True, p_bytes + middle) if r & 1 else (False, middle + p_bytes))
    for r in range(rounds):
        odd, fixed = shapes[r % 42]
        current = digest_fn(fixed + current if odd else current + fixed).digest()
    groups, tail = _sha_groups(name)
    return _encode(current, groups, tail)


class UnixCryptVerifier:
    """``$md5-crypt$``/``$1$``, ``$sha256-crypt$``/``$5$``, ``$sha512-crypt$``/``$6$``."""

    algorithm = "crypt"

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds

    @classmethod
    def build(cls, settings: HasherSettings, guard: MemoryGuard) -> UnixCryptVerifier:
        return cls(settings.bounds)

    def understands(self, hashed: str) -> bool:
        return bool(re.match(r"\$(1|5|6|md5-crypt|sha256-crypt|sha512-crypt)\$", hashed))

    def parse(self, hashed: str) -> Callable[[bytes], bool]:
        if len(hashed) > MAX_HASH_LENGTH:
            raise HashFormatError("crypt hash is too long")
        md5 = _MD5.fullmatch(hashed)
        if md5:
            salt, expected = md5.group(1).encode(), md5.group(2)
            return lambda pw: hmac.compare_digest(md5_crypt(pw, salt), expected)
        sha = _SHA.fullmatch(hashed)
        if not sha or len(sha.group(4)) != _SHA_LENGTH[_SHA_VARIANTS[sha.group(1)]]:
            raise HashFormatError("crypt hash must look like $sha512-crypt$rounds=N$salt$digest")
        name = _SHA_VARIANTS[sha.group(1)]
        rounds = int(sha.group(2)) if sha.group(2) else ROUNDS_DEFAULT
        if not ROUNDS_MIN <= rounds <= min(ROUNDS_MAX, self.bounds.shacrypt_max_rounds):
            raise HashFormatError(
                f"{name}-crypt rounds {rounds} is outside "
                f"{ROUNDS_MIN}..{self.bounds.shacrypt_max_rounds}"
            )
        salt, expected = sha.group(3).encode(), sha.group(4)
        return lambda pw: hmac.compare_digest(sha_crypt(name, pw, salt, rounds), expected)

    def validate(self, hashed: str) -> None:
        self.parse(hashed)

    def verify(self, password: str, hashed: str) -> bool:
        raw = verify_bytes(password)
        try:
            check = self.parse(hashed)
        except HashFormatError:
            return False
        return raw is not None and check(raw)
