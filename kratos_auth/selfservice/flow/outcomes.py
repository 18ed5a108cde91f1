"""What flow services and strategies return; the API layer turns each into a response.

* :class:`ShowFlow` - show the (updated) flow: JSON with ``status`` for API clients and
  ``Accept: application/json`` browsers, a 303 to the flow's UI for other browsers.
* :class:`Redirect` - the browser must open ``url`` (303); API clients get 422
  ``browser_location_change_required``.
* :class:`Completed` - the flow succeeded: ``session`` (and ``session_token`` for API
  flows) when one was issued, ``continue_with`` actions, and where browsers go next.
* :class:`Authenticated` - a login strategy verified a first or second factor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = Any


@dataclass(frozen=True)
class ShowFlow:
    flow: Any
    status: int = 200
    ui_url: str = ""


@dataclass(frozen=True)
class Redirect:
    url: str


@dataclass(frozen=True)
class Completed:
    flow: Any
    identity: Any
    return_to: str
    session: Any = None
    session_token: Any = None
    continue_with: list[JSON] = field(default_factory=list)


@dataclass(frozen=True)
class Authenticated:
    """A login strategy's success: who, with which method, at which AAL."""

    identity: Any
    method: str
    aal: str = "aal1"
    identifier: str = ""


@dataclass(frozen=True)
class Prepared:
    """A registration strategy filled the identity draft; hooks and persistence follow."""

    method: str
