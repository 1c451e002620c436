"""``SharedContext()`` with no server configured starts or joins one local stack per user
and data directory, shared by separate processes and gone once the last of them leaves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bus import AsyncSharedContext
from bus.local import ClientLease, embedded_wanted, live_clients, process_alive, stack_paths

WRITER = """
import sys
from ctxbus import SharedContext
ctx = SharedContext(namespace="embedded")
entry = ctx.put("shared", "the shared finding: 42 widgets\\n" * 30, agent="writer")
print("stored", entry.original_tokens, flush=True)
sys.stdin.readline()  # stay until told to leave
ctx.close()
"""

READER = """
from ctxbus import SharedContext
with SharedContext(namespace="embedded") as ctx:
    text = ctx.get("shared", full=True)
    entry = ctx.get_entry("shared")
print(text == "the shared finding: 42 widgets\\n" * 30, entry.agent if entry else None, flush=True)
"""


@pytest.fixture
def local_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """No server configured anywhere; a private runtime and data directory; short grace."""
    for name in ("CTXBUS_SERVERS", "NATS_URL", "CTXBUS_NO_EMBEDDED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CTXBUS_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("CTXBUS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CTXBUS_EMBEDDED_GRACE", "0.3")
    monkeypatch.setenv("CTXBUS_LOG_LEVEL", "warning")
    return dict(os.environ)


def _python(code: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_line(proc: subprocess.Popen[str], prefix: str) -> str:
    """The first stdout line starting with ``prefix`` (library log lines may come first)."""
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(prefix):
            return line
    raise AssertionError(f"no {prefix!r} line; stderr: {proc.stderr.read() if proc.stderr else ''}")


def _wait_gone(pids: list[int], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while any(process_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            left = [pid for pid in pids if process_alive(pid)]
            raise AssertionError(f"local stack processes still running: {left}")
        time.sleep(0.05)


def test_two_processes_share_one_stack_and_it_stops_after_both(
    local_env: dict[str, str],
) -> None:
    paths = stack_paths()
    writer = _python(WRITER, local_env)
    try:
        assert writer.stdout is not None and writer.stdin is not None
        _wait_for_line(writer, "stored")
        state = json.loads(paths.state.read_text())
        stack = [state["pid"], state["server_pid"]]
        assert all(process_alive(pid) for pid in stack)
        reader = subprocess.run(
            [sys.executable, "-c", READER],
            env=local_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert reader.returncode == 0, reader.stderr
        assert reader.stdout.splitlines()[-1].split() == ["True", "writer"]
        # The reader joined the writer's stack: same processes, and the writer still counts.
        assert json.loads(paths.state.read_text())["pid"] == state["pid"]
        assert live_clients(paths) == 1
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.wait(60) == 0
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    _wait_gone(stack)
    assert not paths.state.exists()


def test_a_killed_client_does_not_keep_the_stack(local_env: dict[str, str]) -> None:
    paths = stack_paths()
    writer = _python(WRITER, local_env)
    _wait_for_line(writer, "stored")
    state = json.loads(paths.state.read_text())
    writer.kill()  # no close, no cleanup: the OS drops its lease lock
    writer.wait()
    _wait_gone([state["pid"], state["server_pid"]])


def test_lease_counts_until_released(local_env: dict[str, str]) -> None:
    paths = stack_paths()
    first, second = ClientLease(paths), ClientLease(paths)
    assert live_clients(paths) == 2
    first.release()
    assert live_clients(paths) == 1
    second.release()
    assert live_clients(paths) == 0 and not any(paths.clients.iterdir())


def test_switched_off_by_flag_env_or_configured_server(
    local_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert embedded_wanted(None, True)
    assert not embedded_wanted(None, False)
    assert not embedded_wanted("nats://127.0.0.1:4222", True)
    assert not AsyncSharedContext(embedded=False).embedded
    for name, value in (
        ("CTXBUS_NO_EMBEDDED", "1"),
        ("CTXBUS_SERVERS", "nats://x:1"),
        ("NATS_URL", "nats://x:1"),
    ):
        with monkeypatch.context() as m:
            m.setenv(name, value)
            assert not embedded_wanted(None, True), name


def test_refuses_a_runtime_dir_others_can_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bus import NotConnected

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("CTXBUS_RUNTIME_DIR", str(shared))
    with pytest.raises(NotConnected, match="not private"):
        stack_paths(tmp_path / "data")
