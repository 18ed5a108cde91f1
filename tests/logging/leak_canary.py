"""Tests that leak on purpose, run only by ``test_plugin.py`` in a separate pytest process.

The file name does not match ``test_*.py``: a normal run never collects it. With
``KRATOS_LEAK_CANARY=leak`` each test logs a secret from a different source; with ``clean``
they log the same things in a form the redaction removes, and the run must pass.
"""

from __future__ import annotations

import logging
import os

import pytest

MODE = os.environ.get("KRATOS_LEAK_CANARY", "")
pytestmark = pytest.mark.skipif(not MODE, reason="run by tests/logging/test_plugin.py only")
logger = logging.getLogger("kratos_auth.canary")

REGISTERED = "canary-Registered-4711"
POSTED = "Canary-Posted-Pa55word-0815"
WRAPPED = "canary-wrapped-token-9f8e7d"


def test_a_secret_registered_by_the_test(log_secrets):
    log_secrets.add(REGISTERED)
    if MODE == "leak":
        logger.info("the user typed %s", REGISTERED)
    else:
        logger.info("the user typed password=%s", REGISTERED)


def test_a_password_posted_to_a_view(client, db):
    client.post(
        "/self-service/login?flow=00000000-0000-4000-8000-000000000000",
        {"method": "password", "identifier": "a@example.com", "password": POSTED},
        content_type="application/json",
        **{"kratos.surface": "public"},
    )
    logger.warning("debugging: %s", POSTED if MODE == "leak" else "(nothing)")


def test_a_value_wrapped_in_secret():
    from kratos_auth.core.secret import Secret

    secret = Secret(WRAPPED)
    logger.warning("got %s", secret.reveal() if MODE == "leak" else secret)
