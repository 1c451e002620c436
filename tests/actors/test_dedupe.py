"""Cross-entry dedupe: a put that repeats an earlier entry sends only the new part."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from nats.aio.msg import Msg

from bus import AsyncSharedContext, BaseMismatch, EmbeddedServer, ValidationError, connect
from bus._dedupe import SentMemory, common_prefix, common_suffix, sha256
from bus.messages import CompressionJob, EntryReply, PutRequest, decode
from bus.messages import new_request_id as new_id
from transforms import MARKER_RE, compress

pytestmark = pytest.mark.anyio


def _log(start: int, stop: int) -> str:
    return "".join(
        f"2026-11-24T10:{i // 60 % 60:02d}:{i % 60:02d}Z INFO worker-{i % 7} handled job "
        f"id=j-{i:06d} ms={i * 37 % 900}\n"
        + (
            f"2026-11-24T10:{i // 60 % 60:02d}:{i % 60:02d}Z ERROR disk quota at {i}%\n"
            if i % 97 == 0
            else ""
        )
        for i in range(start, stop)
    )


@asynccontextmanager
async def _bytes_by_subject(url: str) -> AsyncIterator[dict[str, int]]:
    """Payload bytes seen on the put and job subjects while the block runs."""
    seen: dict[str, int] = defaultdict(int)
    nc = await connect(url, name="monitor")

    async def count(msg: Msg) -> None:
        seen[msg.subject.split(".")[1]] += len(msg.data)
        if msg.subject.startswith("ctxbus.job."):
            seen["job_content"] += len(decode(msg.data, CompressionJob).content)

    sub = await nc.subscribe("ctxbus.>", cb=count)
    await nc.flush()
    try:
        yield seen
    finally:
        # Drained, not unsubscribed: a flush only has every message of the block queued, and
        # their callbacks may not have run yet (on a loaded machine a count was once 0).
        await sub.drain()
        await nc.close()


def _check_complete(entry_original: str, compressed: str, omitted: list) -> None:  # type: ignore[type-arg]
    """Every marker names a recorded omission once, and every omission lies in the text."""
    ids = [m.group(2) for m in MARKER_RE.finditer(compressed)]
    assert len(ids) == len(set(ids))
    assert set(ids) == {o.id for o in omitted}
    for omission in omitted:
        for start, end in omission.spans:
            assert 0 <= start < end <= len(entry_original)


async def test_a_growing_log_sends_and_compresses_only_the_new_lines(
    ctx: AsyncSharedContext, nats_server: EmbeddedServer
) -> None:
    first, grown = _log(0, 1500), _log(0, 1500) + _log(1500, 1800)
    base = await ctx.put("log", first)
    async with _bytes_by_subject(nats_server.url) as seen:
        entry = await ctx.put("log", grown)
    assert seen["req"] < len(grown) / 3  # the put carried the new lines, not the log
    assert 0 < seen["job_content"] <= len(grown) - len(first)  # so did the job
    assert await ctx.get("log", full=True) == grown
    stored = await ctx.get_entry("log")
    assert stored is not None and stored.compressed == entry.compressed
    assert entry.compressed.startswith(base.compressed)  # the base's compression reused
    assert "appended" in entry.transforms
    _check_complete(grown, entry.compressed, stored.omitted)
    # An omission of the appended part names its text in the whole original.
    moved = [o for o in stored.omitted if o.spans[0][0] >= len(first)]
    assert moved
    part = await ctx.get_omitted("log", moved[0].id)
    assert part == "".join(grown[s:e] for s, e in moved[0].spans) and part in grown[len(first) :]
    assert entry.original_tokens == pytest.approx(compress(grown).original_tokens, abs=3)


async def test_an_edited_document_sends_only_the_edit(
    ctx: AsyncSharedContext, nats_server: EmbeddedServer
) -> None:
    sections = [
        f"## Section {i}\n\n" + f"Paragraph {i} explains step {i} in detail. " * 30
        for i in range(12)
    ]
    before = "# Report\n\n" + "\n\n".join(sections) + "\n"
    after = before.replace(
        "## Section 6\n", "## Section 5b\n\nA new finding: 42 hosts.\n\n## Section 6\n"
    )
    await ctx.put("report", before)
    async with _bytes_by_subject(nats_server.url) as seen:
        entry = await ctx.put("report", after)
    assert seen["req"] < len(after) / 10
    assert await ctx.get("report", full=True) == after
    assert entry.compressed == compress(after).compressed  # compressed whole: an insert


async def test_a_changed_base_falls_back_to_a_whole_put(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with (
        AsyncSharedContext(nats_server.url, "fallback") as a,
        AsyncSharedContext(nats_server.url, "fallback") as b,
    ):
        await a.put("log", _log(0, 400))
        await b.put("log", "someone else's text\n" * 5)  # a does not know
        grown = _log(0, 400) + _log(400, 450)
        entry = await a.put("log", grown)
        assert await a.get("log", full=True) == grown
        assert "appended" not in entry.transforms


async def test_base_mismatch_and_bad_deltas_are_typed_errors(ctx: AsyncSharedContext) -> None:
    text = _log(0, 300)
    await ctx.put("log", text)
    good = PutRequest(
        key="new",
        content="tail\n",
        model=ctx.model,
        base_key="log",
        base_sha256=sha256(text),
        keep_head=len(text),
        content_sha256=sha256(text + "tail\n"),
    )
    for request, error in (
        (dataclasses.replace(good, base_sha256="0" * 64), BaseMismatch),
        (dataclasses.replace(good, base_key="missing"), BaseMismatch),
        (dataclasses.replace(good, keep_head=len(text) + 5), ValidationError),
        (dataclasses.replace(good, content_sha256="f" * 64), ValidationError),
    ):
        # Each is another request: a copy of one request id would get the first's answer.
        with pytest.raises(error):
            await ctx._request("put", dataclasses.replace(request, request_id=new_id()), EntryReply)
    reply = await ctx._request("put", good, EntryReply)
    assert reply.entry is not None and await ctx.get("new", full=True) == text + "tail\n"


async def test_dedupe_off_sends_everything(
    nats_server: EmbeddedServer, keeper: object, worker: object
) -> None:
    async with AsyncSharedContext(nats_server.url, "plain", dedupe=False) as ctx:
        await ctx.put("log", _log(0, 500))
        grown = _log(0, 600)
        async with _bytes_by_subject(nats_server.url) as seen:
            await ctx.put("log", grown)
        assert seen["req"] > len(grown)


def test_delta_choice() -> None:
    assert common_prefix("abcdef", "abcxyz") == 3
    assert common_suffix("xxdef", "yydef", 10) == 3
    assert common_suffix("abc", "abc", 1) == 1
    memory = SentMemory(max_chars=100_000)
    base = "line\n" * 2000
    memory.remember("a", base)
    delta = memory.delta("b", base + "new\n")
    assert delta is not None and delta.base_key == "a"
    assert (delta.keep_head, delta.keep_tail, delta.middle) == (len(base), 0, "new\n")
    assert memory.delta("c", "short text") is None  # too little shared to pay
    assert memory.delta("d", "x" * 10_000) is None
    memory.forget("a")
    assert memory.delta("b", base + "new\n") is None
    memory.remember("big", "y" * 200_000)  # larger than the memory: not kept
    assert memory.delta("e", "y" * 200_000) is None
