"""Connecting to NATS: several server URLs, reconnect forever, logged callbacks."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import nats.errors
import structlog
from nats.aio.client import Client as NATS

from bus._errors import NotConnected
from bus._poll import poll_until

__all__ = [
    "DEFAULT_SERVERS",
    "NO_RESPONDERS_GRACE",
    "SERVERS_ENV",
    "connect",
    "resolve_servers",
    "wait_for_responder",
]

SERVERS_ENV = "CTXBUS_SERVERS"
#: Requests retry "no responders" this long before it counts. nats-server can answer
#: "no responders" for a moment after a responder subscribed and flushed, when another
#: connection serving the same subject has just gone (1-5 % of restarts in a loop here;
#: compare nats-io/nats-server#2876): a keeper restart must look like a short wait.
NO_RESPONDERS_GRACE = 0.25
DEFAULT_SERVERS = "nats://127.0.0.1:4222"


def resolve_servers(servers: str | Sequence[str] | None = None) -> list[str]:
    """The argument if given, else ``$CTXBUS_SERVERS``, else ``$NATS_URL``, else the local
    default.

    A string may hold several comma-separated URLs.
    """
    if servers is None:
        servers = os.environ.get(SERVERS_ENV) or os.environ.get("NATS_URL") or DEFAULT_SERVERS
    if isinstance(servers, str):
        servers = servers.split(",")
    urls = [s.strip() for s in servers if s.strip()]
    if not urls:
        raise NotConnected("no NATS server URL given")
    return urls


async def connect(
    servers: str | Sequence[str] | None = None,
    *,
    name: str = "ctxbus",
    connect_timeout: float = 2.0,
    initial_attempts: int = 1,
    on_reconnected: Callable[[], Awaitable[None]] | None = None,
    **options: Any,
) -> NATS:
    """Connect to the first reachable server; once connected, reconnect forever.

    ``initial_attempts`` bounds only the first connection: a client started against a
    server that does not exist should fail fast with :class:`NotConnected`.
    """
    urls = resolve_servers(servers)
    log = structlog.get_logger("ctxbus.connection").bind(client=name)

    async def on_error(exc: Exception) -> None:
        # Before the first connection every failed attempt lands here, and the caller gets
        # NotConnected saying the same: one message, not one per attempt.
        if nc.is_connected or nc.is_reconnecting:
            log.warning("nats error", error=repr(exc))
        else:
            first_errors.append(exc)
            log.debug("nats error", error=repr(exc))

    async def on_disconnected() -> None:
        # Closing and draining disconnect too; only an unexpected loss is worth a warning.
        if nc.is_closed or nc.is_draining:
            log.debug("nats disconnected")
        else:
            log.warning("nats disconnected")

    async def reconnected() -> None:
        log.info("nats reconnected", url=str(nc.connected_url.geturl() if nc.connected_url else ""))
        if on_reconnected is not None:
            await on_reconnected()

    async def on_closed() -> None:
        log.debug("nats connection closed")

    first_errors: list[Exception] = []
    nc = NATS()
    try:
        await nc.connect(
            servers=urls,
            name=name,
            connect_timeout=connect_timeout,  # type: ignore[arg-type]  # floats work
            allow_reconnect=True,
            # Bounded for the first connection only (see below).
            max_reconnect_attempts=initial_attempts,
            reconnect_time_wait=0.5,  # type: ignore[arg-type]
            error_cb=on_error,
            disconnected_cb=on_disconnected,
            reconnected_cb=reconnected,
            closed_cb=on_closed,
            **options,
        )
    except Exception as exc:
        # nats-py raises NoServersError / OSError / TimeoutError depending on the failure;
        # the error callback saw the cause (connection refused, say).
        cause = first_errors[-1] if first_errors else exc
        why = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
        raise NotConnected(f"cannot connect to NATS at {', '.join(urls)} ({why})") from exc
    # nats-py reads this option on every reconnect: from now on, never give up.
    nc.options["max_reconnect_attempts"] = -1
    log.debug("nats connected", servers=urls)
    return nc


async def wait_for_responder(nc: NATS, subject: str, timeout: float) -> bytes | None:
    """Request ``subject`` (empty body) until something answers; its reply, or None once
    ``timeout`` seconds have passed. For readiness pings (keeper, agents)."""

    async def ask() -> bytes | None:
        try:
            reply = await nc.request(subject, b"", timeout=0.5)
        except (nats.errors.NoRespondersError, nats.errors.TimeoutError):
            return None
        return reply.data

    return await poll_until(ask, timeout)
