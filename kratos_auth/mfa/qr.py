"""QR codes as ``data:image/png;base64,`` URIs, 256×256 like Kratos's ``totp_qr`` image.

The symbol is computed by ``segno`` (error correction M, quiet zone of 4 modules) and drawn
here as a 1-bit greyscale PNG, each pixel taking the colour of the module it falls in.
"""

from __future__ import annotations

import base64
import struct
import zlib

import segno

SIZE = 256


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def _pack(row: tuple[bool, ...]) -> bytes:
    """One scanline: filter byte 0, then 8 pixels per byte (1 = white), zero-padded."""
    packed = bytearray([0])
    for start in range(0, len(row), 8):
        chunk = row[start : start + 8]
        value = 0
        for dark in chunk:
            value = (value << 1) | (0 if dark else 1)
        packed.append(value << (8 - len(chunk)))
    return bytes(packed)


def _png(rows: list[tuple[bool, ...]]) -> bytes:
    """A 1-bit greyscale PNG; ``True`` is a dark pixel. Equal rows are packed once."""
    height, width = len(rows), len(rows[0])
    cache: dict[tuple[bool, ...], bytes] = {}
    raw = b"".join(cache[r] if r in cache else cache.setdefault(r, _pack(r)) for r in rows)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(raw, 9)),
            _chunk(b"IEND", b""),
        )
    )


def matrix(text: str) -> list[list[bool]]:
    """The QR symbol of ``text`` with its quiet zone (``True`` = dark module)."""
    symbol = segno.make(text, error="m", micro=False)
    return [[bool(m) for m in row] for row in symbol.matrix_iter(border=4)]


def png_data_uri(text: str, size: int = SIZE) -> str:
    """A ``size``×``size`` PNG of the QR code of ``text``, as a data URI."""
    modules = matrix(text)
    count = len(modules)
    columns = [x * count // size for x in range(size)]
    scaled = [tuple(row[c] for c in columns) for row in modules]
    rows = [scaled[y * count // size] for y in range(size)]
    return "data:image/png;base64," + base64.b64encode(_png(rows)).decode("ascii")
