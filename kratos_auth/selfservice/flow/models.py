"""The stored parts every self-service flow shares, and the stored flow errors.

Field names follow api.json's ``loginFlow``/``registrationFlow`` (and the settings, recovery
and verification flows that subclass :class:`Flow` later). ``ui`` holds Kratos's
``uiContainer`` as JSON. Only a SHA-256 of the anti-CSRF token is stored, never the token.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.db import models

from kratos_auth.cipher.fields import EncryptedJSONField
from kratos_auth.core import clock


class FlowType(models.TextChoices):
    API = "api"
    BROWSER = "browser"


class FlowState(models.TextChoices):
    CHOOSE_METHOD = "choose_method"
    SENT_EMAIL = "sent_email"
    PASSED_CHALLENGE = "passed_challenge"


class Flow(models.Model):
    """Base of the five self-service flows (abstract: one table per flow, as in Kratos)."""

    #: Kratos's flow name ("login", "registration", ...), used in config paths and URLs.
    flow_name: ClassVar[str] = ""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=8, choices=FlowType.choices)
    state = models.CharField(max_length=32, default=FlowState.CHOOSE_METHOD)
    request_url = models.TextField()
    return_to = models.TextField(blank=True, default="")
    ui = models.JSONField(default=dict)
    # SHA-256 (hex) of the raw anti-CSRF token of the browser that started the flow.
    csrf_token_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    active = models.CharField(max_length=32, blank=True, default="")
    identity_schema = models.CharField(max_length=255, blank=True, default="")
    # Strategy state between two submissions (e.g. a WebAuthn challenge); encrypted at rest.
    internal_context = EncryptedJSONField(default=dict)
    transient_payload = models.JSONField(null=True, blank=True)
    issued_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.flow_name} flow {self.id}"

    @property
    def is_browser(self) -> bool:
        return self.type == FlowType.BROWSER

    def is_expired_at(self, now: dt.datetime) -> bool:
        return self.expires_at <= now

    def append_to(self, url: str) -> str:
        """``url`` with ``?flow=<id>`` added, as Kratos's ``AppendTo`` does."""
        parts = urlsplit(url)
        query = "&".join(q for q in (parts.query, urlencode({"flow": str(self.id)})) if q)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))

    def touch(self) -> None:
        self.updated_at = clock.now()


class SelfServiceError(models.Model):
    """An error not tied to a form, served at ``/self-service/errors?id=`` (``flowError``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    error = models.JSONField(default=dict)
    seen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_errors"

    def __str__(self) -> str:
        return f"self-service error {self.id}"
