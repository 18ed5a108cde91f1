"""``kratos admin-keys``: make admin API keys for ``serve.admin.api_keys``.

``create --id ops`` prints a new key once (give it to the caller) and the config entry that
holds only its SHA-256; ``hash`` reads a key on stdin and prints its entry. Several entries
may be configured at once, so keys can be rotated without downtime.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any, TextIO

from kratos_auth.api.admin.auth import MIN_KEY_LENGTH, generate_api_key, hash_api_key

_KEY_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("admin-keys", help="Create admin API keys")
    commands = parser.add_subparsers(dest="admin_keys_command", required=True)
    create = commands.add_parser("create", help="Generate a key and its config entry")
    create.add_argument("--id", required=True, type=_key_id, help="name recorded in the audit log")
    create.set_defaults(handler=run_create)
    hashed = commands.add_parser("hash", help="Print the config entry of a key read on stdin")
    hashed.add_argument("--id", required=True, type=_key_id, help="name recorded in the audit log")
    hashed.set_defaults(handler=run_hash)


def _key_id(value: str) -> str:
    if not _KEY_ID.match(value):
        raise argparse.ArgumentTypeError("1-64 characters of A-Z a-z 0-9 _ . : -")
    return value


def _entry(key_id: str, key: str) -> str:
    return json.dumps({"id": key_id, "hash": hash_api_key(key)})


def run_create(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    key = generate_api_key()
    stdout.write(f"key: {key}\n")
    stdout.write(f"serve.admin.api_keys entry: {_entry(args.id, key)}\n")
    stderr.write("The key is shown only now; store it in the client's secret store.\n")
    return 0


def run_hash(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    key = sys.stdin.readline().strip()
    if len(key) < MIN_KEY_LENGTH:
        stderr.write(f"a key needs at least {MIN_KEY_LENGTH} characters\n")
        return 1
    stdout.write(_entry(args.id, key) + "\n")
    return 0
