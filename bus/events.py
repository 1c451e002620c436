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

import contextlib

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from bus._errors import RevisionGone
from bus.jobs import check_replicas, ensure_stream_exists
from bus.messages import ChangeEvent, decode
from bus.subjects import EVENTS_STREAM, EVENTS_SUBJECTS

__all__ = [
    "EVENT_HISTORY_MESSAGES",
    "EVENT_HISTORY_SECONDS",
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
        with contextlib.suppress(Exception):  # removed meanwhile, a bad frame
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
