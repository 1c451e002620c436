"""Revisions, compare-and-set puts and watches that resume (issue 11)."""

from __future__ import annotations

import asyncio

import pytest

from bus import (
    AsyncSharedContext,
    ChangeEvent,
    RevisionGone,
    RevisionMismatch,
    SharedContext,
    ValidationError,
)
from bus.subjects import EVENTS_STREAM
from tests.conftest import run_ctxbus

pytestmark = pytest.mark.anyio

WRITERS = 20


async def test_concurrent_writers_one_wins_per_revision(ctx: AsyncSharedContext) -> None:
    # Only if absent: of 20 creators exactly one stores.
    outcomes = await asyncio.gather(
        *(ctx.put("doc", f"draft by writer {w} " * 3, if_revision=0) for w in range(WRITERS)),
        return_exceptions=True,
    )
    won = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(won) == 1
    assert all(isinstance(o, RevisionMismatch) for o in outcomes if o not in won)
    revision = won[0].revision  # type: ignore[union-attr]
    assert revision > 0
    seen = {revision}
    for round_ in range(4):
        outcomes = await asyncio.gather(
            *(
                ctx.put("doc", f"round {round_} by writer {w} " * 3, if_revision=revision)
                for w in range(WRITERS)
            ),
            return_exceptions=True,
        )
        won = [o for o in outcomes if not isinstance(o, BaseException)]
        lost = [o for o in outcomes if isinstance(o, BaseException)]
        assert len(won) == 1, f"round {round_}: {len(won)} writers won revision {revision}"
        assert all(isinstance(o, RevisionMismatch) for o in lost)
        winner = won[0]
        stored = await ctx.get_entry("doc")
        assert stored is not None and stored.revision == winner.revision > revision  # type: ignore[union-attr]
        assert stored.original == winner.original  # type: ignore[union-attr]
        revision = stored.revision
        assert revision not in seen
        seen.add(revision)
    # A stale revision, and "only if absent" on a key that exists, both lose.
    with pytest.raises(RevisionMismatch):
        await ctx.put("doc", "stale", if_revision=min(seen))
    with pytest.raises(RevisionMismatch):
        await ctx.put("doc", "absent?", if_revision=0)
    with pytest.raises(ValidationError):
        await ctx.put("doc", "bad", if_revision=-1)
    # After a delete, "only if absent" wins again.
    assert await ctx.delete("doc")
    again = await ctx.put("doc", "recreated " * 3, if_revision=0)
    assert again.revision > revision


async def test_resumed_watch_misses_no_event(ctx: AsyncSharedContext) -> None:
    small = AsyncSharedContext(nc=ctx.nc, namespace="resume", max_entries=3, dedupe=False)
    full: list[ChangeEvent] = []
    async with small.watch() as everything:
        async with small.watch() as first_part:
            for i in range(4):
                await small.put(f"k{i}", f"text {i} " * 4)  # the 4th evicts k0
            first = [await first_part.get(timeout=5) for _ in range(5)]
        resume_at = first[-1].revision
        # Changes while nobody watches: overwrites, a delete, evictions, a clear, puts.
        await small.put("k1", "k1 again " * 4)
        await small.delete("k2")
        for i in range(4, 7):
            await small.put(f"k{i}", f"text {i} " * 4)
        await small.clear()
        last = await small.put("after", "the last change " * 3)
        async with small.watch(from_revision=resume_at) as resumed:
            replayed: list[ChangeEvent] = []
            while not replayed or replayed[-1].revision != last.revision:
                replayed.append(await resumed.get(timeout=5))
            # It goes on live from there.
            live = await small.put("live", "after the replay " * 3)
            after_replay = await resumed.get(timeout=5)
            assert (after_replay.key, after_replay.revision) == ("live", live.revision)
        while not full or full[-1].revision != live.revision:
            full.append(await everything.get(timeout=5))
    expected = [e for e in full if e.revision > resume_at and e.key != "live"]
    assert [(e.key, e.kind, e.revision) for e in replayed] == [
        (e.key, e.kind, e.revision) for e in expected
    ]
    kinds = {e.kind for e in replayed}
    assert {"stored", "deleted", "evicted"} <= kinds
    revisions = [e.revision for e in full]
    assert revisions == sorted(revisions) and len(set(revisions)) == len(revisions)


def test_sync_client_and_cli_compare_and_set_and_resume(process_stack: str) -> None:
    with SharedContext(process_stack, namespace="sync") as ctx:
        first = ctx.put("k", "one " * 5)
        with pytest.raises(RevisionMismatch) as raised:
            ctx.put("k", "two " * 5, if_revision=first.revision + 100)
        assert raised.value.code == 412
        second = ctx.put("k", "two " * 5, if_revision=first.revision)
        assert second.revision > first.revision
        with ctx.watch("k", timeout=5, from_revision=first.revision) as events:
            event = next(iter(events))
        assert (event.kind, event.revision) == ("stored", second.revision)
    stale = run_ctxbus(
        "put",
        "k",
        "-",
        "--if-revision",
        str(first.revision),
        "--namespace",
        "sync",
        "--servers",
        process_stack,
        input_text="three",
    )
    assert stale.returncode != 0 and "revision_mismatch" in stale.stderr + stale.stdout
    ok = run_ctxbus(
        "put",
        "k",
        "-",
        "--if-revision",
        str(second.revision),
        "--namespace",
        "sync",
        "--servers",
        process_stack,
        input_text="three",
    )
    assert ok.returncode == 0, ok.stderr


async def test_resume_from_a_revision_no_longer_kept(ctx: AsyncSharedContext) -> None:
    js = ctx.nc.jetstream()
    info = await js.stream_info(EVENTS_STREAM)
    config = info.config
    config.max_msgs = 3  # a tiny history: older events are dropped
    await js.update_stream(config)
    first = await ctx.put("h0", "zero " * 4)
    for i in range(1, 6):
        await ctx.put(f"h{i}", f"text {i} " * 4)
    with pytest.raises(RevisionGone):
        async with ctx.watch(from_revision=first.revision):
            pass
    # From a revision the history still covers, the rest is replayed.
    latest = await ctx.get_entry("h4")
    assert latest is not None
    async with ctx.watch(from_revision=latest.revision) as events:
        event = await events.get(timeout=5)
    assert (event.key, event.kind) == ("h5", "stored")
