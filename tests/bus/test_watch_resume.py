"""A resumed watch that stalls waits through the stall: RevisionGone only when the
history really lost events after the revision.

Each stall is injected at its exact point by a hook, not timed from outside (the earlier
test paused the server on a timer; in the full suite the watch was sometimes open before
the pause). A stall as the consumer is created is real: the server is paused (SIGSTOP)
from the creation request until it timed out. A stall between the server's answer and its
first delivery cannot be made that way (the first delivery comes with the answer), so
there the first consumer's deliveries are held.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path
from typing import Any

import nats.errors
import pytest
from nats.aio.msg import Msg
from nats.js import JetStreamContext

import bus._client
import bus.events
from bus import AsyncSharedContext, EmbeddedServer, MalformedFrame
from bus.events import OrderedEvents, ensure_event_stream
from bus.messages import ChangeEvent, encode
from bus.subjects import EVENTS_STREAM, event_subject
from tests.conftest import wait_until

pytestmark = pytest.mark.anyio


class EarlierKeeper(AsyncSharedContext):
    """A tenant (may not bisect the history) beside a keeper without ``resume``."""

    async def _request(self, op: str, message: Any, expected: Any, timeout: Any = None) -> Any:
        if op == "resume":
            raise MalformedFrame("unknown operation 'resume'")
        return await super()._request(op, message, expected, timeout)


async def _events(js: JetStreamContext, revisions: range) -> None:
    await ensure_event_stream(js)
    for revision in revisions:
        event = ChangeEvent("ns", f"k{revision}", "stored", time.time(), revision=revision)
        await js.publish(event_subject("ns", event.key), encode(event))


async def test_a_resume_stalled_at_its_consumer_creation_waits(
    nats_server: EmbeddedServer, js: JetStreamContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server stops (SIGSTOP) exactly as the watch asks for its consumer and resumes
    once that request has timed out: the watch asks again and replays the events. Before
    (a2ae9a5^): the nats TimeoutError of the creation, raised from watch()."""
    await _events(js, range(1, 6))
    await js.purge_stream(EVENTS_STREAM, keep=3)  # revisions 3..5 kept: nothing after 2 lost
    pid = nats_server.pid
    assert pid is not None
    create = bus.events.request_checked
    stalled = timed_out = 0

    async def stall_then_create(*args: Any, **kwargs: Any) -> Any:
        nonlocal stalled, timed_out
        if stalled:
            return await create(*args, **kwargs)
        stalled += 1
        os.kill(pid, signal.SIGSTOP)
        try:
            # A thread of the server may run on for a moment after the signal (it answered
            # a request sent right after it once): stopped means every thread is.
            await wait_until(lambda: _stopped(pid), 5, "the server's threads to stop")
            return await create(*args, **kwargs)  # waits out its timeout (5 s)
        except nats.errors.TimeoutError:
            timed_out += 1
            raise
        finally:
            os.kill(pid, signal.SIGCONT)  # the stall lasts exactly as long as the request

    monkeypatch.setattr(bus.events, "request_checked", stall_then_create)
    try:
        async with EarlierKeeper(nats_server.url, "ns", timeout=5) as ctx:
            ctx._history_restricted = True
            async with ctx.watch(from_revision=2) as events:
                got = [(await events.get(timeout=5)).revision for _ in range(3)]
    finally:
        os.kill(pid, signal.SIGCONT)
    assert stalled == timed_out == 1  # the stall hit the consumer's creation
    assert got == [3, 4, 5]


def _stopped(pid: int) -> bool:
    """Every thread of process ``pid`` is stopped (state T in /proc)."""
    tasks = Path(f"/proc/{pid}/task")
    states = [(task / "stat").read_text().rsplit(")", 1)[1].split()[0] for task in tasks.iterdir()]
    return all(state == "T" for state in states)


async def test_a_resume_stalled_before_its_first_event_waits_instead_of_revision_gone(
    nats_server: EmbeddedServer, js: JetStreamContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history's first event does not come after the consumer was created (the first
    consumer delivers nothing: a stall of the server right after its answer): the watch
    calls that a stall after RESUME_STALL and tries again, and the next consumer replays
    the events. Before (a2ae9a5^): RevisionGone after 10 s, telling the caller to re-read
    every entry because of a pause."""
    await _events(js, range(1, 6))
    await js.purge_stream(EVENTS_STREAM, keep=3)  # revisions 3..5 kept: nothing after 2 lost
    monkeypatch.setattr(bus._client, "RESUME_STALL", 0.5)
    consumers: list[OrderedEvents] = []
    stall_over = asyncio.Event()
    start = OrderedEvents.start
    on_message = OrderedEvents._on_message

    async def counted_start(self: OrderedEvents) -> dict[str, Any]:
        consumers.append(self)
        return await start(self)

    async def stalled_first(self: OrderedEvents, msg: Msg) -> None:
        if self is consumers[0]:
            await stall_over.wait()  # what the first consumer delivers never arrives in time
        await on_message(self, msg)

    monkeypatch.setattr(OrderedEvents, "start", counted_start)
    monkeypatch.setattr(OrderedEvents, "_on_message", stalled_first)
    try:
        async with EarlierKeeper(nats_server.url, "ns", timeout=5) as ctx:
            ctx._history_restricted = True
            async with ctx.watch(from_revision=2) as events:
                got = [(await events.get(timeout=5)).revision for _ in range(3)]
                assert events.get_nowait() is None  # each event once
    finally:
        stall_over.set()
    assert len(consumers) == 2  # the first one stalled; the watch gave up on it
    assert got == [3, 4, 5]
