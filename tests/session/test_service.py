"""The session service: issue, refresh, AAL, expiry, revocation, extension."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from kratos_auth.core import clock
from kratos_auth.session import service
from kratos_auth.session.aal import AuthenticationMethod
from kratos_auth.session.errors import AalNotSatisfied, NoActiveSession
from kratos_auth.session.models import Session, SessionDevice
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)


def test_issue_records_methods_device_and_lifespan_from_config(settings):
    settings.KRATOS = {**settings.KRATOS, "session": {"lifespan": "2h"}}
    session, _ = make_session(now=T0)
    stored = Session.objects.get(pk=session.pk)
    assert stored.expires_at == T0 + dt.timedelta(hours=2)
    assert stored.issued_at == stored.authenticated_at == T0
    assert stored.aal == "aal1"
    assert stored.authentication_methods[0]["method"] == "password"
    assert stored.authentication_methods[0]["aal"] == "aal1"
    device = SessionDevice.objects.get(session=session)
    assert (device.ip_address, device.user_agent) == ("203.0.113.7", "pytest/1.0")


@pytest.mark.parametrize(
    ("methods", "expected"),
    [
        ([], "aal0"),
        (["password"], "aal1"),
        (["password", "totp"], "aal2"),
        ([AuthenticationMethod("oidc", provider="github"), "lookup_secret"], "aal2"),
        (["totp"], "aal1"),  # Kratos: a second factor alone falls back to aal1
    ],
)
def test_aal_adds_up_like_kratos(methods, expected):
    session, _ = service.issue(make_identity(), methods)
    assert session.aal == expected


def test_refresh_with_a_second_factor_upgrades_to_aal2_and_restarts_the_lifespan():
    session, token = make_session(now=T0)
    later = T0 + dt.timedelta(hours=1)
    service.refresh(session, ["totp"], now=later)
    stored = Session.objects.get(pk=session.pk)
    assert stored.aal == "aal2"
    assert stored.authenticated_at == later
    assert stored.expires_at == later + dt.timedelta(hours=24)
    assert [m["method"] for m in stored.authentication_methods] == ["password", "totp"]


def test_expired_revoked_and_inactive_identity_sessions_do_not_authenticate():
    session, token = make_session(now=T0)
    assert service.authenticate(token, now=T0 + dt.timedelta(hours=23)).pk == session.pk
    assert service.authenticate(token, now=T0 + dt.timedelta(hours=24)) is None

    session, token = make_session()
    service.revoke(session)
    assert service.authenticate(token) is None

    identity = make_identity(state="inactive")
    _, token = make_session(identity)
    assert service.authenticate(token) is None


def test_to_session_applies_highest_available_aal():
    identity = make_identity(available_aal="aal2")
    session, token = make_session(identity)
    with pytest.raises(AalNotSatisfied) as caught:
        service.to_session(token)
    assert caught.value.redirect_browser_to == (
        "https://auth.example.test/self-service/login/browser?aal=aal2"
    )
    service.refresh(session, ["totp"])
    assert service.to_session(token).session.pk == session.pk
    with pytest.raises(NoActiveSession):
        service.to_session("ory_st_unknown")


def test_available_aal_falls_back_to_credentials_when_unset():
    identity = make_identity(available_aal=None)
    assert service.available_aal(identity) == "aal1"
    identity.credentials.create(type="totp", config={})
    assert service.available_aal(identity) == "aal2"


def test_admin_extend_respects_earliest_possible_extend(settings):
    settings.KRATOS = {
        **settings.KRATOS,
        "session": {"lifespan": "24h", "earliest_possible_extend": "1h"},
    }
    session, _ = make_session(now=T0)
    # 20h before expiry: too early, nothing is written.
    assert service.extend_session(session.pk, now=T0 + dt.timedelta(hours=4))
    assert Session.objects.get(pk=session.pk).expires_at == T0 + dt.timedelta(hours=24)
    # 30 min before expiry: extended to now + lifespan.
    late = T0 + dt.timedelta(hours=23, minutes=30)
    assert service.extend_session(session.pk, now=late)
    assert Session.objects.get(pk=session.pk).expires_at == late + dt.timedelta(hours=24)
    assert not service.extend_session(uuid.uuid4())


def test_revoking_other_sessions_counts_only_active_ones_of_the_same_identity():
    identity = make_identity()
    current, _ = make_session(identity)
    others = [make_session(identity)[0] for _ in range(3)]
    service.revoke(others[0])
    stranger, stranger_token = make_session()
    assert service.disable_my_other_sessions(current) == 2
    assert Session.objects.get(pk=current.pk).active
    assert service.authenticate(stranger_token).pk == stranger.pk


def test_clock_is_used_when_now_is_not_given():
    with clock.frozen(T0):
        session, token = make_session()
    assert session.expires_at == T0 + dt.timedelta(hours=24)
    with clock.frozen(T0 + dt.timedelta(days=2)):
        assert service.authenticate(token) is None
