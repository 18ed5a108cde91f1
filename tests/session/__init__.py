"""Tests of kratos_auth.session."""
