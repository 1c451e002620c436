"""Connecting to NATS: several server URLs, every auth method, reconnect forever, logged
callbacks, and NATS permission violations turned into :class:`PermissionDenied`.

NATS reports a refused publish or subscribe asynchronously, on the connection's error
callback, and keeps the connection open. :func:`connect` records each violation in the
connection's :class:`PermissionTracker`; :func:`guard` (and the checked helpers built on
it) interrupts the call waiting on that subject and raises :class:`PermissionDenied`.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import ssl
import weakref
from collections import deque
from collections.abc import Awaitable, Callable, Collection, Sequence
from typing import Any, TypeVar

import nats.errors
import structlog
from nats.aio.client import Client as NATS
from nats.aio.subscription import Subscription

from bus._errors import AuthenticationFailed, NotConnected, PermissionDenied
from bus._poll import poll_until
from bus.options import DEFAULT_SERVERS, SERVERS_ENV, ConnectOptions, redact_url, redact_urls

__all__ = [
    "DEFAULT_SERVERS",
    "NO_RESPONDERS_GRACE",
    "SERVERS_ENV",
    "PermissionTracker",
    "connect",
    "guard",
    "permissions",
    "publish_checked",
    "request_checked",
    "resolve_options",
    "resolve_servers",
    "settle",
    "subscribe_checked",
    "wait_for_responder",
]

#: Requests retry "no responders" this long before it counts. nats-server can answer
#: "no responders" for a moment after a responder subscribed and flushed, when another
#: connection serving the same subject has just gone (1-5 % of restarts in a loop here;
#: compare nats-io/nats-server#2876): a keeper restart must look like a short wait.
NO_RESPONDERS_GRACE = 0.25

T = TypeVar("T")
Servers = str | Sequence[str] | ConnectOptions | None

_VIOLATION = re.compile(
    r'permissions violation for (publish|subscription) to "([^"]+)"', re.IGNORECASE
)


class PermissionTracker:
    """The permission violations NATS reported on one connection, and who waits on them.

    Subjects are lowercase: nats-py lowercases the server's error text."""

    def __init__(self) -> None:
        self.violations: deque[tuple[str, str]] = deque(maxlen=256)
        self.count = 0
        self._listeners: set[Callable[[str, str], None]] = set()

    def record(self, operation: str, subject: str) -> None:
        self.violations.append((operation, subject))
        self.count += 1
        for listener in list(self._listeners):
            listener(operation, subject)

    def since(self, count: int) -> list[tuple[str, str]]:
        """Violations recorded after :attr:`count` was ``count``."""
        new = self.count - count
        return list(self.violations)[-new:] if new > 0 else []

    def add(self, listener: Callable[[str, str], None]) -> None:
        self._listeners.add(listener)

    def discard(self, listener: Callable[[str, str], None]) -> None:
        self._listeners.discard(listener)


_trackers: weakref.WeakKeyDictionary[NATS, PermissionTracker] = weakref.WeakKeyDictionary()


def permissions(nc: NATS) -> PermissionTracker | None:
    """The tracker of a connection made by :func:`connect` (None for other connections)."""
    return _trackers.get(nc)


def parse_violation(error: BaseException) -> tuple[str, str] | None:
    """``(publish|subscribe, subject)`` if ``error`` is a NATS permissions violation."""
    found = _VIOLATION.search(str(error))
    if found is None:
        return None
    operation = "publish" if found.group(1).lower() == "publish" else "subscribe"
    return operation, found.group(2)


def denied(operation: str, subject: str) -> PermissionDenied:
    verb = "publish to" if operation == "publish" else "subscribe to"
    return PermissionDenied(
        f"NATS refused to {verb} {subject!r}: these credentials do not allow it",
        operation=operation,
        subject=subject,
    )


