"""Migrations match the models, and apply forwards and backwards."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    try:
        call_command("makemigrations", "kratos_auth", "--check", "--dry-run", stdout=out)
    except SystemExit as exit_:  # --check exits non-zero when a migration is missing
        pytest.fail(f"models changed without a migration:\n{out.getvalue()} ({exit_})")


@pytest.mark.django_db(transaction=True)
def test_migrations_unapply_and_reapply():
    call_command("migrate", "kratos_auth", "zero", verbosity=0)
    call_command("migrate", "kratos_auth", verbosity=0)
    from kratos_auth.identity.models import Identity

    assert Identity.objects.count() == 0
