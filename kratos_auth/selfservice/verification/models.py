"""The stored verification flow (api.json ``verificationFlow``)."""

from __future__ import annotations

from django.db import models

from kratos_auth.selfservice.flow.models import Flow


class VerificationFlow(Flow):
    """``state``: ``choose_method`` -> ``sent_email`` -> ``passed_challenge``."""

    flow_name = "verification"

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_verification_flows"
        indexes = [models.Index(fields=["expires_at"], name="kratos_verif_flow_expires")]
