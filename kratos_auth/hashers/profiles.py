"""Named hasher parameter profiles.

``TEST_PROFILE`` is deliberately cheap (for test suites on small machines) and must never be
used in production; ``PRODUCTION_PROFILE`` is Kratos's default strength.
"""

from __future__ import annotations

from typing import Any

TEST_PROFILE: dict[str, Any] = {
    "algorithm": "argon2",
    "argon2": {
        "memory": "64KB",
        "iterations": 1,
        "parallelism": 1,
        "salt_length": 16,
        "key_length": 32,
        "dedicated_memory": "64MB",
    },
    "bcrypt": {"cost": 4},
}

PRODUCTION_PROFILE: dict[str, Any] = {
    "algorithm": "argon2",
    "argon2": {
        "memory": "128MB",
        "iterations": 1,
        "parallelism": 4,
        "salt_length": 16,
        "key_length": 32,
        "dedicated_memory": "1GB",
    },
    "bcrypt": {"cost": 12},
}
