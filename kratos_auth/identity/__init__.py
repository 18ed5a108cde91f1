"""Identities, their credentials and addresses.

Writes go through :mod:`kratos_auth.identity.service`, reads through
:mod:`kratos_auth.identity.queries`; import those modules directly (this package does not
re-export them, so importing ``kratos_auth.identity.models`` stays cheap during app loading).
"""
