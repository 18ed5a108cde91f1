"""Issuing and using link tokens: 32 random alphanumerics (about 190 bits), stored as a
keyed hash, valid for ``selfservice.methods.link.config.lifespan``, used at most once (a
conditional update decides between two simultaneous clicks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kratos_auth.conf import config
from kratos_auth.core import randomness
from kratos_auth.core.secret import Secret
from kratos_auth.selfservice.flow import single_use
from kratos_auth.selfservice.strategies.link.models import LinkToken

TOKEN_LENGTH = 32
MAX_TOKEN_LENGTH = 128
KEY_LABEL = b"kratos_auth/link-token/v1"
_store = single_use.SingleUseStore(LinkToken, "token_hash", KEY_LABEL, MAX_TOKEN_LENGTH)


def token_hash(token: str, purpose: str, flow_id: Any, key: bytes) -> str:
    return single_use.keyed_hash(token, purpose, flow_id, key)


def lifespan() -> dt.timedelta:
    return config.selfservice.methods["link"].config.lifespan


def issue(
    purpose: str,
    flow: Any,
    *,
    identity: Any = None,
    address: str = "",
    via: str = "",
    expires_in: dt.timedelta | None = None,
    by_admin: bool = False,
    usable: bool = True,
) -> Secret:
    """A fresh token for ``flow`` (earlier unused tokens of the flow are dropped)."""
    token = randomness.token(TOKEN_LENGTH)
    _store.issue(
        token,
        purpose,
        flow,
        identity=identity,
        address=address,
        via=via,
        lifespan=expires_in or lifespan(),
        usable=usable,
        issued_by_admin=by_admin,
    )
    return Secret(token)


def use(purpose: str, flow: Any, submitted: str | None) -> LinkToken | None:
    """The token row, now used; ``None`` if wrong, expired, used or not usable."""
    row: LinkToken | None = _store.use(purpose, flow, submitted)
    return row
