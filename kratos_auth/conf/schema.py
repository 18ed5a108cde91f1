"""The configuration schema: Kratos's ``config.schema.json`` plus our patches.

Kratos's schema ships unchanged beside this module. :data:`PATCHES` lists every place where we
accept more than Kratos or default differently, and :data:`EXTENSIONS` adds the keys that exist
only here (documented in the README under "Beyond Kratos").
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

JSON = Any
SCHEMA_FILE = Path(__file__).with_name("kratos.config.schema.json")
DURATION_PATTERN = "^([0-9]+(ns|us|ms|s|m|h))+$"

# path -> replacement schema (merged into Kratos's node)
PATCHES: dict[str, JSON] = {
    # Kratos's security guide writes memory as KiB integers (131072); its schema wants "128MB".
    "hashers.argon2.memory": {
        "type": ["string", "integer"],
        "pattern": "^[0-9]+(B|KB|MB|GB|TB|PB|EB)$",
        "minimum": 1,
        "default": "128MB",
    },
    # Secure by default: Argon2id, not bcrypt; AES-256-GCM, not noop (Kratos's defaults).
    "hashers.algorithm": {"default": "argon2"},
    "ciphers.algorithm": {"default": "aes"},
    # Listen on loopback unless told otherwise (Kratos: 0.0.0.0); put a proxy in front.
    "serve.public.host": {"default": "127.0.0.1"},
    "serve.admin.host": {"default": "127.0.0.1"},
    # SECURITY.md: outbound HTTP (web hooks, HaveIBeenPwned) refuses private addresses
    # unless configured otherwise (Kratos's default: allowed).
    "clients.http.disallow_private_ip_ranges": {"default": True},
    # Kratos accepts "1h" here but its schema only allows one unit group; keep the full form.
    "database.cleanup.older_than": {"pattern": DURATION_PATTERN},
    "database.cleanup.sleep.tables": {"pattern": DURATION_PATTERN},
    # SECURITY.md (NIST SP 800-63B 5.1.3.2): emailed codes and links expire within 10 minutes
    # (Kratos: 1h). A flow still lives selfservice.flows.<flow>.lifespan: ask for a new code.
    "selfservice.methods.code.config.lifespan": {"default": "10m"},
    "selfservice.methods.link.config.lifespan": {"default": "10m"},
}

# Keys that exist only in django-kratos-auth: path -> schema of the new property.
EXTENSIONS: dict[str, JSON] = {
    "serve.admin.api_keys": {
        "type": "array",
        "default": [],
        "description": "Admin API keys (hashed); when set, the admin API requires one of them.",
        "items": {
            "type": "object",
            "required": ["id", "hash"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,64}$"},
                "hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
            },
        },
    },
    "serve.admin.allowed_ips": {
        "type": "array",
        "default": [],
        "description": "CIDR ranges allowed to reach the admin surface (empty: any address).",
        "items": {"type": "string", "minLength": 1},
    },
    "hashers.argon2.max_wait": {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "default": "2s",
        "description": "How long a hash waits for a free memory slot before failing with 503.",
    },
    "session.sliding": {
        "type": "boolean",
        "default": False,
        "description": "whoami extends a session once earliest_possible_extend is reached.",
    },
    "identity.allow_private_schema_urls": {
        "type": "boolean",
        "default": False,
        "description": "Allow http(s) identity schema URLs on private/loopback addresses.",
    },
    # Rate limits (Kratos has none, ory/kratos#3037): per flow, per client IP and per
    # identifier; a bucket allows `limit` attempts per sliding `window` (limit 0: no limit).
    "security.rate_limits": {
        "type": "object",
        "additionalProperties": False,
        "description": "Attempts allowed per flow, per client IP and per identifier.",
        "properties": {
            "enabled": {"type": "boolean", "default": True},
            **{
                flow: {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        bucket: {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "limit": {"type": "integer", "minimum": 0, "default": limit},
                                "window": {
                                    "type": "string",
                                    "pattern": DURATION_PATTERN,
                                    "default": window,
                                },
                            },
                        }
                        for bucket, (limit, window) in buckets.items()
                    },
                }
                for flow, buckets in {
                    "login": {"per_ip": (100, "10m"), "per_identifier": (20, "10m")},
                    "registration": {"per_ip": (30, "10m"), "per_identifier": (5, "10m")},
                    "recovery": {"per_ip": (20, "10m"), "per_identifier": (5, "1h")},
                    "verification": {"per_ip": (20, "10m"), "per_identifier": (5, "1h")},
                    "code_sending": {"per_ip": (20, "10m"), "per_identifier": (5, "10m")},
                }.items()
            },
        },
    },
    "security.lockout": {
        "type": "object",
        "additionalProperties": False,
        "description": "Temporary lockout after consecutive failed logins of one identity.",
        "properties": {
            "enabled": {"type": "boolean", "default": True},
            # NIST SP 800-63B §5.2.2: at most 100 consecutive failures.
            "max_failures": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
            "duration": {"type": "string", "pattern": DURATION_PATTERN, "default": "15m"},
        },
    },
    "courier.worker.retry_delay": {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "default": "10s",
        "description": "Wait before retrying a failed message; doubles with every failure.",
    },
    "courier.worker.max_retry_delay": {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "default": "10m",
        "description": "Upper bound of the wait between two attempts of one message.",
    },
    "security.min_send_duration": {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "default": "150ms",
        "description": "Requests that may send a code or link take at least this long, "
        "known address or not (no timing oracle for account enumeration).",
    },
    "security.trusted_proxies": {
        "type": "array",
        "default": [],
        "description": "IPs/CIDRs of reverse proxies whose X-Forwarded-For/-Proto is trusted.",
        "items": {"type": "string", "minLength": 1},
    },
}


def _walk_to(schema: JSON, root: JSON, dotted: str, create: bool = False) -> JSON:
    node = schema
    for part in dotted.split("."):
        node = resolve_ref(root, node)
        props = node.setdefault("properties", {}) if create else node["properties"]
        if part not in props:
            if not create:
                raise KeyError(dotted)
            props[part] = {"type": "object", "properties": {}, "additionalProperties": False}
        node = props[part]
    return node


def resolve_ref(root: JSON, node: JSON) -> JSON:
    """Follow a local ``$ref`` (``#/definitions/...``) until a concrete node is reached."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return node
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
        seen += 1
    return node


PRESET_SCHEMA = Path(__file__).parent.parent / "schema" / "presets" / "email-password.json"


def _relax_requirements(schema: JSON) -> None:
    """A Django app has DATABASES and ships a default identity schema and return URL.

    Kratos requires ``dsn``, ``identity`` and ``selfservice.default_browser_return_url``; here
    they default (``dsn`` to Django's DATABASES, ``identity.schemas`` to the bundled
    email-password preset, the return URL to ``serve.public.base_url``). The cipher rule
    ("aes needs secrets.cipher") is enforced by ``validate`` so that ``--dev`` may run
    without one.
    """
    schema["required"] = []
    props = schema["properties"]
    props["selfservice"]["required"] = []
    props["identity"]["required"] = []
    props["identity"]["properties"]["schemas"]["default"] = [
        {"id": "default", "url": PRESET_SCHEMA.as_uri()}
    ]
    schema["allOf"] = [
        rule for rule in schema.get("allOf", []) if "ciphers" not in json.dumps(rule.get("if"))
    ]


@functools.cache
def config_schema() -> JSON:
    """The schema we validate against (Kratos's, patched and extended). Cached."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    _relax_requirements(schema)
    for dotted, patch in PATCHES.items():
        _walk_to(schema, schema, dotted).update(copy.deepcopy(patch))
    for dotted, sub in EXTENSIONS.items():
        parent, _, leaf = dotted.rpartition(".")
        node = _walk_to(schema, schema, parent, create=True) if parent else schema
        node = resolve_ref(schema, node)
        node.setdefault("properties", {})[leaf] = copy.deepcopy(sub)
    return schema


def merged_properties(root: JSON, node: JSON) -> dict[str, JSON]:
    """Properties of an object node, merged over ``allOf``/``anyOf``/``oneOf`` branches."""
    node = resolve_ref(root, node)
    if not isinstance(node, dict):
        return {}
    props: dict[str, JSON] = dict(node.get("properties", {}))
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(key, []):
            for name, sub in merged_properties(root, branch).items():
                props.setdefault(name, sub)
    then = node.get("then")
    if isinstance(then, dict):
        for name, sub in merged_properties(root, then).items():
            props.setdefault(name, sub)
    return props


def child_schema(root: JSON, node: JSON, key: str) -> JSON | None:
    """The schema of property ``key`` below ``node`` (pattern/additional properties too)."""
    node = resolve_ref(root, node)
    props = merged_properties(root, node)
    if key in props:
        return resolve_ref(root, props[key])
    if isinstance(node, dict):
        for pattern, sub in node.get("patternProperties", {}).items():
            if re.search(pattern, key):
                return resolve_ref(root, sub)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            return resolve_ref(root, extra)
    return None


def schema_types(root: JSON, node: JSON | None) -> list[str]:
    """The JSON types a node allows, looking through ``$ref`` and combinators."""
    if node is None:
        return []
    node = resolve_ref(root, node)
    if not isinstance(node, dict):
        return []
    kind = node.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return list(kind)
    found: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(key, []):
            for t in schema_types(root, branch):
                if t not in found:
                    found.append(t)
    if not found and "properties" in node:
        found.append("object")
    return found
