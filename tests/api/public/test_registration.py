"""Registration API flows: profile-first and unified styles, traits validation, password
policy, duplicates, and the session hook."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from kratos_auth.identity.models import Identity
from tests.contracts.openapi import check_error
from tests.selfservice.plugin import checked, make_identity, message_ids, node

PASSWORD = "Correct-Horse-9-Battery"


def new_flow(api, **extra) -> dict:
    return checked(api.get("/self-service/registration/api", **extra), "registrationFlow")


def submit(api, flow: dict, body: dict, **extra):
    return api.post(f"/self-service/registration?flow={flow['id']}", body, **extra)


def register(api, email: str, password: str = PASSWORD, **traits):
    flow = new_flow(api)
    body = {"method": "password", "password": password, "traits": {"email": email, **traits}}
    return flow, submit(api, flow, body)


def names(flow: dict) -> list[tuple[str, str, str]]:
    return [
        (n["group"], n["attributes"]["name"], n["attributes"]["type"]) for n in flow["ui"]["nodes"]
    ]


def test_profile_first_flow_asks_for_traits_first(api):
    flow = new_flow(api)
    assert names(flow) == [
        ("default", "csrf_token", "hidden"),
        ("default", "traits.email", "email"),
        ("default", "traits.name.first", "text"),
        ("default", "traits.name.last", "text"),
        ("profile", "method", "submit"),
    ]
    email = node(flow, "traits.email")
    assert email["attributes"]["required"] is True
    assert email["attributes"]["autocomplete"] == "email"
    assert email["meta"]["label"]["id"] == 1070002 and email["meta"]["label"]["text"] == "E-Mail"


def test_profile_step_then_password_step(api):
    flow = new_flow(api)
    step = submit(api, flow, {"method": "profile", "traits": {"email": "eve@example.com"}})
    shown = checked(step, "registrationFlow", 400)  # Kratos answers the next screen with 400
    assert message_ids(shown) == [1040009]
    assert names(shown) == [
        ("default", "csrf_token", "hidden"),
        ("default", "traits.email", "hidden"),
        ("password", "password", "password"),
        ("default", "traits.name.first", "hidden"),
        ("default", "traits.name.last", "hidden"),
        ("profile", "screen", "submit"),
        ("password", "method", "submit"),
    ]
    assert node(shown, "traits.email")["attributes"]["value"] == "eve@example.com"
    back = checked(
        submit(
            api,
            shown,
            {"screen": "previous", "method": "profile", "traits": {"email": "eve@example.com"}},
        ),
        "registrationFlow",
        400,
    )
    assert node(back, "traits.email")["attributes"]["type"] == "email"
    assert node(back, "method")["attributes"]["value"] == "profile"
    done = submit(
        api,
        shown,
        {"method": "password", "password": PASSWORD, "traits": {"email": "eve@example.com"}},
    )
    checked(done, "successfulNativeRegistration")


def test_profile_step_validates_traits(api):
    flow = new_flow(api)
    shown = checked(submit(api, flow, {"method": "profile", "traits": {}}), "registrationFlow", 400)
    assert message_ids(shown, "traits.email") == [4000002]
    assert node(shown, "traits.email")["messages"][0]["text"] == "Property email is missing."


def test_unified_style_shows_everything_at_once(api, configure):
    configure(selfservice={"flows": {"registration": {"style": "unified"}}})
    flow = new_flow(api)
    assert names(flow) == [
        ("default", "csrf_token", "hidden"),
        ("default", "traits.email", "email"),
        ("password", "password", "password"),
        ("default", "traits.name.first", "text"),
        ("default", "traits.name.last", "text"),
        ("password", "method", "submit"),
    ]
    assert node(flow, "password")["attributes"]["autocomplete"] == "new-password"
    assert node(flow, "method")["meta"]["label"]["id"] == 1040001


def test_registration_with_session_hook(api):
    _, response = register(api, "Frank@Example.com", name={"first": "Frank"})
    body = checked(response, "successfulNativeRegistration")
    assert body["identity"]["traits"] == {"email": "Frank@Example.com", "name": {"first": "Frank"}}
    assert body["session"]["identity"]["id"] == body["identity"]["id"]
    assert body["session_token"].startswith("ory_st_")
    assert body["continue_with"][0]["action"] == "set_ory_session_token"
    assert "credentials" not in body["identity"]
    whoami = api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=body["session_token"])
    assert whoami.status_code == 200


def test_registration_without_session_hook(api, configure):
    configure(selfservice={"flows": {"registration": {"after": {"password": {"hooks": []}}}}})
    _, response = register(api, "grace@example.com")
    body = checked(response, "successfulNativeRegistration")
    assert "session" not in body and "session_token" not in body


@pytest.mark.parametrize(
    ("traits", "node_name", "ids"),
    [
        ({}, "traits.email", [4000002]),
        ({"email": "not-an-email"}, "traits.email", [4000001]),
        ({"email": "a@"}, "traits.email", [4000003, 4000001]),
        ({"email": 42}, "traits.email", [4000026]),
    ],
)
def test_traits_are_validated_with_kratos_messages(api, traits, node_name, ids):
    flow = new_flow(api)
    body = {"method": "password", "password": PASSWORD, "traits": traits}
    shown = checked(submit(api, flow, body), "registrationFlow", 400)
    assert sorted(message_ids(shown, node_name)) == sorted(ids)
    assert PASSWORD not in str(shown)


def test_unknown_traits_are_refused(api):
    flow = new_flow(api)
    body = {
        "method": "password",
        "password": PASSWORD,
        "traits": {"email": "h@example.com", "admin": True},
    }
    shown = checked(submit(api, flow, body), "registrationFlow", 400)
    assert shown["ui"].get("messages") or any(n["messages"] for n in shown["ui"]["nodes"])
    assert not Identity.objects.exists()


def test_missing_password_is_4000002(api):
    flow = new_flow(api)
    shown = checked(
        submit(api, flow, {"method": "password", "traits": {"email": "i@example.com"}}),
        "registrationFlow",
        400,
    )
    assert message_ids(shown, "password") == [4000002]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", 4000032),
        ("ivan@example.com1", 4000031),
        ("x" * 1025, 4000033),
    ],
)
def test_password_policy(api, password, message):
    _, response = register(api, "ivan@example.com", password)
    shown = checked(response, "registrationFlow", 400)
    assert message_ids(shown, "password") == [message]
    assert not Identity.objects.exists()


def test_min_length_counts_characters_not_bytes(api, configure):
    configure(selfservice={"methods": {"password": {"config": {"min_password_length": 8}}}})
    _, response = register(api, "judy@example.com", "äöüßéèêñ")  # 8 characters, 17 bytes
    checked(response, "successfulNativeRegistration")
    _, response = register(api, "kim@example.com", "äöüßéèê")  # 7 characters, 15 bytes
    shown = checked(response, "registrationFlow", 400)
    assert shown["ui"]["nodes"][2]["messages"][0]["context"] == {
        "min_length": 8,
        "actual_length": 7,
    }


@pytest.mark.parametrize("variant", ["LEO@EXAMPLE.COM", "Leo@Example.com", "ｌｅｏ@example.com"])
def test_duplicate_identifiers_in_any_form_are_4000007(api, variant):
    make_identity("leo@example.com")
    _, response = register(api, variant)
    shown = checked(response, "registrationFlow", 400)
    assert 4000007 in message_ids(shown) + message_ids(shown, "traits.email")
    assert Identity.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_registrations_create_one_identity(api):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in memory serialises writers; the race needs PostgreSQL")
    flows = [new_flow(api) for _ in range(4)]
    body = {"method": "password", "password": PASSWORD, "traits": {"email": "race@example.com"}}
    results = []

    def run(flow):
        results.append(submit(api, flow, body).status_code)
        connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in flows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 400, 400, 400]
    assert Identity.objects.count() == 1


def test_logged_in_callers_cannot_register(api):
    _, response = register(api, "mia@example.com")
    token = response.json()["session_token"]
    check_error(
        api.get("/self-service/registration/api", HTTP_X_SESSION_TOKEN=token),
        400,
        "session_already_available",
    )


def test_registration_can_be_disabled(api, configure):
    configure(selfservice={"flows": {"registration": {"enabled": False}}})
    check_error(api.get("/self-service/registration/api"), 400, "self_service_flow_disabled")


def test_completed_registration_cannot_be_replayed(api):
    flow, first = register(api, "nina@example.com")
    checked(first, "successfulNativeRegistration")
    body = {"method": "password", "password": PASSWORD, "traits": {"email": "other@example.com"}}
    assert message_ids(checked(submit(api, flow, body), "registrationFlow", 400)) == [4040002]


def test_trait_nodes_can_use_the_old_password_group(api, configure):
    configure(
        selfservice={"flows": {"registration": {"style": "unified"}}},
        feature_flags={"password_profile_registration_node_group": "password"},
    )
    flow = new_flow(api)
    assert node(flow, "traits.email")["group"] == "password"
