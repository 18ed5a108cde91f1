"""The one clock. Tests freeze it with :func:`frozen`; code calls :func:`now`."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """Return the current time as an aware UTC datetime (or the frozen one)."""
    if _frozen is not None:
        return _frozen
    return dt.datetime.now(dt.UTC)


@contextlib.contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """Freeze :func:`now` at ``at`` for the duration of the block."""
    global _frozen
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous
