"""Compression workers: sharing the queue, redelivery after a crash, giving up for good,
handing fetched jobs back when stopped."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from collections.abc import AsyncIterator

import nats.errors
import pytest
from nats.aio.msg import Msg

import transforms
from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, CompressionFailed, EmbeddedServer, NoWorker, connect
from bus.jobs import QueueSettings, consumer_info
from bus.messages import ContextEntry
from bus.subjects import JOBS_STREAM
from tests.conftest import FAST_QUEUE, ctxbus_process, stop_all, wait_until

pytestmark = pytest.mark.anyio


async def _consumer(url: str) -> tuple[int, int]:
    nc = await connect(url)
    try:
        info = await consumer_info(nc.jetstream())
        return (info.num_waiting or 0, info.num_ack_pending or 0) if info else (0, 0)
    finally:
        await nc.close()


async def test_two_workers_share_the_queue(nats_server: EmbeddedServer, keeper: object) -> None:
    workers = [
        CompressionWorker(f"w{i}", servers=nats_server.url, settings=FAST_QUEUE, batch=1)
        for i in range(2)
    ]
    for w in workers:
        await w.start()
    try:
        async with AsyncSharedContext(nats_server.url, max_entries=None) as ctx:
            # Large enough that each job runs in a thread, so both workers get some.
            payloads = [f"document {i}\n" + f"line {i}   \n\n\n" * 6000 for i in range(12)]
            entries = await asyncio.gather(*(ctx.put(f"doc{i}", p) for i, p in enumerate(payloads)))
            assert [e.key for e in entries] == [f"doc{i}" for i in range(12)]
            assert sum(w.jobs_done for w in workers) == 12
            assert all(w.jobs_done > 0 for w in workers), [w.jobs_done for w in workers]
            # The actor statistics (and the "actor stopped" log) count the jobs too.
            assert sum(w.statistics().handled for w in workers) == 12
    finally:
        for w in workers:
            await w.stop()


async def test_killed_worker_job_is_redelivered(
    nats_server: EmbeddedServer, keeper: ContextKeeper
) -> None:
    url = nats_server.url
    # A worker that takes 60 s per job: it will be holding the job when we kill it.
    slow = ctxbus_process(
        "worker",
        "--servers",
        url,
        "--ack-wait",
        "2",
        "--job-delay",
        "60",
        "--name",
        "slow",
        stdout=subprocess.DEVNULL,
    )
    procs = [slow]
    try:
        await wait_until(lambda: _consumer_has(url, waiting=1), timeout=30, what="slow worker")
        async with AsyncSharedContext(url, put_timeout=30) as ctx:
            put = asyncio.create_task(ctx.put("survivor", "precious " * 500))
            await wait_until(lambda: _consumer_has(url, ack_pending=1), what="job taken")
            # The other worker in this process: it starts at once (a worker process would
            # add seconds of start-up to the test, not to what it checks).
            fast = CompressionWorker("fast", servers=url, settings=FAST_QUEUE)
            await fast.start()
            try:
                os.kill(slow.pid, signal.SIGKILL)
                slow.wait(10)
                entry = await asyncio.wait_for(put, 30)
                assert entry.key == "survivor"
                assert await ctx.get("survivor", full=True) == "precious " * 500
                assert keeper.statistics().failed == 0
                assert fast.jobs_done == 1  # the killed worker's job, redelivered
            finally:
                await fast.stop()
    finally:
        stop_all(procs)


async def _consumer_has(url: str, waiting: int = 0, ack_pending: int = 0) -> bool:
    w, a = await _consumer(url)
    return w >= waiting and a >= ack_pending


def _always_fails(
    text: str, model: str = "", content_type: str | None = None
) -> transforms.CompressResult:
    raise RuntimeError("tokenizer exploded")


@pytest.fixture
async def failing_worker(nats_server: EmbeddedServer) -> AsyncIterator[CompressionWorker]:
    w = CompressionWorker(
        "failing",
        servers=nats_server.url,
        settings=QueueSettings(ack_wait=2.0, max_deliver=2),
        compress_fn=_always_fails,
    )
    await w.start()
    yield w
    await w.stop()


async def test_job_failing_every_delivery_fails_the_put(
    nats_server: EmbeddedServer, keeper: ContextKeeper, failing_worker: CompressionWorker
) -> None:
    async with AsyncSharedContext(nats_server.url, put_timeout=20) as ctx:
        with pytest.raises(CompressionFailed, match="tokenizer exploded"):
            await ctx.put("doomed", "content " * 10)
        assert await ctx.get("doomed") is None
        assert failing_worker.jobs_failed == 2
        # terminated, not left in the work queue
        nc = await connect(nats_server.url)
        try:
            info = await consumer_info(nc.jetstream())
            assert info is not None and info.num_pending == 0 and info.num_ack_pending == 0
        finally:
            await nc.close()
        # the keeper still serves
        assert await ctx.keys() == []


async def test_no_worker_running(nats_server: EmbeddedServer) -> None:
    # Told after 0.5 s without a worker rather than the default 3 s: the same answer sooner.
    keeper = ContextKeeper(
        servers=nats_server.url, settings=FAST_QUEUE, worker_check_interval=0.1, no_worker_after=0.5
    )
    await keeper.start()
    try:
        async with AsyncSharedContext(nats_server.url, put_timeout=15) as ctx:
            with pytest.raises(NoWorker, match="no compression worker"):
                await ctx.put("k", "v " * 10)
            assert await ctx.get("k") is None
            assert await ctx.keys() == []
    finally:
        await keeper.stop()


async def test_worker_survives_a_malformed_job(
    nats_server: EmbeddedServer, keeper: object, worker: CompressionWorker
) -> None:
    nc = await connect(nats_server.url)
    try:
        await nc.jetstream().publish("ctxbus.job.default", b"\xc1 not msgpack")
    finally:
        await nc.close()
    await wait_until(lambda: worker.jobs_failed == 1, what="bad job terminated")
    async with AsyncSharedContext(nats_server.url) as ctx:
        entry = await ctx.put("after", "still working " * 10)
        assert entry.key == "after"


async def test_worker_survives_an_ack_that_fails(
    nats_server: EmbeddedServer,
    keeper: object,
    worker: CompressionWorker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The connection failing under a job's ack (its node lost mid-job) leaves that job to
    be redelivered, and the worker goes on taking jobs (before, its fetch loop ended: a
    live worker that never took a job again, and the next put failed with NoWorker)."""
    ack = Msg.ack
    failed: list[str] = []

    async def fail_first(self: Msg) -> None:
        if not failed:
            failed.append(self.subject)
            raise nats.errors.ConnectionClosedError
        await ack(self)

    monkeypatch.setattr(Msg, "ack", fail_first)
    async with AsyncSharedContext(nats_server.url, put_timeout=15) as ctx:
        # Answered: the result was published before the ack failed.
        await ctx.put("first", "a job whose ack fails\n" * 20)
        assert failed
        entry = await ctx.put("second", "a job after it\n" * 20)
        assert entry.key == "second"


