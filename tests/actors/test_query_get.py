"""``get(key, query=...)``: omitted parts that match the query come back in place."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bus import AsyncSharedContext, TaskInput, ValidationError
from tests.conftest import run_ctxbus
from transforms import count_tokens

pytestmark = pytest.mark.anyio

RELNOTES = (
    Path(__file__).parents[2] / "bench" / "corpus" / "prose" / "git-relnotes-2.36.0.txt"
).read_text()
FACT = "include the value of the limit in the error message"
QUERY = "what does index-pack report when the input size exceeds the maximum?"


def _has_fact(text: str | None) -> bool:
    return text is not None and FACT in " ".join(text.split())


async def test_query_brings_back_the_left_out_fact(ctx: AsyncSharedContext) -> None:
    entry = await ctx.put("notes", RELNOTES)
    assert not _has_fact(await ctx.get("notes"))
    assert _has_fact(await ctx.get("notes", query=QUERY))
    fitted = await ctx.get_fitted("notes", query=QUERY)
    assert fitted is not None and fitted.level == "expanded" and fitted.expanded
    budget = entry.compressed_tokens + 100
    within = await ctx.get_fitted("notes", budget, query=QUERY)
    assert within is not None and within.tokens <= budget and _has_fact(within.text)
    assert count_tokens(within.text or "", ctx.model, entry.content_type).tokens == within.tokens
    with pytest.raises(ValidationError, match="query"):
        await ctx.get_fitted("notes", query=7)  # type: ignore[arg-type]


async def test_cli_get_query(ctx: AsyncSharedContext) -> None:
    await ctx.put("notes", RELNOTES)
    assert isinstance(ctx.servers, str)
    done = await asyncio.to_thread(
        run_ctxbus, "get", "notes", "--servers", ctx.servers, "--query", QUERY
    )
    assert done.returncode == 0, done.stderr
    assert _has_fact(done.stdout) and "expanded" in done.stderr


async def test_agent_passes_its_instruction_as_the_query(
    ctx: AsyncSharedContext, nats_server: object
) -> None:
    from actors.agent import AgentActor
    from actors.backends import OfflineBackend

    assert isinstance(ctx.servers, str)
    agent = AgentActor("reader", OfflineBackend(), servers=ctx.servers)
    await agent.start()
    try:
        entry = await ctx.put("notes", RELNOTES)
        done = await ctx.run_task(
            "reader", QUERY, [TaskInput("notes", query=True)], "answers/index-pack"
        )
        (used,) = done.inputs_used
        assert used.level == "expanded"
        assert used.tokens > entry.compressed_tokens  # the matching part came back
        plain = await ctx.run_task("reader", QUERY, ["notes"], "answers/plain")
        assert plain.inputs_used[0].level == ""
        assert plain.inputs_used[0].tokens == entry.compressed_tokens
    finally:
        await agent.stop()
