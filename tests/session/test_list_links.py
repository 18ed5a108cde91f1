"""``Link`` headers of the session lists: on the surface's configured base URL
(``serve.admin.base_url`` for the admin lists, ``serve.public.base_url`` for ``/sessions``),
never taken from ``Host``; a relative path when no base URL is configured."""

from __future__ import annotations

import copy
import re

import pytest
from django.conf import settings as django_settings

from tests.contracts.openapi import validate_list
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db


def _links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]*)>; rel="(\w+)"', response["Link"])}


@pytest.fixture
def three():
    """An identity with three sessions; the token of the first."""
    identity = make_identity()
    made = [make_session(identity) for _ in range(3)]
    return identity, made[0][1]


def _get(admin_api_client, public_client, identity, token, which: str):
    if which == "admin":
        return admin_api_client.get("/admin/sessions?page_size=1&active=true")
    if which == "identity":
        return admin_api_client.get(f"/admin/identities/{identity.id}/sessions?page_size=1")
    return public_client.get("/sessions?page_size=1", HTTP_X_SESSION_TOKEN=token)


CASES = [
    ("admin", "https://admin.example.test", "/admin/sessions"),
    ("identity", "https://admin.example.test", "/admin/identities/{id}/sessions"),
    ("public", "https://auth.example.test", "/sessions"),
]


@pytest.mark.parametrize(("which", "base", "path"), CASES)
def test_links_use_the_surface_base_url_not_the_host(
    admin_api_client, public_client, three, which, base, path
):
    identity, token = three
    response = _get(admin_api_client, public_client, identity, token, which)
    assert response.status_code == 200
    validate_list(response.json(), "session")
    links = _links(response)
    expected = base + path.format(id=identity.id) + "?"
    assert links["first"].startswith(expected) and links["next"].startswith(expected)
    assert "testserver" not in response["Link"]
    if which == "admin":
        assert "active=true" in links["next"]
    # The next link is followable.
    follow = (public_client if which == "public" else admin_api_client).get(
        links["next"], HTTP_X_SESSION_TOKEN=token
    )
    assert follow.status_code == 200 and len(follow.json()) == 1


@pytest.mark.parametrize(("which", "base", "path"), CASES)
def test_links_are_relative_without_a_base_url(
    settings, admin_api_client, public_client, three, which, base, path
):
    tree = copy.deepcopy(django_settings.KRATOS)
    for surface in ("admin", "public"):
        tree["serve"][surface].pop("base_url")
    settings.KRATOS = tree
    identity, token = three
    response = _get(admin_api_client, public_client, identity, token, which)
    assert response.status_code == 200
    assert _links(response)["first"].startswith(path.format(id=identity.id) + "?")
