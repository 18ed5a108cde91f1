"""The stored recovery flow (api.json ``recoveryFlow``)."""

from __future__ import annotations

from django.db import models

from kratos_auth.selfservice.flow.models import Flow


class RecoveryFlow(Flow):
    """``state``: ``choose_method`` -> ``sent_email`` -> ``passed_challenge``.

    ``continue_with`` (the session token, the settings flow) is set on the instance for the
    response only and never stored.
    """

    flow_name = "recovery"

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_recovery_flows"
        indexes = [models.Index(fields=["expires_at"], name="kratos_recovery_flow_expires")]
