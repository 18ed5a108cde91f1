"""The official Ory SDK (``ory-kratos-client``) drives the admin API over real HTTP.

The SDK deserialises every answer into its typed models, so these calls also prove the wire
shapes; bodies are validated against api.json too.
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from urllib.parse import unquote

import ory_kratos_client as ory
import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from ory_kratos_client.exceptions import ApiException

from kratos_auth.api.admin.auth import generate_api_key, hash_api_key
from tests.contracts import openapi as contract

KEY = generate_api_key()


def _api(url: str, key: str | None = KEY) -> ory.IdentityApi:
    configuration = ory.Configuration(host=url)
    if key:
        configuration.api_key["oryAccessToken"] = key
        configuration.api_key_prefix["oryAccessToken"] = "Bearer"
    return ory.IdentityApi(ory.ApiClient(configuration))


@pytest.fixture
def identity_api(live_admin_url):
    tree = copy.deepcopy(django_settings.KRATOS)
    tree["serve"]["admin"]["api_keys"] = [{"id": "sdk", "hash": hash_api_key(KEY)}]
    with override_settings(KRATOS=tree):
        yield _api(live_admin_url)


def _checked(method, schema: str, *args, **kwargs):
    """Call the SDK's ``*_with_http_info`` variant of ``method``; validate the raw body
    against api.json's ``schema`` (``[name]`` for a list, None for an empty body)."""
    api = method.__self__
    response = getattr(api, f"{method.__name__}_with_http_info")(*args, **kwargs)
    if schema is None:
        assert not response.raw_data
    elif schema.startswith("["):
        contract.validate_list(json.loads(response.raw_data), schema.strip("[]"))
    else:
        contract.validate(json.loads(response.raw_data), schema)
    return response.data


def _create(api, email, **fields):
    body = ory.CreateIdentityBody(schema_id="default", traits={"email": email}, **fields)
    return _checked(api.create_identity, "identity", create_identity_body=body)


def test_crud_through_the_sdk(identity_api):
    created = _create(
        identity_api,
        "sdk@example.com",
        external_id="sdk-ext",
        credentials=ory.IdentityWithCredentials(
            password=ory.IdentityWithCredentialsPassword(
                config=ory.IdentityWithCredentialsPasswordConfig(password="sdk password 123")
            )
        ),
    )
    assert created.traits == {"email": "sdk@example.com"}
    fetched = _checked(
        identity_api.get_identity, "identity", created.id, include_credential=["password"]
    )
    assert fetched.credentials["password"].identifiers == ["sdk@example.com"]
    by_external = _checked(identity_api.get_identity_by_external_id, "identity", "sdk-ext")
    assert by_external.id == created.id
    listed = _checked(identity_api.list_identities, "[identity]", ids=[created.id])
    assert [i.id for i in listed] == [created.id]

    patched = _checked(
        identity_api.patch_identity,
        "identity",
        created.id,
        json_patch=[ory.JsonPatch(op="replace", path="/traits/email", value="p@example.com")],
    )
    assert patched.traits["email"] == "p@example.com"
    updated = _checked(
        identity_api.update_identity,
        "identity",
        created.id,
        update_identity_body=ory.UpdateIdentityBody(
            schema_id="default", state="inactive", traits={"email": "u@example.com"}
        ),
    )
    assert updated.state == "inactive"

    _checked(identity_api.delete_identity, None, created.id)
    with pytest.raises(ApiException) as caught:
        identity_api.get_identity(created.id)
    assert caught.value.status == 404
    contract.validate(json.loads(caught.value.body), "errorGeneric")


def test_pagination_with_the_sdk(identity_api):
    for i in range(5):
        _create(identity_api, f"page{i}@example.com")
    seen, token = [], None
    while True:
        response = identity_api.list_identities_with_http_info(page_size=2, page_token=token)
        contract.validate_list(json.loads(response.raw_data), "identity")
        seen.extend(i.id for i in response.data)
        match = re.search(r'page_token=([^&>]+)>; rel="next"', response.headers.get("Link", ""))
        if not match:
            break
        token = unquote(match.group(1))
    assert len(seen) == len(set(seen)) == 5


def test_verifying_an_address_and_searching_with_the_sdk(identity_api):
    created = _create(identity_api, "find.sdk@example.com")
    _create(identity_api, "other.sdk@example.com")
    patched = _checked(
        identity_api.patch_identity,
        "identity",
        created.id,
        json_patch=[
            ory.JsonPatch(op="replace", path="/verifiable_addresses/0/verified", value=True),
            ory.JsonPatch(op="replace", path="/verifiable_addresses/0/status", value="completed"),
        ],
    )
    address = patched.verifiable_addresses[0]
    assert address.verified is True and address.status == "completed"
    assert address.verified_at is not None
    found = _checked(
        identity_api.list_identities, "[identity]", preview_credentials_identifier_similar="FIND."
    )
    assert [i.id for i in found] == [created.id]
    assert found[0].verifiable_addresses[0].verified is True


