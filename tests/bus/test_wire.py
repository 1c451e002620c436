"""Messages, subjects, errors and the embedded server, without actors."""

from __future__ import annotations

import contextlib
import dataclasses
import os

import msgpack
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bus import EmbeddedServer, InvalidKey
from bus import _errors as errors
from bus.messages import (
    SCHEMA_VERSION,
    AgentTask,
    ChangeEvent,
    CompressionJob,
    ContextEntry,
    ContextStats,
    JobResult,
    KeyRequest,
    Message,
    OmissionInfo,
    PutRequest,
    TaskDone,
    TaskInput,
    TextReply,
    decode,
    encode,
)
from bus.subjects import decode_key_token, event_subject, key_token, validate_key

ENTRY = ContextEntry(
    key="research",
    original="o" * 10,
    compressed="c",
    original_tokens=10,
    compressed_tokens=1,
    agent="a",
    timestamp=1.5,
    transforms=["json"],
    omitted=[OmissionInfo("o1", "records", [[0, 5]], 3, "3 records")],
    tokens_by_family={"claude": [12, 2]},
)

SAMPLES: list[Message] = [
    ENTRY,
    ContextStats(1, 10, 1, 9, 90.0),
    PutRequest(key="k", content="v", agent=None, ttl=None, max_entries=3),
    KeyRequest(key="k", full=True),
    TextReply(None),
    CompressionJob(job_id="h", namespace="n", model="m", content="c"),
    JobResult(job_id="h", ok=True, worker="w", omitted=list(ENTRY.omitted)),
    ChangeEvent(namespace="n", key="k", kind="stored", timestamp=2.0),
    AgentTask(
        task_id="t",
        role="r",
        instruction="i",
        inputs=[TaskInput("k", True)],
        output_key="o",
        options={"max_tokens": 5},
    ),
    TaskDone(task_id="t", role="r", agent="a", ok=False, error="x"),
]


@pytest.mark.parametrize("message", SAMPLES, ids=lambda m: type(m).__name__)
def test_every_message_round_trips(message: Message) -> None:
    frame = encode(message)
    assert msgpack.unpackb(frame)["v"] == SCHEMA_VERSION
    assert decode(frame) == message
    assert decode(frame, type(message)) == message


def test_savings_percent_is_rounded() -> None:
    entry = dataclasses.replace(ENTRY, original_tokens=3, compressed_tokens=1)
    assert entry.savings_percent == 66.7
    assert dataclasses.replace(ENTRY, original_tokens=0).savings_percent == 0.0


@given(st.binary(max_size=200))
def test_decode_never_crashes_on_garbage(data: bytes) -> None:
    with contextlib.suppress(errors.ProtocolError):
        decode(data)


@given(st.text(min_size=1, max_size=64).filter(lambda s: s.isprintable()))
def test_key_tokens_are_single_safe_subject_tokens(key: str) -> None:
    try:
        validate_key(key)
    except InvalidKey:
        return
    token = key_token(key)
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode_key_token(token) == key
    assert event_subject("ns", key).count(".") == 3


def test_256_byte_key_is_valid() -> None:
    assert validate_key("k" * 256) == "k" * 256
    assert validate_key("é" * 128) == "é" * 128


@pytest.mark.parametrize(
    "cls",
    [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.CtxbusError)],
)
def test_errors_round_trip_through_headers(cls: type[errors.CtxbusError]) -> None:
    error = cls("details here")
    rebuilt = errors.error_for_code(error.code, errors.describe(error))
    assert isinstance(rebuilt, cls) or cls in (
        errors.CtxbusError,
        errors.TransportError,
        errors.ServiceError,
    )
    assert "details here" in rebuilt.message


def test_unknown_error_name_falls_back_to_code() -> None:
    assert isinstance(errors.error_for_code(503, "future_thing: x"), errors.NoWorker)
    assert isinstance(errors.error_for_code(418, "teapot: x"), errors.ServiceError)


def test_embedded_server_runs_jetstream_and_stops_by_pid(tmp_path: object) -> None:
    import asyncio

    from bus import connect

    server = EmbeddedServer(data_dir=str(tmp_path))
    with server:
        pid = server.pid
        assert pid is not None
        os.kill(pid, 0)  # alive

        async def check() -> None:
            nc = await connect(server.url)
            info = await nc.jetstream().account_info()
            assert info is not None
            assert nc.max_payload == server.max_payload
            await nc.close()

        asyncio.run(check())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_connect_takes_several_urls_and_skips_dead_ones(tmp_path: object) -> None:
    import asyncio

    from bus import connect, resolve_servers
    from bus.server import free_port

    dead = f"nats://127.0.0.1:{free_port()}"
    with EmbeddedServer(data_dir=str(tmp_path)) as server:
        assert resolve_servers(f"{dead}, {server.url}") == [dead, server.url]

        async def check() -> None:
            nc = await connect(f"{dead},{server.url}")
            assert nc.is_connected
            assert nc.connected_url is not None
            assert nc.connected_url.port == server.port
            await nc.close()

        asyncio.run(check())


def test_servers_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from bus import resolve_servers

    monkeypatch.setenv("CTXBUS_SERVERS", "nats://a:1,nats://b:2")
    assert resolve_servers(None) == ["nats://a:1", "nats://b:2"]
    assert resolve_servers("nats://c:3") == ["nats://c:3"]
    monkeypatch.delenv("CTXBUS_SERVERS")
    assert resolve_servers(None) == ["nats://127.0.0.1:4222"]
