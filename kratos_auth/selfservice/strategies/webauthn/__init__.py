"""The ``webauthn`` method."""
