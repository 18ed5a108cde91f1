"""A HaveIBeenPwned client for the k-anonymity range API.

Only the first five hex characters of the password's SHA-1 leave the process
(``GET https://<host>/range/<prefix>`` with ``Add-Padding: true``); the answer lists
``SUFFIX:COUNT`` lines, padding entries have a count of 0 and are ignored. Answers are
cached per full hash for an hour, as Kratos does. ``haveibeenpwned_host`` may also be a base
URL with a scheme (``http://127.0.0.1:8765``), which is how tests and self-hosted mirrors
without TLS are reached; a bare host means ``https``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

from kratos_auth.selfservice.flow import outbound

CACHE_TTL = 3600.0
CACHE_SIZE = 100_000
TIMEOUT = (1.0, 3.0)
MAX_ANSWER_BYTES = 512 * 1024


class HibpUnavailable(Exception):
    """The API could not be asked or answered unexpectedly."""


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: OrderedDict[str, tuple[float, int]] = OrderedDict()

    def get(self, key: str) -> int | None:
        with self._lock:
            found = self._data.get(key)
            if found is None or found[0] < time.monotonic():
                return None
            self._data.move_to_end(key)
            return found[1]

    def put(self, key: str, count: int) -> None:
        with self._lock:
            self._data[key] = (time.monotonic() + CACHE_TTL, count)
            self._data.move_to_end(key)
            while len(self._data) > CACHE_SIZE:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_cache = _Cache()


def clear_cache() -> None:
    _cache.clear()


def range_url(host: str, prefix: str) -> str:
    base = host if "://" in host else f"https://{host}"
    return f"{base.rstrip('/')}/range/{prefix}"


def parse_range(body: str, suffix: str) -> int:
    """The breach count of ``suffix`` in a range answer (0 when absent or padding)."""
    for line in body.splitlines():
        entry, _, count = line.strip().partition(":")
        if entry.upper() != suffix:
            continue
        if not count:
            return 1  # Kratos: a line without a count means one breach
        try:
            return max(int(count), 0)
        except ValueError as err:
            raise HibpUnavailable("malformed count in range answer") from err
    return 0


def breaches(password: str, host: str) -> int:
    """How often ``password`` appears in known breaches. Raises :class:`HibpUnavailable`."""
    digest = hashlib.sha1(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    cached = _cache.get(digest)
    if cached is not None:
        return cached
    prefix, suffix = digest[:5], digest[5:]
    try:
        answer = outbound.send(
            "GET",
            range_url(host, prefix),
            headers={"Add-Padding": "true", "User-Agent": "django-kratos-auth"},
            timeout=TIMEOUT,
            max_bytes=MAX_ANSWER_BYTES,
        )
    except outbound.OutboundError as err:
        raise HibpUnavailable(str(err)) from err
    if answer.status != 200:
        raise HibpUnavailable(f"unexpected status code {answer.status}")
    count = parse_range(answer.body.decode("utf-8", errors="replace"), suffix)
    _cache.put(digest, count)
    return count
