"""Throughput and latency of ``/sessions/whoami`` against a one-SELECT floor view.

    .venv/bin/python benchmarks/whoami.py                   # SQLite and PostgreSQL
    .venv/bin/python benchmarks/whoami.py --db sqlite --duration 5
    .venv/bin/python benchmarks/whoami.py --pg-dsn postgres://postgres@127.0.0.1:5432/postgres

For each database it creates a fresh one (a temp SQLite file, or a throw-away PostgreSQL
database), builds the tables with ``migrate --run-syncdb``, issues one session through the
session service, and starts the public app as ``kratos serve`` does: gunicorn, 2 sync
workers, ``example_project.wsgi:public_application``, access log on. A second process
(this script with ``--client``) then loads, in alternating rounds of equal length:

* ``floor``: ``/_bench/floor/<identity id>`` — a plain Django view doing one primary-key
  SELECT (mounted by ``example_project/urls_public.py`` when ``KRATOS_BENCH_FLOOR=1``);
* ``whoami``: ``/sessions/whoami`` with the session token in ``X-Session-Token``.

It prints req/s, p50 and p99 for both, and checks the targets: whoami >= 0.8 x the floor's
req/s and whoami p99 <= 2 x the floor's p99.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_PG = os.environ.get("KRATOS_BENCH_PG_DSN", "postgres://postgres@127.0.0.1:5432/postgres")
SEED = """
import json, django
django.setup()
from kratos_auth.identity.models import Identity, RecoveryAddress, VerifiableAddress
from kratos_auth.session import service
identity = Identity.objects.create(schema_id="default", traits={"email": "bench@example.com"},
                                   metadata_public={"plan": "bench"}, available_aal="aal1")
VerifiableAddress.objects.create(identity=identity, value="bench@example.com", via="email")
RecoveryAddress.objects.create(identity=identity, value="bench@example.com", via="email")
device = service.DeviceInfo(ip_address="203.0.113.7", user_agent="bench/1.0")
session, token = service.issue(identity, ["password"], device=device)
print(json.dumps({"identity": str(identity.id), "token": token.reveal()}))
"""


# ---------------------------------------------------------------- load generator (client)


def _one_request(host: str, port: int, path: str, headers: dict[str, str]) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    finally:
        conn.close()
    return status, time.perf_counter() - start


def run_client(url: str, headers: dict[str, str], duration: float, concurrency: int) -> dict:
    """Hit ``url`` from ``concurrency`` threads for ``duration`` seconds."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker() -> None:
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < deadline:
            try:
                status, elapsed = _one_request(host, port, path, headers)
            except OSError:
                bad += 1
                continue
            if status == 200:
                mine.append(elapsed)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"latencies": latencies, "errors": errors[0], "elapsed": time.perf_counter() - started}


# ---------------------------------------------------------------- server side


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(dsn: str, port: int) -> dict:
    return {
        "dsn": dsn,
        "serve": {"public": {"base_url": f"http://127.0.0.1:{port}/", "port": port}},
        "secrets": {
            "default": ["bench-default-secret-0123456789abcdef"],
            "cookie": ["bench-cookie-secret-0123456789abcdef"],
            "cipher": ["0123456789abcdef0123456789abcdef"],
        },
        "hashers": {"algorithm": "bcrypt", "bcrypt": {"cost": 4}},
    }