# -- stopping: fetched jobs go back to the queue at once ------------------------------

#: A long ack_wait: a job a stopped worker kept would wait this long for another worker.
SLOW_QUEUE = QueueSettings(ack_wait=30.0, max_deliver=3)


async def _jobs_queued(url: str, count: int) -> bool:
    nc = await connect(url)
    try:
        state = (await nc.jetstream().stream_info(JOBS_STREAM)).state
        return state.messages >= count
    finally:
        await nc.close()


async def _hold_jobs(
    url: str, ctx: AsyncSharedContext, holder: CompressionWorker, count: int
) -> list[asyncio.Task[ContextEntry]]:
    """Queue ``count`` puts, then start ``holder``: its first fetch takes all of them."""
    puts = [
        asyncio.create_task(ctx.put(f"doc{i}", f"document {i}: " + "some words " * 200))
        for i in range(count)
    ]
    await wait_until(lambda: _jobs_queued(url, count), what="jobs queued")
    await holder.start()
    await wait_until(lambda: _consumer_has(url, ack_pending=count), what="holder has every job")
    return puts


async def test_stopping_worker_releases_unstarted_jobs(
    nats_server: EmbeddedServer, keeper: ContextKeeper
) -> None:
    url = nats_server.url
    count = 6
    # Each job takes 2 s: the holder is on its first one and holds five more when stopped.
    holder = CompressionWorker("holder", servers=url, settings=SLOW_QUEUE, batch=16, job_delay=2)
    helper = CompressionWorker("helper", servers=url, settings=SLOW_QUEUE, batch=16)
    stop: asyncio.Task[None] | None = None
    try:
        async with AsyncSharedContext(url, max_entries=None, put_timeout=25) as ctx:
            puts = await _hold_jobs(url, ctx, holder, count)
            await helper.start()
            await wait_until(lambda: _consumer_has(url, waiting=1), what="helper pulling")
            started = time.monotonic()
            stop = asyncio.create_task(holder.stop())
            # Released at once: the helper does the five while the holder still finishes
            # its job in progress.
            await wait_until(lambda: helper.jobs_done == count - 1, what="released jobs done")
            assert not stop.done(), "the holder stopped before its job in progress finished"
            entries = await asyncio.wait_for(asyncio.gather(*puts), timeout=10)
            await asyncio.wait_for(stop, timeout=10)
            elapsed = time.monotonic() - started
            assert sorted(e.key for e in entries) == [f"doc{i}" for i in range(count)]
            # The job in progress was finished and acked by the holder, not redelivered.
            assert (holder.jobs_done, holder.jobs_released) == (1, count - 1)
            assert helper.jobs_done == count - 1
            assert holder.jobs_failed == helper.jobs_failed == 0
            await wait_until(lambda: _consumer_idle(url), what="nothing pending or unacked")
            # Without the release the helper would have waited ack_wait (30 s).
            assert elapsed < SLOW_QUEUE.ack_wait / 6, elapsed
    finally:
        if stop is None:
            await holder.stop()
        await helper.stop()


