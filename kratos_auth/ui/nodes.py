"""A flow's ``ui`` container (api.json ``uiContainer``) laid out for the page templates.

Generic on purpose: a method the pages have never heard of still renders, because only the
node types (``input``, ``text``, ``img``, ``a``, ``script``) and their attributes matter.

Layout, after Kratos's reference UI (one form per method, the ``default`` group shared):

* Each ``group`` becomes a :class:`Section`, in the order the flow sorted its nodes.
* Hidden ``default`` nodes (the CSRF token, a remembered identifier) go into every form.
* When the ``default`` group has visible fields (the login identifier, registration traits),
  the sections that use them share one form with them (sign in with a password or with a
  code); social sign-in (``oidc``, ``saml``) keeps forms of its own. Otherwise every
  section is a form of its own, titled on pages that ask for it (settings, second factors).
* Buttons that do not rely on the fields a browser would check (``Resend code``, ``Back``,
  another method's button in a shared form) carry ``formnovalidate``; the server validates.
* Inline ``onclick``/``onload`` handlers are never rendered (the pages run under a CSP
  without ``'unsafe-inline'``): the trigger name and its JSON argument become ``data-``
  attributes that ``ui.js`` hands to the WebAuthn helper (``webauthn.js``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kratos_auth.text import MessageId
from kratos_auth.text import pages as text

JSON = Any
INPUT_TYPES = frozenset(
    {
        "text",
        "password",
        "number",
        "checkbox",
        "hidden",
        "email",
        "tel",
        "submit",
        "button",
        "datetime-local",
        "date",
        "url",
    }
)
STANDALONE_GROUPS = ("oidc", "saml")
_TRIGGER_CALL = re.compile(r"^\s*window\.__([A-Za-z][A-Za-z0-9_]*)\((.*)\)\s*;?\s*$", re.S)
_TRIGGER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_SAFE_URL = re.compile(r"^(https?://|/(?!/))", re.I)
_SAFE_IMAGE = re.compile(r"^(https?://|/(?!/)|data:image/(png|jpeg|gif|webp);base64,)", re.I)


@dataclass
class Message:
    """One ``uiText``: ``kind`` is ``info``, ``error`` or ``success``."""

    id: int | None
    text: str
    kind: str
    html_id: str = ""
    used: bool = False  # a backup code that was used already

    @property
    def is_error(self) -> bool:
        return self.kind == "error"


@dataclass
class Field:
    """One node, reduced to what a template needs. ``widget`` picks the markup."""

    widget: str  # input, hidden, checkbox, button, text, secrets, image, link, script
    group: str
    name: str = ""
    html_id: str = ""
    label: str = ""
    input_type: str = "text"
    value: str = ""
    required: bool = False
    disabled: bool = False
    autocomplete: str = ""
    pattern: str = ""
    maxlength: int | None = None
    messages: list[Message] = field(default_factory=list)
    novalidate: bool = False
    autofocus: bool = False
    checked: bool = False
    primary: bool = False
    hidden: bool = False  # a submit button only the WebAuthn helper clicks
    trigger: str = ""
    trigger_argument: str = ""
    onload_trigger: str = ""
    text: str = ""
    secrets: list[Message] = field(default_factory=list)
    src: str = ""
    width: int | None = None
    height: int | None = None
    integrity: str = ""
    crossorigin: str = ""
    referrerpolicy: str = ""

    @property
    def described_by(self) -> str:
        return " ".join(m.html_id for m in self.messages)

    @property
    def invalid(self) -> bool:
        return any(m.is_error for m in self.messages)

    @property
    def is_submit(self) -> bool:
        return self.widget == "button" and self.input_type == "submit"


@dataclass
class Section:
    """The nodes of one method (``group``)."""

    group: str
    title: str
    fields: list[Field]

    @property
    def has_own_fields(self) -> bool:
        return any(f.widget in ("input", "checkbox") for f in self.fields)


@dataclass
class Form:
    action: str
    method: str
    html_id: str
    hidden: list[Field]
    shared: list[Field]
    sections: list[Section]
    titled: bool

    @property
    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    @property
    def navigation(self) -> bool:
        """Only Kratos's ``screen`` buttons (``Back`` in a two-step registration)."""
        found = [f for s in self.sections for f in s.fields]
        return bool(found) and all(f.widget == "button" and f.name == "screen" for f in found)


@dataclass
class Layout:
    """What the templates render: page messages, the forms and the scripts to load."""

    messages: list[Message]
    forms: list[Form]
    scripts: list[Field]

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.is_error]

    @property
    def has_errors(self) -> bool:
        """Any error on the page or on a field (the page title then says so)."""
        fields = (f for form in self.forms for f in [*form.shared, *form.fields])
        return bool(self.errors) or any(f.invalid for f in fields)


