"""Large texts through a JetStream object store (claim check).

A text above :data:`INLINE_MAX_BYTES` never travels inside a request, job or entry: its
writer uploads it once to the object store bucket of its namespace,
``ctxbus_blobs_<namespace>`` (created by the first writer), and sends a
:class:`~bus.messages.BlobRef` (bucket, name, size, digest) instead. The client uploads a
large original; a worker reads it from there and uploads a large compressed form; readers
(``get(full=True)``, ``get_entry``) read from there too. The keeper only passes references
around and deletes the objects of entries that leave the store.

Uploads use chunks of up to 1 MiB (64 publishes for 64 MB); downloads pull the chunks in
batches and write them into one buffer of the final size as they arrive, never
concatenated. The digest in a reference is the object store's own
(``SHA-256=<base64url>``), checked against the data on every download, so a reference
cannot point at other bytes. One bucket per namespace lets NATS permissions keep a
tenant's large texts to itself (a shared bucket cannot be protected by subject
allow-lists: a subject with a literal ``*`` token passes them, so a consumer or a rollup
on ``$O.<bucket>.M.*`` would reach every object).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import time
import typing
import uuid
from collections.abc import Callable

import nats.errors
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    ObjectMeta,
    ObjectMetaOptions,
    ObjectStoreConfig,
    StorageType,
)
from nats.js.errors import NotFoundError, ObjectNotFoundError, ServiceUnavailableError
from nats.js.object_store import ObjectStore

from bus._errors import BlobMissing, ProtocolError, RequestTimeout
from bus._poll import retry_until
from bus.jobs import check_replicas, ensure_stream_exists
from bus.messages import BlobRef
from bus.subjects import BLOBS_BUCKET, is_blobs_bucket

__all__ = [
    "BLOBS_STREAM",
    "DEFAULT_MAX_PUT_BYTES",
    "INLINE_MAX_BYTES",
    "Progress",
    "blob_buckets",
    "blob_store",
    "chunk_size",
    "delete_blob",
    "download",
    "ensure_blob_store",
    "inline_limit",
    "upload",
]

#: The stream nats-py keeps an object store bucket in.
BLOBS_STREAM = f"OBJ_{BLOBS_BUCKET}"
#: Texts above this many UTF-8 bytes go through the object store.
INLINE_MAX_BYTES = 256 * 1024
#: A put above this many bytes is refused before anything is uploaded (per client).
DEFAULT_MAX_PUT_BYTES = 64 * 1024 * 1024
#: Object chunks: fewer, larger publishes are faster (each waits for its ack).
MAX_CHUNK = 1024 * 1024
#: Room in a chunk message for the headers and the subject.
_CHUNK_HEADROOM = 64 * 1024

#: Chunks asked for per pull while reading (16 MiB in flight at most).
_READ_BATCH = 16
#: Seconds a read waits for the next chunks before it counts the object as gone.
_READ_TIMEOUT = 10.0
#: Seconds a read may wait for its bucket to answer at all (a cluster electing a leader).
_OPEN_TIMEOUT = 30.0
_DIGEST_PREFIX = "SHA-256="

#: ``progress(done_bytes, total_bytes)``, called as a transfer advances.
Progress = Callable[[int, int], None]


def inline_limit(max_payload: int) -> int:
    """Largest text sent inline: :data:`INLINE_MAX_BYTES`, less on a server with small frames
    (an entry carries original and compressed text)."""
    return max(0, min(INLINE_MAX_BYTES, (max_payload - _CHUNK_HEADROOM) // 2))


def chunk_size(max_payload: int) -> int:
    return max(4096, min(MAX_CHUNK, max_payload - _CHUNK_HEADROOM))


def _stream(bucket: str) -> str:
    return f"OBJ_{bucket}"


def _bucket_of(store: ObjectStore) -> str:
    return str(store._name)


async def ensure_blob_store(
    js: JetStreamContext, replicas: int = 1, bucket: str = BLOBS_BUCKET
) -> ObjectStore:
    """The blob bucket ``bucket``, created (file storage, ``replicas`` copies) if missing,
    its replicas raised to ``replicas`` if fewer."""
    check_replicas(replicas)
    if not is_blobs_bucket(bucket):
        raise ProtocolError(f"not a ctxbus blob bucket: {bucket!r}")
    config = ObjectStoreConfig(bucket=bucket, storage=StorageType.FILE, replicas=replicas)
    await ensure_stream_exists(
        js,
        _stream(bucket),
        lambda: js.create_object_store(bucket, config=config),
        what="blob store",
        replicas=replicas,
        wanted={"storage": StorageType.FILE},
    )
    return await js.object_store(bucket)


async def blob_store(
    js: JetStreamContext, bucket: str = BLOBS_BUCKET, *, create: bool = False, replicas: int = 1
) -> ObjectStore:
    """The blob bucket ``bucket`` (created if missing with ``create``: the first writer of
    a namespace makes its bucket); else :class:`BlobMissing` if there is none."""
    if not is_blobs_bucket(bucket):
        raise ProtocolError(f"not a ctxbus blob bucket: {bucket!r}")
    try:
        # Opening asks for the stream's info: while the bucket's leader is being elected
        # (its node just died) that request times out, so it waits like a read does.
        return await _through_election(lambda: js.object_store(bucket), f"blob store {bucket!r}")
    except NotFoundError:
        if create:
            return await ensure_blob_store(js, replicas, bucket)
        raise BlobMissing(
            f"the blob store {bucket!r} does not exist: its objects are gone (or were never "
            "uploaded)"
        ) from None


async def blob_buckets(js: JetStreamContext) -> list[str]:
    """Every ctxbus blob bucket on the bus (the keeper's clean-up walks them)."""
    found = []
    for info in await js.streams_info():
        name = info.config.name or ""
        if name.startswith("OBJ_") and is_blobs_bucket(name[4:]):
            found.append(name[4:])
    return sorted(found)


class _ProgressReader(io.RawIOBase):
    """Reads ``data`` for the object store's upload loop, reporting each chunk."""

    def __init__(self, data: bytes, progress: Progress | None) -> None:
        self._view = memoryview(data)
        self._pos = 0
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        # nats-py asks for the next chunk once the last one is acknowledged: what was
        # read so far is sent (and the final, empty read means everything is).
        if self._progress is not None and (self._pos or not len(self._view)):
            self._progress(self._pos, len(self._view))
        n = min(len(buffer), len(self._view) - self._pos)
        buffer[:n] = self._view[self._pos : self._pos + n]
        self._pos += n
        return n


class _Sink:
    """Collects a download into one preallocated buffer (no re-concatenation)."""

    def __init__(self, size: int, progress: Progress | None) -> None:
        self.data = bytearray(size)
        self.size = 0
        self._progress = progress

    def write(self, data: bytes) -> int:
        end = self.size + len(data)
        if end > len(self.data):
            self.data.extend(bytes(end - len(self.data)))
        self.data[self.size : end] = data
        self.size = end
        if self._progress is not None:
            self._progress(self.size, len(self.data))
        return len(data)


async def upload(
    store: ObjectStore,
    data: bytes,
    *,
    prefix: str,
    max_payload: int,
    progress: Progress | None = None,
) -> BlobRef:
    """Upload ``data`` under a fresh name (``<prefix>/<uuid>``); its reference."""
    name = f"{prefix}/{uuid.uuid4().hex}"
    meta = ObjectMeta(name=name, options=ObjectMetaOptions(max_chunk_size=chunk_size(max_payload)))
    # nats-py reads a reader in a thread, one chunk per call: ``progress`` may be called
    # from that thread.
    reader = typing.cast(io.BufferedIOBase, _ProgressReader(data, progress))
    info = await store.put(name, reader, meta=meta)
    return BlobRef(
        bucket=_bucket_of(store), name=name, size=info.size or 0, digest=info.digest or ""
    )


def _election_error(exc: Exception) -> bool:
    return isinstance(exc, nats.errors.TimeoutError | ServiceUnavailableError)


_T = typing.TypeVar("_T")


async def _through_election(call: Callable[[], typing.Awaitable[_T]], what: str) -> _T:
    """``call()``, tried again for up to ``_OPEN_TIMEOUT`` while a cluster elects the
    bucket stream's leader (a node died, or the keeper is raising the bucket's replicas:
    seconds), when its API requests time out and its pulls answer 503; then
    :class:`RequestTimeout`."""
    try:
        return await retry_until(
            call, time.monotonic() + _OPEN_TIMEOUT, _election_error, max_delay=0.5
        )
    except (nats.errors.TimeoutError, ServiceUnavailableError) as exc:
        raise RequestTimeout(
            f"{what}: its bucket did not answer within {_OPEN_TIMEOUT:.0f} s ({type(exc).__name__})"
        ) from None


async def download(
    js: JetStreamContext, store: ObjectStore, ref: BlobRef, progress: Progress | None = None
) -> bytes:
    """The bytes ``ref`` names, checked against its digest.

    :class:`BlobMissing` if the object is gone. The chunks are pulled in batches through a
    short-lived consumer, which is about four times as fast here as nats-py's ``get``
    (an ordered push consumer held back by flow control: 38 vs 150 MB/s for 64 MB), and
    written into one buffer of the final size.
    """
    if not is_blobs_bucket(ref.bucket) or ref.bucket != _bucket_of(store):
        raise ProtocolError(f"blob reference to unknown bucket {ref.bucket!r}")

    async def read_once() -> tuple[_Sink, typing.Any]:
        try:
            info = await store.get_info(ref.name)
        except (ObjectNotFoundError, NotFoundError):
            raise BlobMissing(
                f"blob {ref.name!r} is gone (its entry was deleted meanwhile?)"
            ) from None
        if info.digest != ref.digest or info.size != ref.size or not info.nuid:
            raise BlobMissing(f"blob {ref.name!r} is not the one referenced (replaced meanwhile?)")
        sink = _Sink(ref.size, progress)
        digest = hashlib.sha256()
        if not ref.size:
            return sink, digest
        psub = await js.pull_subscribe(
            f"$O.{ref.bucket}.C.{info.nuid}",
            stream=_stream(ref.bucket),
            config=ConsumerConfig(
                ack_policy=AckPolicy.NONE,
                deliver_policy=DeliverPolicy.ALL,
                mem_storage=True,
                # Gone by itself soon after the last pull, whatever happens to us.
                inactive_threshold=_READ_TIMEOUT,
            ),
        )
        try:
            received = 0
            chunks = info.chunks or 0
            while received < chunks:
                try:
                    msgs = await psub.fetch(min(_READ_BATCH, chunks - received), _READ_TIMEOUT)
                except (TimeoutError, nats.errors.TimeoutError):
                    # A stall (an election, a loaded server) or the object deleted
                    # meanwhile: the read starts again, and its info tells them apart.
                    raise nats.errors.TimeoutError from None
                for msg in msgs:
                    digest.update(msg.data)
                    sink.write(msg.data)
                received += len(msgs)
        finally:
            with contextlib.suppress(Exception):
                await psub.unsubscribe()
        return sink, digest

    # The read starts again from the first chunk while the bucket elects a leader.
    sink, digest = await _through_election(read_once, f"blob {ref.name!r}")
    found = _DIGEST_PREFIX + base64.urlsafe_b64encode(digest.digest()).decode()
    if found != ref.digest or sink.size != ref.size:
        raise ProtocolError(f"blob {ref.name!r} does not match its digest")
    return bytes(sink.data)


async def delete_blob(js: JetStreamContext, store: ObjectStore, name: str) -> bool:
    """Delete one object and its metadata record; False if it was not there."""
    try:
        await store.delete(name)
    except (ObjectNotFoundError, NotFoundError):
        return False
    # delete() leaves a "deleted" metadata record behind; nothing needs it.
    with contextlib.suppress(NotFoundError):
        bucket = _bucket_of(store)
        meta_subject = f"$O.{bucket}.M.{_b64(name)}"
        await js.purge_stream(_stream(bucket), subject=meta_subject)
    return True


def _b64(name: str) -> str:
    return base64.urlsafe_b64encode(name.encode()).decode()
