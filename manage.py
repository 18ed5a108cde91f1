#!/usr/bin/env python
"""Django's command-line utility for the reference project."""

import os
import sys


def _early_config_flag(argv: list[str]) -> None:
    """``manage.py kratos -c FILE …``: the file must be known before settings load (DSN).

    ``kratos serve --dev`` likewise: settings and config validation depend on dev mode.
    """
    if "serve" in argv and "--dev" in argv:
        os.environ["DEV"] = "true"
    for i, arg in enumerate(argv):
        if arg in ("-c", "--config") and i + 1 < len(argv):
            os.environ["KRATOS_CONFIG"] = argv[i + 1]
        elif arg.startswith("--config="):
            os.environ["KRATOS_CONFIG"] = arg.split("=", 1)[1]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")
    if len(sys.argv) > 1 and sys.argv[1] == "kratos":
        _early_config_flag(sys.argv[2:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
