"""ContextKeeper: owns the entries of every namespace and answers the clients.

Requests arrive on ``ctxbus.req.<ns>.<op>`` in the ``ctxbus-keepers`` queue group. A put
publishes a compression job (message id = hash of model, content type and content) to
the work-queue stream and waits for a worker's :class:`JobResult` on ``ctxbus.done``;
results are cached by that hash, so a payload put again is never compressed twice.

Limits: ``ttl`` is per entry (the putting client's). ``max_entries`` is enforced per put
with the putting client's value: a put of a NEW key first evicts the oldest entries
until the namespace holds fewer than that client's ``max_entries``. Two clients that
declare different limits on one namespace therefore each get their own limit applied
to their own puts; the namespace never exceeds the limit of whoever put last.
The store is served from memory and written through to a JetStream key-value bucket, so
a restarted keeper comes back with every live entry. One keeper serves a bus at a time:
the one holding the lease in the bucket ``ctxbus_keeper``; any other keeper stands by and
takes over (restoring from the bucket) when the serving one is gone (actors/_standby.py,
docs/architecture.md "Standby keepers").
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime
import hashlib
import hmac
import secrets
import time
from collections import Counter, OrderedDict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import ConsumerInfo
from nats.js.errors import NotFoundError
from nats.js.kv import KeyValue
from nats.js.object_store import ObjectStore

from actors._append import append_result, appendable, sha256_text
from actors._entrystore import EntryStore, with_revision
from actors._replay import ReplayCache
from actors._standby import Leadership
from actors.base import Actor
from actors.metrics import StoreSnapshot
from bus import (
    BaseMismatch,
    CompressionFailed,
    CompressionTimeout,
    ConnectOptions,
    InternalError,
    InvalidContent,
    MalformedFrame,
    NoWorker,
    OmissionNotFound,
    ReadStalled,
    RevisionMismatch,
    ValidationError,
)
from bus.auth import NamespaceLimits, load_limits
from bus.blobs import blob_buckets, delete_blob, download, ensure_blob_store, inline_limit
from bus.connection import settle
from bus.events import ensure_event_stream, resume_point
from bus.jobs import (
    JETSTREAM_RECOVERABLE,
    STARTUP_PATIENCE,
    QueueSettings,
    consumer_info,
    ensure_stream,
    retry_while_jetstream_recovers,
)
from bus.lease import ensure_lease_bucket
from bus.messages import (
    KEEPER_INSTANCE_HEADER,
    SCHEMA_VERSION,
    BlobRef,
    ChangeEvent,
    ClearReply,
    CompressionJob,
    ContextEntry,
    ContextStats,
    DeleteReply,
    EntryReply,
    FitReply,
    FitRequest,
    JobResult,
    KeyRequest,
    KeysReply,
    Message,
    NamespaceRequest,
    OmittedRequest,
    PutRequest,
    ResumeReply,
    ResumeRequest,
    TextReply,
    decode,
    encode,
)
from bus.store import (
    ChangePublisher,
    EntryChange,
    EntryFollower,
    RecordConflict,
    ensure_entry_store,
    holds_between,
    last_sequence,
    purge_marker,
    read_entries,
    read_record,
    record_key,
    record_subject,
    record_subjects,
)
from bus.subjects import (
    DONE_SUBJECT,
    KEEPER_PING,
    KEEPER_QUEUE,
    blobs_bucket,
    event_subject,
    job_subject,
    request_subject,
    validate_key,
    validate_namespace,
)
from bus.tracing import headers as traced
from transforms.budget import Ladder

__all__ = ["OP_FRAMES", "READ_HOLD_SECONDS", "ContextKeeper", "job_id_for"]

#: Seconds a put's large compressed object is kept for its client to read, whatever
#: happens to the entry meanwhile.
READ_HOLD_SECONDS = 30.0
#: Seconds one bucket write waits for its acknowledgement before it is sent again (within
#: the put's timeout). A write sent to a stream leader that dies is never answered; the
#: copy reaches the next leader once elected, and finds the first if that was stored.
WRITE_ATTEMPT = 2.0
#: Seconds a change waits for the lease to be renewed when renewals fail (the lease
#: bucket's stream electing a leader after a node was lost) before it is dropped unanswered.
LEASE_WAIT = 30.0
#: Seconds a put waits for a job result once the job queue is empty and no job is in
#: progress before it queues its job again: the result was lost (published while this
#: keeper was reconnecting to another node, before its subscription reached the worker's
#: node), or the job was (a stream leader lost with it).
REQUEUE_AFTER = 2.0


def _removed_by(op: str, request_id: str) -> str:
    """A marker's :data:`~bus.store.REMOVED_BY` value ("" for a request without an id)."""
    return f"{op}:{request_id}" if request_id else ""


def job_id_for(model: str, content_type: str | None, content: str) -> str:
    digest = hashlib.sha256(f"{model}\x00{content_type or ''}\x00".encode())
    digest.update(content.encode("utf-8"))
    return digest.hexdigest()


def blob_job_id(model: str, content_type: str | None, ref: BlobRef) -> str:
    """The job id of a content in the object store: from its digest (which the store checks
    against the bytes on every read), so the keeper never reads the content itself."""
    # The bucket too: a large result lives in the bucket of its namespace, where only
    # that namespace's readers may read it, so namespaces do not share one.
    key = f"{model}\x00{content_type or ''}\x00blob\x00{ref.bucket}\x00{ref.size}\x00{ref.digest}"
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass
class _Pending:
    future: asyncio.Future[JobResult]
    #: Sent with the job; a result must carry it back (see _on_job_result).
    nonce: str = field(default_factory=lambda: secrets.token_hex(16))
    waiters: int = 0
    #: When the job was last queued (time.monotonic()): a result that seems lost is
    #: queued again at most once per :data:`REQUEUE_AFTER`.
    queued_at: float = field(default_factory=time.monotonic)


#: The operations that change the store: a copy sent again (same request id) is answered
#: from the replay cache, never applied twice (see actors/_replay.py).
REPLAYED_OPS: dict[str, type[PutRequest | KeyRequest | NamespaceRequest]] = {
    "put": PutRequest,
    "delete": KeyRequest,
    "clear": NamespaceRequest,
}

#: op -> (request frame tag, reply frame tag), for the endpoints' metadata in $SRV.INFO
#: (docs/protocol.md gives the layouts).
OP_FRAMES: dict[str, tuple[str, str]] = {
    "put": (PutRequest.TAG, EntryReply.TAG),
    "get": (KeyRequest.TAG, TextReply.TAG),
    "entry": (KeyRequest.TAG, EntryReply.TAG),
    "omitted": (OmittedRequest.TAG, TextReply.TAG),
    "keys": (NamespaceRequest.TAG, KeysReply.TAG),
    "stats": (NamespaceRequest.TAG, ContextStats.TAG),
    "clear": (NamespaceRequest.TAG, ClearReply.TAG),
    "delete": (KeyRequest.TAG, DeleteReply.TAG),
    "fit": (FitRequest.TAG, FitReply.TAG),
    "resume": (ResumeRequest.TAG, ResumeReply.TAG),
}


