"""``manage.py kratos`` subcommands, one module each.

Every module in :data:`MODULES` defines ``register(subparsers)`` that adds its parser(s) and
sets ``handler=fn`` with ``fn(args, stdout, stderr) -> int | None`` (non-zero is failure).
"""

from __future__ import annotations

import importlib
from typing import Any

MODULES = [
    "kratos_auth.cli.dev_config",
    "kratos_auth.cli.serve",
    "kratos_auth.cli.hashers",
    "kratos_auth.cli.secrets",
    "kratos_auth.cli.admin_keys",
    "kratos_auth.cli.cleanup",
    "kratos_auth.cli.identities",
    "kratos_auth.cli.courier",
]


def register_all(subparsers: Any) -> None:
    for dotted in MODULES:
        importlib.import_module(dotted).register(subparsers)
