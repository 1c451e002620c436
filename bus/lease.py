"""The active keeper's lease: one record, ``active``, in the JetStream KV bucket
``ctxbus_keeper`` (stream ``KV_ctxbus_keeper``, history 1, file storage, as many replicas
as the job stream).

Every operation is a compare-and-set on the record's revision, so of several keepers
trying at once exactly one holds the lease: :func:`claim` creates the record (none yet, or
only a delete marker) or replaces the revision the claimant read; :func:`renew` replaces
the holder's own revision; :func:`release` deletes it. A claim or renewal that finds
another revision returns None: someone else holds the lease now. Deciding *when* to claim
(the holder is gone) is the keeper's (actors/keeper.py, docs/architecture.md).
"""

from __future__ import annotations

import contextlib
import time

from nats.js import JetStreamContext
from nats.js.errors import KeyNotFoundError, KeyWrongLastSequenceError
from nats.js.kv import KeyValue

from bus.jobs import ensure_kv_bucket
from bus.messages import KeeperLease, decode, encode
from bus.subjects import KEEPER_LEASE_BUCKET

__all__ = [
    "LEASE_KEY",
    "LEASE_STREAM",
    "claim",
    "ensure_lease_bucket",
    "new_lease",
    "read_lease",
    "release",
    "renew",
]

LEASE_KEY = "active"
LEASE_STREAM = f"KV_{KEEPER_LEASE_BUCKET}"


async def ensure_lease_bucket(js: JetStreamContext, replicas: int = 1) -> KeyValue:
    """The lease bucket, created (history 1, file storage, ``replicas`` copies) if missing."""
    return await ensure_kv_bucket(
        js, KEEPER_LEASE_BUCKET, what="keeper lease bucket", replicas=replicas
    )


async def read_lease(kv: KeyValue) -> tuple[KeeperLease | None, int | None]:
    """The lease and its revision; ``(None, None)`` when nobody holds it (no record, or a
    delete marker: released). An unreadable record counts as held, by nobody known."""
    try:
        entry = await kv.get(LEASE_KEY)
    except KeyNotFoundError:  # KeyDeletedError too
        return None, None
    try:
        lease: KeeperLease | None = decode(entry.value or b"", KeeperLease)
    except Exception:
        lease = None
    return lease, entry.revision


def new_lease(holder: str, instance: str) -> KeeperLease:
    return KeeperLease(holder=holder, instance=instance, since=time.time())


async def claim(kv: KeyValue, lease: KeeperLease, last: int | None) -> int | None:
    """Take the lease: create it (``last`` None) or replace revision ``last``. Returns the
    new revision, or None if another keeper got there first."""
    try:
        if last is None:
            return await kv.create(LEASE_KEY, encode(lease))
        return await kv.update(LEASE_KEY, encode(lease), last=last)
    except KeyWrongLastSequenceError:
        return None


async def renew(kv: KeyValue, lease: KeeperLease, last: int) -> int | None:
    """Write the lease again over our own revision ``last``; None if it was taken."""
    try:
        return await kv.update(LEASE_KEY, encode(lease), last=last)
    except KeyWrongLastSequenceError:
        return None


async def release(kv: KeyValue, last: int) -> None:
    """Give the lease up (only if it is still ours at revision ``last``)."""
    with contextlib.suppress(Exception):
        await kv.delete(LEASE_KEY, last=last)
