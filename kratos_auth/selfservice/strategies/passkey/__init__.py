"""The ``passkey`` method."""
