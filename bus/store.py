"""Durable entries: a JetStream key-value bucket the keeper writes through.

Each live entry is one KV record (history 1) under ``<namespace>.<key-token>``; deleting,
evicting or expiring an entry deletes its record. A keeper that restarts reads the bucket
back, so a crash or an upgrade loses no context.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from nats.js import JetStreamContext
from nats.js.api import KeyValueConfig, StorageType
from nats.js.errors import BadRequestError, BucketNotFoundError, NotFoundError
from nats.js.kv import KeyValue

from bus.messages import ContextEntry, decode
from bus.subjects import ENTRIES_BUCKET, key_token

__all__ = ["ensure_entry_store", "read_entries", "record_key"]


def record_key(namespace: str, key: str) -> str:
    return f"{namespace}.{key_token(key)}"


async def ensure_entry_store(js: JetStreamContext) -> KeyValue:
    try:
        return await js.key_value(ENTRIES_BUCKET)
    except (BucketNotFoundError, NotFoundError):
        pass
    with contextlib.suppress(BadRequestError):  # created by another keeper meanwhile
        return await js.create_key_value(
            KeyValueConfig(bucket=ENTRIES_BUCKET, history=1, storage=StorageType.FILE)
        )
    return await js.key_value(ENTRIES_BUCKET)


async def read_entries(kv: KeyValue) -> AsyncIterator[tuple[str, ContextEntry | None]]:
    """Every stored record as ``(record key, entry)``; entry is None for unreadable records."""
    watcher = await kv.watchall(ignore_deletes=True)
    try:
        while True:
            update = await watcher.updates(timeout=10)  # type: ignore[no-untyped-call]
            if update is None:  # end of the initial values
                return
            if not update.value:
                continue
            try:
                yield update.key, decode(update.value, ContextEntry)
            except Exception:
                yield update.key, None
    finally:
        await watcher.stop()  # type: ignore[no-untyped-call]
