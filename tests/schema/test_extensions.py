"""The ory.sh/kratos extension decides identifiers, addresses, TOTP and passkey names."""

from __future__ import annotations

import pytest

from kratos_auth.schema import (
    TraitAddress,
    TraitsInvalid,
    collect,
    get_schema,
    inspect_traits,
)

EXT = "ory.sh/kratos"


def test_kratos_email_password_preset(use_identity_schemas):
    use_identity_schemas({"default": "email-password"})
    found = inspect_traits(get_schema(), {"email": "Jane.Doe@Example.COM", "name": {"first": "J"}})
    assert found.identifiers_for("password") == ("jane.doe@example.com",)
    assert found.identifiers_for("webauthn") == ()
    assert found.verifiable_addresses == (
        TraitAddress("email", "jane.doe@example.com", "traits.email"),
    )
    assert found.recovery_addresses == (
        TraitAddress("email", "jane.doe@example.com", "traits.email"),
    )
    assert found.totp_account_name is None


def test_kratos_all_strategies_preset(use_identity_schemas):
    use_identity_schemas({"default": "all-strategies"})
    found = inspect_traits(get_schema(), {"email": "Jane@Example.com"})
    for kind in ("password", "webauthn", "code"):
        assert found.identifiers_for(kind) == ("jane@example.com",)
    assert found.code_addresses() == (("email", "jane@example.com"),)
    assert found.passkey_display_name == "Jane@Example.com"  # display names keep their case


def test_bundled_preset_names_the_totp_account(use_identity_schemas):
    found = inspect_traits(get_schema(), {"email": "a@b.co"})
    assert found.totp_account_name == "a@b.co"


NESTED = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "definitions": {
        "email": {
            "type": "string",
            "format": "email",
            EXT: {
                "credentials": {"password": {"identifier": True}},
                "verification": {"via": "email"},
            },
        },
        "phone": {
            "type": "string",
            "format": "tel",
            EXT: {
                "credentials": {"code": {"identifier": True, "via": "sms"}},
                "verification": {"via": "sms"},
                "recovery": {"via": "sms"},
            },
        },
    },
    "type": "object",
    "properties": {
        "traits": {
            "type": "object",
            "properties": {
                "contact": {
                    "type": "object",
                    "properties": {
                        "emails": {"type": "array", "items": {"$ref": "#/definitions/email"}},
                        "phone": {"$ref": "#/definitions/phone"},
                    },
                },
                "username": {
                    "type": "string",
                    EXT: {
                        "credentials": {
                            "password": {"identifier": True},
                            "passkey": {"identifier": True, "display_name": True},
                        }
                    },
                },
                "aliases": {
                    "type": "array",
                    "items": {"type": "string"},
                    EXT: {"credentials": {"webauthn": {"identifier": True}}},
                },
                "kind": {"type": "string"},
                "backup": {"type": "string"},
            },
            "allOf": [
                {
                    "if": {"properties": {"kind": {"const": "staff"}}},
                    "then": {
                        "properties": {
                            "backup": {
                                "type": "string",
                                "format": "email",
                                EXT: {"recovery": {"via": "email"}},
                            }
                        }
                    },
                }
            ],
            "oneOf": [
                {
                    "required": ["username"],
                    "properties": {
                        "username": {EXT: {"credentials": {"totp": {"account_name": True}}}}
                    },
                },
                {"required": ["contact"], "not": {"required": ["username"]}},
            ],
        }
    },
}


@pytest.fixture
def nested(use_identity_schemas):
    use_identity_schemas({"default": NESTED})
    return get_schema()


