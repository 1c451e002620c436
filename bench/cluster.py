"""Cluster fault benchmark: stream leaders SIGKILLed and restarted under load, in one run.

    python bench/cluster.py [--puts 5000] [--concurrency 64] [--baseline-puts 5000]

Starts a 3-node nats-server cluster on loopback (deploy/nats/nats.conf with loopback
ports and temporary JetStream dirs), then as separate processes a keeper, a standby
keeper and two compression workers, all with ``--replicas 3`` and every node's URL. The
client side runs in this process, connected to every node too. Three phases, each
``--puts`` puts of distinct keys (the baseline ``--baseline-puts``) from
``--concurrency`` tasks, in a namespace of its own:

1. no kill: the baseline latencies;
2. the node leading the entry bucket's stream (``KV_ctxbus_entries``) SIGKILLed once a
   third of the puts are done, and restarted on the same store dir as soon as the others
   elected a new leader (so it rejoins and catches up while the puts go on);
3. the same with the node leading the job stream (``CTXBUS_JOBS``).

Then, for every phase:
- puts ok / failed (every put must answer ok: the keeper retries through elections);
- lost: keys whose put answered ok but that the keeper (``get(full=True)``) or the bucket
  (its record, read directly) does not have with the text that was put;
- stored twice: bucket writes in the phase (the stream's last sequence before and after:
  only this phase writes) minus its puts, and the keys whose record was written more than
  once (an ordered consumer on the namespace's records, started before the phase), and
  keys with more than one ``stored`` change event (a watch on the namespace), and keys
  whose bucket revision is not the one their put answered;
- p50 / p99 / max latency, and the added p99 vs the baseline;
- recovery: kill -> a new stream leader; restart -> the restarted node current again.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off sys.path so `import bus` finds the package (bench/bus.py exists).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import contextlib  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Awaitable, Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

from nats.aio.client import Client as NATS  # noqa: E402
from nats.js.api import DeliverPolicy  # noqa: E402

from actors.processes import keeper_command, spawn, stop_processes, worker_command  # noqa: E402
from bus import AsyncSharedContext  # noqa: E402
from bus._poll import poll_until  # noqa: E402
from bus.jobs import wait_for_workers  # noqa: E402
from bus.store import ENTRIES_STREAM, read_record, record_key  # noqa: E402
from bus.subjects import ENTRIES_BUCKET, JOBS_STREAM, decode_key_token  # noqa: E402
from tests.nats_cluster import LocalCluster  # noqa: E402

Process = Any


def text(i: int, salt: str) -> str:
    """Distinct per phase (``salt``): no put is answered from the compression cache."""
    return f"{salt} entry {i}: " + " ".join(f"word{(i * 7 + j) % 97}" for j in range(60)) + "\n"


@dataclass
class Phase:
    name: str
    namespace: str
    latencies: list[float] = field(default_factory=list)
    revisions: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    lost: list[str] = field(default_factory=list)
    writes: int = 0
    written_twice: list[str] = field(default_factory=list)
    events_twice: list[str] = field(default_factory=list)
    revision_moved: list[str] = field(default_factory=list)
    killed: str = ""
    election: float = 0.0
    rejoined: float = 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0

    @property
    def puts(self) -> int:
        return len(self.latencies) + len(self.failed)


async def put_load(
    ctx: AsyncSharedContext,
    phase: Phase,
    total: int,
    concurrency: int,
    at_third: Callable[[], Awaitable[None]] | None = None,
) -> None:
    counter = iter(range(total))
    done = 0

    async def runner() -> None:
        nonlocal done
        for i in counter:
            key = f"k{i}"
            started = time.perf_counter()
            try:
                entry = await ctx.put(key, text(i, phase.namespace))
            except Exception as exc:
                phase.failed[key] = repr(exc)[:200]
            else:
                phase.latencies.append(time.perf_counter() - started)
                phase.revisions[key] = entry.revision
            done += 1
            if at_third is not None and done == total // 3:
                await at_third()

    started = time.perf_counter()
    await asyncio.gather(*(runner() for _ in range(concurrency)))
    phase.seconds = time.perf_counter() - started


class RecordCounter:
    """Counts the bucket messages (writes, not markers) of each record of a namespace, from
    an ordered consumer that starts at the stream's next message."""

    def __init__(self, nc: NATS, namespace: str) -> None:
        self.nc = nc
        self.prefix = f"$KV.{ENTRIES_BUCKET}.{namespace}."
        self.writes: Counter[str] = Counter()
        self.last = 0
        self.sub: Any = None

    async def start(self) -> None:
        self.sub = await self.nc.jetstream().subscribe(
            f"{self.prefix}>",
            stream=ENTRIES_STREAM,
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.NEW,
            cb=self._on_msg,
        )

    async def _on_msg(self, msg: Any) -> None:
        self.last = max(self.last, msg.metadata.sequence.stream)
        if (msg.headers or {}).get("KV-Operation") in ("DEL", "PURGE"):
            return
        self.writes[decode_key_token(msg.subject[len(self.prefix) :])] += 1

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            await self.sub.unsubscribe()


