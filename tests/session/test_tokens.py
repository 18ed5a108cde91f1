"""Session tokens: format, only a keyed hash at rest, rotation of secrets.default."""

from __future__ import annotations

import json
import re

import pytest

from kratos_auth.conf import reload
from kratos_auth.core.secret import Secret
from kratos_auth.session import config as session_config
from kratos_auth.session import service, tokens
from kratos_auth.session.models import Session
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db

OLD = "old-default-secret-0123456789abcdef"
NEW = "new-default-secret-0123456789abcdef"


@pytest.fixture
def use_default_secrets(monkeypatch):
    """Set ``secrets.default`` (the test settings pin it through the environment)."""

    def use(secrets):
        monkeypatch.setenv("SECRETS_DEFAULT", json.dumps(secrets))
        reload()

    yield use
    monkeypatch.undo()
    reload()


def test_token_is_ory_st_plus_32_alphanumerics_and_returned_wrapped():
    session, token = service.issue(make_identity(), ["password"])
    assert isinstance(token, Secret)
    assert "ory_st_" not in repr(token)
    assert re.fullmatch(r"ory_st_[A-Za-z0-9]{32}", token.reveal())


def test_database_holds_only_a_keyed_hash_that_is_useless_as_a_token():
    session, token = make_session()
    stored = Session.objects.get(pk=session.pk).token_hash
    assert token not in stored and re.fullmatch(r"[0-9a-f]{64}", stored)
    # A plain SHA-256 of the token is not what is stored (the hash is keyed).
    import hashlib

    assert stored != hashlib.sha256(token.encode()).hexdigest()
    assert service.authenticate(stored) is None
    assert service.authenticate(token).pk == session.pk


def test_rotating_secrets_default_keeps_sessions_and_moves_them_to_the_new_key(use_default_secrets):
    use_default_secrets([OLD])
    session, token = make_session()
    use_default_secrets([NEW, OLD])
    assert service.authenticate(token).pk == session.pk
    # Found under the old key: re-hashed under the new one, so OLD can be retired.
    new_key = session_config.current().token_keys[0]
    assert Session.objects.get(pk=session.pk).token_hash == tokens.hash_token(token, new_key)
    use_default_secrets([NEW])
    assert service.authenticate(token).pk == session.pk


def test_dropping_the_secret_a_token_was_hashed_under_ends_the_session(use_default_secrets):
    use_default_secrets([OLD])
    _, token = make_session()
    use_default_secrets([NEW])
    assert service.authenticate(token) is None


def test_oversized_and_empty_tokens_are_refused_without_a_lookup(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert service.authenticate("x" * 10_000) is None
        assert service.authenticate("") is None
        assert service.authenticate(None) is None


def test_logout_token_is_stable_per_session_and_verifies_across_rotation():
    key_a, key_b = b"a" * 32, b"b" * 32
    first = tokens.logout_token("ory_st_abc", key_a)
    assert first == tokens.logout_token("ory_st_abc", key_a)
    assert re.fullmatch(r"ory_lo_[A-Za-z0-9]{32}", first)
    assert first != tokens.logout_token("ory_st_abd", key_a)
    assert tokens.verify_logout_token(first, "ory_st_abc", [key_b, key_a])
    assert not tokens.verify_logout_token(first, "ory_st_abc", [key_b])
    assert not tokens.verify_logout_token(first, "ory_st_other", [key_a])
    assert not tokens.verify_logout_token("", "ory_st_abc", [key_a])
