"""Keeper, worker and agent are NATS services: ``$SRV.PING/INFO/STATS`` (what ``nats micro``
asks) answered by each, with endpoints, subjects, metadata and counts of real traffic."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import nats
import pytest

from actors import __version__
from actors._service import service_version
from actors.agent import AgentActor
from actors.backends import OfflineBackend
from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer, MalformedFrame, MissingInput

pytestmark = pytest.mark.anyio

SERVICES = {"ctxbus-keeper", "ctxbus-worker", "ctxbus-agent"}


@pytest.fixture
async def agent(nats_server: EmbeddedServer) -> AsyncIterator[AgentActor]:
    a = AgentActor("analyst", OfflineBackend(reason="test"), servers=nats_server.url)
    await a.start()
    yield a
    await a.stop()


async def _gather(nc: Any, subject: str, names: set[str], timeout: float = 10.0) -> list[Any]:
    """Every reply to ``subject`` until one from each of ``names`` came (or ``timeout``)."""
    inbox = nc.new_inbox()
    sub = await nc.subscribe(inbox)
    await nc.publish(subject, b"", reply=inbox)
    replies: list[Any] = []
    try:
        async with asyncio.timeout(timeout):
            while not names <= {r["name"] for r in replies}:
                replies.append(json.loads((await sub.next_msg(timeout=timeout)).data))
    finally:
        await sub.unsubscribe()
    return replies


async def _ask(nc: Any, subject: str) -> Any:
    return json.loads((await nc.request(subject, b"", timeout=5)).data)


async def test_every_actor_answers_srv_ping_info_and_stats(
    nats_server: EmbeddedServer,
    keeper: ContextKeeper,
    worker: CompressionWorker,
    agent: AgentActor,
    ctx: AsyncSharedContext,
) -> None:
    nc = await nats.connect(nats_server.url)
    try:
        pings = await _gather(nc, "$SRV.PING", SERVICES)
        assert {p["name"] for p in pings} == SERVICES
        assert all(p["type"] == "io.nats.micro.v1.ping_response" for p in pings)
        assert {p["version"] for p in pings} == {service_version(__version__)}

        info = await _ask(nc, "$SRV.INFO.ctxbus-keeper")
        endpoints = {e["name"]: e for e in info["endpoints"]}
        assert {"put", "get", "entry", "keys", "stats", "clear", "delete"} <= set(endpoints)
        assert endpoints["get"]["subject"] == "ctxbus.req.*.get"
        assert endpoints["get"]["queue_group"] == "ctxbus-keepers"
        assert endpoints["put"]["metadata"]["request"] == "put"
        assert endpoints["put"]["metadata"]["reply"] == "entry_reply"
        assert info["description"].startswith("ctxbus context keeper")

        worker_info = await _ask(nc, "$SRV.INFO.ctxbus-worker")
        (jobs,) = worker_info["endpoints"]
        assert jobs["subject"] == "ctxbus.job.>" and jobs["metadata"]["stream"] == "CTXBUS_JOBS"

        agent_info = await _ask(nc, "$SRV.INFO.ctxbus-agent")
        assert agent_info["metadata"]["role"] == "analyst"
        assert agent_info["metadata"]["offline"] == "true"
        assert agent_info["endpoints"][0]["subject"] == "ctxbus.task.*.analyst"

        # Known traffic: 2 puts, 3 gets, 1 unreadable get, 1 task done, 1 task failed.
        await ctx.put("a", "alpha " * 50)
        await ctx.put("b", "beta " * 50)
        for key in ("a", "b", "missing"):
            await ctx.get(key)
        bad = await nc.request("ctxbus.req.default.get", b"\xc1 not msgpack", timeout=5)
        assert bad.headers and bad.headers["Nats-Service-Error-Code"] == str(MalformedFrame.code)
        await ctx.run_task("analyst", "Summarise a.", ["a"], "out")
        with pytest.raises(MissingInput):
            await ctx.run_task("analyst", "Summarise.", ["nope"], "out2")

        stats = await _ask(nc, "$SRV.STATS.ctxbus-keeper")
        by_name = {e["name"]: e for e in stats["endpoints"]}
        # The agent's answer was a put too, and it read its input with an entry request.
        assert (by_name["put"]["num_requests"], by_name["put"]["num_errors"]) == (3, 0)
        assert (by_name["get"]["num_requests"], by_name["get"]["num_errors"]) == (4, 1)
        assert by_name["get"]["last_error"] == f"{MalformedFrame.code}:{MalformedFrame.name}"
        assert by_name["get"]["processing_time"] > 0
        assert by_name["entry"]["num_requests"] == 2  # the agent read "a", then "nope"

        worker_stats = await _ask(nc, "$SRV.STATS.ctxbus-worker")
        assert worker_stats["endpoints"][0]["num_requests"] == 3  # three distinct payloads
        assert worker_stats["endpoints"][0]["num_errors"] == 0

        agent_stats = await _ask(nc, "$SRV.STATS.ctxbus-agent")
        task = agent_stats["endpoints"][0]
        assert (task["num_requests"], task["num_errors"]) == (2, 1)
        assert task["last_error"] == f"{MissingInput.code}:{MissingInput.name}"

        # Still serving after the bad frame.
        assert await ctx.get("a") is not None
    finally:
        await nc.close()


async def test_a_stopped_actor_leaves_the_service_registry(
    nats_server: EmbeddedServer, agent: AgentActor
) -> None:
    nc = await nats.connect(nats_server.url)
    try:
        assert [p["name"] for p in await _gather(nc, "$SRV.PING.ctxbus-agent", {"ctxbus-agent"})]
        await agent.stop()
        with pytest.raises(nats.errors.NoRespondersError):
            await nc.request("$SRV.PING.ctxbus-agent", b"", timeout=2)
    finally:
        await nc.close()
