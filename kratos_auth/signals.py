"""Signals sent by the services (never by views).

Every signal is sent with ``sender=Identity`` once the service's own transaction block has
written its rows (inside the caller's transaction, if there is one, like ``post_save``):

* ``identity_created(identity)``
* ``identity_updated(identity, changed)`` — ``changed`` is a frozenset of what changed:
  ``traits``, ``state``, ``schema_id``, ``metadata_public``, ``metadata_admin``,
  ``external_id``, ``credentials``
* ``identity_deleted(identity_id, identity)`` — ``identity`` is the in-memory instance as
  it was before deletion
"""

from __future__ import annotations

from django.dispatch import Signal

identity_created = Signal()
identity_updated = Signal()
identity_deleted = Signal()
