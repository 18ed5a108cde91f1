"""Sign-up with an emailed code (``passwordless_enabled``)."""

from __future__ import annotations

import pytest

from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import Identity
from kratos_auth.text import MessageId
from tests.selfservice.plugin import checked, message_ids, node

CODE_SIGNUP = {
    "methods": {"code": {"passwordless_enabled": True}},
    "flows": {
        "registration": {
            "enable_legacy_one_step": True,
            "after": {"code": {"hooks": [{"hook": "session"}]}},
        }
    },
}


def new_flow(api) -> dict:
    return checked(api.get("/self-service/registration/api"), "registrationFlow")


def submit(api, flow: dict, body: dict):
    return api.post(f"/self-service/registration?flow={flow['id']}", body)


@pytest.fixture
def code_signup(account):
    account(**CODE_SIGNUP)


def test_sign_up_with_a_code(api, code_signup, mail_server, deliver):
    flow = new_flow(api)
    button = [n for n in flow["ui"]["nodes"] if n["group"] == "code"][0]
    assert button["attributes"]["value"] == "code"
    assert button["meta"]["label"]["id"] == MessageId.INFO_SELF_SERVICE_REGISTRATION_REGISTER_CODE
    traits = {"email": "carol@example.com", "name": {"first": "Carol"}}
    sent = checked(submit(api, flow, {"method": "code", "traits": traits}), "registrationFlow", 400)
    assert sent["state"] == "sent_email"
    assert message_ids(sent) == [MessageId.INFO_SELF_SERVICE_REGISTRATION_CODE_SENT]
    assert node(sent, "traits.email")["attributes"] == {
        "name": "traits.email",
        "type": "hidden",
        "value": "carol@example.com",
        "disabled": False,
        "node_type": "input",
    }
    assert not Identity.objects.exists()
    deliver()
    mail = mail_server.last_to("carol@example.com")
    assert mail.subject == "Complete your sign-up"

    mismatch = {"method": "code", "traits": {"email": "eve@example.com"}, "code": mail.code()}
    refused = checked(submit(api, sent, mismatch), "registrationFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_TRAITS_MISMATCH]
    wrong = {
        "method": "code",
        "traits": traits,
        "code": "000000" if mail.code() != "000000" else "1",
    }
    refused = checked(submit(api, sent, wrong), "registrationFlow", 400)
    assert message_ids(refused) == [MessageId.ERROR_VALIDATION_REGISTRATION_CODE_INVALID]

    done = submit(api, sent, {"method": "code", "traits": traits, "code": mail.code()})
    body = checked(done, "successfulNativeRegistration")
    assert body["session"]["authentication_methods"][0]["method"] == "code"
    [address] = body["identity"]["verifiable_addresses"]
    assert address["verified"] is True and address["status"] == "completed"
    identity = Identity.objects.get()
    credential = identity_queries.credentials_of(identity)["code"]
    assert identity_queries.credential_config(credential)["addresses"] == [
        {"channel": "email", "address": "carol@example.com"}
    ]


def test_traits_without_a_code_address_are_refused(api, code_signup, use_identity_schemas):
    schema = {
        "type": "object",
        "properties": {
            "traits": {
                "type": "object",
                "properties": {
                    "email": {
                        "type": "string",
                        "format": "email",
                        "ory.sh/kratos": {"credentials": {"password": {"identifier": True}}},
                    }
                },
            }
        },
    }
    use_identity_schemas({"default": schema})
    flow = new_flow(api)
    refused = submit(api, flow, {"method": "code", "traits": {"email": "dan@example.com"}})
    assert message_ids(checked(refused, "registrationFlow", 400)) == [
        MessageId.ERROR_VALIDATION_IDENTIFIER_MISSING
    ]


def test_profile_first_offers_the_code_on_the_credentials_screen(api, account):
    account(methods={"code": {"passwordless_enabled": True}})
    flow = new_flow(api)
    assert not [n for n in flow["ui"]["nodes"] if n["group"] == "code"]
    step = submit(api, flow, {"method": "profile", "traits": {"email": "erin@example.com"}})
    credentials = checked(step, "registrationFlow", 400)
    assert [n for n in credentials["ui"]["nodes"] if n["group"] == "code"]
