"""Keyset pagination with opaque, encrypted page tokens (Kratos's ``page_size``/``page_token``).

A page is ``WHERE (keys) > (last keys) ORDER BY keys LIMIT size + 1``: an index range scan
whose cost does not depend on how deep the page is (no ``OFFSET``). The token holds the last
row's keys and the list it belongs to, encrypted with ``secrets.pagination`` (falling back to
``secrets.default``) so clients cannot read or forge it; like Kratos, the first key encrypts
and every key decrypts. The next page is announced in the ``Link`` header::

    Link: </admin/identities?page_size=250>; rel="first",
          </admin/identities?page_size=250&page_token=…>; rel="next"

Lists whose api.json operation also names Kratos's deprecated ``page``/``per_page`` accept
them (``legacy_pages=True``), as Kratos's ``ParseKeysetOrPagePagination`` does: when neither
``page_token`` nor ``page_size`` is given, ``page`` (0-based) selects an ``OFFSET`` page,
answered with ``X-Total-Count`` and ``first``/``prev``/``next``/``last`` links. Like Kratos,
that mode stops at :data:`LEGACY_LIMIT` rows, so no page costs more than a short scan.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.db.models import Q, QuerySet
from django.http import QueryDict

from kratos_auth.conf import config
from kratos_auth.core import randomness
from kratos_auth.errors import BadRequest
from kratos_auth.text import admin as text

T = TypeVar("T")
JSON = Any

DEFAULT_PAGE_SIZE = 250
MAX_PAGE_SIZE = 500
MAX_TOKEN_LENGTH = 1024
# Kratos (x.PagePaginationLimit): offset pages may not start past this many rows.
LEGACY_LIMIT = 1000
_PAGING_PARAMETERS = ("page_size", "per_page", "page_token", "page")
_KDF_INFO = b"kratos_auth pagination token v1"


@dataclass(frozen=True)
class PageRequest:
    """The size of the page and the keys of the last row of the previous page (or None).

    ``number`` is set instead for Kratos's deprecated offset pages (``page``, 0-based).
    """

    size: int
    after: tuple[JSON, ...] | None = None
    number: int | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page; ``number`` and ``total`` are set for offset pages only."""

    items: list[T]
    next_token: str | None
    size: int
    number: int | None = None
    total: int | None = None


@functools.lru_cache(maxsize=8)
def _fernet(secrets: tuple[str, ...]) -> MultiFernet:
    keys = []
    for secret in secrets:
        kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KDF_INFO)
        keys.append(Fernet(base64.urlsafe_b64encode(kdf.derive(secret.encode("utf-8")))))
    return MultiFernet(keys)


def _keyring() -> MultiFernet:
    secrets = tuple(config.secrets.pagination or ()) or tuple(config.secrets.default or ())
    if not secrets:
        # ``secrets.default`` is required outside --dev; in --dev a per-process key keeps
        # tokens opaque (they stop working when the process restarts).
        secrets = (_process_secret(),)
    return _fernet(secrets)


@functools.cache
def _process_secret() -> str:
    return randomness.token(43)


