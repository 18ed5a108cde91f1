"""Creating, updating and deleting identities through the one service layer."""

from __future__ import annotations

import datetime as dt

import pytest

from kratos_auth import hashers, signals
from kratos_auth.core import clock
from kratos_auth.errors import BadRequest
from kratos_auth.identity import service
from kratos_auth.identity.errors import IdentityConflict, IdentityNotFound
from kratos_auth.identity.models import (
    Credential,
    CredentialIdentifier,
    Identity,
    RecoveryAddress,
    VerifiableAddress,
)
from kratos_auth.identity.queries import credential_config, credentials_of, get_identity
from kratos_auth.schema import TraitsInvalid, UnknownSchema

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def identifiers(identity):
    identity = get_identity(identity.id)
    return {
        kind: sorted(row.identifier for row in c.identifier_rows.all())
        for kind, c in credentials_of(identity).items()
    }


def addresses(identity):
    return (
        sorted(VerifiableAddress.objects.filter(identity=identity).values_list("value", "status")),
        sorted(RecoveryAddress.objects.filter(identity=identity).values_list("value", flat=True)),
    )


def test_create_derives_identifiers_and_addresses_from_the_schema():
    identity = service.create_identity(traits={"email": "Jane@Example.com"})
    assert identity.schema_id == "default" and identity.state == "active"
    assert identity.state_changed_at == identity.created_at
    assert identifiers(identity) == {
        "password": ["jane@example.com"],
        "webauthn": ["jane@example.com"],
        "code": ["jane@example.com"],
    }
    assert addresses(identity) == ([("jane@example.com", "pending")], ["jane@example.com"])
    assert identity.traits == {"email": "Jane@Example.com"}  # traits are kept as given
    assert identity.available_aal == "aal0"  # no password set, code login not enabled


def test_create_with_password_hashes_it_and_reaches_aal1():
    identity = service.create_identity(
        traits={"email": "a@b.co"}, credentials={"password": {"config": {"password": PASSWORD}}}
    )
    config = credential_config(credentials_of(get_identity(identity.id))["password"])
    assert PASSWORD not in str(config)
    assert hashers.verify_password(PASSWORD, config["hashed_password"])
    assert identity.available_aal == "aal1"


def test_import_hashed_password_and_reject_unknown_hashes():
    hashed = hashers.hash_password(PASSWORD)
    identity = service.create_identity(
        traits={"email": "a@b.co"},
        credentials={"password": {"config": {"hashed_password": hashed}}},
    )
    config = credential_config(credentials_of(get_identity(identity.id))["password"])
    assert config["hashed_password"] == hashed
    for bad in ({"hashed_password": "plain-text"}, {}):
        with pytest.raises(BadRequest) as caught:
            service.create_identity(
                traits={"email": "c@d.co"}, credentials={"password": {"config": bad}}
            )
        assert caught.value.reason.startswith(
            "The imported password does not match any known hash format."
        )
    assert Identity.objects.count() == 1


def test_password_migration_hook_counts_as_a_first_factor():
    identity = service.create_identity(
        traits={"email": "a@b.co"},
        credentials={"password": {"config": {"use_password_migration_hook": True}}},
    )
    config = credential_config(credentials_of(get_identity(identity.id))["password"])
    assert config == {"hashed_password": "", "use_password_migration_hook": True}
    assert identity.available_aal == "aal1"


def test_overlong_password_is_refused_before_hashing(monkeypatch):
    monkeypatch.setattr(hashers, "hash_password", lambda p: pytest.fail("hashed"))
    with pytest.raises(BadRequest, match="at most 4096 bytes"):
        service.create_identity(
            traits={"email": "a@b.co"},
            credentials={"password": {"config": {"password": "é" * 2049}}},
        )


@pytest.mark.parametrize(
    ("credentials", "reason"),
    [
        ({"magic": {}}, 'json: unknown field "magic"'),
        ({"password": {"config": {"pw": "x"}}}, 'json: unknown field "pw"'),
        ({"password": {"config": []}}, "credentials.password.config must be an object"),
        ({"oidc": {"config": {"providers": [{"provider": "g"}]}}}, "subject must be"),
        ({"totp": {"config": {"totp_url": "https://x"}}}, "otpauth://totp/"),
        ({"lookup_secret": {"config": {"codes": [{"code": 5}]}}}, "code must be"),
        ({"webauthn": {"config": {"credentials": [{}]}}}, "credentials.0.id must be set"),
        ({"passkey": {"config": {"user_handle": {"a": 1}}}}, "user_handle must be"),
    ],
)
def test_malformed_credentials_are_400(credentials, reason):
    with pytest.raises(BadRequest) as caught:
        service.create_identity(traits={"email": "a@b.co"}, credentials=credentials)
    assert reason in caught.value.reason
    assert caught.value.status == 400
    assert Identity.objects.count() == 0


