"""Serving just the omitted part of an entry, by the id its marker names."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

import transforms
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer, OmissionNotFound

pytestmark = pytest.mark.anyio

TEXT = "keep this.\n" + "".join(f"drop line {i}\n" for i in range(50)) + "keep that.\n"


def _drop_middle(
    text: str, model: str = "", content_type: str | None = None
) -> transforms.CompressResult:
    start = text.index("drop line 0")
    end = text.index("keep that.")
    marker = "[... 50 lines omitted: id=o1 ...]\n"
    compressed = text[:start] + marker + text[end:]
    return transforms.CompressResult(
        compressed=compressed,
        original_tokens=len(text.split()),
        compressed_tokens=len(compressed.split()),
        transforms=("drop",),
        content_type="text",
        model=model,
        token_counts_exact=False,
        omitted=(transforms.Omission("o1", "lines", ((start, end),), 50, "50 lines"),),
        original=text,
    )


@pytest.fixture
async def dropping_worker(nats_server: EmbeddedServer) -> AsyncIterator[CompressionWorker]:
    w = CompressionWorker("dropper", servers=nats_server.url, compress_fn=_drop_middle)
    await w.start()
    yield w
    await w.stop()


async def test_get_omitted_part(
    nats_server: EmbeddedServer, keeper: object, dropping_worker: object
) -> None:
    async with AsyncSharedContext(nats_server.url) as ctx:
        entry = await ctx.put("doc", TEXT)
        assert "id=o1" in entry.compressed
        assert [o.id for o in entry.omitted] == ["o1"]
        part = await ctx.get_omitted("doc", "o1")
        assert part == "".join(f"drop line {i}\n" for i in range(50))
        with pytest.raises(OmissionNotFound):
            await ctx.get_omitted("doc", "o9")
        assert await ctx.get_omitted("missing", "o1") is None
