"""Admin session endpoints (admin surface): list, get, disable, extend, per identity."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest

from kratos_auth.core import clock
from kratos_auth.session import service
from kratos_auth.session.models import Session
from tests.contracts.openapi import check_error, validate, validate_list
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(hours=1)


def _links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]*)>; rel="(\w+)"', response["Link"])}


@pytest.fixture
def sessions():
    """Five sessions, one minute apart (oldest first); the second one revoked."""
    identity = make_identity(metadata_admin={"note": "vip"})
    made = [make_session(identity, now=T0 + dt.timedelta(minutes=i))[0] for i in range(5)]
    service.revoke(made[1])
    return made


def test_list_sessions_newest_first_without_expansion(admin_api_client, sessions):
    with clock.frozen(NOW):
        response = admin_api_client.get("/admin/sessions")
    assert response.status_code == 200
    body = response.json()
    validate_list(body, "session")
    assert [s["id"] for s in body] == [str(s.id) for s in reversed(sessions)]
    assert all("identity" not in s and "devices" not in s for s in body)
    assert [s["active"] for s in body] == [True, True, True, False, True]


def test_list_sessions_expands_identity_with_admin_metadata_and_devices(admin_api_client, sessions):
    with clock.frozen(NOW):
        response = admin_api_client.get("/admin/sessions?expand=identity&expand=devices")
    body = response.json()
    validate_list(body, "session")
    assert body[0]["identity"]["metadata_admin"] == {"note": "vip"}
    assert "credentials" not in body[0]["identity"]
    assert body[0]["devices"][0]["ip_address"] == "203.0.113.7"


def test_list_sessions_active_filter_and_keyset_pages(admin_api_client, sessions):
    with clock.frozen(NOW):
        inactive = admin_api_client.get("/admin/sessions?active=false").json()
        assert [s["id"] for s in inactive] == [str(sessions[1].id)]
        seen, url = [], "/admin/sessions?active=true&page_size=2"
        while url:
            response = admin_api_client.get(url)
            seen += [s["id"] for s in response.json()]
            links = _links(response)
            assert links["first"].startswith("https://admin.example.test/admin/sessions?")
            assert "active=true" in links["first"]
            url = links.get("next")
    assert seen == [str(s.id) for s in reversed(sessions) if s.pk != sessions[1].pk]
    # Expired sessions are inactive too.
    with clock.frozen(T0 + dt.timedelta(days=2)):
        assert admin_api_client.get("/admin/sessions?active=true").json() == []


@pytest.mark.parametrize("query", ["active=maybe", "expand=credentials", "page_size=x"])
def test_list_sessions_bad_parameters_are_400(admin_api_client, query):
    check_error(admin_api_client.get(f"/admin/sessions?{query}"), 400)


def test_get_session(admin_api_client, sessions):
    target = sessions[0]
    response = admin_api_client.get(f"/admin/sessions/{target.id}?expand=identity")
    assert response.status_code == 200
    validate(response.json(), "session")
    assert response.json()["identity"]["id"] == str(target.identity_id)
    check_error(admin_api_client.get(f"/admin/sessions/{uuid.uuid4()}"), 404)
    check_error(admin_api_client.get("/admin/sessions/nope"), 400)


def test_disable_session(admin_api_client, sessions):
    target = sessions[0]
    assert admin_api_client.delete(f"/admin/sessions/{target.id}").status_code == 204
    assert not Session.objects.get(pk=target.pk).active
    check_error(admin_api_client.delete(f"/admin/sessions/{uuid.uuid4()}"), 404)
    check_error(admin_api_client.delete("/admin/sessions/nope"), 400)


def test_extend_session(admin_api_client, settings):
    settings.KRATOS = {**settings.KRATOS, "session": {"earliest_possible_extend": "1h"}}
    session, _ = make_session(now=T0)
    late = T0 + dt.timedelta(hours=23, minutes=30)
    with clock.frozen(late):
        response = admin_api_client.patch(f"/admin/sessions/{session.id}/extend")
    assert response.status_code == 204
    assert Session.objects.get(pk=session.pk).expires_at == late + dt.timedelta(hours=24)
    check_error(admin_api_client.patch(f"/admin/sessions/{uuid.uuid4()}/extend"), 404)
    check_error(admin_api_client.patch("/admin/sessions/nope/extend"), 400)
    check_error(admin_api_client.post(f"/admin/sessions/{session.id}/extend"), 405)


def test_identity_sessions_list_and_delete(admin_api_client, sessions):
    identity_id = sessions[0].identity_id
    make_session()  # someone else's
    with clock.frozen(NOW):
        response = admin_api_client.get(f"/admin/identities/{identity_id}/sessions")
        body = response.json()
        validate_list(body, "session")
        assert len(body) == 5
        assert body[0]["identity"]["metadata_admin"] == {"note": "vip"}
        assert "devices" in body[0]
        active = admin_api_client.get(f"/admin/identities/{identity_id}/sessions?active=true")
        assert len(active.json()) == 4
    response = admin_api_client.delete(f"/admin/identities/{identity_id}/sessions")
    assert response.status_code == 204
    assert not Session.objects.filter(identity_id=identity_id).exists()
    assert Session.objects.count() == 1
    check_error(admin_api_client.delete(f"/admin/identities/{identity_id}/sessions"), 404)
    check_error(admin_api_client.get("/admin/identities/nope/sessions"), 400)


def test_identity_sessions_accept_kratos_deprecated_offset_pages(admin_api_client, sessions):
    identity_id = sessions[0].identity_id
    newest_first = [str(s.id) for s in reversed(sessions)]
    with clock.frozen(NOW):
        url = f"/admin/identities/{identity_id}/sessions?page=1&per_page=2"
        response = admin_api_client.get(url)
        validate_list(response.json(), "session")
        assert [s["id"] for s in response.json()] == newest_first[2:4]
        assert response["X-Total-Count"] == "5"
        links = _links(response)
        assert set(links) == {"first", "prev", "next", "last"}
        assert links["last"].endswith("per_page=2&page=2")
        assert [s["id"] for s in admin_api_client.get(links["last"]).json()] == newest_first[4:]
    check_error(admin_api_client.get(f"/admin/identities/{identity_id}/sessions?page=x"), 400)


def test_admin_routes_do_not_exist_on_the_public_surface(public_client, sessions):
    check_error(public_client.get("/admin/sessions"), 404)


def test_active_is_false_once_expired_revoked_or_the_identity_is_inactive(admin_api_client):
    expired, _ = make_session(now=T0)
    revoked, _ = make_session(now=T0)
    service.revoke(revoked)
    blocked, _ = make_session(make_identity(state="inactive"), now=T0)
    fine, _ = make_session(now=T0)

    def active(session):
        response = admin_api_client.get(f"/admin/sessions/{session.id}")
        validate(response.json(), "session")
        return response.json()["active"]

    with clock.frozen(T0 + dt.timedelta(hours=1)):
        assert [active(s) for s in (expired, revoked, blocked, fine)] == [True, False, False, True]
    with clock.frozen(T0 + dt.timedelta(hours=25)):
        assert active(expired) is False
