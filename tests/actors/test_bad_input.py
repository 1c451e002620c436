"""Bad input gets a clear, typed error, loses nothing, and never kills the keeper."""

from __future__ import annotations

import asyncio

import pytest

from actors.keeper import ContextKeeper
from bus import (
    AsyncSharedContext,
    EmbeddedServer,
    InvalidContent,
    InvalidKey,
    InvalidNamespace,
    MalformedFrame,
    NoKeeper,
    NotConnected,
    PayloadTooLarge,
    RequestTimeout,
    SharedContext,
    UnsupportedVersion,
    ValidationError,
    connect,
)
from bus.messages import (
    ERROR_CODE_HEADER,
    ERROR_HEADER,
    SCHEMA_VERSION,
    ErrorReply,
    KeyRequest,
    decode,
    encode,
)
from bus.server import free_port

pytestmark = pytest.mark.anyio


async def test_non_str_content(ctx: AsyncSharedContext) -> None:
    for bad in (b"bytes", 42, None, ["list"], {"a": 1}):
        with pytest.raises(InvalidContent):
            await ctx.put("k", bad)  # type: ignore[arg-type]
    assert await ctx.keys() == []


@pytest.mark.parametrize(
    "key",
    [
        "",
        "x" * 257,
        "é" * 129,
        "line\nbreak",
        "tab\there",
        "nul\x00",
        "del\x7f",
        "\x9b",
        "\ud800",
        7,
    ],
)
async def test_invalid_keys(ctx: AsyncSharedContext, key: object) -> None:
    with pytest.raises(InvalidKey):
        await ctx.put(key, "content")  # type: ignore[arg-type]
    with pytest.raises(InvalidKey):
        await ctx.get(key)  # type: ignore[arg-type]
    with pytest.raises(InvalidKey):
        await ctx.delete(key)  # type: ignore[arg-type]
    assert ctx.statistics().requests == 0  # rejected before anything was sent


@pytest.mark.parametrize("namespace", ["", "a.b", "a b", "x" * 65, "*", ">", "ns/1", None])
def test_invalid_namespace(namespace: object) -> None:
    with pytest.raises(InvalidNamespace):
        AsyncSharedContext("nats://127.0.0.1:1", namespace)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "limits", [{"ttl": "1h"}, {"ttl": float("nan")}, {"max_entries": "10"}, {"max_entries": []}]
)
def test_invalid_limits(limits: dict[str, object]) -> None:
    # Every number is a valid limit (headroom's meaning, see test_headroom_compat); these are not.
    with pytest.raises(ValidationError):
        AsyncSharedContext("nats://127.0.0.1:1", **limits)  # type: ignore[arg-type]


async def test_payload_over_the_client_limit(ctx: AsyncSharedContext) -> None:
    small = AsyncSharedContext(ctx.servers, nc=ctx.nc, max_put_bytes=10_000)
    before = ctx.statistics().requests
    with pytest.raises(PayloadTooLarge, match="bytes"):
        await small.put("big", "x" * 10_001)
    assert small.statistics().requests == 0  # nothing was sent
    assert ctx.statistics().requests == before
    assert ctx.nc.is_connected  # and the connection is intact
    entry = await small.put("big", "x" * 1000)
    assert entry.key == "big"


async def _raw_request(url: str, subject: str, payload: bytes) -> tuple[dict[str, str], bytes]:
    nc = await connect(url)
    try:
        msg = await nc.request(subject, payload, timeout=5)
        return dict(msg.headers or {}), msg.data
    finally:
        await nc.close()


@pytest.mark.parametrize("op", ["put", "get", "entry", "keys", "delete"])
@pytest.mark.parametrize(
    "payload",
    [b"\xc1 garbage", b"", b"\x93\x01\x02\x03", encode(KeyRequest(key="k"))[:-3]],
    ids=["not-msgpack", "empty", "array", "truncated"],
)
async def test_malformed_frames_get_error_replies(
    ctx: AsyncSharedContext, op: str, payload: bytes
) -> None:
    url = ctx.servers
    assert isinstance(url, str)
    headers, body = await _raw_request(url, f"ctxbus.req.default.{op}", payload)
    assert headers[ERROR_CODE_HEADER] == "400"
    assert headers[ERROR_HEADER].startswith("malformed_frame: ")
    assert decode(body, ErrorReply).name == "malformed_frame"
    # the keeper keeps serving
    await ctx.put("alive", "yes " * 5)
    assert await ctx.get("alive", full=True) == "yes " * 5


