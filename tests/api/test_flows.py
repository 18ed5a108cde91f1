"""Content negotiation and body parsing shared by the flow views."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from kratos_auth.api import flows
from kratos_auth.errors import BadRequest, PayloadTooLarge


@pytest.mark.parametrize(
    ("accept", "is_json"),
    [
        ("", False),
        ("application/json", True),
        ("*/*", True),  # Kratos's negotiation offers application/json first
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),
        ("application/json;q=0.5, text/html", False),
        ("text/*", False),
        ("application/json, text/html;q=0.1", True),
        ("application/json;q=0", False),
    ],
)
def test_wants_json_follows_kratos(accept, is_json):
    request = RequestFactory().get("/", HTTP_ACCEPT=accept) if accept else RequestFactory().get("/")
    assert flows.wants_json(request) is is_json


def test_form_bodies_nest_dotted_names():
    request = RequestFactory().post(
        "/",
        "method=password&traits.email=a%40b.c&traits.name.first=A&csrf_token=x",
        content_type="application/x-www-form-urlencoded",
    )
    body, form = flows.read_body(request)
    assert form and body == {
        "method": "password",
        "traits": {"email": "a@b.c", "name": {"first": "A"}},
        "csrf_token": "x",
    }


def test_oversized_and_deeply_nested_bodies_are_refused():
    big = RequestFactory().post(
        "/", "x" * (flows.MAX_BODY_BYTES + 1), content_type="application/json"
    )
    with pytest.raises(PayloadTooLarge):
        flows.read_body(big)
    deep = "[" * 40 + "]" * 40
    with pytest.raises(BadRequest):
        flows.read_body(
            RequestFactory().post("/", '{"a": ' + deep + "}", content_type="application/json")
        )
