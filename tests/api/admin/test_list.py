"""Listing identities: keyset pages via the Link header, filters, bad parameters."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def _next(response):
    match = re.search(r'<([^>]+)>; rel="next"', response.get("Link", ""))
    if not match:
        return None
    return match.group(1).replace("https://admin.example.test", "")


def test_pages_follow_the_link_header_and_cover_everything_once(api, openapi):
    created = {api.create(f"u{i}@example.com")["id"] for i in range(7)}
    seen, url, pages = [], "/admin/identities?page_size=3", 0
    while url:
        response = api.get(url)
        assert response.status_code == 200
        openapi.check_list(response.json(), "identity")
        assert 'rel="first"' in response["Link"]
        seen.extend(i["id"] for i in response.json())
        url, pages = _next(response), pages + 1
    assert pages == 3
    assert seen == sorted(seen) and set(seen) == created and len(seen) == 7


def test_last_full_page_has_no_next_link(api):
    for i in range(2):
        api.create(f"u{i}@example.com")
    response = api.get("/admin/identities?page_size=2")
    assert len(response.json()) == 2 and _next(response) is None


def test_credentials_identifier_finds_one_identity_case_insensitively(api, openapi):
    wanted = api.create("Find.Me@example.com")
    api.create("other@example.com")
    response = api.get("/admin/identities?credentials_identifier=find.me@EXAMPLE.com")
    openapi.check_list(response.json(), "identity")
    assert [i["id"] for i in response.json()] == [wanted["id"]]
    assert api.get("/admin/identities?credentials_identifier=nobody@example.com").json() == []


def test_ids_filter_ignores_unknown_and_duplicates(api):
    a, b, _ = (api.create(f"{n}@example.com")["id"] for n in "abc")
    unknown = "00000000-0000-0000-0000-000000000000"
    response = api.get(f"/admin/identities?ids={a}&ids={b}&ids={a}&ids={unknown}")
    assert sorted(i["id"] for i in response.json()) == sorted([a, b])


def test_include_credential_on_list(api):
    api.create(credentials={"password": {"config": {"password": "pass word 99"}}})
    body = api.get("/admin/identities?include_credential=password").json()
    assert "config" in body[0]["credentials"]["password"]
    assert "config" not in api.get("/admin/identities").json()[0]["credentials"]["password"]


def test_similar_identifier_search_matches_prefixes_of_identifiers(api, openapi):
    alice = api.create("alice.smith@example.com")
    alina = api.create("ALINA@example.org")
    api.create("bob@example.com")
    response = api.get("/admin/identities?preview_credentials_identifier_similar=Ali")
    assert response.status_code == 200
    openapi.check_list(response.json(), "identity")
    assert sorted(i["id"] for i in response.json()) == sorted([alice["id"], alina["id"]])
    narrower = api.get("/admin/identities?preview_credentials_identifier_similar=alice.")
    assert [i["id"] for i in narrower.json()] == [alice["id"]]
    # LIKE wildcards in the search are literal characters, not patterns.
    assert api.get("/admin/identities?preview_credentials_identifier_similar=%25").json() == []
    assert api.get("/admin/identities?preview_credentials_identifier_similar=_").json() == []


def test_similar_search_pages_with_the_link_header(api):
    made = sorted(api.create(f"team{i}@example.com")["id"] for i in range(5))
    api.create("other@example.com")
    seen, url = [], "/admin/identities?preview_credentials_identifier_similar=team&page_size=2"
    while url:
        response = api.get(url)
        seen += [i["id"] for i in response.json()]
        url = _next(response)
        assert url is None or "preview_credentials_identifier_similar=team" in url
    assert seen == made


def test_ids_and_credentials_identifier_combine(api):
    a = api.create("a@example.com")["id"]
    b = api.create("b@example.com")["id"]
    both = api.get(f"/admin/identities?ids={a}&ids={b}&credentials_identifier=b@example.com")
    assert [i["id"] for i in both.json()] == [b]
    none = api.get(f"/admin/identities?ids={a}&credentials_identifier=b@example.com")
    assert none.json() == []


def test_deprecated_page_and_per_page_select_offset_pages(api, openapi):
    made = sorted(api.create(f"p{i}@example.com")["id"] for i in range(5))
    response = api.get("/admin/identities?page=1&per_page=2")
    assert response.status_code == 200
    openapi.check_list(response.json(), "identity")
    assert [i["id"] for i in response.json()] == made[2:4]
    assert response["X-Total-Count"] == "5"
    links = dict(
        (rel, url.replace("https://admin.example.test", ""))
        for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response["Link"])
    )
    assert links["next"] == "/admin/identities?per_page=2&page=2"
    assert links["prev"] == links["first"] == "/admin/identities?per_page=2&page=0"
    last = api.get(links["last"])
    assert [i["id"] for i in last.json()] == made[4:]
    assert api.get("/admin/identities?page=9&per_page=2").json() == []
    # page_size/page_token take precedence, as in Kratos: keyset pages, no total.
    keyset = api.get("/admin/identities?page=1&page_size=2")
    assert [i["id"] for i in keyset.json()] == made[:2] and "X-Total-Count" not in keyset


def test_offset_pages_stop_at_kratos_limit(api, openapi):
    error = openapi.check_error(api.get("/admin/identities?page=5&per_page=250"), 400)
    assert "Legacy pagination is not supported" in error["reason"]


@pytest.mark.parametrize(
    "query",
    [
        "page_size=0",
        "page_size=501",
        "page_size=ten",
        "page_token=forged",
        "page=5",
        "page=-1",
        "page=two",
        "page=0&per_page=501",
        "page=2&per_page=501",
        "ids=not-a-uuid",
        "credentials_identifier=a&preview_credentials_identifier_similar=b",
        "include_credential=secret",
        "consistency=maybe",
        "organization_id=nope",
    ],
)
def test_bad_list_parameters_are_400(api, openapi, query):
    openapi.check_error(api.get(f"/admin/identities?{query}"), 400)


def test_too_many_ids_is_400(api, openapi):
    query = "&".join(f"ids=00000000-0000-0000-0000-{i:012d}" for i in range(501))
    openapi.check_error(api.get(f"/admin/identities?{query}"), 400)


def test_page_token_of_the_schemas_list_is_refused(api, openapi):
    from kratos_auth.api.pagination import encode_token

    token = encode_token("identity_schemas", [0])
    openapi.check_error(api.get(f"/admin/identities?page_token={token}"), 400)


def test_organization_filter_is_empty_and_consistency_is_accepted(api):
    api.create()
    org = "00000000-0000-0000-0000-000000000001"
    assert api.get(f"/admin/identities?organization_id={org}").json() == []
    assert len(api.get("/admin/identities?consistency=strong").json()) == 1
