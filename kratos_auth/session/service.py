"""Sessions: issue, refresh, revoke, extend, and answer "who is this?".

The flows (login, registration, recovery…) call :func:`issue` once they know who the user
is, and :func:`refresh` to upgrade or refresh an existing session; the HTTP layer calls
:func:`to_session` for ``/sessions/whoami`` and :func:`authenticate` for everything else.
Every time comes from ``core.clock`` unless ``now`` is passed in.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import router, transaction
from django.db.models import QuerySet

from kratos_auth import ratelimit
from kratos_auth.core import clock
from kratos_auth.core.secret import Secret
from kratos_auth.identity.models import AAL, Credential, CredentialsType, Identity
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.session import aal as levels
from kratos_auth.session import config as session_config
from kratos_auth.session import store, tokens
from kratos_auth.session.aal import AuthenticationMethod
from kratos_auth.session.errors import AalNotSatisfied, AddressNotVerified, NoActiveSession
from kratos_auth.session.models import Session, SessionDevice

MethodLike = AuthenticationMethod | str | Mapping[str, Any]
MFA_CREDENTIALS = (CredentialsType.TOTP, CredentialsType.LOOKUP_SECRET, CredentialsType.WEBAUTHN)


@dataclass(frozen=True)
class DeviceInfo:
    """Where a session is used from (api.json ``sessionDevice``)."""

    ip_address: str | None = None
    user_agent: str | None = None
    location: str | None = None

    def create_for(self, session: Session, now: dt.datetime) -> SessionDevice:
        return SessionDevice.objects.create(
            session=session,
            ip_address=(self.ip_address or None) and self.ip_address[:64],
            user_agent=(self.user_agent or None) and self.user_agent[:512],
            location=(self.location or None) and self.location[:512],
            created_at=now,
            updated_at=now,
        )


def _methods_json(methods: Iterable[MethodLike], now: dt.datetime) -> list[dict[str, Any]]:
    return [AuthenticationMethod.coerce(m).to_json(now) for m in methods]


def issue(
    identity: Identity,
    methods: Iterable[MethodLike] = (),
    aal: str | None = None,
    device: DeviceInfo | None = None,
    *,
    now: dt.datetime | None = None,
) -> tuple[Session, Secret]:
    """Create an active session for ``identity`` and return it with its token.

    ``methods`` are the authenticators just completed (``"password"``, an
    :class:`AuthenticationMethod`, or a dict with api.json's fields); ``aal`` defaults to the
    level they add up to. The token is returned once, wrapped in a :class:`Secret`; only its
    keyed hash is stored. Give it to the client as ``session_token`` or set it as the cookie
    (``session.transport.set_session_cookie``).
    """
    now = now or clock.now()
    settings = session_config.current()
    token = tokens.new_session_token()
    used = _methods_json(methods, now)
    session = Session(
        identity=identity,
        token_hash=tokens.hash_token(tokens.reveal(token), settings.token_keys[0]),
        active=True,
        aal=aal or levels.session_aal(used),
        authentication_methods=used,
        issued_at=now,
        authenticated_at=now,
        expires_at=now + settings.lifespan,
        created_at=now,
        updated_at=now,
    )
    with transaction.atomic():
        session.save(force_insert=True)
        if device is not None:
            device.create_for(session, now)
    _issued(session, device)
    return session, token


def _issued(session: Session, device: DeviceInfo | None) -> None:
    """Log the new (or upgraded) session; a second factor ends any lockout of the identity."""
    methods = [m.get("method") for m in session.authentication_methods if isinstance(m, dict)]
    event(
        SecurityEvent.SESSION_ISSUED,
        identity_id=session.identity_id,
        session_id=session.pk,
        aal=session.aal,
        methods=methods,
        ip=device.ip_address if device is not None else None,
    )
    if levels.rank(session.aal) >= levels.rank(AAL.AAL2):
        ratelimit.reset(session.identity_id)


def refresh(
    session: Session,
    methods: Iterable[MethodLike] = (),
    device: DeviceInfo | None = None,
    *,
    now: dt.datetime | None = None,
) -> Session:
    """Record newly completed ``methods`` (e.g. a second factor) on ``session``, recompute
    its AAL, and restart its lifespan (Kratos's login with ``refresh=true`` / AAL upgrade)."""
    now = now or clock.now()
    added = _methods_json(methods, now)
    if added:
        session.authentication_methods = [*session.authentication_methods, *added]
        session.authenticated_at = now
    session.aal = levels.session_aal(session.authentication_methods)
    session.expires_at = now + session_config.current().lifespan
    session.updated_at = now
    fields = ["authentication_methods", "authenticated_at", "aal", "expires_at", "updated_at"]
    with transaction.atomic():
        session.save(update_fields=fields)
        if device is not None:
            device.create_for(session, now)
    if added:
        _issued(session, device)
    return session


def find_by_token(token: str | Secret | None, *, related: bool = False) -> Session | None:
    """The session stored for ``token`` (in any state), with its identity, or ``None``.
    ``related`` also loads its devices and the identity's addresses (same round trip)."""
    if not token:
        return None
    plain = tokens.reveal(token)
    keys = session_config.current().token_keys
    hashes = tokens.candidate_hashes(plain, keys)
    if not hashes:
        return None
    lookup = store.whoami_by_token_hashes if related else store.session_by_token_hashes
    session = lookup(hashes)
    if session is None:
        return None
    if session.token_hash != hashes[0]:
        # Hashed under a retired secret: move it to the current key so the old secret can go.
        Session.objects.filter(pk=session.pk).update(token_hash=hashes[0])
        session.token_hash = hashes[0]
    return session


def authenticate(
    token: str | Secret | None, *, now: dt.datetime | None = None, related: bool = False
) -> Session | None:
    """The active session for ``token`` (identity loaded), or ``None``: unknown, revoked,
    expired and inactive-identity sessions all look the same from outside."""
    session = find_by_token(token, related=related)
    if session is None or not session.is_active_at(now or clock.now()):
        return None
    return session


def available_aal(identity: Identity) -> str:
    """The highest AAL ``identity`` can reach (``available_aal``, else from credentials)."""
    if identity.available_aal:
        return identity.available_aal
    has_mfa = Credential.objects.filter(identity=identity, type__in=MFA_CREDENTIALS).exists()
    return AAL.AAL2 if has_mfa else AAL.AAL1


def aal2_redirect_url() -> str:
    base = session_config.current().public_base_url.rstrip("/")
    return f"{base}/self-service/login/browser?aal=aal2"


def require_aal(session: Session, required: str) -> None:
    """Raise :class:`AalNotSatisfied` unless ``session`` meets ``required`` (``aal1``,
    ``aal2`` or ``highest_available``, Kratos's ``DoesSessionSatisfy``)."""
    if required == levels.HIGHEST_AVAILABLE:
        required = available_aal(session.identity)
    if not levels.satisfies(session.aal, required):
        raise AalNotSatisfied(aal2_redirect_url())


def require_verified_address(session: Session) -> None:
    """Raise :class:`AddressNotVerified` unless the identity has a verified address."""
    if not session.identity.verifiable_addresses.filter(verified=True).exists():
        raise AddressNotVerified()


def can_be_extended(session: Session, now: dt.datetime) -> bool:
    """Kratos's ``CanBeRefreshed``: within ``earliest_possible_extend`` of expiring (the
    window defaults to the whole lifespan, i.e. always)."""
    settings = session_config.current()
    window = settings.earliest_possible_extend or settings.lifespan
    return session.expires_at - window < now


def _extend(session: Session, now: dt.datetime) -> bool:
    """Push ``expires_at`` to ``now + lifespan``; a conditional update so that concurrent
    requests extend once. Returns whether this call extended it."""
    new_expiry = now + session_config.current().lifespan
    changed = Session.objects.filter(pk=session.pk, expires_at=session.expires_at).update(
        expires_at=new_expiry, updated_at=now
    )
    if changed:
        session.expires_at, session.updated_at = new_expiry, now
    return bool(changed)


@dataclass(frozen=True)
class WhoAmI:
    session: Session
    extended: bool  # the expiry moved: a persistent cookie should be re-issued


def to_session(token: str | Secret | None, *, now: dt.datetime | None = None) -> WhoAmI:
    """Answer ``/sessions/whoami``: the active session for ``token`` with everything the
    response shows loaded, after the ``session.whoami.required_aal`` check. With
    ``session.sliding`` the session is extended once ``earliest_possible_extend`` is reached.

    Raises :class:`NoActiveSession` (401) or :class:`AalNotSatisfied` (403).
    """
    now = now or clock.now()
    session = authenticate(token, now=now, related=True)
    if session is None:
        raise NoActiveSession()
    settings = session_config.current()
    require_aal(session, settings.whoami_required_aal)
    extended = settings.sliding and can_be_extended(session, now) and _extend(session, now)
    return WhoAmI(session=session, extended=bool(extended))


def revoke(session: Session) -> None:
    """End ``session`` (it stays stored, inactive, as Kratos keeps it)."""
    Session.objects.filter(pk=session.pk).update(active=False, updated_at=clock.now())
    session.active = False
    event(SecurityEvent.SESSION_REVOKED, identity_id=session.identity_id, session_id=session.pk)


def revoke_by_token(token: str | Secret | None) -> Session | None:
    """Revoke the session of ``token`` (already revoked is fine); ``None`` if unknown."""
    session = find_by_token(token)
    if session is not None:
        revoke(session)
    return session


def disable_my_other_sessions(session: Session) -> int:
    """Revoke every other active session of the same identity; returns how many."""
    others = Session.objects.filter(identity_id=session.identity_id, active=True)
    count = others.exclude(pk=session.pk).update(active=False, updated_at=clock.now())
    event(SecurityEvent.SESSION_REVOKED, identity_id=session.identity_id, count=count)
    return count


def disable_my_session(session: Session, session_id: uuid.UUID) -> None:
    """Revoke one of the identity's other sessions. Someone else's session or an unknown id
    is silently ignored (as Kratos does); the current session must use the logout flow."""
    Session.objects.filter(pk=session_id, identity_id=session.identity_id, active=True).update(
        active=False, updated_at=clock.now()
    )


def disable_session(session_id: uuid.UUID) -> bool:
    """Admin: revoke any session. Returns ``False`` when it does not exist."""
    return bool(Session.objects.filter(pk=session_id).update(active=False, updated_at=clock.now()))


def revoke_sessions(session_ids: Iterable[uuid.UUID]) -> int:
    """Revoke the given sessions (the Django admin's action); returns how many changed."""
    return disable_sessions(session_ids)


def extend_session(session_id: uuid.UUID, *, now: dt.datetime | None = None) -> bool:
    """Admin ``PATCH /admin/sessions/{id}/extend``: restart the lifespan if the session is
    within ``earliest_possible_extend`` of expiring, else leave it (no write). Returns
    ``False`` when the session does not exist."""
    now = now or clock.now()
    with transaction.atomic():
        session = Session.objects.select_for_update().filter(pk=session_id).first()
        if session is None:
            return False
        if can_be_extended(session, now):
            _extend(session, now)
    return True


def delete_identity_sessions(identity_id: uuid.UUID) -> int:
    """Admin: delete (not just revoke) every session of an identity; returns how many."""
    return delete_identities_sessions([identity_id])


class ManageAction(StrEnum):
    """api.json ``manageSessionsBody.action``."""

    DISABLE = "disable"
    DELETE = "delete"


# Kratos's limits for ``POST /admin/sessions``: explicit ids per call, and rows per call when
# every session in the network is targeted (the caller re-issues while ``more`` is true).
MANAGE_MAX_IDS = 500
MANAGE_BATCH_SIZE = 5000


@dataclass(frozen=True)
class Managed:
    """api.json ``manageSessionsResponse``: rows affected; ``more`` when a batch was full."""

    processed: int
    more: bool = False


def _disable(scope: QuerySet[Session]) -> int:
    """One UPDATE; counts only the sessions that were active before (Kratos)."""
    return scope.filter(active=True).update(active=False, updated_at=clock.now())


def _delete(scope: QuerySet[Session]) -> int:
    """Delete the sessions of ``scope`` and their devices: one DELETE per table, in one
    transaction. The devices go first (the database has no ON DELETE CASCADE: Django
    emulates it by loading every row, which a bulk call must not do)."""
    using = router.db_for_write(Session)
    with transaction.atomic(using=using):
        # Lock the rows first: the set cannot shift between the two statements, and a device
        # being added to one of these sessions waits, then fails against a deleted session.
        ids = list(scope.using(using).select_for_update().values_list("pk", flat=True))
        if not ids:
            return 0
        SessionDevice.objects.using(using).filter(session_id__in=ids).delete()  # fast path
        # ``_raw_delete`` is the single DELETE that ``QuerySet.delete`` ends with once the
        # related rows are gone; it returns the row count.
        return Session.objects.using(using).filter(pk__in=ids)._raw_delete(using)


def _batch(scope: QuerySet[Session], batch_size: int) -> QuerySet[Session]:
    """The first ``batch_size`` sessions of ``scope`` by primary key, as a subquery: every
    statement touches a bounded number of rows, so no long lock is held."""
    return Session.objects.filter(pk__in=scope.order_by("pk").values("pk")[:batch_size])


def disable_sessions(session_ids: Iterable[uuid.UUID]) -> int:
    """Revoke the given sessions; returns how many were active."""
    return _disable(Session.objects.filter(pk__in=list(session_ids)))


def delete_sessions(session_ids: Iterable[uuid.UUID]) -> int:
    """Delete the given sessions with their devices; returns how many were deleted."""
    return _delete(Session.objects.filter(pk__in=list(session_ids)))


def disable_identities_sessions(identity_ids: Iterable[uuid.UUID]) -> int:
    """Revoke every session of the given identities; returns how many were active."""
    return _disable(Session.objects.filter(identity_id__in=list(identity_ids)))


def delete_identities_sessions(identity_ids: Iterable[uuid.UUID]) -> int:
    """Delete every session of the given identities; returns how many were deleted."""
    return _delete(Session.objects.filter(identity_id__in=list(identity_ids)))


def disable_all_sessions(batch_size: int | None = None) -> Managed:
    """Revoke up to ``batch_size`` (default :data:`MANAGE_BATCH_SIZE`) active sessions of the
    whole network; ``more`` when the batch was full (call again until it is not)."""
    size = batch_size or MANAGE_BATCH_SIZE
    count = _disable(_batch(Session.objects.filter(active=True), size))
    return Managed(processed=count, more=count == size)


def delete_all_sessions(batch_size: int | None = None) -> Managed:
    """Delete up to ``batch_size`` sessions of the whole network; ``more`` as above."""
    size = batch_size or MANAGE_BATCH_SIZE
    count = _delete(_batch(Session.objects.all(), size))
    return Managed(processed=count, more=count == size)


def manage_sessions(
    action: ManageAction,
    *,
    identity_ids: Iterable[uuid.UUID] = (),
    session_ids: Iterable[uuid.UUID] = (),
    everything: bool = False,
) -> Managed:
    """Admin ``POST /admin/sessions``: ``action`` on every session in the network (one
    batch), on the sessions of ``identity_ids``, or on ``session_ids``. The caller checks
    the body (one scope, at most :data:`MANAGE_MAX_IDS` ids)."""
    disable = action == ManageAction.DISABLE
    if everything:
        return disable_all_sessions() if disable else delete_all_sessions()
    session_ids = list(session_ids)
    if session_ids:
        run = disable_sessions if disable else delete_sessions
        return Managed(processed=run(session_ids))
    run = disable_identities_sessions if disable else delete_identities_sessions
    return Managed(processed=run(identity_ids))
