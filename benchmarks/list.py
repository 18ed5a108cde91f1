"""Listing speed: the first and the 1,000th page of ``GET /admin/identities`` over 100,000
identities (page size 100), on a throw-away PostgreSQL database::

    .venv/bin/python benchmarks/list.py [--identities 100000] [--page-size 100]
        [--repeat 20] [--dsn postgres://postgres@127.0.0.1:5432/postgres]

Identities are seeded with bulk inserts (each with a password credential, its identifier
and a verifiable address, so a page prefetches what a real one does). The 1,000th page is
reached with the page token the API itself hands out for it. Keyset pagination should make
both pages cost the same; target: within 20 % of each other (medians).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(dsn: str) -> None:
    os.environ["KRATOS_TEST_DSN"] = dsn
    os.environ.setdefault("KRATOS_TEST_DB_NAME", "bench_kratos_list")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()


def _seed(total: int) -> None:
    from kratos_auth.core import clock
    from kratos_auth.identity.models import (
        Credential,
        CredentialIdentifier,
        Identity,
        VerifiableAddress,
    )

    now = clock.now()
    chunk = 5000
    for start in range(0, total, chunk):
        identities, credentials, identifiers, addresses = [], [], [], []
        for n in range(start, min(start + chunk, total)):
            email = f"user{n}@bench.example"
            identity = Identity(schema_id="default", traits={"email": email}, available_aal="aal1")
            credential = Credential(
                identity=identity, type="password", config={"hashed_password": "$2b$04$x"}
            )
            identities.append(identity)
            credentials.append(credential)
            identifiers.append(
                CredentialIdentifier(credential=credential, type="password", identifier=email)
            )
            addresses.append(VerifiableAddress(identity=identity, value=email, created_at=now))
        Identity.objects.bulk_create(identities)
        Credential.objects.bulk_create(credentials)
        CredentialIdentifier.objects.bulk_create(identifiers)
        VerifiableAddress.objects.bulk_create(addresses)
    print(f"seeded {total} identities")


def _time(client: object, urls: list[str], repeat: int) -> list[float]:
    """Median time of each URL; requests alternate so load changes hit all alike."""
    samples: list[list[float]] = [[] for _ in urls]
    for _ in range(repeat):
        for index, url in enumerate(urls):
            started = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            samples[index].append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:300]
            assert len(response.json()) > 0
    return [statistics.median(s) for s in samples]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--identities", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--page", type=int, default=1000, help="the deep page to time")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    _setup(args.dsn)

    from urllib.parse import quote

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from kratos_auth.api.pagination import encode_token
    from kratos_auth.identity.models import Identity

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _seed(args.identities)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client(**{"kratos.surface": "admin"})
        size = args.page_size
        # The token the API gives for page N is "after the last id of page N-1".
        last_of_previous = Identity.objects.order_by("id").values_list("id", flat=True)[
            (args.page - 1) * size - 1
        ]
        deep_token = quote(encode_token("identities", [str(last_of_previous)]))
        first_url = f"/admin/identities?page_size={size}"
        deep_url = f"{first_url}&page_token={deep_token}"
        _time(client, [first_url, deep_url], 3)  # warm up
        first, deep = _time(client, [first_url, deep_url], args.repeat)
        ratio = deep / first
        print(f"page 1:    {first * 1000:.1f} ms (median of {args.repeat})")
        print(f"page {args.page}: {deep * 1000:.1f} ms (median of {args.repeat})")
        print(
            f"deep/first = {ratio:.2f} over {args.identities} identities, page size {size} "
            f"({connection.vendor})"
        )
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
