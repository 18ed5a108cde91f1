"""The ``code`` method: one-time codes for recovery, verification, login and sign-up."""
