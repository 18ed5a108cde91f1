"""Base64 and crypt(3) alphabets, decoded as strictly as Go's ``encoding/base64``.

Kratos decodes imported hashes with ``base64.StdEncoding.Strict()`` (padded) or
``base64.RawStdEncoding.Strict()`` (unpadded): wrong padding, foreign characters and non-zero
trailing bits are errors. Re-encoding and comparing gives the same answer.
"""

from __future__ import annotations

import base64
import binascii

from kratos_auth.hashers.base import HashFormatError

CRYPT_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def b64decode_padded(text: str, what: str) -> bytes:
    """Standard base64 with padding, strict (Go's ``StdEncoding.Strict()``)."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as err:
        raise HashFormatError(f"{what} is not valid base64") from err
    if base64.b64encode(raw).decode("ascii") != text:
        raise HashFormatError(f"{what} is not canonical base64")
    return raw


def b64decode_lenient(text: str, what: str) -> bytes:
    """Standard base64 with padding, trailing bits ignored (Go's ``StdEncoding``)."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as err:
        raise HashFormatError(f"{what} is not valid base64") from err


def b64decode_raw(text: str, what: str) -> bytes:
    """Standard base64 without padding, strict (Go's ``RawStdEncoding.Strict()``)."""
    if "=" in text:
        raise HashFormatError(f"{what} must be unpadded base64")
    raw = b64decode_lenient(text + "=" * (-len(text) % 4), what)
    if b64encode_raw(raw) != text:
        raise HashFormatError(f"{what} is not canonical base64")
    return raw


def b64encode_raw(raw: bytes) -> str:
    """Standard base64 without padding (Go's ``RawStdEncoding``), as Kratos writes it."""
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def crypt_b64_triplet(a: int, b: int, c: int, chars: int) -> str:
    """``chars`` characters of crypt(3)'s base64 for the 24-bit group ``a b c``."""
    value = (a << 16) | (b << 8) | c
    out = []
    for _ in range(chars):
        out.append(CRYPT_ALPHABET[value & 0x3F])
        value >>= 6
    return "".join(out)
