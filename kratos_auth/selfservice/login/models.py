"""The stored login flow (api.json ``loginFlow``)."""

from __future__ import annotations

from django.db import models

from kratos_auth.identity.models import AAL
from kratos_auth.selfservice.flow.models import Flow


class LoginFlow(Flow):
    flow_name = "login"

    refresh = models.BooleanField(default=False)
    requested_aal = models.CharField(max_length=8, choices=AAL.choices, default=AAL.AAL1)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_login_flows"
        indexes = [models.Index(fields=["expires_at"], name="kratos_login_flow_expires")]
