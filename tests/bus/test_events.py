"""The event history (bus/events.py): where a resumed watch starts reading."""

from __future__ import annotations

import nats
import pytest

from bus import EmbeddedServer
from bus._poll import poll_until
from bus.events import START_MARGIN, OrderedEvents, ensure_event_stream, resume_point
from bus.messages import ChangeEvent, decode, encode
from bus.subjects import EVENTS_STREAM, event_subject

pytestmark = pytest.mark.anyio


async def test_resume_point_bisects_to_the_first_event_past_the_revision(
    nats_server: EmbeddedServer,
) -> None:
    nc = await nats.connect(nats_server.url)
    js = nc.jetstream()
    try:
        await ensure_event_stream(js)
        assert await resume_point(js, 5) == 1  # empty: from the next event on
        total = 3 * START_MARGIN
        for i in range(total):
            # Revisions 10, 12, 14, ...; every 7th event is of an entry never kept (0).
            revision = 0 if i % 7 == 3 else 10 + 2 * i
            event = ChangeEvent("ns", f"k{i}", "stored", 0.0, revision=revision)
            await js.publish(event_subject("ns", f"k{i}"), encode(event))
        for after in (0, 9, 10, 11, 2000, 10 + 2 * (total - 1)):
            start = await resume_point(js, after)
            # The first event past ``after`` (stream sequences start at 1).
            first_past = (
                next(i + 1 for i in range(total) if i % 7 != 3 and 10 + 2 * i > after)
                if after < 10 + 2 * (total - 1)
                else total + 1
            )
            assert start <= first_past, (after, start, first_past)
            assert start >= first_past - START_MARGIN - 1, (after, start, first_past)
        info = await js.stream_info(EVENTS_STREAM)
        assert info.state.messages == total
    finally:
        await nc.close()


async def test_ordered_events_recreate_their_consumer_and_lose_nothing(
    nats_server: EmbeddedServer,
) -> None:
    """The resumed watch's consumer (filtered create subject, bus.events.OrderedEvents):
    when it vanishes (deleted here; a server restart loses it too) the heartbeat watch
    recreates it after the last stream sequence delivered: every event once, in order."""
    nc = await nats.connect(nats_server.url)
    js = nc.jetstream()
    got: list[int] = []

    async def collect(msg: nats.aio.msg.Msg) -> None:
        got.append(_revision(msg.data))

    async def publish(revision: int) -> None:
        event = ChangeEvent("ns", "k", "stored", 0.0, revision=revision)
        await js.publish(event_subject("ns", "k"), encode(event))

    consumer = OrderedEvents(nc, event_subject("ns", "k"), collect, start=2, heartbeat=0.2)
    try:
        await ensure_event_stream(js)
        for revision in range(1, 6):
            await publish(revision)
        # Another namespace's events never come.
        await js.publish(
            event_subject("other", "k"),
            encode(ChangeEvent("other", "k", "stored", 0.0, revision=99)),
        )
        info = await consumer.start()
        assert info["config"]["filter_subject"] == event_subject("ns", "k")
        assert await poll_until(lambda: _count(got, 4), 10)
        first = consumer.name
        await js.delete_consumer(EVENTS_STREAM, first)
        for revision in range(6, 9):
            await publish(revision)
        assert await poll_until(lambda: _count(got, 7), 10)
        assert got == [2, 3, 4, 5, 6, 7, 8]

        # The new consumer delivers as soon as the server made it, which can be before its
        # creation's reply is read (where ``created`` counts it).
        async def recreated() -> bool | None:
            return True if consumer.created == 2 else None

        assert await poll_until(recreated, 10)
        assert consumer.name != first
    finally:
        await consumer.stop()
        await nc.close()


def _revision(data: bytes) -> int:
    return decode(data, ChangeEvent).revision


async def _count(got: list[int], wanted: int) -> bool | None:
    return True if len(got) >= wanted else None
