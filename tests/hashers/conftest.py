"""Fixtures for the hashers tests: change ``KRATOS["hashers"]`` per test."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@pytest.fixture
def hashers_config(settings) -> Callable[..., None]:
    """``hashers_config({"argon2": {"memory": "128KB"}})`` merges into ``KRATOS["hashers"]``."""

    def apply(overrides: dict[str, Any]) -> None:
        kratos = copy.deepcopy(settings.KRATOS)
        kratos["hashers"] = _merge(kratos.get("hashers", {}), overrides)
        settings.KRATOS = kratos

    return apply
