"""Keeper, workers and clients as separate OS processes, sharing only the bus."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import run_ctxbus

REPORT = "# Report\n\n" + "Line with trailing spaces   \n\n\n\n" * 200 + "END-7731\n"


def test_one_process_puts_another_gets(process_stack: str, tmp_path: object) -> None:
    url = process_stack
    put = run_ctxbus(
        "put", "research", "-", "--agent", "agent_a", "--json", "--servers", url, input_text=REPORT
    )
    assert put.returncode == 0, put.stderr
    meta = json.loads(put.stdout)
    assert meta["key"] == "research" and meta["agent"] == "agent_a"
    assert meta["original_tokens"] > meta["compressed_tokens"]

    compressed = run_ctxbus("get", "research", "--servers", url)
    assert compressed.returncode == 0, compressed.stderr
    assert "END-7731" in compressed.stdout
    assert len(compressed.stdout) < len(REPORT)

    full = run_ctxbus("get", "research", "--full", "--json", "--servers", url)
    assert json.loads(full.stdout)["text"] == REPORT

    keys = run_ctxbus("keys", "--json", "--servers", url)
    assert json.loads(keys.stdout) == ["research"]
    stats = json.loads(run_ctxbus("stats", "--json", "--servers", url).stdout)
    assert stats["entries"] == 1 and stats["total_tokens_saved"] > 0

    missing = run_ctxbus("get", "nope", "--servers", url)
    assert missing.returncode == 1 and "no entry" in missing.stderr
    assert run_ctxbus("delete", "research", "--servers", url).returncode == 0
    assert json.loads(run_ctxbus("keys", "--json", "--servers", url).stdout) == []


def test_watch_in_another_process(process_stack: str) -> None:
    url = process_stack
    from tests.conftest import ctxbus_process

    watcher = ctxbus_process("watch", "k", "--count", "2", "--servers", url)
    assert watcher.stderr is not None
    assert b"watching" in watcher.stderr.readline()  # subscribed before we put
    assert run_ctxbus("put", "k", "-", "--servers", url, input_text="v " * 20).returncode == 0
    assert run_ctxbus("delete", "k", "--servers", url).returncode == 0
    out, _ = watcher.communicate(timeout=30)
    events = [json.loads(line) for line in out.decode().splitlines()]
    assert [(e["key"], e["kind"]) for e in events] == [("k", "stored"), ("k", "deleted")]


def test_env_var_names_the_server(process_stack: str) -> None:
    import os
    import sys

    env = dict(os.environ, CTXBUS_SERVERS=process_stack, CTXBUS_LOG_LEVEL="warning")
    result = subprocess.run(
        [sys.executable, "-m", "actors", "stats", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["entries"] == 0


def test_cli_reports_no_keeper_clearly(nats_server: object) -> None:
    from bus import EmbeddedServer

    assert isinstance(nats_server, EmbeddedServer)
    result = run_ctxbus("get", "k", "--servers", nats_server.url)
    assert result.returncode == 2
    assert "no_keeper" in result.stderr


def test_compress_json_is_local(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    path = tmp_path / "r.md"
    path.write_text(REPORT)
    result = run_ctxbus("compress", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for field in (
        "compressed",
        "original_tokens",
        "compressed_tokens",
        "transforms",
        "content_type",
        "savings_percent",
        "token_counts_exact",
        "omitted",
        "seconds",
    ):
        assert field in data
    assert data["original_tokens"] > data["compressed_tokens"]
