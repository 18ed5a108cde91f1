"""The audit trail: who did what to which target, and when (admin API, CLI, Django admin)."""
