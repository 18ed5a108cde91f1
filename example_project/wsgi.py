"""The two WSGI apps ``kratos serve`` runs: public (4433) and admin (4434)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")

_django = get_wsgi_application()


def _surface(name: str) -> Callable[..., Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ["kratos.surface"] = name
        return _django(environ, start_response)

    return app


public_application = _surface("public")
admin_application = _surface("admin")
application = public_application
