"""A floor on how long a message-sending step takes, so timing reveals nothing.

Recovery, verification and code sign-in answer identically for known and unknown
addresses; the known path does a little more work (a message is rendered and queued). The
step runs inside :func:`at_least`, which sleeps until ``security.min_send_duration`` has
passed since the step began, hiding that difference behind a constant time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator

from kratos_auth.conf import config

NO_FLOOR = dt.timedelta(0)


@contextlib.contextmanager
def at_least(duration: dt.timedelta | None = None) -> Iterator[None]:
    """Make the block take at least ``duration`` (default ``security.min_send_duration``),
    also when it raises."""
    floor = duration if duration is not None else config.security.min_send_duration
    started = time.monotonic()
    try:
        yield
    finally:
        left = floor.total_seconds() - (time.monotonic() - started)
        if left > 0:
            time.sleep(left)
