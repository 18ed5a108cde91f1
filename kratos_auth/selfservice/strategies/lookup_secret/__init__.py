"""The ``lookup_secret`` method."""
