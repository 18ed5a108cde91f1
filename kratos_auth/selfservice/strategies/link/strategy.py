"""The ``link`` method: one-time links for recovery and verification."""

from __future__ import annotations

from kratos_auth.selfservice.flow.delegates import (
    RecoveryByModule,
    VerificationByModule,
)
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.strategies.link import recovery as recovery_method
from kratos_auth.selfservice.strategies.link import verification as verification_method


class LinkStrategy(RecoveryByModule, VerificationByModule):
    """Kratos's ``link`` strategy (``selfservice.methods.link``)."""

    id = "link"
    group = Group.LINK
    recovery_module = recovery_method
    verification_module = verification_method
