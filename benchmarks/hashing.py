"""Password hashing cost: kratos_auth next to raw argon2-cffi / bcrypt, same parameters.

    .venv/bin/python benchmarks/hashing.py                      # PRODUCTION_PROFILE
    .venv/bin/python benchmarks/hashing.py --memory 19MB --iterations 2 --parallelism 1 --runs 5

Prints the median hash and verify time over ``--runs`` (ours and raw interleaved), the peak
RSS growth of one hash (a fresh child process per measurement: peak RSS after the hash minus
after the imports; tracemalloc cannot see Argon2's C allocations) and our overhead.
"""

from __future__ import annotations

import argparse
import copy
import hmac
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
PASSWORD = "correct horse battery staple"


def setup(hashers: dict[str, Any]) -> None:
    """Configure Django with the test settings and the given ``hashers`` section."""
    import django
    from django.conf import settings

    django.setup()
    tree = copy.deepcopy(settings.KRATOS)
    tree["hashers"] = hashers
    settings.KRATOS = tree
    from kratos_auth.conf import reload

    reload()


def hashers_section(args: argparse.Namespace) -> dict[str, Any]:
    from kratos_auth.hashers.profiles import PRODUCTION_PROFILE

    section = copy.deepcopy(PRODUCTION_PROFILE)
    argon2 = section["argon2"]
    for key in ("memory", "iterations", "parallelism"):
        if getattr(args, key) is not None:
            argon2[key] = getattr(args, key)
    if args.bcrypt_cost is not None:
        section["bcrypt"]["cost"] = args.bcrypt_cost
    return section


# -- the operations, ours and raw -----------------------------------------------------------


def operations(algorithm: str) -> dict[str, Any]:
    """name -> zero-argument callable, for ``algorithm`` with the configured parameters."""
    import bcrypt
    from argon2.low_level import Type, hash_secret_raw

    from kratos_auth import hashers
    from kratos_auth.hashers.facade import current_settings

    s = current_settings()
    p = s.argon2
    stored = hashers.hash_password(PASSWORD)
    raw_salt, raw_key = os.urandom(p.salt_length), b""

    def raw_argon2() -> bytes:
        return hash_secret_raw(
            PASSWORD.encode(), raw_salt, p.iterations, p.memory_kib, p.parallelism,
            p.key_length, Type.ID,
        )  # fmt: skip

    raw_key = raw_argon2() if algorithm == "argon2" else b""
    raw_bcrypt = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(s.bcrypt_cost, prefix=b"2a"))
    raw = {
        "argon2": (raw_argon2, lambda: hmac.compare_digest(raw_argon2(), raw_key)),
        "bcrypt": (
            lambda: bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(s.bcrypt_cost, prefix=b"2a")),
            lambda: bcrypt.checkpw(PASSWORD.encode(), raw_bcrypt),
        ),
    }[algorithm]
    return {
        "ours hash": lambda: hashers.hash_password(PASSWORD),
        "ours verify": lambda: hashers.verify_password(PASSWORD, stored),
        "raw hash": raw[0],
        "raw verify": raw[1],
    }


def timings(algorithm: str, runs: int) -> dict[str, float]:
    """Median seconds per operation, plus ``<op> overhead``: the median of paired ratios.

    Each run times ours and raw back to back in random order, so load from other processes
    hits both sides of a pair alike; the paired ratio is steadier than a ratio of medians.
    """
    ops = operations(algorithm)
    samples: dict[str, list[float]] = {name: [] for name in ops}
    ratios: dict[str, list[float]] = {"hash": [], "verify": []}
    for op in ops.values():
        op()  # warm-up
    for _ in range(runs):
        for kind in ("hash", "verify"):
            pair = [f"ours {kind}", f"raw {kind}"]
            random.shuffle(pair)
            for name in pair:
                start = time.perf_counter()
                ops[name]()
                samples[name].append(time.perf_counter() - start)
            ratios[kind].append(samples[f"ours {kind}"][-1] / samples[f"raw {kind}"][-1])
    result = {name: statistics.median(values) for name, values in samples.items()}
    for kind, values in ratios.items():
        result[f"{kind} overhead"] = statistics.median(values) - 1
    return result