async def guard(
    nc: NATS,
    call: Awaitable[T],
    *,
    publish: Collection[str] = (),
    subscribe: Collection[str] = (),
    any_violation: bool = False,
    interrupt: bool = True,
) -> T:
    """Await ``call``; if NATS refuses a publish to one of ``publish`` or a subscription to
    one of ``subscribe`` (or to this connection's inboxes, where replies would come, or any
    violation with ``any_violation``) meanwhile, interrupt it and raise
    :class:`PermissionDenied`. With ``interrupt=False`` the call runs to its end first
    (for calls that end by themselves, such as a flush: cancelling a flush leaves nats-py
    matching later PONGs to the wrong flush)."""
    tracker = _trackers.get(nc)
    if tracker is None:
        return await call
    task = asyncio.current_task()
    assert task is not None
    # nats-py lowercases server errors, so subjects are compared lowercased (and the
    # refusal names the subject as we spelled it).
    inbox = f"{nc._inbox_prefix.decode()}.".lower()
    ours = {("publish", s.lower()): s for s in publish}
    ours.update({("subscribe", s.lower()): s for s in subscribe})
    refused: list[PermissionDenied] = []

    def on_violation(operation: str, subject: str) -> None:
        if refused:
            return
        asked = ours.get((operation, subject))
        if (
            asked is not None
            or any_violation
            or (operation == "subscribe" and subject.startswith(inbox))
        ):
            refused.append(denied(operation, asked or subject))
            if interrupt:
                task.cancel()

    tracker.add(on_violation)
    try:
        result = await call
    except asyncio.CancelledError:
        if not refused:
            raise
        task.uncancel()
        raise refused[0] from None
    finally:
        tracker.discard(on_violation)
    if refused:
        # The call finished in the same instant (asyncio.wait_for in Python 3.11 can
        # swallow the cancellation then): the refusal still counts.
        if task.cancelling():
            task.uncancel()
        raise refused[0]
    return result


async def settle(nc: NATS) -> None:
    """Return once the server has processed everything sent so far (and reported any
    refusal). nats-py writes a flush's PING ahead of commands still queued for its
    flusher, so one flush can come back before the server saw them: flush twice."""
    await nc.flush()
    await nc.flush()


async def publish_checked(
    nc: NATS, subject: str, payload: bytes = b"", headers: dict[str, str] | None = None
) -> None:
    """Publish and flush: :class:`PermissionDenied` if NATS refused the publish."""

    async def send() -> None:
        await nc.publish(subject, payload, headers=headers)
        await settle(nc)

    await guard(nc, send(), publish=[subject], interrupt=False)


async def subscribe_checked(nc: NATS, subject: str, **options: Any) -> Subscription:
    """Subscribe and flush: :class:`PermissionDenied` if NATS refused the subscription."""
    sub: Subscription | None = None

    async def add() -> Subscription:
        nonlocal sub
        sub = await nc.subscribe(subject, **options)
        await settle(nc)
        return sub

    try:
        return await guard(nc, add(), subscribe=[subject], interrupt=False)
    except PermissionDenied:
        if sub is not None:
            await sub.unsubscribe()
        raise


async def request_checked(
    nc: NATS,
    subject: str,
    payload: bytes,
    timeout: float,
    headers: dict[str, str] | None = None,
) -> Any:
    """``nc.request`` that raises :class:`PermissionDenied` at once when NATS refuses it."""
    request = nc.request(subject, payload, timeout=timeout, headers=headers)
    return await guard(nc, request, publish=[subject])


def resolve_options(servers: Servers = None) -> ConnectOptions:
    """``ConnectOptions`` for ``servers`` (URLs or options), with discovery applied."""
    options = servers if isinstance(servers, ConnectOptions) else ConnectOptions(servers=servers)
    return options.resolved()


def resolve_servers(servers: Servers = None) -> list[str]:
    """The server URLs: the argument if given, else ``$CTXBUS_SERVERS``, ``$NATS_URL``, a
    nats context, a local ``ctxbus up``, the local default (see :mod:`bus.options`).

    A string may hold several comma-separated URLs.
    """
    return resolve_options(servers).server_list()


