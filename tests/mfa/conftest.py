"""Fixtures for the second-factor tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def identity(db):
    from tests.selfservice.plugin import make_identity

    return make_identity("alice@example.com")
