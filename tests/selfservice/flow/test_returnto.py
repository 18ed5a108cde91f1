"""``return_to`` against the allowlist, including the classic open-redirect tricks."""

from __future__ import annotations

import pytest

from kratos_auth.selfservice.flow.returnto import ReturnToNotAllowed, resolve

DEFAULT = "https://app.example.test/"
ALLOWED = ["https://app.example.test/dashboard", "https://*.example.org/", "http://127.0.0.1:4455/"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/dashboard", "https://app.example.test/dashboard"),
        ("/dashboard/settings", "https://app.example.test/dashboard/settings"),
        (
            "https://app.example.test/dashboard?tab=1#x",
            "https://app.example.test/dashboard?tab=1#x",
        ),
        ("https://shop.example.org/cart", "https://shop.example.org/cart"),
        ("https://a.b.example.org/", "https://a.b.example.org/"),
        ("http://127.0.0.1:4455/welcome", "http://127.0.0.1:4455/welcome"),
        ("HTTPS://APP.EXAMPLE.TEST/dashboard", "https://APP.EXAMPLE.TEST/dashboard"),
    ],
)
def test_allowed(value, expected):
    assert resolve(value, DEFAULT, ALLOWED) == expected


@pytest.mark.parametrize(
    "value",
    [
        "https://evil.test/",
        "//evil.test/dashboard",
        "///evil.test/",
        "/\\evil.test",
        "\\\\evil.test",
        "https:\\\\evil.test\\dashboard",
        "https://app.example.test.evil.test/dashboard",
        "https://app.example.test@evil.test/dashboard",
        "https://evil.test@app.example.test/dashboard",
        "https://app.example.test:444/dashboard",
        "http://app.example.test/dashboard",
        "https://example.org/",
        "https://evil-example.org/",
        "javascript:alert(1)//app.example.test/dashboard",
        "data:text/html,hi",
        "/dashboard-evil",
        "/dashboard/../admin",
        "/dashboard/%2e%2e/admin",
        "/%2F%2Fevil.test",
        "/dashboard/%5C%5Cevil.test",
        "https://app.example.test/dashboard\r\nSet-Cookie: x=1",
        " https://evil.test/",
        "https://app.example.test/dash\tboard",
        "x" * 3000,
    ],
)
def test_refused(value):
    with pytest.raises(ReturnToNotAllowed):
        resolve(value, DEFAULT, ALLOWED)
