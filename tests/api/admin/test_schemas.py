"""``/schemas`` and ``/schemas/{id}`` on both surfaces, paginated, with Kratos's errors."""

from __future__ import annotations

import base64
import copy
import json
import re

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

SCHEMA = {"type": "object", "properties": {"traits": {"type": "object"}}}


def _schemas(count):
    encoded = base64.b64encode(json.dumps(SCHEMA).encode()).decode()
    tree = copy.deepcopy(django_settings.KRATOS)
    tree["identity"] = {
        "default_schema_id": "s0",
        "schemas": [{"id": f"s{i}", "url": f"base64://{encoded}"} for i in range(count)],
    }
    return override_settings(KRATOS=tree)


@pytest.mark.parametrize("surface", ["public_client", "admin_api_client"])
def test_get_schema_by_id_or_base64url_id(surface, request, openapi):
    client = request.getfixturevalue(surface)
    for schema_id in ("default", base64.urlsafe_b64encode(b"default").decode().rstrip("=")):
        response = client.get(f"/schemas/{schema_id}")
        assert response.status_code == 200
        openapi.check(response.json(), "identitySchema")
        assert response.json()["properties"]["traits"]["required"] == ["email"]
    openapi.check_error(client.get("/schemas/unknown"), 404)


@pytest.mark.parametrize("surface", ["public_client", "admin_api_client"])
def test_list_keeps_configuration_order_and_paginates(surface, request, openapi):
    client = request.getfixturevalue(surface)
    with _schemas(5):
        seen, url = [], "/schemas?page_size=2"
        while url:
            response = client.get(url)
            assert response.status_code == 200
            openapi.check(response.json(), "identitySchemas")
            seen.extend(s["id"] for s in response.json())
            match = re.search(r'<[^>?]+(\?[^>]+)>; rel="next"', response["Link"])
            url = "/schemas" + match.group(1) if match else None
        assert seen == ["s0", "s1", "s2", "s3", "s4"]


def test_schema_page_token_is_not_accepted_by_identities(admin_api_client, openapi):
    with _schemas(3):
        link = admin_api_client.get("/schemas?page_size=1")["Link"]
    token = re.search(r"page_token=([^&>]+)>", link).group(1)
    openapi.check_error(admin_api_client.get(f"/admin/identities?page_token={token}"), 400)
