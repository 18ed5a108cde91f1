"""``core.storable``: NUL characters, lone surrogates and nesting, found wherever they hide."""

from __future__ import annotations

import pytest

from kratos_auth.core import storable


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("plain", None),
        ({"a": ["b", {"c": "é ✓ 😀"}], "n": 1, "t": True, "z": None}, None),
        ("a\x00b", storable.NUL),
        ({"k": ["x", {"deep": "\x00"}]}, storable.NUL),
        ({"\x00key": 1}, storable.NUL),
        ("\ud800", storable.INVALID_UNICODE),
        ({"k": ["ok", "a\udfffb"]}, storable.INVALID_UNICODE),
        ({"\udc80": "key"}, storable.INVALID_UNICODE),
        # A literal backslash followed by u0000 is ordinary text, not a NUL.
        ("\\u0000", None),
        ({"k": "C:\\u0000dir"}, None),
    ],
)
def test_text_problem(value, problem):
    assert storable.text_problem(value) == problem


def test_depth_is_checked_only_when_asked():
    deep: object = "leaf"
    for _ in range(10):
        deep = [deep]
    assert storable.text_problem(deep) is None
    assert storable.text_problem(deep, max_depth=11) is None
    assert storable.text_problem(deep, max_depth=10) == storable.TOO_DEEP.format(limit=10)
    assert storable.text_problem(["\x00"], max_depth=5, strings=False) is None
