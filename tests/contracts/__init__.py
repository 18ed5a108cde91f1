"""Contracts: api.json schema validation and per-Protocol suites."""
