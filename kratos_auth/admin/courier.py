"""Courier messages in the Django admin: status, recipient, delivery attempts, and "retry".

Subjects, bodies and template data are never shown: they are encrypted at rest and carry
one-time codes and recovery links. Nothing can be edited; *Retry* re-queues abandoned
messages through the courier (``courier.queue.requeue``) and is recorded in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from kratos_auth.admin.audit import record_admin_action
from kratos_auth.courier import queue
from kratos_auth.courier.models import CourierMessage, MessageDispatch, MessageStatus


class MessageDispatchInline(admin.TabularInline):
    model = MessageDispatch
    fields = ("status", "error", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CourierMessage)
class CourierMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "template_type", "recipient", "status", "send_count", "created_at")
    list_filter = ("status", "template_type", "channel")
    search_fields = ("=recipient", "=id")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    fields = (
        "id",
        "type",
        "channel",
        "template_type",
        "recipient",
        "status",
        "send_count",
        "available_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields
    inlines = (MessageDispatchInline,)
    actions = ("retry",)
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # messages are queued by the flows

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # ``kratos cleanup sql`` removes old ones

    def save_model(
        self, request: HttpRequest, obj: CourierMessage, form: Any, change: bool
    ) -> None:
        """Nothing to save: every field is read-only."""

    @admin.action(description="Retry selected abandoned messages", permissions=("change",))
    def retry(self, request: HttpRequest, queryset: QuerySet[CourierMessage]) -> None:
        abandoned = list(queryset.filter(status=MessageStatus.ABANDONED))
        count = queue.requeue(m.pk for m in abandoned)
        record_admin_action(request, "retry_courier_message", abandoned)
        self.message_user(request, f"{count} messages queued again.", messages.SUCCESS)