class _Ids:
    """Unique, readable ``id`` attributes for one page."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, *parts: str) -> str:
        base = "-".join(_ID_UNSAFE.sub("-", p).strip("-") for p in parts if p) or "node"
        candidate, counter = base, 1
        while candidate in self.used:
            counter += 1
            candidate = f"{base}-{counter}"
        self.used.add(candidate)
        return candidate


def _text_of(value: JSON) -> str:
    if isinstance(value, Mapping):
        return str(value.get("text") or "")
    return "" if value is None else str(value)


def message(raw: JSON, ids: _Ids, prefix: str) -> Message:
    kind = str(raw.get("type") or "info") if isinstance(raw, Mapping) else "info"
    raw_id = raw.get("id") if isinstance(raw, Mapping) else None
    return Message(
        id=raw_id if isinstance(raw_id, int) else None,
        text=_text_of(raw),
        kind=kind if kind in ("info", "error", "success") else "info",
        html_id=ids.make(prefix, "message"),
    )


def _value(raw: JSON) -> str:
    if raw is None or raw is False:
        return ""
    if isinstance(raw, (dict, list)):
        return json.dumps(raw, separators=(",", ":"))
    if raw is True:
        return "true"
    return str(raw)


def _trigger(attributes: Mapping[str, JSON], handler: str, name_key: str) -> tuple[str, str]:
    """``(trigger, JSON argument)`` from ``onclickTrigger`` and the ``onclick`` call.

    Kratos writes ``onclick: window.__oryWebAuthnLogin({...})``; only a JSON argument of a
    call to the named trigger is kept (and re-encoded), never any other script text."""
    name = str(attributes.get(name_key) or "")
    call = _TRIGGER_CALL.match(str(attributes.get(handler) or ""))
    if not name and call:
        name = call.group(1)
    if not _TRIGGER_NAME.match(name):
        return "", ""
    argument = ""
    if call and call.group(1) == name and call.group(2).strip():
        try:
            argument = json.dumps(json.loads(call.group(2)), separators=(",", ":"))
        except ValueError:
            argument = ""
    return name, argument


def _input(node: JSON, attributes: Mapping[str, JSON], ids: _Ids) -> Field:
    name = str(attributes.get("name") or "")
    input_type = str(attributes.get("type") or "text")
    input_type = input_type if input_type in INPUT_TYPES else "text"
    group = str(node.get("group") or "default")
    label = _text_of((node.get("meta") or {}).get("label"))
    value = attributes.get("value")
    html_id = ids.make("ui", group, name)
    messages = [message(m, ids, html_id) for m in node.get("messages") or []]
    result = Field(
        widget="input",
        group=group,
        name=name,
        html_id=html_id,
        label=label or name,
        input_type=input_type,
        value="" if input_type == "password" else _value(value),
        required=bool(attributes.get("required")),
        disabled=bool(attributes.get("disabled")),
        autocomplete=str(attributes.get("autocomplete") or ""),
        pattern=str(attributes.get("pattern") or ""),
        maxlength=attributes.get("maxlength")
        if isinstance(attributes.get("maxlength"), int)
        else None,
        messages=messages,
    )
    if input_type == "hidden":
        result.widget = "hidden"
    elif input_type == "checkbox":
        result.widget = "checkbox"
        result.value = "true"
        result.required = False
        result.checked = value is True or value == "true"
    elif input_type in ("submit", "button"):
        result.widget = "button"
        result.trigger, result.trigger_argument = _trigger(attributes, "onclick", "onclickTrigger")
        result.novalidate = input_type == "submit" and name != "method"
    result.onload_trigger = _trigger(attributes, "onload", "onloadTrigger")[0]
    return result


def _secrets(raw: JSON, ids: _Ids, prefix: str) -> list[Message]:
    context = raw.get("context") if isinstance(raw, Mapping) else None
    found = context.get("secrets") if isinstance(context, Mapping) else None
    if not isinstance(found, list):
        return []
    secrets = [message(s, ids, prefix) for s in found if isinstance(s, Mapping)]
    for secret in secrets:
        secret.used = secret.id == MessageId.INFO_SETTINGS_LOOKUP_SECRET_USED
    return secrets


def to_field(node: JSON, ids: _Ids) -> Field | None:
    """One node as a :class:`Field`; ``None`` for nodes that cannot be shown safely."""
    attributes = node.get("attributes") or {}
    kind = str(node.get("type") or attributes.get("node_type") or "")
    group = str(node.get("group") or "default")
    label = _text_of((node.get("meta") or {}).get("label"))
    node_id = str(attributes.get("id") or "")
    if kind == "input":
        return _input(node, attributes, ids)
    if kind == "text":
        html_id = ids.make("ui", group, node_id)
        secrets = _secrets(attributes.get("text"), ids, html_id)
        widget = "secrets" if secrets else "text"
        raw_text = _text_of(attributes.get("text"))
        return Field(widget, group, node_id, html_id, label, text=raw_text, secrets=secrets)
    src = str(attributes.get("src") or attributes.get("href") or "")
    if not (_SAFE_IMAGE if kind == "img" else _SAFE_URL).match(src):
        return None
    if kind == "img":
        width, height = attributes.get("width"), attributes.get("height")
        return Field(
            "image",
            group,
            node_id,
            ids.make("ui", group, node_id),
            label,
            src=src,
            width=width if isinstance(width, int) else None,
            height=height if isinstance(height, int) else None,
        )
    if kind == "a":
        title = _text_of(attributes.get("title")) or label
        return Field("link", group, node_id, ids.make("ui", group, node_id), title, src=src)
    if kind == "script":
        return Field(
            "script",
            group,
            node_id,
            ids.make("ui", group, node_id),
            src=src,
            integrity=str(attributes.get("integrity") or ""),
            crossorigin=str(attributes.get("crossorigin") or ""),
            referrerpolicy=str(attributes.get("referrerpolicy") or ""),
        )
    return None


def _sections(fields: Iterable[Field]) -> list[Section]:
    by_group: dict[str, Section] = {}
    for item in fields:
        section = by_group.get(item.group)
        if section is None:
            title = text.GROUP_TITLES.get(item.group, item.group.replace("_", " ").title())
            section = by_group[item.group] = Section(item.group, title, [])
        section.fields.append(item)
    for section in by_group.values():
        _hide_scripted_submits(section)
        # Enter in a field presses the form's first submit button: the method's, not
        # "Resend code" or "Remove".
        section.fields.sort(key=lambda f: f.is_submit and f.name != "method")
    return list(by_group.values())


def _hide_scripted_submits(section: Section) -> None:
    """Next to a WebAuthn/passkey trigger button, the ``method`` submit button is the one
    the helper clicks once the browser created the credential: one button for the user."""
    if any(f.trigger for f in section.fields if f.widget == "button"):
        for item in section.fields:
            if item.is_submit and item.name == "method":
                item.hidden = True


def _novalidate_other_methods(shared: list[Field], sections: list[Section]) -> None:
    """In a shared form, a method button whose section has no required field of its own
    (``Send sign-in code`` next to ``Password``) must not be blocked by the others'."""
    if len(sections) < 2:
        return
    for section in sections:
        own_required = any(f.required for f in section.fields if f.widget == "input")
        if not own_required:
            for item in section.fields:
                if item.is_submit:
                    item.novalidate = True


