"""``GET/DELETE /sessions`` and ``DELETE /sessions/{id}``: my other sessions."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client

from kratos_auth.core import clock
from kratos_auth.session import service
from kratos_auth.session.models import Session
from tests.contracts.openapi import check_error, validate, validate_list
from tests.session.factories import COOKIE, cookie_for, make_identity, make_session

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)


def _links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]*)>; rel="(\w+)"', response["Link"])}


@pytest.fixture
def mine():
    """The current session, four other active ones (oldest first), a revoked one, and a
    stranger's session."""
    identity = make_identity()
    current, token = make_session(identity, now=T0 + dt.timedelta(minutes=10))
    others = [make_session(identity, now=T0 + dt.timedelta(minutes=i))[0] for i in range(4)]
    revoked, _ = make_session(identity, now=T0 + dt.timedelta(minutes=5))
    service.revoke(revoked)
    make_session(now=T0)
    return current, token, others


def test_lists_my_other_active_sessions_newest_first(public_client, mine):
    current, token, others = mine
    with clock.frozen(T0 + dt.timedelta(hours=1)):
        response = public_client.get("/sessions", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 200
    body = response.json()
    validate_list(body, "session")
    assert [s["id"] for s in body] == [str(s.id) for s in reversed(others)]
    assert all("identity" not in s for s in body)
    assert body[0]["devices"][0]["user_agent"] == "pytest/1.0"
    links = _links(response)
    assert set(links) == {"first"}
    assert links["first"].startswith("https://auth.example.test/sessions?")


def test_keyset_pages_follow_the_link_header(public_client, mine):
    current, token, others = mine
    seen, url = [], "/sessions?page_size=3"
    with clock.frozen(T0 + dt.timedelta(hours=1)):
        for _ in range(5):
            response = public_client.get(url, HTTP_X_SESSION_TOKEN=token)
            assert response.status_code == 200
            seen += [s["id"] for s in response.json()]
            links = _links(response)
            assert "page_size=3" in links["first"]
            if "next" not in links:
                break
            url = links["next"]
    assert seen == [str(s.id) for s in reversed(others)]


@pytest.mark.parametrize(
    "query", ["page_size=0", "page_size=abc", "page_token=not-a-token", "page=-2", "page=x"]
)
def test_bad_pagination_parameters_are_400(public_client, mine, query):
    _, token, _ = mine
    check_error(public_client.get(f"/sessions?{query}", HTTP_X_SESSION_TOKEN=token), 400)


def test_listing_needs_a_session_and_the_whoami_aal(public_client):
    check_error(public_client.get("/sessions"), 401, "session_inactive")
    _, token = make_session(make_identity(available_aal="aal2"))
    response = public_client.get("/sessions", HTTP_X_SESSION_TOKEN=token)
    check_error(response, 403, "session_aal2_required")


def test_delete_sessions_revokes_all_others_and_returns_the_count(public_client, mine):
    current, token, others = mine
    client = Client(enforce_csrf_checks=True, **{"kratos.surface": "public"})
    client.cookies[COOKIE] = cookie_for(token)
    with clock.frozen(T0 + dt.timedelta(hours=1)):
        response = client.delete("/sessions")
        assert response.status_code == 200
        validate(response.json(), "deleteMySessionsCount")
        assert response.json() == {"count": 4}
        assert public_client.get("/sessions", HTTP_X_SESSION_TOKEN=token).json() == []
        assert public_client.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token).status_code == 200
    assert Session.objects.filter(active=True).count() == 2  # mine and the stranger's
    check_error(public_client.delete("/sessions"), 401, "session_inactive")


def test_delete_one_of_my_sessions(public_client, mine):
    current, token, others = mine
    target = others[0]
    response = public_client.delete(f"/sessions/{target.id}", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 204
    assert not Session.objects.get(pk=target.pk).active


def test_delete_someone_elses_session_is_a_silent_no_op(public_client, mine):
    _, token, _ = mine
    stranger, stranger_token = make_session()
    response = public_client.delete(f"/sessions/{stranger.id}", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 204
    assert service.authenticate(stranger_token).pk == stranger.pk
    assert (
        public_client.delete(f"/sessions/{uuid.uuid4()}", HTTP_X_SESSION_TOKEN=token).status_code
        == 204
    )


def test_delete_my_session_errors(public_client, mine):
    current, token, _ = mine
    error = check_error(
        public_client.delete(f"/sessions/{current.id}", HTTP_X_SESSION_TOKEN=token), 400
    )
    assert error["message"] == "cannot revoke current session"
    check_error(public_client.delete("/sessions/not-a-uuid", HTTP_X_SESSION_TOKEN=token), 400)
    check_error(public_client.delete(f"/sessions/{current.id}"), 401, "session_inactive")
    check_error(public_client.get(f"/sessions/{current.id}", HTTP_X_SESSION_TOKEN=token), 405)
    assert Session.objects.get(pk=current.pk).active


def test_wrong_methods_get_a_kratos_405(public_client):
    check_error(public_client.post("/sessions"), 405)
