"""The TypeScript conformance client (client.ts, written from docs/protocol.md alone) against a
real keeper and worker: discovery through ``$SRV``, puts (inline and through the object store),
gets (compressed and full), entries, omitted parts, errors and watched events.

Needs ``node`` (>= 18) and ``npm``: the pinned packages (package-lock.json) are installed once
with ``npm ci`` into a cache directory keyed by the lock file, outside the source tree. Without
node, or when the npm registry cannot be reached, the test is skipped with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from actors.agent import AgentActor
from actors.backends import OfflineBackend
from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import EmbeddedServer

HERE = Path(__file__).resolve().parent
PINNED = ("package.json", "package-lock.json")
SOURCES = ("client.ts", "tsconfig.json")
#: Seconds for `npm ci` (a first install downloads ~35 MB; ~5 s here), tsc and the run.
NPM_TIMEOUT = 60.0
RUN_TIMEOUT = 45.0
TSC_TIMEOUT = 30.0


def _cache_root() -> Path:
    configured = os.environ.get("CTXBUS_CONFORMANCE_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ctxbus" / "conformance"


def _node_major(node: str) -> int:
    out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=10)
    try:
        return int(out.stdout.strip().lstrip("v").split(".")[0])
    except ValueError:
        return 0


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def compiled_client() -> Path:
    """dist/client.js, built from client.ts with the pinned packages (or a skip)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed for the TypeScript conformance client")
    if _node_major(node) < 18:
        pytest.skip("node >= 18 is needed for the TypeScript conformance client")
    digest = hashlib.sha256(b"".join((HERE / name).read_bytes() for name in PINNED)).hexdigest()
    work = _cache_root() / digest[:16]
    with _locked(_cache_root() / f"{digest[:16]}.lock"):
        installed = work / "node_modules" / ".ctxbus-installed"
        if not installed.exists():
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            for name in PINNED:
                shutil.copy(HERE / name, work / name)
            try:
                done = subprocess.run(
                    [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                    cwd=work,
                    capture_output=True,
                    text=True,
                    timeout=NPM_TIMEOUT,
                )
            except subprocess.TimeoutExpired:
                pytest.skip(f"npm ci took longer than {NPM_TIMEOUT:g}s (registry unreachable?)")
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
                pytest.skip(f"npm ci failed (registry unreachable?): {' | '.join(tail)}")
            installed.touch()
        for name in SOURCES:
            shutil.copy(HERE / name, work / name)
        tsc = work / "node_modules" / ".bin" / "tsc"
        built = subprocess.run(
            [str(tsc), "-p", "."], cwd=work, capture_output=True, text=True, timeout=TSC_TIMEOUT
        )
        # A type error is a real failure: client.ts must compile against the official types.
        assert built.returncode == 0, built.stdout + built.stderr
    return work / "dist" / "client.js"


@pytest.fixture
async def agent(nats_server: EmbeddedServer) -> AsyncIterator[AgentActor]:
    actor = AgentActor("analyst", OfflineBackend(reason="conformance"), servers=nats_server.url)
    await actor.start()
    yield actor
    await actor.stop()


@pytest.mark.anyio
@pytest.mark.timeout(NPM_TIMEOUT + TSC_TIMEOUT + RUN_TIMEOUT + 30)  # a first npm ci included
async def test_typescript_client_speaks_the_documented_protocol(
    compiled_client: Path,
    nats_server: EmbeddedServer,
    keeper: ContextKeeper,
    worker: CompressionWorker,
    agent: AgentActor,
) -> None:
    node = shutil.which("node")
    assert node is not None
    env = {**os.environ, "NATS_URL": nats_server.url, "CTXBUS_NS": "conformance"}
    proc = await asyncio.create_subprocess_exec(
        node,
        str(compiled_client),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(proc.communicate(), RUN_TIMEOUT)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    output = stdout.decode(errors="replace") + stderr.decode(errors="replace")
    assert proc.returncode == 0, output
    lines = [json.loads(line) for line in stdout.decode().splitlines() if line.startswith("{")]
    checks = {line["check"] for line in lines if "check" in line}
    assert checks == {
        "srv_ping",
        "srv_info",
        "put",
        "get",
        "watch_stored",
        "entry_and_omitted",
        "agent_tasks",
        "large_put_and_get",
        "keys_and_stats",
        "errors",
        "delete_and_watch_deleted",
        "srv_stats",
    }, output
    assert lines[-1] == {"done": True, "subject_token": "dHMvw7xuw69jb2RlIHJlcG9ydA"}
    # What the TypeScript client did is what the keeper saw.
    assert worker.jobs_done == 3  # the report, the large log, the agent's answer
    endpoints = {e.name: e for e in keeper.service.stats().endpoints}
    assert endpoints["put"].num_requests == 3
    stats = agent.statistics()
    assert (stats.tasks, stats.failed) == (1, 1)
    # not msgpack, another version, a version 2 request, a missing field
    assert endpoints["get"].num_errors == 4
