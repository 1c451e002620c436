"""A 3-node cluster (deploy/nats/nats.conf on loopback): the node leading the entry bucket's
stream is SIGKILLed during 1,000 concurrent puts and restarted on its store dir. Every put
answers ok, none is lost (the keeper and the bucket have each), none is stored twice (the
bucket got exactly one write per put, each at the revision its put answered), and the
keepers and workers live through the election. ``bench/cluster.py`` is the full-size run
(5,000 puts, the job stream's leader too, latency and recovery times).
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import Any

import nats.js.errors
import pytest
import structlog

import actors._standby
from actors.keeper import ContextKeeper
from actors.processes import keeper_command, spawn, stop_processes, worker_command
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer
from bus._poll import poll_until
from bus.connection import connect
from bus.jobs import QueueSettings, ensure_consumer, wait_for_workers
from bus.store import ENTRIES_STREAM, ChangePublisher, read_record, record_key
from bus.subjects import ENTRIES_BUCKET, JOBS_STREAM
from tests.conftest import FAST_QUEUE, wait_until
from tests.nats_cluster import LocalCluster, Phase, run_phase

pytestmark = pytest.mark.anyio

PUTS = 1000


@pytest.mark.timeout(90)
async def test_entry_stream_leader_killed_and_restarted_during_puts(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path / "cluster")
    procs: dict[str, subprocess.Popen[bytes]] = {}
    logs = tmp_path / "logs"
    logs.mkdir()

    def launch(name: str, command: list[str]) -> None:
        with (logs / f"{name}.log").open("wb") as out:
            procs[name] = spawn(command, stderr=out.fileno())

    def diagnose() -> str:
        parts = [cluster.logs()]
        for name, proc in procs.items():
            tail = (logs / f"{name}.log").read_text(errors="replace")[-1500:]
            parts.append(f"--- {name} (exit code {proc.poll()})\n{tail}")
        return "\n".join(parts)

    try:
        await cluster.start()
        replicas = ("--replicas", "3")
        launch("keeper-a", keeper_command(cluster.urls, extra=("--name", "keeper-a", *replicas)))
        async with AsyncSharedContext(cluster.urls) as probe:
            await probe.wait_for_keeper(30)
        launch("keeper-b", keeper_command(cluster.urls, extra=("--name", "keeper-b", *replicas)))
        for name in ("w1", "w2"):
            launch(name, worker_command(cluster.urls, name, extra=replicas))
        admin = await cluster.connect()
        try:
            await wait_for_workers(admin.jetstream(), 2, timeout=30)
            for stream in (ENTRIES_STREAM, JOBS_STREAM):
                assert await cluster.all_current(admin, stream), diagnose()

            phase = Phase("entry bucket leader killed", "faults")
            await run_phase(cluster, admin, phase, PUTS, 64, ENTRIES_STREAM)

            assert phase.killed and phase.election > 0, diagnose()
            assert not phase.failed, f"{len(phase.failed)} puts failed: {phase.failed}"
            assert len(phase.revisions) == PUTS
            assert not phase.lost, f"acknowledged, then missing: {phase.lost[:10]}"
            # Exactly one bucket write per put: none stored twice.
            assert phase.writes == PUTS, f"{phase.writes} bucket writes for {PUTS} puts"
            assert not phase.written_twice, phase.written_twice[:10]
            assert not phase.events_twice, phase.events_twice[:10]
            assert not phase.revision_moved, phase.revision_moved[:10]
            # The restarted node caught up; nobody died on the election's errors.
            assert await cluster.all_current(admin, ENTRIES_STREAM), diagnose()
            dead = {name: proc.poll() for name, proc in procs.items() if proc.poll() is not None}
            assert not dead, f"died: {dead}\n{diagnose()}"
        finally:
            await admin.close()
    finally:
        stop_processes(list(procs.values()))
        cluster.stop()


@pytest.mark.timeout(120)
async def test_a_worker_and_keeper_started_while_jetstream_has_no_leader_wait_for_it(
    tmp_path: Path,
) -> None:
    """A worker and a keeper start while the job stream cannot answer: two of the three
    nodes are down, so neither the stream nor the meta group has a leader until one comes
    back (a long election, as under heavy load). Both wait, warning under their own name;
    once a node is back they come up, and a put is compressed and stored. Before, the first
    stream info of either timed out and its start raised (a worker process exited 1)."""
    cluster = LocalCluster(tmp_path / "cluster")
    settings = QueueSettings(ack_wait=2.0, max_deliver=3, replicas=3)
    survivor, *others = cluster.nodes.values()
    worker = CompressionWorker("w-probe", servers=survivor.url, settings=settings)
    keeper = ContextKeeper(name="k-probe", servers=survivor.url, settings=settings)
    starts: list[asyncio.Future[None]] = []
    try:
        await cluster.start()
        admin = await connect(survivor.url)
        try:
            await ensure_consumer(admin.jetstream(), settings)  # the R3 job stream exists
        finally:
            await admin.close()
        for node in others:
            cluster.kill(node.name)
        with structlog.testing.capture_logs() as logs:
            actors = {"k-probe": keeper, "w-probe": worker}
            starts += [asyncio.ensure_future(actor.start()) for actor in actors.values()]

            def waiting(actor: str) -> bool:
                return any(
                    e.get("actor") == actor and e["log_level"] == "warning" for e in list(logs)
                )

            # Each has met the outage (a start that raised instead ends the wait).
            await wait_until(
                lambda: all(s.done() or waiting(a) for s, a in zip(starts, actors, strict=True)),
                30,
                "both actors to meet the outage",
            )
            gave_up = {
                n: repr(s.exception()) for s, n in zip(starts, actors, strict=True) if s.done()
            }
            assert not gave_up, f"did not wait for JetStream: {gave_up}"
            cluster.start_node(others[0].name)
            await asyncio.wait_for(asyncio.gather(*starts), 60)
        async with AsyncSharedContext(survivor.url, "probe", put_timeout=30) as ctx:
            entry = await ctx.put("k", "compressed once JetStream answers again\n" * 20)
            assert await ctx.get("k", full=True) == entry.original
        assert worker.jobs_done == 1
    finally:
        for start in starts:
            start.cancel()
        await worker.stop()
        await keeper.stop()
        cluster.stop()


async def test_a_write_whose_ack_is_lost_is_stored_once(
    nats_server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a stream leader dying between storing a write and acknowledging it looks like
    to the keeper, made exact: the first acknowledgement of the put's write is dropped.
    The keeper sends the write again (after 2 s, not the put's timeout); its compare-and-set
    fails on the record its first copy wrote, and the keeper answers with that version:
    one bucket write, one ``stored`` event, the revision the bucket has."""
    armed: list[bool] = []
    dropped: list[str] = []
    deliver = ChangePublisher._on_ack

    async def drop_first(self: ChangePublisher, msg: Any) -> None:
        if armed and not dropped:
            dropped.append(msg.subject)
            return
        await deliver(self, msg)

    monkeypatch.setattr(ChangePublisher, "_on_ack", drop_first)
    keeper = ContextKeeper(servers=nats_server.url, settings=FAST_QUEUE)
    worker = CompressionWorker("w", servers=nats_server.url, settings=FAST_QUEUE)
    await keeper.start()
    await worker.start()
    nc = await connect(nats_server.url)
    try:
        js = nc.jetstream()
        async with (
            AsyncSharedContext(nats_server.url, "lost", put_timeout=30) as ctx,
            ctx.watch() as events,
        ):
            before = (await js.stream_info(ENTRIES_STREAM)).state.last_seq
            armed.append(True)
            entry = await ctx.put("k", "a text whose first acknowledgement is lost\n" * 20)
            assert dropped, "no acknowledgement was dropped"
            after = (await js.stream_info(ENTRIES_STREAM)).state.last_seq
            assert after - before == 1, f"{after - before} bucket writes for one put"
            revision, stored = await read_record(
                await js.key_value(ENTRIES_BUCKET), record_key("lost", "k")
            )
            assert stored is not None and revision == entry.revision
            assert await ctx.get("k") == entry.compressed
            event = await anext(aiter(events))
            assert (event.key, event.kind, event.revision) == ("k", "stored", entry.revision)
            await ctx.put("other", "a later put\n" * 20)
            event = await anext(aiter(events))
            assert event.key == "other", f"a second event for k: {event}"
    finally:
        await nc.close()
        await worker.stop()
        await keeper.stop()