def test_oidc_totp_lookup_webauthn_and_passkey_imports():
    identity = service.create_identity(
        traits={"email": "a@b.co"},
        credentials={
            "oidc": {"config": {"providers": [{"provider": "google", "subject": "123"}]}},
            "totp": {"config": {"totp_url": "otpauth://totp/x:a@b.co?secret=JBSWY3DPEHPK3PXP"}},
            "lookup_secret": {"config": {"codes": [{"code": "abc", "used_at": None}]}},
            "passkey": {
                "config": {
                    "credentials": [{"id": "Y3JlZA==", "public_key": "cGs="}],
                    "user_handle": "dXNlcg==",
                }
            },
        },
    )
    found = identifiers(identity)
    assert found["oidc"] == ["google:123"]
    assert found["passkey"] == ["user"]
    assert found["totp"] == [] and found["lookup_secret"] == []
    configs = {
        k: credential_config(c) for k, c in credentials_of(get_identity(identity.id)).items()
    }
    assert configs["lookup_secret"] == {"recovery_codes": [{"code": "abc", "used_at": None}]}
    assert identity.available_aal == "aal2"


@pytest.mark.parametrize(
    ("credentials", "aal"),
    [
        ({}, "aal0"),
        ({"oidc": {"config": {"providers": [{"provider": "gh", "subject": "1"}]}}}, "aal1"),
        # Kratos: a second factor alone is enough for aal2.
        ({"totp": {"config": {"totp_url": "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP"}}}, "aal2"),
        (
            {"webauthn": {"config": {"credentials": [{"id": "a", "is_passwordless": False}]}}},
            "aal2",
        ),
        ({"webauthn": {"config": {"credentials": [{"id": "a", "is_passwordless": True}]}}}, "aal1"),
        ({"lookup_secret": {"config": {"codes": []}}}, "aal0"),
    ],
)
def test_available_aal_follows_kratos(credentials, aal):
    identity = service.create_identity(traits={"email": "a@b.co"}, credentials=credentials)
    assert identity.available_aal == aal
    assert Identity.objects.get(pk=identity.pk).available_aal == aal


def test_code_counts_as_first_factor_when_passwordless_code_is_enabled(settings):
    settings.KRATOS = {
        **settings.KRATOS,
        "selfservice": {
            **settings.KRATOS["selfservice"],
            "methods": {"code": {"passwordless_enabled": True}},
        },
    }
    assert service.create_identity(traits={"email": "a@b.co"}).available_aal == "aal1"


def test_invalid_traits_write_nothing():
    with pytest.raises(TraitsInvalid) as caught:
        service.create_identity(traits={"email": "nope", "extra": 1})
    assert {v.field for v in caught.value.violations} == {"traits", "traits.email"}
    assert Identity.objects.count() == 0 and Credential.objects.count() == 0


def test_unknown_schema_and_bad_state_are_400():
    with pytest.raises(UnknownSchema):
        service.create_identity(traits={"email": "a@b.co"}, schema_id="ghost")
    with pytest.raises(BadRequest, match="identity state is not valid"):
        service.create_identity(traits={"email": "a@b.co"}, state="banned")


@pytest.mark.parametrize("second", ["FOO@Example.COM", " foo@example.com", "ｆｏｏ@example.com"])
def test_same_identifier_in_another_case_or_form_conflicts(second):
    service.create_identity(traits={"email": "foo@example.com"})
    with pytest.raises(IdentityConflict) as caught:
        service.create_identity(traits={"email": second.strip()})
    error = caught.value
    body = error.to_body()["error"]
    assert (body["code"], body["id"], body["status"]) == (409, "conflict", "Conflict")
    assert body["reason"] == "This identity conflicts with another identity that already exists."
    assert error.ui_message["id"] == 4000007
    assert error.ui_message["text"].startswith("An account with the same identifier")
    assert Identity.objects.count() == 1


