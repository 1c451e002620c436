"""The ``python -m actors ...`` command lines of the ctxbus processes, built in one place,
and how such a process ends (:func:`exit_now`).

``ctxbus up``, ``ctxbus demo``, the tests and the benchmarks start keepers, workers and
agents as OS processes; they all build the command here, so a flag renamed in the CLI is
renamed for every launcher at once.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from typing import NoReturn

from bus.options import CREDENTIAL_ENV, ConnectOptions
from bus.server import child_process_options

__all__ = [
    "agent_command",
    "child_env",
    "ctxbus_command",
    "exit_now",
    "keeper_command",
    "spawn",
    "spawn_worker_processes",
    "stop_processes",
    "worker_command",
]

Process = subprocess.Popen[bytes]
#: URLs, or how to connect: credentials then travel in the child's environment.
Servers = str | ConnectOptions | None


def _servers_flag(servers: Servers) -> tuple[str, ...]:
    """``--servers URL`` for a plain URL; nothing for options (they go in the environment:
    a URL may carry a password, and anyone on the machine can list process arguments)."""
    return ("--servers", servers) if isinstance(servers, str) else ()


def child_env(options: ConnectOptions, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: our environment) with exactly ``options``' servers and credentials."""
    env = {k: v for k, v in (base if base is not None else os.environ).items()}
    for name in CREDENTIAL_ENV:
        env.pop(name, None)
    env.update(options.child_env())
    return env


def ctxbus_command(*args: str) -> list[str]:
    """``ctxbus ARGS...`` run by this interpreter (no reliance on the script being on PATH)."""
    return [sys.executable, "-m", "actors", *args]


def keeper_command(
    servers: Servers,
    *,
    memory_only: bool = False,
    log_level: str = "warning",
    extra: Sequence[str] = (),
) -> list[str]:
    return ctxbus_command(
        "keeper",
        *_servers_flag(servers),
        *(("--memory-only",) if memory_only else ()),
        "--log-level",
        log_level,
        *extra,
    )


def worker_command(
    servers: Servers, name: str, *, log_level: str = "warning", extra: Sequence[str] = ()
) -> list[str]:
    return ctxbus_command(
        "worker", *_servers_flag(servers), "--name", name, "--log-level", log_level, *extra
    )


def agent_command(
    servers: Servers,
    role: str,
    backend: str,
    *,
    model: str | None = None,
    name: str | None = None,
    log_level: str = "warning",
    extra: Sequence[str] = (),
) -> list[str]:
    return ctxbus_command(
        "agent",
        "--role",
        role,
        "--backend",
        backend,
        *(("--model", model) if model else ()),
        *(("--name", name) if name else ()),
        *_servers_flag(servers),
        "--log-level",
        log_level,
        *extra,
    )


def spawn(
    command: Sequence[str],
    *,
    stdout: int | None = None,
    stderr: int | None = None,
    env: Mapping[str, str] | None = None,
    options: ConnectOptions | None = None,
) -> Process:
    """Start ``command`` with no stdin (a child must never wait on our terminal), in its own
    process group and, on Linux, signalled when its parent dies, even by SIGKILL (see
    :func:`bus.server.child_process_options`). ``options``: how the child connects, given
    in its environment (see :func:`child_env`)."""
    if options is not None:
        env = child_env(options, env)
    return subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        env=env,
        **child_process_options(),
    )


def spawn_worker_processes(
    servers: str | ConnectOptions,
    count: int,
    extra: Sequence[str] = (),
    log_level: str = "warning",
    *,
    metrics_port: int | None = None,
) -> list[Process]:
    """Start ``count`` worker processes named ``worker-1`` ... ``worker-N``; with
    ``metrics_port``, worker i serves its metrics on ``metrics_port + i`` (0: free ports)."""
    options = servers if isinstance(servers, ConnectOptions) else None

    def metrics(i: int) -> list[str]:
        if metrics_port is None:
            return []
        return ["--metrics-port", str(metrics_port + i if metrics_port else 0)]

    return [
        spawn(
            worker_command(
                servers,
                f"worker-{i + 1}",
                log_level=log_level,
                extra=[*extra, *metrics(i + 1)],
            ),
            options=options,
        )
        for i in range(count)
    ]


def stop_processes(procs: Sequence[Process], timeout: float = 10.0) -> None:
    """SIGTERM every process, wait for all within ``timeout`` together, then SIGKILL the rest."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + timeout
    for proc in procs:
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def exit_now(code: int) -> NoReturn:
    """End a ctxbus process with ``code``: run the exit handlers and flush, then skip tearing
    the interpreter down. Freeing the token encoders alone takes 0.2-0.6 s, which every stop
    of a keeper, worker or agent process (a scale-down, a rolling update, each test) waited
    for. A plain exit while another thread still runs (it is joined then)."""
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nobody to tell
            stream.flush()
    os._exit(code)
