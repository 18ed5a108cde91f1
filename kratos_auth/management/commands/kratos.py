"""``python manage.py kratos …``: the Kratos CLI as a Django management command."""

from __future__ import annotations

import argparse
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kratos_auth.cli import register_all


class Command(BaseCommand):
    help = "Kratos commands: serve, hashers, secrets, identities, cleanup, courier, …"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-c", "--config", dest="kratos_config", help="Kratos YAML file")
        subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Sub)
        register_all(subparsers)

    def handle(self, *args: Any, **options: Any) -> None:
        config_file = options.get("kratos_config")
        if config_file:
            from kratos_auth.conf import reload

            os.environ["KRATOS_CONFIG"] = config_file
            reload()
        handler = options.get("handler")
        if handler is None:
            raise CommandError("missing subcommand")
        code = handler(argparse.Namespace(**options), self.stdout, self.stderr)
        if code:
            raise CommandError(f"exit status {code}", returncode=int(code))


class _Sub(CommandParser):
    """Subparsers that report errors as CommandError (so ``call_command`` can catch them)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("called_from_command_line", False)
        super().__init__(**kwargs)
