"""A read of the whole entry bucket ends at its end, not at a pause in delivery.

The stall is real: the nats-server process is paused (SIGSTOP) after the read's first
record, with more records than the server has sent ahead (flow control: ~2 MB here).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import time

import pytest
from nats.aio.msg import Msg
from nats.js import JetStreamContext

from bus import EmbeddedServer, ReadStalled
from bus.jobs import JETSTREAM_RECOVERABLE
from bus.store import (
    ENTRIES_STREAM,
    ensure_entry_store,
    holds_between,
    last_sequence,
    read_entries,
    record_subject,
)
from bus.subjects import ENTRIES_BUCKET
from tests.conftest import wait_until

pytestmark = pytest.mark.anyio

RECORDS = 200
#: 200 records of 64 KiB: ~13 MB, far more than is in flight when the server pauses.
VALUE = os.urandom(64 * 1024)
#: Longer than the 5 s that the read used to take for the end of the bucket.
PAUSE = 6.5


async def _fill(js: JetStreamContext) -> None:
    acks = [await js.publish_async(record_subject(f"ns.k{i}"), VALUE) for i in range(RECORDS)]
    await asyncio.gather(*acks)


async def test_a_read_paused_mid_way_returns_every_record(
    nats_server: EmbeddedServer, js: JetStreamContext
) -> None:
    kv = await ensure_entry_store(js)
    await _fill(js)
    pid = nats_server.pid
    assert pid is not None
    read: list[int] = []
    resume: asyncio.TimerHandle | None = None
    try:
        async for change in read_entries(js, kv):
            read.append(change.sequence)
            if len(read) == 1:
                # A stall mid-read, as a stream leader election or a loaded server makes.
                os.kill(pid, signal.SIGSTOP)
                resume = asyncio.get_running_loop().call_later(PAUSE, os.kill, pid, signal.SIGCONT)
    finally:
        if resume is not None:
            resume.cancel()
            os.kill(pid, signal.SIGCONT)  # whatever happened, the server runs again
    # Before: 32 of 200 records after 5 s, and no error (a restore missing 168 entries).
    assert len(read) == RECORDS
    assert read == sorted(set(read))


async def test_a_read_stalled_too_long_raises_instead_of_ending(
    nats_server: EmbeddedServer, js: JetStreamContext
) -> None:
    kv = await ensure_entry_store(js)
    await _fill(js)
    pid = nats_server.pid
    assert pid is not None
    read = 0
    started = time.monotonic()
    try:
        with pytest.raises(ReadStalled, match="before its end") as stalled:
            async for _change in read_entries(js, kv, stall=1.0):
                read += 1
                if read == 1:
                    os.kill(pid, signal.SIGSTOP)  # until the read gives up
    finally:
        os.kill(pid, signal.SIGCONT)
    assert 0 < read < RECORDS
    assert time.monotonic() - started < 10
    # A keeper's restore retries it (through_election), then fails as restores do.
    assert isinstance(stalled.value, JETSTREAM_RECOVERABLE)


async def test_an_empty_bucket_reads_at_once(js: JetStreamContext) -> None:
    kv = await ensure_entry_store(js)
    started = time.monotonic()
    assert [change async for change in read_entries(js, kv)] == []
    assert time.monotonic() - started < 0.5


async def test_a_read_ends_at_the_last_sequence_not_at_a_lagging_count(
    js: JetStreamContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every delivered message says num_pending 0, as nats-server says for a moment after
    acknowledging a write (it counts the write for its consumers afterwards): the read
    still returns every record, ending at the bucket's last sequence. The old end (the
    first num_pending 0) returned 1 of 20 records."""
    kv = await ensure_entry_store(js)
    acks = [await js.publish(record_subject(f"ns.k{i}"), b"v") for i in range(20)]
    metadata = Msg.metadata.fget
    assert metadata is not None

    def lagging(msg: Msg) -> Msg.Metadata:
        return dataclasses.replace(metadata(msg), num_pending=0)

    monkeypatch.setattr(Msg, "metadata", property(lagging))
    assert [change.sequence async for change in read_entries(js, kv)] == [a.seq for a in acks]


async def test_holds_between_asks_the_stream(js: JetStreamContext) -> None:
    """What is left between two sequences: a removed message (an expired marker) is not,
    and a read whose last message was removed ends at once."""
    await ensure_entry_store(js)
    acks = [await js.publish(record_subject(f"ns.k{i}"), b"v") for i in range(2)]
    expiring = await js.publish(record_subject("ns.gone"), b"", headers={"Nats-TTL": "1s"})
    first, second, third = acks[0].seq, acks[1].seq, expiring.seq
    assert await last_sequence(js) == third
    assert await holds_between(js, second, third)
    assert not await holds_between(js, third, third)
    await wait_until(lambda: _messages(js, 2), 10, "the server to drop the expired message")
    assert await last_sequence(js) == third
    assert await holds_between(js, first, third)
    assert not await holds_between(js, second, third)
    kv = await js.key_value(ENTRIES_BUCKET)
    started = time.monotonic()
    assert [c.sequence async for c in read_entries(js, kv)] == [first, second]
    assert time.monotonic() - started < 0.5  # the end is known: no wait for a pause


async def _messages(js: JetStreamContext, count: int) -> bool:
    return (await js.stream_info(ENTRIES_STREAM)).state.messages == count
