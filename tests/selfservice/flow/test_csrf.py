"""Anti-CSRF tokens in nosurf's format."""

from __future__ import annotations

import base64
import hashlib

from kratos_auth.selfservice.flow import csrf


def test_cookie_name_is_kratos():
    url = "https://auth.example.test/"
    assert csrf.cookie_name(url) == "csrf_token_" + hashlib.sha256(url.encode()).hexdigest()


def test_masked_tokens_differ_but_carry_the_cookie_token():
    raw = csrf.new_token()
    first, second = csrf.mask(raw), csrf.mask(raw)
    assert first != second and len(base64.b64decode(first)) == 64
    assert csrf.matches(raw, first) and csrf.matches(raw, second)
    assert csrf.matches(raw, csrf.encode_cookie(raw))  # nosurf also accepts the raw token
    assert not csrf.matches(csrf.new_token(), first)


def test_garbage_never_matches():
    raw = csrf.new_token()
    for sent in (None, "", "!!!", "QUJD", "A" * 500, base64.b64encode(b"x" * 63).decode()):
        assert not csrf.matches(raw, sent)
    assert not csrf.matches(None, csrf.mask(raw))
    assert csrf.decode_cookie("not base64") is None
    assert csrf.decode_cookie(base64.b64encode(b"short").decode()) is None


def test_flows_remember_a_hash_of_the_token_only():
    raw = csrf.new_token()
    stored = csrf.token_hash(raw)
    assert csrf.belongs_to(raw, stored) and not csrf.belongs_to(csrf.new_token(), stored)
    assert raw.hex() not in stored and not csrf.belongs_to(raw, "")
    assert "fresh=True" in repr(csrf.CsrfCookie.issue()) and raw.hex() not in repr(
        csrf.CsrfCookie(raw)
    )