async def last_sequence(nc: NATS) -> int:
    return int((await nc.jetstream().stream_info(ENTRIES_STREAM)).state.last_seq)


async def run_phase(
    cluster: LocalCluster,
    admin: NATS,
    phase: Phase,
    total: int,
    concurrency: int,
    kill_leader_of: str | None,
) -> None:
    records = RecordCounter(admin, phase.namespace)
    await records.start()
    events: Counter[str] = Counter()
    background: list[asyncio.Task[None]] = []
    first = await last_sequence(admin)

    async def kill_and_restart() -> None:
        assert kill_leader_of is not None
        gone = await cluster.leader(admin, kill_leader_of)
        phase.killed = gone
        cluster.kill(gone)
        killed_at = time.perf_counter()

        async def recover() -> None:
            async def new_leader() -> str | None:
                leader = await cluster.leader(admin, kill_leader_of, 30)
                return leader if leader != gone else None

            await poll_until(new_leader, 30, 0.02)
            phase.election = time.perf_counter() - killed_at
            cluster.start_node(gone)
            restarted = time.perf_counter()

            async def rejoined() -> bool | None:
                with contextlib.suppress(Exception):
                    _, followers = await cluster.stream_state(admin, kill_leader_of)
                    if followers.get(gone):
                        return True
                return None

            await poll_until(rejoined, 60, 0.05)
            phase.rejoined = time.perf_counter() - restarted

        background.append(asyncio.create_task(recover()))

    async with (
        AsyncSharedContext(cluster.urls, phase.namespace, max_entries=None) as watcher,
        watcher.watch() as stream,
    ):

        async def count_events() -> None:
            async for event in stream:
                if event.kind == "stored":
                    events[event.key] += 1

        counting = asyncio.create_task(count_events())
        async with AsyncSharedContext(
            cluster.urls, phase.namespace, max_entries=None, put_timeout=60, dedupe=False
        ) as ctx:
            await put_load(
                ctx, phase, total, concurrency, kill_and_restart if kill_leader_of else None
            )
            for task in background:
                await task
            # Lost: the keeper's memory, then the bucket itself.
            kv = await admin.jetstream().key_value(ENTRIES_BUCKET)
            for key in phase.revisions:
                i = int(key[1:])
                got = await ctx.get(key, full=True)
                revision, entry = await read_record(kv, record_key(phase.namespace, key))
                want = text(i, phase.namespace)
                if got != want or entry is None or entry.original != want:
                    phase.lost.append(key)
                elif revision != phase.revisions[key]:
                    phase.revision_moved.append(key)
        last = await last_sequence(admin)
        phase.writes = last - first

        async def counted() -> bool | None:
            return True if records.last >= last else None

        await poll_until(counted, 10)
        await asyncio.sleep(0.5)  # a bench: let the last events arrive before counting
        counting.cancel()
    await records.stop()
    phase.written_twice = sorted(k for k, n in records.writes.items() if n > 1)
    phase.events_twice = sorted(k for k, n in events.items() if n > 1)


