"""The local stack behind ``SharedContext()`` with no server: ``python -m actors.local``.

Started (detached) by :func:`bus.local.join_local_stack`: an embedded nats-server with its
JetStream data under the data directory, a keeper and one worker in this process. It
publishes its URL in the state file once it serves, then counts the clients' leases and
stops when none has been held for ``--grace`` seconds (or on SIGTERM/SIGINT). See
:mod:`bus.local` for the files.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path

import structlog

from actors.keeper import ContextKeeper
from actors.logs import configure_logging
from actors.processes import exit_now
from actors.secure import (
    insecure_line,
    insecure_wanted,
    record_server,
    role_options,
    secure_server,
)
from actors.worker import CompressionWorker
from bus import ConnectOptions, EmbeddedServer
from bus.local import (
    StackLock,
    StackPaths,
    StackState,
    live_clients,
    remove_state,
    stack_paths,
    unregister_server,
    write_state,
)

__all__ = ["main", "serve_local_stack"]

#: How often the stack counts its clients.
CHECK_INTERVAL = 0.2


async def serve_local_stack(paths: StackPaths, grace: float) -> None:
    log = structlog.get_logger("ctxbus.local").bind(actor="local-stack", pid=os.getpid())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    # No HTTP monitoring: it is unauthenticated, and this stack is private to its user
    # (its /connz would show any local user the subjects, namespaces and key tokens in use).
    server = EmbeddedServer(data_dir=paths.data_dir / "nats", monitoring=False)
    # Auth on unless $CTXBUS_INSECURE: the same auth directory as a `ctxbus up` of this
    # data dir (the two never run at once: the data dir lock). No namespace limits: every
    # client is this user, and each put's own max_entries and ttl apply as in headroom.
    auth = secure_server(server, insecure=insecure_wanted())
    server.start()
    if auth is None:
        log.warning(insecure_line(server.url))
    record = record_server(server, auth, "local-stack")
    keeper: ContextKeeper | None = None
    lock: StackLock | None = None
    worker: CompressionWorker | None = None
    base = ConnectOptions()
    try:
        keeper = ContextKeeper(
            "local-keeper", servers=role_options(base, server.url, auth, "keeper")
        )
        await keeper.start()
        worker = CompressionWorker(
            "local-worker", servers=role_options(base, server.url, auth, "worker")
        )
        await worker.start()
        assert server.pid is not None
        write_state(
            paths,
            StackState(
                server.url,
                os.getpid(),
                server.pid,
                str(paths.data_dir),
                time.time(),
                str(auth.path) if auth else None,
            ),
        )
        log.info(
            "local stack serving",
            url=server.url,
            data_dir=str(paths.data_dir),
            auth=str(auth.path) if auth else "off",
        )
        lock = await _until_unused(paths, grace, stop, server, log)
    finally:
        remove_state(paths, os.getpid())
        unregister_server(record)
        if worker is not None:
            await worker.stop()
        if keeper is not None:
            await keeper.stop()
        server.stop()
        log.info("local stack stopped")
        if lock is not None:
            # Held until the server is down: the next stack may then use the same data.
            lock.__exit__(None, None, None)


async def _until_unused(
    paths: StackPaths,
    grace: float,
    stop: asyncio.Event,
    server: EmbeddedServer,
    log: structlog.typing.FilteringBoundLogger,
) -> StackLock | None:
    """Wait until no client is left for ``grace`` seconds (then return the stack lock,
    held, with the state removed) or until signalled (then None)."""
    idle_since: float | None = None
    while not stop.is_set():
        if server.process is None or server.process.poll() is not None:
            log.error("nats-server exited; stopping")
            return None
        if live_clients(paths):
            idle_since = None
        else:
            now = time.monotonic()
            idle_since = now if idle_since is None else idle_since
            if now - idle_since >= grace:
                # Under the lock a joining client either registered before us (we see it
                # and stay) or finds no state once we let go (and starts a new stack).
                lock = StackLock(paths, timeout=30).__enter__()
                if not live_clients(paths):
                    remove_state(paths, os.getpid())
                    log.info("no client left; stopping", grace=grace)
                    return lock
                lock.__exit__(None, None, None)
                idle_since = None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), CHECK_INTERVAL)
    log.info("signalled; stopping")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actors.local", description=__doc__)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--grace", type=float, default=5.0)
    args = parser.parse_args(argv)
    configure_logging(os.environ.get("CTXBUS_LOG_LEVEL") or "info")
    paths = stack_paths(Path(args.data_dir))
    try:
        asyncio.run(serve_local_stack(paths, args.grace))
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    exit_now(main())
