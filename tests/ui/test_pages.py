"""The built-in pages through Django's test client, as a browser without JavaScript sees them."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from kratos_auth.core import clock
from kratos_auth.errors import Forbidden
from kratos_auth.selfservice.flow import errorstore
from tests.selfservice.plugin import make_identity
from tests.ui.document import parse

BASE = "https://auth.example.test"
PASSWORD = "Correct-Horse-9-Battery"


@pytest.fixture
def site(settings, db):
    selfservice = {
        **settings.KRATOS["selfservice"],
        "allowed_return_urls": ["https://app.example.test/"],
        "methods": {
            "password": {"config": {"haveibeenpwned_enabled": False}},
            "totp": {"enabled": True, "config": {"issuer": "Pages"}},
        },
    }
    settings.KRATOS = {**settings.KRATOS, "selfservice": selfservice}
    return settings


@pytest.fixture
def browser(site) -> Client:
    return Client(**{"kratos.surface": "public"}, HTTP_ACCEPT="text/html,*/*;q=0.8")


def local(url: str) -> str:
    assert url.startswith(BASE), url
    return url[len(BASE) :]


def open_flow(browser: Client, flow: str, query: str = ""):
    """Follow ``/ui/<flow>`` until the page of a flow renders; returns (response, document)."""
    response = browser.get(f"/ui/{flow}{query}")
    for _ in range(4):
        if response.status_code != 303:
            break
        response = browser.get(local(response["Location"]))
    assert response.status_code == 200, response.status_code
    return response, parse(response.content)


def submit(browser: Client, document, form_id: str, **values: str):
    form = document.find("form", id=form_id)
    data = {i.get("name"): i.get("value") or "" for i in form.find_all("input") if i.get("name")}
    data.update(values)
    return browser.post(local(form.get("action")), data)


def sign_in(browser: Client) -> None:
    make_identity("ada@example.com", PASSWORD)
    _, document = open_flow(browser, "login")
    form_id = document.find("form").get("id")
    done = submit(
        browser,
        document,
        form_id,
        identifier="ada@example.com",
        password=PASSWORD,
        method="password",
    )
    assert done.status_code == 303 and "ui/login" not in done["Location"]


def test_a_page_without_flow_starts_a_browser_flow(browser):
    response = browser.get("/ui/login?return_to=https://app.example.test/next&aal=aal1&x=1")
    assert response.status_code == 303
    target = urlsplit(response["Location"])
    assert target.path == "/self-service/login/browser"
    assert parse_qs(target.query) == {
        "return_to": ["https://app.example.test/next"],
        "aal": ["aal1"],
    }
    # ... which sends the browser back to the built-in page (the default ui_url).
    started = browser.get(local(response["Location"]))
    assert re.fullmatch(rf"{BASE}/ui/login\?flow=[0-9a-f-]{{36}}", started["Location"])


def test_login_page_renders_the_flow_with_labelled_fields(browser):
    response, document = open_flow(browser, "login")
    flow_id = parse_qs(urlsplit(response.wsgi_request.get_full_path()).query)["flow"][0]
    assert document.find("title").text == "Sign in"
    (form,) = document.find_all("form")
    assert form.get("action") == f"{BASE}/self-service/login?flow={flow_id}"
    assert form.get("method") == "POST"
    assert form.find("input", name="csrf_token").get("type") == "hidden"
    for field in form.find_all("input"):
        if field.get("type") == "hidden":
            continue
        (label,) = document.find_all("label", for_=field.get("id"))
        assert label.text.startswith(
            {"identifier": "E-Mail", "password": "Password"}[field.get("name")]
        )
        assert field.has("required")
    button = form.find("button", name="method")
    assert (button.get("value"), button.text) == ("password", "Sign in")
    links = [a.get("href") for a in document.find_all("a")]
    assert f"{BASE}/self-service/registration/browser" in links
    assert f"{BASE}/self-service/recovery/browser" in links


def test_pages_run_under_a_strict_content_security_policy(browser):
    response, document = open_flow(browser, "login")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([A-Za-z0-9]+)'", policy).group(1)
    assert len(nonce) >= 22
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    scripts = document.find_all("script")
    assert scripts and all(s.get("src") and s.get("nonce") == nonce for s in scripts)
    assert not [s for s in scripts if s.text.strip()]  # no inline script at all
    html = response.content.decode()
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers
    assert not re.search(r"\sstyle\s*=", html)
    assert response["Cache-Control"].startswith("private, no-cache, no-store")
    again, _ = open_flow(browser, "login")
    assert again["Content-Security-Policy"] != policy  # a fresh nonce per response


def test_wrong_password_is_announced_on_the_page(browser):
    make_identity("ada@example.com", PASSWORD)
    _, document = open_flow(browser, "login")
    form_id = document.find("form").get("id")
    done = submit(
        browser, document, form_id, identifier="ada@example.com", password="nope", method="password"
    )
    assert done.status_code == 303
    page = parse(browser.get(local(done["Location"])).content)
    (alert,) = page.find_all(role="alert")
    assert "credentials are invalid" in alert.text


def test_field_errors_are_tied_to_the_field_and_focused(browser):
    _, document = open_flow(browser, "registration")
    form_id = document.find("form").get("id")
    done = submit(browser, document, form_id, **{"traits.email": "not-an-email"}, method="profile")
    page = parse(browser.get(local(done["Location"])).content)
    field = page.find("input", name="traits.email")
    assert field.get("aria-invalid") == "true" and field.has("autofocus")
    message = page.find(id=field.get("aria-describedby"))
    assert "email" in message.text.lower()
    assert field.get("value") == "not-an-email"


def test_unknown_or_expired_flows_start_over(browser):
    response = browser.get(f"/ui/login?flow={uuid.uuid4()}&return_to=https://app.example.test/x")
    assert response.status_code == 303
    assert local(response["Location"]).startswith("/self-service/login/browser?return_to=")
    started, _ = open_flow(browser, "registration")
    later = clock.now() + dt.timedelta(days=2)
    with clock.frozen(later):
        expired = browser.get(started.wsgi_request.get_full_path())
    assert expired.status_code == 303
    assert local(expired["Location"]) == "/self-service/registration/browser"


def test_another_browsers_flow_without_cookie_shows_an_error_instead_of_looping(browser, site):
    started, _ = open_flow(browser, "login")
    stranger = Client(**{"kratos.surface": "public"}, HTTP_ACCEPT="text/html")
    response = stranger.get(started.wsgi_request.get_full_path())
    assert response.status_code == 403
    document = parse(response.content)
    assert document.find("title").text == "Something went wrong"
    assert document.find(role="alert").text


def test_error_page_shows_the_stored_error(browser):
    stored = errorstore.store(Forbidden("Please retry the flow."))
    response = browser.get(f"/ui/error?id={stored.id}")
    assert response.status_code == 200
    document = parse(response.content)
    assert "Please retry the flow." in document.text
    assert "403" in document.find("details").text
    missing = browser.get(f"/ui/error?id={uuid.uuid4()}")
    assert missing.status_code == 404
    assert browser.get("/ui/error").status_code == 400


def test_welcome_page_for_anonymous_and_signed_in_browsers(browser):
    document = parse(browser.get("/ui/welcome").content)
    assert "You are not signed in" in document.text
    assert {a.text for a in document.find_all("a")} >= {"Sign in", "Create an account"}
    sign_in(browser)
    document = parse(browser.get("/ui/welcome").content)
    assert "ada@example.com" in document.find("p", class_="ka-lead").text
    logout = next(a for a in document.find_all("a") if a.text == "Sign out")
    assert local(logout.get("href")).startswith("/self-service/logout?token=")


def test_settings_page_shows_the_totp_qr_code_and_secret(browser):
    sign_in(browser)
    _, document = open_flow(browser, "settings")
    titles = [h.text for h in document.find_all("h2")]
    assert titles[:2] == ["Profile", "Password"] and "Authenticator app" in titles
    qr = document.find("img")
    assert qr.get("src").startswith("data:image/png;base64,")
    assert qr.get("alt") == "Authenticator app QR code"
    secret = document.find(data_node="totp_secret_key").find("code").text
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    # Each method has its own form, every one with the CSRF token.
    forms = document.find_all("form")
    assert len(forms) >= 3 and all(f.find_all("input", name="csrf_token") for f in forms)


def test_settings_without_session_go_to_sign_in(browser):
    response = browser.get("/ui/settings")
    assert local(response["Location"]) == "/self-service/settings/browser"
    response = browser.get(local(response["Location"]))
    assert "/self-service/login/browser" in response["Location"]


def test_default_ui_urls_point_at_the_pages(site):
    from kratos_auth.selfservice.flow import service

    for flow in ("login", "registration", "settings", "recovery", "verification", "error"):
        assert service.ui_url(flow) == f"{BASE}/ui/{flow}"
    site.KRATOS = {**site.KRATOS, "selfservice": {}}
    assert service.default_return_url() == f"{BASE}/ui/welcome"
    site.KRATOS = {
        **site.KRATOS,
        "selfservice": {"flows": {"login": {"ui_url": "https://kratos-ui.example.test/login"}}},
    }
    assert service.ui_url("login") == "https://kratos-ui.example.test/login"
    assert service.ui_url("registration") == f"{BASE}/ui/registration"


def test_sites_restyle_the_pages_by_overriding_templates(browser, settings, tmp_path):
    folder = tmp_path / "kratos_auth" / "ui"
    folder.mkdir(parents=True)
    (folder / "login.html").write_text(
        '{% extends "kratos_auth/ui/base.html" %}{% block heading %}Welcome back{% endblock %}'
        '{% block content %}{% include "kratos_auth/ui/_ui.html" %}{% endblock %}'
    )
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    settings.TEMPLATES = templates
    _, document = open_flow(browser, "login")
    assert document.find("h1").text == "Welcome back"
    assert document.find("input", name="password")


def test_assets_are_served_with_long_caching(browser):
    response, document = open_flow(browser, "login")
    css = document.find("link", rel="stylesheet").get("href")
    asset = browser.get(css)
    assert asset.status_code == 200
    assert asset["Content-Type"].startswith("text/css")
    assert "immutable" in asset["Cache-Control"]
    script = browser.get(document.find("script").get("src"))
    assert script["Content-Type"].startswith("text/javascript")
    assert browser.get("/ui/assets/settings.py").status_code == 404


def test_pages_are_not_on_the_admin_surface(db):
    admin = Client(**{"kratos.surface": "admin"})
    assert admin.get("/ui/login").status_code == 404
