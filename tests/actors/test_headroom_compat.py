"""headroom's SharedContext argument values keep headroom's meaning (written from its docs).

headroom: ``SharedContext(model="claude-sonnet-4-5-20250929", ttl=3600, max_entries=100)``;
an entry older than ``ttl`` seconds reads as missing (``ttl=0``: at once), and a put evicts
the oldest entries while the store holds ``max_entries`` or more.
"""

from __future__ import annotations

import pytest

from bus import AsyncSharedContext, EmbeddedServer, SharedContext
from ctxbus import CompressResult, SharedContextStats, compress
from ctxbus import SharedContext as TopLevelSharedContext

pytestmark = pytest.mark.anyio


def test_headroom_defaults_and_top_level_names() -> None:
    ctx = AsyncSharedContext("nats://127.0.0.1:1")
    assert (ctx.model, ctx.ttl, ctx.max_entries) == ("claude-sonnet-4-5-20250929", 3600, 100)
    assert TopLevelSharedContext is SharedContext
    assert SharedContextStats.__name__ == "ContextStats"
    assert callable(compress) and CompressResult.__name__ == "MessagesResult"


@pytest.mark.parametrize(
    ("given", "ttl", "max_entries"),
    [
        ({"ttl": 0}, 0.0, 100),
        ({"ttl": -5}, 0.0, 100),
        ({"ttl": 2.5}, 2.5, 100),
        ({"ttl": None}, None, 100),
        ({"max_entries": 0}, 3600, 0),
        ({"max_entries": -1}, 3600, 0),
        ({"max_entries": 1.5}, 3600, 2),  # headroom evicts while len >= 1.5: two fit
        ({"max_entries": float("inf")}, 3600, None),
        ({"max_entries": None}, 3600, None),
    ],
)
def test_limits_accepted_with_headroom_meaning(
    given: dict[str, float | None], ttl: float | None, max_entries: int | None
) -> None:
    ctx = AsyncSharedContext("nats://127.0.0.1:1", **given)  # type: ignore[arg-type]
    assert (ctx.ttl, ctx.max_entries) == (ttl, max_entries)


@pytest.mark.parametrize("ttl", [0, -1])
async def test_ttl_zero_entries_read_as_expired(
    nats_server: EmbeddedServer, keeper: object, worker: object, ttl: int
) -> None:
    async with (
        AsyncSharedContext(nats_server.url, "expire-now", ttl=ttl) as ctx,
        ctx.watch("k") as events,
    ):
        entry = await ctx.put("k", "value " * 20, agent="a")
        assert entry.key == "k" and entry.agent == "a" and entry.original_tokens > 0
        assert entry.expires_at == entry.timestamp
        assert await ctx.get("k") is None
        assert await ctx.get("k", full=True) is None
        assert await ctx.get_entry("k") is None
        assert "k" not in await ctx.keys()
        assert (await ctx.stats()).entries == 0
        kinds = [(await events.get(timeout=5)).kind for _ in range(2)]
        assert kinds == ["stored", "expired"]


async def test_ttl_zero_put_still_evicts_and_others_live(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with (
        AsyncSharedContext(nats_server.url, "mixed", max_entries=2) as normal,
        AsyncSharedContext(nats_server.url, "mixed", ttl=0, max_entries=2) as instant,
    ):
        await normal.put("a", "a " * 10)
        await normal.put("b", "b " * 10)
        await instant.put("c", "c " * 10)  # a new key at capacity: "a" goes, as in headroom
        assert await normal.keys() == ["b"]
        assert await normal.get("b") is not None


async def test_max_entries_zero_keeps_nothing(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with (
        AsyncSharedContext(nats_server.url, "none-kept") as normal,
        AsyncSharedContext(nats_server.url, "none-kept", max_entries=0) as zero,
    ):
        await normal.put("old", "old " * 10)
        async with zero.watch() as events:
            entry = await zero.put("new", "new " * 10)
            assert entry.key == "new" and entry.compressed
            assert await zero.keys() == []
            assert await zero.get("new") is None and await normal.get("old") is None
            seen = {((e := await events.get(timeout=5)).key, e.kind) for _ in range(3)}
            assert seen == {("old", "evicted"), ("new", "stored"), ("new", "evicted")}


async def test_fractional_max_entries_keeps_the_ceiling(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with AsyncSharedContext(nats_server.url, "frac", max_entries=1.5) as ctx:
        for key in ("one", "two", "three"):
            await ctx.put(key, f"{key} " * 10)
        assert await ctx.keys() == ["two", "three"]


def test_sync_client_ttl_zero(process_stack: str) -> None:
    with SharedContext(servers=process_stack, namespace="sync-ttl0", ttl=0) as ctx:
        ctx.put("k", "value")
        assert ctx.get("k") is None
        assert ctx.get_entry("k") is None
        assert ctx.keys() == []
    with SharedContext(servers=process_stack, namespace="sync-budget") as ctx:
        entry = ctx.put("k", "line of a report with 42 numbers and 7 names.\n" * 200)
        fitted = ctx.get_fitted("k", entry.compressed_tokens // 2)
        assert fitted is not None and fitted.tokens <= entry.compressed_tokens // 2
        assert ctx.get("k", max_tokens=entry.compressed_tokens // 2) == fitted.text
