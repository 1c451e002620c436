"""The keeper writes entries through to JetStream: a restart loses nothing; two keepers refuse."""

from __future__ import annotations

import asyncio
import time

import pytest

from actors.keeper import ContextKeeper
from bus import AsyncSharedContext, EmbeddedServer, NoKeeper
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


async def test_a_second_keeper_stands_by_and_takes_over(
    nats_server: EmbeddedServer, worker: object
) -> None:
    """A second keeper does not serve while the first does; it takes over, with every
    entry, when the first stops (gracefully: at once) or dies (within about a second)."""
    url = nats_server.url
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE)
    await first.start()
    second = ContextKeeper("second", servers=url, settings=FAST_QUEUE)
    third = ContextKeeper("third", servers=url, settings=FAST_QUEUE)
    try:
        await second.start()
        assert first.serving.is_set() and not second.serving.is_set()
        async with AsyncSharedContext(url, "standby") as ctx:
            # The standby follows every change as it happens (a warm copy).
            await ctx.put("x", "deleted while the second keeper stands by " * 5)
            await ctx.put("a", "put while the first keeper serves " * 5)
            await ctx.put("z", "overwritten while the second keeper stands by " * 5)
            assert await ctx.delete("x") is True
            await ctx.put("z", "the newer text of z " * 5)
            assert await ctx.wait_for_keeper(5) == "first"
            await first.stop()  # graceful: releases the lease after its in-flight work
            await asyncio.wait_for(second.serving.wait(), 10)
            assert await ctx.wait_for_keeper(5) == "second"
            assert await ctx.keys() == ["a", "z"]
            assert await ctx.get("z", full=True) == "the newer text of z " * 5
            await ctx.delete("z")
            await ctx.put("b", "put while the second keeper serves " * 5)
            await third.start()
            assert not third.serving.is_set()
            await second._abort()  # dies without a word: no release, like a SIGKILL
            died = time.monotonic()
            await asyncio.wait_for(third.serving.wait(), 10)
            took = time.monotonic() - died
            assert await ctx.keys() == ["a", "b"]
            assert await ctx.wait_for_keeper(5) == "third"
            # Dead keepers are noticed by their missing subscriptions, not a lease timeout
            # (not asserted tightly: a loaded machine may be slow).
            assert took < third.lease_ttl + 5
    finally:
        for keeper in (first, second, third):
            await keeper.stop()
