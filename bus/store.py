"""Durable entries: a JetStream key-value bucket the keeper writes through.

Each live entry is one KV record (history 1) under ``<namespace>.<key-token>``; deleting,
evicting or expiring an entry deletes its record. A keeper that restarts reads the bucket
back, so a crash or an upgrade loses no context.

The bucket is the JetStream stream ``KV_ctxbus_entries``: on a NATS cluster give it as
many replicas as the job stream (``replicas``), so losing a node loses no entry and stops
no put. An existing bucket is reconciled like the job stream (:mod:`bus.jobs`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from nats.js import JetStreamContext
from nats.js.api import KeyValueConfig, StorageType
from nats.js.errors import NotFoundError
from nats.js.kv import KeyValue

from bus.jobs import check_replicas, ensure_stream_exists
from bus.messages import ContextEntry, decode
from bus.subjects import ENTRIES_BUCKET, key_token

__all__ = ["ENTRIES_STREAM", "ensure_entry_store", "read_entries", "record_key"]


def record_key(namespace: str, key: str) -> str:
    return f"{namespace}.{key_token(key)}"


#: The stream nats-py keeps a key-value bucket in.
ENTRIES_STREAM = f"KV_{ENTRIES_BUCKET}"


async def ensure_entry_store(js: JetStreamContext, replicas: int = 1) -> KeyValue:
    """The entry bucket, created (history 1, file storage, ``replicas`` copies) if missing."""
    check_replicas(replicas)
    config = KeyValueConfig(
        bucket=ENTRIES_BUCKET, history=1, storage=StorageType.FILE, replicas=replicas
    )
    await ensure_stream_exists(
        js,
        ENTRIES_STREAM,
        lambda: js.create_key_value(config),
        what="entry bucket",
        replicas=replicas,
        wanted={"max_msgs_per_subject": 1, "storage": StorageType.FILE},
    )
    return await js.key_value(ENTRIES_BUCKET)


async def read_entries(
    js: JetStreamContext, kv: KeyValue
) -> AsyncIterator[tuple[str, ContextEntry | None]]:
    """Every stored record as ``(record key, entry)``; entry is None for unreadable records.

    The records are listed from the bucket stream's subjects and read one by one, not with
    a key-value watcher: nats-py's watcher can signal "no more initial values" before it has
    delivered them (its end marker races the first messages), and a keeper restoring from
    it then starts empty.
    """
    prefix = f"$KV.{ENTRIES_BUCKET}."
    info = await js.stream_info(ENTRIES_STREAM, subjects_filter=f"{prefix}>")
    for subject in sorted((info.state.subjects or {}).keys()):
        record = subject[len(prefix) :]
        try:
            found = await kv.get(record)
        except NotFoundError:  # deleted (a delete marker) or purged meanwhile
            continue
        if not found.value:
            continue
        try:
            yield record, decode(found.value, ContextEntry)
        except Exception:
            yield record, None
