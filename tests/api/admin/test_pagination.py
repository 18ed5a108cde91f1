"""Keyset pagination: opaque encrypted tokens, rotation, composite keys, no duplicates."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.http import QueryDict
from django.test import override_settings

from kratos_auth.api import pagination
from kratos_auth.api.pagination import Paginator, decode_token, encode_token, pagination_headers
from kratos_auth.audit import service as audit
from kratos_auth.audit.models import AuditEntry
from kratos_auth.core import clock
from kratos_auth.errors import BadRequest


def _secrets(pagination_keys):
    tree = copy.deepcopy(django_settings.KRATOS)
    tree["secrets"]["pagination"] = pagination_keys
    return tree


def test_token_round_trip_is_opaque():
    token = encode_token("identities", ["8f0e0c4a-7a5d-4c39-9d0e-6f1c3c9f2f11"])
    assert "8f0e0c4a" not in token and "identities" not in token
    assert decode_token("identities", token) == ("8f0e0c4a-7a5d-4c39-9d0e-6f1c3c9f2f11",)


@pytest.mark.parametrize("token", ["", "abc", "x" * 5000, "ünïcode", "gAAAAA" + "A" * 100])
def test_garbage_tokens_are_400(token):
    with pytest.raises(BadRequest) as caught:
        decode_token("identities", token)
    assert "do not craft your own page tokens" in caught.value.reason


def test_tampered_token_is_400():
    token = encode_token("identities", ["a"])
    flipped = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]
    with pytest.raises(BadRequest):
        decode_token("identities", flipped)


def test_token_of_another_list_is_400():
    with pytest.raises(BadRequest):
        decode_token("identities", encode_token("sessions", ["a"]))


def test_old_pagination_key_still_decodes_after_rotation():
    with override_settings(KRATOS=_secrets(["old-pagination-secret-0001"])):
        token = encode_token("identities", ["a"])
    with override_settings(
        KRATOS=_secrets(["new-pagination-secret-0002", "old-pagination-secret-0001"])
    ):
        assert decode_token("identities", token) == ("a",)
    with override_settings(KRATOS=_secrets(["new-pagination-secret-0002"])):
        with pytest.raises(BadRequest):
            decode_token("identities", token)


@pytest.mark.parametrize(
    "query", ["page_size=0", "page_size=501", "page_size=abc", "per_page=9999", "page_token=x"]
)
def test_bad_page_parameters_are_400(query):
    with pytest.raises(BadRequest):
        Paginator("x").parse(QueryDict(query))


@pytest.mark.parametrize("query", ["page=-1", "page=x", "page=1&per_page=0", "page=3&per_page=500"])
def test_bad_legacy_page_parameters_are_400(query):
    with pytest.raises(BadRequest):
        Paginator("x", legacy_pages=True).parse(QueryDict(query))


def test_page_is_ignored_where_kratos_has_no_offset_pages():
    assert Paginator("x").parse(QueryDict("page=2")) == pagination.PageRequest(250)


def test_keyset_parameters_win_over_page_as_in_kratos():
    legacy = Paginator("x", legacy_pages=True)
    assert legacy.parse(QueryDict("page=2&page_size=10")) == pagination.PageRequest(10)
    assert legacy.parse(QueryDict("page=2&per_page=10")) == pagination.PageRequest(10, number=2)
    # Kratos's limit: an offset page may not start past the 1,000th row.
    assert legacy.parse(QueryDict("page=4&per_page=250")).number == 4


def test_per_page_is_an_alias_and_default_is_250():
    assert Paginator("x").parse(QueryDict("per_page=7")).size == 7
    assert Paginator("x").parse(QueryDict("")).size == pagination.DEFAULT_PAGE_SIZE


@pytest.mark.django_db
def test_descending_composite_keyset_walks_every_row_once():
    # Many rows share created_at, so the id tie-breaker decides the order.
    base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for i in range(23):
        with clock.frozen(base + dt.timedelta(seconds=i // 4)):
            audit.record(audit.AuditEvent(source="cli", actor="t", action=f"a{i}"))
    paginator = Paginator("audit", keys=("-created_at", "-id"))
    seen, token, pages = [], None, 0
    while True:
        query = QueryDict(mutable=True)
        query["page_size"] = "5"
        if token:
            query["page_token"] = token
        page = paginator.page(AuditEntry.objects.all(), paginator.parse(query))
        seen.extend(e.id for e in page.items)
        pages += 1
        token = page.next_token
        if not token:
            break
    assert pages == 5
    assert len(seen) == len(set(seen)) == 23
    expected = list(AuditEntry.objects.order_by("-created_at", "-id").values_list("id", flat=True))
    assert seen == expected


def test_link_header_keeps_filters_and_replaces_pagination():
    page = pagination.Page(items=[1], next_token="TOKEN", size=2)
    headers = pagination_headers(
        "/admin/identities", QueryDict("ids=a&ids=b&page_token=OLD&page=3"), page
    )
    assert set(headers) == {"Link"}
    first, following = headers["Link"].split(",")
    assert first == '</admin/identities?ids=a&ids=b&page_size=2>; rel="first"'
    assert following == '</admin/identities?ids=a&ids=b&page_size=2&page_token=TOKEN>; rel="next"'
    last = pagination.Page(items=[1], next_token=None, size=2)
    assert 'rel="next"' not in pagination_headers("/x", QueryDict(""), last)["Link"]


def test_offset_page_headers_carry_the_total_and_neighbours():
    middle = pagination.Page(items=[1, 2], next_token=None, size=2, number=1, total=5)
    headers = pagination_headers("/s", QueryDict("active=true&page=1"), middle)
    assert headers["X-Total-Count"] == "5"
    assert headers["Link"].split(",") == [
        '</s?active=true&per_page=2&page=0>; rel="first"',
        '</s?active=true&per_page=2&page=0>; rel="prev"',
        '</s?active=true&per_page=2&page=2>; rel="next"',
        '</s?active=true&per_page=2&page=2>; rel="last"',
    ]
    last = pagination.Page(items=[5], next_token=None, size=2, number=2, total=5)
    rels = [
        part.rsplit("rel=", 1)[1]
        for part in pagination_headers("/s", QueryDict(""), last)["Link"].split(",")
    ]
    assert rels == ['"first"', '"prev"', '"last"']
    empty = pagination.Page(items=[], next_token=None, size=2, number=0, total=0)
    assert pagination_headers("/s", QueryDict(""), empty)["X-Total-Count"] == "0"
