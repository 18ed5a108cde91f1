"""The admin API (``serve.admin``): identities, courier messages, schemas; its
authentication (API keys, IP allowlist) and audit trail. Routes: :mod:`.urls`."""
