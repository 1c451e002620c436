"""The actor base: lifecycle, bounded concurrent handlers, logging, never dying on input.

A nats-py subscription callback handles one message at a time, so :meth:`Actor.subscribe`
spawns a task per message, at most ``max_concurrency`` at once (the callback waits for a
free slot, which pushes back on the subscription instead of growing without bound).

Every actor is a NATS service (``nats.micro``, see :mod:`actors._service`): it answers
``$SRV.PING``, ``$SRV.INFO`` and ``$SRV.STATS`` under :attr:`Actor.service_name`, and the
subscriptions made with ``endpoint=`` are its endpoints, with their subject, queue group,
metadata and the count of requests, errors and processing time. The same counts, with
latency histograms and what each kind of actor adds, are Prometheus metrics
(:attr:`Actor.metrics`), served over HTTP when :attr:`Actor.metrics_port` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.micro.service import ServiceConfig

from actors import __version__
from actors._service import ActorEndpoint, ActorService, service_version
from actors.metrics import ActorMetrics
from bus import (
    ConnectOptions,
    CtxbusError,
    InternalError,
    PermissionDenied,
    PortInUse,
    connect,
    tracing,
)
from bus.connection import guard, permissions, settle
from bus.jobs import retry_while_jetstream_recovers
from bus.messages import Message, encode, encode_error

__all__ = [
    "Actor",
    "ActorStatistics",
    "Handler",
    "ReportedFailure",
    "run_until_signalled",
]

Handler = Callable[[Msg, Any], Awaitable[Message | None]]
T = TypeVar("T")


class ReportedFailure(Exception):
    """Raised by a handler whose request failed but was already answered (an agent task
    reports its failure in a TaskDone): counted as an endpoint error, nothing replied."""

    def __init__(self, code: int, name: str) -> None:
        super().__init__(f"{code}:{name}")
        self.code = code
        self.name = name


@dataclass(frozen=True, slots=True)
class ActorStatistics:
    handled: int
    failed: int
    in_flight: int
    max_concurrency: int


class Actor:
    """Base of every running part. Subclasses override :meth:`setup` and :meth:`cleanup`.

    An actor whose credentials lack a permission it needs (a subscription, a JetStream
    API call) fails to start with :class:`~bus.PermissionDenied` instead of serving half.

    A handler receives ``(msg, log)`` and returns the reply message (or None for no
    reply). A :class:`CtxbusError` it raises becomes an error reply with service error
    headers; anything else becomes an :class:`InternalError` reply and is logged. Either
    way the actor keeps serving.
    """

    #: Which credentials of a local ``ctxbus up`` this actor uses (see bus.options).
    credential_role = "agent"

    #: The NATS service name (``nats micro ls``); one per kind of actor.
    service_name = "ctxbus-actor"
    service_description = "a ctxbus actor"

    #: Serve Prometheus metrics on this port from :meth:`start` (0: a free one; None: no).
    metrics_port: int | None = None
    #: The address the metrics endpoint binds (all interfaces: Prometheus scrapes it).
    metrics_host = "0.0.0.0"

    def __init__(
        self,
        name: str,
        *,
        servers: str | Sequence[str] | ConnectOptions | None = None,
        nc: NATS | None = None,
        max_concurrency: int = 256,
    ) -> None:
        self.name = name
        self.servers = servers
        options = servers if isinstance(servers, ConnectOptions) else ConnectOptions(servers)
        #: How this actor connects; a local ``ctxbus up``'s credentials for its own role.
        self.options = options.replace(role=self.credential_role)
        self.max_concurrency = max_concurrency
        self.log = structlog.get_logger("ctxbus.actor").bind(actor=name)
        self._nc = nc
        self._owns_nc = nc is None
        self._subs: list[Subscription] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopped = asyncio.Event()
        self._started = False
        self._handled = 0
        self._failed = 0
        self._service: ActorService | None = None
        #: This actor's Prometheus metrics (its own registry).
        self.metrics = ActorMetrics(self.service_name)

    @property
    def nc(self) -> NATS:
        if self._nc is None:
            raise RuntimeError(f"actor {self.name} is not started")
        return self._nc

    async def start(self) -> None:
        if self._started:
            return
        if self.metrics_port is not None:
            await self._serve_metrics(self.metrics_port)
        if self._nc is None:
            try:
                self._nc = await connect(
                    self.options, name=self.name, on_reconnected=self.reconnected
                )
            except BaseException:
                await self.metrics.close()
                raise
        tracker = permissions(self.nc)
        seen = tracker.count if tracker else 0

        async def set_up() -> None:
            await self._start_service()
            await self.setup()
            # Subscriptions only count once the server has them (and a refused one has
            # been reported by then).
            await settle(self.nc)

        try:
            await guard(self.nc, set_up(), any_violation=True)
            refused = tracker.since(seen) if tracker else []
            if refused:
                operation, subject = refused[0]
                raise PermissionDenied(
                    f"{self.name} may not {operation} {subject!r}: its credentials lack the "
                    "permission (see `ctxbus auth init` for the roles)",
                    operation=operation,
                    subject=subject,
                )
        except PermissionDenied as exc:
            self.log.error("permission denied", operation=exc.operation, subject=exc.subject)
            await self._abort()
            raise
        self._started = True
        self.log.info("actor started")

    async def _serve_metrics(self, port: int) -> None:
        try:
            bound = await self.metrics.serve(port, self.metrics_host)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUse(
                    f"metrics port {port} is already in use (another actor's "
                    "--metrics-port?): pick another",
                    port=port,
                ) from None
            raise
        self.log.info("metrics served", url=f"http://{self.metrics_host}:{bound}/metrics")

    async def _abort(self) -> None:
        """Undo a start that failed: drop the subscriptions and our own connection."""
        self._stopped.set()
        await self.metrics.close()
        for sub in self._subs:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
        self._subs.clear()
        for task in list(self._tasks):
            task.cancel()
        if self._nc is not None and self._owns_nc and not self._nc.is_closed:
            await self._nc.close()

    def service_metadata(self) -> dict[str, str]:
        """What ``$SRV.INFO`` says about this actor besides name and version."""
        return {"actor": self.name}

    @property
    def service(self) -> ActorService:
        if self._service is None:
            raise RuntimeError(f"actor {self.name} is not started")
        return self._service

    async def _start_service(self) -> None:
        config = ServiceConfig(
            name=self.service_name,
            version=service_version(__version__),
            description=self.service_description,
            metadata=self.service_metadata(),
        )
        self._service = ActorService(self.nc, config, self.metrics)
        await self._service.start()

    async def setup(self) -> None:
        """Subscribe and prepare; called by :meth:`start`."""

    async def reconnected(self) -> None:
        """Called after the connection to NATS is re-established (subscriptions are back)."""

    async def stopping(self) -> None:
        """Called first by :meth:`stop`: interrupt long waits (a pending fetch, say)."""

    async def cleanup(self) -> None:
        """Release what :meth:`setup` took; called by :meth:`stop` after handlers finish."""

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop taking messages, let in-flight handlers finish, then drain the connection."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        await self.stopping()
        if self._service is not None:
            # Unsubscribes the endpoints and leaves $SRV: a stopping actor is not found.
            with contextlib.suppress(Exception):
                await self._service.stop()
        for sub in self._subs:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
        self._subs.clear()
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in pending:
                task.cancel()
        await self.cleanup()
        if self._nc is not None and self._owns_nc and not self._nc.is_closed:
            try:
                await asyncio.wait_for(self._nc.drain(), timeout)
            except Exception:
                await self._nc.close()
        await self.metrics.close()
        self.log.info("actor stopped", handled=self._handled, failed=self._failed)

    async def wait_stopped(self) -> None:
        await self._stopped.wait()

    def statistics(self) -> ActorStatistics:
        return ActorStatistics(
            handled=self._handled,
            failed=self._failed,
            in_flight=len(self._tasks),
            max_concurrency=self.max_concurrency,
        )

    async def __aenter__(self) -> Actor:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # -- message handling ------------------------------------------------------------

    async def subscribe(
        self,
        subject: str,
        handler: Handler,
        queue: str = "",
        max_concurrency: int | None = None,
        inline: bool = False,
        endpoint: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> Subscription:
        """Handle each message of ``subject`` in its own task.

        Every subscription has its own bound (default: the actor's), so slow handlers on
        one subject (puts waiting for workers) never starve another (gets, job results).
        ``inline=True`` runs the handler in the subscription callback itself, one message
        at a time: for handlers that never wait, a task per message is pure overhead.
        ``endpoint`` names the service endpoint this subscription is (``$SRV.INFO`` lists
        it with ``metadata``; ``$SRV.STATS`` counts its requests and errors); without it the
        subscription is internal (pings, broadcasts).
        """
        limit = max_concurrency or self.max_concurrency
        slots = asyncio.Semaphore(limit)
        counted: ActorEndpoint | None = None

        async def handle(msg: Msg, slot: asyncio.Semaphore | None) -> None:
            started = time.perf_counter_ns()
            error = await self._handle(msg, handler, slot)
            if counted is not None:
                counted.record(started, error)

        async def on_message(msg: Msg) -> None:
            if inline:  # already one at a time: no slot needed (the get hot path)
                started = time.perf_counter_ns()
                error = await self._handle(msg, handler, None)
                if counted is not None:
                    counted.record(started, error)
                return
            await slots.acquire()
            task = asyncio.create_task(handle(msg, slots))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        if endpoint is None:
            sub = await self.nc.subscribe(subject, queue=queue, cb=on_message)
            self._subs.append(sub)
            return sub
        info = {**(metadata or {}), "concurrency": "1" if inline else str(limit)}
        counted = await self.service.add_actor_endpoint(endpoint, subject, queue, info, on_message)
        assert counted.subscription is not None
        return counted.subscription

    async def add_endpoint(
        self, name: str, subject: str, queue: str, metadata: dict[str, str]
    ) -> ActorEndpoint:
        """A service endpoint that is not a subscription (the actor calls ``record``)."""
        return await self.service.add_actor_endpoint(name, subject, queue, metadata, None)

    async def through_election(
        self, call: Callable[[], Awaitable[T]], what: str, deadline: float
    ) -> T:
        """``call()``, tried again while JetStream cannot answer it (a cluster electing a
        stream's or its meta leader: timeouts and 503s for seconds), with a warning under
        this actor's name each time, until ``deadline`` (``time.monotonic()``)."""
        return await retry_while_jetstream_recovers(call, deadline, self.log.bind(waiting_for=what))

    def spawn(self, coro: Awaitable[None]) -> asyncio.Task[None]:
        """Run a background task that :meth:`stop` waits for."""

        async def run() -> None:
            await coro

        task = asyncio.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _request_log(self, msg: Msg) -> Any:
        # The reply inbox is unique per request: a free request id.
        request_id = msg.reply.rsplit(".", 1)[-1] if msg.reply else ""
        return self.log.bind(subject=msg.subject, request_id=request_id)

    async def _handle(
        self, msg: Msg, handler: Handler, slots: asyncio.Semaphore | None
    ) -> str | None:
        """Run ``handler`` and reply; never raises. The error it replied (or None).

        A request that carries an OpenTelemetry trace context is handled in a span that
        continues it (see :mod:`bus.tracing`); one without costs a dict lookup."""
        received = msg.headers
        if not received or tracing.TRACEPARENT not in received:
            return await self._dispatch(msg, handler, slots)
        with tracing.span(f"{self.service_name} {msg.subject}", received) as current:
            error = await self._dispatch(msg, handler, slots)
            if error is not None:
                tracing.failed(current, error)
            return error

    async def _dispatch(
        self, msg: Msg, handler: Handler, slots: asyncio.Semaphore | None
    ) -> str | None:
        # Inline handlers are the hot path (gets): bind the request logger only on errors.
        log = self.log if slots is None else self._request_log(msg)
        try:
            reply = await handler(msg, log)
            if reply is not None and msg.reply:
                await self.nc.publish(msg.reply, encode(reply))
            self._handled += 1
            return None
        except ReportedFailure as failure:
            self._failed += 1
            return f"{failure.code}:{failure.name}"
        except CtxbusError as exc:
            self._failed += 1
            log = self._request_log(msg)
            log.info("request refused", error=exc.name, detail=exc.message[:200])
            await self._reply_error(msg, exc)
            return f"{exc.code}:{exc.name}"
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._failed += 1
            self._request_log(msg).exception("handler failed")
            await self._reply_error(msg, InternalError(f"{type(exc).__name__}: {exc}"))
            return f"{InternalError.code}:{InternalError.name}"
        finally:
            if slots is not None:
                slots.release()

    async def _reply_error(self, msg: Msg, error: CtxbusError) -> None:
        if not msg.reply:
            return
        body, headers = encode_error(error)
        with contextlib.suppress(Exception):
            await self.nc.publish(msg.reply, body, headers=headers)


async def run_until_signalled(*actors: Actor, on_started: Callable[[], None] | None = None) -> None:
    """Start the actors, call ``on_started`` (announce readiness), serve until SIGINT/SIGTERM
    (or until one of them stops by itself), then stop them in reverse order."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    for actor in actors:
        await actor.start()
    if on_started is not None:
        on_started()
    try:
        # Until a signal, or until an actor stops by itself (a keeper that lost its lease).
        waits: list[asyncio.Future[Any]] = [asyncio.ensure_future(stop.wait())]
        waits += [asyncio.ensure_future(actor.wait_stopped()) for actor in actors]
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()
    finally:
        for actor in reversed(actors):
            await actor.stop()
