"""Cost of traits validation and of the identity service, on a throwaway test database.

    PYTHONPATH=. .venv/bin/python benchmarks/identity_service.py [count]
    KRATOS_TEST_DSN=postgres://postgres@127.0.0.1:5432/test KRATOS_TEST_DB_NAME=bench_identity \\
        PYTHONPATH=. .venv/bin/python benchmarks/identity_service.py [count]

Prints the median time of: validating + walking the bundled email-password schema
(``inspect_traits``), ``create_identity`` (no password, so no hashing is measured; every
create writes 3 credentials with identifiers and 2 addresses), ``update_identity`` with a
changed e-mail, ``get_identity`` + ``serialize_identity`` (admin shape) and
``delete_identity``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from kratos_auth.api.serializers.identity import serialize_identity  # noqa: E402
from kratos_auth.identity import queries, service  # noqa: E402
from kratos_auth.schema import get_schema, inspect_traits  # noqa: E402


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.3f} ms"


def timed(fn: Callable[[int], object], count: int) -> list[float]:
    samples = []
    for i in range(count):
        start = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - start)
    return samples


def main(count: int) -> None:
    schema = get_schema()
    traits = {"email": "jane.doe@example.com", "name": {"first": "Jane", "last": "Doe"}}
    validate = timed(lambda i: inspect_traits(schema, traits), count)
    ids: list[object] = []
    create = timed(
        lambda i: ids.append(service.create_identity(traits={"email": f"user{i}@bench.test"}).pk),
        count,
    )
    update = timed(
        lambda i: service.update_identity(ids[i], traits={"email": f"moved{i}@bench.test"}), count
    )
    read = timed(
        lambda i: serialize_identity(
            queries.get_identity(ids[i]), include_credentials=True, include_metadata_admin=True
        ),
        count,
    )
    delete = timed(lambda i: service.delete_identity(ids[i]), count)
    print(f"database: {connection.vendor}, {count} identities")
    print(f"inspect_traits (validate + extensions): {median_ms(validate)}")
    print(f"create_identity:                        {median_ms(create)}")
    print(f"update_identity (new e-mail):           {median_ms(update)}")
    print(f"get_identity + serialize_identity:      {median_ms(read)}")
    print(f"delete_identity:                        {median_ms(delete)}")


if __name__ == "__main__":
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
