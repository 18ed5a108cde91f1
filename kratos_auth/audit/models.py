"""One row per administrative call. Rows hold ids and names, never traits or secrets."""

from __future__ import annotations

import uuid

from django.db import models

from kratos_auth.core import clock


class AuditSource(models.TextChoices):
    ADMIN_API = "admin_api", "Admin API"
    CLI = "cli", "CLI"
    DJANGO_ADMIN = "django_admin", "Django admin"
    SECURITY = "security", "Security event"  # kratos_auth.logging.event (logins, lockouts…)


class AuditEntry(models.Model):
    """An administrative call: ``actor`` did ``action`` on ``target`` and got ``status``.

    ``actor`` is the admin API key's id (``api-key:ops``), ``anonymous`` when the admin API
    runs without keys, ``cli:<user>`` or ``django-admin:<username>``. ``details`` carries
    counts and parameter *names* only: values could be personal data or secrets.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    source = models.CharField(max_length=16, choices=AuditSource.choices)
    actor = models.CharField(max_length=200)
    actor_ip = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=32, blank=True, default="")
    target_id = models.CharField(max_length=64, blank=True, default="")
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True, default="")
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_audit_log"
        ordering = ("-created_at", "-id")
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="kratos_audit_target"),
            models.Index(fields=["created_at", "id"], name="kratos_audit_created"),
        ]

    def __str__(self) -> str:
        target = f" {self.target_type}:{self.target_id}" if self.target_id else ""
        return f"{self.actor} {self.action}{target}"
