"""The event history (bus/events.py): where a resumed watch starts reading."""

from __future__ import annotations

import nats
import pytest

from bus import EmbeddedServer
from bus.events import START_MARGIN, ensure_event_stream, resume_point
from bus.messages import ChangeEvent, encode
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
