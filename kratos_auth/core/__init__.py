"""Leaf kit: clock, randomness, secret values, units. Imports nothing of kratos_auth."""
