"""Django glue: validate the configuration once and wire checks and signal receivers."""

from __future__ import annotations

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed


def _on_setting_changed(*, setting: str, **kwargs: object) -> None:
    if setting in ("KRATOS", "KRATOS_CONFIG"):
        from kratos_auth.conf.config import reset

        reset()


class KratosAuthConfig(AppConfig):
    name = "kratos_auth"
    label = "kratos_auth"
    verbose_name = "Kratos identities"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kratos_auth.conf import ConfigError, DsnError, SourceError, reload

        try:
            reload()
        except (ConfigError, SourceError, DsnError) as err:
            raise ImproperlyConfigured(str(err)) from err
        setting_changed.connect(_on_setting_changed, dispatch_uid="kratos_auth.conf")
        from kratos_auth import checks  # noqa: F401  (registers the system checks)
        from kratos_auth.logging import security_event
        from kratos_auth.security_audit import record_security_event

        security_event.connect(record_security_event, dispatch_uid="kratos_auth.security_audit")
