"""The courier's queue: messages and their dispatch attempts (api.json ``message`` and
``messageDispatch``).

A message is ``queued`` until a worker claims it (``processing``), then ``sent``, or back to
``queued`` with a later ``available_at`` after a failed attempt, or ``abandoned`` once
``courier.message_retries`` retries failed. Every attempt leaves a :class:`MessageDispatch`.

Subjects and bodies may hold one-time codes and recovery links, so they are encrypted at
rest with the cipher keyring (a database dump shows no usable code); only the recipient, the
template type and the delivery state are stored in clear.

``identity_id`` names the identity a message is about, whenever the sender knew it (a
recovery or login code, a verification message …), so that a GDPR export or erasure finds
the message after the identity's addresses changed. It is a plain column, not a foreign
key: the courier does not depend on identity rows, and a message outlives nothing it names.
"""

from __future__ import annotations

import uuid

from django.db import models

from kratos_auth.cipher.fields import EncryptedJSONField, EncryptedTextField
from kratos_auth.core import clock


class MessageStatus(models.TextChoices):
    QUEUED = "queued"
    SENT = "sent"
    PROCESSING = "processing"
    ABANDONED = "abandoned"


class MessageType(models.TextChoices):
    EMAIL = "email"
    PHONE = "phone"


class TemplateType(models.TextChoices):
    """Kratos's template types (api.json ``message.template_type``)."""

    RECOVERY_INVALID = "recovery_invalid"
    RECOVERY_VALID = "recovery_valid"
    RECOVERY_CODE_INVALID = "recovery_code_invalid"
    RECOVERY_CODE_VALID = "recovery_code_valid"
    VERIFICATION_INVALID = "verification_invalid"
    VERIFICATION_VALID = "verification_valid"
    VERIFICATION_CODE_INVALID = "verification_code_invalid"
    VERIFICATION_CODE_VALID = "verification_code_valid"
    STUB = "stub"
    LOGIN_CODE_VALID = "login_code_valid"
    REGISTRATION_CODE_VALID = "registration_code_valid"
    VERIFIABLE_ADDRESS_CHANGED = "verifiable_address_changed"
    AUTHENTICATOR_KEY_ADDED = "authenticator_key_added"


class DispatchStatus(models.TextChoices):
    FAILED = "failed"
    SUCCESS = "success"


class CourierMessage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=8, choices=MessageType.choices)
    #: Kratos's channel id: ``email`` or ``sms``.
    channel = models.CharField(max_length=32, default="email")
    status = models.CharField(
        max_length=16, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    recipient = models.CharField(max_length=400)
    #: The identity the message is about (``None``: unknown, e.g. a sign-up code).
    identity_id = models.UUIDField(null=True, blank=True, editable=False)
    subject = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField(blank=True, default="")
    html_body = EncryptedTextField(blank=True, default="")
    template_type = models.CharField(max_length=40, choices=TemplateType.choices)
    #: The template's data (code, URLs, identity), for HTTP delivery; encrypted.
    template_data = EncryptedJSONField(default=dict)
    send_count = models.PositiveIntegerField(default=0)
    #: Queued: earliest time of the next attempt. Processing: when the claim lapses.
    available_at = models.DateTimeField(default=clock.now)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_courier_messages"
        ordering = ("created_at", "id")
        indexes = [
            models.Index(fields=["status", "available_at"], name="kratos_courier_due"),
            models.Index(fields=["created_at", "id"], name="kratos_courier_created"),
            models.Index(fields=["recipient"], name="kratos_courier_recipient"),
            models.Index(fields=["identity_id"], name="kratos_courier_identity"),
        ]

    def __str__(self) -> str:
        return f"{self.template_type} message {self.id} ({self.status})"

    def __repr__(self) -> str:  # subject and body may hold codes: never shown
        return f"<CourierMessage {self.id} {self.template_type} {self.status}>"


class MessageDispatch(models.Model):
    """One delivery attempt. ``error`` says what went wrong, never what was sent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(CourierMessage, on_delete=models.CASCADE, related_name="dispatches")
    status = models.CharField(max_length=8, choices=DispatchStatus.choices)
    error = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_courier_message_dispatches"
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"dispatch {self.id} ({self.status})"
