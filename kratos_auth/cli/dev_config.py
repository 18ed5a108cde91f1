"""``kratos dev-config FILE``: write a local development config with fresh random secrets.

``make run`` calls it once; the file stays out of git (``var/``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from kratos_auth.core import randomness


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("dev-config", help="write a dev config with random secrets")
    parser.add_argument("path", help="where to write the YAML file")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(handler=handle)


def dev_config(db_path: Path) -> dict[str, Any]:
    """A development config tree with fresh secrets and a SQLite database at ``db_path``."""
    return {
        "dev": True,
        "dsn": f"sqlite:///{db_path.resolve()}?_fk=true",
        "serve": {
            "public": {"base_url": "http://127.0.0.1:4433/", "host": "127.0.0.1", "port": 4433},
            "admin": {"base_url": "http://127.0.0.1:4434/", "host": "127.0.0.1", "port": 4434},
        },
        "secrets": {
            "default": [randomness.token(32)],
            "cookie": [randomness.token(32)],
            "cipher": [randomness.token(32)],
        },
        "selfservice": {"default_browser_return_url": "http://127.0.0.1:4433/"},
    }


def handle(args: argparse.Namespace, stdout: Any, stderr: Any) -> int:
    path = Path(args.path)
    if path.exists() and not args.force:
        stdout.write(f"{path} exists; keeping it (use --force to replace)")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tree = dev_config(path.parent / "kratos.sqlite3")
    path.write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
    path.chmod(0o600)
    stdout.write(f"wrote {path} (development only: plain HTTP, generated secrets)")
    return 0
