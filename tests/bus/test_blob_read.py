"""A blob read that stalls (the server paused past the read's timeout) is read again, not
reported as a blob that is gone."""

from __future__ import annotations

import asyncio
import os
import signal

import nats
import pytest

from bus import EmbeddedServer, blobs
from bus.subjects import blobs_bucket

pytestmark = pytest.mark.anyio


async def test_a_download_paused_mid_way_returns_the_blob(
    nats_server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short read timeout keeps the test fast; the pause outlasts it.
    monkeypatch.setattr(blobs, "_READ_TIMEOUT", 1.0)
    pid = nats_server.pid
    assert pid is not None
    nc = await nats.connect(nats_server.url)
    try:
        js = nc.jetstream()
        store = await blobs.ensure_blob_store(js, bucket=blobs_bucket("default"))
        data = os.urandom(blobs._READ_BATCH * blobs.MAX_CHUNK * 3 // 2)  # two fetches
        ref = await blobs.upload(store, data, prefix="t", max_payload=nc.max_payload)
        resume: asyncio.TimerHandle | None = None

        def pause_once(done: int, total: int) -> None:
            nonlocal resume
            if resume is None:  # after the first chunk: the next fetch stalls
                os.kill(pid, signal.SIGSTOP)
                resume = asyncio.get_running_loop().call_later(2.5, os.kill, pid, signal.SIGCONT)

        try:
            # Before: BlobMissing("went away while being read") after 1 s.
            assert await blobs.download(js, store, ref, progress=pause_once) == data
        finally:
            if resume is not None:
                resume.cancel()
                os.kill(pid, signal.SIGCONT)
    finally:
        await nc.close()
