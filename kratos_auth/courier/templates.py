"""Message templates: Django templates with a subject, a plain-text and an HTML part.

Each Kratos template type has a folder ``courier/<kind>/<valid|invalid>/`` holding
``email.subject.txt``, ``email.body.txt``, ``email.body.html`` and, for code messages,
``sms.body.txt``. A part is looked up, first match wins, in:

1. ``courier.templates.<kind>.<valid|invalid>.email.subject`` / ``.email.body.plaintext`` /
   ``.email.body.html`` / ``.sms.body.plaintext`` (a ``file://``, ``base64://`` or
   ``http(s)://`` URI, as in Kratos; its content is a Django template);
2. ``courier.template_override_path``: ``<path>/<kind>/<variant>/<file>`` with our file names
   or Kratos's (``email.subject.gotmpl``, ``email.body.plaintext.gotmpl``,
   ``email.body.gotmpl``, ``sms.body.gotmpl``), also read as Django templates;
3. the site's Django template folders (``TEMPLATES``), then the templates shipped here.

Templates see the data under snake_case names (``recovery_code``, ``recovery_url``, ``to``,
``identity``, ``expires_in_minutes`` …) and under Kratos's Go names (``RecoveryCode``,
``RecoveryURL``, ``To``, ``Identity``, ``ExpiresInMinutes`` …) to ease porting. The HTML
part is auto-escaped, the text parts are not; a subject is folded to one line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template import (
    Context,
    Engine,
    Template,
    TemplateDoesNotExist,
    TemplateSyntaxError,
    engines,
)

from kratos_auth.conf import config
from kratos_auth.courier.models import TemplateType
from kratos_auth.schema.loader import SchemaLoadError, read_url

JSON = Any
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_SUBJECT_LENGTH = 250

# template type -> (kind folder and courier.templates key, variant)
FOLDERS: dict[str, tuple[str, str]] = {
    TemplateType.RECOVERY_VALID: ("recovery", "valid"),
    TemplateType.RECOVERY_INVALID: ("recovery", "invalid"),
    TemplateType.RECOVERY_CODE_VALID: ("recovery_code", "valid"),
    TemplateType.RECOVERY_CODE_INVALID: ("recovery_code", "invalid"),
    TemplateType.VERIFICATION_VALID: ("verification", "valid"),
    TemplateType.VERIFICATION_INVALID: ("verification", "invalid"),
    TemplateType.VERIFICATION_CODE_VALID: ("verification_code", "valid"),
    TemplateType.VERIFICATION_CODE_INVALID: ("verification_code", "invalid"),
    TemplateType.LOGIN_CODE_VALID: ("login_code", "valid"),
    TemplateType.REGISTRATION_CODE_VALID: ("registration_code", "valid"),
}


@dataclass(frozen=True)
class Part:
    file: str  # our file name
    kratos_file: str  # Kratos's file name in template_override_path
    config_path: tuple[str, ...]  # below courier.templates.<kind>.<variant>
    html: bool = False


SUBJECT = Part("email.subject.txt", "email.subject.gotmpl", ("email", "subject"))
TEXT = Part("email.body.txt", "email.body.plaintext.gotmpl", ("email", "body", "plaintext"))
HTML = Part("email.body.html", "email.body.gotmpl", ("email", "body", "html"), html=True)
SMS = Part("sms.body.txt", "sms.body.gotmpl", ("sms", "body", "plaintext"))


class TemplateError(Exception):
    """A template is missing or cannot be loaded or rendered (no data in the message)."""


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str

    def __repr__(self) -> str:  # bodies hold codes and links
        return "<RenderedEmail>"


def context_for(data: JSON) -> dict[str, Any]:
    """The template context: the data as given plus Kratos's Go-style names."""
    found = dict(data)
    for key, value in data.items():
        found.setdefault(_go_name(key), value)
    return found


_ACRONYMS = {"url": "URL", "id": "ID"}


def _go_name(key: str) -> str:
    return "".join(_ACRONYMS.get(p, p.capitalize()) for p in key.split("_"))


@functools.lru_cache(maxsize=1)
def _fallback_engine() -> Engine:
    return Engine(dirs=[str(PACKAGE_TEMPLATES)])


def _engine() -> Engine:
    """The site's first Django template engine (site overrides), else our own."""
    for backend in engines.all():
        inner = getattr(backend, "engine", None)
        if isinstance(inner, Engine):
            return inner
    return _fallback_engine()


@functools.lru_cache(maxsize=128)
def _from_uri(uri: str, allow_private: bool) -> str:
    try:
        return read_url(uri, allow_private=allow_private).decode("utf-8")
    except (SchemaLoadError, UnicodeDecodeError) as err:
        raise TemplateError(f"courier template {uri[:64]!r} cannot be loaded") from err


def _configured_uri(kind: str, variant: str, part: Part) -> str | None:
    node: Any = config.courier.templates
    for key in (kind, variant, *part.config_path):
        if node is None or not hasattr(node, "get"):
            return None
        node = node.get(key)
    return str(node) if node else None


def _override_source(kind: str, variant: str, part: Part) -> str | None:
    base = config.courier.template_override_path
    if not base:
        return None
    folder = Path(str(base)) / kind / variant
    for name in (part.file, part.kratos_file):
        path = folder / name
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                raise TemplateError(f"courier template {name} cannot be read") from err
    return None


def load(template_type: str, part: Part) -> Template:
    """The compiled template of ``part`` for ``template_type``."""
    try:
        kind, variant = FOLDERS[template_type]
    except KeyError as err:
        raise TemplateError(f"no courier template for {template_type!r}") from err
    engine = _engine()
    uri = _configured_uri(kind, variant, part)
    source = None
    if uri:
        allow_private = not bool(config.clients.http.disallow_private_ip_ranges)
        source = _from_uri(uri, allow_private)
    else:
        source = _override_source(kind, variant, part)
    if source is not None:
        try:
            return engine.from_string(source)
        except TemplateSyntaxError as err:
            raise TemplateError(
                f"courier template {kind}/{variant}/{part.file} is invalid"
            ) from err
    name = f"courier/{kind}/{variant}/{part.file}"
    for candidate in (engine, _fallback_engine()):
        try:
            return candidate.get_template(name)
        except TemplateDoesNotExist:
            continue
    raise TemplateError(f"courier template {name} does not exist")


def render(template_type: str, part: Part, data: JSON) -> str:
    template = load(template_type, part)
    try:
        return template.render(Context(context_for(data), autoescape=part.html))
    except Exception as err:  # noqa: BLE001 - a broken site template must not leak data
        raise TemplateError(f"courier template for {template_type} failed to render") from err


def one_line(text: str) -> str:
    """A header-safe subject: whitespace (CR/LF included) folded, length bounded."""
    return re.sub(r"\s+", " ", text).strip()[:MAX_SUBJECT_LENGTH]


def render_email(template_type: str, data: JSON) -> RenderedEmail:
    return RenderedEmail(
        subject=one_line(render(template_type, SUBJECT, data)),
        text=render(template_type, TEXT, data).strip() + "\n",
        html=render(template_type, HTML, data).strip(),
    )


def render_sms(template_type: str, data: JSON) -> str:
    return render(template_type, SMS, data).strip()


def clear_cache() -> None:
    """Forget templates loaded from URIs (after a configuration change)."""
    _from_uri.cache_clear()
