"""Shared fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
SHARED_KRATOS = ROOT.parent / "shared" / "kratos"


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
    """Kratos's OpenAPI document (``../shared/kratos/api.json``)."""
    return json.loads((SHARED_KRATOS / "api.json").read_text())
