"""The ``profile`` method: the traits form of registration.

With ``selfservice.flows.registration.style: profile_first`` (Kratos's default) a new flow
shows the traits and a ``method=profile`` button; submitting it validates the traits and
moves the flow to the credentials screen (traits kept as hidden inputs, a "Back" button
``screen=previous``). With ``unified`` (or ``enable_legacy_one_step``) the traits are shown
next to every credential at once and this method only contributes the trait nodes.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import CredentialsType
from kratos_auth.schema import TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits as trait_nodes
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.ui import Container, Group, InputType
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.registration.service import two_steps
from kratos_auth.selfservice.registration.strategy import IdentityDraft, Screen, SwitchScreen
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.profile import nodes
from kratos_auth.selfservice.strategies.profile import settings as settings_method
from kratos_auth.selfservice.strategies.profile.payloads import ProfilePayload
from kratos_auth.text import MessageId, ui_text

JSON = Any


class ProfileStrategy:
    """Kratos's ``profile`` strategy: the traits at registration and in settings."""

    id = CredentialsType.PROFILE
    group = Group.PROFILE

    def populate_registration(
        self, flow: RegistrationFlow, ctx: FlowContext, screen: Screen
    ) -> None:
        container = Container(flow.ui)
        if screen == Screen.CREDENTIALS:
            self._credentials_screen(container)
            return
        container.remove(nodes.SCREEN, Group.PROFILE)
        schema = get_schema(flow.identity_schema or None)
        for node in trait_nodes.trait_nodes(schema):
            existing = container.find(node["attributes"]["name"])
            if existing is not None and "value" in existing["attributes"]:
                node["attributes"]["value"] = existing["attributes"]["value"]
                node["attributes"] = _ordered(node["attributes"])
            container.upsert(node)
        if screen == Screen.PROFILE:
            container.remove("method", Group.PROFILE)
            container.append(nodes.submit_profile())

    @staticmethod
    def _credentials_screen(container: Container) -> None:
        container.remove("method", Group.PROFILE)
        container.remove(nodes.SCREEN, Group.PROFILE)
        container.append(nodes.previous_screen())
        for node in container.nodes:
            if node["group"] == Group.DEFAULT and node["type"] == "input":
                node["attributes"]["type"] = str(InputType.HIDDEN)
        container.messages.append(
            ui_text(MessageId.INFO_SELF_SERVICE_REGISTRATION_CHOOSE_CREDENTIALS)
        )

    def register(
        self, flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft
    ) -> SwitchScreen | None:
        payload = ProfilePayload.parse(body)
        if not payload.is_ours or not two_steps():
            return None
        traits = payload.traits
        if ctx.form_encoded:
            traits = trait_nodes.coerce_form_traits(get_schema(draft.schema_id), traits)
        if payload.goes_back:
            return SwitchScreen(Screen.PROFILE, traits)
        try:
            flow_service.check_submission(flow, ctx, payload.csrf_token)
            inspect_traits(get_schema(draft.schema_id), traits)
        except TraitsInvalid as err:
            Container(flow.ui).set_values(traits, "traits")
            raise FlowValidation([(v.field or None, v.message) for v in err.violations]) from err
        except Exception:
            Container(flow.ui).set_values(traits, "traits")
            raise
        flow.transient_payload = payload.transient_payload
        flow.active = ""
        return SwitchScreen(Screen.CREDENTIALS, traits)

    def populate_settings(self, flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
        settings_method.populate(flow, ctx, identity)

    def settings(self, flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
        return settings_method.settings(flow, body, ctx)


def _ordered(attributes: JSON) -> JSON:
    """Keep Kratos's attribute order (``value`` right after ``type``)."""
    value = attributes.pop("value")
    out = {}
    for key, item in attributes.items():
        out[key] = item
        if key == "type":
            out["value"] = value
    return out
