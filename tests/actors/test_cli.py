"""Every ``ctxbus`` command with ``--json``: output, errors and exit codes, from one table.

The commands run in this process (``actors.cli.main``) against a keeper and a worker that
run as their own processes on a real nats-server.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import structlog

from actors import __version__
from actors.cli import CONNECT_HINT, EXIT_FAILED, EXIT_NOT_FOUND, EXIT_OK, main
from bus import EmbeddedServer
from tests.conftest import ctxbus_process, stop_all, wait_for_stack

DOWN = "nats://127.0.0.1:1"  # nothing listens on port 1
LOG = "".join(
    f"2024-05-01T10:00:{i % 60:02d}Z INFO request {i} served in 12ms\n" for i in range(300)
)


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """main() configures structlog to print to the stderr it sees (capsys's, closed after
    the test): put the session's configuration back."""
    saved = structlog.get_config()
    yield
    structlog.configure(**saved)


@dataclass
class Stack:
    url: str
    files: Path


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    base = tmp_path_factory.mktemp("cli")
    (base / "app.log").write_text(LOG)
    with EmbeddedServer(data_dir=base / "nats") as server:
        procs = [
            ctxbus_process("keeper", "--servers", server.url, stdout=subprocess.DEVNULL),
            ctxbus_process("worker", "--servers", server.url, stdout=subprocess.DEVNULL),
        ]
        try:
            wait_for_stack(server.url)
            yield Stack(server.url, base)
        finally:
            stop_all(procs)


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    exit_code: int
    check: Callable[[Any], bool]
    #: Commands run before this one, for state (their own checks are theirs).
    setup: tuple[tuple[str, ...], ...] = field(default=())
    bus: bool = True  # append -s <url>


def _error(name: str) -> Callable[[Any], bool]:
    return lambda out: out["error"]["name"] == name and bool(out["error"]["message"])


