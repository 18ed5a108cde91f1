"""``kratos hashers …``: Argon2 calibration and hash helpers, as in Kratos's CLI.

* ``kratos hashers argon2 calibrate [<duration>]`` prints a ``hashers`` config snippet whose
  parameters take about ``<duration>`` (default ``hashers.argon2.expected_duration``) per hash
  within the memory cap (default ``hashers.argon2.dedicated_memory``).
* ``kratos hashers argon2 hash <password>…`` / ``kratos hashers bcrypt hash <password>…`` print
  hashes with the configured parameters (``-`` reads one password per line from stdin).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

import yaml

from kratos_auth.conf import config
from kratos_auth.core.units import UnitError, format_bytesize, parse_bytesize, parse_duration
from kratos_auth.hashers import PasswordTooLong
from kratos_auth.hashers.calibrate import calibrate, probe_hashing
from kratos_auth.hashers.facade import build, current_settings
from kratos_auth.hashers.settings import Argon2Params


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("hashers", help="password hasher tools")
    algorithms = parser.add_subparsers(dest="hashers_algorithm", required=True)
    argon2 = algorithms.add_parser("argon2", help="Argon2id tools")
    argon2_commands = argon2.add_subparsers(dest="hashers_command", required=True)
    cal = argon2_commands.add_parser("calibrate", help="compute Argon2 parameters")
    cal.add_argument("duration", nargs="?", help="target time per hash, e.g. 500ms")
    cal.add_argument("-m", "--memory", help="memory to start probing at (default: configured)")
    cal.add_argument("-i", "--iterations", type=int, help="iterations to start probing at")
    cal.add_argument("--max-memory", help="memory cap (default: hashers.argon2.dedicated_memory)")
    cal.add_argument("--adjust-memory-by", default="64MB", help="memory step (default 64MB)")
    cal.add_argument("-r", "--runs", type=int, default=2, help="runs per probe (median taken)")
    cal.add_argument("-q", "--quiet", action="store_true", help="print only the result")
    cal.add_argument("--format", dest="output_format", choices=("yaml", "json"), default="yaml")
    cal.set_defaults(handler=handle_calibrate)
    for name in ("argon2", "bcrypt"):
        sub = argon2_commands if name == "argon2" else _bcrypt_commands(algorithms)
        hash_parser = sub.add_parser("hash", help=f"hash passwords with the configured {name}")
        hash_parser.add_argument("passwords", nargs="+", help="passwords, or - for stdin")
        hash_parser.set_defaults(handler=handle_hash, hashers_hash_algorithm=name)


def _bcrypt_commands(algorithms: Any) -> Any:
    bcrypt = algorithms.add_parser("bcrypt", help="bcrypt tools")
    return bcrypt.add_subparsers(dest="hashers_command", required=True)


def _size(value: str | None, fallback: int) -> int:
    return fallback if value is None else parse_bytesize(value)


def handle_calibrate(args: argparse.Namespace, stdout: Any, stderr: Any) -> int:
    settings = current_settings()
    try:
        target = parse_duration(args.duration) if args.duration else None
        start_memory = _size(args.memory, settings.argon2.memory_kib * 1024)
        max_memory = _size(args.max_memory, settings.dedicated_memory)
        adjust = parse_bytesize(args.adjust_memory_by)
    except UnitError as err:
        stderr.write(str(err))
        return 2
    target_seconds = (target or config.hashers.argon2.expected_duration).total_seconds()
    start = dataclasses.replace(
        settings.argon2,
        memory_kib=start_memory // 1024,
        iterations=args.iterations or settings.argon2.iterations,
    )
    report = (lambda line: None) if args.quiet else stderr.write
    result = calibrate(
        target_seconds, start, max_memory // 1024, adjust // 1024, probe_hashing(args.runs), report
    )
    snippet = config_snippet(result.params, target_seconds, max_memory)
    if args.output_format == "json":
        stdout.write(json.dumps(snippet, indent=2))
    else:
        stdout.write(yaml.safe_dump(snippet, sort_keys=False).rstrip("\n"))
    return 0


def config_snippet(params: Argon2Params, target: float, dedicated_memory: int) -> dict[str, Any]:
    """The ``hashers`` section to paste into the Kratos config."""
    return {
        "hashers": {
            "algorithm": "argon2",
            "argon2": {
                "memory": format_bytesize(params.memory_kib * 1024),
                "iterations": params.iterations,
                "parallelism": params.parallelism,
                "salt_length": params.salt_length,
                "key_length": params.key_length,
                "expected_duration": f"{round(target * 1000)}ms",
                "dedicated_memory": format_bytesize(dedicated_memory),
            },
        }
    }


def handle_hash(args: argparse.Namespace, stdout: Any, stderr: Any) -> int:
    settings = dataclasses.replace(current_settings(), algorithm=args.hashers_hash_algorithm)
    hasher = build(settings).hasher
    passwords = args.passwords
    if passwords == ["-"]:
        passwords = [line.rstrip("\n") for line in sys.stdin]
    try:
        for password in passwords:
            stdout.write(hasher.hash(password))
    except PasswordTooLong as err:
        stderr.write(str(err))
        return 1
    return 0
