"""The stored registration flow (api.json ``registrationFlow``)."""

from __future__ import annotations

from django.db import models

from kratos_auth.selfservice.flow.models import Flow


class RegistrationFlow(Flow):
    flow_name = "registration"

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_registration_flows"
        indexes = [models.Index(fields=["expires_at"], name="kratos_reg_flow_expires")]