def test_external_id_is_unique_and_empty_means_none():
    service.create_identity(traits={"email": "a@b.co"}, external_id="ext-1")
    with pytest.raises(IdentityConflict):
        service.create_identity(traits={"email": "c@d.co"}, external_id="ext-1")
    one = service.create_identity(traits={"email": "e@f.co"}, external_id="")
    two = service.create_identity(traits={"email": "g@h.co"}, external_id="")
    assert one.external_id is None and two.external_id is None


def test_imported_verified_addresses_apply_to_addresses_the_traits_declare():
    when = dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
    identity = service.create_identity(
        traits={"email": "A@b.co"},
        verifiable_addresses=[
            {"value": "a@B.co", "via": "email", "verified": True, "status": "completed",
             "verified_at": "2024-05-01T12:00:00Z"},
            {"value": "other@b.co", "via": "email", "verified": True},
        ],
        recovery_addresses=[{"value": "other@b.co", "via": "email"}],
    )  # fmt: skip
    rows = list(VerifiableAddress.objects.filter(identity=identity))
    assert [(r.value, r.verified, r.status, r.verified_at) for r in rows] == [
        ("a@b.co", True, "completed", when)
    ]
    assert addresses(identity)[1] == ["a@b.co"]
    with pytest.raises(BadRequest, match="verifiable_addresses.0.via"):
        service.create_identity(
            traits={"email": "x@y.co"}, verifiable_addresses=[{"value": "x@y.co", "via": "fax"}]
        )


def test_update_replaces_traits_and_keeps_verification_of_kept_addresses(use_identity_schemas):
    use_identity_schemas({"default": "email-password", "multi": MULTI})
    identity = service.create_identity(
        schema_id="multi", traits={"emails": ["keep@x.io", "drop@x.io"]}
    )
    VerifiableAddress.objects.filter(value="keep@x.io").update(
        verified=True, status="completed", verified_at=clock.now()
    )
    updated = service.update_identity(
        identity, schema_id="multi", traits={"emails": ["new@x.io", "Keep@X.io"]}, state="active"
    )
    assert updated.traits == {"emails": ["new@x.io", "Keep@X.io"]}
    assert identifiers(updated)["password"] == ["keep@x.io", "new@x.io"]
    verified = dict(
        VerifiableAddress.objects.filter(identity=identity).values_list("value", "verified")
    )
    assert verified == {"keep@x.io": True, "new@x.io": False}
    assert addresses(identity)[1] == ["keep@x.io", "new@x.io"]


MULTI = {
    "type": "object",
    "properties": {
        "traits": {
            "type": "object",
            "properties": {
                "emails": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "format": "email",
                        "ory.sh/kratos": {
                            "credentials": {"password": {"identifier": True}},
                            "verification": {"via": "email"},
                            "recovery": {"via": "email"},
                        },
                    },
                }
            },
        }
    },
}


def test_update_is_a_full_replace_of_state_and_metadata():
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with clock.frozen(start):
        identity = service.create_identity(
            traits={"email": "a@b.co"}, metadata_public={"a": 1}, metadata_admin={"b": 2}
        )
    later = start + dt.timedelta(hours=1)
    with clock.frozen(later):
        updated = service.update_identity(
            identity,
            traits={"email": "a@b.co"},
            state="inactive",
            metadata_public=None,
            metadata_admin={"c": 3},
        )
    assert updated.state == "inactive" and updated.state_changed_at == later
    assert updated.metadata_public is None and updated.metadata_admin == {"c": 3}
    assert updated.updated_at == later and updated.created_at == start
    with clock.frozen(later + dt.timedelta(hours=1)):
        again = service.update_identity(updated, state="inactive")
    assert again.state_changed_at == later  # unchanged state keeps its timestamp
    assert again.metadata_admin == {"c": 3}  # UNSET keeps


def test_update_credentials_import_keeps_other_types_and_merges_providers():
    identity = service.create_identity(
        traits={"email": "a@b.co"},
        credentials={
            "password": {"config": {"password": PASSWORD}},
            "oidc": {"config": {"providers": [{"provider": "google", "subject": "1"}]}},
        },
    )
    old_hash = credential_config(credentials_of(get_identity(identity.id))["password"])
    service.update_identity(
        identity,
        credentials={"oidc": {"config": {"providers": [{"provider": "github", "subject": "2"}]}}},
    )
    found = identifiers(identity)
    assert found["oidc"] == ["github:2", "google:1"]
    assert credential_config(credentials_of(get_identity(identity.id))["password"]) == old_hash
    service.update_identity(
        identity, credentials={"password": {"config": {"password": "new pw 1234"}}}
    )
    new_hash = credential_config(credentials_of(get_identity(identity.id))["password"])
    assert hashers.verify_password("new pw 1234", new_hash["hashed_password"])


