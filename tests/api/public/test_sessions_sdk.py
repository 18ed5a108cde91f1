"""The official Ory SDK (``ory-kratos-client``) against a live server: whoami, my sessions,
logout, and the admin session API. The SDK's models parse every response body."""

from __future__ import annotations

import ory_kratos_client
import pytest
from ory_kratos_client.api.frontend_api import FrontendApi
from ory_kratos_client.api.identity_api import IdentityApi
from ory_kratos_client.exceptions import ApiException
from ory_kratos_client.models import PerformNativeLogoutBody

from kratos_auth.session import service
from tests.session.factories import COOKIE, cookie_for, make_identity, make_session


def _client(url: str) -> ory_kratos_client.ApiClient:
    return ory_kratos_client.ApiClient(ory_kratos_client.Configuration(host=url))


@pytest.fixture
def frontend(live_public_url) -> FrontendApi:
    return FrontendApi(_client(live_public_url))


@pytest.fixture
def admin(live_admin_url) -> IdentityApi:
    return IdentityApi(_client(live_admin_url))


def test_to_session_with_token_and_cookie(frontend):
    identity = make_identity(email="sdk@example.com")
    session, token = make_session(identity)
    found = frontend.to_session(x_session_token=token)
    assert found.id == str(session.id) and found.active
    assert found.identity.traits == {"email": "sdk@example.com"}
    assert found.authenticator_assurance_level == "aal1"
    assert found.authentication_methods[0].method == "password"
    assert found.devices[0].user_agent == "pytest/1.0"
    by_cookie = frontend.to_session(cookie=f"{COOKIE}={cookie_for(token)}")
    assert by_cookie.id == str(session.id)


def test_to_session_errors_surface_as_api_exceptions(frontend):
    with pytest.raises(ApiException) as caught:
        frontend.to_session(x_session_token="ory_st_unknown")
    assert caught.value.status == 401
    _, token = make_session(make_identity(available_aal="aal2"))
    with pytest.raises(ApiException) as caught:
        frontend.to_session(x_session_token=token)
    assert caught.value.status == 403
    assert "session_aal2_required" in caught.value.body


def test_my_sessions_and_logout(frontend):
    identity = make_identity()
    current, token = make_session(identity)
    others = [make_session(identity) for _ in range(2)]
    listed = frontend.list_my_sessions(x_session_token=token)
    assert sorted(s.id for s in listed) == sorted(str(s.id) for s, _ in others)
    frontend.disable_my_session(id=str(others[0][0].id), x_session_token=token)
    assert frontend.disable_my_other_sessions(x_session_token=token).count == 1
    flow = frontend.create_browser_logout_flow(cookie=f"{COOKIE}={cookie_for(token)}")
    assert flow.logout_token.startswith("ory_lo_")
    frontend.perform_native_logout(PerformNativeLogoutBody(session_token=token))
    assert service.authenticate(token) is None


def test_admin_session_api(admin):
    identity = make_identity()
    session, token = make_session(identity)
    listed = admin.list_sessions(expand=["identity", "devices"])
    assert [s.id for s in listed] == [str(session.id)]
    assert listed[0].identity.id == str(identity.id)
    assert admin.get_session(str(session.id)).id == str(session.id)
    assert len(admin.list_identity_sessions(str(identity.id))) == 1
    admin.extend_session(str(session.id))
    admin.disable_session(str(session.id))
    assert service.authenticate(token) is None
    admin.delete_identity_sessions(str(identity.id))
    with pytest.raises(ApiException) as caught:
        admin.get_session(str(session.id))
    assert caught.value.status == 404
