"""Kratos's DSN as Django's DATABASES entry; bad DSNs never echo the password."""

from __future__ import annotations

import traceback

import pytest
from django.db.utils import ConnectionHandler

from kratos_auth.conf import DsnError, database_from_dsn

PASSWORD = "hunter2-pa55"


@pytest.mark.parametrize(
    "dsn",
    [
        "memory",
        "sqlite://:memory:",
        "sqlite://file::memory:?_fk=true",
        "sqlite:///var/lib/kratos/db.sqlite?mode=memory",
    ],
)
def test_memory(dsn):
    assert database_from_dsn(dsn) == {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}


def test_sqlite_file_drops_kratos_query_options(tmp_path):
    path = tmp_path / "kratos.sqlite3"
    db = database_from_dsn(f"sqlite://{path}?_fk=true&mode=rwc")
    assert db == {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def test_sqlite_relative_path():
    assert database_from_dsn("sqlite://./var/kratos.db?_fk=true")["NAME"] == "./var/kratos.db"


def test_sqlite_dsn_gives_a_working_connection(tmp_path, django_db_blocker):
    path = tmp_path / "k.sqlite3"
    wrapper = ConnectionHandler({"default": database_from_dsn(f"sqlite://{path}?_fk=true")})[
        "default"
    ]
    with django_db_blocker.unblock():
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone() == (1,)  # Django enforces them, as _fk=true asks
        wrapper.close()
    assert path.exists()


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "cockroach"])
@pytest.mark.parametrize("mode", ["require", "verify-ca", "verify-full"])
def test_postgres_with_tls_options(scheme, mode):
    dsn = (
        f"{scheme}://kratos:{PASSWORD}@db.internal:5432/identities"
        f"?sslmode={mode}&sslrootcert=/etc/ssl/db-ca.pem&max_conns=20&max_idle_conns=4"
    )
    db = database_from_dsn(dsn)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "kratos",
        PASSWORD,
        "db.internal",
        5432,
        "identities",
    )
    assert db["OPTIONS"] == {"sslmode": mode, "sslrootcert": "/etc/ssl/db-ca.pem"}


def test_postgres_client_certificate_and_timeouts():
    db = database_from_dsn(
        "postgres://k@h/db?sslmode=verify-full&sslcert=/c.pem&sslkey=/k.pem"
        "&connect_timeout=5&application_name=kratos&max_conn_lifetime=1h30m"
    )
    assert db["OPTIONS"] == {
        "sslmode": "verify-full",
        "sslcert": "/c.pem",
        "sslkey": "/k.pem",
        "connect_timeout": "5",
        "application_name": "kratos",
    }
    assert db["CONN_MAX_AGE"] == 5400


def test_percent_encoded_password():
    assert database_from_dsn("postgres://k:p%40ss%2Fw%3Ad@h:5432/db")["PASSWORD"] == "p@ss/w:d"


@pytest.mark.parametrize(
    ("dsn", "says"),
    [
        (f"postgres://kratos:{PASSWORD}@db:notaport/identities", "not a valid PostgreSQL URL"),
        (f"postgres://kratos:{PASSWORD}/with-slash@db/identities", "not a valid PostgreSQL URL"),
        (f"postgres://kratos:{PASSWORD}@[::1/identities", "not a valid PostgreSQL URL"),
        (f"postgres://kratos:{PASSWORD}@db:99999/identities", "not a valid PostgreSQL URL"),
        (f"postgres://kratos:{PASSWORD}@db:5432", "database name is missing"),
        (f"postgres://kratos:{PASSWORD}@db/identities?sslmode=always", "sslmode must be one of"),
        (f"postgres://kratos:{PASSWORD}@db/ids?max_conn_lifetime=soon", "max_conn_lifetime"),
        (f"mysql://kratos:{PASSWORD}@tcp(db:3306)/identities", "unsupported database scheme"),
        ("just some text", "expected a URL"),
    ],
)
def test_bad_dsn_is_explained_without_the_password(dsn, says):
    with pytest.raises(DsnError) as caught:
        database_from_dsn(dsn)
    assert says in str(caught.value)
    assert str(caught.value).startswith("DSN: ")
    printed = "".join(traceback.format_exception(caught.value))
    assert PASSWORD not in printed
    assert "hunter2" not in printed
