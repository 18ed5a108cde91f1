"""MD4 (RFC 1320) for Kratos's ``$hmac-md4$`` imports: OpenSSL 3 no longer offers it."""

from __future__ import annotations

import struct

_MASK = 0xFFFFFFFF


def _rotl(x: int, n: int) -> int:
    x &= _MASK
    return ((x << n) | (x >> (32 - n))) & _MASK


def _compress(state: list[int], block: bytes) -> None:
    x = struct.unpack("<16I", block)
    a, b, c, d = state
    f = lambda x_, y, z: (x_ & y) | (~x_ & z)  # noqa: E731
    g = lambda x_, y, z: (x_ & y) | (x_ & z) | (y & z)  # noqa: E731
    h = lambda x_, y, z: x_ ^ y ^ z  # noqa: E731
    for i in (0, 4, 8, 12):
        a = _rotl(a + f(b, c, d) + x[i], 3)
        d = _rotl(d + f(a, b, c) + x[i + 1], 7)
        c = _rotl(c + f(d, a, b) + x[i + 2], 11)
        b = _rotl(b + f(c, d, a) + x[i + 3], 19)
    for i in (0, 1, 2, 3):
        a = _rotl(a + g(b, c, d) + x[i] + 0x5A827999, 3)
        d = _rotl(d + g(a, b, c) + x[i + 4] + 0x5A827999, 5)
        c = _rotl(c + g(d, a, b) + x[i + 8] + 0x5A827999, 9)
        b = _rotl(b + g(c, d, a) + x[i + 12] + 0x5A827999, 13)
    for i in (0, 2, 1, 3):
        a = _rotl(a + h(b, c, d) + x[i] + 0x6ED9EBA1, 3)
        d = _rotl(d + h(a, b, c) + x[i + 8] + 0x6ED9EBA1, 9)
        c = _rotl(c + h(d, a, b) + x[i + 4] + 0x6ED9EBA1, 11)
        b = _rotl(b + h(c, d, a) + x[i + 12] + 0x6ED9EBA1, 15)
    for i, v in enumerate((a, b, c, d)):
        state[i] = (state[i] + v) & _MASK


class MD4:
    """A ``hashlib``-style MD4 object (enough for :mod:`hmac`)."""

    name = "md4"
    digest_size = 16
    block_size = 64

    def __init__(self, data: bytes = b"") -> None:
        self._state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
        self._buffer = b""
        self._length = 0
        self.update(data)

    def update(self, data: bytes) -> None:
        self._length += len(data)
        buffer = self._buffer + bytes(data)
        whole = len(buffer) - len(buffer) % 64
        for start in range(0, whole, 64):
            _compress(self._state, buffer[start : start + 64])
        self._buffer = buffer[whole:]

    def copy(self) -> MD4:
        other = MD4()
        other._state = list(self._state)
        other._buffer = self._buffer
        other._length = self._length
        return other

    def digest(self) -> bytes:
        clone = self.copy()
        bit_length = (self._length * 8) & 0xFFFFFFFFFFFFFFFF
        padding = b"\x80" + b"\0" * ((55 - self._length) % 64) + struct.pack("<Q", bit_length)
        clone.update(padding)
        return struct.pack("<4I", *clone._state)

    def hexdigest(self) -> str:
        return self.digest().hex()
