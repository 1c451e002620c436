"""Change events kept for watches that resume: the JetStream stream ``CTXBUS_EVENTS``.

The keeper publishes every :class:`~bus.messages.ChangeEvent` on
``ctxbus.evt.<ns>.<key-token>``; this stream captures them (limits retention: the last
:data:`EVENT_HISTORY_SECONDS`, at most :data:`EVENT_HISTORY_MESSAGES` events). Each event
carries the entry bucket revision of its change, and one keeper publishes them in
revision order (see actors/keeper.py ``_emit``), so "every event after revision R" is a
suffix of the stream: ``watch(key, from_revision=R)`` finds where it starts
(:func:`resume_point`), reads the stream from there through an ordered consumer filtered
on the watched subject, skips events up to R, and goes on live from the same consumer (no
gap, no duplicate between replay and live).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from bus._errors import ProtocolError, RevisionGone, TransportError
from bus.connection import request_checked
from bus.jobs import check_replicas, ensure_stream_exists
from bus.messages import ChangeEvent, decode
from bus.subjects import EVENTS_STREAM, EVENTS_SUBJECTS, PREFIX

__all__ = [
    "EVENT_HISTORY_MESSAGES",
    "EVENT_HISTORY_SECONDS",
    "OrderedEvents",
    "consumer_create_subject",
    "ensure_event_stream",
    "resume_point",
]

#: How long the event history reaches back (a watch can resume from any revision of
#: this window).
EVENT_HISTORY_SECONDS = 3600.0
EVENT_HISTORY_MESSAGES = 1_000_000
EVENT_HISTORY_BYTES = 512 * 1024 * 1024


async def ensure_event_stream(js: JetStreamContext, replicas: int = 1) -> None:
    """The event history stream, created if missing (file storage, ``replicas`` copies)."""
    check_replicas(replicas)
    config = StreamConfig(
        name=EVENTS_STREAM,
        subjects=[EVENTS_SUBJECTS],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_age=EVENT_HISTORY_SECONDS,
        max_msgs=EVENT_HISTORY_MESSAGES,
        max_bytes=EVENT_HISTORY_BYTES,
        discard=DiscardPolicy.OLD,
        num_replicas=replicas,
    )
    await ensure_stream_exists(
        js,
        EVENTS_STREAM,
        lambda: js.add_stream(config),
        what="event stream",
        replicas=replicas,
        wanted={"storage": StorageType.FILE, "retention": RetentionPolicy.LIMITS},
    )


#: A resumed watch starts this many events before the first one past its revision, in case
#: events of concurrent changes reached the stream slightly out of revision order (events
#: up to the revision are dropped by the watch itself).
START_MARGIN = 1024


async def _revision_at(js: JetStreamContext, seq: int, last: int) -> tuple[int | None, int]:
    """The first non-zero event revision at or after ``seq`` (looking at up to 64 events)
    and where it is; None when none was found."""
    for at in range(seq, min(seq + 64, last + 1)):
        # Removed meanwhile, a bad frame; a timeout (a stall) is raised: taken for
        # "removed", it could skip the check that the revision is still kept.
        with contextlib.suppress(NotFoundError, ProtocolError):
            msg = await js.get_msg(EVENTS_STREAM, at)
            revision = decode(msg.data or b"", ChangeEvent).revision
            if revision:
                return revision, at
    return None, seq


async def resume_point(js: JetStreamContext, from_revision: int) -> int:
    """The stream sequence a watch resuming after ``from_revision`` reads from.

    Raises :class:`RevisionGone` unless the history still holds every event after
    ``from_revision`` (nothing was dropped yet, or the oldest event kept is at most
    ``from_revision + 1``). The first event past the revision is found by bisection over
    the stream (events are in revision order), so a resume reads about
    :data:`START_MARGIN` events it does not need, not the whole history.
    """
    try:
        info = await js.stream_info(EVENTS_STREAM)
    except NotFoundError:
        raise RevisionGone(
            "this bus keeps no event history (start a keeper of this version)"
        ) from None
    first, last = max(1, info.state.first_seq), info.state.last_seq
    if not info.state.messages:
        return last + 1
    if first > 1:
        oldest, _at = await _revision_at(js, first, last)
        if oldest is not None and oldest > from_revision + 1:
            raise RevisionGone(
                f"events after revision {from_revision} are no longer kept (the oldest "
                f"kept is {oldest}): read the entries afresh"
            )
    lo, hi = first, last + 1
    while lo < hi:
        mid = (lo + hi) // 2
        revision, at = await _revision_at(js, mid, last)
        if revision is None or revision > from_revision:
            hi = mid  # (none found: start earlier, which is always safe)
        else:
            lo = at + 1
    return max(first, lo - START_MARGIN)


def consumer_create_subject(name: str, filter_subject: str) -> str:
    """The filtered consumer-create API subject of the event history (NATS 2.10+): the
    server refuses a request whose filter differs from the subject's, so a permission on
    ``...CTXBUS_EVENTS.*.ctxbus.evt.<ns>.*`` lets an agent read its namespaces' events
    only (bus/auth.py)."""
    if not filter_subject.startswith(f"{PREFIX}.evt."):
        raise ValueError(f"not an event subject: {filter_subject!r}")
    return f"$JS.API.CONSUMER.CREATE.{EVENTS_STREAM}.{name}.{filter_subject}"


class OrderedEvents:
    """An ordered push consumer on the event history, filtered to one event subject.

    What nats-py's ``js.subscribe(ordered_consumer=True)`` does (deliveries checked for
    gaps, flow control answered, idle heartbeats watched, the consumer recreated after the
    last stream sequence seen when one of those fails), but every consumer is created
    through :func:`consumer_create_subject` with ``action: create`` (nats-py uses the
    unfiltered create subject for ordered consumers, which a tenant may not use, and would
    update a consumer of the same name). Messages reach ``callback`` in stream order, each
    once.
    """

    def __init__(
        self,
        nc: NATS,
        subject: str,
        callback: Callable[[Msg], Awaitable[None]],
        *,
        start: int | None = None,
        heartbeat: float = 5.0,
        timeout: float = 5.0,
    ) -> None:
        self._nc = nc
        self._subject = subject
        self._callback = callback
        #: The stream sequence to (re)start from; None: the whole history.
        self._next = start
        self._heartbeat = heartbeat
        self._timeout = timeout
        self._generation = 0
        self._dseq = 0
        self._sub: Any = None
        self._seen = 0.0
        self._watchdog: asyncio.Task[None] | None = None
        self._recreating: asyncio.Task[None] | None = None
        self._closed = False
        #: How many consumers were created (1 + recreations), for tests and logs.
        self.created = 0
        #: The current consumer's name (random, 96 bits: other tenants cannot guess it).
        self.name = ""

    async def start(self) -> dict[str, Any]:
        """Create the consumer; returns the server's consumer info (``delivered``,
        ``num_pending``...). :class:`~bus.PermissionDenied` if these credentials may not
        read this subject's history, :class:`RevisionGone` if the bus keeps none."""
        info = await self._create()
        self._watchdog = asyncio.create_task(self._watch_heartbeats())
        return info

    async def _create(self) -> dict[str, Any]:
        self._generation += 1
        generation = self._generation
        self._dseq = 0
        name = secrets.token_hex(12)
        self.name = name
        inbox = self._nc.new_inbox()

        async def deliver(msg: Msg) -> None:
            if generation == self._generation and not self._closed:
                await self._on_message(msg)

        sub = await self._nc.subscribe(inbox, cb=deliver)
        config: dict[str, Any] = {
            "name": name,
            "deliver_subject": inbox,
            "filter_subject": self._subject,
            "ack_policy": "none",
            "max_deliver": 1,
            "flow_control": True,
            "idle_heartbeat": int(self._heartbeat * 1e9),
            "mem_storage": True,
            "num_replicas": 1,
        }
        if self._next is None:
            config["deliver_policy"] = "all"
        else:
            config["deliver_policy"] = "by_start_sequence"
            config["opt_start_seq"] = max(1, self._next)
        body = json.dumps(
            {"stream_name": EVENTS_STREAM, "config": config, "action": "create"}
        ).encode()
        try:
            reply = await request_checked(
                self._nc, consumer_create_subject(name, self._subject), body, self._timeout
            )
            info = json.loads(reply.data)
            error = info.get("error")
            if error:
                if error.get("err_code") == 10059:  # stream not found
                    raise RevisionGone(
                        "this bus keeps no event history (start a keeper of this version)"
                    )
                raise TransportError(
                    f"the event history refused a consumer: {error.get('description')}"
                )
        except BaseException:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
            raise
        old, self._sub = self._sub, sub
        self._seen = asyncio.get_running_loop().time()
        self.created += 1
        if old is not None:
            with contextlib.suppress(Exception):
                await old.unsubscribe()
        return dict(info)

    async def _on_message(self, msg: Msg) -> None:
        self._seen = asyncio.get_running_loop().time()
        headers = msg.headers or {}
        status = headers.get("Status")
        if status == "100":
            if msg.reply:  # flow control: answered as a response
                await self._nc.publish(msg.reply, b"")
            stalled = headers.get("Nats-Consumer-Stalled")
            if stalled:
                await self._nc.publish(stalled, b"")
            last = headers.get("Nats-Last-Consumer")
            if last is not None and int(last) != self._dseq:
                self._reset()  # a delivery was lost
            return
        if status:
            self._reset()  # the consumer is gone (409 and the like)
            return
        try:
            meta = msg.metadata
        except Exception:
            return  # not a delivery
        if meta.sequence.consumer != self._dseq + 1:
            self._reset()
            return
        self._dseq = meta.sequence.consumer
        self._next = meta.sequence.stream + 1
        await self._callback(msg)

    def _reset(self) -> None:
        """Recreate the consumer after the last stream sequence delivered."""
        self._generation += 1  # what the old one still delivers is dropped
        if self._closed or (self._recreating is not None and not self._recreating.done()):
            return
        self._recreating = asyncio.create_task(self._recreate())

    async def _recreate(self) -> None:
        # Retried by the heartbeat watch while it fails (a server restarting, say).
        with contextlib.suppress(Exception):
            await self._create()

    async def _watch_heartbeats(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._closed:
            await asyncio.sleep(self._heartbeat)
            if loop.time() - self._seen > 2 * self._heartbeat + 1:
                self._reset()

    async def stop(self) -> None:
        """Stop delivering; the server drops the consumer once its inbox has no interest."""
        self._closed = True
        self._generation += 1
        for task in (self._watchdog, self._recreating):
            if task is not None:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        sub, self._sub = self._sub, None
        if sub is not None:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
