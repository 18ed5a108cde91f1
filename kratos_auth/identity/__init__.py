"""Identities, their credentials and addresses."""
