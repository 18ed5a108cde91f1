"""``kratos identities …``: manage identities like the Kratos CLI, with JSON output.

* ``import <files…|->``: each file holds one ``createIdentityBody`` or an array of them;
  they are created in batches (pre-hashed passwords import fastest); the created identities
  are printed, failures go to stderr, the exit status is 1 if any item failed;
* ``get <id…> [--include-credentials TYPE …]``, ``list [--page-size N] [--page-token T]``;
* ``delete <id…>``: erases each identity and everything held about it (GDPR);
* ``validate <files…>``: checks the files as ``import`` would, writing nothing;
* ``export <id> [--output FILE]``: everything held about a person (GDPR), without hashes
  or secrets.

Every write and export is recorded in the audit log (source ``cli``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from kratos_auth.api.admin.identities import CREDENTIAL_TYPES
from kratos_auth.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decode_token, encode_token
from kratos_auth.api.serializers.identity import serialize_identity
from kratos_auth.api.serializers.identity_requests import parse_create_body
from kratos_auth.audit import privacy
from kratos_auth.audit import service as audit
from kratos_auth.errors import KratosError
from kratos_auth.identity import batch, queries

JSON = Any
SCOPE = "identities"
IMPORT_CHUNK = 1000
PROGRESS_FROM = 100


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("identities", help="Manage identities")
    commands = parser.add_subparsers(dest="identities_command", required=True)
    imp = commands.add_parser("import", help="Create identities from JSON files or stdin")
    imp.add_argument("files", nargs="+", metavar="FILE", help="JSON file, or - for stdin")
    imp.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    imp.set_defaults(handler=run_import)
    get = commands.add_parser("get", help="Print identities by id")
    get.add_argument("ids", nargs="+", metavar="ID")
    get.add_argument(
        "-i",
        "--include-credentials",
        action="append",
        type=_credential_types,
        default=[],
        metavar="TYPE[,TYPE…]",
        help="include these credentials' (secret-free) config; repeatable or comma-separated",
    )
    get.set_defaults(handler=run_get)
    listing = commands.add_parser("list", help="Print a page of identities")
    listing.add_argument("--page-size", type=_page_size, default=DEFAULT_PAGE_SIZE, metavar="N")
    listing.add_argument("--page-token", default=None, metavar="TOKEN")
    listing.set_defaults(handler=run_list)
    delete = commands.add_parser("delete", help="Erase identities and all data about them")
    delete.add_argument("ids", nargs="+", metavar="ID")
    delete.set_defaults(handler=run_delete)
    validate = commands.add_parser("validate", help="Check identity files without writing")
    validate.add_argument("files", nargs="+", metavar="FILE", help="JSON file, or - for stdin")
    validate.set_defaults(handler=run_validate)
    export = commands.add_parser("export", help="Everything held about a person (GDPR)")
    export.add_argument("id", metavar="ID")
    export.add_argument("--output", "-o", default=None, metavar="FILE", help="default: stdout")
    export.set_defaults(handler=run_export)


def _credential_types(value: str) -> list[str]:
    """``--include-credentials`` as Kratos's CLI takes it: comma-separated types."""
    types = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [t for t in types if t not in CREDENTIAL_TYPES]
    if unknown or not types:
        allowed = ", ".join(sorted(CREDENTIAL_TYPES))
        raise argparse.ArgumentTypeError(f"unknown credentials type {value!r} (one of {allowed})")
    return types


