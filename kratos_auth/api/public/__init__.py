"""api/public."""
