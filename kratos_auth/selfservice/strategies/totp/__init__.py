"""The ``totp`` method."""
