"""``kratos courier watch [--once]``: run the courier worker (Kratos's ``courier watch``).

Sends queued messages until SIGTERM or SIGINT (the current message is finished first),
resting ``courier.worker.pull_wait`` whenever the queue is empty. ``--once`` sends what is
due now and exits (for cron jobs and tests). ``kratos serve --watch-courier`` runs the same
command beside the HTTP servers.
"""

from __future__ import annotations

import argparse
import signal
import threading
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("courier", help="Send queued email and SMS messages")
    commands = parser.add_subparsers(dest="courier_command", required=True)
    watch = commands.add_parser(
        "watch",
        help="run the message dispatch worker",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    watch.add_argument("--once", action="store_true", help="send the messages due now, then exit")
    watch.add_argument(
        "--expose-metrics-port",
        type=int,
        default=0,
        help="accepted for compatibility with Kratos; metrics are not exposed",
    )
    watch.set_defaults(handler=handle)


def handle(args: argparse.Namespace, stdout: Any, stderr: Any) -> int:
    from kratos_auth.courier.worker import BatchResult, watch

    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()

    def report(result: BatchResult) -> None:
        if result.claimed:
            stdout.write(
                f"courier: {result.sent} sent, {result.failed} to retry, "
                f"{result.abandoned} abandoned\n"
            )
            stdout.flush()

    watched = (signal.SIGTERM, signal.SIGINT)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {sig: signal.signal(sig, on_signal) for sig in watched}
    if not args.once:
        stdout.write("courier: watching the message queue (SIGTERM or SIGINT stops)\n")
        stdout.flush()
    try:
        watch(stop, once=bool(args.once), on_batch=report)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
