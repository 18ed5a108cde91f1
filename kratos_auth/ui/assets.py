"""``/ui/assets/<name>``: the pages' stylesheet and script, served by the app itself so the
pages work without ``collectstatic`` or a static file server (``kratos serve``).

URLs carry a content hash (``?v=``), so the files may be cached for a year.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

DIRECTORY = Path(__file__).resolve().parent.parent / "static" / "kratos_auth"
FILES = {"ui.css": "text/css; charset=utf-8", "ui.js": "text/javascript; charset=utf-8"}


@functools.cache
def content(name: str) -> bytes:
    return (DIRECTORY / name).read_bytes()


@functools.cache
def version(name: str) -> str:
    return hashlib.sha256(content(name)).hexdigest()[:16]


def urls() -> dict[str, str]:
    """``{"css": ..., "js": ...}``: paths on this site, versioned by content."""
    return {
        name.rpartition(".")[2]: f"{reverse('kratos_ui_asset', args=[name])}?v={version(name)}"
        for name in FILES
    }


@require_GET
def get_asset(request: HttpRequest, name: str) -> HttpResponse:
    if name not in FILES:
        raise Http404(name)
    response = HttpResponse(content(name), content_type=FILES[name])
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = f'"{version(name)}"'
    return response
