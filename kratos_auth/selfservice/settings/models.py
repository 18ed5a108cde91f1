"""The stored settings flow (api.json ``settingsFlow``)."""

from __future__ import annotations

from django.db import models

from kratos_auth.identity.models import Identity
from kratos_auth.selfservice.flow.models import Flow


class SettingsState(models.TextChoices):
    SHOW_FORM = "show_form"
    SUCCESS = "success"


class SettingsFlow(Flow):
    """A settings flow belongs to one identity; only its sessions may read or update it.

    ``continue_with`` is not stored (it may carry a session token): services set it on the
    instance for the response only, as Kratos does.
    """

    flow_name = "settings"

    identity = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="+")

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_settings_flows"
        indexes = [models.Index(fields=["expires_at"], name="kratos_settings_flow_expires")]
