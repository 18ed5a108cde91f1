"""``webauthn.js``: where it is served, its bytes and its Subresource Integrity hash."""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path

PATH = ".well-known/ory/webauthn.js"
SOURCE = Path(__file__).resolve().parent.parent / "static" / "kratos_auth" / "webauthn.js"


@functools.cache
def content() -> bytes:
    return SOURCE.read_bytes()


@functools.cache
def integrity() -> str:
    """``sha512-<base64>``, as Kratos puts in the script node (browsers check it)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(content()).digest()).decode("ascii")