def test_set_credentials_adds_and_removes_a_second_factor():
    identity = service.create_identity(
        traits={"email": "a@b.co"}, credentials={"password": {"config": {"password": PASSWORD}}}
    )
    totp = {"totp_url": "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP"}
    assert service.set_credentials(identity, "totp", totp).available_aal == "aal2"
    assert service.set_credentials(identity, "totp", None).available_aal == "aal1"
    assert "totp" not in identifiers(identity)


def test_traits_without_identifiers_drop_empty_credentials_but_keep_real_ones(use_identity_schemas):
    use_identity_schemas({"default": MULTI})
    identity = service.create_identity(
        traits={"emails": ["a@x.io"]}, credentials={"password": {"config": {"password": PASSWORD}}}
    )
    service.update_identity(identity, traits={"emails": []})
    assert identifiers(identity) == {"password": []}  # the hash stays, identifiers go
    assert addresses(identity) == ([], [])
    other = service.create_identity(traits={"emails": ["b@x.io"]})
    assert identifiers(other) == {"password": ["b@x.io"]}
    service.update_identity(other, traits={"emails": []})
    assert identifiers(other) == {}


def test_identifier_moves_between_identities_only_after_release():
    first = service.create_identity(traits={"email": "a@b.co"})
    second = service.create_identity(traits={"email": "c@d.co"})
    with pytest.raises(IdentityConflict):
        service.update_identity(second, traits={"email": "A@B.co"})
    assert identifiers(second)["password"] == ["c@d.co"]  # rolled back
    service.update_identity(first, traits={"email": "z@b.co"})
    service.update_identity(second, traits={"email": "A@B.co"})
    assert identifiers(second)["password"] == ["a@b.co"]


def test_delete_removes_every_row_and_frees_identifiers():
    identity = service.create_identity(
        traits={"email": "a@b.co"}, credentials={"password": {"config": {"password": PASSWORD}}}
    )
    service.delete_identity(identity.id)
    for model in (Identity, Credential, CredentialIdentifier, VerifiableAddress, RecoveryAddress):
        assert model.objects.count() == 0
    service.create_identity(traits={"email": "A@b.co"})


@pytest.mark.parametrize("identity_id", ["2bd8e2d0-0000-4000-8000-000000000000", "not-a-uuid"])
def test_missing_identities_are_404(identity_id):
    for call in (
        lambda: service.delete_identity(identity_id),
        lambda: service.update_identity(identity_id, state="inactive"),
    ):
        with pytest.raises(IdentityNotFound) as caught:
            call()
        assert caught.value.status == 404


def test_signals_are_sent_by_the_services():
    seen = []

    def record(signal_name):
        def receiver(sender, **kwargs):
            seen.append((signal_name, sender, kwargs))

        return receiver

    receivers = {
        "created": record("created"),
        "updated": record("updated"),
        "deleted": record("deleted"),
    }
    signals.identity_created.connect(receivers["created"])
    signals.identity_updated.connect(receivers["updated"])
    signals.identity_deleted.connect(receivers["deleted"])
    try:
        identity = service.create_identity(traits={"email": "a@b.co"})
        service.set_identity_state(identity, "inactive")
        service.delete_identity(identity)
    finally:
        signals.identity_created.disconnect(receivers["created"])
        signals.identity_updated.disconnect(receivers["updated"])
        signals.identity_deleted.disconnect(receivers["deleted"])
    assert [(name, sender) for name, sender, _ in seen] == [
        ("created", Identity),
        ("updated", Identity),
        ("deleted", Identity),
    ]
    assert seen[0][2]["identity"].pk == identity.pk
    assert seen[1][2]["changed"] == frozenset({"state"})
    assert seen[2][2]["identity_id"] == identity.pk


def test_password_the_hasher_refuses_as_too_long_is_400(settings):
    settings.KRATOS = {**settings.KRATOS, "hashers": {"algorithm": "bcrypt", "bcrypt": {"cost": 4}}}
    with pytest.raises(BadRequest, match="at most 72 bytes"):
        service.create_identity(
            traits={"email": "a@b.co"}, credentials={"password": {"config": {"password": "x" * 73}}}
        )
    assert Identity.objects.count() == 0