def _primary_button(form: Form) -> Field | None:
    buttons = [f for s in form.sections for f in s.fields if f.widget == "button" and not f.hidden]
    methods = [f for f in buttons if f.is_submit and f.name == "method"]
    triggers = [f for f in buttons if f.trigger]
    return (methods or triggers or [None])[0]


def build(ui: JSON, titled: bool = False) -> Layout:
    """Lay out api.json's ``uiContainer`` ``ui`` for the templates.

    ``titled``: when every method has a form of its own, give each a heading and a primary
    button (settings, second factors); otherwise only the first method's button is primary.
    """
    ids = _Ids()
    action, method = str(ui.get("action") or ""), str(ui.get("method") or "POST").upper()
    fields = [f for f in (to_field(n, ids) for n in ui.get("nodes") or []) if f is not None]
    scripts = [f for f in fields if f.widget == "script"]
    fields = [f for f in fields if f.widget != "script"]
    hidden = [f for f in fields if f.group == "default" and f.widget == "hidden"]
    shared = [f for f in fields if f.group == "default" and f.widget != "hidden"]
    sections = _sections(f for f in fields if f.group != "default")

    def form(shared_fields: list[Field], members: list[Section], with_title: bool) -> Form:
        html_id = ids.make("ui-form", members[0].group if members else "default")
        return Form(action, method, html_id, hidden, shared_fields, members, with_title)

    if shared:
        rest = [s for s in sections if s.group not in STANDALONE_GROUPS]
        rest.sort(key=lambda s: not s.has_own_fields)  # stable: fields first, then buttons
        _novalidate_other_methods(shared, rest)
        forms = [form([], [s], False) for s in sections if s.group in STANDALONE_GROUPS]
        forms.append(form(shared, rest, False))
    else:
        separate = titled and len(sections) > 1
        forms = [form([], [s], separate) for s in sections]
    forms.sort(key=lambda f: f.navigation)  # "Back" goes last
    primaries = [b for b in (_primary_button(f) for f in forms) if b is not None]
    for button in primaries if titled else primaries[:1]:
        button.primary = True
    _autofocus_first_invalid(forms)
    messages = [message(m, ids, "ui") for m in ui.get("messages") or []]
    # Messages on hidden nodes (the CSRF token, a WebAuthn response) would be invisible.
    messages.extend(m for f in hidden for m in f.messages)
    return Layout(messages=messages, forms=forms, scripts=scripts)


def _autofocus_first_invalid(forms: list[Form]) -> None:
    """Move focus to the first field with an error, so it is announced and fixable."""
    for form in forms:
        for item in [*form.shared, *(f for s in form.sections for f in s.fields)]:
            if item.widget == "input" and item.invalid:
                item.autofocus = True
                return