async def test_wrong_message_type_and_version(ctx: AsyncSharedContext) -> None:
    import msgpack

    url = ctx.servers
    assert isinstance(url, str)
    # a valid frame of the wrong type for the operation
    headers, _ = await _raw_request(url, "ctxbus.req.default.put", encode(KeyRequest(key="k")))
    assert headers[ERROR_HEADER].startswith("malformed_frame: expected put")
    future = msgpack.packb({"v": 99, "t": "key", "key": "k", "full": False})
    headers, _ = await _raw_request(url, "ctxbus.req.default.get", future)
    assert headers[ERROR_CODE_HEADER] == "426"
    wrong_field = msgpack.packb({"v": SCHEMA_VERSION, "t": "key", "key": 5})
    headers, _ = await _raw_request(url, "ctxbus.req.default.get", wrong_field)
    assert "key.key" in headers[ERROR_HEADER]
    assert await ctx.keys() == []


async def test_bad_namespace_in_subject_is_refused(ctx: AsyncSharedContext) -> None:
    url = ctx.servers
    assert isinstance(url, str)
    headers, _ = await _raw_request(url, "ctxbus.req.bad$ns.get", encode(KeyRequest(key="k")))
    assert headers[ERROR_HEADER].startswith("invalid_namespace")


def test_decode_raises_typed_errors() -> None:
    import msgpack

    with pytest.raises(MalformedFrame):
        decode(b"\xc1")
    with pytest.raises(MalformedFrame):
        decode(msgpack.packb({"t": "key"}))
    with pytest.raises(UnsupportedVersion):
        decode(msgpack.packb({"v": SCHEMA_VERSION + 1, "t": "key", "key": "k"}))
    with pytest.raises(MalformedFrame, match="unknown message type"):
        decode(msgpack.packb({"v": SCHEMA_VERSION, "t": "nope"}))
    with pytest.raises(MalformedFrame, match="lacks field"):
        decode(msgpack.packb({"v": SCHEMA_VERSION, "t": "key"}))


async def test_no_keeper_running(nats_server: EmbeddedServer) -> None:
    async with AsyncSharedContext(nats_server.url) as ctx:
        with pytest.raises(NoKeeper, match="no ContextKeeper"):
            await ctx.get("k")
        with pytest.raises(NoKeeper):
            await ctx.put("k", "v")
        with pytest.raises(NoKeeper, match=r"within 0\.3s"):
            await ctx.wait_for_keeper(timeout=0.3)


async def test_wait_for_keeper_returns_once_one_serves(nats_server: EmbeddedServer) -> None:
    async with AsyncSharedContext(nats_server.url) as ctx:
        waiting = asyncio.create_task(ctx.wait_for_keeper(timeout=30))
        keeper = ContextKeeper("late-keeper", servers=nats_server.url, persist=False)
        await keeper.start()
        try:
            assert await waiting == "late-keeper"
            assert await ctx.keys() == []
        finally:
            await keeper.stop()


async def test_keeper_timeout(nats_server: EmbeddedServer) -> None:
    # A responder that never answers: the client gets RequestTimeout, not a hang.
    nc = await connect(nats_server.url)
    try:
        await nc.subscribe("ctxbus.req.default.get", cb=_ignore)
        await nc.flush()
        async with AsyncSharedContext(nats_server.url, timeout=0.3) as ctx:
            with pytest.raises(RequestTimeout):
                await ctx.get("k")
    finally:
        await nc.close()


async def _ignore(msg: object) -> None:
    return None


async def test_not_connected() -> None:
    with pytest.raises(NotConnected):
        async with AsyncSharedContext(f"nats://127.0.0.1:{free_port()}"):
            pass
    with pytest.raises(NotConnected):
        SharedContext(f"nats://127.0.0.1:{free_port()}")


async def test_keeper_survives_handler_crash(
    ctx: AsyncSharedContext, keeper: ContextKeeper
) -> None:
    original = keeper._ops["keys"]

    async def broken(namespace: str, data: bytes, log: object) -> object:
        raise ZeroDivisionError("boom")

    keeper._ops["keys"] = broken  # type: ignore[assignment]
    from bus import InternalError

    with pytest.raises(InternalError, match="ZeroDivisionError"):
        await ctx.keys()
    keeper._ops["keys"] = original
    assert await ctx.keys() == []
