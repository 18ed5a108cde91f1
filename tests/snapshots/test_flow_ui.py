"""Golden JSON of the UI nodes Kratos's clients render (change only on purpose:
``UPDATE_SNAPSHOTS=1 pytest tests/snapshots``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.selfservice.plugin import checked

HERE = Path(__file__).parent / "flows"


def normalized(flow: dict) -> dict:
    ui = json.loads(json.dumps(flow["ui"]))
    ui["action"] = ui["action"].replace(flow["id"], "<flow>")
    for node in ui["nodes"]:
        if node["attributes"].get("name") == "csrf_token" and node["attributes"].get("value"):
            node["attributes"]["value"] = "<masked token>"
    return ui


def matches_snapshot(name: str, data: dict) -> None:
    path = HERE / f"{name}.json"
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see {path}"


@pytest.mark.parametrize(
    ("name", "path", "schema"),
    [
        ("login_api", "/self-service/login/api", "loginFlow"),
        ("login_browser", "/self-service/login/browser", "loginFlow"),
        ("registration_api_profile_first", "/self-service/registration/api", "registrationFlow"),
        (
            "registration_browser_profile_first",
            "/self-service/registration/browser",
            "registrationFlow",
        ),
    ],
)
def test_new_flows(api, name, path, schema):
    matches_snapshot(name, normalized(checked(api.get(path), schema)))


def test_unified_registration(api, configure):
    configure(selfservice={"flows": {"registration": {"style": "unified"}}})
    flow = checked(api.get("/self-service/registration/api"), "registrationFlow")
    matches_snapshot("registration_api_unified", normalized(flow))


def test_registration_credentials_screen(api):
    flow = checked(api.get("/self-service/registration/api"), "registrationFlow")
    body = {"method": "profile", "traits": {"email": "snap@example.com", "name": {"first": "S"}}}
    shown = checked(
        api.post(f"/self-service/registration?flow={flow['id']}", body), "registrationFlow", 400
    )
    matches_snapshot("registration_api_credentials", normalized(shown))


def test_login_with_an_error(api):
    flow = checked(api.get("/self-service/login/api"), "loginFlow")
    body = {"method": "password", "identifier": "nobody@example.com", "password": "wrong-wrong"}
    shown = checked(api.post(f"/self-service/login?flow={flow['id']}", body), "loginFlow", 400)
    matches_snapshot("login_api_invalid_credentials", normalized(shown))
