"""System checks (stable ids ``kratos_auth.E0xx`` / ``W0xx``), each with a hint."""

from __future__ import annotations
