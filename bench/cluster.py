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
import tempfile  # noqa: E402
from typing import Any  # noqa: E402

from actors.processes import keeper_command, spawn, stop_processes, worker_command  # noqa: E402
from bus import AsyncSharedContext  # noqa: E402
from bus.jobs import wait_for_workers  # noqa: E402
from bus.store import ENTRIES_STREAM  # noqa: E402
from bus.subjects import JOBS_STREAM  # noqa: E402
from tests.nats_cluster import LocalCluster, Phase, run_phase, text  # noqa: E402

Process = Any


async def run(args: argparse.Namespace) -> list[Phase]:
    procs: list[Process] = []
    with tempfile.TemporaryDirectory(prefix="ctxbus-cluster-") as tmp:
        cluster = LocalCluster(Path(tmp))
        try:
            await cluster.start()
            urls = cluster.urls
            replicas = ("--replicas", "3")
            level = "info" if args.log_dir else "warning"
            logs = Path(args.log_dir) if args.log_dir else None
            if logs is not None:
                logs.mkdir(parents=True, exist_ok=True)

            def launch(command: list[str], name: str) -> None:
                out = (logs / f"{name}.log").open("ab") if logs is not None else None
                procs.append(spawn(command, stderr=out.fileno() if out else None))
                if out is not None:
                    out.close()

            for name in ("keeper-a", "keeper-b"):
                launch(
                    keeper_command(urls, log_level=level, extra=("--name", name, *replicas)),
                    name,
                )
                if name == "keeper-a":
                    async with AsyncSharedContext(urls) as probe:
                        await probe.wait_for_keeper(60)
            for name in ("w1", "w2"):
                launch(worker_command(urls, name, log_level=level, extra=replicas), name)
            admin = await cluster.connect()
            await wait_for_workers(admin.jetstream(), 2, timeout=60)
            for name in (ENTRIES_STREAM, JOBS_STREAM):
                if not await cluster.all_current(admin, name):
                    raise RuntimeError(f"{name} is not replicated on all three nodes")
            async with AsyncSharedContext(urls, "warmup", max_entries=None) as ctx:
                for i in range(100):
                    await ctx.put(f"w{i}", text(i, "warmup"))
            phases: list[tuple[Phase, int, str | None]] = [
                (Phase("no kill", "base"), args.baseline_puts, None),
                (Phase("entry bucket leader killed", "kvkill"), args.puts, ENTRIES_STREAM),
                (Phase("job stream leader killed", "jobkill"), args.puts, JOBS_STREAM),
            ]
            phases = [p for p in phases if p[2] is None or args.only in (None, p[2])]
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
    parser.add_argument(
        "--only", choices=[ENTRIES_STREAM, JOBS_STREAM], help="kill only this stream's leader"
    )
    parser.add_argument("--log-dir", help="keeper and worker logs (level info) go here")
    report(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