def _jsonable(value: JSON) -> JSON:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def encode_token(scope: str, keys: Sequence[JSON]) -> str:
    """An opaque token for "the rows after ``keys``" in the list named ``scope``."""
    raw = json.dumps({"s": scope, "k": [_jsonable(k) for k in keys]}, separators=(",", ":"))
    return _keyring().encrypt(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_token(scope: str, token: str) -> tuple[JSON, ...]:
    """The keys in ``token``. Raises :class:`BadRequest` if it is forged, foreign or garbled."""
    invalid = BadRequest(text.PAGE_TOKEN_INVALID)
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        raise invalid
    padded = token + "=" * (-len(token) % 4)
    try:
        payload = json.loads(_keyring().decrypt(padded.encode("ascii")))
    except (InvalidToken, ValueError, TypeError) as err:
        raise invalid from err
    if not isinstance(payload, dict) or payload.get("s") != scope:
        raise invalid
    keys = payload.get("k")
    if not isinstance(keys, list) or not keys:
        raise invalid
    return tuple(keys)


def parse_page_size(
    query: QueryDict, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE
) -> int:
    """``page_size`` (or Kratos's deprecated ``per_page``), an integer in 1..``maximum``."""
    name = "page_size" if "page_size" in query else "per_page"
    return _integer(query, name, default, 1, maximum)


def _integer(query: QueryDict, name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise BadRequest(text.INVALID_INTEGER_PARAMETER.format(name=name, low=low, high=high))
    return value


class Paginator:
    """Keyset pagination of one list (``scope``) ordered by ``keys`` (``-name`` = descending).

    The last key must be unique (the primary key) so that the order is total.
    """

    def __init__(
        self,
        scope: str,
        keys: Sequence[str] = ("id",),
        *,
        default_size: int = DEFAULT_PAGE_SIZE,
        max_size: int = MAX_PAGE_SIZE,
        legacy_pages: bool = False,
    ) -> None:
        self.scope = scope
        self.keys = tuple(keys)
        self.default_size = default_size
        self.max_size = max_size
        self.legacy_pages = legacy_pages

    def parse(self, query: QueryDict) -> PageRequest:
        """Read ``page_size`` and ``page_token`` (or ``page``). Raises :class:`BadRequest`."""
        if self.legacy_pages and "page" in query and not _keyset_asked(query):
            return self._parse_legacy(query)
        size = parse_page_size(query, self.default_size, self.max_size)
        token = query.get("page_token")
        if not token:
            return PageRequest(size)
        after = decode_token(self.scope, token)
        if len(after) != len(self.keys):
            raise BadRequest(text.PAGE_TOKEN_INVALID)
        return PageRequest(size, after)

    def _parse_legacy(self, query: QueryDict) -> PageRequest:
        size = _integer(query, "per_page", self.default_size, 1, self.max_size)
        number = _integer(query, "page", 0, 0, LEGACY_LIMIT)
        if number * size > LEGACY_LIMIT:
            raise BadRequest(text.LEGACY_PAGINATION_LIMIT.format(limit=LEGACY_LIMIT))
        return PageRequest(size, number=number)

    def _after_filter(self, model: Any, after: tuple[JSON, ...]) -> Q:
        values = []
        for key, raw in zip(self.keys, after, strict=True):
            field = model._meta.get_field(key.lstrip("-"))
            try:
                values.append(field.to_python(raw))
            except Exception as err:  # noqa: BLE001 - any conversion failure is a bad token
                raise BadRequest(text.PAGE_TOKEN_INVALID) from err
        condition = Q()
        for i, key in enumerate(self.keys):
            name = key.lstrip("-")
            step = Q(**{f"{name}__{'lt' if key.startswith('-') else 'gt'}": values[i]})
            for earlier, value in zip(self.keys[:i], values[:i], strict=True):
                step &= Q(**{earlier.lstrip("-"): value})
            condition |= step
        return condition

    def page(self, queryset: QuerySet, request: PageRequest) -> Page:
        """One page of ``queryset``; fetches one extra row to know whether more follow."""
        if request.number is not None:
            start = request.number * request.size
            rows = list(queryset.order_by(*self.keys)[start : start + request.size])
            return Page(rows, None, request.size, request.number, queryset.count())
        if request.after is not None:
            queryset = queryset.filter(self._after_filter(queryset.model, request.after))
        rows = list(queryset.order_by(*self.keys)[: request.size + 1])
        return self._finish(rows, request.size, lambda row: self._row_keys(row))

    def page_sequence(
        self, items: Sequence[T], request: PageRequest, key: Callable[[T], JSON]
    ) -> Page[T]:
        """A page of an in-memory list ordered by ``key`` (str or int, unique per item)."""
        ordered = sorted(items, key=key)
        if request.number is not None:
            start = request.number * request.size
            rows = ordered[start : start + request.size]
            return Page(rows, None, request.size, request.number, len(ordered))
        if request.after is not None:
            last = request.after[0]
            try:
                ordered = [item for item in ordered if key(item) > last]
            except TypeError as err:
                raise BadRequest(text.PAGE_TOKEN_INVALID) from err
        return self._finish(ordered[: request.size + 1], request.size, lambda i: (key(i),))

    def _row_keys(self, row: Any) -> tuple[JSON, ...]:
        return tuple(getattr(row, key.lstrip("-")) for key in self.keys)

    def _finish(self, rows: list, size: int, keys_of: Callable[[Any], tuple]) -> Page:
        if len(rows) <= size:
            return Page(rows, None, size)
        items = rows[:size]
        return Page(items, encode_token(self.scope, keys_of(items[-1])), size)


def _keyset_asked(query: QueryDict) -> bool:
    return "page_token" in query or "page_size" in query


def pagination_headers(url: str, query: QueryDict, page: Page) -> dict[str, str]:
    """Kratos's paging headers: ``Link`` (and ``X-Total-Count`` for offset pages).

    Keyset pages link ``rel="first"`` always and ``rel="next"`` when more rows exist.
    ``url`` is the list's absolute URL (built from ``serve.*.base_url``, never from Host) or
    its path. Filters in ``query`` are kept; pagination parameters are replaced.
    """
    kept = [
        (name, value)
        for name, values in query.lists()
        if name not in _PAGING_PARAMETERS
        for value in values
    ]

    def link(rel: str, *paging: tuple[str, JSON]) -> str:
        return f'<{url}?{urlencode([*kept, *paging])}>; rel="{rel}"'

    size = ("page_size", page.size)
    if page.number is None:
        links = [link("first", size)]
        if page.next_token:
            links.append(link("next", size, ("page_token", page.next_token)))
        return {"Link": ",".join(links)}
    total = page.total or 0
    last = max(0, (total - 1) // page.size)

    def numbered(rel: str, number: int) -> str:
        return link(rel, ("per_page", page.size), ("page", number))

    links = [numbered("first", 0)]
    if page.number > 0:
        links.append(numbered("prev", min(page.number - 1, last)))
    if page.number < last:
        links.append(numbered("next", page.number + 1))
    links.append(numbered("last", last))
    return {"Link": ",".join(links), "X-Total-Count": str(total)}
