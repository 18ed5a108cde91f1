"""Identities in the Django admin: browse, search, (de)activate, delete.

Everything is read-only here: traits, identifiers and addresses are written by the identity
services only (the admin API, the CLI and the self-service flows), so the admin never
bypasses schema validation or identifier sync. Actions call the services. Credentials are
shown by type and identifiers only — never their config (hashes, seeds, ciphertext).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kratos_auth.admin.audit import AuditedAdminMixin, record_admin_action
from kratos_auth.admin.recovery import send_recovery_links
from kratos_auth.admin.sessions import SessionInline
from kratos_auth.audit.privacy import erase_identity
from kratos_auth.identity.models import Identity, IdentityState, RecoveryAddress, VerifiableAddress
from kratos_auth.identity.queries import credentials_of, identifiers_of, with_related
from kratos_auth.identity.service import set_identity_state
from kratos_auth.session.service import delete_identity_sessions

JSON = Any


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VerifiableAddressInline(_ReadOnlyInline):
    model = VerifiableAddress
    verbose_name_plural = "verifiable addresses"
    fields = ("via", "value", "verified", "status", "verified_at", "created_at")
    readonly_fields = fields


class RecoveryAddressInline(_ReadOnlyInline):
    model = RecoveryAddress
    verbose_name_plural = "recovery addresses"
    fields = ("via", "value", "created_at")
    readonly_fields = fields


@admin.register(Identity)
class IdentityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("id", "identifiers", "schema_id", "state", "available_aal", "created_at")
    list_filter = ("state", "schema_id")
    search_fields = (
        "=id",
        "credentials__identifier_rows__identifier",
        "traits__email",
        "external_id",
    )
    ordering = ("-created_at",)
    fields = (
        "id",
        "schema_id",
        "state",
        "state_changed_at",
        "traits_json",
        "credentials_summary",
        "available_aal",
        "external_id",
        "metadata_public_json",
        "metadata_admin_json",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields
    inlines = (VerifiableAddressInline, RecoveryAddressInline, SessionInline)
    actions = ("activate", "deactivate", "revoke_sessions", "send_recovery_link")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Identity]:
        return with_related(super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # identities are created through the admin API or the CLI

    def save_model(self, request: HttpRequest, obj: Identity, form: Any, change: bool) -> None:
        """Nothing to save: every field is read-only (writes go through the services)."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Addresses are derived from the traits; the inlines are read-only."""

    def delete_model(self, request: HttpRequest, obj: Identity) -> None:
        self.delete_queryset(request, [obj])

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[Identity] | list[Identity]
    ) -> None:
        # As the admin API: everything held about each person goes (their audit entries
        # too), then the erasure itself is recorded.
        erased = [erase_identity(identity).identity_id for identity in list(queryset)]
        record_admin_action(request, "delete_identity", [Identity(pk=pk) for pk in erased])

    @admin.action(
        description="Mail a recovery link to selected identities", permissions=("change",)
    )
    def send_recovery_link(self, request: HttpRequest, queryset: QuerySet[Identity]) -> None:
        outcome = send_recovery_links(queryset)  # the link is mailed, never shown here
        record_admin_action(request, "send_recovery_link", outcome.sent)
        self.message_user(
            request,
            f"Recovery link mailed to {len(outcome.sent)} identities; "
            f"{outcome.without_address} without an email recovery address.",
            messages.SUCCESS if outcome.sent else messages.WARNING,
        )
        for reason in sorted(set(outcome.refused)):
            self.message_user(request, reason, messages.ERROR)

    @admin.action(description="Revoke all sessions of selected identities", permissions=("change",))
    def revoke_sessions(self, request: HttpRequest, queryset: QuerySet[Identity]) -> None:
        identities = list(queryset)
        count = sum(delete_identity_sessions(identity.pk) for identity in identities)
        record_admin_action(request, "delete_identity_sessions", identities)
        self.message_user(request, f"{count} sessions revoked.", messages.SUCCESS)

    @admin.action(description="Activate selected identities", permissions=("change",))
    def activate(self, request: HttpRequest, queryset: QuerySet[Identity]) -> None:
        self._set_state(request, queryset, IdentityState.ACTIVE)

    @admin.action(description="Deactivate selected identities", permissions=("change",))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Identity]) -> None:
        self._set_state(request, queryset, IdentityState.INACTIVE)

    def _set_state(self, request: HttpRequest, queryset: QuerySet[Identity], state: str) -> None:
        count = 0
        for identity in queryset:
            set_identity_state(identity, state)
            count += 1
        record_admin_action(request, f"set_identity_state:{state}", queryset)
        self.message_user(request, f"{count} identities set to {state}.", messages.SUCCESS)

    @admin.display(description="Identifiers")
    def identifiers(self, obj: Identity) -> str:
        values: list[str] = []
        for credential in credentials_of(obj).values():
            values.extend(v for v in identifiers_of(credential) if v not in values)
        return ", ".join(values)

    @admin.display(description="Credentials")
    def credentials_summary(self, obj: Identity) -> SafeString:
        rows = [
            (kind, ", ".join(identifiers_of(credential)) or "—")
            for kind, credential in sorted(credentials_of(obj).items())
        ]
        if not rows:
            return format_html("{}", "—")
        return format_html("<ul>{}</ul>", format_html_join("", "<li><b>{}</b>: {}</li>", rows))

    @admin.display(description="Traits")
    def traits_json(self, obj: Identity) -> SafeString:
        return _pretty(obj.traits)

    @admin.display(description="Public metadata")
    def metadata_public_json(self, obj: Identity) -> SafeString:
        return _pretty(obj.metadata_public)

    @admin.display(description="Admin metadata")
    def metadata_admin_json(self, obj: Identity) -> SafeString:
        return _pretty(obj.metadata_admin)


def _pretty(value: JSON) -> SafeString:
    return format_html("<pre>{}</pre>", json.dumps(value, indent=2, ensure_ascii=False))
