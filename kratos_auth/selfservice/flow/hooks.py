"""The hook framework: which hooks run when, and the state they share.

Hooks are named in config (``selfservice.flows.<flow>.before.hooks`` and
``after[.<method>].hooks``) and mapped to classes in ``registry.HOOKS``. A hook class
implements one method per place it may run, named ``<flow>_<phase>`` (``login_before``,
``login_after``, ``registration_before``, ``registration_pre_persist``,
``registration_after``, later ``settings_after`` …); configuring it elsewhere is a
configuration error.

When ``selfservice.flows.verification.enabled`` is on and a ``verification`` hook is
registered, it runs first after registration (Kratos's implicit verifier).

Unlike Kratos, a method-specific list (``after.password.hooks``) *adds to* the global
``after.hooks`` instead of silently replacing it; entries listed in both run once. The
``session`` hook always runs last.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from kratos_auth import registry
from kratos_auth.conf import config
from kratos_auth.errors import BadRequest
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.text import flows as flow_text

JSON = Any
logger = logging.getLogger("kratos_auth.selfservice.hooks")
SESSION_HOOK = "session"
VERIFICATION_HOOK = "verification"


def _verification_enabled() -> bool:
    return bool(config.selfservice.flows.verification.enabled) and (
        VERIFICATION_HOOK in registry.HOOKS
    )


@dataclass
class HookState:
    """What the hooks of one flow completion read and write.

    ``identity`` may be replaced by a pre-persist hook; ``session``/``session_token`` are
    set by the session hook (or the login service); ``continue_with`` collects Kratos's
    ``continue_with`` actions; ``redirect_to`` overrides where browsers go next;
    ``after_commit`` holds callables run once the flow's transaction committed.
    """

    flow: Any
    ctx: FlowContext
    method: str | None = None
    #: The identifier the user signed in with (login), normalised.
    identifier: str = ""
    identity: Any = None
    session: Any = None
    session_token: Any = None
    continue_with: list[JSON] = field(default_factory=list)
    redirect_to: str | None = None
    after_commit: list[Callable[[], None]] = field(default_factory=list)


class HookError(Exception):
    """A hook could not do its work (e.g. a web hook did not answer); ``hook`` names it."""

    def __init__(self, hook: str, problem: str) -> None:
        self.hook = hook
        super().__init__(f"{hook}: {problem}")


class Hook(Protocol):
    """A hook built from its config (``{"hook": name, "config": {...}}``).

    Each ``<flow>_<phase>(state)`` method returns ``None`` or raises: a
    :class:`~kratos_auth.selfservice.flow.errors.FlowValidation` to put messages on the form,
    a :class:`~kratos_auth.errors.KratosError` to answer with an error.
    """

    name: str

    def __init__(self, hook_config: JSON) -> None: ...


def _entries(node: Any) -> list[JSON]:
    if node is None:
        return []
    raw = node.raw() if hasattr(node, "raw") else node
    hooks = raw.get("hooks") if isinstance(raw, dict) else None
    return [h for h in hooks or [] if isinstance(h, dict) and h.get("hook")]


def configured(flow_name: str, phase: str, method: str | None = None) -> list[JSON]:
    """The hook entries for ``flow_name``'s ``phase`` (``before``/``after``), global then
    method-specific, without duplicates, ``session`` moved to the end."""
    flow_conf = config.selfservice.flows[flow_name]
    stage = flow_conf.get(phase)
    if stage is None:
        return []
    entries = _entries(stage)
    if phase == "after" and method and method in stage.keys():
        entries += _entries(stage[method])
    if (flow_name, phase) == ("registration", "after") and _verification_enabled():
        # Kratos runs its verifier before the configured hooks when verification is on.
        entries.insert(0, {"hook": VERIFICATION_HOOK})
    unique: list[JSON] = []
    seen: set[str] = set()
    for entry in entries:
        key = json.dumps(entry, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    unique.sort(key=lambda e: e.get("hook") == SESSION_HOOK)
    return unique


def build(entry: JSON) -> Any:
    """An instance of the hook class named by ``entry["hook"]``."""
    name = str(entry.get("hook"))
    dotted = registry.HOOKS.get(name)
    if dotted is None:
        raise ImproperlyConfigured(f"unknown self-service hook {name!r}")
    return registry.resolve(dotted)(entry.get("config") or {})


def run_before(flow_name: str, state: HookState) -> None:
    """The ``before`` hooks of a new flow. A refusal (messages from a parsing web hook) or a
    failing hook stops the flow from being created: 400 with the reason."""
    try:
        run(flow_name, "before", "before", state)
    except FlowValidation as err:
        texts = "; ".join(str(message.get("text", "")) for _, message in err.messages)
        raise BadRequest(texts or None) from err
    except HookError as err:
        raise BadRequest(flow_text.HOOK_FAILED_REASON.format(hook=err.hook)) from err


def run(flow_name: str, phase: str, step: str, state: HookState) -> None:
    """Run the hooks configured for ``flow_name``/``phase`` at ``step``, in order."""
    for entry in configured(flow_name, phase, state.method):
        hook = build(entry)
        handler = getattr(hook, f"{flow_name}_{step}", None)
        if handler is None:
            if step in ("after", "before"):
                raise ImproperlyConfigured(
                    f"hook {entry.get('hook')!r} cannot run at {flow_name}.{phase}"
                )
            continue  # e.g. a post-persist-only hook is skipped at the pre-persist step
        handler(state)