async def run(args: argparse.Namespace) -> list[Phase]:
    procs: list[Process] = []
    with tempfile.TemporaryDirectory(prefix="ctxbus-cluster-") as tmp:
        cluster = LocalCluster(Path(tmp))
        try:
            await cluster.start()
            urls = cluster.urls
            replicas = ("--replicas", "3")
            for name in ("keeper-a", "keeper-b"):
                procs.append(spawn(keeper_command(urls, extra=("--name", name, *replicas))))
                if name == "keeper-a":
                    async with AsyncSharedContext(urls) as probe:
                        await probe.wait_for_keeper(60)
            for name in ("w1", "w2"):
                procs.append(spawn(worker_command(urls, name, extra=replicas)))
            admin = await cluster.connect()
            await wait_for_workers(admin.jetstream(), 2, timeout=60)
            for stream in (ENTRIES_STREAM, JOBS_STREAM):
                if not await cluster.all_current(admin, stream):
                    raise RuntimeError(f"{stream} is not replicated on all three nodes")
            async with AsyncSharedContext(urls, "warmup", max_entries=None) as ctx:
                for i in range(100):
                    await ctx.put(f"w{i}", text(i, "warmup"))
            phases = [
                (Phase("no kill", "base"), args.baseline_puts, None),
                (Phase("entry bucket leader killed", "kvkill"), args.puts, ENTRIES_STREAM),
                (Phase("job stream leader killed", "jobkill"), args.puts, JOBS_STREAM),
            ]
            for phase, total, stream in phases:
                print(f"{phase.name}: {total} puts ...", flush=True)
                await run_phase(cluster, admin, phase, total, args.concurrency, stream)
                if stream is not None and not await cluster.all_current(admin, stream):
                    raise RuntimeError(f"{stream} did not recover all three replicas")
            dead = [p.args[3:6] for p in procs if p.poll() is not None]
            await admin.close()
        finally:
            stop_processes(procs)
            cluster.stop()
    if dead:
        print(f"processes that died: {dead}")
    return [p for p, _, _ in phases]


def report(phases: list[Phase]) -> None:
    base = phases[0]
    print()
    print(
        f"{'phase':28} {'puts':>6} {'ok':>6} {'failed':>6} {'lost':>5} {'writes':>7} "
        f"{'twice':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'puts/s':>7}"
    )
    for p in phases:
        twice = len(set(p.written_twice) | set(p.events_twice))
        print(
            f"{p.name:28} {p.puts:6} {len(p.latencies):6} {len(p.failed):6} {len(p.lost):5} "
            f"{p.writes:7} {twice:5} {p.pct(0.5):8.1f} {p.pct(0.99):8.1f} "
            f"{max(p.latencies, default=0) * 1000:8.1f} {p.puts / max(p.seconds, 1e-9):7.0f}"
        )
    print()
    for p in phases[1:]:
        print(f"{p.name} ({p.killed}):")
        print(f"  failed puts                         {len(p.failed):8}   target 0")
        for key, error in list(p.failed.items())[:3]:
            print(f"      {key}: {error}")
        print(f"  lost (acknowledged, then missing)   {len(p.lost):8}   target 0  {p.lost[:5]}")
        print(
            f"  bucket writes - puts                {p.writes - p.puts:8}   target 0 "
            f"(records written twice {len(p.written_twice)}, keys with 2+ stored events "
            f"{len(p.events_twice)}, revision moved after the reply {len(p.revision_moved)})"
        )
        print(f"  added p50 (vs no kill)              {p.pct(0.5) - base.pct(0.5):8.1f} ms")
        print(f"  added p99 (vs no kill)              {p.pct(0.99) - base.pct(0.99):8.1f} ms")
        print(f"  kill -> new stream leader           {p.election:8.2f} s")
        print(f"  restart -> node current again       {p.rejoined:8.2f} s")


def main() -> None:
    from actors.logs import configure_logging

    configure_logging("error")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--puts", type=int, default=5000)
    parser.add_argument("--baseline-puts", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=64)
    report(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