async def test_a_change_waits_for_the_lease_through_a_lease_bucket_election(
    nats_server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lease bucket's stream without a leader for longer than ``lease_ttl`` (its node
    died; an election takes ~5 s on a cluster): renewals fail, so the serving keeper may
    not apply changes. A put arriving then waits for the next successful renewal and is
    applied once; it is neither dropped nor answered with nothing (before, its copies got
    no answer for 2 minutes and the put failed with RequestTimeout)."""
    outage: list[bool] = []
    renew = actors._standby.renew

    async def renew_unless_out(*args: Any) -> Any:
        if outage:
            raise nats.js.errors.NoStreamResponseError()
        return await renew(*args)

    monkeypatch.setattr(actors._standby, "renew", renew_unless_out)
    keeper = ContextKeeper(servers=nats_server.url, settings=FAST_QUEUE)
    worker = CompressionWorker("w", servers=nats_server.url, settings=FAST_QUEUE)
    await keeper.start()
    await worker.start()
    nc = await connect(nats_server.url)
    try:
        js = nc.jetstream()
        leadership = keeper._leadership
        assert leadership is not None
        async with AsyncSharedContext(nats_server.url, "lease", put_timeout=30) as ctx:
            await ctx.put("before", "written while the lease is renewed\n" * 20)
            outage.append(True)

            async def unconfirmed() -> bool | None:
                return True if not await leadership.confirm() else None

            assert await poll_until(unconfirmed, 10), "renewals kept succeeding"
            before = (await js.stream_info(ENTRIES_STREAM)).state.last_seq
            known = len(keeper._replays)
            put = asyncio.ensure_future(ctx.put("during", "written after the election\n" * 20))

            async def waiting() -> bool | None:
                return True if len(keeper._replays) > known else None

            assert await poll_until(waiting, 10), "the put never reached the keeper"
            assert not put.done()  # no change while the lease is unconfirmed
            outage.clear()  # the lease bucket has a leader again
            entry = await asyncio.wait_for(put, 20)
            after = (await js.stream_info(ENTRIES_STREAM)).state.last_seq
            assert after - before == 1
            assert await ctx.get("during") == entry.compressed
            assert not leadership.lost.is_set()
    finally:
        await nc.close()
        await worker.stop()
        await keeper.stop()