async def connect(
    servers: Servers = None,
    *,
    name: str = "ctxbus",
    connect_timeout: float = 2.0,
    initial_attempts: int = 1,
    on_reconnected: Callable[[], Awaitable[None]] | None = None,
    **options: Any,
) -> NATS:
    """Connect to the first reachable server; once connected, reconnect forever.

    ``servers`` is URLs or a :class:`ConnectOptions` (credentials, TLS, context...).
    ``initial_attempts`` bounds only the first connection: a client started against a
    server that does not exist should fail fast with :class:`NotConnected`; wrong
    credentials raise :class:`AuthenticationFailed`.
    """
    resolved = resolve_options(servers)
    urls = resolved.server_list()
    shown = redact_urls(urls)
    log = structlog.get_logger("ctxbus.connection").bind(client=name)
    tracker = PermissionTracker()
    auth_refused: list[bool] = []

    async def on_error(exc: Exception) -> None:
        if _is_auth_error(exc):
            auth_refused.append(True)
        violation = parse_violation(exc)
        if violation is not None:
            log.warning("nats permission violation", operation=violation[0], subject=violation[1])
            tracker.record(*violation)
            return
        # Before the first connection every failed attempt lands here, and the caller gets
        # NotConnected saying the same: one message, not one per attempt.
        if nc.is_connected or nc.is_reconnecting:
            log.warning("nats error", error=_safe(repr(exc), resolved))
        else:
            first_errors.append(exc)
            log.debug("nats error", error=_safe(repr(exc), resolved))

    async def on_disconnected() -> None:
        # Closing and draining disconnect too; only an unexpected loss is worth a warning.
        if nc.is_closed or nc.is_draining:
            log.debug("nats disconnected")
        else:
            log.warning("nats disconnected")

    async def reconnected() -> None:
        url = nc.connected_url.geturl() if nc.connected_url else ""
        log.info("nats reconnected", url=redact_url(url))
        if on_reconnected is not None:
            await on_reconnected()

    async def on_closed() -> None:
        log.debug("nats connection closed")

    first_errors: list[Exception] = []
    nc = NATS()
    # nats-py never returns from a first connection whose TLS handshake failed on our side
    # (the server's certificate not trusted): bound the whole attempt.
    budget = (initial_attempts + 1) * (connect_timeout + 0.5) * max(1, len(urls)) + 1.0
    try:
        connecting = nc.connect(
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
            **{**resolved.nats_options(), **options},
        )
        await asyncio.wait_for(connecting, budget)
    except Exception as exc:
        with contextlib.suppress(Exception):
            await nc.close()
        # nats-py raises NoServersError / OSError / TimeoutError depending on the failure;
        # the error callback saw the cause (connection refused, say), and an authorization
        # violation.
        if (
            auth_refused
            or _is_auth_error(exc)
            or _is_auth_error(nc.last_error)
            or any(_is_certificate_refused(e) for e in first_errors)
        ):
            raise AuthenticationFailed(
                f"NATS at {resolved.describe()} refused the credentials "
                "(authorization violation or client certificate refused); give --creds, "
                "--nkey, --user with a password file, a token file or a client certificate "
                "that this server accepts"
            ) from None
        cause = first_errors[-1] if first_errors else exc
        why = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
        raise NotConnected(f"cannot connect to NATS at {shown} ({_safe(why, resolved)})") from None
    # nats-py reads this option on every reconnect: from now on, never give up.
    nc.options["max_reconnect_attempts"] = -1
    _trackers[nc] = tracker
    log.debug("nats connected", servers=shown)
    return nc


def _is_auth_error(exc: BaseException | None) -> bool:
    return isinstance(exc, nats.errors.AuthorizationError) or (
        exc is not None and "authorization violation" in str(exc).lower()
    )


def _is_certificate_refused(exc: BaseException) -> bool:
    """The server refused our client certificate (a TLS alert it sent: unknown CA, bad or
    missing certificate), as opposed to our refusing its certificate."""
    text = str(exc).lower()
    return isinstance(exc, ssl.SSLError) and "alert" in text and "verify failed" not in text


def _safe(text: str, options: ConnectOptions) -> str:
    """``text`` with any secret of ``options`` (and URL passwords) blanked out."""
    for url in options.server_list():
        if url != redact_url(url):
            text = text.replace(url, redact_url(url))
    for secret in (options.password, options.token):
        if secret:
            text = text.replace(secret, "***")
    return text


async def wait_for_responder(nc: NATS, subject: str, timeout: float) -> bytes | None:
    """Request ``subject`` (empty body) until something answers; its reply, or None once
    ``timeout`` seconds have passed. For readiness pings (keeper, agents).
    :class:`PermissionDenied` if these credentials may not send it."""

    async def ask() -> bytes | None:
        try:
            reply = await request_checked(nc, subject, b"", timeout=0.5)
        except (nats.errors.NoRespondersError, nats.errors.TimeoutError):
            return None
        return bytes(reply.data)

    return await poll_until(ask, timeout)
