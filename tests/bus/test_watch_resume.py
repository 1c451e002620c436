"""A resumed watch that stalls waits through the stall: RevisionGone only when the
history really lost events after the revision.

The stall is real: the nats-server process is paused (SIGSTOP) as the watch asks for its
consumer, for longer than a watch waited for its first event (10 s). (A pause right after
the server's answer cannot be timed from outside: its first delivery comes with it.)
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from typing import Any

import pytest
from nats.js import JetStreamContext

import bus.events
from bus import AsyncSharedContext, EmbeddedServer, MalformedFrame
from bus.events import ensure_event_stream
from bus.messages import ChangeEvent, encode
from bus.subjects import EVENTS_STREAM, event_subject

pytestmark = pytest.mark.anyio

PAUSE = 10.5


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


@pytest.mark.skip(
    reason="in the full suite the watch opened before the stalled consumer creation "
    "(waited ~0 s, not the pause) in 2 of 3 clean-clone runs: the stall is not reliably "
    "injected; to be rebuilt"
)
async def test_a_stalled_resume_waits_instead_of_revision_gone(
    nats_server: EmbeddedServer, js: JetStreamContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _events(js, range(1, 6))
    await js.purge_stream(EVENTS_STREAM, keep=3)  # revisions 3..5 kept: nothing after 2 lost
    pid = nats_server.pid
    assert pid is not None
    created = bus.events.request_checked
    resume: asyncio.TimerHandle | None = None

    async def stall_then_create(*args: Any, **kwargs: Any) -> Any:
        nonlocal resume
        if resume is None:
            os.kill(pid, signal.SIGSTOP)
            resume = asyncio.get_running_loop().call_later(PAUSE, os.kill, pid, signal.SIGCONT)
        return await created(*args, **kwargs)

    monkeypatch.setattr(bus.events, "request_checked", stall_then_create)
    started = time.monotonic()
    try:
        async with EarlierKeeper(nats_server.url, "ns", timeout=5) as ctx:
            ctx._history_restricted = True
            async with ctx.watch(from_revision=2) as events:
                waited = time.monotonic() - started
                got = [(await events.get(timeout=5)).revision for _ in range(3)]
    finally:
        if resume is not None:
            resume.cancel()
        os.kill(pid, signal.SIGCONT)
    # Before: nats TimeoutError after 5 s (the consumer's creation), and RevisionGone when
    # the stall came after it: a caller told to re-read everything for a pause.
    assert got == [3, 4, 5]
    if resume is None:
        # The resume point was found without creating a consumer (the suite's shared server
        # already held what it needed): no stall was injected, so there is nothing to time.
        pytest.skip("the watch resumed without a consumer creation to stall")
    assert PAUSE <= waited < PAUSE + 4
