"""A 3-node cluster (deploy/nats/nats.conf on loopback): the node leading the entry bucket's
stream is SIGKILLed during 1,000 concurrent puts and restarted on its store dir. Every put
answers ok, none is lost (the keeper and the bucket have each), none is stored twice (the
bucket got exactly one write per put, each at the revision its put answered), and the
keepers and workers live through the election. ``bench/cluster.py`` is the full-size run
(5,000 puts, the job stream's leader too, latency and recovery times).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from actors.processes import keeper_command, spawn, stop_processes, worker_command
from bus import AsyncSharedContext
from bus.jobs import wait_for_workers
from bus.store import ENTRIES_STREAM
from bus.subjects import JOBS_STREAM
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
