"""``get(key, max_tokens=N, model=M)``: the most faithful form within N tokens of M's family."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bus import AsyncSharedContext, ValidationError
from tests.conftest import run_ctxbus
from transforms import count_tokens

pytestmark = pytest.mark.anyio

LOG = (Path(__file__).parents[2] / "bench" / "corpus" / "log" / "apt-history.log").read_text()


@pytest.mark.parametrize("model", ["claude-sonnet-4-5-20250929", "gemini-2.5-pro", "gpt-4o"])
async def test_budgets_are_never_exceeded_and_the_level_is_reported(
    ctx: AsyncSharedContext, model: str
) -> None:
    entry = await ctx.put("log", LOG)
    original = count_tokens(LOG, model, entry.content_type).tokens
    # The standard compression's own size is one budget: it must be served as "compressed".
    assert entry.compressed is not None
    compressed = count_tokens(entry.compressed, model, entry.content_type).tokens
    levels = []
    for budget in sorted({original * p // 100 for p in (5, 10, 25, 50, 100)} | {compressed}):
        fitted = await ctx.get_fitted("log", budget, model=model)
        assert fitted is not None and fitted.text is not None
        assert count_tokens(fitted.text, model, entry.content_type).tokens == fitted.tokens
        assert fitted.tokens <= budget
        assert fitted.original_tokens == original and fitted.model == model
        assert await ctx.get("log", max_tokens=budget, model=model) == fitted.text
        levels.append(fitted.level)
    assert levels[-1] == "original" and "compressed" in levels
    assert levels[0] in ("fewer_examples", "outline", "cut")


async def test_default_model_is_the_clients_and_no_budget_is_compressed(
    ctx: AsyncSharedContext,
) -> None:
    entry = await ctx.put("log", LOG)
    fitted = await ctx.get_fitted("log")
    assert fitted is not None
    assert (fitted.level, fitted.text, fitted.model) == ("compressed", entry.compressed, ctx.model)
    assert fitted.tokens == entry.compressed_tokens and not fitted.exact
    assert fitted.tokens_saved == entry.original_tokens - entry.compressed_tokens


async def test_missing_key_and_bad_budget(ctx: AsyncSharedContext) -> None:
    assert await ctx.get_fitted("nope", 100) is None
    assert await ctx.get("nope", max_tokens=100) is None
    before = ctx.statistics().requests
    for bad in (-1, 2.5, "9"):
        with pytest.raises(ValidationError, match="max_tokens"):
            await ctx.get_fitted("nope", bad)  # type: ignore[arg-type]
    assert ctx.statistics().requests == before  # refused before sending


async def test_cli_get_max_tokens(ctx: AsyncSharedContext, nats_server: object) -> None:
    await ctx.put("log", LOG)
    url = ctx.servers
    assert isinstance(url, str)
    done = await asyncio.to_thread(
        run_ctxbus, "get", "log", "--servers", url, "--max-tokens", "300", "--model", "gpt-4o"
    )
    assert done.returncode == 0, done.stderr
    assert count_tokens(done.stdout.rstrip("\n"), "gpt-4o", "log").tokens <= 300
    assert "of" in done.stderr and "tokens (gpt-4o)" in done.stderr
    as_json = await asyncio.to_thread(
        run_ctxbus, "get", "log", "--servers", url, "--max-tokens", "300", "--json"
    )
    data = json.loads(as_json.stdout)
    assert data["key"] == "log" and data["tokens"] <= 300 and data["level"]