def test_deprecated_page_parameters_with_the_sdk(identity_api):
    made = sorted(_create(identity_api, f"old{i}@example.com").id for i in range(3))
    response = identity_api.list_identities_with_http_info(page=1, per_page=2)
    contract.validate_list(json.loads(response.raw_data), "identity")
    assert [i.id for i in response.data] == made[2:]
    assert response.headers["X-Total-Count"] == "3"


def test_batch_import_with_the_sdk(identity_api):
    patch_id = str(uuid.uuid4())
    body = ory.PatchIdentitiesBody(
        identities=[
            ory.IdentityPatch(
                patch_id=patch_id,
                create=ory.CreateIdentityBody(
                    schema_id="default", traits={"email": "b@example.com"}
                ),
            ),
            ory.IdentityPatch(
                create=ory.CreateIdentityBody(
                    schema_id="default", traits={"email": "b@example.com"}
                )
            ),
        ]
    )
    result = _checked(
        identity_api.batch_patch_identities,
        "batchPatchIdentitiesResponse",
        patch_identities_body=body,
    )
    assert [r.action for r in result.identities] == ["create", "error"]
    assert result.identities[0].patch_id == patch_id


def test_schemas_through_the_sdk(identity_api, live_public_url):
    schemas = _checked(identity_api.list_identity_schemas, "identitySchemas")
    assert [s.id for s in schemas] == ["default"]
    assert _checked(identity_api.get_identity_schema, "identitySchema", "default")["type"] == (
        "object"
    )
    # Public surface: no key needed.
    assert _api(live_public_url, key=None).get_identity_schema("default")["type"] == "object"


def test_sdk_without_or_with_wrong_key_gets_401(identity_api, live_admin_url):
    for key in (None, generate_api_key()):
        with pytest.raises(ApiException) as caught:
            _api(live_admin_url, key=key).list_identities()
        assert caught.value.status == 401


def test_recovery_link_and_code_through_the_sdk(live_admin_url, configure):
    from tests.selfservice.recovery.account import account_settings

    configure(
        selfservice=account_settings(),
        security={"min_send_duration": "0ms"},
        serve={"admin": {"api_keys": [{"id": "sdk", "hash": hash_api_key(KEY)}]}},
    )
    identity_api = _api(live_admin_url)
    identity = _create(identity_api, "recover@example.com")
    link = _checked(
        identity_api.create_recovery_link_for_identity,
        "recoveryLinkForIdentity",
        create_recovery_link_for_identity_body=ory.CreateRecoveryLinkForIdentityBody(
            identity_id=identity.id, expires_in="1h"
        ),
    )
    assert "token=" in link.recovery_link
    code = _checked(
        identity_api.create_recovery_code_for_identity,
        "recoveryCodeForIdentity",
        create_recovery_code_for_identity_body=ory.CreateRecoveryCodeForIdentityBody(
            identity_id=identity.id
        ),
    )
    assert code.recovery_code.isdigit() and "flow=" in code.recovery_link


def test_courier_messages_through_the_sdk(identity_api, live_admin_url):
    from kratos_auth.courier.models import CourierMessage

    message = CourierMessage.objects.create(
        type="email",
        channel="email",
        recipient="mail@example.com",
        subject="Your code 123456",
        body="Your code is 123456",
        template_type="recovery_code_valid",
    )
    configuration = identity_api.api_client.configuration
    courier = ory.CourierApi(ory.ApiClient(configuration))
    listed = _checked(courier.list_courier_messages, "[message]", recipient="mail@example.com")
    assert [m.id for m in listed] == [str(message.id)]
    fetched = _checked(courier.get_courier_message, "message", str(message.id))
    assert fetched.recipient == "mail@example.com"
    assert "123456" not in fetched.body and "123456" not in fetched.subject  # not --dev
    with pytest.raises(ApiException) as caught:
        courier.get_courier_message(str(uuid.uuid4()))
    assert caught.value.status == 404
    contract.validate(json.loads(caught.value.body), "errorGeneric")


def test_deleting_a_credential_through_the_sdk(identity_api):
    from kratos_auth.identity import queries, service

    totp = "otpauth://totp/Example:t@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
    identity = service.create_identity(
        traits={"email": "t@example.com"}, credentials={"totp": {"config": {"totp_url": totp}}}
    )
    _checked(identity_api.delete_identity_credentials, None, str(identity.id), "totp")
    assert "totp" not in queries.credentials_of(queries.get_identity(identity.id))
    with pytest.raises(ApiException) as caught:
        identity_api.delete_identity_credentials(str(identity.id), "totp")
    assert caught.value.status == 404
    contract.validate(json.loads(caught.value.body), "errorGeneric")
