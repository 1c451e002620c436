"""The bucket is the one source of truth: evictions, deletes and clears racing puts lose
nothing acknowledged and bring nothing deleted back across a keeper restart (issue 8)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import nats
import pytest

from actors.keeper import ContextKeeper
from bus import AsyncSharedContext, EmbeddedServer
from bus.store import ENTRIES_STREAM, MARKER_TTL, record_key, record_subject
from bus.subjects import ENTRIES_BUCKET
from tests.conftest import FAST_QUEUE, wait_until

pytestmark = pytest.mark.anyio

TRIALS = 200
#: Trials run at once, each in its own namespace.
BATCH = 50

Trial = Callable[[AsyncSharedContext], Awaitable[None]]


async def evict_race(ctx: AsyncSharedContext) -> None:
    """max_entries 2: Y, Z, then X (evicts Y) and Y again with new text, concurrently."""
    await ctx.put("Y", "old text of Y " * 4)
    await ctx.put("Z", "text of Z " * 4)
    await asyncio.gather(ctx.put("X", "text of X " * 4), ctx.put("Y", "new text of Y " * 4))
    assert await ctx.get("Y", full=True) == "new text of Y " * 4


async def delete_race(ctx: AsyncSharedContext) -> None:
    await ctx.put("A", "first A " * 4)
    await asyncio.gather(ctx.put("A", "second A " * 4), ctx.delete("A"))
    await ctx.put("B", "B " * 8)
    assert await ctx.delete("B") is True


async def clear_race(ctx: AsyncSharedContext) -> None:
    await ctx.put("K1", "k one " * 4)
    await ctx.put("K2", "k two " * 4)
    await asyncio.gather(ctx.clear(), ctx.put("K3", "k three " * 4), ctx.put("K1", "k1 " * 8))


async def view(ctx: AsyncSharedContext) -> dict[str, str | None]:
    return {key: await ctx.get(key, full=True) for key in await ctx.keys()}


async def run_trials(nc: nats.NATS, prefix: str, trial: Trial) -> list[AsyncSharedContext]:
    clients = [
        AsyncSharedContext(nc=nc, namespace=f"{prefix}{i}", max_entries=2, dedupe=False)
        for i in range(TRIALS)
    ]
    for start in range(0, TRIALS, BATCH):
        await asyncio.gather(*(trial(c) for c in clients[start : start + BATCH]))
    return clients


async def test_races_then_restart_lose_nothing(nats_server: EmbeddedServer, worker: object) -> None:
    url = nats_server.url
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE)
    await first.start()
    nc = await nats.connect(url)
    try:
        groups = {
            "evict": await run_trials(nc, "ev", evict_race),
            "delete": await run_trials(nc, "de", delete_race),
            "clear": await run_trials(nc, "cl", clear_race),
        }
        before = {
            name: await asyncio.gather(*(view(c) for c in clients))
            for name, clients in groups.items()
        }
        await first.stop()
        second = ContextKeeper("second", servers=url, settings=FAST_QUEUE)
        await second.start()
        try:
            after = {
                name: await asyncio.gather(*(view(c) for c in clients))
                for name, clients in groups.items()
            }
        finally:
            await second.stop()
    finally:
        await nc.close()
    # Memory and bucket agreed: what was served before the restart is served after it,
    # so no acknowledged put was lost and nothing deleted came back.
    for name in groups:
        lost = [i for i, (b, a) in enumerate(zip(before[name], after[name], strict=True)) if b != a]
        assert not lost, f"{name}: {len(lost)} of {TRIALS} trials changed across the restart"
    for state in after["evict"]:
        assert state["Y"] == "new text of Y " * 4 and len(state) == 2
    for state in after["delete"]:
        assert "B" not in state
        assert state.get("A") in (None, "second A " * 4)
    for state in after["clear"]:
        assert state.get("K3") in (None, "k three " * 4)
        assert set(state) <= {"K1", "K3"}
        assert state.get("K1") in (None, "k1 " * 8)


async def test_no_delete_marker_outlives_its_ttl_or_a_restart(
    nats_server: EmbeddedServer, worker: object
) -> None:
    """Removals leave markers the server drops by itself (a TTL); markers without one (an
    older keeper's) are purged by the next keeper's start: restarts read live records only."""
    url = nats_server.url
    nc = await nats.connect(url)
    js = nc.jetstream()
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE)
    await first.start()
    try:
        async with AsyncSharedContext(nc=nc, namespace="markers", dedupe=False) as ctx:
            await ctx.put("gone", "to be deleted " * 4)
            await ctx.put("kept", "to be kept " * 4)
            assert await ctx.delete("gone")
            kv = await js.key_value(ENTRIES_BUCKET)
            marker = await js.get_last_msg(
                ENTRIES_STREAM, record_subject(record_key("markers", "gone"))
            )
            assert marker.headers is not None
            assert marker.headers.get("KV-Operation") == "DEL"
            assert marker.headers.get("Nats-TTL") == f"{MARKER_TTL}s"
            # An older keeper's marker: no TTL.
            await kv.put(record_key("markers", "legacy"), b"x")
            await kv.delete(record_key("markers", "legacy"))
    finally:
        await first.stop()
    second = ContextKeeper("second", servers=url, settings=FAST_QUEUE)
    await second.start()
    try:
        legacy = record_subject(record_key("markers", "legacy"))

        async def purged() -> bool:
            info = await js.stream_info(ENTRIES_STREAM, subjects_filter=legacy)
            return not info.state.subjects

        await wait_until(purged, what="the legacy marker purged")
        async with AsyncSharedContext(nc=nc, namespace="markers") as ctx:
            assert await ctx.keys() == ["kept"]
            # A key deleted a moment ago can be put again (over its marker).
            again = await ctx.put("gone", "back again " * 4, if_revision=0)
            assert again.revision > 0
    finally:
        await second.stop()
        await nc.close()


async def test_memory_drops_an_entry_whose_record_vanished(
    nats_server: EmbeddedServer, keeper: ContextKeeper, worker: object
) -> None:
    """A record removed behind the keeper's back (purged by hand): the compare-and-set of
    its eviction fails, memory takes the bucket's word (no record) and the put goes on."""
    nc = await nats.connect(nats_server.url)
    try:
        async with AsyncSharedContext(nc=nc, namespace="ghost", max_entries=2) as ctx:
            await ctx.put("A", "first " * 5)
            await nc.jetstream().purge_stream(
                ENTRIES_STREAM, subject=record_subject(record_key("ghost", "A"))
            )
            assert await ctx.keys() == ["A"]  # memory does not know yet
            await ctx.put("B", "second " * 5)
            await asyncio.wait_for(ctx.put("C", "third " * 5), 10)  # evicts: finds A gone
            assert await ctx.keys() == ["B", "C"]
    finally:
        await nc.close()
