"""Many clients at once: nothing lost, nothing mixed up."""

from __future__ import annotations

import asyncio

import pytest

from bus import AsyncSharedContext, EmbeddedServer

pytestmark = pytest.mark.anyio


async def test_50_clients_x_20_puts(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async def client(c: int) -> None:
        async with AsyncSharedContext(
            nats_server.url, "load", max_entries=None, agent=f"agent-{c}", put_timeout=60
        ) as ctx:
            for i in range(20):
                entry = await ctx.put(f"c{c}/k{i}", f"client {c} item {i} " * (1 + i % 5))
                assert entry.key == f"c{c}/k{i}"
                assert entry.agent == f"agent-{c}"

    await asyncio.gather(*(client(c) for c in range(50)))

    async with AsyncSharedContext(nats_server.url, "load") as ctx:
        keys = await ctx.keys()
        assert len(keys) == 1000
        assert set(keys) == {f"c{c}/k{i}" for c in range(50) for i in range(20)}
        # spot-check contents and metadata for mix-ups, all 1000 concurrently
        entries = await asyncio.gather(*(ctx.get_entry(k) for k in keys))
        for entry in entries:
            assert entry is not None
            c, i = (int(part[1:]) for part in entry.key.split("/"))
            assert entry.original == f"client {c} item {i} " * (1 + i % 5)
            assert entry.agent == f"agent-{c}"
        assert (await ctx.stats()).entries == 1000
