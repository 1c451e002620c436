"""A compare-and-set change's ``on_done`` has run by the time its publish returns.

Seen under CPU load (tests/actors/test_failover.py, 208 of 2000 puts): a write's
acknowledgement arrived in the loop turn in which its wait timed out; the publish returned
the revision, but ``on_done`` (then the future's done callback, a turn later) had not run,
so the keeper answered a stored put with ``IndexError``. The waiter here resumes in the
very turn the acknowledgement resolves its future, as that timed-out wait did.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

import pytest
from nats.js import JetStreamContext

from bus import store as store_module
from bus.store import ChangePublisher, ensure_entry_store

pytestmark = pytest.mark.anyio

T = TypeVar("T")


async def _resume_at_once(fut: Awaitable[T], timeout: float) -> T:
    """``asyncio.wait_for`` as its timeout path behaves: it returns the result of a future
    that completed in the turn the wait woke up, before that future's done callbacks ran."""
    future = asyncio.ensure_future(fut)
    while not future.done():  # noqa: ASYNC110 - the point: a wake-up every loop turn
        await asyncio.sleep(0)
    return future.result()


async def test_on_done_has_run_when_publish_returns(
    js: JetStreamContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    await ensure_entry_store(js)
    publisher = ChangePublisher(js)
    applied: list[int] = []
    monkeypatch.setattr(store_module.asyncio, "wait_for", _resume_at_once)
    try:
        for i in range(20):
            revision = await publisher.publish(f"ns.k{i}", b"x", 0, on_done=applied.append)
            assert applied[-1:] == [revision]
    finally:
        monkeypatch.undo()
        await publisher.close()