def _page_size(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise argparse.ArgumentTypeError(f"must be an integer in 1..{MAX_PAGE_SIZE}")
    return size


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def _audit(action: str, ids: list[str], **details: Any) -> None:
    events = [
        audit.AuditEvent(
            source=audit.AuditSource.CLI,
            actor=_actor(),
            action=action,
            target_type=audit.TARGET_IDENTITY,
            target_id=i,
            details=details,
        )
        for i in ids
    ]
    audit.record_many(events)


def _progress(items: list, stderr: TextIO) -> Any:
    """A progress bar on stderr for long runs (100 items or more)."""
    return tqdm(items, unit="identity", file=stderr, disable=len(items) < PROGRESS_FROM)


def _dump(value: JSON, stdout: TextIO) -> None:
    stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _fail(stderr: TextIO, where: str, error: KratosError) -> None:
    stderr.write(json.dumps({"source": where, **error.to_body()}) + "\n")


def _read(name: str) -> JSON:
    if name == "-":
        return json.load(sys.stdin)
    return json.loads(Path(name).read_text(encoding="utf-8"))


def _items(files: list[str], stderr: TextIO) -> list[tuple[str, JSON]] | None:
    """``(where, body)`` for every identity in the files; None if a file is unreadable."""
    found: list[tuple[str, JSON]] = []
    for name in files:
        try:
            content = _read(name)
        except (OSError, ValueError) as err:
            stderr.write(f"{name}: cannot read JSON ({type(err).__name__}: {err})\n")
            return None
        bodies = content if isinstance(content, list) else [content]
        found.extend((f"{name}#{index}", body) for index, body in enumerate(bodies))
    return found


def _chunks(items: list[tuple[str, JSON]]) -> Iterator[list[tuple[str, JSON]]]:
    for start in range(0, len(items), IMPORT_CHUNK):
        yield items[start : start + IMPORT_CHUNK]


def _import_chunk(chunk: list[tuple[str, JSON]], stderr: TextIO) -> tuple[list[str], int]:
    """Create one chunk; failures are written to stderr in item order."""
    outcomes: list[JSON] = []
    for _, body in chunk:
        try:
            outcomes.append(parse_create_body(body))
        except KratosError as err:
            outcomes.append(err)
    valid = [o for o in outcomes if not isinstance(o, KratosError)]
    results = iter(batch.create_identities(valid))
    created, failed = [], 0
    for (where, _), outcome in zip(chunk, outcomes, strict=True):
        result = outcome if isinstance(outcome, KratosError) else next(results)
        if isinstance(result, KratosError):
            _fail(stderr, where, result)
            failed += 1
        else:
            created.append(str(result.id))
    return created, failed


def run_import(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    items = _items(args.files, stderr)
    if items is None:
        return 1
    created: list[str] = []
    failed = 0
    with tqdm(total=len(items), unit="identity", file=stderr, disable=args.no_progress) as bar:
        for chunk in _chunks(items):
            ids, errors = _import_chunk(chunk, stderr)
            created.extend(ids)
            failed += errors
            _audit("import_identities", ids)
            bar.update(len(chunk))
    found = (
        queries.list_identities(page_size=len(created) or 1, ids=created).identities
        if created
        else []
    )
    _dump([_admin_body(i) for i in found], stdout)
    stderr.write(f"Imported {len(created)} identities, {failed} failed.\n")
    return 1 if failed else 0


def _admin_body(identity: Any, include: list[str] | tuple = ()) -> dict[str, JSON]:
    return serialize_identity(
        identity, include_credentials=True, credential_config=include, include_metadata_admin=True
    )


def run_get(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    found, failed = [], 0
    include = list(dict.fromkeys(t for types in args.include_credentials for t in types))
    for identity_id in args.ids:
        try:
            found.append(_admin_body(queries.get_identity(identity_id), include))
        except KratosError as err:
            _fail(stderr, identity_id, err)
            failed += 1
    _dump(found[0] if len(args.ids) == 1 and found else found, stdout)
    return 1 if failed else 0


def run_list(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        after = decode_token(SCOPE, args.page_token)[0] if args.page_token else None
    except KratosError as err:
        _fail(stderr, "--page-token", err)
        return 1
    page = queries.list_identities(page_size=args.page_size, after=after)
    token = encode_token(SCOPE, [page.next_after]) if page.next_after else None
    _dump(
        {"identities": [_admin_body(i) for i in page.identities], "next_page_token": token}, stdout
    )
    return 0


def run_delete(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    deleted, failed = [], 0
    for identity_id in _progress(args.ids, stderr):
        try:
            erased = privacy.erase_identity(queries.get_identity(identity_id))
        except KratosError as err:
            _fail(stderr, identity_id, err)
            failed += 1
            continue
        deleted.append(str(erased.identity_id))
    _audit("delete_identity", deleted)
    _dump(deleted, stdout)
    return 1 if failed else 0


def run_validate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    items = _items(args.files, stderr)
    if items is None:
        return 1
    report = []
    for where, body in _progress(items, stderr):
        try:
            batch.check_identity(parse_create_body(body))
        except KratosError as err:
            report.append({"source": where, "valid": False, **err.to_body()})
            continue
        report.append({"source": where, "valid": True})
    _dump(report, stdout)
    return 0 if all(r["valid"] for r in report) else 1


def run_export(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        identity = queries.get_identity(args.id)
    except KratosError as err:
        _fail(stderr, args.id, err)
        return 1
    _audit("export_identity", [str(identity.id)])
    data = privacy.export_identity(identity)
    if args.output:
        # Personal data: readable by the owner only.
        fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        stderr.write(f"Wrote {args.output}\n")
    else:
        _dump(data, stdout)
    return 0
