"""Request ids: a request sent again is applied once, by the same keeper or a new one; a
client whose keeper vanished sends its request again once a keeper serves."""

from __future__ import annotations

import asyncio
import time

import msgpack
import nats.errors
import pytest

from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer, UnsupportedVersion, connect
from bus.messages import (
    ClearReply,
    ContextEntry,
    DeleteReply,
    EntryReply,
    KeyRequest,
    KeysReply,
    NamespaceRequest,
    PutRequest,
    decode_reply,
    encode,
)
from bus.store import ensure_entry_store, record_key
from bus.subjects import KEEPER_PING, request_subject
from tests.conftest import FAST_QUEUE, wait_until

pytestmark = pytest.mark.anyio


async def _entry(nc: object, namespace: str, payload: bytes) -> EntryReply:
    msg = await nc.request(request_subject(namespace, "put"), payload, timeout=10)  # type: ignore[attr-defined]
    return decode_reply(msg.data, msg.headers, EntryReply)


async def test_a_version_2_request_is_refused(nats_server: EmbeddedServer, keeper: object) -> None:
    nc = await connect(nats_server.url)
    try:
        old = msgpack.packb({"v": 2, "t": "put", "key": "k", "content": "text"})
        msg = await nc.request(request_subject("default", "put"), old, timeout=5)
        with pytest.raises(UnsupportedVersion, match="upgrade the sender"):
            decode_reply(msg.data, msg.headers, EntryReply)
    finally:
        await nc.close()


async def test_a_put_sent_again_is_applied_once(
    nats_server: EmbeddedServer, keeper: ContextKeeper, worker: object
) -> None:
    nc = await connect(nats_server.url)
    async with AsyncSharedContext(nats_server.url, "once") as ctx, ctx.watch() as events:
        try:
            await ctx.put("old", "the oldest entry " * 5)
            assert (await events.get(5)).kind == "stored"
            put = PutRequest(key="k", content="payload " * 40, model="m")
            frame = encode(put)
            # Two copies at once (the second attaches to the first), then one more later.
            first, second = await asyncio.gather(
                _entry(nc, "once", frame), _entry(nc, "once", frame)
            )
            await ctx.put("between", "put between the copies " * 5)
            third = await _entry(nc, "once", frame)
            assert first.entry is not None and second.entry is not None
            assert third.entry is not None
            assert first.entry.timestamp == second.entry.timestamp == third.entry.timestamp
            assert first.entry.request_id == put.request_id
            # Applied again, "k" would be the newest entry, with a new timestamp.
            assert await ctx.keys() == ["old", "k", "between"]
            kinds = [(await events.get(5)) for _ in range(2)]
            assert [(e.key, e.kind) for e in kinds] == [("k", "stored"), ("between", "stored")]
            assert events.get_nowait() is None  # the copies stored nothing more

            # delete and clear too: a copy is answered as the first was, nothing redone.
            delete = encode(KeyRequest(key="k"))
            for _ in range(2):
                msg = await nc.request(request_subject("once", "delete"), delete, timeout=5)
                assert decode_reply(msg.data, msg.headers, DeleteReply).deleted is True
            clear = encode(NamespaceRequest())
            msg = await nc.request(request_subject("once", "clear"), clear, timeout=5)
            assert decode_reply(msg.data, msg.headers, ClearReply).cleared == 2
            await ctx.put("after", "put after the clear " * 5)
            msg = await nc.request(request_subject("once", "clear"), clear, timeout=5)
            assert decode_reply(msg.data, msg.headers, ClearReply).cleared == 2
            assert await ctx.keys() == ["after"]  # the copy of the clear removed nothing
        finally:
            await nc.close()


async def test_a_new_keeper_recognises_a_put_stored_before(
    nats_server: EmbeddedServer, worker: object
) -> None:
    url = nats_server.url
    nc = await connect(url)
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE)
    await first.start()
    try:
        put = PutRequest(key="k", content="stored before the restart " * 5, model="m")
        frame = encode(put)
        stored = (await _entry(nc, "default", frame)).entry
        await first.stop()
        second = ContextKeeper("second", servers=url, settings=FAST_QUEUE)
        await second.start()
        try:
            async with AsyncSharedContext(url) as ctx, ctx.watch() as events:
                await ctx.wait_for_keeper(10)
                again = (await _entry(nc, "default", frame)).entry
                assert stored is not None and again is not None
                assert again.timestamp == stored.timestamp  # the same put, not a new one
                assert await ctx.keys() == ["k"]
                assert events.get_nowait() is None  # nothing was stored again
        finally:
            await second.stop()
    finally:
        await nc.close()