class ContextKeeper(Actor):
    credential_role = "keeper"
    service_name = "ctxbus-keeper"
    service_description = (
        "ctxbus context keeper: stores entries per namespace, queues their compression, "
        "answers ctxbus.req.<namespace>.<op>"
    )

    def __init__(
        self,
        name: str = "keeper",
        *,
        servers: str | Sequence[str] | ConnectOptions | None = None,
        nc: NATS | None = None,
        settings: QueueSettings | None = None,
        sweep_interval: float = 0.25,
        worker_check_interval: float = 1.0,
        no_worker_after: float = 3.0,
        result_cache_bytes: int = 64 * 1024 * 1024,
        max_concurrency: int = 1024,
        persist: bool = True,
        max_ladders: int = 64,
        blob_grace: float = 600.0,
        read_hold: float = READ_HOLD_SECONDS,
        limits: str | Path | Mapping[str, NamespaceLimits] | None = None,
        lease_ttl: float = 2.0,
    ) -> None:
        super().__init__(name, servers=servers, nc=nc, max_concurrency=max_concurrency)
        #: The admin's namespace limits (a file, re-read when it changes): when set, a put's
        #: own max_entries is ignored and its ttl clamped (see bus.auth.NamespaceLimits).
        self._limits_file = Path(limits) if isinstance(limits, str | Path) else None
        self._limits: dict[str, NamespaceLimits] = (
            dict(limits) if limits is not None and not isinstance(limits, str | Path) else {}
        )
        self._limits_mtime: float | None = None
        self._reload_limits()
        #: Write entries through to the JetStream bucket (and restore them at start).
        self.persist = persist
        #: Objects older than this that no entry refers to are removed when the keeper
        #: starts (uploads of crashed clients, results of puts that timed out).
        self.blob_grace = blob_grace
        #: Seconds a put's large compressed object outlives an entry that is not kept.
        self.read_hold = read_hold
        self._kv: KeyValue | None = None
        self.settings = settings or QueueSettings()
        self.sweep_interval = sweep_interval
        self.worker_check_interval = worker_check_interval
        #: A put fails with NoWorker once the queue has had no worker for this long.
        self.no_worker_after = no_worker_after
        self.result_cache_bytes = result_cache_bytes
        #: The entries in memory: they follow the bucket (see actors/_entrystore.py).
        self._store = EntryStore()
        #: Per (namespace, key): the lock every change of that key takes, and its users.
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, list[int]]] = {}
        #: Revisions of recent delete markers by record: a put of a deleted key writes
        #: over its marker in one step (a wrong guess costs a read of the record).
        self._markers: OrderedDict[str, int] = OrderedDict()
        #: Compare-and-set changes to the bucket, acknowledged in revision order.
        self._changes: ChangePublisher | None = None
        self._pending: dict[str, _Pending] = {}
        self._results: OrderedDict[str, JobResult] = OrderedDict()
        self._results_bytes = 0
        self._js: JetStreamContext | None = None
        #: Blob buckets opened so far, by name (one per namespace, see bus.blobs).
        self._blobs: dict[str, ObjectStore] = {}
        #: Objects of puts on their way into the store: never deleted meanwhile.
        self._held: Counter[str] = Counter()
        #: (monotonic deadline, object) held for a put's reader; released by the sweeper.
        self._read_holds: deque[tuple[float, str]] = deque()
        self._ops = {
            "put": self._put,
            "get": self._get,
            "entry": self._get_entry,
            "omitted": self._get_omitted,
            "keys": self._keys,
            "stats": self._stats,
            "clear": self._clear,
            "delete": self._delete,
            "fit": self._fit,
            "resume": self._resume,
        }
        #: Budget ladders by content hash, least recently used first (each level of an
        #: entry is computed once, on the first read that needs it).
        self._ladders: OrderedDict[str, Ladder] = OrderedDict()
        self.max_ladders = max_ladders
        #: Random per start: the readiness ping says it, so clients notice a new keeper.
        self.instance = secrets.token_hex(8)
        #: Outcomes of recent puts, deletes and clears by request id.
        self._replays = ReplayCache()
        #: A stalled holder's lease is taken over after this many seconds (a dead one's
        #: at once: see actors/_standby.py).
        self.lease_ttl = lease_ttl
        self._leadership: Leadership | None = None
        #: A standby's copy: the stream sequence of the last bucket change applied to
        #: memory, and an event set after each one (see _caught_up).
        self._applied = 0
        self._mirrored = asyncio.Event()
        #: Set when the standby stops following (it takes over, or stops).
        self._stop_following = asyncio.Event()
        #: Set once this keeper serves (it held the lease, restored, subscribed).
        self.serving = asyncio.Event()
        #: Subscriptions kept until the in-flight requests are done when stopping (the
        #: readiness ping, job results), unlike the endpoints, which go first.
        self._late_subs: list[Any] = []

    async def setup(self) -> None:
        self.metrics.watch_store(self._store_snapshot)
        js = self._js = self.nc.jetstream()
        replicas = self.settings.replicas
        # A cluster electing a stream's (or its meta) leader answers these with timeouts or
        # 503s for seconds: wait it out rather than exit. Each step is idempotent.
        deadline = time.monotonic() + STARTUP_PATIENCE
        await self.through_election(
            lambda: ensure_stream(js, self.settings), "job stream", deadline
        )
        # Change events are kept a while, so a watch can resume from a revision.
        await self.through_election(
            lambda: ensure_event_stream(js, replicas), "event stream", deadline
        )
        if self.persist:
            # The bucket gets as many copies as the job stream (settings.replicas).
            self._kv = await self.through_election(
                lambda: ensure_entry_store(js, replicas), "entry bucket", deadline
            )
        lease_kv = await self.through_election(
            lambda: ensure_lease_bucket(js, replicas), "lease bucket", deadline
        )
        leadership = self._leadership = Leadership(
            self.nc,
            lease_kv,
            self.name,
            self.instance,
            self.log,
            lease_ttl=self.lease_ttl,
            renew_every=min(0.5, self.lease_ttl / 4),
        )
        # A claim whose acknowledgement was lost is retried as taken: this keeper stands
        # by, then claims its own stale lease after lease_ttl.
        if await self.through_election(leadership.claim_at_start, "lease", deadline):
            await self._serve()
        else:
            self.log.info("another keeper serves: standing by")
            self.spawn(self._stand_by())

    async def _stand_by(self) -> None:
        """Keep memory in step with the bucket (a warm standby) until the lease is ours."""
        assert self._leadership is not None and self._js is not None
        follower: EntryFollower | None = None
        mirror: asyncio.Task[None] | None = None
        if self._kv is not None:
            js = self._js
            try:
                follower = await self.through_election(
                    lambda: EntryFollower(js).start(),
                    "entry bucket",
                    time.monotonic() + STARTUP_PATIENCE,
                )
            except JETSTREAM_RECOVERABLE as exc:  # a cold standby still takes over
                self.log.warning("standby copy not started: will restore", error=repr(exc))
            else:
                mirror = asyncio.create_task(self._mirror(follower))
        try:
            previous = await self._leadership.wait_for_turn(self._stopped)
            if previous is None:
                return  # stopped while standing by
            started = time.monotonic()
            warm = False
            if follower is not None:
                try:
                    # Everything the old keeper wrote, then stop following: we write now.
                    await asyncio.wait_for(self._caught_up(), 5.0)
                    warm = True
                except Exception as exc:
                    self.log.warning("standby copy not caught up: restoring", error=repr(exc))
        finally:
            if mirror is not None:
                self._stop_following.set()
                mirror.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await mirror
            if follower is not None:
                await follower.stop()
        if warm:
            warm = await self._drop_ghosts()
        if not warm:
            self._store = EntryStore()
        try:
            await self._serve(restore=not warm)
        except JETSTREAM_RECOVERABLE as exc:
            # Holding the lease without serving keeps every other standby out: stop, so
            # the lease is released (not awaited here, stop waits for us).
            self.log.error("could not restore after taking over: stopping", error=repr(exc))
            self._stepping_down = asyncio.create_task(self.stop())
            return
        self.log.warning(
            "took over serving",
            previous=previous,
            warm=warm,
            entries=len(self._store),
            seconds=round(time.monotonic() - started, 3),
        )

    async def _mirror(self, follower: EntryFollower) -> None:
        """Apply the bucket's changes to memory, as a standby (nothing is written), until
        ``_stop_following`` is set. The task is cancelled too, but a cancellation arriving
        as a message does can be lost: nats-py's ``next_msg`` waits with
        ``asyncio.wait_for``, which on Python 3.11 then returns the message and drops the
        cancellation, and a take-over waiting for this task hung until the keeper stopped
        (seen in test_failover: cancelled while receiving a change it had waited for)."""
        while not self._stop_following.is_set():
            try:
                change = await follower.next()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the connection recovering: keep following
                self.log.warning("standby follow failed", error=repr(exc))
                await asyncio.sleep(0.1)
                continue
            if change is None or self._stop_following.is_set():
                continue
            if not change.key:
                pass  # not a record of ours: nothing to apply
            elif change.entry is not None:
                self._store.stored(with_revision(change.entry, change.sequence))
            elif change.deleted:
                current = self._store.get(change.namespace, change.key)
                if current is not None and current.revision < change.sequence:
                    self._store.forget(change.namespace, change.key)
                self._note_removal(change)
            self._applied = change.sequence
            self._mirrored.set()

    def _note_removal(self, change: EntryChange) -> None:
        """A marker written for a client's delete or clear, seen in the bucket: a copy of
        that request re-sent to us after a take-over or restart gets the answer the keeper
        that applied it would have given, not "nothing there". A delete's reply is recorded
        (True); a clear's markers are counted (:meth:`_cleared_before`), because the keeper
        may have died halfway: the copy clears what is left and answers the sum."""
        op, _sep, request_id = change.removed_by.partition(":")
        if not request_id or op not in ("delete", "clear"):
            return
        if op == "delete":
            self._replays.record(f"{change.namespace}/delete/{request_id}", DeleteReply(True))
            return
        seen = f"{change.namespace}/clear-seen/{request_id}"
        self._replays.record(seen, ClearReply(self._cleared_before(seen) + 1))

    def _cleared_before(self, seen: str) -> int:
        earlier = self._replays.recorded(seen)
        return earlier.cleared if isinstance(earlier, ClearReply) else 0

    async def _drop_ghosts(self) -> bool:
        """After catching up: forget entries whose record is no longer in the bucket at all
        (a delete marker the server dropped before this standby's consumer delivered it, a
        standby that lagged more than the marker TTL). False: could not check (restore)."""
        assert self._js is not None
        try:
            present = await record_subjects(self._js)
        except Exception as exc:
            self.log.warning("standby copy not checked: restoring", error=repr(exc))
            return False
        for entry in list(self._store.all_entries()):
            if record_subject(record_key(entry.namespace, entry.key)) not in present:
                self._store.forget(entry.namespace, entry.key)
        return True

    async def _caught_up(self) -> None:
        """Until memory holds every change the bucket held when we took over: applied up
        to its last sequence, read now from the stream (writes are acknowledged before
        that), or nothing left between (the rest removed meanwhile, such as an expired
        delete marker). Not the consumer's ``num_pending``: the server counts a write for
        its consumers after acknowledging it, so it can say 0 while a write whose put was
        answered is still to come (bus.store.holds_between)."""
        assert self._js is not None
        js = self._js
        through = await last_sequence(js)
        ask = True  # at once: the bucket's last messages may be gone
        while self._applied < through:
            if ask and not await holds_between(js, self._applied, through):
                return
            self._mirrored.clear()
            try:
                await asyncio.wait_for(self._mirrored.wait(), 0.05)
                ask = False  # the mirror task applies what arrives meanwhile
            except TimeoutError:
                ask = True  # no change for a moment: is anything left to come?

    async def _serve(self, restore: bool = True) -> None:
        """Restore (unless memory is already in step), subscribe every operation, renew the
        lease; the ping comes last."""
        assert self._leadership is not None
        # Renewed from now on, while we restore too: a standby sees a live holder.
        self.spawn(self._hold_lease())
        if self._kv is not None and restore:
            deadline = time.monotonic() + STARTUP_PATIENCE
            await self.through_election(self._restore, "entry bucket", deadline)
        # In the background: readiness does not wait for it.
        self.spawn(self._collect_orphan_blobs())
        done = await self.subscribe(DONE_SUBJECT, self._on_job_result)
        self._subs.remove(done)  # in-flight puts still wait for their results when stopping
        self._late_subs.append(done)
        for op in self._ops:
            # Only put waits (for a worker) and fit computes (in a thread); every other
            # operation answers from memory.
            request, reply = OP_FRAMES.get(op, ("", ""))
            await self.subscribe(
                request_subject("*", op),
                self._on_request,
                queue=KEEPER_QUEUE,
                inline=op not in ("put", "fit"),
                endpoint=op,
                metadata={"request": request, "reply": reply, "schema": str(SCHEMA_VERSION)},
            )
        self.spawn(self._sweep_forever())
        # Last: a keeper answers the readiness ping only once it serves (restored, every
        # endpoint subscribed; one connection, so the server has those subscriptions first).
        # It stays until the in-flight requests are done (see cleanup), so no standby
        # takes over from a keeper still finishing puts.
        self._late_subs.append(await self.nc.subscribe(KEEPER_PING, cb=self._on_ping))
        await settle(self.nc)
        await self._leadership.now_serving()
        self.serving.set()

    async def _hold_lease(self) -> None:
        assert self._leadership is not None
        await self._leadership.hold(self._stopped)
        if self._leadership.lost.is_set() and not self._stopped.is_set():
            # Another keeper serves now: stop (not awaited here, stop waits for us).
            self._stepping_down = asyncio.create_task(self.stop())

    async def cleanup(self) -> None:
        for sub in self._late_subs:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
        self._late_subs.clear()
        if self._leadership is not None:
            # Released only now that our in-flight requests are answered: a standby takes
            # over at once, from a bucket that holds everything we acknowledged.
            with contextlib.suppress(Exception):
                await self._leadership.release()

    @property
    def lost_lease(self) -> bool:
        """True when another keeper took the lease and this one stepped down."""
        return self._leadership is not None and self._leadership.lost.is_set()

    def _store_snapshot(self) -> list[StoreSnapshot]:
        """Entries and tokens saved per namespace and model family (read at each scrape)."""
        snapshot = []
        for namespace in self._store.namespaces():
            saved: Counter[str] = Counter()
            entries = self._store.entries(namespace)
            for entry in entries:
                for family, counts in entry.tokens_by_family.items():
                    if len(counts) == 2:  # [original, compressed]
                        saved[family] += max(0, counts[0] - counts[1])
            snapshot.append(StoreSnapshot(namespace, len(entries), dict(saved)))
        return snapshot

    def _reload_limits(self) -> None:
        """Read the limits file again if it changed (a bad file keeps the old limits)."""
        if self._limits_file is None:
            return
        try:
            mtime = self._limits_file.stat().st_mtime
        except OSError:
            if self._limits_mtime is None:
                raise ValidationError(f"limits file {self._limits_file} not found") from None
            return
        if mtime == self._limits_mtime:
            return
        try:
            self._limits = load_limits(self._limits_file)
        except ValidationError as exc:
            if self._limits_mtime is None:
                raise
            self.log.error("limits file not reloaded", error=exc.message)
            return
        if self._limits_mtime is not None:
            self.log.info("namespace limits reloaded", namespaces=sorted(self._limits))
        self._limits_mtime = mtime

    async def _on_ping(self, msg: Msg) -> None:
        if msg.reply and not self.lost_lease:
            with contextlib.suppress(Exception):  # closing: nobody to tell
                await self.nc.publish(
                    msg.reply, self.name.encode(), headers={KEEPER_INSTANCE_HEADER: self.instance}
                )

    async def _restore(self) -> None:
        """Memory from the bucket: every live record at its revision. Expired entries are
        loaded too and leave through the sweeper (a compare-and-set removal, an event);
        unreadable records are removed, delete markers of older keepers (without a TTL)
        purged, in the background."""
        assert self._js is not None and self._kv is not None
        restored: list[ContextEntry] = []
        unreadable: list[tuple[str, int]] = []
        markers: list[tuple[str, int]] = []
        async for change in read_entries(self._js, self._kv):
            if change.entry is not None:
                restored.append(with_revision(change.entry, change.sequence))
            elif change.deleted:
                if not change.expires:
                    markers.append((change.record, change.sequence))
                self._note_removal(change)
            else:
                unreadable.append((change.record, change.sequence))
        self._store = EntryStore()
        self._store.restore(restored)
        if restored:
            self.log.info("entries restored", entries=len(restored))
        if unreadable or markers:
            self.spawn(self._compact(unreadable, markers))

    async def _compact(
        self, unreadable: list[tuple[str, int]], markers: list[tuple[str, int]]
    ) -> None:
        assert self._js is not None
        js = self._js
        for record, revision in unreadable:
            with contextlib.suppress(Exception):
                revision = await self._publisher().publish(record, b"", revision, delete=True)
                await purge_marker(js, record, revision)
        for record, revision in markers:
            with contextlib.suppress(Exception):
                await purge_marker(js, record, revision)
        self.log.info("bucket compacted", unreadable=len(unreadable), markers=len(markers))

    # -- requests --------------------------------------------------------------------

    async def _on_request(self, msg: Msg, log: Any) -> Message | None:
        _prefix, _req, namespace, op = msg.subject.split(".", 3)
        validate_namespace(namespace)
        handler = self._ops.get(op)
        if handler is None:
            raise MalformedFrame(f"unknown operation {op!r}")
        frame = REPLAYED_OPS.get(op)
        if frame is None:
            return await handler(namespace, msg.data, log)
        # A change: applied once per request id, however often the request arrives.
        req: PutRequest | KeyRequest | NamespaceRequest = decode(msg.data, (frame,))
        log = log.bind(request_id=req.request_id)
        data = msg.data

        async def once() -> Message | None:
            leadership = self._leadership
            if (
                leadership is not None
                and not await leadership.confirm(max_age=2 * leadership.renew_every)
                and not await leadership.wait_renewed(LEASE_WAIT)
            ):
                # Replaced while stalled: apply nothing, answer nothing; the client sends
                # the request again to the keeper that serves now. (A lease that could not
                # be renewed because its bucket is electing a leader is waited for: the
                # same outage keeps a standby from claiming it.)
                return None
            if isinstance(req, PutRequest):
                stored = self._stored_by(namespace, req)
                if stored is not None:
                    # Stored by this very request (before a keeper restart or failover),
                    # whose reply was lost: the same entry again, nothing re-applied.
                    log.info("put already stored: replayed", key=req.key)
                    return EntryReply(dataclasses.replace(stored, original=""))
            return await handler(namespace, data, log)

        return await self._replays.run(f"{namespace}/{op}/{req.request_id}", once)

    def _stored_by(self, namespace: str, req: PutRequest) -> ContextEntry | None:
        """The live entry ``req`` itself stored, if it is the key's current version."""
        entry = self._live(namespace, req.key)
        if entry is not None and entry.request_id and entry.request_id == req.request_id:
            return entry
        return None

    async def _put(self, namespace: str, data: bytes, log: Any) -> Message:
        req = decode(data, PutRequest)
        if req.original_ref is not None and req.original_ref.bucket != blobs_bucket(namespace):
            # Only the namespace's own bucket: a put must not have the worker read (nor a
            # failure here delete) an object of another namespace.
            raise ValidationError(
                f"a put in namespace {namespace!r} refers to an object of bucket "
                f"{req.original_ref.bucket!r}; its uploads go to {blobs_bucket(namespace)!r}"
            )
        try:
            return await self._apply_put(namespace, req, log)
        except BaseException:
            # The uploaded original is ours once the put arrived: a failed put drops it
            # (unless a live entry holds it: this was a put sent again that already won).
            if req.original_ref is not None:
                self.spawn(self._release_blobs([req.original_ref.key]))
            raise

    async def _apply_put(self, namespace: str, req: PutRequest, log: Any) -> Message:
        validate_key(req.key)
        limits = self._limits.get(namespace) or self._limits.get("*")
        if limits is not None:
            # The admin decides the namespace's size and ttl bounds, not the putting client.
            req = dataclasses.replace(req, max_entries=limits.max_entries, ttl=limits.ttl(req.ttl))
        # ttl 0 (expires at once) and max_entries 0 (keeps nothing) are headroom's values too.
        if req.ttl is not None and not req.ttl >= 0:
            raise ValidationError(f"ttl must be >= 0 seconds or None, got {req.ttl!r}")
        if req.max_entries is not None and req.max_entries < 0:
            raise ValidationError(f"max_entries must be >= 0 or None, got {req.max_entries!r}")
        if req.if_revision is not None:
            if req.if_revision < 0:
                raise ValidationError(f"if_revision must be >= 0 or None, got {req.if_revision}")
            # Checked before any compression work, and again when the entry is written.
            self._check_revision(namespace, req.key, req.if_revision)
        base: ContextEntry | None = None
        new_part = ""
        if req.original_ref is not None:
            if req.content or req.base_key:
                raise MalformedFrame(
                    "a put carries its content inline, by reference or as a delta: one of them"
                )
            job_id = blob_job_id(req.model, req.content_type, req.original_ref)
            # The namespace's bucket was created by its first writer (a client) with one
            # copy: raised to this keeper's replicas (once) before the entry refers to it,
            # so losing a node loses no large text of a replicated bus.
            await self._blob_store(req.original_ref.bucket)
        else:
            try:
                req.content.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidContent("content is not valid UTF-8 text") from None
            if req.base_key:
                req, base, new_part = self._rebuild(namespace, req)
            job_id = job_id_for(req.model, req.content_type, req.content)
        if base is not None and appendable(base, req, new_part):
            # Only the appended part is compressed; the base's compressed text is reused.
            part = dataclasses.replace(req, content=new_part, content_type=base.content_type)
            result = append_result(base, await self._result_for(namespace, part, job_id, log))
            log.debug("put appended to its base", key=req.key, base=base.key, chars=len(new_part))
        else:
            result = await self._result_for(namespace, req, job_id, log)
        entry = self._entry(namespace, req, result, job_id)
        self._store.set_limit(namespace, req.max_entries)
        if req.max_entries == 0 or req.ttl == 0:
            await self._not_kept(entry, req)
        else:
            # Until the entry is in the store nothing may delete its objects (a compressed
            # object shared with another put of the same payload, whose entry goes now).
            self._held.update(entry.blob_names)
            try:
                # In the bucket (compare-and-set) before the put is answered: an
                # acknowledged put survives a keeper restart.
                entry, replaced = await self._write(entry, req, log)
            finally:
                self._held.subtract(entry.blob_names)
                self._held += Counter()  # drops the names no put holds any more
            if replaced is not None and replaced.blob_names:
                await self._release_blobs(replaced.blob_names)  # an overwrite frees them
            await self._evict(namespace, req.max_entries, keep=req.key)
        log.info(
            "stored",
            key=req.key,
            original_tokens=entry.original_tokens,
            compressed_tokens=entry.compressed_tokens,
        )
        # The client has the original already: do not send it back.
        return EntryReply(dataclasses.replace(entry, original=""))

    async def _result_for(
        self, namespace: str, req: PutRequest, whole_id: str, log: Any
    ) -> JobResult:
        """The compression of ``req`` (its content, or its uploaded original): cached, or a
        worker's. ``whole_id`` is the job id of the whole put (a part gets its own)."""
        job_id = whole_id
        if req.original_ref is None:
            job_id = job_id_for(req.model, req.content_type, req.content)
        result = self._results.get(job_id)
        if result is not None:
            self._results.move_to_end(job_id)
            log.debug("put served from result cache", key=req.key, job_id=job_id[:12])
            return result
        return await self._compress(namespace, req, job_id, log)

    def _rebuild(self, namespace: str, req: PutRequest) -> tuple[PutRequest, ContextEntry, str]:
        """A delta put made whole: the request with the full text, its base, the new part."""
        validate_key(req.base_key)
        base = self._live(namespace, req.base_key)
        if base is None or sha256_text(base.original) != req.base_sha256:
            raise BaseMismatch(
                f"entry {req.base_key!r} is gone or changed since this client put it"
            )
        size = len(base.original)
        if req.keep_head < 0 or req.keep_tail < 0 or req.keep_head + req.keep_tail > size:
            raise ValidationError(
                f"keep_head {req.keep_head} + keep_tail {req.keep_tail} exceed the base's "
                f"{size} characters"
            )
        whole = base.original[: req.keep_head] + req.content + base.original[size - req.keep_tail :]
        if len(whole.encode("utf-8")) > inline_limit(self.nc.max_payload):
            # A whole text this large belongs in the object store: have it sent that way.
            raise BaseMismatch("the rebuilt text is too large to keep inline; send it whole")
        if sha256_text(whole) != req.content_sha256:
            raise ValidationError("the rebuilt text does not match content_sha256")
        rebuilt = dataclasses.replace(
            req, content=whole, base_key="", base_sha256="", keep_head=0, keep_tail=0
        )
        return rebuilt, base, req.content

    async def _get(self, namespace: str, data: bytes, log: Any) -> Message:
        req = decode(data, KeyRequest)
        entry = self._live(namespace, req.key)
        if entry is None:
            return TextReply(None)
        ref = entry.original_ref if req.full else entry.compressed_ref
        if ref is not None:  # the client reads it from the object store
            return TextReply("", ref=ref)
        return TextReply(entry.original if req.full else entry.compressed)

    async def _fit(self, namespace: str, data: bytes, log: Any) -> Message:
        req = decode(data, FitRequest)
        if req.max_tokens is not None and req.max_tokens < 0:
            raise ValidationError(f"max_tokens must be >= 0 or None, got {req.max_tokens}")
        entry = self._live(namespace, req.key)
        if entry is None:
            return FitReply(None)
        ladder = self._ladders.get(entry.content_hash)
        large = entry.original_ref is not None or entry.compressed_ref is not None
        if ladder is None or (not large and ladder.original != entry.original):
            if large:
                # Large texts live in the object store (content_hash names them exactly):
                # the ladder needs them here, read once per payload.
                entry = await self._with_texts(entry)
            ladder = Ladder(entry.original, entry.compressed, entry.content_type, entry.omitted)
            self._ladders[entry.content_hash] = ladder
            while len(self._ladders) > self.max_ladders:
                self._ladders.popitem(last=False)
        self._ladders.move_to_end(entry.content_hash)
        model = req.model or entry.model
        # Forms of a large entry take a while the first time: off the event loop.
        fitted = await asyncio.to_thread(ladder.fit, req.max_tokens, model, req.query or None)
        log.debug("fit", key=req.key, level=fitted.level, tokens=fitted.tokens)
        ref = {"original": entry.original_ref, "compressed": entry.compressed_ref}.get(fitted.level)
        return FitReply(
            text="" if ref is not None else fitted.text,
            ref=ref,
            level=fitted.level,
            tokens=fitted.tokens,
            exact=fitted.exact,
            original_tokens=fitted.original_tokens,
            model=model,
            expanded=list(fitted.expanded),
        )

    async def _with_texts(self, entry: ContextEntry) -> ContextEntry:
        """``entry`` with its large texts read from the object store."""
        assert self._js is not None
        original, compressed = entry.original, entry.compressed
        if entry.original_ref is not None:
            ref = entry.original_ref
            data = await download(self._js, await self._blob_store(ref.bucket), ref)
            original = await asyncio.to_thread(data.decode, "utf-8")
        if entry.compressed_ref is not None:
            ref = entry.compressed_ref
            data = await download(self._js, await self._blob_store(ref.bucket), ref)
            compressed = await asyncio.to_thread(data.decode, "utf-8")
        return dataclasses.replace(entry, original=original, compressed=compressed)

    async def _get_entry(self, namespace: str, data: bytes, log: Any) -> Message:
        req = decode(data, KeyRequest)
        return EntryReply(self._live(namespace, req.key))

    async def _get_omitted(self, namespace: str, data: bytes, log: Any) -> Message:
        req = decode(data, OmittedRequest)
        entry = self._live(namespace, req.key)
        if entry is None:
            return TextReply(None)
        for omission in entry.omitted:
            if omission.id == req.omission_id:
                if entry.original_ref is not None:
                    return TextReply("", ref=entry.original_ref, spans=omission.spans)
                return TextReply("".join(entry.original[s:e] for s, e in omission.spans))
        raise OmissionNotFound(f"entry {req.key!r} has no omitted part {req.omission_id!r}")

    async def _resume(self, namespace: str, data: bytes, log: Any) -> Message:
        """Where a watch resuming after a revision starts (bus.events.resume_point over
        the whole event history, which tenants may not read: they get a sequence only)."""
        req = decode(data, ResumeRequest)
        if req.from_revision < 0:
            raise ValidationError(f"from_revision must be >= 0, got {req.from_revision}")
        assert self._js is not None
        try:
            return ResumeReply(start=await resume_point(self._js, req.from_revision))
        except JETSTREAM_RECOVERABLE as exc:
            # A stall, answered as one: the watch retries it (not an internal error).
            raise ReadStalled(f"the event history did not answer: {exc!r}") from None

    async def _keys(self, namespace: str, data: bytes, log: Any) -> Message:
        decode(data, NamespaceRequest)
        await self._expire_due(namespace)
        return KeysReply(self._store.keys(namespace, time.time()))

    async def _stats(self, namespace: str, data: bytes, log: Any) -> Message:
        decode(data, NamespaceRequest)
        await self._expire_due(namespace)
        stats = self._store.stats(namespace, time.time())
        original, compressed = stats.original_tokens, stats.compressed_tokens
        saved = max(0, original - compressed)
        return ContextStats(
            entries=stats.entries,
            total_original_tokens=original,
            total_compressed_tokens=compressed,
            total_tokens_saved=saved,
            savings_percent=round(100.0 * saved / original, 1) if original else 0.0,
            namespace=namespace,
            max_entries=stats.max_entries,
        )

    async def _clear(self, namespace: str, data: bytes, log: Any) -> Message:
        req = decode(data, NamespaceRequest)
        now = time.time()
        # Entries another keeper cleared for this very request before it died (0 if none).
        cleared = self._cleared_before(f"{namespace}/clear-seen/{req.request_id}")
        by = _removed_by("clear", req.request_id)
        # The entries there now; one put again meanwhile is a newer version and stays.
        for entry in self._store.entries(namespace):
            expired = self._store.expired(entry, now)
            kind = "expired" if expired else "deleted"
            if await self._remove(entry, kind, claimed=False, removed_by="" if expired else by):
                cleared += not expired
        log.info("cleared", entries=cleared)
        return ClearReply(cleared)

    async def _delete(self, namespace: str, data: bytes, log: Any) -> Message:
        req = decode(data, KeyRequest)
        validate_key(req.key)
        for _attempt in range(16):
            entry = self._store.get(namespace, req.key)
            if entry is None:
                return DeleteReply(False)
            expired = self._store.expired(entry, time.time())
            by = "" if expired else _removed_by("delete", req.request_id)
            if await self._remove(
                entry, "expired" if expired else "deleted", claimed=False, removed_by=by
            ):
                return DeleteReply(not expired)
            # Written again meanwhile: delete the version there now.
        raise InternalError(f"could not delete {req.key!r}: its record kept changing")

    # -- the store -------------------------------------------------------------------

    def _live(self, namespace: str, key: str) -> ContextEntry | None:
        entry = self._store.get(namespace, key)
        if entry is None:
            return None
        if self._store.expired(entry, time.time()):
            # Expired before the sweeper got to it: absent now, removed from the bucket soon.
            if self._store.claim(entry):
                self.spawn(self._remove_quietly(entry, "expired", claimed=True))
            return None
        return entry

    def _entry(
        self, namespace: str, req: PutRequest, result: JobResult, job_id: str
    ) -> ContextEntry:
        now = time.time()
        return ContextEntry(
            key=req.key,
            original=req.content,
            compressed=result.compressed,
            original_tokens=result.original_tokens,
            compressed_tokens=result.compressed_tokens,
            agent=req.agent,
            timestamp=now,
            transforms=list(result.transforms),
            namespace=namespace,
            content_type=result.content_type,
            model=result.model,
            token_counts_exact=result.token_counts_exact,
            expires_at=now + req.ttl if req.ttl is not None else None,
            content_hash=job_id,
            omitted=list(result.omitted),
            tokens_by_family=dict(result.tokens_by_family),
            original_ref=req.original_ref,
            compressed_ref=result.compressed_ref,
            request_id=req.request_id,
        )

    def _check_revision(self, namespace: str, key: str, expected: int) -> None:
        """``put(if_revision=expected)``: the key must be at that revision (0: absent)."""
        entry = self._store.get(namespace, key)
        current = 0 if entry is None or self._store.expired(entry, time.time()) else entry.revision
        if current != expected:
            raise RevisionMismatch(
                f"{key!r} is at revision {current}, not {expected}"
                + (" (absent)" if current == 0 else "")
                + "; nothing was stored",
                current=current,
            )

    @contextlib.asynccontextmanager
    async def _key_lock(self, namespace: str, key: str) -> AsyncIterator[None]:
        """Every change of one key, one at a time: decide from memory, change the bucket
        (compare-and-set), apply to memory."""
        name = (namespace, key)
        held = self._locks.get(name)
        if held is None:
            held = self._locks[name] = (asyncio.Lock(), [0])
        held[1][0] += 1
        try:
            async with held[0]:
                yield
        finally:
            held[1][0] -= 1
            if not held[1][0]:
                del self._locks[name]

    def _publisher(self) -> ChangePublisher:
        if self._changes is None:
            assert self._js is not None
            self._changes = ChangePublisher(self._js)
        return self._changes

    def _busy(self, namespace: str) -> Callable[[str], bool]:
        return lambda key: (namespace, key) in self._locks

    async def _write(
        self, entry: ContextEntry, req: PutRequest, log: Any
    ) -> tuple[ContextEntry, ContextEntry | None]:
        """Store ``entry``: in the bucket with compare-and-set on the revision memory has
        (or ``req.if_revision``), then in memory at the bucket's new revision. Returns the
        stored entry and the one it replaced."""
        namespace, key = entry.namespace, entry.key
        record = record_key(namespace, key)
        deadline = time.monotonic() + req.timeout
        async with self._key_lock(namespace, key):
            if req.if_revision is not None:
                self._check_revision(namespace, key, req.if_revision)
            current = self._store.get(namespace, key)
            expected = current.revision if current is not None else self._markers.get(record, 0)
            if self._kv is None or self._js is None:
                stored = with_revision(entry, self._store.next_local_revision())
                replaced = self._store.stored(stored)
                self._emit(stored, "stored")
                return stored, replaced
            publisher, frame = self._publisher(), encode(entry)  # the record keeps revision 0
            outcome: list[tuple[ContextEntry, ContextEntry | None]] = []

            def applied(revision: int) -> None:
                # In the bucket's acknowledgement order: memory and events keep it.
                stored = with_revision(entry, revision)
                outcome.append((stored, self._store.stored(stored)))
                self._emit(stored, "stored")

            for _attempt in range(16):
                try:
                    await retry_while_jetstream_recovers(
                        lambda last=expected: publisher.publish(  # type: ignore[misc]
                            record,
                            frame,
                            last,
                            timeout=max(0.1, min(WRITE_ATTEMPT, deadline - time.monotonic())),
                            on_done=applied,
                        ),
                        deadline,
                        log,
                    )
                except RecordConflict:
                    # Another writer, or our own write whose acknowledgement was lost (the
                    # stream's leader died after storing it; the retry finds it there):
                    # memory takes the bucket's version; our own is the answer, as stored
                    # (never written twice), else decide again.
                    before = self._store.get(namespace, key)
                    expected, found = await self._sync(namespace, key)
                    if found is not None and req.request_id and found.request_id == req.request_id:
                        stored = with_revision(found, expected)
                        log.info("write found in the bucket after a lost ack", revision=expected)
                        self._emit(stored, "stored")
                        self._markers.pop(record, None)
                        replaced = before if before is None or before.revision != expected else None
                        return stored, replaced
                    if req.if_revision is not None:
                        self._check_revision(namespace, key, req.if_revision)
                    continue
                except Exception as exc:
                    raise InternalError(f"could not persist the entry: {exc!r}") from exc
                self._markers.pop(record, None)
                return outcome[0]
        raise InternalError(f"could not persist {key!r}: its record kept changing")

    async def _sync(self, namespace: str, key: str) -> tuple[int, ContextEntry | None]:
        """Memory takes the bucket's version of one key; returns its revision and entry."""
        assert self._kv is not None
        record = record_key(namespace, key)
        revision, found = await read_record(self._kv, record)
        current = self._store.get(namespace, key)
        if found is not None:
            self._store.stored(with_revision(found, revision))
        elif current is not None and (revision == 0 or current.revision < revision):
            # Deleted since (a marker), or no record at all: memory had a ghost.
            self._store.forget(namespace, key)
        if found is None and revision:
            self._remember_marker(record, revision)
        return revision, found

    def _remember_marker(self, record: str, revision: int) -> None:
        self._markers[record] = revision
        self._markers.move_to_end(record)
        while len(self._markers) > 65536:
            self._markers.popitem(last=False)

    async def _remove(
        self, entry: ContextEntry, kind: str, *, claimed: bool, removed_by: str = ""
    ) -> bool:
        """Remove exactly ``entry``'s revision (``kind``: evicted, expired, deleted) from the
        bucket, then from memory; False if the key has another revision by now (written
        again: that version stays). ``claimed``: chosen through the store (leaving).
        ``removed_by``: the client request that removes it, named in the marker."""
        namespace, key = entry.namespace, entry.key
        record = record_key(namespace, key)
        try:
            async with self._key_lock(namespace, key):
                current = self._store.get(namespace, key)
                if current is None or current.revision != entry.revision:
                    return False
                if self._kv is None or self._js is None:
                    self._store.removed(namespace, key, entry.revision)
                    self._emit(entry, kind, self._store.next_local_revision())
                else:
                    publisher = self._publisher()

                    def applied(revision: int) -> None:
                        if self._store.removed(namespace, key, entry.revision) is not None:
                            self._emit(entry, kind, revision)

                    try:
                        marker = await retry_while_jetstream_recovers(
                            lambda: publisher.publish(
                                record,
                                b"",
                                entry.revision,
                                delete=True,
                                removed_by=removed_by,
                                timeout=WRITE_ATTEMPT,
                                on_done=applied,
                            ),
                            time.monotonic() + 10.0,
                            self.log,
                        )
                    except RecordConflict:
                        await self._sync(namespace, key)
                        return False
                    self._remember_marker(record, marker)
        finally:
            if claimed:
                self._store.release(namespace, key)
        if entry.blob_names:
            await self._release_blobs(entry.blob_names)
        return True

    async def _remove_quietly(self, entry: ContextEntry, kind: str, *, claimed: bool) -> None:
        try:
            await self._remove(entry, kind, claimed=claimed)
        except Exception as exc:  # the entry stays; the sweeper or a later read tries again
            self.log.warning("entry not removed", key=entry.key, kind=kind, error=repr(exc))

    async def _evict(self, namespace: str, max_entries: int | None, keep: str) -> None:
        """Evict the oldest entries until the namespace holds at most ``max_entries``
        (expired ones go first, as expired)."""
        if max_entries is None:
            return
        busy = self._busy(namespace)
        if self._store.over(namespace, max_entries):
            for entry in self._store.expired_in(namespace, time.time()):
                await self._remove_quietly(entry, "expired", claimed=True)
        tried: set[tuple[str, int]] = set()
        while (victim := self._store.next_victim(namespace, max_entries, keep, busy)) is not None:
            if (victim.key, victim.revision) in tried:
                # Its removal failed (the bucket did not answer): not again in this put.
                self._store.release(namespace, victim.key)
                return
            tried.add((victim.key, victim.revision))
            await self._remove_quietly(victim, "evicted", claimed=True)

    async def _not_kept(self, entry: ContextEntry, req: PutRequest) -> None:
        """A put with max_entries 0 (keeps nothing) or ttl 0 (expires at once): announced
        as stored and gone at once, never written; the key's earlier version goes too."""
        namespace, key = entry.namespace, entry.key
        if req.max_entries == 0:
            await self._evict(namespace, 0, keep="")
        else:
            old = self._store.get(namespace, key)
            if old is not None:
                await self._remove_quietly(old, "expired", claimed=False)
            elif req.max_entries is not None:
                await self._evict(namespace, req.max_entries - 1, keep=key)
        self._emit(entry, "stored")
        self._emit(entry, "evicted" if req.max_entries == 0 else "expired")
        if entry.compressed_ref is not None:
            # The client reads the large compressed text after this reply, but the entry
            # is gone: keep the object a while for it.
            name = entry.compressed_ref.key
            self._held[name] += 1
            self._read_holds.append((time.monotonic() + self.read_hold, name))
        if entry.blob_names:
            await self._release_blobs(entry.blob_names)  # the held one goes later

    async def _expire_due(self, namespace: str | None = None) -> None:
        now = time.time()
        due = self._store.due(now) if namespace is None else self._store.expired_in(namespace, now)
        for entry in due:
            await self._remove_quietly(entry, "expired", claimed=True)

    async def _sweep_forever(self) -> None:
        while not self._stopped.is_set():
            try:
                await self._expire_due()
                await self._end_read_holds()
                self._reload_limits()
            except Exception:
                self.log.exception("sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), self.sweep_interval)

    async def _end_read_holds(self) -> None:
        now = time.monotonic()
        while self._read_holds and self._read_holds[0][0] <= now:
            _deadline, name = self._read_holds.popleft()
            self._held[name] -= 1
            self._held += Counter()  # drops names nobody holds any more
            await self._release_blobs([name])  # deleted only if no live entry uses it

    async def _collect_orphan_blobs(self) -> None:
        """Delete objects no entry refers to, once older than ``blob_grace``.

        Run at start only, from the entries just restored from the bucket: an object older
        than the grace belongs to a put that finished (or failed) long before the restore,
        so if its entry lives, the restore saw it. (A periodic run on a keeper whose memory
        lags the bucket could delete a live entry's texts.)
        """
        assert self._js is not None
        try:
            buckets = await blob_buckets(self._js)
        except Exception as exc:
            self.log.warning("blob stores not listed", error=repr(exc))
            return
        in_use = self._blobs_in_use()
        cutoff = time.time() - self.blob_grace
        removed = 0
        for bucket in buckets:
            try:
                store = await self._blob_store(bucket)
                infos = await store.list(ignore_deletes=True)
            except NotFoundError:
                continue  # an empty store
            except Exception as exc:
                self.log.warning("blob store not listed", bucket=bucket, error=repr(exc))
                continue
            for info in infos:
                if info.deleted or not info.name or f"{bucket}:{info.name}" in in_use:
                    continue
                try:
                    mtime = datetime.datetime.fromisoformat(info.mtime or "").timestamp()
                except ValueError:
                    continue
                if mtime <= cutoff:
                    with contextlib.suppress(Exception):
                        removed += await delete_blob(self._js, store, info.name)
        if removed:
            self.log.info("orphaned blobs removed", blobs=removed)

    async def _blob_store(self, bucket: str) -> ObjectStore:
        """A blob bucket, its replicas raised to this keeper's (the first writer of a
        namespace, a client, created it with one)."""
        if bucket not in self._blobs:
            assert self._js is not None
            self._blobs[bucket] = await ensure_blob_store(self._js, self.settings.replicas, bucket)
        return self._blobs[bucket]

    def _blobs_in_use(self) -> set[str]:
        # A scan, but only for entries with large texts; they are few and big by nature.
        return {name for entry in self._store.all_entries() for name in entry.blob_names} | set(
            self._held
        )

    async def _release_blobs(self, names: Sequence[str]) -> None:
        """Delete the objects ``names`` unless a live entry still refers to one of them
        (a compressed text shared by two puts of one payload, an original put again)."""
        if self._js is None:
            return
        in_use = self._blobs_in_use()
        for key in names:
            if key in in_use:
                continue
            bucket, _, name = key.partition(":")
            try:
                await delete_blob(self._js, await self._blob_store(bucket), name)
            except Exception as exc:  # a leftover object costs space, not correctness
                self.log.warning("blob not deleted", blob=key, error=repr(exc))

    def _emit(self, entry: ContextEntry, kind: str, revision: int | None = None) -> None:
        """Publish a change event; events leave in the order of the calls (each task's
        first step hands its frame to the connection)."""
        event = ChangeEvent(
            namespace=entry.namespace,
            key=entry.key,
            kind=kind,
            timestamp=time.time(),
            agent=entry.agent,
            original_tokens=entry.original_tokens,
            compressed_tokens=entry.compressed_tokens,
            revision=entry.revision if revision is None else revision,
        )
        self.spawn(self._send_event(event))

    async def _send_event(self, event: ChangeEvent) -> None:
        try:
            await self.nc.publish(event_subject(event.namespace, event.key), encode(event))
        except Exception:
            self.log.warning("event not published", key=event.key, kind=event.kind)

    # -- compression jobs ------------------------------------------------------------

    async def _compress(self, namespace: str, req: PutRequest, job_id: str, log: Any) -> JobResult:
        pending = self._pending.get(job_id)
        if pending is None:
            pending = _Pending(asyncio.get_running_loop().create_future())
            self._pending[job_id] = pending
            try:
                await self._enqueue(namespace, req, job_id, pending.nonce, log)
            except BaseException:
                # Not queued: a later put of the same payload must try again, not wait here.
                del self._pending[job_id]
                raise
        pending.waiters += 1

        async def requeue() -> None:
            assert pending is not None
            if time.monotonic() - pending.queued_at < REQUEUE_AFTER:
                return  # another put of the same payload just did
            pending.queued_at = time.monotonic()
            log.warning("job result missing with the queue empty: queued again")
            await self._enqueue(namespace, req, job_id, pending.nonce, log, fresh=True)

        try:
            return await self._await_result(pending.future, req.timeout, requeue)
        finally:
            pending.waiters -= 1
            # Nobody waits any more: forget it, so a later put enqueues afresh.
            if pending.waiters == 0 and self._pending.get(job_id) is pending:
                del self._pending[job_id]

    async def _enqueue(
        self,
        namespace: str,
        req: PutRequest,
        job_id: str,
        nonce: str,
        log: Any,
        *,
        fresh: bool = False,
    ) -> None:
        assert self._js is not None
        job = CompressionJob(
            job_id=job_id,
            namespace=namespace,
            model=req.model,
            content=req.content,
            content_type=req.content_type,
            enqueued_at=time.time(),
            content_ref=req.original_ref,
            nonce=nonce,
        )
        payload = encode(job)
        js, subject = self._js, job_subject(namespace)
        deadline = time.monotonic() + req.timeout
        # Publishing again is safe: the message id makes JetStream drop a second copy.
        ack = None
        if not fresh:
            ack = await retry_while_jetstream_recovers(
                lambda: js.publish(subject, payload, headers=traced({"Nats-Msg-Id": job_id})),
                deadline,
                log,
            )
        if ack is None or ack.duplicate:
            # Queued or done within the duplicate window, but no result reached this
            # keeper (it started later, or its cache dropped it): queue it under a
            # fresh message id rather than wait for a result that may never come (also
            # when asked to: ``fresh``, the result of the first copy was lost).
            again = f"{job_id}.{time.time_ns()}"
            await retry_while_jetstream_recovers(
                lambda: js.publish(subject, payload, headers=traced({"Nats-Msg-Id": again})),
                deadline,
                log,
            )
        log.debug("job queued", job_id=job_id[:12], bytes=len(payload))

    async def _await_result(
        self,
        future: asyncio.Future[JobResult],
        timeout: float,
        requeue: Callable[[], Awaitable[None]] | None = None,
    ) -> JobResult:
        deadline = time.monotonic() + timeout
        idle_since: float | None = None
        empty_since: float | None = None
        info: ConsumerInfo | None = None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                # shield: one waiter timing out must not cancel the shared future.
                return await asyncio.wait_for(
                    asyncio.shield(future), min(remaining, self.worker_check_interval)
                )
            except TimeoutError:
                pass
            assert self._js is not None
            try:
                info = await consumer_info(self._js)
            except JETSTREAM_RECOVERABLE:
                # The consumer has no leader right now (a node was lost): not a sign that
                # workers are gone. Keep waiting; the job is safe in the stream.
                idle_since = None
                continue
            if info is None or (not info.num_waiting and not info.num_ack_pending):
                now = time.monotonic()
                idle_since = now if idle_since is None else idle_since
                if now - idle_since >= self.no_worker_after:
                    raise NoWorker(
                        "no compression worker is consuming the job queue "
                        "(start one with `ctxbus worker`); nothing was stored"
                    )
            else:
                idle_since = None
            # Workers wait, nothing is queued or in progress, and still no result: it was
            # lost on the way (see REQUEUE_AFTER). Queue the job again.
            if (
                requeue is not None
                and info is not None
                and info.num_waiting
                and not info.num_pending
                and not info.num_ack_pending
            ):
                now = time.monotonic()
                empty_since = now if empty_since is None else empty_since
                if now - empty_since >= REQUEUE_AFTER and not future.done():
                    empty_since = None
                    with contextlib.suppress(*JETSTREAM_RECOVERABLE):
                        await requeue()
            else:
                empty_since = None
        queued = f"{info.num_pending} queued, {info.num_ack_pending} in progress" if info else ""
        raise CompressionTimeout(
            f"no worker finished the job within {timeout:g}s ({queued}); nothing was stored"
        )

    async def _on_job_result(self, msg: Msg, log: Any) -> None:
        result = decode(msg.data, JobResult)
        pending = self._pending.get(result.job_id)
        if pending is None or not hmac.compare_digest(pending.nonce, result.nonce):
            # Not the answer to a job this keeper queued and waits for (a forged result,
            # or one for a job given up on): it must never reach the result cache.
            log.warning(
                "job result ignored: no job of this keeper has that id and nonce",
                job_id=result.job_id[:12],
                worker=result.worker[:64],
            )
            return None
        del self._pending[result.job_id]
        if not result.ok:
            log.warning("job failed", job_id=result.job_id[:12], error=result.error[:200])
            if pending is not None and not pending.future.done():
                pending.future.set_exception(
                    CompressionFailed(f"compression failed: {result.error}")
                )
            return None
        self._cache_result(result)
        if pending is not None and not pending.future.done():
            pending.future.set_result(result)
        return None

    def _cache_result(self, result: JobResult) -> None:
        if result.job_id in self._results or result.compressed_ref is not None:
            # A result whose text is an object lives only as long as the entries using it.
            return
        self._results[result.job_id] = result
        self._results_bytes += len(result.compressed)
        while self._results_bytes > self.result_cache_bytes and len(self._results) > 1:
            _id, old = self._results.popitem(last=False)
            self._results_bytes -= len(old.compressed)
