"""UI nodes shared by the WebAuthn-based methods (``webauthn`` and ``passkey``).

Both load Kratos's ``/.well-known/ory/webauthn.js`` (one ``webauthn_script`` node, group
``webauthn`` for both, as Kratos) and list each stored key with a remove button.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kratos_auth.core import randomness
from kratos_auth.mfa import authenticators, script
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.ui import Group, InputType, input_node, script_node
from kratos_auth.text import MessageId, ui_text

JSON = Any
SCRIPT = "webauthn_script"


def script_tag() -> JSON:
    """``webauthn_script``: ``/.well-known/ory/webauthn.js`` with its integrity hash."""
    return script_node(
        SCRIPT,
        flow_service.public_url(script.PATH),
        Group.WEBAUTHN,
        script.integrity(),
        randomness.token(32),
    )


def remove_button(
    name: str, group: str, label_id: MessageId, item: Mapping[str, JSON], disabled: bool
) -> JSON:
    """A remove button for one stored key (value: the key id in hex, as Kratos)."""
    label = ui_text(label_id, display_name=str(item.get("display_name") or "unnamed"))
    label["context"]["added_at"] = item.get("added_at")
    return input_node(
        name,
        group,
        InputType.SUBMIT,
        value=authenticators.hex_id(item),
        disabled=disabled,
        label=label,
    )