def hash_once(algorithm: str, who: str) -> None:
    """One hash with nothing computed before it (for the memory measurement)."""
    import bcrypt
    from argon2.low_level import Type, hash_secret_raw

    from kratos_auth import hashers
    from kratos_auth.hashers.facade import current_settings

    s = current_settings()
    p = s.argon2
    if who == "ours":
        hashers.hash_password(PASSWORD)
    elif algorithm == "argon2":
        hash_secret_raw(
            PASSWORD.encode(), os.urandom(p.salt_length), p.iterations, p.memory_kib,
            p.parallelism, p.key_length, Type.ID,
        )  # fmt: skip
    else:
        bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(s.bcrypt_cost, prefix=b"2a"))


def peak_kib() -> int:
    """This process's peak RSS in KiB.

    Linux's ``ru_maxrss`` keeps the parent's high-water mark across fork and exec (a child of
    a process that already hashed 128 MB starts at that mark), so read the fresh per-image
    ``VmHWM`` where there is one and fall back to ``ru_maxrss``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(algorithm: str, who: str, hashers: dict[str, Any]) -> None:
    """Run in a fresh process: imports, then one hash; print RSS before and peak after."""
    setup(hashers)
    from kratos_auth.hashers.facade import current

    current()  # build the hasher set (no hashing) so only the hash itself is measured
    before = peak_kib()
    hash_once(algorithm, who)
    after = peak_kib()
    print(json.dumps({"before_kib": before, "after_kib": after}))


def peak_rss(algorithm: str, op: str, hashers: dict[str, Any]) -> dict[str, int]:
    cmd = [sys.executable, __file__, "--child", algorithm, op, "--hashers", json.dumps(hashers)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


# -- report ---------------------------------------------------------------------------------


def report(algorithm: str, hashers: dict[str, Any], runs: int) -> None:
    times = timings(algorithm, runs)
    print(f"\n{algorithm}: {describe(algorithm, hashers)}, median of {runs} runs")
    print(f"| {'':<18} | {'hash':>10} | {'verify':>10} | {'peak RSS':>10} | {'hash RSS +':>10} |")
    print(f"|{'-' * 20}|{'-' * 12}|{'-' * 12}|{'-' * 12}|{'-' * 12}|")
    rows = {}
    for who in ("raw", "ours"):
        memory = peak_rss(algorithm, who, hashers)
        rows[who] = times[f"{who} hash"], times[f"{who} verify"]
        label = "raw " + ("argon2-cffi" if algorithm == "argon2" else "bcrypt")
        print(
            f"| {label if who == 'raw' else 'kratos_auth':<18} "
            f"| {rows[who][0] * 1000:>8.1f}ms | {rows[who][1] * 1000:>8.1f}ms "
            f"| {memory['after_kib'] / 1024:>8.1f}MB "
            f"| {(memory['after_kib'] - memory['before_kib']) / 1024:>8.1f}MB |"
        )
    hash_over, verify_over = times["hash overhead"], times["verify overhead"]
    print(f"| {'overhead':<18} | {hash_over:>+9.1%} | {verify_over:>+9.1%} | {'':>10} | {'':>10} |")
    verdict = "within" if max(hash_over, verify_over) <= 0.05 else "ABOVE"
    print(f"overhead (median of paired ratios) {verdict} the 5 % target; load {load()}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def describe(algorithm: str, hashers: dict[str, Any]) -> str:
    if algorithm == "bcrypt":
        return f"cost {hashers['bcrypt']['cost']}"
    a = hashers["argon2"]
    return f"memory {a['memory']}, iterations {a['iterations']}, parallelism {a['parallelism']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", help="Argon2 memory, e.g. 64MB (default: production)")
    parser.add_argument("--iterations", type=int)
    parser.add_argument("--parallelism", type=int)
    parser.add_argument("--bcrypt-cost", type=int)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--skip-bcrypt", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--hashers", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], json.loads(args.hashers))
        return
    setup({})
    section = hashers_section(args)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    for algorithm in ("argon2",) if args.skip_bcrypt else ("argon2", "bcrypt"):
        hashers = {**section, "algorithm": algorithm}
        setup(hashers)
        report(algorithm, hashers, args.runs)


if __name__ == "__main__":
    main()
