"""The official Ory SDK (``ory-kratos-client``) against a live server: whoami, my sessions,
logout, and the admin session API. Every call uses the SDK's ``*_with_http_info`` variant:
the SDK's models parse the body, and the raw body is validated against api.json.

The installed SDK (25.4.0) has no ``manage_sessions`` (``POST /admin/sessions``) method yet;
that endpoint is tested over HTTP in ``tests/session/test_manage_sessions.py``."""

from __future__ import annotations

import json

import ory_kratos_client
import pytest
from ory_kratos_client.api.frontend_api import FrontendApi
from ory_kratos_client.api.identity_api import IdentityApi
from ory_kratos_client.api_response import ApiResponse
from ory_kratos_client.exceptions import ApiException
from ory_kratos_client.models import PerformNativeLogoutBody

from kratos_auth.session import service
from tests.contracts.openapi import check_error, validate, validate_list
from tests.session.factories import COOKIE, cookie_for, make_identity, make_session


def _checked(response: ApiResponse, status: int, schema: str | None = None, *, many=False):
    """The SDK's parsed data, once the raw body matched api.json's ``schema`` (or, for
    ``schema=None``, was empty)."""
    assert response.status_code == status
    if schema is None:
        assert not response.raw_data
    else:
        body = json.loads(response.raw_data)
        (validate_list if many else validate)(body, schema)
    return response.data


class _Refused:
    """An ``ApiException`` seen as the response ``check_error`` expects."""

    def __init__(self, error: ApiException) -> None:
        body = error.body or b""
        self.status_code = error.status
        self.content = body if isinstance(body, bytes) else body.encode()

    def json(self):
        return json.loads(self.content)


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
    found = _checked(frontend.to_session_with_http_info(x_session_token=token), 200, "session")
    assert found.id == str(session.id) and found.active
    assert found.identity.traits == {"email": "sdk@example.com"}
    assert found.authenticator_assurance_level == "aal1"
    assert found.authentication_methods[0].method == "password"
    assert found.devices[0].user_agent == "pytest/1.0"
    cookie = f"{COOKIE}={cookie_for(token)}"
    by_cookie = _checked(frontend.to_session_with_http_info(cookie=cookie), 200, "session")
    assert by_cookie.id == str(session.id)


def test_to_session_errors_surface_as_api_exceptions(frontend):
    with pytest.raises(ApiException) as caught:
        frontend.to_session_with_http_info(x_session_token="ory_st_unknown")
    check_error(_Refused(caught.value), 401, "session_inactive")
    _, token = make_session(make_identity(available_aal="aal2"))
    with pytest.raises(ApiException) as caught:
        frontend.to_session_with_http_info(x_session_token=token)
    check_error(_Refused(caught.value), 403, "session_aal2_required")


def test_my_sessions_and_logout(frontend):
    identity = make_identity()
    current, token = make_session(identity)
    others = [make_session(identity) for _ in range(2)]
    response = frontend.list_my_sessions_with_http_info(x_session_token=token)
    listed = _checked(response, 200, "session", many=True)
    assert sorted(s.id for s in listed) == sorted(str(s.id) for s, _ in others)
    response = frontend.disable_my_session_with_http_info(
        id=str(others[0][0].id), x_session_token=token
    )
    _checked(response, 204)
    response = frontend.disable_my_other_sessions_with_http_info(x_session_token=token)
    assert _checked(response, 200, "deleteMySessionsCount").count == 1
    cookie = f"{COOKIE}={cookie_for(token)}"
    response = frontend.create_browser_logout_flow_with_http_info(cookie=cookie)
    assert _checked(response, 200, "logoutFlow").logout_token.startswith("ory_lo_")
    body = PerformNativeLogoutBody(session_token=token)
    _checked(frontend.perform_native_logout_with_http_info(body), 204)
    assert service.authenticate(token) is None


def test_admin_session_api(admin):
    identity = make_identity()
    session, token = make_session(identity)
    response = admin.list_sessions_with_http_info(expand=["identity", "devices"])
    listed = _checked(response, 200, "session", many=True)
    assert [s.id for s in listed] == [str(session.id)]
    assert listed[0].identity.id == str(identity.id)
    found = _checked(admin.get_session_with_http_info(str(session.id)), 200, "session")
    assert found.id == str(session.id)
    response = admin.list_identity_sessions_with_http_info(str(identity.id))
    assert len(_checked(response, 200, "session", many=True)) == 1
    _checked(admin.extend_session_with_http_info(str(session.id)), 204)
    _checked(admin.disable_session_with_http_info(str(session.id)), 204)
    assert service.authenticate(token) is None
    _checked(admin.delete_identity_sessions_with_http_info(str(identity.id)), 204)
    with pytest.raises(ApiException) as caught:
        admin.get_session_with_http_info(str(session.id))
    check_error(_Refused(caught.value), 404, "not_found")
