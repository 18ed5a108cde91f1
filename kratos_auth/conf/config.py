"""The configuration object and its lazily built, process-wide instance."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any

from kratos_auth.conf.node import Node
from kratos_auth.conf.schema import config_schema
from kratos_auth.conf.sources import CONFIG_ENV, collect
from kratos_auth.conf.validate import validate

JSON = Any


class Config(Node):
    """The validated configuration tree. Attribute names follow Kratos's key paths."""

    __slots__ = ()

    @classmethod
    def build(cls, tree: dict[str, JSON]) -> Config:
        """Validate ``tree`` and wrap it. Raises :class:`ConfigError`."""
        validate(tree)
        return cls(tree, config_schema(), config_schema(), "")

    @property
    def is_dev(self) -> bool:
        return bool(self._data.get("dev"))


def _django_setting(name: str) -> Any:
    from django.conf import settings  # lazy: the conf layer must load before Django's

    if not settings.configured:
        return None
    return getattr(settings, name, None)


def load(
    setting: Mapping[str, JSON] | None = None,
    environ: Mapping[str, str] | None = None,
    config_file: str | None = None,
) -> Config:
    """Build a fresh :class:`Config` from the sources (the Django settings by default).

    ``setting`` defaults to ``settings.KRATOS``; the YAML file is ``config_file``, else the
    ``KRATOS_CONFIG`` environment variable, else ``settings.KRATOS_CONFIG``.
    """
    if setting is None:
        setting = _django_setting("KRATOS")
    env = os.environ if environ is None else environ
    if not config_file and not env.get(CONFIG_ENV):
        config_file = _django_setting("KRATOS_CONFIG")
    return Config.build(collect(setting, env, config_file))


class _LazyConfig:
    """Proxy to the process-wide :class:`Config`, built on first use."""

    _lock = threading.Lock()
    _current: Config | None = None

    def _get(self) -> Config:
        current = type(self)._current
        if current is None:
            with self._lock:
                current = type(self)._current
                if current is None:
                    current = load()
                    type(self)._current = current
        return current

    def __getattr__(self, key: str) -> Any:
        return getattr(self._get(), key)

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __repr__(self) -> str:
        return "<kratos_auth config>"


config: Any = _LazyConfig()


def current() -> Config:
    """The live :class:`Config` object behind ``config`` (built on first use).

    It is replaced, not mutated, when the configuration is rebuilt, so callers may cache
    values derived from it and compare it by identity to notice a change.
    """
    return config._get()


def reload() -> Config:
    """Drop the cached configuration and build it again from the sources now."""
    with _LazyConfig._lock:
        _LazyConfig._current = None
    return current()


def reset() -> None:
    """Drop the cached configuration; it is rebuilt on next use."""
    with _LazyConfig._lock:
        _LazyConfig._current = None
