"""Kratos's units: Go durations (``1h30m``, ``500ms``) and byte sizes (``128MB``)."""

from __future__ import annotations

import datetime as dt
import re

_DURATION_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)")
_DURATION = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+$")
_UNIT_SECONDS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}
# Kratos parses sizes with go-bytesize: binary multiples, so "128MB" == 131072 KiB.
_SIZE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|TB|PB|EB)$", re.IGNORECASE)
_SIZE_FACTOR = {"B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40}
_SIZE_FACTOR |= {"PB": 1 << 50, "EB": 1 << 60}


class UnitError(ValueError):
    """A duration or size string could not be parsed."""


def parse_duration(value: str | int | float | dt.timedelta) -> dt.timedelta:
    """Parse a Go duration string such as ``"15m"``, ``"24h"`` or ``"1h30m10s"``.

    Plain numbers are seconds. Raises :class:`UnitError` for anything else.
    """
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, bool):
        raise UnitError(f"not a duration: {value!r}")
    if isinstance(value, int | float):
        return dt.timedelta(seconds=value)
    text = str(value).strip()
    if text == "0":
        return dt.timedelta(0)
    if not _DURATION.match(text):
        raise UnitError(f"not a duration (expected e.g. 15m, 24h, 500ms): {value!r}")
    seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in _DURATION_PART.findall(text))
    return dt.timedelta(seconds=seconds)


def format_duration(value: dt.timedelta) -> str:
    """Format a timedelta the way Go prints durations (``1h0m0s``, ``500ms``)."""
    total_ms = round(value.total_seconds() * 1000)
    if total_ms < 1000:
        return f"{total_ms}ms"
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds = rest / 1000
    sec = f"{seconds:g}s"
    if hours:
        return f"{hours}h{minutes}m{sec}"
    if minutes:
        return f"{minutes}m{sec}"
    return sec


def parse_bytesize(value: str | int) -> int:
    """Parse a size such as ``"128MB"`` (binary multiples) into bytes.

    Integers are bytes. Raises :class:`UnitError` for anything else.
    """
    if isinstance(value, bool):
        raise UnitError(f"not a size: {value!r}")
    if isinstance(value, int):
        return value
    match = _SIZE.match(str(value).strip())
    if not match:
        raise UnitError(f"not a size (expected e.g. 128MB, 1GB): {value!r}")
    number, unit = match.groups()
    return int(float(number) * _SIZE_FACTOR[unit.upper()])


def format_bytesize(value: int) -> str:
    """Format bytes as Kratos writes sizes: the largest exact binary unit (``128MB``)."""
    for unit in ("EB", "PB", "TB", "GB", "MB", "KB"):
        factor = _SIZE_FACTOR[unit]
        if value >= factor and value % factor == 0:
            return f"{value // factor}{unit}"
    return f"{value}B"
