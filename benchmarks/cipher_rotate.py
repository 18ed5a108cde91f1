"""Throughput of sealing, ``kratos secrets rotate`` and ``--check`` on a throwaway test database.

    PYTHONPATH=. .venv/bin/python benchmarks/cipher_rotate.py 20000
    KRATOS_TEST_DSN=postgres://... KRATOS_TEST_DB_NAME=bench_cipher \\
        PYTHONPATH=. .venv/bin/python benchmarks/cipher_rotate.py 20000
"""

from __future__ import annotations

import copy
import io
import os
import sys
import time
import timeit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from kratos_auth.cipher import sealing  # noqa: E402
from kratos_auth.models import Credential, Identity  # noqa: E402

KEY_A = "bench-A-0123456789abcdef01234567"
KEY_B = "bench-B-0123456789abcdef01234567"
CONFIG = {"hashed_password": "$argon2id$v=19$m=131072,t=1,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"}


def kratos(keys: list[str]) -> dict:
    tree = copy.deepcopy(settings.KRATOS)
    tree["secrets"]["cipher"] = keys
    return tree


def per_value() -> None:
    context = sealing.Context("kratos_identity_credentials", "config", "0" * 36)
    plaintext = str(CONFIG).encode()
    text = sealing.seal(plaintext, context)
    n = 20000
    seal_us = timeit.timeit(lambda: sealing.seal(plaintext, context), number=n) / n * 1e6
    open_us = timeit.timeit(lambda: sealing.open_(text, context), number=n) / n * 1e6
    print(f"seal {seal_us:.1f} µs/value, open {open_us:.1f} µs/value ({len(plaintext)} B)")


def rotate(n: int) -> None:
    with override_settings(KRATOS=kratos([KEY_A])):
        per_value()
        identities = Identity.objects.bulk_create([Identity(schema_id="d") for _ in range(n)])
        creds = [Credential(identity=i, type="password", config=CONFIG) for i in identities]
        Credential.objects.bulk_create(creds, batch_size=1000)
    with override_settings(KRATOS=kratos([KEY_B, KEY_A])):
        for args in (["--check"], []):
            started = time.perf_counter()
            call_command(
                "kratos", "secrets", "rotate", "--no-progress", *args, stdout=io.StringIO()
            )
            took = time.perf_counter() - started
            print(f"{' '.join(args) or 'rotate'} {n} values: {took:.2f}s ({n / took:.0f}/s)")
        started = time.perf_counter()
        loaded = sum(1 for c in Credential.objects.all() if c.config)
        took = time.perf_counter() - started
        print(f"load and decrypt {loaded} credentials: {took:.2f}s ({loaded / took:.0f}/s)")


if __name__ == "__main__":
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rotate(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
