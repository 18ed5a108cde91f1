"""Shared fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
# Copies of ../shared/kratos (checked against it by tests/contracts/test_spec_copy.py).
SHARED_KRATOS = ROOT / "tests" / "contracts" / "kratos"


@pytest.fixture
def public_client() -> Client:
    """A test client on the public surface (``serve.public``)."""
    return Client(**{"kratos.surface": "public"})


@pytest.fixture
def admin_api_client() -> Client:
    """A test client on the admin surface (``serve.admin``)."""
    return Client(**{"kratos.surface": "admin"})


@pytest.fixture(scope="session")
def api_spec() -> dict:
    """Kratos's OpenAPI document (a copy of ``../shared/kratos/api.json``)."""
    return json.loads((SHARED_KRATOS / "api.json").read_text())


pytest_plugins = ["tests.live", "tests.ratelimit.plugin", "tests.logging.plugin"]


@pytest.fixture
def use_identity_schemas(settings):
    """Configure ``identity.schemas``: ``use_identity_schemas({"default": "all-strategies"})``.

    A source is a shared Kratos preset name (``email-password``, ``all-strategies``), a URL,
    or a dict (sent inline as ``base64://``). Extra keyword arguments go into ``identity``.
    """
    import base64

    def apply(schemas: dict, default: str = "default", **identity) -> None:
        entries = []
        for schema_id, source in schemas.items():
            if isinstance(source, dict):
                url = "base64://" + base64.b64encode(json.dumps(source).encode()).decode()
            elif "://" in source:
                url = source
            else:
                url = (SHARED_KRATOS / f"identity.schema.{source}.json").as_uri()
            entries.append({"id": schema_id, "url": url})
        settings.KRATOS = {
            **settings.KRATOS,
            "identity": {"default_schema_id": default, "schemas": entries, **identity},
        }

    return apply


@pytest.fixture
def host_site(settings):
    """The host site of ``tests/host_views.py`` with ``KratosSessionMiddleware`` installed
    after Django's ``AuthenticationMiddleware``."""
    settings.ROOT_URLCONF = "tests.host_views"
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "kratos_auth.middleware.KratosSessionMiddleware",
    )
    settings.MIDDLEWARE = middleware
    settings.LOGIN_URL = "/login"
    return Client()


pytest_plugins.append("tests.selfservice.plugin")
pytest_plugins.append("tests.courier.plugin")
pytest_plugins.append("tests.selfservice.recovery.account")
