"""Sessions in the Django admin: a list filtered per identity, an inline for identity pages,
and a "revoke" action that goes through the session service.

Tokens never appear: only the session id, state, AAL, times and devices are shown, and
nothing can be edited here (sessions are issued by the flows, not typed in). Every change
(the revoke action, deleting a session from its page) goes through the session service and
is recorded in the audit log; Django's bulk ``delete_selected`` action, which would do
neither, is not offered.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kratos_auth.admin.audit import AuditedAdminMixin, record_admin_action
from kratos_auth.session import service
from kratos_auth.session.models import Session, SessionDevice

READONLY = (
    "id",
    "identity",
    "active",
    "aal",
    "authentication_methods",
    "issued_at",
    "authenticated_at",
    "expires_at",
    "created_at",
    "updated_at",
)


class SessionDeviceInline(admin.TabularInline):
    model = SessionDevice
    fields = ("ip_address", "user_agent", "location", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SessionInline(admin.TabularInline):
    """Add to an identity's admin (``inlines = [SessionInline]``) to list its sessions."""

    model = Session
    fields = ("id", "active", "aal", "authenticated_at", "expires_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("-created_at",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("Revoke the selected sessions"), permissions=["change"])
def revoke_selected(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    sessions = list(queryset)
    count = service.revoke_sessions(session.pk for session in sessions)
    record_admin_action(request, "disable_session", sessions)
    message = ngettext("Revoked %d session.", "Revoked %d sessions.", count) % count
    modeladmin.message_user(request, message, messages.SUCCESS)


@admin.register(Session)
class SessionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Filter by identity with ``?identity__id__exact=<uuid>`` (linked from identities)."""

    list_display = ("id", "identity", "active", "aal", "authenticated_at", "expires_at")
    list_filter = ("active", "aal")
    search_fields = ("=id", "=identity__id")
    list_select_related = ("identity",)
    ordering = ("-created_at",)
    date_hierarchy = "created_at"
    fields = READONLY
    readonly_fields = READONLY
    inlines = (SessionDeviceInline,)
    actions = (revoke_selected,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bypasses the service and the audit log
        return actions

    def delete_model(self, request: HttpRequest, obj: Session) -> None:
        """From the session's page (audited by ``log_deletions``): with its devices."""
        service.delete_sessions([obj.pk])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Session]) -> None:
        service.delete_sessions(queryset.values_list("pk", flat=True))