def _env(config_file: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in [n for n in env if n.startswith(("SECRETS_", "DSN", "SERVE_"))]:
        env.pop(name)
    env.update(
        KRATOS_CONFIG=str(config_file),
        DJANGO_SETTINGS_MODULE="example_project.settings",
        KRATOS_BENCH_FLOOR="1",
        PYTHONPATH=str(ROOT),
    )
    return env


def _prepare(env: dict[str, str]) -> dict:
    for command in (["migrate", "--run-syncdb", "--noinput"], ["createcachetable"]):
        subprocess.run(
            [PYTHON, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            stderr=subprocess.DEVNULL,
        )
    out = subprocess.run(
        [PYTHON, "-c", SEED], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _start_server(env: dict[str, str], port: int, access_log: bool) -> subprocess.Popen:
    command = [PYTHON, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    command += ["--worker-class", "sync", "--name", "kratos-public-bench"]
    if access_log:
        command += ["--access-logfile", "-"]
    command += ["example_project.wsgi:public_application"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    for _ in range(200):
        try:
            if _one_request("127.0.0.1", port, "/health/alive", {})[0] == 200:
                return server
        except OSError:
            time.sleep(0.05)
    server.terminate()
    raise SystemExit("gunicorn did not start: " + server.stderr.read().decode()[-2000:])


def _load(url: str, headers: dict[str, str], duration: float, concurrency: int) -> dict:
    """Run the load generator in a second process (``--client``)."""
    command = [PYTHON, __file__, "--client", url, "--duration", str(duration)]
    command += ["--concurrency", str(concurrency), "--headers", json.dumps(headers)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _summary(runs: list[dict]) -> dict:
    latencies = sorted(x for run in runs for x in run["latencies"])
    elapsed = sum(run["elapsed"] for run in runs)
    if not latencies:
        return {"requests": 0, "rps": 0.0, "p50": float("nan"), "p99": float("nan"), "errors": 0}
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1000,
        "p99": cuts[98] * 1000,
        "errors": sum(run["errors"] for run in runs),
    }


def bench(db: str, dsn: str, args: argparse.Namespace) -> dict[str, dict]:
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="kratos-bench-"))
    config_file = workdir / "kratos.json"  # JSON is YAML
    config_file.write_text(json.dumps(_config(dsn, port)))
    env = _env(config_file)
    seed = _prepare(env)
    server = _start_server(env, port, not args.no_access_log)
    base = f"http://127.0.0.1:{port}"
    targets = {
        "floor": (f"{base}/_bench/floor/{seed['identity']}", {}),
        "whoami": (f"{base}/sessions/whoami", {"X-Session-Token": seed["token"]}),
    }
    runs: dict[str, list[dict]] = {"floor": [], "whoami": []}
    try:
        for url, headers in targets.values():  # warm up both workers and caches
            _load(url, headers, args.warmup, args.concurrency)
        for _ in range(args.rounds):
            for name, (url, headers) in targets.items():
                runs[name].append(_load(url, headers, args.duration, args.concurrency))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    return {name: _summary(found) for name, found in runs.items()}


def _postgres_database(admin_dsn: str) -> tuple[str, str]:
    """A fresh database on the server of ``admin_dsn``: ``(dsn, name)``."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"kratos_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin_dsn)
    # Persistent connections (Django's CONN_MAX_AGE), as a production DSN would ask for:
    # otherwise every request of both endpoints pays a new PostgreSQL connection.
    return urlunsplit(parts._replace(path=f"/{name}", query="max_conn_lifetime=1h")), name


def _drop_postgres_database(admin_dsn: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _print_table(results: dict[str, dict[str, dict]], args: argparse.Namespace) -> bool:
    print(
        f"\nwhoami benchmark: gunicorn 2 sync workers, {args.concurrency} client threads, "
        f"{args.rounds} x {args.duration:g}s per endpoint\n"
    )
    header = f"{'database':<11}{'endpoint':<9}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
    print(header + f"{'errors':>8}")
    print("-" * (len(header) + 8))
    passed = True
    for db, found in results.items():
        for name in ("floor", "whoami"):
            row = found[name]
            print(
                f"{db:<11}{name:<9}{row['requests']:>9}{row['rps']:>9.0f}"
                f"{row['p50']:>9.2f}{row['p99']:>9.2f}{row['errors']:>8}"
            )
        floor, whoami = found["floor"], found["whoami"]
        ratio = whoami["rps"] / floor["rps"] if floor["rps"] else 0.0
        p99 = whoami["p99"] / floor["p99"] if floor["p99"] else float("inf")
        ok = ratio >= 0.8 and p99 <= 2.0 and not whoami["errors"]
        passed &= ok
        verdict = "PASS" if ok else "FAIL"
        print(
            f"{db:<11}whoami/floor: req/s x{ratio:.2f} (target >= 0.80), "
            f"p99 x{p99:.2f} (target <= 2.00)  {verdict}"
        )
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--pg-dsn", default=DEFAULT_PG, help="server to create the bench DB on")
    parser.add_argument("--duration", type=float, default=2.5, help="seconds per round")
    parser.add_argument("--rounds", type=int, default=6, help="alternating rounds per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--headers", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        result = run_client(args.client, json.loads(args.headers), args.duration, args.concurrency)
        print(json.dumps(result))
        return 0
    results: dict[str, dict[str, dict]] = {}
    if args.db in ("sqlite", "both"):
        workdir = Path(tempfile.mkdtemp(prefix="kratos-bench-db-"))
        try:
            results["sqlite"] = bench("sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}", args)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.db in ("postgres", "both"):
        dsn, name = _postgres_database(args.pg_dsn)
        try:
            results["postgresql"] = bench("postgresql", dsn, args)
        finally:
            _drop_postgres_database(args.pg_dsn, name)
    return 0 if _print_table(results, args) else 1


if __name__ == "__main__":
    sys.exit(main())
