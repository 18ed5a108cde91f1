"""The TOTP QR image: a 256×256 PNG whose pixels are the QR symbol's modules."""

from __future__ import annotations

import base64
import struct
import zlib

from kratos_auth.mfa import qr


def decode_png(data: bytes) -> tuple[int, int, list[list[bool]]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks = 8, {}
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks.setdefault(kind, b"")
        chunks[kind] += body
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (1, 0)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = (width + 7) // 8 + 1
    rows = []
    for y in range(height):
        line = raw[y * stride + 1 : (y + 1) * stride]
        rows.append([not (line[x // 8] >> (7 - x % 8)) & 1 for x in range(width)])
    return width, height, rows


def test_data_uri_is_a_256_pixel_png_of_the_symbol():
    text = "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"
    uri = qr.png_data_uri(text)
    assert uri.startswith("data:image/png;base64,")
    width, height, pixels = decode_png(base64.b64decode(uri.split(",", 1)[1]))
    assert (width, height) == (256, 256)
    modules = qr.matrix(text)
    size = len(modules)
    for y in range(0, 256, 7):
        for x in range(0, 256, 7):
            assert pixels[y][x] == modules[y * size // 256][x * size // 256]
    assert any(any(row) for row in pixels) and not all(all(row) for row in pixels)
