"""``kratos secrets rotate``: re-encrypt every encrypted value with the first ``secrets.cipher``.

``--check`` only reports, per table, how many values still need each old key (so an operator
knows when an old key may be removed) and exits non-zero if any value cannot be decrypted.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from tqdm import tqdm

from kratos_auth.cipher import keyring, rotation
from kratos_auth.logging import SecurityEvent, event


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("secrets", help="Manage secrets and encrypted data")
    commands = parser.add_subparsers(dest="secrets_command", required=True)
    rotate = commands.add_parser(
        "rotate",
        help="Re-encrypt every encrypted value with the first secrets.cipher key",
        description="Re-encrypt every encrypted value in every model with the first secrets.cipher "
        "key, in batches; --check only reports what still needs old keys.",
    )
    rotate.add_argument(
        "--batch-size",
        type=_positive,
        default=rotation.DEFAULT_BATCH_SIZE,
        metavar="N",
        help="rows per batch and transaction (default: %(default)s)",
    )
    rotate.add_argument(
        "--check",
        action="store_true",
        help="only report values still under old keys; exit 1 if any cannot be decrypted",
    )
    rotate.add_argument(
        "--max-batches",
        type=_positive,
        default=None,
        metavar="N",
        help="stop after N batches (run again to continue)",
    )
    rotate.add_argument(
        "--from-noop",
        action="store_true",
        help="also encrypt values written while ciphers.algorithm was noop",
    )
    rotate.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    rotate.add_argument("--database", default="default", help="database alias (default: default)")
    rotate.set_defaults(handler=run_rotate)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_rotate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    ring = keyring.configured()
    ids = ", ".join(f"{i}: {k.id}" for i, k in enumerate(ring.keys))
    stdout.write(f"ciphers.algorithm={ring.algorithm}; key ids (first encrypts): {ids}\n")
    if args.check:
        return _check(args, ring, stdout, stderr)
    failed = 0
    budget = rotation.Budget(args.max_batches)
    for target in rotation.targets():
        with _bar(target, args, stderr) as bar:
            tally = rotation.rotate(
                target,
                ring,
                using=args.database,
                batch_size=args.batch_size,
                budget=budget,
                progress=bar.update,
                allow_noop=args.from_noop,
            )
        failed += tally.failed
        stdout.write(
            f"{target.label}: re-encrypted {tally.reencrypted}, "
            f"already current {tally.current}, failed {tally.failed}\n"
        )
    event(
        SecurityEvent.KEY_ROTATED,
        key_id=ring.primary.id,
        failed=failed,
        complete=not budget.exhausted,
    )
    if budget.exhausted:
        stdout.write(f"Stopped after {budget.used} batch(es); run again to continue.\n")
    if failed:
        stdout.write(
            f"{failed} value(s) could not be decrypted and were left untouched "
            "(see the kratos_auth.security log; noop values need --from-noop).\n"
        )
    return 1 if failed else 0


def _check(args: argparse.Namespace, ring: keyring.Keyring, stdout: TextIO, stderr: TextIO) -> int:
    failed = 0
    needed: set[str] = set()
    for target in rotation.targets():
        with _bar(target, args, stderr) as bar:
            tally = rotation.check(
                target,
                ring,
                using=args.database,
                batch_size=args.batch_size,
                progress=bar.update,
            )
        failed += tally.failed
        needed.update(label.split(" ")[0] for label in tally.old_keys)
        old = "".join(f", {n} need {label}" for label, n in sorted(tally.old_keys.items()))
        stdout.write(
            f"{target.label}: {tally.total} value(s): {tally.current} under the first key"
            f"{old}, {tally.failed} undecryptable\n"
        )
    if needed:
        stdout.write(f"Old keys still needed: {', '.join(sorted(needed))}. Run rotate first.\n")
    elif not failed:
        stdout.write("No value needs an old key: every key after the first may be removed.\n")
    if failed:
        stdout.write(f"{failed} value(s) cannot be decrypted with any configured key.\n")
    return 1 if failed else 0


def _bar(target: rotation.Target, args: argparse.Namespace, stderr: TextIO) -> tqdm:
    total = None if args.no_progress else target.count(args.database)
    return tqdm(
        total=total,
        desc=target.label,
        unit="value",
        file=stderr,
        disable=args.no_progress,
        leave=False,
    )
