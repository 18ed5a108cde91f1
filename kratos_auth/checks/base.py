"""Shared pieces of the system checks: the tag, message builders, value helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core import checks

TAG = "kratos"
Messages = list[checks.CheckMessage]
FALSE_STRINGS = frozenset({"false", "0", "no", "off"})


def error(number: int, msg: str, hint: str) -> checks.Error:
    return checks.Error(msg, hint=hint, id=f"kratos_auth.E{number:03d}")


def warning(number: int, msg: str, hint: str) -> checks.Warning:
    return checks.Warning(msg, hint=hint, id=f"kratos_auth.W{number:03d}")


def is_off(value: Any) -> bool:
    """True for an explicit false (``cookies.secure`` is a string in Kratos's schema)."""
    if isinstance(value, bool):
        return not value
    return isinstance(value, str) and value.strip().lower() in FALSE_STRINGS


def deployment_check(func: Callable[..., Messages]) -> Callable[..., Messages]:
    """Register ``func`` for ``check --deploy`` and ``kratos serve`` (tags kratos, security)."""
    checks.register(func, TAG, checks.Tags.security, deploy=True)
    return func


def always_check(func: Callable[..., Messages]) -> Callable[..., Messages]:
    """Register ``func`` for every ``check`` run (configuration mistakes, not hardening)."""
    checks.register(func, TAG)
    return func
