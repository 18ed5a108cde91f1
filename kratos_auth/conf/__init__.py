"""The one configuration object.

Only this package reads ``settings.KRATOS``, the YAML file or the environment::

    from kratos_auth.conf import config
    ttl = config.selfservice.flows.login.lifespan      # a timedelta
    if config.selfservice.methods["totp"].enabled: ...

It is validated once (at ``AppConfig.ready()``) and rebuilt when Django's
``setting_changed`` fires for ``KRATOS`` or when :func:`reload` is called.
"""

from kratos_auth.conf.config import Config, config, current, load, reload
from kratos_auth.conf.dsn import DsnError, database_from_dsn
from kratos_auth.conf.sources import SourceError, collect
from kratos_auth.conf.validate import ConfigError

__all__ = [
    "Config",
    "ConfigError",
    "DsnError",
    "SourceError",
    "collect",
    "config",
    "current",
    "database_from_dsn",
    "load",
    "reload",
]
