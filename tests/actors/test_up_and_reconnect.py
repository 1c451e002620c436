"""`ctxbus up` as one command, and clients that ride out a server restart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from actors.keeper import ContextKeeper
from actors.worker import CompressionWorker
from bus import AsyncSharedContext, EmbeddedServer
from bus.server import free_port
from tests.conftest import FAST_QUEUE, ctxbus_process, run_ctxbus, wait_for_stack


def test_up_runs_server_keeper_and_workers(tmp_path: Path) -> None:
    port = free_port()
    up = ctxbus_process("up", "--workers", "2", "--port", str(port), "--data-dir", str(tmp_path))
    try:
        assert up.stdout is not None
        first = up.stdout.readline().decode()
        url = f"nats://127.0.0.1:{port}"
        assert url in first
        wait_for_stack(url, workers=2)
        put = run_ctxbus(
            "put", "k", "-", "--json", "--servers", url, input_text="v   \n\n\n\n" * 50
        )
        assert put.returncode == 0, put.stderr
        assert json.loads(put.stdout)["compressed_tokens"] > 0
        assert run_ctxbus("get", "k", "--full", "--servers", url).stdout == "v   \n\n\n\n" * 50
    finally:
        up.send_signal(signal.SIGINT)
        up.wait(30)
    assert up.returncode == 0
    # the embedded server is gone with it
    result = run_ctxbus("keys", "--servers", f"nats://127.0.0.1:{port}")
    assert result.returncode == 2 and "not_connected" in result.stderr


@pytest.mark.anyio
async def test_clients_and_actors_survive_a_server_restart(tmp_path: Path) -> None:
    port = free_port()
    server = EmbeddedServer(port=port, data_dir=tmp_path / "nats").start()
    keeper = ContextKeeper(servers=server.url, settings=FAST_QUEUE, worker_check_interval=0.3)
    worker = CompressionWorker(servers=server.url, settings=FAST_QUEUE)
    await keeper.start()
    await worker.start()
    try:
        async with AsyncSharedContext(server.url, put_timeout=30, timeout=10) as ctx:
            await ctx.put("before", "written before the restart " * 5)
            pid = server.pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            server.process.wait()  # type: ignore[union-attr]
            server.start()  # same port, same JetStream dir
            # the client reconnects by itself; requests in flight are retried by us only
            # through the normal API
            assert await ctx.get("before", full=True) == "written before the restart " * 5
            entry = await ctx.put("after", "written after the restart " * 5)
            assert entry.key == "after"
            assert sorted(await ctx.keys()) == ["after", "before"]
    finally:
        await worker.stop()
        await keeper.stop()
        server.stop()


def test_every_child_process_is_gone_after_up(tmp_path: Path) -> None:
    port = free_port()
    up = ctxbus_process("up", "--workers", "1", "--port", str(port), "--data-dir", str(tmp_path))
    assert up.stdout is not None
    up.stdout.readline()
    wait_for_stack(f"nats://127.0.0.1:{port}", workers=1)
    children = subprocess.run(
        ["pgrep", "-P", str(up.pid)], capture_output=True, text=True
    ).stdout.split()
    assert len(children) == 2  # nats-server + 1 worker
    up.terminate()
    up.wait(30)
    for child in children:
        with pytest.raises(ProcessLookupError):
            os.kill(int(child), 0)
