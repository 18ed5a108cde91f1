"""The audit log in the Django admin (read-only), and auditing of Django admin changes.

:class:`AuditedAdminMixin` makes a ``ModelAdmin`` record every add, change and delete made
through it in the audit log (source ``django_admin``, actor ``django-admin:<username>``);
custom actions call :func:`record_admin_action`. Entries can be read and filtered here but
never added, edited or deleted (``kratos cleanup sql --audit-keep-last`` prunes them).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kratos_auth.audit import service as audit
from kratos_auth.audit.models import AuditEntry


def _actor(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    name = user.get_username() if user is not None and user.is_authenticated else "anonymous"
    return f"django-admin:{name}"


def _target_type(obj: Model) -> str:
    known = {
        "Identity": audit.TARGET_IDENTITY,
        "Session": audit.TARGET_SESSION,
        "CourierMessage": audit.TARGET_COURIER_MESSAGE,
    }
    return known.get(type(obj).__name__, type(obj).__name__.lower())


def record_admin_action(
    request: HttpRequest, action: str, targets: list[Model] | QuerySet, **details: Any
) -> None:
    """Record a Django admin action on ``targets`` (one entry per target)."""
    ip = request.META.get("REMOTE_ADDR") or None
    events = [
        audit.AuditEvent(
            source=audit.AuditSource.DJANGO_ADMIN,
            actor=_actor(request),
            actor_ip=ip,
            action=action,
            target_type=_target_type(obj),
            target_id=str(obj.pk),
            details=dict(details),
        )
        for obj in targets
    ]
    audit.record_many(events)


class AuditedAdminMixin:
    """Mix into a ``ModelAdmin`` so its adds, changes and deletes reach the audit log."""

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        record_admin_action(request, "add", [obj])
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        fields = sorted({f for m in message or [] for f in m.get("changed", {}).get("fields", [])})
        record_admin_action(request, "change", [obj], fields=fields)
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: QuerySet) -> Any:
        record_admin_action(request, "delete", list(queryset))
        return super().log_deletions(request, queryset)  # type: ignore[misc]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "source", "actor", "action", "target_type", "target_id", "status")
    list_filter = ("source", "target_type", "action", "status")
    search_fields = ("=target_id", "actor", "action", "=request_id")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    readonly_fields = (
        "id",
        "created_at",
        "source",
        "actor",
        "actor_ip",
        "action",
        "target_type",
        "target_id",
        "status",
        "request_id",
        "details",
    )
    fields = readonly_fields
    show_full_result_count = False  # COUNT(*) over a large log on every page is slow

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
