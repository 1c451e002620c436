"""``AsyncSharedContext``: the asyncio client of a ContextKeeper."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import enum
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

import nats.errors
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js.object_store import ObjectStore

from bus import tracing
from bus._dedupe import SentMemory, sha256
from bus._errors import (
    BaseMismatch,
    BlobMissing,
    CtxbusError,
    InvalidContent,
    MalformedFrame,
    NoKeeper,
    NotConnected,
    PayloadTooLarge,
    PermissionDenied,
    ProtocolError,
    ReadStalled,
    RequestTimeout,
    RevisionGone,
    ValidationError,
)
from bus._poll import poll_until
from bus._replies import ReplyMux, is_no_responders
from bus._tasks import TaskSpec, build_task, request_task, task_error
from bus.blobs import (
    DEFAULT_MAX_PUT_BYTES,
    Progress,
    blob_store,
    delete_blob,
    download,
    inline_limit,
    upload,
)
from bus.connection import (
    NO_RESPONDERS_GRACE,
    connect,
    guard,
    subscribe_checked,
    wait_for_responder,
)
from bus.events import OrderedEvents, resume_point
from bus.jobs import retry_while_jetstream_recovers
from bus.local import ClientLease, embedded_wanted, join_local_stack
from bus.messages import (
    KEEPER_INSTANCE_HEADER,
    BlobRef,
    ChangeEvent,
    ClearReply,
    ContextEntry,
    ContextStats,
    DeleteReply,
    EntryReply,
    FitReply,
    FitRequest,
    KeyRequest,
    KeysReply,
    Message,
    NamespaceRequest,
    OmittedRequest,
    PutRequest,
    ResumeReply,
    ResumeRequest,
    TaskDone,
    TaskInput,
    TextReply,
    decode,
    decode_reply,
    encode,
    new_request_id,
)
from bus.options import ConnectOptions, connect_options
from bus.subjects import (
    KEEPER_PING,
    blobs_bucket,
    event_subject,
    events_wildcard,
    request_subject,
    validate_key,
    validate_namespace,
)

__all__ = ["DEFAULT_MODEL", "AsyncSharedContext", "ClientStatistics", "ContextWatch"]

#: headroom's default, the same as ``transforms.DEFAULT_MODEL`` (a test keeps them equal: bus
#: does not import transforms, which would cost every client its 0.16 s import).
DEFAULT_MODEL = "claude-sonnet-4-5-20250929"
#: Seconds after a reconnect during which "no responders" is retried, not raised.
RECONNECT_GRACE = 2.0
#: Reads of a large text that found its object gone (overwritten meanwhile) ask again.
_BLOB_ATTEMPTS = 3
#: A copy of a request unanswered this long makes the client ask (the readiness ping,
#: which names the serving keeper's instance) whether the keeper that got it still serves;
#: if another one does, or none, the request is sent again with the same request id.
ATTEMPT_TIMEOUT = 0.25
#: How long the readiness ping may take (a loaded keeper answers it late, not never).
PING_TIMEOUT = 0.5
#: A copy unanswered this long is sent again even to the same keeper (twice; then twice
#: as long each time, at most 16 s) (it may have been
#: dropped on the way); the keeper answers a copy of a request it has from its replay cache.
RESEND_AFTER = 2.0
#: Between copies while no keeper answers (a failover in progress).
RETRY_DELAY = 0.02
#: Seconds a resumed watch waits for the first of the events the server counted for it
#: before it calls that a stall (and tries again): longer than a leader election (~5 s).
RESUME_STALL = 10.0
#: Seconds a resumed watch waits through stalls before it raises one.
RESUME_PATIENCE = 60.0

R = TypeVar("R", bound=Message)


class _Unset(enum.Enum):
    UNSET = 0


#: "Use the client's default" for per-call options where None has its own meaning.
UNSET = _Unset.UNSET


@dataclass(frozen=True, slots=True)
class ClientStatistics:
    requests: int
    errors: int
    #: Requests sent again because the connection was re-established while they waited.
    retries: int
    connected: bool


def entry_ttl(ttl: object) -> float | None:
    """``ttl`` as the keeper takes it: seconds >= 0, or None for "never expires".

    As in headroom, any number is accepted and 0 or less means the entry expires at once
    (headroom's ``SharedContext(ttl=0)`` reads every entry as expired).
    """
    if ttl is None:
        return None
    if not isinstance(ttl, int | float) or math.isnan(ttl):
        raise ValidationError(f"ttl must be a number of seconds or None, got {ttl!r:.40}")
    return max(0.0, float(ttl))


def entry_limit(max_entries: object) -> int | None:
    """``max_entries`` as the keeper takes it: an int >= 0, or None for "no limit".

    headroom evicts while the store holds ``>= max_entries`` and then adds, so a fraction
    acts like the next integer; 0 or less keeps nothing (headroom's put then fails on an
    empty ``min()``; ours returns the entry and stores none).
    """
    if max_entries is None:
        return None
    if not isinstance(max_entries, int | float) or math.isnan(max_entries):
        raise ValidationError(f"max_entries must be a number or None, got {max_entries!r:.40}")
    if math.isinf(max_entries):
        return None if max_entries > 0 else 0
    return max(0, math.ceil(max_entries))


class AsyncSharedContext:
    """Shared, compressed context on a NATS bus; the asyncio twin of ``SharedContext``.

    ``servers`` (URLs or a :class:`ConnectOptions`) falls back to ``$CTXBUS_SERVERS``,
    then ``$NATS_URL``, then a nats CLI context (see :mod:`bus.options`); with none of
    them, the client starts or joins this user's local stack for ``data_dir`` (default
    ``$CTXBUS_DATA_DIR`` or ``~/.local/share/ctxbus``; see :mod:`bus.local`) unless
    ``embedded=False`` or ``$CTXBUS_NO_EMBEDDED=1``. Credentials:
    ``options=ConnectOptions(...)`` or the same names as keywords (``creds=``, ``nkey=``,
    ``user=``/``password=``, ``token=``, ``tls_ca=``, ``tls_cert=``/``tls_key=``,
    ``context=``). Pass ``nc`` to reuse an existing
    connection (the client then never closes it). ``ttl`` (seconds) and
    ``max_entries`` apply to the puts this client makes; see docs/architecture.md for
    how clients with different limits on one namespace are reconciled.
    """

    def __init__(
        self,
        servers: str | Sequence[str] | ConnectOptions | None = None,
        namespace: str = "default",
        model: str = DEFAULT_MODEL,
        ttl: float | None = 3600,
        max_entries: float | None = 100,
        *,
        agent: str | None = None,
        timeout: float = 5.0,
        put_timeout: float = 60.0,
        nc: NATS | None = None,
        name: str = "ctxbus-client",
        embedded: bool = True,
        data_dir: str | None = None,
        dedupe: bool = True,
        options: ConnectOptions | None = None,
        max_put_bytes: int = DEFAULT_MAX_PUT_BYTES,
        **auth: str | None,
    ) -> None:
        self.namespace = validate_namespace(namespace)
        self.options = connect_options(servers, options, auth)
        if isinstance(max_put_bytes, bool) or not isinstance(max_put_bytes, int):
            raise ValidationError(f"max_put_bytes must be an int, got {max_put_bytes!r:.40}")
        if max_put_bytes < 1:
            raise ValidationError(f"max_put_bytes must be >= 1, got {max_put_bytes}")
        #: A put above this many UTF-8 bytes is refused before anything is sent.
        self.max_put_bytes = max_put_bytes
        #: The blob buckets opened on the current connection, by name.
        self._blobs: tuple[NATS, dict[str, ObjectStore]] | None = None
        self.servers = servers
        self.model = model
        self.ttl = entry_ttl(ttl)
        self.max_entries = entry_limit(max_entries)
        self.agent = agent
        self.timeout = timeout
        self.put_timeout = put_timeout
        self._name = name
        #: Start or join the local stack when no server is configured (see bus.local).
        self.embedded = (
            embedded_wanted(self.options.servers, embedded)
            and nc is None
            and not self.options.context
        )
        self.data_dir = data_dir
        self._lease: ClientLease | None = None
        #: What this client put, so a text that repeats one travels as a delta.
        self._sent = SentMemory() if dedupe else None
        self._local_url = ""
        self._nc = nc
        self._owns_nc = nc is None
        self._connect_lock = asyncio.Lock()
        self._requests = 0
        self._errors = 0
        #: These credentials may not read the whole event history (a tenant): resumed
        #: watches read their namespace's events only (ContextWatch._resume).
        self._history_restricted = False
        self._retries = 0
        #: Tasks waiting on a reply -> "interrupted by a reconnect" (see _send).
        self._in_flight: dict[asyncio.Task[Any], bool] = {}
        self._last_reconnect = -RECONNECT_GRACE
        #: The reply inbox of the current connection (see bus/_replies.py).
        self._mux: ReplyMux | None = None
        self._mux_lock = asyncio.Lock()
        #: A keeper has answered this client: "no responders" then means it vanished (a
        #: restart, a failover) and is waited out until the call's timeout.
        self._keeper_seen = False
        #: The instance of the keeper that answered the last readiness ping ("" for one
        #: that does not say), None when none answered.
        self._keeper_instance: str | None = None
        self._keeper_checked = -1.0
        self._keeper_check: asyncio.Future[str | None] | None = None
        #: One poll for a serving keeper, shared by every call waiting for one.
        self._keeper_wait: asyncio.Future[None] | None = None

    # -- lifecycle -------------------------------------------------------------------

    async def connect(self) -> AsyncSharedContext:
        async with self._connect_lock:
            if self._nc is None or self._nc.is_closed:
                options = self.options
                if self.embedded:
                    if self._lease is None:
                        self._local_url, self._lease = await asyncio.to_thread(
                            join_local_stack, self.data_dir
                        )
                    options = options.replace(servers=self._local_url)
                try:
                    self._nc = await connect(
                        options, name=self._name, on_reconnected=self._on_reconnected
                    )
                except BaseException:
                    self._release_lease()
                    raise
                self._owns_nc = True
        return self

    async def close(self) -> None:
        nc, self._nc = self._nc, None
        mux, self._mux = self._mux, None
        if mux is not None and not self._owns_nc:
            await mux.stop()  # a borrowed connection outlives us: leave no subscription
        try:
            if nc is not None and self._owns_nc and not nc.is_closed:
                try:
                    await nc.drain()
                except Exception:  # already closing/closed: nothing left to flush
                    await nc.close()
        finally:
            self._release_lease()

    def _release_lease(self) -> None:
        lease, self._lease = self._lease, None
        if lease is not None:
            lease.release()  # the last client out lets the local stack stop

    async def __aenter__(self) -> AsyncSharedContext:
        return await self.connect()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _on_reconnected(self) -> None:
        self._last_reconnect = asyncio.get_running_loop().time()
        for task in list(self._in_flight):
            self._in_flight[task] = True
            task.cancel()

    @property
    def nc(self) -> NATS:
        if self._nc is None or self._nc.is_closed:
            raise NotConnected("client is not connected: use 'async with' or await connect()")
        return self._nc

    def statistics(self) -> ClientStatistics:
        return ClientStatistics(
            requests=self._requests,
            errors=self._errors,
            retries=self._retries,
            connected=self._nc is not None and self._nc.is_connected,
        )

    # -- the SharedContext API -------------------------------------------------------

    async def put(
        self,
        key: str,
        content: str,
        agent: str | None = None,
        *,
        ttl: float | _Unset | None = UNSET,
        content_type: str | None = None,
        timeout: float | None = None,
        progress: Progress | None = None,
        if_revision: int | None = None,
    ) -> ContextEntry:
        """Store ``content`` under ``key``; returns the entry once it is compressed.

        The entry's ``revision`` is the store's revision of this version. With
        ``if_revision=R`` the put is a compare-and-set: it stores only if the key is still
        at revision R (``0``: only if the key is absent) and raises
        :class:`RevisionMismatch` otherwise (someone else wrote or deleted it in between;
        nothing is stored).

        Content above ``max_put_bytes`` (UTF-8) raises :class:`PayloadTooLarge` before
        anything is sent. Content above :data:`bus.blobs.INLINE_MAX_BYTES` is uploaded once
        to the object store and the put carries a reference; ``progress(sent, total)`` is
        called as it uploads (possibly from a helper thread).
        """
        validate_key(key)
        if not isinstance(content, str):
            raise InvalidContent(f"content must be str, got {type(content).__name__}")
        if if_revision is not None and (
            not isinstance(if_revision, int) or isinstance(if_revision, bool) or if_revision < 0
        ):
            raise ValidationError(f"if_revision must be an int >= 0 or None, got {if_revision!r}")
        put_ttl = self.ttl if isinstance(ttl, _Unset) else entry_ttl(ttl)
        if len(content) > self.max_put_bytes:  # at least one byte per character
            raise self._too_large(len(content), at_least=True)
        try:
            data = content.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidContent(f"content is not valid UTF-8 text: {exc.reason}") from None
        if len(data) > self.max_put_bytes:
            raise self._too_large(len(data))
        nc = await self._connected()
        wait = timeout if timeout is not None else self.put_timeout
        request = PutRequest(
            key=key,
            content=content,
            agent=agent if agent is not None else self.agent,
            ttl=put_ttl,
            max_entries=self.max_entries,
            model=self.model,
            content_type=content_type,
            # The keeper gives up a little before we do, so its error reaches us.
            timeout=max(0.1, wait - min(1.0, wait * 0.1)),
            if_revision=if_revision,
        )
        reply: EntryReply | None = None
        delta = None
        # A text for the object store is rebuilt nowhere: only inline texts go as deltas.
        if self._sent is not None and len(data) <= inline_limit(nc.max_payload):
            delta = self._sent.delta(key, content)
        if delta is not None:
            try:
                # Only the new part travels, with the earlier entry it extends.
                reply = await self._request(
                    "put",
                    dataclasses.replace(
                        request,
                        content=delta.middle,
                        base_key=delta.base_key,
                        base_sha256=delta.base_sha256,
                        keep_head=delta.keep_head,
                        keep_tail=delta.keep_tail,
                        content_sha256=sha256(content),
                    ),
                    EntryReply,
                    wait,
                )
            except BaseMismatch:  # the keeper cannot rebuild it: send it whole below
                if self._sent is not None:
                    self._sent.forget(delta.base_key)
                # Another request (the refused delta's id has its answer: BaseMismatch).
                request = dataclasses.replace(request, request_id=new_request_id())
        if reply is None:
            ref: BlobRef | None = None
            if len(data) > inline_limit(nc.max_payload):
                ref = await upload(
                    await self._blob_store(),
                    data,
                    prefix="o",
                    max_payload=nc.max_payload,
                    progress=progress,
                )
                request = dataclasses.replace(request, content="", original_ref=ref)
            try:
                reply = await self._request("put", request, EntryReply, wait)
            except (NoKeeper, NotConnected):
                # No keeper took the put, so nobody else will remove the upload.
                if ref is not None:
                    with contextlib.suppress(Exception):
                        store = await self._blob_store(ref.bucket)
                        await delete_blob(self.nc.jetstream(), store, ref.name)
                raise
        del data
        entry = reply.entry
        if entry is None:  # pragma: no cover - the keeper always returns the entry
            raise ValidationError("keeper returned no entry for put")
        compressed = entry.compressed
        if entry.compressed_ref is not None:
            try:
                compressed = await self._read_blob(entry.compressed_ref)
            except BlobMissing:
                raise BlobMissing(
                    f"{key!r} was stored, but deleted or overwritten before its large "
                    "compressed text could be read back"
                ) from None
        if self._sent is not None:
            self._sent.remember(key, content)
        # The keeper does not echo the original back: we have it.
        return dataclasses.replace(entry, original=content, compressed=compressed)

    async def get(
        self,
        key: str,
        full: bool = False,
        *,
        max_tokens: int | None = None,
        model: str | None = None,
        query: str | None = None,
        progress: Progress | None = None,
    ) -> str | None:
        """The compressed text (or the exact original with ``full=True``); None if missing.

        With ``max_tokens``, the most faithful form that fits that many tokens of
        ``model`` (default: this client's model): the original if it fits, else the
        compressed text, else tighter forms, never more tokens than asked. See
        :meth:`get_fitted` for which form was served. With ``query``, the compressed text
        with the omitted parts that match the query put back in place (BM25), within
        ``max_tokens`` if given. A large text is read from the object store;
        ``progress(received, total)`` is called as it arrives.
        """
        if max_tokens is not None or query:
            fitted = await self.get_fitted(key, max_tokens, model=model, query=query)
            return fitted.text if fitted is not None else None
        validate_key(key)
        for attempt in range(_BLOB_ATTEMPTS):
            reply = await self._request("get", KeyRequest(key=key, full=full), TextReply)
            if reply.ref is None:
                return reply.text
            try:
                return await self._read_blob(reply.ref, progress)
            except BlobMissing:
                # Overwritten or deleted between the reply and the read: ask again.
                if attempt == _BLOB_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def get_fitted(
        self,
        key: str,
        max_tokens: int | None = None,
        *,
        model: str | None = None,
        query: str | None = None,
    ) -> FitReply | None:
        """A read within ``max_tokens`` tokens of ``model``, saying what it served.

        The reply's ``level`` is ``original``, ``compressed``, ``short_markers``,
        ``fewer_examples``, ``outline`` or ``cut`` (see ``transforms.budget``); ``tokens``
        is its count for ``model`` (``exact`` False for calibrated estimates) and
        ``original_tokens`` the original's. A ``query`` puts the omitted pieces that match
        it back into the compressed text (level ``expanded``; ``expanded`` lists the
        omission ids), best matches first, as many as ``max_tokens`` allows (no budget:
        up to 40 pieces scoring at least 30 % of the best). None if the key is missing.
        """
        validate_key(key)
        if max_tokens is not None and (
            not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 0
        ):
            raise ValidationError(f"max_tokens must be an int >= 0 or None, got {max_tokens!r}")
        if query is not None and not isinstance(query, str):
            raise ValidationError(f"query must be str or None, got {type(query).__name__}")
        request = FitRequest(
            key=key, max_tokens=max_tokens, model=model or self.model, query=query or ""
        )
        for attempt in range(_BLOB_ATTEMPTS):
            reply = await self._request("fit", request, FitReply)
            if reply.ref is None:
                return reply if reply.text is not None else None
            try:
                return dataclasses.replace(reply, text=await self._read_blob(reply.ref))
            except BlobMissing:
                if attempt == _BLOB_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def get_entry(self, key: str, *, progress: Progress | None = None) -> ContextEntry | None:
        """The whole entry, both texts filled in (large ones read from the object store)."""
        validate_key(key)
        for attempt in range(_BLOB_ATTEMPTS):
            reply = await self._request("entry", KeyRequest(key=key), EntryReply)
            entry = reply.entry
            if entry is None or (entry.original_ref is None and entry.compressed_ref is None):
                return entry
            try:
                return await self._fill_in(entry, progress)
            except BlobMissing:
                if attempt == _BLOB_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _fill_in(self, entry: ContextEntry, progress: Progress | None) -> ContextEntry:
        original, compressed = entry.original, entry.compressed
        if entry.original_ref is not None:
            original = await self._read_blob(entry.original_ref, progress)
        if entry.compressed_ref is not None:
            compressed = await self._read_blob(entry.compressed_ref)
        return dataclasses.replace(entry, original=original, compressed=compressed)

    async def get_omitted(self, key: str, omission_id: str) -> str | None:
        """Just one omitted part of the original, by the id its marker names."""
        validate_key(key)
        for attempt in range(_BLOB_ATTEMPTS):
            reply = await self._request(
                "omitted", OmittedRequest(key=key, omission_id=omission_id), TextReply
            )
            if reply.ref is None:
                return reply.text
            try:
                original = await self._read_blob(reply.ref)
            except BlobMissing:
                if attempt == _BLOB_ATTEMPTS - 1:
                    raise
                continue
            return "".join(original[s:e] for s, e in reply.spans or [])
        raise AssertionError("unreachable")  # pragma: no cover

    # -- large texts (the object store) ------------------------------------------------

    def _too_large(self, size: int, at_least: bool = False) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"content is {'at least ' if at_least else ''}{size} bytes of UTF-8; this client "
            f"allows {self.max_put_bytes} bytes per put (max_put_bytes); nothing was sent"
        )

    async def _blob_store(self, bucket: str | None = None) -> ObjectStore:
        """A blob bucket: by default this namespace's (created by the first upload)."""
        nc = await self._connected()
        if self._blobs is None or self._blobs[0] is not nc:
            self._blobs = (nc, {})
        stores = self._blobs[1]
        name = bucket or blobs_bucket(self.namespace)
        if name not in stores:
            # A bucket these credentials may not use (another namespace's, or the shared one
            # of earlier versions for a tenant): PermissionDenied at once, not a timeout.
            opening = blob_store(nc.jetstream(), name, create=bucket is None)
            stores[name] = await guard(nc, opening, any_violation=True)
        return stores[name]

    async def _read_blob(self, ref: BlobRef, progress: Progress | None = None) -> str:
        store = await self._blob_store(ref.bucket)
        data = await download(self.nc.jetstream(), store, ref, progress)
        try:
            # Decoding 64 MB takes a moment: off the event loop.
            return await asyncio.to_thread(data.decode, "utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(f"blob {ref.name!r} is not UTF-8 text") from None

    async def keys(self) -> list[str]:
        reply = await self._request("keys", NamespaceRequest(), KeysReply)
        return reply.keys

    async def stats(self) -> ContextStats:
        return await self._request("stats", NamespaceRequest(), ContextStats)

    async def clear(self) -> int:
        """Delete every entry of the namespace; returns how many there were."""
        reply = await self._request("clear", NamespaceRequest(), ClearReply)
        if self._sent is not None:
            self._sent.clear()
        return reply.cleared

    async def delete(self, key: str) -> bool:
        validate_key(key)
        reply = await self._request("delete", KeyRequest(key=key), DeleteReply)
        if self._sent is not None:
            self._sent.forget(key)
        return reply.deleted

    def watch(self, key: str | None = None, *, from_revision: int | None = None) -> ContextWatch:
        """Change events for ``key`` (or the whole namespace) as an async iterator.

        Use as ``async with ctx.watch("k") as events: async for event in events: ...``;
        the subscription is live when the ``async with`` body starts. With
        ``from_revision=R`` the watch first replays every event after revision R from the
        bus's event history (an entry's ``revision``, or the last event's, seen before),
        then goes on live, missing none in between; :class:`RevisionGone` if the history
        no longer reaches back to R (see docs/architecture.md).
        """
        if key is not None:
            validate_key(key)
        if from_revision is not None and (
            not isinstance(from_revision, int)
            or isinstance(from_revision, bool)
            or from_revision < 0
        ):
            raise ValidationError(
                f"from_revision must be an int >= 0 or None, got {from_revision!r}"
            )
        subject = event_subject(self.namespace, key) if key else events_wildcard(self.namespace)
        return ContextWatch(self, subject, from_revision)

    async def wait_for_keeper(self, timeout: float = 30.0) -> str:
        """Wait until a keeper answers (for scripts that start one); returns its name."""
        answer = await wait_for_responder(await self._connected(), KEEPER_PING, timeout)
        if answer is None:
            raise NoKeeper(f"no ContextKeeper answered within {timeout:g}s")
        self._keeper_seen = True
        return answer.decode(errors="replace")

    # -- agent tasks -----------------------------------------------------------------

    async def run_task(
        self,
        role: str,
        instruction: str,
        inputs: Sequence[str | TaskInput],
        output_key: str,
        *,
        options: Mapping[str, Any] | None = None,
        timeout: float = 300.0,
        accept_timeout: float = 5.0,
        check: bool = True,
    ) -> TaskDone:
        """Have an agent of ``role`` do a task in this namespace; returns its outcome.

        ``inputs`` are keys the agent reads (compressed) or ``TaskInput(key, full=True)``
        (the original). The agent puts its answer under ``output_key``. With ``check``
        (default) a failed task raises: :class:`MissingInput`, :class:`AgentError` (the
        model call failed), ...; the exception's ``task_done`` holds the outcome.
        :class:`NoAgent` when no agent serves the role.
        """
        spec = TaskSpec(role, instruction, inputs, output_key, options or {})
        task = build_task(spec, self.namespace)
        nc = await self._connected()
        self._requests += 1
        try:
            done = await request_task(nc, task, accept_timeout=accept_timeout, timeout=timeout)
        except CtxbusError:
            self._errors += 1
            raise
        if check and not done.ok:
            self._errors += 1
            raise task_error(done)
        return done

    async def run_pipeline(
        self, steps: Sequence[TaskSpec], *, timeout: float = 300.0
    ) -> list[TaskDone]:
        """Run tasks one after another (a later step may read an earlier one's output)."""
        return [
            await self.run_task(
                s.role, s.instruction, s.inputs, s.output_key, options=s.options, timeout=timeout
            )
            for s in steps
        ]

    # -- plumbing --------------------------------------------------------------------

    async def _connected(self) -> NATS:
        if self._nc is None or self._nc.is_closed:
            await self.connect()
        return self.nc

    async def _request(
        self, op: str, message: Message, expected: type[R], timeout: float | None = None
    ) -> R:
        nc = self._nc
        if nc is None or nc.is_closed:  # the common case skips a coroutine hop
            nc = await self._connected()
        subject = request_subject(self.namespace, op)
        payload = encode(message)
        if len(payload) > nc.max_payload:
            raise PayloadTooLarge(
                f"request is {len(payload)} bytes; server max_payload is {nc.max_payload}"
            )
        wait = timeout if timeout is not None else self.timeout
        self._requests += 1
        try:
            msg = await self._send(nc, subject, payload, wait)
        except nats.errors.NoRespondersError:
            self._errors += 1
            raise NoKeeper(
                f"no ContextKeeper serves namespace {self.namespace!r} ({subject})"
            ) from None
        except nats.errors.TimeoutError:
            self._errors += 1
            raise RequestTimeout(f"{op} got no reply within {wait:g}s") from None
        except (nats.errors.ConnectionClosedError, nats.errors.ConnectionDrainingError) as exc:
            self._errors += 1
            raise NotConnected(f"connection closed during {op}: {exc!r}") from None
        return self._unwrap(msg, expected)

    async def _send(self, nc: NATS, subject: str, payload: bytes, wait: float) -> Msg:
        """Request ``subject`` and return the reply, sending the same request again (the
        same bytes, so the same request id) until ``wait`` seconds are up whenever it may
        have been lost:

        - the connection was re-established while it waited (:meth:`_on_reconnected`
          interrupts every request in flight): a request written just before a connection
          dies is lost;
        - it is unanswered after :data:`ATTEMPT_TIMEOUT` and the readiness ping finds
          another keeper instance serving, or none (the keeper that had it died: a
          failover, a restart), or it is unanswered after :data:`RESEND_AFTER`;
        - "no responders": once a keeper has answered this client (or right after a
          reconnect) this means it vanished, and is retried until the new one serves;
          before that it is raised after :data:`NO_RESPONDERS_GRACE` (nats-server says "no
          responders" for a moment after a responder's restart).

        A keeper applies a put, delete or clear once per request id (its replay cache, and
        the request id a stored entry records), so a copy is never applied twice. A reply
        to any copy ends the call.
        """
        return await guard(nc, self._send_copies(nc, subject, payload, wait), publish=(subject,))

    async def _reply_mux(self, nc: NATS) -> ReplyMux:
        async with self._mux_lock:
            if self._mux is None or self._mux.nc is not nc:
                self._mux = await ReplyMux(nc).start()
            return self._mux

    async def _send_copies(self, nc: NATS, subject: str, payload: bytes, wait: float) -> Msg:
        loop = asyncio.get_running_loop()
        started = loop.time()
        deadline = started + wait
        mux = self._mux
        if mux is None or mux.nc is not nc:
            mux = await self._reply_mux(nc)
        call = mux.open()
        task = asyncio.current_task()
        assert task is not None
        # A copy that drew no "no responders" reached a keeper: this call's keeper exists.
        reached = False
        patience = RESEND_AFTER
        resent = 0
        # The serving keeper changed (or vanished) during this call: a replaced keeper that
        # is stalled still sits in the queue group, so copies go out every RESEND_AFTER / 2.
        changed = False
        if self._keeper_checked < 0:
            # Which keeper serves, before the first request: a copy unanswered later is
            # then sent again only if another one serves by then.
            await self._serving_keeper(nc)
        # A caller's OpenTelemetry span goes along (bus/tracing.py); None when untraced.
        traced = tracing.headers()
        try:
            while True:  # one copy per turn
                self._in_flight[task] = False
                keeper = self._keeper_instance
                try:
                    await nc.publish(
                        subject, payload, reply=mux.reply_subject(call), headers=traced
                    )
                    sent = loop.time()
                    check_at = sent + ATTEMPT_TIMEOUT
                    while True:
                        msg = await call.wait(min(check_at, deadline) - loop.time())
                        if msg is not None:
                            if not is_no_responders(msg):
                                self._keeper_seen = True
                                return msg
                            now = loop.time()
                            vanished = (
                                reached
                                or self._keeper_seen
                                or now - self._last_reconnect < RECONNECT_GRACE
                            )
                            if now >= deadline or (
                                not vanished and now - started >= NO_RESPONDERS_GRACE
                            ):
                                raise nats.errors.NoRespondersError
                            call.again()
                            if vanished:
                                await self._keeper_ready(nc, deadline)
                            else:
                                await asyncio.sleep(RETRY_DELAY)
                            break  # send again
                        now = loop.time()
                        if now >= deadline:
                            raise nats.errors.TimeoutError
                        # Unanswered for a while: does the keeper that got it still serve?
                        reached = True
                        serving = await self._serving_keeper(nc)
                        if serving is not None and serving == keeper:
                            if now - sent < patience:
                                check_at = loop.time() + ATTEMPT_TIMEOUT
                                continue
                            resent += 1
                            if resent >= 2 and not changed:
                                patience = min(2 * patience, 16.0)
                        else:
                            changed = True
                            patience = RESEND_AFTER / 2
                        if serving is None:
                            await self._keeper_ready(nc, deadline)
                        break  # another keeper, or none: send again once one serves
                except asyncio.CancelledError:
                    if not self._in_flight.get(task):
                        raise  # a cancellation that is not ours
                    task.uncancel()
                if loop.time() >= deadline:
                    raise nats.errors.TimeoutError
                self._retries += 1
        finally:
            self._in_flight.pop(task, None)
            mux.close(call)

    async def _serving_keeper(self, nc: NATS) -> str | None:
        """The instance of the keeper serving now (None: none answers), asked at most every
        0.1 s however many requests wait."""
        loop = asyncio.get_running_loop()
        check = self._keeper_check
        if check is None or (check.done() and loop.time() - self._keeper_checked > 0.1):
            check = self._keeper_check = asyncio.ensure_future(self._ping_keeper(nc))
        return await asyncio.shield(check)

    async def _keeper_ready(self, nc: NATS, deadline: float) -> None:
        """Wait until a keeper answers the readiness ping (or ``deadline``, loop time): one
        ping every :data:`RETRY_DELAY` for all the calls waiting, not a copy each."""
        wait = self._keeper_wait
        if wait is None or wait.done():
            wait = self._keeper_wait = asyncio.ensure_future(self._poll_keeper(nc))
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining > 0:
            await asyncio.wait((wait,), timeout=remaining)

    async def _poll_keeper(self, nc: NATS, limit: float = 5.0) -> None:
        # A caller still waiting after ``limit`` starts a new poll.
        await poll_until(lambda: self._ping_keeper(nc), limit, interval=RETRY_DELAY)

    async def _ping_keeper(self, nc: NATS) -> str | None:
        try:
            reply = await nc.request(KEEPER_PING, b"", timeout=PING_TIMEOUT)
        except (nats.errors.NoRespondersError, nats.errors.TimeoutError):
            instance = None
        except Exception:  # closed, draining, refused: nothing to learn here
            instance = None
        else:
            instance = (reply.headers or {}).get(KEEPER_INSTANCE_HEADER, "")
        self._keeper_instance = instance
        self._keeper_checked = asyncio.get_running_loop().time()
        return instance

    def _unwrap(self, msg: Msg, expected: type[R]) -> R:
        try:
            return decode_reply(msg.data, msg.headers, expected)
        except CtxbusError:
            self._errors += 1
            raise


class ContextWatch:
    """An async iterator of :class:`ChangeEvent` over one subscription."""

    def __init__(
        self, client: AsyncSharedContext, subject: str, from_revision: int | None = None
    ) -> None:
        self._client = client
        self._subject = subject
        self._queue: asyncio.Queue[ChangeEvent] = asyncio.Queue()
        self._sub: Any = None
        #: Resume after this revision (replayed from the event history), or None: live only.
        self.from_revision = from_revision

    async def start(self) -> ContextWatch:
        nc = await self._client._connected()
        after = self.from_revision
        #: Past the resume point: events of entries never kept (revision 0) count again.
        resumed = after is None

        async def on_event(msg: Msg) -> None:
            nonlocal resumed
            try:
                event = decode(msg.data, ChangeEvent)
            except Exception:  # a bad frame on an event subject is not our consumer's problem
                return
            if not resumed:
                assert after is not None
                if event.revision <= after:
                    return  # seen before the resume point
                resumed = True
            self._queue.put_nowait(event)

        if after is not None:
            await self._resume(nc, after, on_event)
            return self

        # Without a flush, events published right after this returns could be missed; it
        # also lets a refused subscription (PermissionDenied) surface here.
        self._sub = await subscribe_checked(nc, self._subject, cb=on_event)
        return self

    async def _resume(
        self, nc: NATS, after: int, on_event: Callable[[Msg], Awaitable[None]]
    ) -> None:
        """Replay the history after ``after``, then go on live, through one ordered
        consumer filtered on the watched subject (see docs/protocol.md, "watch").

        A stall (a JetStream election, a paused server) is waited through for up to
        :data:`RESUME_PATIENCE` seconds and then raised as a stall
        (:class:`~bus.ReadStalled`, a server's timeout), never as :class:`RevisionGone`,
        which tells the caller to re-read everything: that only when the server says the
        events after ``after`` are no longer kept. An attempt that fails delivered nothing
        (its first event is what it waits for), so a retry repeats no event."""
        self._sub = await retry_while_jetstream_recovers(
            lambda: self._open_resumed(nc, after, on_event),
            time.monotonic() + RESUME_PATIENCE,
        )

    async def _open_resumed(
        self, nc: NATS, after: int, on_event: Callable[[Msg], Awaitable[None]]
    ) -> OrderedEvents:
        client = self._client
        start: int | None = None
        if not client._history_restricted:
            try:
                # Bisection over the whole stream: credentials limited to some namespaces
                # may not read it (refused at once), and then read their namespace's part.
                start = await guard(nc, resume_point(nc.jetstream(), after), any_violation=True)
            except PermissionDenied:
                client._history_restricted = True
        if client._history_restricted:
            # The keeper bisects for it (it answers a sequence, nothing of any event).
            with contextlib.suppress(MalformedFrame):  # a keeper of an earlier version
                asked = ResumeRequest(from_revision=after)
                reply = await client._request("resume", asked, ResumeReply)
                start = reply.start
        first: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def deliver(msg: Msg) -> None:
            if not first.done():
                with contextlib.suppress(Exception):
                    first.set_result(decode(msg.data, ChangeEvent).revision)
                if not first.done():
                    first.set_result(0)
            await on_event(msg)

        consumer = OrderedEvents(nc, self._subject, deliver, start=start)
        # PermissionDenied at once for a namespace these credentials may not read.
        info = await consumer.start()
        try:
            if start is None:
                await self._check_kept(after, info, first)
        except BaseException:
            await consumer.stop()
            raise
        return consumer

    async def _check_kept(
        self, after: int, info: dict[str, Any], first: asyncio.Future[int]
    ) -> None:
        """Beside a keeper of an earlier version (every event of the subject still kept):
        :class:`RevisionGone` if events after ``after`` may have been dropped. Events are
        dropped oldest first, so none were if the oldest kept (of those this subject sees)
        is at most ``after + 1``, or if nothing was ever dropped. Without reading the other
        namespaces' events the rest cannot be told apart: RevisionGone."""
        oldest_kept = int(info.get("delivered", {}).get("stream_seq", 0)) + 1
        if oldest_kept <= 1:
            return
        revision: int | None = None
        if info.get("num_pending"):
            # The server counted events of this subject: the first one's revision tells;
            # its late arrival is a stall, not a loss.
            try:
                revision = await asyncio.wait_for(asyncio.shield(first), RESUME_STALL)
            except TimeoutError:
                raise ReadStalled(
                    f"the event history delivered none of its {info['num_pending']} kept "
                    f"events for {RESUME_STALL:g} s"
                ) from None
        if revision is None or not 0 < revision <= after + 1:
            raise RevisionGone(
                f"events after revision {after} may no longer all be kept (the oldest "
                f"kept event this watch may read is "
                f"{'none' if revision is None else f'at revision {revision}'}): read the "
                "entries afresh"
            )

    async def aclose(self) -> None:
        sub, self._sub = self._sub, None
        if isinstance(sub, OrderedEvents):
            await sub.stop()
            return
        if sub is not None:
            with contextlib.suppress(Exception):  # connection already gone
                await sub.unsubscribe()

    async def get(self, timeout: float | None = None) -> ChangeEvent:
        """The next event; raises :class:`RequestTimeout` after ``timeout`` seconds."""
        if self._sub is None:
            await self.start()
        try:
            return await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            raise RequestTimeout(f"no change event within {timeout}s") from None

    def get_nowait(self) -> ChangeEvent | None:
        try:
            return self._queue.get_nowait()
        except asyncio.QueueEmpty:
            return None

    async def __aenter__(self) -> ContextWatch:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __aiter__(self) -> AsyncIterator[ChangeEvent]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[ChangeEvent]:
        if self._sub is None:
            await self.start()
        while True:
            yield await self._queue.get()
