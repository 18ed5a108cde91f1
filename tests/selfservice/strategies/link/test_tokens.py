"""Link tokens: long random values, keyed hashes at rest, single use, expiry."""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace

import pytest

from kratos_auth.core import clock
from kratos_auth.selfservice.strategies.link import tokens
from kratos_auth.selfservice.strategies.link.models import LinkPurpose, LinkToken
from tests.selfservice.plugin import make_identity

pytestmark = pytest.mark.django_db


def _flow() -> SimpleNamespace:
    return SimpleNamespace(id=uuid.uuid4(), expires_at=clock.now() + dt.timedelta(hours=1))


@pytest.fixture
def identity(configure):
    return make_identity("alice@example.com")


def test_tokens_are_long_random_and_stored_hashed(identity):
    flow = _flow()
    token = str(tokens.issue(LinkPurpose.RECOVERY, flow, identity=identity).reveal())
    assert len(token) == 32 and token.isalnum()
    row = LinkToken.objects.get(flow_id=flow.id)
    assert token not in row.token_hash and len(row.token_hash) == 64
    assert tokens.use(LinkPurpose.VERIFICATION, flow, token) is None  # bound to its purpose
    assert tokens.use(LinkPurpose.RECOVERY, _flow(), token) is None  # and to its flow
    assert tokens.use(LinkPurpose.RECOVERY, flow, token).identity_id == identity.id
    assert tokens.use(LinkPurpose.RECOVERY, flow, token) is None  # single use


def test_expired_unusable_and_replaced_tokens_fail(identity):
    flow = _flow()
    first = str(tokens.issue(LinkPurpose.RECOVERY, flow, identity=identity).reveal())
    second = str(tokens.issue(LinkPurpose.RECOVERY, flow, identity=identity).reveal())
    assert tokens.use(LinkPurpose.RECOVERY, flow, first) is None  # a new link voids the old
    with clock.frozen(clock.now() + tokens.lifespan() + dt.timedelta(seconds=1)):
        assert tokens.use(LinkPurpose.RECOVERY, flow, second) is None
    decoy = _flow()
    fake = str(tokens.issue(LinkPurpose.RECOVERY, decoy, usable=False).reveal())
    assert tokens.use(LinkPurpose.RECOVERY, decoy, fake) is None
    assert tokens.use(LinkPurpose.RECOVERY, decoy, "x" * 500) is None
