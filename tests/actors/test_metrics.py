"""Prometheus metrics of keeper, worker and agent: scraped over HTTP after known traffic, the
counts are what was done."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import nats
import pytest
from prometheus_client.parser import text_string_to_metric_families

from actors.agent import AgentActor
from actors.backends import OfflineBackend
from actors.keeper import ContextKeeper
from actors.metrics import error_label
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer, MissingInput, PortInUse
from bus.server import free_port, port_in_use
from tests.conftest import FAST_QUEUE, ctxbus_process, wait_for_stack

pytestmark = pytest.mark.anyio

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def _fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


async def scrape(port: int | None) -> Samples:
    assert port is not None
    status, kind, text = await asyncio.to_thread(_fetch, f"http://127.0.0.1:{port}/metrics")
    assert status == 200 and kind.startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
async def served(
    nats_server: EmbeddedServer,
) -> AsyncIterator[tuple[ContextKeeper, CompressionWorker, AgentActor]]:
    keeper = ContextKeeper(servers=nats_server.url, settings=FAST_QUEUE, sweep_interval=0.05)
    worker = CompressionWorker("worker-m", servers=nats_server.url, settings=FAST_QUEUE)
    agent = AgentActor("analyst", OfflineBackend(reason="test"), servers=nats_server.url)
    for actor in (keeper, worker, agent):
        actor.metrics_port = 0  # a free port each
        await actor.start()
    yield keeper, worker, agent
    for actor in (agent, worker, keeper):
        await actor.stop()


async def test_scraped_counts_match_the_traffic(
    nats_server: EmbeddedServer, served: tuple[ContextKeeper, CompressionWorker, AgentActor]
) -> None:
    keeper, worker, agent = served
    records = [{"id": i, "status": "done", "ms": i % 7} for i in range(200)]
    report = json.dumps(records, indent=1)
    async with AsyncSharedContext(nats_server.url, namespace="m1", put_timeout=20) as ctx:
        # 3 puts of 2 payloads (the third is served from the keeper's result cache).
        a = await ctx.put("a", report)
        b = await ctx.put("b", "a line of prose. " * 40)
        await ctx.put("c", report)
        for key in ("a", "b", "c", "a", "missing"):
            await ctx.get(key)
        nc = await nats.connect(nats_server.url)
        try:
            bad = await nc.request("ctxbus.req.m1.get", b"\xc1", timeout=5)
            assert bad.headers and bad.headers["Nats-Service-Error-Code"] == "400"
        finally:
            await nc.close()
        assert await ctx.delete("c")
        await ctx.run_task("analyst", "Summarise a.", ["a"], "answer")
        with pytest.raises(MissingInput):
            await ctx.run_task("analyst", "Summarise.", ["nope"], "answer2")
        entries = {key: await ctx.get_entry(key) for key in await ctx.keys()}

    k = await scrape(keeper.metrics.port)
    service = {"service": "ctxbus-keeper"}
    # The agent's answer is a fourth put.
    assert value(k, "ctxbus_requests_total", **service, endpoint="put") == 4
    assert value(k, "ctxbus_requests_total", **service, endpoint="get") == 6
    assert value(k, "ctxbus_request_duration_seconds_count", **service, endpoint="get") == 6
    assert (
        value(k, "ctxbus_request_errors_total", **service, endpoint="get", error="malformed_frame")
        == 1
    )
    assert (
        value(k, "ctxbus_request_errors_total", **service, endpoint="put", error="malformed_frame")
        == 0
    )
    assert value(k, "ctxbus_requests_total", **service, endpoint="delete") == 1
    # The get that was answered in time is below the largest bucket, and every one above 0.
    assert value(k, "ctxbus_request_duration_seconds_sum", **service, endpoint="get") > 0
    # The store: a, b and the agent's answer; tokens saved per family as the entries say.
    assert set(entries) == {"a", "b", "answer"}
    assert value(k, "ctxbus_entries", namespace="m1") == 3
    for family in ("claude", "gemini", "openai"):
        saved = sum(
            max(0, e.tokens_by_family[family][0] - e.tokens_by_family[family][1])
            for e in entries.values()
            if e is not None
        )
        assert saved > 0
        assert value(k, "ctxbus_tokens_saved", namespace="m1", family=family) == saved
    assert a.tokens_by_family["claude"][0] > a.tokens_by_family["claude"][1]
    assert b.key == "b"

    w = await scrape(worker.metrics.port)
    jobs = worker.jobs_done
    assert jobs == 3  # a's payload, b's, the agent's answer
    worker_labels = {"service": "ctxbus-worker", "endpoint": "jobs"}
    assert value(w, "ctxbus_requests_total", **worker_labels) == jobs
    assert value(w, "ctxbus_request_duration_seconds_count", **worker_labels) == jobs
    assert value(w, "ctxbus_job_queue_lag_seconds_count") == jobs
    assert value(w, "ctxbus_compression_seconds_count", content_type="json") == 1
    compressions = sum(
        v for (name, _l), v in w.items() if name == "ctxbus_compression_seconds_count"
    )
    assert compressions == jobs
    assert value(w, "ctxbus_jobs_pending") == 0

    g = await scrape(agent.metrics.port)
    task = {"service": "ctxbus-agent", "endpoint": "task"}
    assert value(g, "ctxbus_requests_total", **task) == 2
    assert value(g, "ctxbus_request_errors_total", **task, error="missing_input") == 1
    stats = agent.statistics()
    assert (
        value(g, "ctxbus_model_tokens_total", role="analyst", direction="input")
        == stats.input_tokens
        > 0
    )
    assert (
        value(g, "ctxbus_model_tokens_total", role="analyst", direction="output")
        == stats.output_tokens
    )


async def test_only_metrics_is_served_and_a_busy_port_is_refused(
    nats_server: EmbeddedServer, served: tuple[ContextKeeper, CompressionWorker, AgentActor]
) -> None:
    keeper, _worker, _agent = served
    port = keeper.metrics.port
    status, _kind, _text = await asyncio.to_thread(_fetch, f"http://127.0.0.1:{port}/other")
    assert status == 404
    # Garbage on the socket does not stop the endpoint.
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"\x00\x01garbage\r\n\r\n")
    await writer.drain()
    writer.close()
    assert await scrape(port)
    other = CompressionWorker("worker-busy", servers=nats_server.url, settings=FAST_QUEUE)
    other.metrics_port = port
    with pytest.raises(PortInUse, match=str(port)):
        await other.start()
    # Nothing was left half-started.
    assert other.metrics.port is None


async def test_metrics_are_off_unless_a_port_is_given(
    nats_server: EmbeddedServer, keeper: ContextKeeper
) -> None:
    assert keeper.metrics.port is None
    async with AsyncSharedContext(nats_server.url) as ctx:
        assert await ctx.keys() == []
    # Still counted, so an endpoint served later has the whole history.
    line = b'ctxbus_requests_total{endpoint="keys",service="ctxbus-keeper"} 1.0'
    assert line in keeper.metrics.exposition()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    bound = await keeper.metrics.serve(free, "127.0.0.1")
    assert bound == free and await scrape(bound)


def test_error_labels_stay_bounded() -> None:
    assert error_label("400:malformed_frame") == "malformed_frame"
    assert error_label("ValueError: something 123 went wrong") == "ValueError"
    assert error_label("something odd") == "error"


def _free_pair() -> int:
    """A port whose next one is free too (keeper on it, worker 1 on the next)."""
    for _ in range(50):
        port = free_port()
        if port < 65535 and not port_in_use(port + 1):
            return port
    raise AssertionError("no two consecutive free ports")


def test_up_serves_metrics_for_keeper_and_workers_and_prints_the_monitor_url(
    tmp_path: Path,
) -> None:
    port, metrics = free_port(), _free_pair()
    up = ctxbus_process(
        "up", "--workers", "1", "--port", str(port), "--memory", "--insecure",
        "--metrics-port", str(metrics), "--json",
    )  # fmt: skip
    try:
        assert up.stdout is not None
        announced = json.loads(up.stdout.readline())
        assert announced["metrics"] == [
            f"http://127.0.0.1:{metrics}/metrics",
            f"http://127.0.0.1:{metrics + 1}/metrics",
        ]
        url = f"nats://127.0.0.1:{port}"
        wait_for_stack(url, workers=1)
        for endpoint in announced["metrics"]:
            status, _kind, text = _fetch(endpoint)
            assert status == 200 and "ctxbus_requests_total" in text
        assert 'service="ctxbus-worker"' in _fetch(announced["metrics"][1])[2]
        monitor = announced["monitoring"]
        assert monitor.startswith("http://127.0.0.1:")
        status, _kind, text = _fetch(f"{monitor}/healthz")
        assert status == 200 and json.loads(text)["status"] == "ok"
    finally:
        up.send_signal(signal.SIGINT)
        up.wait(30)
    assert up.returncode == 0