async def test_stopping_worker_runs_jobs_on_their_last_delivery(
    nats_server: EmbeddedServer, keeper: ContextKeeper
) -> None:
    # max_deliver=1: a nak would end every job for good, so the stopping worker runs them.
    settings = QueueSettings(ack_wait=30.0, max_deliver=1)
    url = nats_server.url
    holder = CompressionWorker("holder", servers=url, settings=settings, batch=8, job_delay=0.3)
    try:
        async with AsyncSharedContext(url, max_entries=None, put_timeout=20) as ctx:
            puts = await _hold_jobs(url, ctx, holder, 3)
            await holder.stop()
            entries = await asyncio.wait_for(asyncio.gather(*puts), timeout=10)
            assert len(entries) == 3
            assert (holder.jobs_done, holder.jobs_released) == (3, 0)
    finally:
        await holder.stop()


async def test_job_cut_short_by_stop_is_released(
    nats_server: EmbeddedServer, keeper: ContextKeeper
) -> None:
    url = nats_server.url
    holder = CompressionWorker("holder", servers=url, settings=SLOW_QUEUE, job_delay=60)
    helper = CompressionWorker("helper", servers=url, settings=SLOW_QUEUE)
    try:
        async with AsyncSharedContext(url, put_timeout=20) as ctx:
            (put,) = await _hold_jobs(url, ctx, holder, 1)
            await helper.start()
            await wait_until(lambda: _consumer_has(url, waiting=1), what="helper pulling")
            started = time.monotonic()
            # stop() waits only 0.5 s for the 60 s job, cancels it, and it is handed back.
            await holder.stop(timeout=0.5)
            entry = await asyncio.wait_for(put, timeout=10)
            assert entry.key == "doc0"
            assert time.monotonic() - started < SLOW_QUEUE.ack_wait / 6
            assert (holder.jobs_done, helper.jobs_done) == (0, 1)
    finally:
        await holder.stop()
        await helper.stop()


async def _consumer_idle(url: str) -> bool:
    nc = await connect(url)
    try:
        info = await consumer_info(nc.jetstream())
        return info is not None and info.num_pending == 0 and info.num_ack_pending == 0
    finally:
        await nc.close()
