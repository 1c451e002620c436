"""A 3-node nats-server cluster on loopback, from deploy/nats/nats.conf, for fault tests.

Each node runs the deploy conf with only its addresses and JetStream store dir moved to
loopback ports and a temporary directory (the same rewrite as tests/deploy). A node can be
SIGKILLed and restarted on the same store dir and ports; :meth:`LocalCluster.leader` names
the node leading a stream. Used by ``tests/actors/test_cluster_faults.py`` and
``bench/cluster.py``; every wait is a poll with a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nats.errors
import nats.js.errors
from nats.aio.client import Client as NATS
from nats.js.api import DeliverPolicy

from bus import AsyncSharedContext
from bus._poll import poll_until
from bus.connection import connect
from bus.jobs import retry_while_jetstream_recovers
from bus.server import child_process_options, find_nats_server, free_port
from bus.store import ENTRIES_STREAM, read_record, record_key
from bus.subjects import ENTRIES_BUCKET, decode_key_token

__all__ = [
    "LocalCluster",
    "Node",
    "Phase",
    "RecordCounter",
    "loopback_conf",
    "put_load",
    "run_phase",
    "text",
]

NATS_CONF = Path(__file__).resolve().parents[1] / "deploy" / "nats" / "nats.conf"
NAMES = ("nats-1", "nats-2", "nats-3")


def loopback_conf(
    conf: str,
    node: str,
    routes: dict[str, int],
    client: int,
    cluster: int,
    monitor: int,
    store: Path,
) -> str:
    """The real conf with only its addresses and store dir moved to loopback and tmp."""
    replacements = [
        (r"^port: 4222$", f"listen: 127.0.0.1:{client}"),
        (r"^http_port: 8222$", f"http: 127.0.0.1:{monitor}"),
        (r"^(\s+)port: 6222$", rf"\g<1>listen: 127.0.0.1:{cluster}"),
        (r"^(\s+)store_dir: /data$", rf"\g<1>store_dir: {json.dumps(str(store))}"),
    ]
    replacements += [
        (rf"nats://{re.escape(name)}:6222\b", f"nats://127.0.0.1:{port}")
        for name, port in routes.items()
    ]
    for pattern, replacement in replacements:
        conf, count = re.subn(pattern, replacement, conf, flags=re.MULTILINE)
        if count != 1:
            raise ValueError(f"{node}: {pattern!r} matched {count} times in {NATS_CONF}")
    return conf


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=2) as response:
        return json.loads(response.read())


@dataclass
class Node:
    name: str
    client: int
    cluster: int
    monitor: int
    root: Path
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.client}"

    @property
    def conf(self) -> Path:
        return self.root / f"{self.name}.conf"

    @property
    def log(self) -> Path:
        return self.root / f"{self.name}.log"

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.monitor}/healthz", timeout=2):
                return True
        except (urllib.error.URLError, OSError):
            return False


@dataclass
class LocalCluster:
    """Three nats-server processes routed to each other; JetStream in ``root/<name>``."""

    root: Path
    nodes: dict[str, Node] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        ports = {name: (free_port(), free_port(), free_port()) for name in NAMES}
        routes = {name: p[1] for name, p in ports.items()}
        text = NATS_CONF.read_text()
        for name, (client, cluster, monitor) in ports.items():
            node = Node(name, client, cluster, monitor, self.root)
            node.conf.write_text(
                loopback_conf(text, name, routes, client, cluster, monitor, self.root / name)
            )
            self.nodes[name] = node

    @property
    def urls(self) -> str:
        """Every node's client URL, comma-separated (``--servers``)."""
        return ",".join(node.url for node in self.nodes.values())

    def start_node(self, name: str) -> None:
        node = self.nodes[name]
        node.starts += 1
        with node.log.open("ab") as log:
            log.write(f"--- start {node.starts}\n".encode())
            log.flush()
            node.proc = subprocess.Popen(
                [find_nats_server(), "-c", str(node.conf)],
                env={**os.environ, "SERVER_NAME": name},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                **child_process_options(signal.SIGKILL),
            )

    def kill(self, name: str) -> None:
        """SIGKILL the node (no lame-duck hand-over) and reap it."""
        proc = self.nodes[name].proc
        assert proc is not None
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def stop(self) -> None:
        procs = [n.proc for n in self.nodes.values() if n.proc is not None]
        for proc in procs:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGKILL)
                proc.wait(5)

    def logs(self, chars: int = 1500) -> str:
        return "\n".join(
            f"--- {n.name}\n{n.log.read_text(errors='replace')[-chars:]}"
            for n in self.nodes.values()
            if n.log.exists()
        )

    def _formed(self) -> bool:
        for node in self.nodes.values():
            if not node.healthy():
                return False
            try:
                routes = _get_json(f"http://127.0.0.1:{node.monitor}/routez")["routes"]
                meta = _get_json(f"http://127.0.0.1:{node.monitor}/jsz").get("meta_cluster", {})
            except OSError:
                return False
            if {r.get("remote_name") for r in routes} != set(self.nodes) - {node.name}:
                return False
            if meta.get("cluster_size") != 3 or not meta.get("leader"):
                return False
        return True

    async def start(self, timeout: float = 20.0) -> None:
        """Start every node and wait until they are routed, healthy, with a meta leader."""
        for name in self.nodes:
            self.start_node(name)

        async def formed() -> bool | None:
            return await asyncio.to_thread(self._formed) or None

        if not await poll_until(formed, timeout, 0.05):
            raise TimeoutError(f"the cluster did not form in {timeout} s\n{self.logs()}")

    async def connect(self) -> NATS:
        return await connect(self.urls)

    @staticmethod
    async def stream_state(nc: NATS, stream: str) -> tuple[str | None, dict[str, bool]]:
        """The stream's leader (None while it has none) and its followers' currency."""
        # A short timeout: a stream without a leader does not answer at all.
        info = await nc.jetstream(timeout=0.5).stream_info(stream)
        cluster = info.cluster
        if cluster is None:
            return None, {}
        return cluster.leader, {str(p.name): bool(p.current) for p in cluster.replicas or []}

    async def leader(self, nc: NATS, stream: str, timeout: float = 15.0) -> str:
        """The node leading ``stream`` (waits through an election)."""

        async def check() -> str | None:
            with contextlib.suppress(
                nats.errors.TimeoutError, nats.js.errors.Error, nats.errors.NoRespondersError
            ):
                leader, _ = await self.stream_state(nc, stream)
                return leader
            return None

        found = await poll_until(check, timeout, 0.02)
        if found is None:
            raise TimeoutError(f"{stream} has no leader after {timeout} s")
        return found

    async def all_current(self, nc: NATS, stream: str, timeout: float = 30.0) -> bool:
        """True once ``stream`` has a leader and both followers are current."""

        async def check() -> bool | None:
            with contextlib.suppress(
                nats.errors.TimeoutError, nats.js.errors.Error, nats.errors.NoRespondersError
            ):
                leader, followers = await self.stream_state(nc, stream)
                if leader and len(followers) == 2 and all(followers.values()):
                    return True
            return None

        return bool(await poll_until(check, timeout, 0.05))


# -- puts under a leader kill, and what they left in the bucket -----------------------


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

    # The watch (core NATS) on a node that does not lead the stream to be killed, so the
    # kill does not cut it off (it would miss events, not see duplicates).
    leader = await cluster.leader(admin, kill_leader_of) if kill_leader_of else ""
    watch_url = next(n.url for name, n in cluster.nodes.items() if name != leader)
    async with (
        AsyncSharedContext(watch_url, phase.namespace, max_entries=None) as watcher,
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
                # (The killed leader's stream may still be electing: a 503 is a wait, not a loss.)
                revision, entry = await retry_while_jetstream_recovers(
                    lambda key=key: read_record(kv, record_key(phase.namespace, key)),
                    time.monotonic() + 30,
                )
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

        async def events_in() -> bool | None:
            return True if len(events) >= len(phase.revisions) else None

        await poll_until(events_in, 5)
        counting.cancel()
    await records.stop()
    phase.written_twice = sorted(k for k, n in records.writes.items() if n > 1)
    phase.events_twice = sorted(k for k, n in events.items() if n > 1)