async def test_a_delete_and_a_clear_sent_again_to_the_next_keeper_answer_as_applied(
    nats_server: EmbeddedServer, worker: object
) -> None:
    """The serving keeper applies a delete and a clear, then dies before its replies
    reach the client: the standby that takes over answers the copies as the first keeper
    would have (True; the count cleared), from the request named in each delete marker,
    not "nothing to delete"; a new delete of the same key is answered False. A clear the
    first keeper left halfway is finished by the copy, which answers the sum."""
    url = nats_server.url
    nc = await connect(url)
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE)
    await first.start()
    second = ContextKeeper("second", servers=url, settings=FAST_QUEUE)
    await second.start()  # stands by, following the bucket
    try:
        async with (
            AsyncSharedContext(url, "moved") as ctx,
            AsyncSharedContext(url, "wiped") as wiped,
            AsyncSharedContext(url, "half") as half,
        ):
            for key in ("k", "a", "b"):
                await ctx.put(key, f"entry {key} " * 20)
            for key in ("x", "y"):
                await wiped.put(key, f"entry {key} " * 20)
                await half.put(key, f"entry {key} " * 20)
            delete = encode(KeyRequest(key="k"))
            clear = encode(NamespaceRequest())
            msg = await nc.request(request_subject("moved", "delete"), delete, timeout=5)
            assert decode_reply(msg.data, msg.headers, DeleteReply).deleted is True
            msg = await nc.request(request_subject("wiped", "clear"), clear, timeout=5)
            assert decode_reply(msg.data, msg.headers, ClearReply).cleared == 2
            # A clear of "half" that removed "x", then its keeper died.
            halfway = NamespaceRequest()
            x = first._store.get("half", "x")
            assert x is not None
            assert await first._remove(
                x, "deleted", claimed=False, removed_by=f"clear:{halfway.request_id}"
            )

            await first._abort()  # gone like a SIGKILL
            assert await ctx.wait_for_keeper(10) == "second"
            msg = await nc.request(request_subject("moved", "delete"), delete, timeout=5)
            assert decode_reply(msg.data, msg.headers, DeleteReply).deleted is True
            msg = await nc.request(request_subject("wiped", "clear"), clear, timeout=5)
            assert decode_reply(msg.data, msg.headers, ClearReply).cleared == 2
            msg = await nc.request(request_subject("half", "clear"), encode(halfway), timeout=5)
            assert decode_reply(msg.data, msg.headers, ClearReply).cleared == 2  # x, then y
            assert await half.keys() == []
            # A new request (a new id) sees what is there now.
            again = encode(KeyRequest(key="k"))
            msg = await nc.request(request_subject("moved", "delete"), again, timeout=5)
            assert decode_reply(msg.data, msg.headers, DeleteReply).deleted is False
            assert await ctx.keys() == ["a", "b"]
            assert await wiped.keys() == []
    finally:
        await second.stop()
        await nc.close()


async def test_a_client_sends_again_when_its_keeper_vanishes(
    nats_server: EmbeddedServer,
) -> None:
    """The keeper dies holding a put (no reply will come): the client sends it again once
    a new keeper serves, and it is stored once."""
    url = nats_server.url
    first = ContextKeeper("first", servers=url, settings=FAST_QUEUE)
    await first.start()
    async with AsyncSharedContext(url, "vanish", put_timeout=30) as ctx:
        put = asyncio.create_task(ctx.put("k", "waits for a worker that is not there " * 5))
        # No worker yet: the put waits in the keeper for its compression.
        await wait_until(lambda: bool(first._pending), what="the first keeper holding the put")
        await first._abort()  # gone without a word, like a SIGKILL: no reply, no release
        second = ContextKeeper("second", servers=url, settings=FAST_QUEUE)
        worker = CompressionWorker("w", servers=url, settings=FAST_QUEUE)
        await second.start()
        await worker.start()
        try:
            entry = await asyncio.wait_for(put, 20)
            assert entry.original == "waits for a worker that is not there " * 5
            assert await ctx.keys() == ["k"]
            assert ctx.statistics().retries >= 1
            assert ctx.statistics().errors == 0
        finally:
            await worker.stop()
            await second.stop()


async def test_a_keeper_answers_ping_only_once_it_serves(
    nats_server: EmbeddedServer,
) -> None:
    """The readiness ping is answered only when every operation is: a restore that takes a
    while (2,000 records) is never mistaken for readiness. Raw requests, no client retry."""
    url = nats_server.url
    nc = await connect(url)
    try:
        kv = await ensure_entry_store(nc.jetstream())
        for i in range(2000):
            entry = ContextEntry(
                key=f"k{i}",
                original="o",
                compressed="c",
                original_tokens=1,
                compressed_tokens=1,
                agent=None,
                timestamp=time.time(),
                transforms=[],
                namespace="ready",
            )
            await kv.put(record_key("ready", entry.key), encode(entry))
        for round_ in range(2):
            keeper = ContextKeeper(f"keeper-{round_}", servers=url, settings=FAST_QUEUE)
            starting = asyncio.create_task(keeper.start())
            try:
                while True:  # ping as fast as a client would
                    try:
                        await nc.request(KEEPER_PING, b"", timeout=1)
                        break
                    except nats.errors.NoRespondersError:
                        assert not starting.done() or starting.exception() is None
                        await asyncio.sleep(0.005)
                assert not starting.done() or starting.exception() is None
                # Answered the ping: it serves, at once.
                msg = await nc.request(
                    request_subject("ready", "keys"), encode(NamespaceRequest()), timeout=5
                )
                assert len(decode_reply(msg.data, msg.headers, KeysReply).keys) == 2000
                await starting
                async with AsyncSharedContext(url, "ready") as ctx:
                    await ctx.wait_for_keeper(5)
                    assert len(await ctx.keys()) == 2000
            finally:
                await starting
                await keeper.stop()
    finally:
        await nc.close()
