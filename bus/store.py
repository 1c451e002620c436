"""Durable entries: a JetStream key-value bucket, the store's single source of truth.

Each live entry is one KV record (history 1) under ``<namespace>.<key-token>``. Every
change is a compare-and-set on the record's revision (its stream sequence): a write
carries ``Nats-Expected-Last-Subject-Sequence`` (0: the record must not exist), and so
does a removal, which is a delete marker with a per-message TTL (``Nats-TTL``,
:data:`MARKER_TTL`): the server drops the marker itself after that, so the bucket holds
only live entries and a restore reads nothing but them, whatever the history. A keeper
that restarts reads the bucket back, so a crash or an upgrade loses no context.

The bucket is the JetStream stream ``KV_ctxbus_entries``: on a NATS cluster give it as
many replicas as the job stream (``replicas``), so losing a node loses no entry and stops
no put. An existing bucket is reconciled like the job stream (:mod:`bus.jobs`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import nats.errors
import nats.js.errors
from nats.js import JetStreamContext
from nats.js.api import DeliverPolicy
from nats.js.errors import APIError
from nats.js.kv import KeyValue

from bus._errors import ReadStalled
from bus.jobs import ensure_kv_bucket
from bus.messages import ContextEntry, decode
from bus.subjects import ENTRIES_BUCKET, decode_key_token, key_token

__all__ = [
    "ENTRIES_STREAM",
    "MARKER_TTL",
    "READ_STALL",
    "REMOVED_BY",
    "ChangePublisher",
    "EntryChange",
    "EntryFollower",
    "RecordConflict",
    "ensure_entry_store",
    "holds_between",
    "last_sequence",
    "purge_marker",
    "read_entries",
    "read_record",
    "record_key",
    "record_subject",
    "record_subjects",
]

#: Seconds a delete marker stays in the bucket before the server drops it: restarts read
#: at most this many seconds of removals besides the live records. (A standby following
#: the bucket sees markers as they are written; one that lagged longer than this drops, on
#: taking over, every entry whose record is gone: actors/keeper.py ``_drop_ghosts``.)
MARKER_TTL = 5
#: Header of a delete marker written for a client's delete or clear: ``<op>:<request id>``.
#: A keeper that takes over (or restarts) within the marker's TTL reads it to answer a
#: re-sent copy of that request as the first keeper did, instead of "nothing to delete".
REMOVED_BY = "Ctxbus-Removed-By"
#: JetStream's "wrong last sequence" error code: a compare-and-set that lost.
WRONG_LAST_SEQUENCE = 10071
#: Seconds a read of the whole bucket makes no progress before :func:`read_entries`
#: raises :class:`~bus.ReadStalled`: longer than a stream leader election (~5 s).
READ_STALL = 10.0
#: Seconds a whole-bucket read waits for a message before asking the server whether it
#: is at the end (a bucket whose records were all deleted meanwhile ends this fast).
_READ_POLL = 0.5


class RecordConflict(Exception):
    """A compare-and-set change found the record at another revision."""


def record_key(namespace: str, key: str) -> str:
    return f"{namespace}.{key_token(key)}"


def record_subject(record: str) -> str:
    return f"$KV.{ENTRIES_BUCKET}.{record}"


#: The stream nats-py keeps a key-value bucket in.
ENTRIES_STREAM = f"KV_{ENTRIES_BUCKET}"


async def ensure_entry_store(js: JetStreamContext, replicas: int = 1) -> KeyValue:
    """The entry bucket, created (history 1, file storage, ``replicas`` copies) if missing,
    with per-message TTLs allowed (for its delete markers; turned on in an older bucket)."""
    await ensure_kv_bucket(js, ENTRIES_BUCKET, what="entry bucket", replicas=replicas)
    info = await js.stream_info(ENTRIES_STREAM)
    if not info.config.allow_msg_ttl:
        config_now = info.config
        config_now.allow_msg_ttl = True
        await js.update_stream(config_now)
    return await js.key_value(ENTRIES_BUCKET)


class ChangePublisher:
    """Publishes compare-and-set changes to the bucket and resolves their acknowledgements
    in the order they arrive (one reply subscription, one message at a time), so the
    ``on_done`` callbacks of :meth:`publish` run in the bucket's revision order.

    (nats-py's ``publish_async`` would do, but it never resolves a future whose
    acknowledgement is an error, such as a lost compare-and-set.)
    """

    def __init__(self, js: JetStreamContext) -> None:
        self.js = js
        self._nc = js._nc
        self._prefix = ""
        self._sub: Any = None
        self._futures: dict[str, asyncio.Future[int]] = {}
        self._on_done: dict[str, Callable[[int], None]] = {}
        self._next = 0

    async def _ensure(self) -> None:
        if self._sub is None:
            self._prefix = self._nc.new_inbox()
            self._sub = await self._nc.subscribe(f"{self._prefix}.*", cb=self._on_ack)

    async def _on_ack(self, msg: Any) -> None:
        token = msg.subject[len(self._prefix) + 1 :]
        future = self._futures.pop(token, None)
        on_done = self._on_done.pop(token, None)
        if future is None or future.done():
            return
        try:
            if msg.headers and msg.headers.get("Status") == "503":
                future.set_exception(nats.js.errors.NoStreamResponseError())
                return
            body = json.loads(msg.data)
            error = body.get("error")
            if error:
                future.set_exception(
                    APIError(
                        code=error.get("code"),
                        err_code=error.get("err_code"),
                        description=error.get("description"),
                    )
                )
            else:
                revision = int(body["seq"])
                future.set_result(revision)
                if on_done is not None:
                    # Here, not as the future's done callback: that one runs a loop turn
                    # later, after a publish whose timeout fired in this turn has already
                    # returned the revision (its put then failed, "IndexError", although
                    # stored). Acknowledgements arrive one at a time: revision order.
                    on_done(revision)
        except Exception as exc:  # not an acknowledgement: fail that change, not us
            if not future.done():
                future.set_exception(exc)

    async def publish(
        self,
        record: str,
        payload: bytes,
        expected: int,
        *,
        delete: bool = False,
        removed_by: str = "",
        timeout: float = 5.0,
        on_done: Callable[[int], None] | None = None,
    ) -> int:
        """Write (or, with ``delete``, remove) ``record`` if its revision is ``expected``
        (0: the record must not exist, not even as a marker); returns the new revision.

        ``removed_by`` (with ``delete``): the request that removes it, ``<op>:<request id>``
        (:data:`REMOVED_BY`).

        Raises :class:`RecordConflict` when the record is at another revision.
        ``on_done(revision)`` is called when the acknowledgement arrives, before this returns
        (never for a change that timed out here): calls come in the order JetStream
        acknowledged the changes (the revision order), so memory and change events that
        follow them keep that order.
        """
        await self._ensure()
        headers = {"Nats-Expected-Last-Subject-Sequence": str(expected)}
        if delete:
            headers["KV-Operation"] = "DEL"
            headers["Nats-TTL"] = f"{MARKER_TTL}s"
            if removed_by:
                headers[REMOVED_BY] = removed_by
        self._next += 1
        token = str(self._next)
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        if on_done is not None:
            self._on_done[token] = on_done
        self._futures[token] = future
        try:
            await self._nc.publish(
                record_subject(record), payload, reply=f"{self._prefix}.{token}", headers=headers
            )
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise nats.errors.TimeoutError from None
        except APIError as exc:
            if exc.err_code == WRONG_LAST_SEQUENCE:
                raise RecordConflict(record) from None
            raise
        finally:
            self._futures.pop(token, None)
            self._on_done.pop(token, None)

    async def close(self) -> None:
        sub, self._sub = self._sub, None
        if sub is not None:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()


async def read_record(kv: KeyValue, record: str) -> tuple[int, ContextEntry | None]:
    """The record's revision (0: no message at all) and its entry (None: deleted, or
    unreadable)."""
    try:
        found = await kv.get(record)
    except nats.js.errors.NotFoundError as exc:
        # A delete marker comes as KeyDeletedError or KeyNotFoundError with its entry.
        marker = getattr(exc, "entry", None)
        return (getattr(marker, "revision", 0) or 0), None
    entry: ContextEntry | None = None
    with contextlib.suppress(Exception):
        entry = decode(found.value or b"", ContextEntry)
    return found.revision or 0, entry


async def record_subjects(js: JetStreamContext) -> set[str]:
    """Every record subject that has a message in the bucket (a live record or a marker
    not yet dropped), page by page."""
    subjects: set[str] = set()
    offset = 0
    while True:
        request = {"subjects_filter": f"$KV.{ENTRIES_BUCKET}.>", "offset": offset}
        reply = await js._nc.request(
            f"{js._prefix}.STREAM.INFO.{ENTRIES_STREAM}", json.dumps(request).encode(), timeout=10
        )
        body = json.loads(reply.data)
        if "error" in body:
            raise APIError.from_error(body["error"])
        page = (body.get("state") or {}).get("subjects") or {}
        subjects.update(page)
        offset += len(page)
        if not page or offset >= int(body.get("total") or 0):
            return subjects


async def purge_marker(js: JetStreamContext, record: str, revision: int) -> None:
    """Remove a delete marker written without a TTL (by an older keeper): every message
    of the record below ``revision + 1``, so never a newer write."""
    await js.purge_stream(ENTRIES_STREAM, seq=revision + 1, subject=record_subject(record))


async def last_sequence(js: JetStreamContext) -> int:
    """The entry bucket's last stream sequence, from its stream leader: every write
    acknowledged so far is at or below it."""
    info = await js.stream_info(ENTRIES_STREAM)
    return info.state.last_seq or 0


async def holds_between(js: JetStreamContext, after: int, through: int) -> bool:
    """True if the bucket still holds a message with a stream sequence in
    ``(after, through]``: one that a reader at ``after`` has yet to be delivered (a message
    removed meanwhile, such as an expired delete marker, no longer counts).

    Asked of the stream leader's store, which holds a write before acknowledging it. A
    consumer's ``num_pending`` cannot say this: the server acknowledges a write before it
    counts it for its consumers (another goroutine does that later), so right after an
    acknowledgement ``num_pending`` can be 0 with the write undelivered (8-10 of 2,000
    consumer infos asked right after a publish's acknowledgement, idle or beside 2 busy
    loops).
    """
    if after >= through:
        return False
    try:
        msg = await js.get_msg(
            ENTRIES_STREAM, seq=after + 1, subject=f"$KV.{ENTRIES_BUCKET}.>", next=True
        )
    except nats.js.errors.NotFoundError:
        return False
    return (msg.seq or 0) <= through


async def read_entries(
    js: JetStreamContext, kv: KeyValue, *, stall: float | None = None
) -> AsyncIterator[EntryChange]:
    """The last message of every record, as :class:`EntryChange` (markers included).

    One ordered push consumer delivers the last message of every record (deliver policy
    "last per subject"), in one pass: about 20,000 records a second instead of one direct
    get per record (a standby keeper taking over restores with this). The end is the
    bucket's last sequence when the read starts (:func:`last_sequence`): the read ends
    once it delivered that message, or when the stream holds nothing between the last
    message read and it (:func:`holds_between`: the rest was removed meanwhile), asked when
    a message's ``num_pending`` says 0 or delivery pauses. Neither ``num_pending`` (it can
    lag behind acknowledged writes) nor nats-py's key-value watcher's "no more initial
    values" marker (it can arrive before the values it announces) says where the end is.

    A pause in delivery is not the end. A read that makes no progress for ``stall``
    seconds (:data:`READ_STALL`: a stream leader election, a stalled server) raises
    :class:`~bus.ReadStalled`, which :data:`~bus.jobs.JETSTREAM_RECOVERABLE` retries,
    instead of passing off what it read as the whole bucket (a keeper restoring from that
    answers "not found" for entries whose puts were acknowledged).
    """
    patience = READ_STALL if stall is None else stall
    prefix = f"$KV.{ENTRIES_BUCKET}."
    info = await js.stream_info(ENTRIES_STREAM)
    if not info.state.messages:
        return
    through = info.state.last_seq or 0
    sub = await js.subscribe(
        f"{prefix}>",
        stream=ENTRIES_STREAM,
        ordered_consumer=True,
        deliver_policy=DeliverPolicy.LAST_PER_SUBJECT,
    )
    loop = asyncio.get_running_loop()
    last = 0  # the stream sequence of the last message read
    give_up = loop.time() + patience
    try:
        while True:
            try:
                msg = await sub.next_msg(timeout=min(_READ_POLL, patience))
            except nats.errors.TimeoutError:
                if await _read_all(js, last, through):
                    return  # what was left was deleted meanwhile
                if loop.time() >= give_up:
                    raise ReadStalled(
                        f"the entry bucket delivered nothing for {patience:g} s before its "
                        f"end (last record read: sequence {last} of {through})"
                    ) from None
                continue
            change = _change(msg, prefix)
            last = change.sequence
            yield change
            if last >= through or (
                msg.metadata.num_pending == 0 and await _read_all(js, last, through)
            ):
                return
            give_up = loop.time() + patience
    finally:
        with contextlib.suppress(Exception):
            await sub.unsubscribe()


async def _read_all(js: JetStreamContext, last: int, through: int) -> bool:
    """True if nothing the read still needs is left after ``last``; False if more is to
    come, or the server does not answer (an election, a stall)."""
    try:
        return not await asyncio.wait_for(holds_between(js, last, through), _READ_POLL)
    except (TimeoutError, nats.errors.Error):
        return False


def _change(msg: Any, prefix: str) -> EntryChange:
    record = msg.subject[len(prefix) :]
    namespace, _dot, token = record.partition(".")
    try:
        key = decode_key_token(token)
    except Exception:
        key = ""
    headers = msg.headers or {}
    deleted = headers.get("KV-Operation") in ("DEL", "PURGE")
    entry: ContextEntry | None = None
    if not deleted and msg.data:
        with contextlib.suppress(Exception):
            entry = decode(msg.data, ContextEntry)
    return EntryChange(
        record,
        namespace,
        key,
        entry,
        deleted,
        msg.metadata.sequence.stream,
        expires=deleted and "Nats-TTL" in headers,
        removed_by=headers.get(REMOVED_BY, "") if deleted else "",
    )


@dataclass(frozen=True, slots=True)
class EntryChange:
    """One message of the entry bucket, as :class:`EntryFollower` delivers it."""

    record: str
    namespace: str
    key: str
    #: None for a delete or purge marker, and for an unreadable record.
    entry: ContextEntry | None
    deleted: bool
    #: Its stream sequence (the record's revision).
    sequence: int
    #: A delete marker that the server drops by itself (it has a TTL).
    expires: bool = False
    #: A delete marker's request, ``<op>:<request id>`` (:data:`REMOVED_BY`); "" if none.
    removed_by: str = ""


class EntryFollower:
    """Follows the entry bucket: first the last message of every record, then every change
    as it is written (one ordered push consumer). A standby keeper keeps its memory warm
    with it, so taking over costs a catch-up, not a restore."""

    def __init__(self, js: JetStreamContext) -> None:
        self.js = js
        self._prefix = f"$KV.{ENTRIES_BUCKET}."
        self._sub: Any = None

    async def start(self) -> EntryFollower:
        self._sub = await self.js.subscribe(
            f"{self._prefix}>",
            stream=ENTRIES_STREAM,
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.LAST_PER_SUBJECT,
        )
        return self

    async def next(self, timeout: float = 1.0) -> EntryChange | None:
        """The next change, or None if none came within ``timeout`` seconds."""
        try:
            msg = await self._sub.next_msg(timeout=timeout)
        except nats.errors.TimeoutError:
            return None
        return _change(msg, self._prefix)

    async def stop(self) -> None:
        sub, self._sub = self._sub, None
        if sub is not None:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
