"""The reference project's production settings, as a browser or a proxy sees them."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from example_project.settings_production import cache_settings, production_settings
from kratos_auth.contrib.cors import cors_settings, origin_regex

SECURE = {"secure": True}


@pytest.fixture
def public() -> Client:
    return Client(**{"kratos.surface": "public"})


def test_security_headers_on_every_response(public):
    response = public.get("/health/alive", **SECURE)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Security-Policy"] == "default-src 'self'"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_no_hsts_over_plain_http(public):
    assert "Strict-Transport-Security" not in public.get("/health/alive")


def test_dev_mode_turns_off_hsts_and_secure_cookies():
    dev = production_settings({}, True, [], environ={})
    prod = production_settings({}, False, [], environ={})
    assert (dev["SECURE_HSTS_SECONDS"], dev["SESSION_COOKIE_SECURE"]) == (0, False)
    assert (prod["SECURE_HSTS_SECONDS"], prod["CSRF_COOKIE_SECURE"]) == (31536000, True)
    assert prod["SECURE_HSTS_PRELOAD"] is False  # an irreversible opt-in, left to the operator


def test_https_redirect_only_when_https_is_known():
    plain = production_settings({}, False, [], environ={})
    proxied = production_settings({"security": {"trusted_proxies": ["10.0.0.1"]}}, False, [], {})
    tls = {"serve": {"public": {"tls": {"cert": {"path": "/c.pem"}, "key": {"path": "/k.pem"}}}}}
    direct = production_settings(tls, False, [], environ={})
    assert plain["SECURE_SSL_REDIRECT"] is False and plain["SECURE_PROXY_SSL_HEADER"] is None
    assert proxied["SECURE_SSL_REDIRECT"] is True
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert direct["SECURE_SSL_REDIRECT"] is True and direct["SECURE_PROXY_SSL_HEADER"] is None


class TestProxyHttpsDetection:
    """``X-Forwarded-Proto: https`` counts only when a trusted proxy sent it."""

    @pytest.fixture
    def proxied(self, settings):
        settings.KRATOS = {**settings.KRATOS, "security": {"trusted_proxies": ["10.0.0.0/8"]}}
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        settings.SECURE_SSL_REDIRECT = True
        return Client(**{"kratos.surface": "public"})

    def test_from_a_trusted_proxy_the_request_is_https(self, proxied):
        response = proxied.get("/version", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 200
        assert "Strict-Transport-Security" in response

    def test_a_client_cannot_claim_https(self, proxied):
        response = proxied.get("/nope", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 301
        assert response["Location"].startswith("https://")

    def test_health_checks_over_http_are_not_redirected(self, proxied):
        assert proxied.get("/health/alive", REMOTE_ADDR="10.0.0.7").status_code == 200
        assert proxied.get("/nope", REMOTE_ADDR="10.0.0.7").status_code == 301


class TestCors:
    ORIGINS = {
        "enabled": True,
        "allowed_origins": ["https://app.example.com", "https://*.tenants.example.com"],
        "allow_credentials": True,
        "max_age": 600,
    }

    def preflight(self, client, origin: str):
        return client.options(
            "/no-such-path",  # CORS answers the preflight before any view runs
            HTTP_ORIGIN=origin,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )

    def test_allowed_and_wildcard_origins_get_cors_headers(self):
        with override_settings(**cors_settings(self.ORIGINS)):
            client = Client(**{"kratos.surface": "public"})
            exact = self.preflight(client, "https://app.example.com")
            wild = self.preflight(client, "https://acme.tenants.example.com")
            other = self.preflight(client, "https://evil.example.net")
        assert exact["Access-Control-Allow-Origin"] == "https://app.example.com"
        assert exact["Access-Control-Allow-Credentials"] == "true"
        assert exact["Access-Control-Max-Age"] == "600"
        assert "X-Session-Token" in exact["Access-Control-Allow-Headers"]
        assert wild["Access-Control-Allow-Origin"] == "https://acme.tenants.example.com"
        assert "Access-Control-Allow-Origin" not in other

    def test_the_admin_surface_never_answers_cors(self, db):  # admin calls are audited
        with override_settings(**cors_settings(self.ORIGINS)):
            admin = Client(**{"kratos.surface": "admin"})
            response = self.preflight(admin, "https://app.example.com")
        assert "Access-Control-Allow-Origin" not in response

    def test_disabled_cors_sends_nothing(self):
        with override_settings(**cors_settings({"enabled": False})):
            client = Client(**{"kratos.surface": "public"})
            response = self.preflight(client, "https://app.example.com")
        assert "Access-Control-Allow-Origin" not in response

    def test_kratos_defaults_and_star(self):
        assert cors_settings(None)["CORS_URLS_REGEX"] == "(?!)"
        star = cors_settings({"enabled": True})  # Kratos's default origins: ["*"]
        assert star["CORS_ALLOW_ALL_ORIGINS"] is True
        assert star["CORS_ALLOW_METHODS"] == ["POST", "GET", "PUT", "PATCH", "DELETE"]

    def test_one_wildcard_matches_any_characters_but_nothing_else(self):
        import re

        pattern = re.compile(origin_regex("https://*.example.com"))
        assert pattern.match("https://a.b.example.com")
        assert not pattern.match("https://example.com.evil.net")
        assert not pattern.match("http://a.example.com")


def test_cache_choice():
    assert cache_settings(False, {"REDIS_URL": "redis://r:6379/1"})["default"]["BACKEND"].endswith(
        "RedisCache"
    )
    assert cache_settings(True, {})["default"]["BACKEND"].endswith("LocMemCache")
    assert cache_settings(False, {})["default"]["BACKEND"].endswith("DatabaseCache")


def test_middleware_order_puts_the_proxy_filter_first():
    project = [
        "django.middleware.security.SecurityMiddleware",
        "kratos_auth.middleware.SurfaceMiddleware",
        "corsheaders.middleware.CorsMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
    ]
    order = production_settings({}, False, project, environ={})["MIDDLEWARE"]
    assert order[0] == "kratos_auth.ratelimit.TrustedProxyMiddleware"
    assert order.index("kratos_auth.middleware.SurfaceMiddleware") < order.index(
        "kratos_auth.contrib.cors.PublicCorsMiddleware"
    )
    assert "corsheaders.middleware.CorsMiddleware" not in order
    assert order[-1] == "django.contrib.sessions.middleware.SessionMiddleware"
