"""One package per method, named after its credentials type."""
