"""A wrapper for secret strings: masked repr, constant-time equality."""

from __future__ import annotations

import hmac

MASK = "[redacted]"


class Secret:
    """Holds a password, code, token or key. ``str()``/``repr()`` never show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str | bytes) -> None:
        self._value = value

    def reveal(self) -> str | bytes:
        """The wrapped value. Call only where the value is really needed."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        a, b = self._value, other._value
        if isinstance(a, str):
            a = a.encode()
        if isinstance(b, str):
            b = b.encode()
        return hmac.compare_digest(a, b)

    def __hash__(self) -> int:
        raise TypeError("Secret values are not hashable")

    def __len__(self) -> int:
        return len(self._value)

    def __reduce__(self) -> tuple:
        raise TypeError("Secret values cannot be pickled")
