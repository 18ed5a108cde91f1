"""URLconfs: ``kratos_auth.api.urls.public`` and ``kratos_auth.api.urls.admin``."""