CASES = {
    "put": Case(
        ("put", "logs/app", "{files}/app.log", "--agent", "a"),
        EXIT_OK,
        lambda out: out["key"] == "logs/app" and out["compressed_tokens"] < out["original_tokens"],
    ),
    "put-bad-key": Case(
        ("put", "bad\x01key", "{files}/app.log"), EXIT_FAILED, _error("invalid_key")
    ),
    "put-missing-file": Case(("put", "k", "{files}/nope.txt"), EXIT_FAILED, _error("file")),
    "get": Case(
        ("get", "logs/app"),
        EXIT_OK,
        lambda out: out["full"] is False and 0 < len(out["text"]) < len(LOG),
        setup=(("put", "logs/app", "{files}/app.log"),),
    ),
    "get-full": Case(
        ("get", "logs/app", "--full"),
        EXIT_OK,
        lambda out: out["text"] == LOG,
        setup=(("put", "logs/app", "{files}/app.log"),),
    ),
    "get-entry": Case(
        ("get", "logs/app", "--entry"),
        EXIT_OK,
        lambda out: out["original"] == LOG and "compressed" in out,
        setup=(("put", "logs/app", "{files}/app.log"),),
    ),
    "get-omitted-unknown": Case(
        ("get", "logs/app", "--omitted", "o999"),
        EXIT_FAILED,
        _error("omission_not_found"),
        setup=(("put", "logs/app", "{files}/app.log"),),
    ),
    "get-within-budget": Case(
        ("get", "logs/app", "--max-tokens", "40"),
        EXIT_OK,
        lambda out: out["key"] == "logs/app" and out["tokens"] <= 40,
        setup=(("put", "logs/app", "{files}/app.log"),),
    ),
    "get-within-budget-missing": Case(
        ("get", "never-put", "--max-tokens", "40"), EXIT_NOT_FOUND, _error("not_found")
    ),
    "get-missing": Case(("get", "never-put"), EXIT_NOT_FOUND, _error("not_found")),
    "keys": Case(
        ("keys", "-n", "listing"),
        EXIT_OK,
        lambda out: out == ["one"],
        setup=(("put", "one", "{files}/app.log", "-n", "listing"),),
    ),
    "stats": Case(
        ("stats", "-n", "counted"),
        EXIT_OK,
        lambda out: out["entries"] == 1 and out["namespace"] == "counted",
        setup=(("put", "one", "{files}/app.log", "-n", "counted"),),
    ),
    "delete": Case(
        ("delete", "gone"),
        EXIT_OK,
        lambda out: out == {"key": "gone", "namespace": "default", "deleted": True},
        setup=(("put", "gone", "{files}/app.log"),),
    ),
    "delete-missing": Case(("delete", "never-put"), EXIT_NOT_FOUND, _error("not_found")),
    "clear": Case(
        ("clear", "-n", "scratch"),
        EXIT_OK,
        lambda out: out == {"namespace": "scratch", "cleared": 2},
        setup=(
            ("put", "a", "{files}/app.log", "-n", "scratch"),
            ("put", "b", "{files}/app.log", "-n", "scratch"),
        ),
    ),
    "bad-namespace": Case(("keys", "-n", "no spaces"), EXIT_FAILED, _error("invalid_namespace")),
    "watch-bad-key": Case(("watch", "bad\x01key"), EXIT_FAILED, _error("invalid_key")),
    "task-no-agent": Case(
        ("task", "nobody", "Hello?", "--output", "out", "--timeout", "5"),
        EXIT_FAILED,
        _error("no_agent"),
    ),
    "compress": Case(
        ("compress", "{files}/app.log"),
        EXIT_OK,
        lambda out: (
            out["content_type"] == "log" and out["compressed_tokens"] < out["original_tokens"]
        ),
        bus=False,
    ),
    "compress-missing-file": Case(
        ("compress", "{files}/nope.txt"), EXIT_FAILED, _error("file"), bus=False
    ),
    # Flags that mean nothing to a command are refused, never ignored.
    "compress-refuses-servers": Case(
        ("compress", "{files}/app.log", "-s", DOWN), EXIT_FAILED, _error("usage"), bus=False
    ),
    "keeper-refuses-namespace": Case(("keeper", "-n", "x"), EXIT_FAILED, _error("usage")),
    "worker-refuses-namespace": Case(("worker", "-n", "x"), EXIT_FAILED, _error("usage")),
    "agent-refuses-namespace": Case(
        ("agent", "--role", "r", "-n", "x"), EXIT_FAILED, _error("usage")
    ),
    "up-refuses-namespace": Case(("up", "-n", "x"), EXIT_FAILED, _error("usage"), bus=False),
    "up-replicas-without-cluster": Case(
        ("up", "--replicas", "2"), EXIT_FAILED, _error("invalid"), bus=False
    ),
    "unknown-command": Case(("frobnicate",), EXIT_FAILED, _error("usage"), bus=False),
    # No server: one error object with the next step, for clients and services alike.
    **{
        f"{command[0]}-no-server": Case(
            (*command, "-s", DOWN),
            EXIT_FAILED,
            lambda out: (
                out["error"]["name"] == "not_connected" and out["error"]["hint"] == CONNECT_HINT
            ),
            bus=False,
        )
        for command in (
            ("keys",),
            ("get", "k"),
            ("delete", "k"),
            ("clear",),
            ("stats",),
            ("watch",),
            ("put", "k", "{files}/app.log"),
            ("task", "r", "Hi", "--output", "o"),
            ("keeper",),
            ("worker",),
            ("agent", "--role", "r"),
            ("up", "--workers", "0"),
        )
    },
}


def _run(
    argv: tuple[str, ...], stack: Stack, bus: bool, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    args = [a.replace("{files}", str(stack.files)) for a in argv]
    if bus:
        args += ["-s", stack.url]
    try:
        code = main([*args, "--json"])
    except SystemExit as exc:  # argparse exits on usage errors
        code = int(exc.code or 0)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("name", list(CASES))
def test_command_with_json(name: str, stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES[name]
    for setup in case.setup:
        assert _run(setup, stack, True, capsys)[0] == EXIT_OK
    code, out = _run(case.argv, stack, case.bus, capsys)
    assert code == case.exit_code, out
    document = json.loads(out)  # the whole stdout is one JSON document
    assert case.check(document), out


def test_errors_without_json_are_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "-s", DOWN]) == EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err  # one line, no duplicated warnings
    assert captured.err.startswith("ctxbus: not_connected: ") and CONNECT_HINT in captured.err


def test_missing_key_is_stderr_and_exit_1_for_get_and_delete(
    stack: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("get", "delete"):
        assert main([command, "never-put", "-s", stack.url]) == EXIT_NOT_FOUND
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "no entry 'never-put' in namespace 'default'" in captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"ctxbus {__version__}"


def test_log_format_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["keys", "-s", DOWN, "--log-level", "debug", "--log-format", "json"])
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert lines and all(json.loads(line)["level"] for line in lines)
