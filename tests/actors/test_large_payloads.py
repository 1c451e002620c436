"""Large payloads: up to 64 MB per put through the object store (claim check)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import msgpack
import pytest
from nats.js.errors import NotFoundError

import transforms
from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import (
    AsyncSharedContext,
    BlobMissing,
    EmbeddedServer,
    PayloadTooLarge,
    SharedContext,
)
from bus.blobs import BLOBS_STREAM, DEFAULT_MAX_PUT_BYTES, INLINE_MAX_BYTES, delete_blob
from bus.messages import SCHEMA_VERSION
from bus.subjects import blobs_bucket, request_subject
from tests.conftest import FAST_QUEUE

pytestmark = pytest.mark.anyio

MIB = 1024 * 1024


def kept(text: str) -> str:
    """What :func:`halve` keeps: half, at most 2 MiB (still large enough for the store)."""
    return text[: min(len(text) // 2, 2 * MIB)]


def halve(
    text: str, model: str = transforms.DEFAULT_MODEL, content_type: str | None = None
) -> transforms.CompressResult:
    """A compressor as cheap as can be (the real one needs a minute for 64 MB): keeps the
    first half (at most 2 MiB), so the compressed form of a large text is large too."""
    half = kept(text)
    return transforms.CompressResult(
        compressed=half,
        original_tokens=len(text) // 4 + 1,
        compressed_tokens=len(half) // 4,
        transforms=("halve",),
        content_type="text",
        model=model,
        token_counts_exact=False,
        original=text,
    )


def text_of(size: int) -> str:
    """``size`` bytes of UTF-8 with multi-byte characters throughout."""
    block = "".join(f"{i:06d} naïve café ✓ ünïcödé line of the big payload\n" for i in range(100))
    data = block.encode() * (size // len(block.encode()) + 1)
    cut = data[:size]
    while True:  # do not split a character
        try:
            text = cut.decode()
            break
        except UnicodeDecodeError:
            cut = cut[:-1]
    return text + "x" * (size - len(cut))


def blobs_stream(ctx: AsyncSharedContext) -> str:
    """The stream of the client's namespace's blob bucket (one bucket per namespace)."""
    return f"OBJ_{blobs_bucket(ctx.namespace)}"


async def blob_objects(ctx: AsyncSharedContext) -> int:
    """How many objects the blob store holds (chunk and metadata subjects)."""
    info = await ctx.nc.jetstream().stream_info(blobs_stream(ctx), subjects_filter="$O.>")
    return len([s for s, n in (info.state.subjects or {}).items() if n and ".M." in s])


async def blob_bytes(ctx: AsyncSharedContext) -> int:
    try:
        info = await ctx.nc.jetstream().stream_info(blobs_stream(ctx))
    except NotFoundError:
        return 0  # nothing was ever uploaded in this namespace
    return info.state.bytes


@pytest.fixture
async def halving_worker(nats_server: EmbeddedServer) -> AsyncIterator[CompressionWorker]:
    w = CompressionWorker(
        "halving", servers=nats_server.url, settings=FAST_QUEUE, compress_fn=halve
    )
    await w.start()
    yield w
    await w.stop()


@pytest.fixture
async def big(
    nats_server: EmbeddedServer, keeper: ContextKeeper, halving_worker: CompressionWorker
) -> AsyncIterator[AsyncSharedContext]:
    async with AsyncSharedContext(nats_server.url, put_timeout=120, timeout=60) as client:
        yield client


async def test_64_mb_put_and_get_byte_exact(big: AsyncSharedContext) -> None:
    text = text_of(64 * MIB)
    assert len(text.encode()) == 64 * MIB == DEFAULT_MAX_PUT_BYTES
    seen: list[tuple[int, int]] = []
    entry = await big.put("big", text, progress=lambda done, total: seen.append((done, total)))
    assert entry.original == text
    assert entry.compressed == kept(text)
    # Both texts went through the object store, once each.
    assert entry.original_ref is not None and entry.original_ref.size == 64 * MIB
    assert entry.compressed_ref is not None
    assert seen[-1] == (64 * MIB, 64 * MIB) and len(seen) > 1
    got: list[tuple[int, int]] = []
    assert await big.get("big", full=True, progress=lambda d, t: got.append((d, t))) == text
    assert got[-1] == (64 * MIB, 64 * MIB)
    assert await big.get("big") == kept(text)
    full = await big.get_entry("big")
    assert full is not None
    assert full.original == text
    assert full.compressed == entry.compressed
    assert full.original_tokens == entry.original_tokens
    assert await blob_objects(big) == 2
    assert await big.delete("big")
    assert await blob_objects(big) == 0
    assert await blob_bytes(big) == 0


async def test_over_the_limit_is_refused_before_anything_is_uploaded(
    big: AsyncSharedContext,
) -> None:
    await big.put("small", "fits")
    before = big.statistics().requests
    with pytest.raises(PayloadTooLarge, match=f"allows {64 * MIB} bytes per put"):
        await big.put("huge", "y" * (65 * MIB))
    assert big.statistics().requests == before
    assert await blob_bytes(big) == 0
    # The limit is the client's to choose; UTF-8 bytes count, not characters.
    async with AsyncSharedContext(big.servers, max_put_bytes=MIB) as small:
        with pytest.raises(PayloadTooLarge, match="max_put_bytes"):
            await small.put("huge", "é" * (MIB // 2 + 1))
        assert (await small.put("ok", "é" * (MIB // 2))).original == "é" * (MIB // 2)
    assert await big.keys() == ["small", "ok"] or sorted(await big.keys()) == ["ok", "small"]
    with pytest.raises(ValueError):
        AsyncSharedContext(big.servers, max_put_bytes=0)


async def test_objects_go_with_their_entries(
    big: AsyncSharedContext, keeper: ContextKeeper
) -> None:
    size = 2 * INLINE_MAX_BYTES + 1000
    await big.put("a", text_of(size))
    assert await blob_objects(big) == 2  # original and (half as long, still large) compressed
    # Overwritten: the old texts go, the new ones stay.
    await big.put("a", text_of(size)[::-1])
    assert await blob_objects(big) == 2
    assert await big.get("a", full=True) == text_of(size)[::-1]
    # Evicted (max_entries 1): the evicted entry's texts go.
    async with AsyncSharedContext(big.servers, max_entries=1, put_timeout=60) as one:
        await one.put("b", "z" * (size * 3))
        assert await big.keys() == ["b"]
        assert await blob_objects(big) == 2
    # Deleted, cleared, expired: gone too.
    assert await big.delete("b")
    assert await blob_objects(big) == 0
    await big.put("c", text_of(size))
    assert await big.clear() == 1
    assert await blob_objects(big) == 0
    await big.put("d", text_of(size), ttl=0.3)
    deadline = time.monotonic() + 10
    while await blob_objects(big):
        assert time.monotonic() < deadline, "expired entry's objects still there"
        await big.get("d")  # reads also expire
    assert await big.get("d") is None
    # A client that keeps nothing (max_entries 0) still gets the compressed text of its
    # put (its object outlives the entry for read_hold seconds), then nothing stays.
    keeper.read_hold = 0.5
    async with AsyncSharedContext(big.servers, max_entries=0, put_timeout=60) as none:
        entry = await none.put("e", text_of(size))
        assert entry.compressed == kept(text_of(size))
    deadline = time.monotonic() + 10
    while await blob_objects(big):
        assert time.monotonic() < deadline, "objects of an entry not kept still there"
        await asyncio.sleep(0.05)


async def test_same_large_payload_under_two_keys(big: AsyncSharedContext) -> None:
    text = text_of(INLINE_MAX_BYTES * 2)
    await big.put("one", text)
    await big.put("two", text)
    assert await big.delete("one")
    # "two" still reads both of its texts.
    assert await big.get("two", full=True) == text
    assert await big.get("two") == kept(text)


async def test_a_large_real_compression_and_its_omitted_parts(
    ctx: AsyncSharedContext,
) -> None:
    """The real worker on a 600 KB log: the original travels by reference, the omitted
    parts are cut from it on the reading side."""
    line = "2026-01-01T00:00:{:02d}Z INFO request {} served in {} ms by node {}\n"
    text = "".join(line.format(i % 60, i, i % 97, i % 3) for i in range(9_000))
    assert len(text) > INLINE_MAX_BYTES
    entry = await ctx.put("log", text)
    assert entry.original_ref is not None
    assert entry.compressed_tokens < entry.original_tokens
    assert set(entry.tokens_by_family) == {"claude", "gemini", "openai"}
    assert await ctx.get("log", full=True) == text
    assert entry.omitted, "the log compressor should have left something out"
    for omission in entry.omitted:
        part = await ctx.get_omitted("log", omission.id)
        assert part == "".join(text[s:e] for s, e in omission.spans)
    # Budgeted reads: the keeper reads the large original for its ladder; a reply that
    # serves the original whole points at the object store.
    roomy = await ctx.get_fitted("log", 10**9)
    assert roomy is not None and roomy.level == "original" and roomy.text == text
    tight = await ctx.get_fitted("log", entry.compressed_tokens)
    assert tight is not None and tight.level != "original"
    assert tight.tokens <= entry.compressed_tokens and tight.text


async def test_a_missing_blob_is_a_clear_error(big: AsyncSharedContext) -> None:
    text = text_of(INLINE_MAX_BYTES * 2)
    entry = await big.put("k", text)
    assert entry.original_ref is not None
    # Removed behind the keeper's back: readers get BlobMissing, not garbage or a hang.
    js = big.nc.jetstream()
    await delete_blob(js, await js.object_store(entry.original_ref.bucket), entry.original_ref.name)
    with pytest.raises(BlobMissing, match="gone"):
        await big.get("k", full=True)
    with pytest.raises(BlobMissing):
        await big.get_entry("k")
    assert await big.get("k") == kept(text)  # the compressed text is intact


async def test_a_put_naming_a_blob_that_does_not_exist_fails_at_once(
    big: AsyncSharedContext,
) -> None:
    await big.put("setup", "x")
    frame = msgpack.packb(
        {
            "v": SCHEMA_VERSION,
            "t": "put",
            "key": "ghost",
            "content": "",
            "original_ref": {
                "bucket": "ctxbus_blobs_default",
                "name": "o/nothing-here",
                "size": 10,
                "digest": "SHA-256=x",
            },
            "timeout": 20.0,
        }
    )
    started = time.monotonic()
    msg = await big.nc.request(request_subject("default", "put"), frame, timeout=20)
    assert msg.headers is not None
    assert "compression_failed" in msg.headers["Nats-Service-Error"]
    assert (
        "blob_missing" in msg.headers["Nats-Service-Error"]
        or "gone" in msg.headers["Nats-Service-Error"]
    )
    assert time.monotonic() - started < 5  # not retried up to max_deliver with backoff
    assert await big.get("ghost") is None
    # An object of another namespace's bucket is refused before anything reads it.
    other = msgpack.unpackb(frame)
    other["original_ref"]["bucket"] = "ctxbus_blobs_other"
    msg = await big.nc.request(request_subject("default", "put"), msgpack.packb(other), timeout=5)
    assert msg.headers is not None
    assert "invalid" in msg.headers["Nats-Service-Error"]
    assert "ctxbus_blobs_default" in msg.headers["Nats-Service-Error"]


async def test_a_server_with_small_frames_carries_large_puts(tmp_path: Path) -> None:
    with EmbeddedServer(data_dir=tmp_path / "n", max_payload=128 * 1024) as server:
        keeper = ContextKeeper(servers=server.url, settings=FAST_QUEUE)
        worker = CompressionWorker(servers=server.url, settings=FAST_QUEUE, compress_fn=halve)
        await keeper.start()
        await worker.start()
        try:
            async with AsyncSharedContext(server.url, put_timeout=30) as ctx:
                text = text_of(MIB)
                entry = await ctx.put("k", text)
                assert entry.original_ref is not None
                assert await ctx.get("k", full=True) == text
                got = await ctx.get_entry("k")
                assert got is not None and got.compressed == kept(text)
        finally:
            await worker.stop()
            await keeper.stop()


async def test_sync_client_large_put_with_progress(big: AsyncSharedContext) -> None:
    text = text_of(3 * MIB)
    seen: list[int] = []

    def use_sync_client() -> None:
        with SharedContext(big.servers, put_timeout=60) as ctx:
            entry = ctx.put("sync", text, progress=lambda done, total: seen.append(done))
            assert entry.original_ref is not None
            assert ctx.get("sync", full=True) == text
            got = ctx.get_entry("sync")
            assert got is not None and got.original == text

    # In a thread: the keeper and worker of this test run on the test's event loop.
    await anyio.to_thread.run_sync(use_sync_client)
    assert seen[-1] == len(text.encode())


async def test_large_put_without_keeper_is_no_keeper(nats_server: EmbeddedServer) -> None:
    """Before any keeper ran, a large put cannot go anywhere: NoKeeper, and its upload
    (into the namespace's bucket, which the first writer creates) is dropped again."""
    from bus import NoKeeper

    async with AsyncSharedContext(nats_server.url, timeout=1) as ctx:
        with pytest.raises(NoKeeper):
            await ctx.put("k", text_of(INLINE_MAX_BYTES + 1))
        assert await blob_objects(ctx) == 0
        with pytest.raises(NotFoundError):  # the bucket of earlier versions is not made
            await ctx.nc.jetstream().stream_info(BLOBS_STREAM)


def test_cli_shows_progress_for_large_texts(process_stack: str, tmp_path: Path) -> None:
    from tests.conftest import run_ctxbus

    text = text_of(INLINE_MAX_BYTES * 2) + "\n"  # the CLI ends what it prints with one
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode())
    url = process_stack
    put = run_ctxbus("put", "big", str(path), "--servers", url, "--progress")
    assert put.returncode == 0, put.stderr
    assert "uploading big:" in put.stderr and "(100%)" in put.stderr
    got = run_ctxbus("get", "big", "--full", "--servers", url, "--progress")
    assert got.returncode == 0, got.stderr
    assert got.stdout == text
    assert "reading big:" in got.stderr and "(100%)" in got.stderr
    # Not a terminal and not asked for: stderr stays quiet.
    quiet = run_ctxbus("get", "big", "--full", "--servers", url)
    assert quiet.stdout == text and "reading" not in quiet.stderr


async def test_a_starting_keeper_removes_orphaned_objects(
    nats_server: EmbeddedServer, halving_worker: CompressionWorker
) -> None:
    from bus.blobs import upload
    from tests.conftest import wait_until

    url = nats_server.url
    first = ContextKeeper(servers=url, settings=FAST_QUEUE)
    await first.start()
    async with AsyncSharedContext(url, put_timeout=60) as ctx:
        text = text_of(2 * INLINE_MAX_BYTES + 1000)
        await ctx.put("kept", text)
        js = ctx.nc.jetstream()
        # What a client that crashed after its upload leaves behind.
        await upload(
            await js.object_store(blobs_bucket(ctx.namespace)),
            b"nobody refers to this",
            prefix="o",
            max_payload=ctx.nc.max_payload,
        )
        assert await blob_objects(ctx) == 3
        await first.stop()
        second = ContextKeeper(servers=url, settings=FAST_QUEUE, blob_grace=0.0)
        await second.start()
        try:

            async def only_live_ones() -> bool:
                return await blob_objects(ctx) == 2

            await wait_until(only_live_ones, what="the orphaned object removed")
            assert await ctx.get("kept", full=True) == text
            assert await ctx.get("kept") == kept(text)
        finally:
            await second.stop()
