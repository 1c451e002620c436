"""The keeper writes entries through to JetStream: a restart loses nothing; two keepers refuse."""

from __future__ import annotations

import time

import pytest

from actors.keeper import ContextKeeper
from bus import AsyncSharedContext, EmbeddedServer, KeeperConflict, NoKeeper
from tests.conftest import FAST_QUEUE, wait_until

pytestmark = pytest.mark.anyio


async def test_restarted_keeper_restores_entries(
    nats_server: EmbeddedServer, worker: object
) -> None:
    url = nats_server.url
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE)
    await first.start()
    async with AsyncSharedContext(url, "durable", max_entries=4) as ctx:
        await ctx.put("evicted", "first in, first out " * 5)
        await ctx.put("deleted", "delete me " * 5)
        short = await ctx.put("short", "expire me " * 5, ttl=0.3)
        await ctx.put("third", "three " * 50, agent="a")
        await ctx.put("fourth", "four " * 5)  # the namespace is full: evicts "evicted"
        assert await ctx.delete("deleted") is True
        assert await ctx.keys() == ["short", "third", "fourth"]
        await first.stop()
        assert short.expires_at is not None
        expires_at = short.expires_at
        await wait_until(lambda: time.time() > expires_at, what="short's ttl to pass")

        second = ContextKeeper("second", servers=url, settings=FAST_QUEUE)
        await second.start()
        try:
            # What is asserted is the restore, not how fast a new keeper's interest is
            # visible to another connection (a request right after start() gets no
            # responders in a few percent of restarts, and an answer 1 ms later).
            await wait_until(lambda: _answers(ctx), what="the second keeper answering")
            # "short" expired while no keeper ran; the rest is back, in put order
            assert await ctx.keys() == ["third", "fourth"]
            entry = await ctx.get_entry("third")
            assert entry is not None
            assert entry.original == "three " * 50 and entry.agent == "a"
            assert await ctx.get("third") == entry.compressed
            assert entry.expires_at is not None
            await ctx.put("fifth", "five " * 5)
            await ctx.put("sixth", "six " * 5)
            await ctx.put("seventh", "seven " * 5)  # evicts the oldest restored entry
            assert await ctx.keys() == ["fourth", "fifth", "sixth", "seventh"]
        finally:
            await second.stop()


async def _answers(ctx: AsyncSharedContext) -> bool:
    try:
        await ctx.keys()
    except NoKeeper:
        return False
    return True


async def test_memory_only_keeper_forgets(nats_server: EmbeddedServer, worker: object) -> None:
    url = nats_server.url
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE, persist=False)
    await first.start()
    async with AsyncSharedContext(url) as ctx:
        await ctx.put("k", "v " * 10)
        await first.stop()
        second = ContextKeeper("second", servers=url, settings=FAST_QUEUE, persist=False)
        await second.start()
        try:
            # What is asserted is forgetting, not how fast a new keeper's interest is
            # visible to another connection on a loaded machine.
            await wait_until(lambda: _answers(ctx), what="the second keeper answering")
            assert await ctx.keys() == []
        finally:
            await second.stop()


async def test_second_keeper_refuses_to_start(
    nats_server: EmbeddedServer, keeper: ContextKeeper
) -> None:
    other = ContextKeeper("intruder", servers=nats_server.url)
    with pytest.raises(KeeperConflict, match="keeper"):
        await other.start()
    await other.stop()
