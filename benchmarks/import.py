"""Batch import speed: identities/s through ``PATCH /admin/identities`` with pre-hashed passwords.

Runs in-process (Django test client on the admin surface, so JSON parsing, the view, the
identity service and the audit trail are all measured) against a throw-away PostgreSQL
database::

    .venv/bin/python benchmarks/import.py [--batches 5] [--batch-size 1000]
        [--dsn postgres://postgres@127.0.0.1:5432/postgres]

Each identity carries a bcrypt (cost 12) hash, an email trait (so a password, webauthn and
code credential, their identifiers and both addresses are written) and metadata. Target on
the reference machine: >= 1,000 identities/s. Wall time depends on what else runs; the
"app CPU" figure (this process only, not PostgreSQL's) helps to read results on a busy host.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# One bcrypt hash at Kratos's default cost (12) of "benchmark password"; imports only parse it.
BCRYPT_HASH = "$2b$12$ORKwL7zzg7oeDuFADrl3veiZtOIb7uxH2AWE8hopi4OzjgbicaT9O"


def _setup(dsn: str) -> None:
    os.environ["KRATOS_TEST_DSN"] = dsn
    os.environ.setdefault("KRATOS_TEST_DB_NAME", "bench_kratos_import")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()


def _batch(offset: int, size: int) -> str:
    items = [
        {
            "create": {
                "schema_id": "default",
                "traits": {"email": f"user{offset + i}@bench.example"},
                "metadata_public": {"imported": True},
                "credentials": {"password": {"config": {"hashed_password": BCRYPT_HASH}}},
            }
        }
        for i in range(size)
    ]
    return json.dumps({"identities": items})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    _setup(args.dsn)

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        client = Client(**{"kratos.surface": "admin"})
        rates = []
        for n in range(args.batches):
            body = _batch(n * args.batch_size, args.batch_size)
            started, cpu = time.perf_counter(), time.process_time()
            response = client.patch("/admin/identities", body, content_type="application/json")
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert response.status_code == 200, response.content[:500]
            results = response.json()["identities"]
            assert all(r["action"] == "create" for r in results), results[:3]
            rates.append(args.batch_size / elapsed)
            print(
                f"batch {n + 1}: {args.batch_size} identities in {elapsed:.2f}s "
                f"= {rates[-1]:.0f}/s (app CPU {cpu:.2f}s)"
            )
        print(
            f"median: {statistics.median(rates):.0f} identities/s "
            f"({connection.vendor}, batch size {args.batch_size})"
        )
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
