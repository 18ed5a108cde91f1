"""The ``link`` method: one-time links for recovery and verification."""
