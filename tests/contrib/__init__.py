"""Tests of kratos_auth.contrib."""
