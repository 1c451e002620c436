"""headroom's SharedContext behaviours, against a real nats-server, keeper and worker."""

from __future__ import annotations

import asyncio
import time

import pytest

from bus import AsyncSharedContext, ContextEntry, EmbeddedServer, SharedContext
from tests.conftest import wait_until

pytestmark = pytest.mark.anyio

REPORT = (
    "# Findings\n\n"
    + "The migration finished on 2026-11-02 after 14 hours.   \n\n\n\n\n" * 40
    + "Ticket OPS-4411 tracks the follow-up.\n"
)


async def test_put_returns_entry_with_counts_and_savings(ctx: AsyncSharedContext) -> None:
    entry = await ctx.put("research", REPORT, agent="agent_a")
    assert isinstance(entry, ContextEntry)
    assert entry.key == "research"
    assert entry.agent == "agent_a"
    assert entry.original == REPORT
    assert entry.original_tokens > entry.compressed_tokens > 0
    assert entry.savings_percent == round(
        100 * (entry.original_tokens - entry.compressed_tokens) / entry.original_tokens, 1
    )
    assert entry.transforms
    assert entry.timestamp == pytest.approx(time.time(), abs=5)
    assert set(entry.tokens_by_family) == {"claude", "gemini", "openai"}


async def test_get_compressed_and_full(ctx: AsyncSharedContext) -> None:
    entry = await ctx.put("research", REPORT)
    assert await ctx.get("research") == entry.compressed
    assert await ctx.get("research") != REPORT
    assert await ctx.get("research", full=True) == REPORT


async def test_full_is_byte_exact_for_unicode_and_odd_whitespace(ctx: AsyncSharedContext) -> None:
    text = "naïve café — 数据 \r\n\ttabs  \u00a0nbsp\n\n\n\n\n\U0001f600 end   \n" * 50
    await ctx.put("unicode", text)
    assert await ctx.get("unicode", full=True) == text


async def test_missing_key_is_none(ctx: AsyncSharedContext) -> None:
    assert await ctx.get("nope") is None
    assert await ctx.get("nope", full=True) is None
    assert await ctx.get_entry("nope") is None


async def test_overwrite_replaces_content(ctx: AsyncSharedContext) -> None:
    await ctx.put("k", "first version " * 20)
    await ctx.put("k", "second version " * 20, agent="b")
    assert await ctx.get("k", full=True) == "second version " * 20
    entry = await ctx.get_entry("k")
    assert entry is not None and entry.agent == "b"
    assert await ctx.keys() == ["k"]


async def test_get_entry_metadata(ctx: AsyncSharedContext) -> None:
    put = await ctx.put("meta", REPORT, agent="agent_a")
    entry = await ctx.get_entry("meta")
    assert entry is not None
    assert entry.original == REPORT
    assert entry.compressed == put.compressed
    assert (entry.original_tokens, entry.compressed_tokens) == (
        put.original_tokens,
        put.compressed_tokens,
    )
    assert entry.agent == "agent_a"
    assert entry.namespace == "default"
    assert entry.model == ctx.model
    assert entry.expires_at == pytest.approx(entry.timestamp + 3600)
    assert entry.content_hash and len(entry.content_hash) == 64


