"""Lookup secrets: generation, constant-time matching, single use under concurrency."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from kratos_auth.mfa import lookup
from kratos_auth.mfa.models import LookupSecretUse


def test_generated_codes_look_like_kratos_codes():
    codes = lookup.generate()
    assert len(codes) == 12
    assert all(len(c["code"]) == 8 and set(c["code"]) <= set(lookup.ALPHABET) for c in codes)
    assert all(c["used_at"] is None for c in codes)
    assert len({c["code"] for c in codes}) == 12


def test_find_reports_valid_used_and_invalid():
    codes = [{"code": "aaaa1111", "used_at": None}, {"code": "bbbb2222", "used_at": "2024-01-01Z"}]
    assert lookup.find(codes, "aaaa1111") == lookup.Found(lookup.Match.VALID, 0)
    assert lookup.find(codes, " AAAA 1111 ").match is lookup.Match.VALID
    assert lookup.find(codes, "bbbb2222") == lookup.Found(lookup.Match.USED, 1)
    for wrong in ("", "aaaa111", "aaaa11111", "x" * 500):
        assert lookup.find(codes, wrong).match is lookup.Match.INVALID


@pytest.mark.django_db
def test_a_code_is_spent_once_and_no_code_is_stored(identity):
    assert lookup.spend(identity.id, "abcd1234")
    assert not lookup.spend(identity.id, "ABCD1234")
    assert lookup.spend(identity.id, "abcd1235")
    stored = list(LookupSecretUse.objects.values_list("digest", flat=True))
    assert len(stored) == 2 and not any("abcd" in d for d in stored)


@pytest.mark.django_db(transaction=True)
def test_racing_spends_of_one_code_succeed_once(identity):
    if connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite shares one connection between threads")
    results, barrier = [], threading.Barrier(8)

    def spend() -> None:
        barrier.wait()
        try:
            results.append(lookup.spend(identity.id, "race0001"))
        finally:
            connection.close()

    threads = [threading.Thread(target=spend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
