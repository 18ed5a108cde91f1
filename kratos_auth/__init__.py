"""django-kratos-auth: Ory Kratos's identity server as a reusable Django app."""

__version__ = "0.1.0"
