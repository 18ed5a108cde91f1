"""One-time codes: keyed hashes, secret rotation, single use, expiry, the submission cap."""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace

import pytest

from kratos_auth.core import clock
from kratos_auth.selfservice.flow.errors import CodeSubmittedTooOften
from kratos_auth.selfservice.strategies.code import codes
from kratos_auth.selfservice.strategies.code.models import (
    CodePurpose,
    CodeSubmissionCounter,
    OneTimeCode,
)
from tests.selfservice.plugin import make_identity

pytestmark = pytest.mark.django_db


def _flow() -> SimpleNamespace:
    return SimpleNamespace(id=uuid.uuid4(), expires_at=clock.now() + dt.timedelta(hours=1))


@pytest.fixture
def identity(configure):
    return make_identity("alice@example.com")


def test_codes_are_six_random_digits_stored_as_keyed_hashes(identity):
    flow = _flow()
    code = str(codes.issue(CodePurpose.RECOVERY, flow, identity=identity).reveal())
    assert len(code) == 6 and code.isdigit()
    row = OneTimeCode.objects.get(flow_id=flow.id)
    assert code not in row.code_hash and len(row.code_hash) == 64
    other = _flow()
    codes.issue(CodePurpose.RECOVERY, other, identity=identity)
    # Bound to purpose and flow: the same digits hash differently elsewhere.
    key = codes._keys()[0]
    assert codes.code_hash(code, "recovery", flow.id, key) != codes.code_hash(
        code, "recovery", other.id, key
    )
    assert codes.code_hash(code, "recovery", flow.id, key) != codes.code_hash(
        code, "login", flow.id, key
    )


def test_single_use_and_expiry(identity):
    flow = _flow()
    code = str(codes.issue(CodePurpose.LOGIN, flow, identity=identity).reveal())
    assert codes.use(CodePurpose.LOGIN, flow, code).identity_id == identity.id
    assert codes.use(CodePurpose.LOGIN, flow, code) is None
    later = _flow()
    code = str(codes.issue(CodePurpose.LOGIN, later, identity=identity).reveal())
    with clock.frozen(clock.now() + codes.lifespan() + dt.timedelta(seconds=1)):
        assert codes.use(CodePurpose.LOGIN, later, code) is None


def test_a_used_code_loses_the_race(identity, monkeypatch):
    """Between reading the row and marking it used, another submission used it: the
    conditional update fails, so the code is not accepted twice."""
    flow = _flow()
    code = str(codes.issue(CodePurpose.RECOVERY, flow, identity=identity).reveal())
    original = OneTimeCode.objects.filter

    def racing_filter(*args, **kwargs):
        queryset = original(*args, **kwargs)
        if "pk" in kwargs and "used_at__isnull" in kwargs:  # the conditional update
            original(pk=kwargs["pk"]).update(used_at=clock.now())  # the other request won
        return queryset

    monkeypatch.setattr(OneTimeCode.objects, "filter", racing_filter)
    assert codes.use(CodePurpose.RECOVERY, flow, code) is None


def test_unusable_codes_never_succeed(identity):
    flow = _flow()
    code = str(codes.issue(CodePurpose.RECOVERY, flow, usable=False).reveal())
    assert codes.use(CodePurpose.RECOVERY, flow, code) is None


def test_identity_binding(identity):
    flow = _flow()
    code = str(codes.issue(CodePurpose.LOGIN, flow, identity=identity).reveal())
    assert codes.use(CodePurpose.LOGIN, flow, code, identity_id=uuid.uuid4()) is None
    assert codes.use(CodePurpose.LOGIN, flow, code, identity_id=identity.id) is not None


def test_every_submission_counts_and_the_cap_holds(identity):
    flow = _flow()
    code = str(codes.issue(CodePurpose.VERIFICATION, flow, identity=identity).reveal())
    for _ in range(5):
        assert (
            codes.use(CodePurpose.VERIFICATION, flow, "000000" if code != "000000" else "1") is None
        )
    with pytest.raises(CodeSubmittedTooOften):
        codes.use(CodePurpose.VERIFICATION, flow, code)
    counter = CodeSubmissionCounter.objects.get(flow_id=flow.id)
    assert counter.submit_count == 6
    # A new code does not reset the count: the flow must be started again.
    fresh = str(codes.issue(CodePurpose.VERIFICATION, flow, identity=identity).reveal())
    with pytest.raises(CodeSubmittedTooOften):
        codes.use(CodePurpose.VERIFICATION, flow, fresh)


def test_rotating_the_cookie_secrets_keeps_codes_in_flight(identity, settings):
    flow = _flow()
    code = str(codes.issue(CodePurpose.RECOVERY, flow, identity=identity).reveal())
    old = settings.KRATOS["secrets"]["cookie"]
    settings.KRATOS = {
        **settings.KRATOS,
        "secrets": {
            **settings.KRATOS["secrets"],
            "cookie": ["a-brand-new-cookie-secret-0001", *old],
        },
    }
    assert codes.use(CodePurpose.RECOVERY, flow, code) is not None
    settings.KRATOS = {
        **settings.KRATOS,
        "secrets": {**settings.KRATOS["secrets"], "cookie": ["only-a-new-cookie-secret-00001"]},
    }
    other = _flow()
    kept = str(codes.issue(CodePurpose.RECOVERY, other, identity=identity).reveal())
    settings.KRATOS = {**settings.KRATOS, "secrets": {**settings.KRATOS["secrets"], "cookie": old}}
    assert codes.use(CodePurpose.RECOVERY, other, kept) is None  # its key is gone
