"""hashers."""
