"""PostgreSQL over TLS for real: the DSN's sslmode/sslrootcert reach psycopg through Django.

Needs the local cluster on 127.0.0.1:5432, a superuser login and root (to hand the key to
the ``postgres`` user). The test turns ``ssl`` on with a fresh CA for the duration and then
restores the previous settings; plain connections keep working throughout (pg_hba's ``host``
lines accept both), so nothing else on the cluster is disturbed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from kratos_auth.conf import database_from_dsn
from tests.db.pki import Authority, write_server_files

HOST, PORT = "127.0.0.1", 5432
ADMIN_DSN = f"postgres://postgres@{HOST}:{PORT}/postgres"
SSL_SETTINGS = ("ssl_cert_file", "ssl_key_file", "ssl_ca_file", "ssl")
LOCK_FILE = Path(tempfile.gettempdir()) / "kratos-test-postgres-tls.lock"


def _unavailable() -> str | None:
    if os.geteuid() != 0:
        return "needs root to install the server key for the postgres user"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "no local 'postgres' system user"
    with socket.socket() as sock:
        sock.settimeout(1)
        if sock.connect_ex((HOST, PORT)) != 0:
            return f"PostgreSQL is not reachable on {HOST}:{PORT}"
    return None


def _connect(dsn: str):  # a Django DatabaseWrapper built from our DSN parser
    return ConnectionHandler({"default": database_from_dsn(dsn)})["default"]


def _query(dsn: str, sql: str) -> tuple:
    wrapper = _connect(dsn)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()
    finally:
        wrapper.close()


def _ssl_of_this_session(dsn: str) -> tuple:
    return _query(dsn, "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")


def _alter_system(statements: list[str]) -> None:
    wrapper = _connect(ADMIN_DSN + "?sslmode=disable")
    try:
        wrapper.ensure_connection()
        wrapper.connection.autocommit = True  # ALTER SYSTEM refuses to run in a transaction
        with wrapper.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            cursor.execute("SELECT pg_reload_conf()")
    finally:
        wrapper.close()


def _previous_settings() -> list[tuple[str, str, str | None]]:
    wrapper = _connect(ADMIN_DSN + "?sslmode=disable")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT current_setting('is_superuser')")
            if cursor.fetchone()[0] != "on":
                pytest.skip("the postgres login is not a superuser")
            cursor.execute(
                "SELECT name, setting, sourcefile FROM pg_settings WHERE name = ANY(%s)",
                [list(SSL_SETTINGS)],
            )
            return cursor.fetchall()
    finally:
        wrapper.close()


def _restore(previous: list[tuple[str, str, str | None]]) -> None:
    statements = []
    for name, setting, sourcefile in previous:
        if sourcefile and sourcefile.endswith("postgresql.auto.conf"):
            statements.append(f"ALTER SYSTEM SET {name} = '{setting}'")
        else:
            statements.append(f"ALTER SYSTEM RESET {name}")
    _alter_system(statements)


def _wait_for_tls(dsn: str) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            _ssl_of_this_session(dsn)
            return
        except OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def _exclusive() -> Iterator[None]:
    """One TLS test at a time on this machine (parallel suites share the cluster)."""
    with open(LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def tls_cluster(django_db_blocker) -> Iterator[dict[str, Path]]:
    """The local cluster serving TLS with a fresh CA: ``{"ca": …, "wrong_ca": …}``."""
    reason = _unavailable()
    if reason:
        pytest.skip(reason)
    postgres = pwd.getpwnam("postgres")
    with django_db_blocker.unblock(), _exclusive():
        previous = _previous_settings()
        directory = Path(tempfile.mkdtemp(prefix="kratos-pg-tls-"))
        try:
            files = write_server_files(
                directory, Authority.create("kratos test CA"), [HOST, "localhost"]
            )
            wrong = directory / "wrong-ca.crt"
            wrong.write_bytes(Authority.create("kratos test CA").pem())
            for path in (directory, *files.values()):
                os.chown(path, postgres.pw_uid, postgres.pw_gid)
            _alter_system(
                [
                    f"ALTER SYSTEM SET ssl_cert_file = '{files['cert']}'",
                    f"ALTER SYSTEM SET ssl_key_file = '{files['key']}'",
                    f"ALTER SYSTEM SET ssl_ca_file = '{files['ca']}'",
                    "ALTER SYSTEM SET ssl = on",
                ]
            )
            try:
                _wait_for_tls(f"{ADMIN_DSN}?sslmode=require")
                yield {"ca": files["ca"], "wrong_ca": wrong}
            finally:
                _restore(previous)
        finally:
            shutil.rmtree(directory, ignore_errors=True)


def test_sslmode_require_encrypts_the_session(tls_cluster, django_db_blocker):
    with django_db_blocker.unblock():
        ssl, version = _ssl_of_this_session(f"{ADMIN_DSN}?sslmode=require")
    assert ssl is True
    assert version.startswith("TLS")


@pytest.mark.parametrize("host", [HOST, "localhost"])
def test_verify_full_accepts_the_server_signed_by_our_ca(tls_cluster, django_db_blocker, host):
    dsn = f"postgres://postgres@{host}:{PORT}/postgres?sslmode=verify-full&sslrootcert={tls_cluster['ca']}"
    with django_db_blocker.unblock():
        assert _ssl_of_this_session(dsn)[0] is True


@pytest.mark.parametrize("mode", ["verify-full", "verify-ca"])
def test_verification_against_a_wrong_ca_fails(tls_cluster, django_db_blocker, mode):
    dsn = f"{ADMIN_DSN}?sslmode={mode}&sslrootcert={tls_cluster['wrong_ca']}"
    with django_db_blocker.unblock(), pytest.raises(OperationalError) as caught:
        _ssl_of_this_session(dsn)
    assert "certificate verify failed" in str(caught.value)


def test_plain_connections_keep_working(tls_cluster, django_db_blocker):
    with django_db_blocker.unblock():
        ssl, _ = _ssl_of_this_session(f"{ADMIN_DSN}?sslmode=disable")
    assert ssl is False
