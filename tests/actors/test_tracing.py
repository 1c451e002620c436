"""OpenTelemetry trace context through NATS headers: client → keeper → worker, and
client → agent → keeper → worker, one trace; untraced requests carry no header."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import nats
import pytest

from actors.agent import AgentActor
from actors.backends import OfflineBackend
from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer, RequestTimeout, tracing

otel_trace = pytest.importorskip("opentelemetry.trace", reason="the otel extra is not installed")
sdk_trace = pytest.importorskip("opentelemetry.sdk.trace", reason="opentelemetry-sdk is needed")
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (  # noqa: E402
    InMemorySpanExporter,
)

pytestmark = pytest.mark.anyio

_EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module")
def provider() -> Iterator[InMemorySpanExporter]:
    """An SDK tracer provider for this process (OpenTelemetry allows setting it once)."""
    current = otel_trace.get_tracer_provider()
    if not isinstance(current, sdk_trace.TracerProvider):
        current = sdk_trace.TracerProvider()
        otel_trace.set_tracer_provider(current)
    current.add_span_processor(SimpleSpanProcessor(_EXPORTER))
    yield _EXPORTER


async def test_one_trace_from_client_through_keeper_worker_and_agent(
    provider: InMemorySpanExporter,
    nats_server: EmbeddedServer,
    keeper: ContextKeeper,
    worker: CompressionWorker,
) -> None:
    agent = AgentActor("analyst", OfflineBackend(reason="test"), servers=nats_server.url)
    await agent.start()
    tracer = otel_trace.get_tracer("test")
    try:
        async with AsyncSharedContext(nats_server.url, put_timeout=20) as ctx:
            await ctx.put("untraced", "no span is current here " * 20)
            provider.clear()
            with tracer.start_as_current_span("client put") as root:
                await ctx.put("report", "the quarterly numbers went up. " * 40)
            with tracer.start_as_current_span("client task") as task_root:
                await ctx.run_task("analyst", "Summarise.", ["report"], "summary")
    finally:
        await agent.stop()

    spans = provider.get_finished_spans()
    by_trace: dict[int, list[Any]] = {}
    for span in spans:
        by_trace.setdefault(span.context.trace_id, []).append(span)
    put_trace = {s.name: s for s in by_trace[root.get_span_context().trace_id]}
    keeper_put = put_trace["ctxbus-keeper ctxbus.req.default.put"]
    assert keeper_put.parent.span_id == root.get_span_context().span_id
    job = put_trace["ctxbus-worker ctxbus.job.default"]
    assert job.parent.span_id == keeper_put.context.span_id

    task_trace = by_trace[task_root.get_span_context().trace_id]
    names = [s.name for s in task_trace]
    agent_span = next(s for s in task_trace if s.name.startswith("ctxbus-agent ctxbus.task."))
    assert agent_span.parent.span_id == task_root.get_span_context().span_id
    # The agent read its input and put its answer inside the task's span, and the answer
    # was compressed by a worker: all in the caller's trace.
    entry = next(s for s in task_trace if s.name == "ctxbus-keeper ctxbus.req.default.entry")
    assert entry.parent.span_id == agent_span.context.span_id
    assert "ctxbus-keeper ctxbus.req.default.put" in names
    assert "ctxbus-worker ctxbus.job.default" in names
    # The untraced put before made no span at all.
    assert all(len(spans_) > 1 for spans_ in by_trace.values())
    assert len(by_trace) == 2


async def test_untraced_requests_carry_no_headers(nats_server: EmbeddedServer) -> None:
    assert tracing.headers() is None
    assert tracing.headers({"Nats-Msg-Id": "x"}) == {"Nats-Msg-Id": "x"}
    nc = await nats.connect(nats_server.url)
    seen = []
    try:
        sub = await nc.subscribe("ctxbus.req.default.get")
        await nc.flush()
        async with AsyncSharedContext(nats_server.url, timeout=0.5) as ctx:
            with pytest.raises(RequestTimeout):  # nobody answers: only the frame matters
                await ctx.get("k")
        msg = await sub.next_msg(timeout=2)
        seen.append(msg.headers)
    finally:
        await nc.close()
    assert seen == [None]


async def test_a_traced_request_carries_traceparent(
    provider: InMemorySpanExporter, nats_server: EmbeddedServer
) -> None:
    nc = await nats.connect(nats_server.url)
    try:
        sub = await nc.subscribe("ctxbus.req.default.get")
        await nc.flush()
        tracer = otel_trace.get_tracer("test")
        async with AsyncSharedContext(nats_server.url, timeout=0.5) as ctx:
            with tracer.start_as_current_span("reader") as current, pytest.raises(RequestTimeout):
                await ctx.get("k")
        msg = await sub.next_msg(timeout=2)
    finally:
        await nc.close()
    trace_id = format(current.get_span_context().trace_id, "032x")
    assert msg.headers is not None
    assert msg.headers[tracing.TRACEPARENT].split("-")[1] == trace_id
