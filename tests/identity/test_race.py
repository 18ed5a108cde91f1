"""Two concurrent registrations of one identifier: exactly one wins, the other gets 409.

Runs on SQLite and PostgreSQL (``KRATOS_TEST_DSN``); the database's unique constraints
decide, so the outcome does not depend on timing.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from kratos_auth.identity import service
from kratos_auth.identity.errors import IdentityConflict
from kratos_auth.identity.models import CredentialIdentifier, Identity, VerifiableAddress

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 4


def race(*emails: str) -> list[object]:
    barrier = threading.Barrier(len(emails))
    results: list[object] = [None] * len(emails)

    def attempt(index: int, email: str) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = service.create_identity(traits={"email": email})
        except Exception as err:  # noqa: BLE001 - recorded for the assertions
            results[index] = err
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i, e)) for i, e in enumerate(emails)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_concurrent_creates_with_the_same_identifier(round_):
    email = f"race{round_}@example.com"
    results = race(email, email.upper())
    winners = [r for r in results if isinstance(r, Identity)]
    losers = [r for r in results if isinstance(r, IdentityConflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].status == 409
    assert Identity.objects.count() == 1
    assert CredentialIdentifier.objects.filter(identifier=email, type="password").count() == 1
    assert VerifiableAddress.objects.filter(value=email).count() == 1


def test_concurrent_creates_with_different_identifiers_both_succeed():
    results = race("one@example.com", "two@example.com")
    assert all(isinstance(r, Identity) for r in results), results
    assert Identity.objects.count() == 2
