"""``kratos identities get``: ``-i/--include-credentials`` as Kratos's CLI."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError

from kratos_auth.identity import service
from tests.cli.test_identities import kratos

pytestmark = pytest.mark.django_db
PASSWORD = {"password": {"config": {"password": "cli get password 1"}}}


@pytest.fixture
def two():
    return [
        str(service.create_identity(traits={"email": f"g{i}@example.com"}, credentials=PASSWORD).id)
        for i in range(2)
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("--include-credentials", "password,code", "{0}", "{1}"),
        ("{0}", "{1}", "-i", "password", "-i", "code"),
        ("{0}", "{1}", "--include-credentials=code,password"),
    ],
)
def test_include_credentials_takes_comma_lists_and_repeats(two, args):
    out, _ = kratos("get", *(a.format(*two) for a in args))
    found = json.loads(out)
    assert [i["id"] for i in found] == two
    for identity in found:
        assert "config" in identity["credentials"]["password"]
        assert "hashed_password" not in identity["credentials"]["password"]["config"]
        assert "config" in identity["credentials"]["code"]


def test_without_the_flag_no_config_is_shown(two):
    found = json.loads(kratos("get", two[0])[0])
    assert "config" not in found["credentials"]["password"]


@pytest.mark.parametrize("value", ["secret", "password,nope", ","])
def test_unknown_types_are_refused(two, value):
    with pytest.raises(CommandError, match="unknown credentials type"):
        kratos("get", two[0], "--include-credentials", value)
