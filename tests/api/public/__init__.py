"""Tests of the public session, whoami and logout endpoints."""