def test_refs_nested_objects_and_arrays(nested):
    traits = {
        "username": "  ÅSA ",
        "contact": {"emails": ["A@x.io", "b@X.io", "a@X.IO"], "phone": "+49 (170) 123-4567"},
        "aliases": ["Alias", "ALIAS"],
    }
    found = inspect_traits(nested, traits)
    assert found.identifiers_for("password") == ("åsa", "a@x.io", "b@x.io")
    assert found.identifiers_for("code") == ("+491701234567",)
    assert found.code_addresses() == (("sms", "+491701234567"),)
    assert found.identifiers_for("webauthn") == ("alias",)
    assert found.identifiers_for("passkey") == ("åsa",)
    assert found.passkey_display_name == "ÅSA"
    assert [(a.via, a.value, a.field) for a in found.verifiable_addresses] == [
        ("email", "a@x.io", "traits.contact.emails.0"),
        ("email", "b@x.io", "traits.contact.emails.1"),
        ("sms", "+491701234567", "traits.contact.phone"),
    ]
    assert [(a.via, a.value) for a in found.recovery_addresses] == [("sms", "+491701234567")]


def test_branches_apply_only_when_the_traits_satisfy_them(nested):
    staff = inspect_traits(nested, {"username": "u", "kind": "staff", "backup": "B@x.io"})
    assert ("email", "b@x.io") in [(a.via, a.value) for a in staff.recovery_addresses]
    assert staff.totp_account_name == "u"  # oneOf branch with the username
    guest = inspect_traits(
        nested, {"contact": {"emails": ["c@x.io"]}, "kind": "guest", "backup": "x"}
    )
    assert guest.recovery_addresses == ()
    assert guest.totp_account_name is None


def test_empty_identifier_values_are_skipped(nested):
    found = inspect_traits(nested, {"username": "   "})
    assert found.identifiers_for("password") == ()


def test_invalid_addresses_for_the_channel_are_violations(use_identity_schemas):
    use_identity_schemas(
        {
            "default": {
                "type": "object",
                "properties": {
                    "traits": {
                        "type": "object",
                        "properties": {
                            "r": {"type": "string", EXT: {"recovery": {"via": "email"}}},
                            "c": {
                                "type": "string",
                                EXT: {"credentials": {"code": {"identifier": True, "via": "sms"}}},
                            },
                            "v": {"type": "string", EXT: {"verification": {"via": "sms"}}},
                            "u": {"type": "string", EXT: {"recovery": {"via": "pigeon"}}},
                        },
                    }
                },
            }
        }
    )
    with pytest.raises(TraitsInvalid) as caught:
        inspect_traits(get_schema(), {"r": "not-mail", "c": "12", "v": "+4917012345678", "u": "x"})
    texts = {v.field: v.text for v in caught.value.violations}
    assert texts["traits.r"] == '"not-mail" is not a valid "email"'
    assert texts["traits.c"] == '"12" is not a valid "sms"'
    assert texts["traits.v"].startswith("no format specified.")
    assert texts["traits.u"] == 'recovery.via has unknown value "pigeon"'
    assert all(v.message["id"] == 4000001 for v in caught.value.violations)


def test_collect_skips_validation_but_inspect_validates(nested):
    assert collect(nested, {"username": 5}).identifiers == ()
    with pytest.raises(TraitsInvalid):
        inspect_traits(nested, {"username": 5})


def test_remote_refs_go_through_the_guarded_loader(use_identity_schemas, schema_server):
    import json

    schema_server.serve(
        "/defs.json",
        json.dumps({"definitions": {"email": NESTED["definitions"]["email"]}}).encode(),
    )
    main = {
        "type": "object",
        "properties": {
            "traits": {
                "type": "object",
                "properties": {
                    "email": {"$ref": schema_server.url + "/defs.json#/definitions/email"}
                },
            }
        },
    }
    schema_server.serve("/main.json", json.dumps(main).encode())
    use_identity_schemas(
        {"default": schema_server.url + "/main.json"}, allow_private_schema_urls=True
    )
    found = inspect_traits(get_schema(), {"email": "X@y.io"})
    assert found.identifiers_for("password") == ("x@y.io",)
