"""The keeper's replay cache (actors/_replay.py), without a server."""

from __future__ import annotations

import asyncio

import pytest

from actors._replay import ReplayCache
from bus import NoWorker
from bus.messages import ClearReply, DeleteReply, Message

pytestmark = pytest.mark.anyio


async def test_copies_share_the_work_in_flight_and_replay_the_outcome() -> None:
    cache = ReplayCache()
    runs = 0
    release = asyncio.Event()

    async def work() -> Message:
        nonlocal runs
        runs += 1
        await release.wait()
        return DeleteReply(True)

    first = asyncio.create_task(cache.run("r1", work))
    second = asyncio.create_task(cache.run("r1", work))
    await asyncio.sleep(0)
    assert not first.done() and not second.done()
    release.set()
    assert await first == await second == DeleteReply(True)
    assert await cache.run("r1", work) == DeleteReply(True)  # done: replayed
    assert runs == 1 and cache.replayed == 2
    assert await cache.run("r2", work) == DeleteReply(True)  # another id runs
    assert runs == 2


async def test_a_failure_is_replayed_and_a_cancelled_run_is_forgotten() -> None:
    cache = ReplayCache()

    async def fails() -> Message:
        raise NoWorker("no worker")

    for _ in range(2):
        with pytest.raises(NoWorker):
            await cache.run("bad", fails)
    assert cache.replayed == 1

    started = asyncio.Event()

    async def hangs() -> Message:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    task = asyncio.create_task(cache.run("cut", hangs))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert "cut" not in cache  # a copy arriving later runs afresh

    async def ok() -> Message:
        return DeleteReply(False)

    assert await cache.run("cut", ok) == DeleteReply(False)


async def test_no_answer_is_not_an_outcome() -> None:
    """A run that answered nothing (a keeper that could not confirm its lease) is not
    recorded: a copy that arrives later runs afresh and gets a real answer."""
    cache = ReplayCache()
    answers: list[Message | None] = [None, DeleteReply(True)]

    async def work() -> Message | None:
        return answers.pop(0)

    assert await cache.run("r1", work) is None
    assert await cache.run("r1", work) == DeleteReply(True)
    assert await cache.run("r1", work) == DeleteReply(True)  # now recorded: replayed
    assert not answers and cache.replayed == 1


async def test_bounded_by_count_bytes_and_age() -> None:
    async def ok() -> Message:
        return DeleteReply(True)

    by_count = ReplayCache(max_requests=3)
    for i in range(5):
        await by_count.run(f"r{i}", ok)
    assert len(by_count) == 3 and "r0" not in by_count and "r4" in by_count

    by_bytes = ReplayCache(max_bytes=600)  # a small reply counts 256 bytes
    for i in range(4):
        await by_bytes.run(f"r{i}", ok)
    assert len(by_bytes) == 2 and "r3" in by_bytes

    by_age = ReplayCache(max_age=0.0)
    await by_age.run("old", ok)
    await by_age.run("new", ok)  # finishing it drops what is older than max_age
    assert "old" not in by_age

    no_id = ReplayCache()
    await no_id.run("", ok)
    assert len(no_id) == 0  # requests without an id are not recorded


async def test_an_outcome_recorded_from_another_keeper_is_replayed_not_run() -> None:
    cache = ReplayCache()
    release = asyncio.Event()

    async def work() -> Message:
        await release.wait()
        return DeleteReply(False)

    cache.record("d1", DeleteReply(True))
    assert cache.recorded("d1") == DeleteReply(True)
    assert await cache.run("d1", work) == DeleteReply(True)  # not run: work would block
    cache.record("d1", ClearReply(2))  # a later record replaces it (a clear's count grows)
    assert cache.recorded("d1") == ClearReply(2) and len(cache) == 1
    running = asyncio.create_task(cache.run("d2", work))
    await asyncio.sleep(0)
    cache.record("d2", DeleteReply(True))  # in flight here: this keeper's own outcome wins
    release.set()
    assert await running == DeleteReply(False)
    assert cache.recorded("d2") == DeleteReply(False)
    assert cache.recorded("unknown") is None
