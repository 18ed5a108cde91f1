"""Settings of the reference project, read from the Kratos configuration.

Everything comes from the Kratos config sources (the ``KRATOS`` dict below, the YAML file
named by ``KRATOS_CONFIG`` / ``-c FILE``, and environment variables such as ``DSN``).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from kratos_auth.conf import DsnError, SourceError, collect, database_from_dsn

BASE_DIR = Path(__file__).resolve().parent.parent

# The reference project's own defaults; a YAML file and the environment override them.
KRATOS: dict = {
    "serve": {
        "public": {"base_url": "http://127.0.0.1:4433/", "host": "127.0.0.1", "port": 4433},
        "admin": {"base_url": "http://127.0.0.1:4434/", "host": "127.0.0.1", "port": 4434},
    },
}

try:
    _tree = collect(KRATOS)
    DATABASES = {
        "default": database_from_dsn(
            _tree.get("dsn") or f"sqlite:///{BASE_DIR / 'var' / 'kratos.sqlite3'}"
        )
    }
except (SourceError, DsnError) as _err:
    # The message names the source and the problem; the cause could quote a secret.
    raise ImproperlyConfigured(str(_err)) from None
DEV = bool(_tree.get("dev"))

_default_secrets = (_tree.get("secrets") or {}).get("default") or []
if _default_secrets:
    SECRET_KEY = _default_secrets[0]
    SECRET_KEY_FALLBACKS = list(_default_secrets[1:])
elif os.environ.get("DJANGO_SECRET_KEY"):
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
elif DEV:
    SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
else:
    raise ImproperlyConfigured("secrets.default: required outside --dev (at least 16 characters)")

DEBUG = False
_hosts = {"127.0.0.1", "localhost", "[::1]"}
for _surface in ("public", "admin"):
    _url = ((_tree.get("serve") or {}).get(_surface) or {}).get("base_url")
    if _url and urlsplit(_url).hostname:
        _hosts.add(urlsplit(_url).hostname)
ALLOWED_HOSTS = sorted(_hosts)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "corsheaders",
    "kratos_auth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kratos_auth.middleware.SurfaceMiddleware",
    "kratos_auth.api.admin.middleware.AdminApiMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kratos_auth.middleware.KratosSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kratos_auth.middleware.KratosErrorMiddleware",
]

ROOT_URLCONF = "example_project.urls_public"
KRATOS_ADMIN_URLCONF = "example_project.urls_admin"
WSGI_APPLICATION = "example_project.wsgi.public_application"
# The two apps ``manage.py kratos serve`` runs (public defaults to WSGI_APPLICATION).
KRATOS_PUBLIC_WSGI_APPLICATION = "example_project.wsgi.public_application"
KRATOS_ADMIN_WSGI_APPLICATION = "example_project.wsgi.admin_application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "example_project" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
APPEND_SLASH = False

# Production hardening (HSTS, CSP, proxy HTTPS detection, CORS from serve.public.cors,
# rate-limit cache, LOGGING from log.*): see settings_production.py. Plain HTTP with --dev only.
from example_project.settings_production import production_settings  # noqa: E402

globals().update(production_settings(_tree, DEV, MIDDLEWARE))
