"""Shared fixtures: a real nats-server per test, keeper and workers in-process or as processes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from actors.keeper import ContextKeeper
from actors.logs import configure_logging
from actors.processes import ctxbus_command
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer
from bus.jobs import QueueSettings

#: Names the data dir this test run made (see below).
_OWN_DIR = "CTXBUS_TEST_OWN_DATA_DIR"

configure_logging("warning")
# Property tests draw the same examples on every run by default (a CI run must not fail on
# an example no earlier run drew); HYPOTHESIS_PROFILE=explore draws new ones each run.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
# No test may find a developer's own `ctxbus up` (its URL and credentials) by discovery, nor
# a stack of a test in another pytest-xdist worker: each process of the run makes its own data
# dir (a worker inherits its controller's, marked as the run's own, and replaces it). A
# CTXBUS_DATA_DIR set before the run is kept.
if os.environ.get("CTXBUS_DATA_DIR") in (None, os.environ.get(_OWN_DIR)):
    os.environ["CTXBUS_DATA_DIR"] = os.environ[_OWN_DIR] = tempfile.mkdtemp(
        prefix="ctxbus-test-data-"
    )

#: Short ack_wait so redelivery tests finish quickly.
FAST_QUEUE = QueueSettings(ack_wait=2.0, max_deliver=3)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    """A real nats-server with JetStream on a free loopback port; stopped by pid."""
    with EmbeddedServer(data_dir=tmp_path / "nats") as server:
        yield server


@pytest.fixture
async def keeper(nats_server: EmbeddedServer) -> AsyncIterator[ContextKeeper]:
    k = ContextKeeper(
        servers=nats_server.url,
        settings=FAST_QUEUE,
        sweep_interval=0.05,
        worker_check_interval=0.3,
    )
    await k.start()
    yield k
    await k.stop()


@pytest.fixture
async def worker(nats_server: EmbeddedServer) -> AsyncIterator[CompressionWorker]:
    w = CompressionWorker("worker-test", servers=nats_server.url, settings=FAST_QUEUE)
    await w.start()
    yield w
    await w.stop()


@pytest.fixture
async def ctx(
    nats_server: EmbeddedServer, keeper: ContextKeeper, worker: CompressionWorker
) -> AsyncIterator[AsyncSharedContext]:
    async with AsyncSharedContext(nats_server.url, put_timeout=20) as client:
        yield client


async def wait_until(
    predicate: Callable[[], bool | Awaitable[bool]], timeout: float = 10.0, what: str = ""
) -> None:
    """Poll ``predicate`` until true or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if not isinstance(value, bool):
            value = await value
        if value:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        await asyncio.sleep(0.02)


def ctxbus_process(
    *args: str, stdout: int | None = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """``ctxbus ARGS...`` as a separate OS process (``python -m actors``); ``env`` is added
    to this process's environment."""
    env = dict(os.environ, CTXBUS_LOG_LEVEL="warning", **(env or {}))
    return subprocess.Popen(
        ctxbus_command(*args),
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.PIPE,
        env=env,
    )


def run_ctxbus(
    *args: str,
    input_text: str | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CTXBUS_LOG_LEVEL="warning", **(env or {}))
    return subprocess.run(
        ctxbus_command(*args),
        input=input_text,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


async def _stack_ready(url: str, workers: int) -> bool:
    from bus import NoKeeper, connect
    from bus.jobs import consumer_info

    nc = await connect(url, name="probe")
    try:
        info = await consumer_info(nc.jetstream())
        if info is None or (info.num_waiting or 0) < workers:
            return False
        async with AsyncSharedContext(url, nc=nc) as probe:
            try:
                await probe.keys()
            except NoKeeper:
                return False
        return True
    finally:
        await nc.close()


def wait_for_stack(url: str, workers: int = 1, timeout: float = 30.0) -> None:
    """Block until a keeper answers and ``workers`` workers are pulling jobs."""
    deadline = time.monotonic() + timeout
    while not asyncio.run(_stack_ready(url, workers)):
        if time.monotonic() > deadline:
            raise AssertionError(f"keeper + {workers} workers not ready after {timeout}s")
        time.sleep(0.05)


def stop_all(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def _shared_process_stack(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """One server with a keeper and a worker as separate OS processes, for every test that
    only talks to them (starting them took 3-6 s per test on a loaded 2-core machine)."""
    with EmbeddedServer(data_dir=tmp_path_factory.mktemp("process-stack")) as server:
        url = server.url
        procs = [
            ctxbus_process("keeper", "--servers", url, stdout=subprocess.DEVNULL),
            ctxbus_process(
                "worker", "--servers", url, "--ack-wait", "2", stdout=subprocess.DEVNULL
            ),
        ]
        try:
            wait_for_stack(url, workers=1)
            yield url, procs
        finally:
            stop_all(procs)


async def _clear_every_namespace(url: str) -> None:
    """Clear each namespace that has a record in the entry bucket."""
    from bus import connect
    from bus.store import record_subjects

    nc = await connect(url, name="cleaner")
    try:
        subjects = await record_subjects(nc.jetstream())
        # "$KV.<bucket>.<namespace>.<key token>"
        for namespace in sorted({subject.split(".")[2] for subject in subjects}):
            async with AsyncSharedContext(url, namespace, nc=nc) as ctx:
                await ctx.clear()
    finally:
        await nc.close()


@pytest.fixture
def process_stack(
    _shared_process_stack: tuple[str, list[subprocess.Popen[bytes]]],
) -> str:
    """A keeper and a worker as separate OS processes; yields the server URL. Shared by the
    tests that use it, so each test starts with every namespace empty."""
    url, procs = _shared_process_stack
    died = [p.args for p in procs if p.poll() is not None]
    assert not died, f"the shared stack lost {died}"
    asyncio.run(_clear_every_namespace(url))
    return url
