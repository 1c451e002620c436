"""Replicas of the job stream and the entry bucket on a single server.

A single server allows one replica: asking for more is a clear error, not a crash.
An existing stream is kept whatever its settings (differences are logged). Scaling up on
a real 3-node cluster is tested in tests/deploy/test_deploy.py.
"""

from __future__ import annotations

import pytest
from structlog.testing import capture_logs

from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import EmbeddedServer, ValidationError, connect
from bus.jobs import QueueSettings, ensure_stream
from bus.store import ENTRIES_STREAM, ensure_entry_store
from bus.subjects import JOBS_STREAM
from tests.conftest import run_ctxbus

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("replicas", [0, 6])
def test_replicas_out_of_range(replicas: int) -> None:
    with pytest.raises(ValidationError, match="replicas must be 1 to 5"):
        QueueSettings(replicas=replicas)


async def test_single_server_refuses_replicas(nats_server: EmbeddedServer) -> None:
    three = QueueSettings(replicas=3)
    worker = CompressionWorker("w", servers=nats_server.url, settings=three)
    keeper = ContextKeeper(servers=nats_server.url, settings=three)
    for actor in (worker, keeper):
        with pytest.raises(ValidationError, match=r"job stream cannot have 3 .*--replicas 1"):
            await actor.start()
        await actor.nc.close()
    nc = await connect(nats_server.url)
    try:
        js = nc.jetstream()
        with pytest.raises(ValidationError, match="entry bucket cannot have 3 replicas"):
            await ensure_entry_store(js, replicas=3)
        # Existing with one replica: raising it on a single server is refused the same way.
        await ensure_stream(js)
        with pytest.raises(ValidationError, match="job stream cannot have 3 replicas"):
            await ensure_stream(js, three)
        await ensure_entry_store(js)
        with pytest.raises(ValidationError, match="entry bucket cannot have 2 replicas"):
            await ensure_entry_store(js, replicas=2)
    finally:
        await nc.close()


def test_cli_replicas_on_a_single_server(nats_server: EmbeddedServer) -> None:
    result = run_ctxbus("worker", "--servers", nats_server.url, "--replicas", "3", timeout=30)
    assert result.returncode == 2
    assert "ctxbus: invalid: the job stream cannot have 3 replicas" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_ctxbus("up", "--replicas", "2", timeout=30)
    assert result.returncode == 2
    assert "--replicas 2 needs a NATS cluster" in result.stderr


async def test_existing_stream_with_other_settings_is_kept(nats_server: EmbeddedServer) -> None:
    nc = await connect(nats_server.url)
    try:
        js = nc.jetstream()
        await ensure_stream(js, QueueSettings(max_age=600.0))
        await ensure_entry_store(js)
        with capture_logs() as logs:
            await ensure_stream(js, QueueSettings(max_age=1200.0))
            await ensure_stream(js)  # the defaults: max_age 3600 differs too
            await ensure_entry_store(js)  # the same: nothing to say
        info = await js.stream_info(JOBS_STREAM)
        assert info.config.max_age == 600.0
        warnings = [e for e in logs if e["log_level"] == "warning"]
        assert [w["differences"] for w in warnings] == [
            {"max_age": {"existing": 600.0, "wanted": 1200.0}},
            {"max_age": {"existing": 600.0, "wanted": 3600.0}},
        ]
        assert all("job stream exists with other settings" in w["event"] for w in warnings)
        assert (await js.stream_info(ENTRIES_STREAM)).config.num_replicas == 1
    finally:
        await nc.close()
