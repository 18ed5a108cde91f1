"""Health and version endpoints answer on both surfaces in Kratos's shapes."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("surface", ["public_client", "admin_api_client"])
def test_health_and_version_on_both_surfaces(surface, request):
    client = request.getfixturevalue(surface)
    assert client.get("/health/alive").json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok"}
    version = client.get("/version").json()
    assert isinstance(version["version"], str) and version["version"]


def test_unknown_route_gives_kratos_error_body(public_client):
    response = public_client.get("/no/such/route")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == 404
    assert error["id"] == "not_found"
    assert error["status"] == "Not Found"
    assert error["message"]