async def test_ttl_expiry_in_get_entry_and_keys(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with AsyncSharedContext(nats_server.url, ttl=0.4) as short:
        await short.put("brief", "gone soon " * 10)
        last = await short.put("other", "also gone " * 10)
        assert await short.get("brief") is not None
        assert await short.keys() == ["brief", "other"]
        async with short.watch() as events:
            assert last.expires_at is not None
            expires_at = last.expires_at  # "other" was put last: it expires last
            await wait_until(lambda: time.time() > expires_at, timeout=5, what="both ttls")
            # Expired entries are never served, whether or not the sweeper ran yet.
            assert await short.get("brief") is None and await short.get("other") is None
            assert await short.get_entry("brief") is None
            assert await short.keys() == []
            kinds = {(await events.get(timeout=5)).kind for _ in range(2)}
            assert kinds == {"expired"}


async def test_ttl_per_put_overrides_client_default(ctx: AsyncSharedContext) -> None:
    await ctx.put("short", "x " * 10, ttl=0.3)
    await ctx.put("long", "y " * 10)

    async def only_long() -> bool:
        return await ctx.keys() == ["long"]

    await wait_until(only_long, timeout=5, what="short to expire")
    entry = await ctx.get_entry("long")
    assert entry is not None and entry.expires_at is not None


async def test_max_entries_evicts_oldest(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with (
        AsyncSharedContext(nats_server.url, max_entries=2) as small,
        small.watch() as events,
    ):
        for key in ("one", "two", "three"):
            await small.put(key, f"content of {key} " * 5)
        assert await small.keys() == ["two", "three"]
        assert await small.get("one") is None
        seen = [await events.get(timeout=5) for _ in range(4)]
        # The new entry is written first, then the oldest removed: events follow the
        # bucket's revisions, each one higher than the last.
        assert [(e.key, e.kind) for e in seen] == [
            ("one", "stored"),
            ("two", "stored"),
            ("three", "stored"),
            ("one", "evicted"),
        ]
        assert [e.revision for e in seen] == sorted({e.revision for e in seen})
        assert seen[2].revision == (await small.get_entry("three")).revision  # type: ignore[union-attr]


async def test_overwrite_at_capacity_evicts_nothing(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with AsyncSharedContext(nats_server.url, max_entries=2) as small:
        await small.put("one", "1 " * 10)
        await small.put("two", "2 " * 10)
        await small.put("one", "1 again " * 10)
        assert sorted(await small.keys()) == ["one", "two"]
        # the overwrite made "one" the newest: the next new key evicts "two"
        await small.put("three", "3 " * 10)
        assert sorted(await small.keys()) == ["one", "three"]


async def test_different_max_entries_each_put_applies_its_own_limit(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    """Documented rule: a put of a new key evicts down to the putting client's limit."""
    async with (
        AsyncSharedContext(nats_server.url, "shared", max_entries=5) as big,
        AsyncSharedContext(nats_server.url, "shared", max_entries=2) as small,
    ):
        for i in range(4):
            await big.put(f"b{i}", f"big {i} " * 5)
        assert len(await big.keys()) == 4
        await small.put("s0", "small " * 5)
        # small's limit (2) applies to small's put: evict down to 1, then add s0
        assert await small.keys() == ["b3", "s0"]
        assert (await small.stats()).max_entries == 2
        for i in range(4, 8):
            await big.put(f"b{i}", f"big {i} " * 5)
        assert len(await big.keys()) == 5
        assert (await big.stats()).max_entries == 5


async def test_stats_and_clear(ctx: AsyncSharedContext) -> None:
    empty = await ctx.stats()
    assert (empty.entries, empty.total_original_tokens, empty.savings_percent) == (0, 0, 0.0)
    a = await ctx.put("a", REPORT)
    b = await ctx.put("b", "short text")
    stats = await ctx.stats()
    assert stats.entries == 2
    assert stats.total_original_tokens == a.original_tokens + b.original_tokens
    assert stats.total_compressed_tokens == a.compressed_tokens + b.compressed_tokens
    assert stats.total_tokens_saved == stats.total_original_tokens - stats.total_compressed_tokens
    assert stats.savings_percent == round(
        100 * stats.total_tokens_saved / stats.total_original_tokens, 1
    )
    assert await ctx.clear() == 2
    assert await ctx.keys() == []
    assert (await ctx.stats()).entries == 0
    assert await ctx.get("a") is None


async def test_delete_and_events(ctx: AsyncSharedContext) -> None:
    async with ctx.watch("doomed") as events:
        await ctx.put("doomed", "bye " * 10, agent="x")
        await ctx.put("unrelated", "hi " * 10)
        assert await ctx.delete("doomed") is True
        assert await ctx.delete("doomed") is False
        first = await events.get(timeout=5)
        second = await events.get(timeout=5)
        assert (first.key, first.kind, first.agent) == ("doomed", "stored", "x")
        assert (second.key, second.kind) == ("doomed", "deleted")
        assert events.get_nowait() is None  # "unrelated" is not this watch's key
    assert await ctx.get("doomed") is None


async def test_namespaces_are_isolated(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with (
        AsyncSharedContext(nats_server.url, "team-a") as a,
        AsyncSharedContext(nats_server.url, "team-b") as b,
    ):
        await a.put("k", "for a " * 5)
        assert await b.get("k") is None
        assert await b.keys() == []
        assert await a.keys() == ["k"]


async def test_keys_with_subject_characters(ctx: AsyncSharedContext) -> None:
    odd = ["a.b.c", "*", ">", "with space", "ключ", "x" * 256, "tab-free/../path"]
    for key in odd:
        await ctx.put(key, f"value for {key}")
    assert sorted(await ctx.keys()) == sorted(odd)
    for key in odd:
        assert await ctx.get(key, full=True) == f"value for {key}"


async def test_same_payload_is_compressed_once(ctx: AsyncSharedContext, worker: object) -> None:
    from actors.worker import CompressionWorker

    assert isinstance(worker, CompressionWorker)
    await asyncio.gather(*(ctx.put(f"copy{i}", REPORT) for i in range(5)))
    await ctx.put("copy-late", REPORT)
    assert worker.jobs_done == 1
    assert len(await ctx.keys()) == 6


def test_sync_client_same_api(process_stack: str) -> None:
    with SharedContext(servers=process_stack, namespace="sync", max_entries=2) as ctx:
        entry = ctx.put("research", REPORT, agent="agent_a")
        assert entry.original_tokens > entry.compressed_tokens
        assert ctx.get("research") == entry.compressed
        assert ctx.get("research", full=True) == REPORT
        assert ctx.get("missing") is None
        got = ctx.get_entry("research")
        assert got is not None and got.agent == "agent_a"
        ctx.put("b", "b " * 5)
        ctx.put("c", "c " * 5)
        assert ctx.keys() == ["b", "c"]
        assert ctx.stats().entries == 2
        events = ctx.watch(timeout=2)
        assert ctx.delete("b") is True
        assert next(events).kind == "deleted"
        events.close()
        assert ctx.clear() == 1
        assert ctx.keys() == []
