"""The profile method's buttons (Kratos's ``nodeSubmitProfile`` and ``nodePreviousScreen``)."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.ui import Group, InputType, input_node
from kratos_auth.text import MessageId, ui_text

JSON = Any
METHOD = "profile"
SCREEN = "screen"
SCREEN_PREVIOUS = "previous"
SCREEN_CREDENTIALS = "credential-selection"


def submit_profile() -> JSON:
    return input_node(
        "method",
        Group.PROFILE,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_SELF_SERVICE_REGISTRATION),
    )


def previous_screen() -> JSON:
    return input_node(
        SCREEN,
        Group.PROFILE,
        InputType.SUBMIT,
        value=SCREEN_PREVIOUS,
        label=ui_text(MessageId.INFO_SELF_SERVICE_REGISTRATION_BACK),
    )
