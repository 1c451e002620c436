"""The NATS service (``nats.micro``) behind every actor: ``$SRV.PING/INFO/STATS`` answered,
endpoints listed with their subjects, queue groups and metadata, and per-endpoint stats.

nats-py's micro endpoint runs its handler inside the subscription callback, one request at
a time, and counts an error only when the handler raises. An actor needs more: bounded
concurrency per endpoint (a put waiting for a worker must not hold up the next put), error
replies built by ``bus.messages`` and logged, and endpoints that are not subscriptions at
all (a worker's jobs arrive from a JetStream pull consumer). So the actor does the
dispatch and the service keeps the books: :class:`ActorEndpoint` is a micro ``Endpoint``
whose requests, errors and processing time are counted by :meth:`ActorEndpoint.record`, and
which nats.micro's own ``$SRV.INFO``/``$SRV.STATS`` handlers then report, and which the
actor's Prometheus metrics (:mod:`actors.metrics`) count too.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.micro.service import Endpoint, EndpointConfig, Service, ServiceConfig

from actors.metrics import ActorMetrics, EndpointMetrics

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["ActorEndpoint", "ActorService", "service_version"]

_SEMVER_CORE = re.compile(r"^\d+\.\d+\.\d+")


def service_version(version: str) -> str:
    """``version`` as the semantic version nats.micro insists on (a PEP 440 local or dev
    version such as ``0.1.0.dev3`` keeps its first three numbers)."""
    core = _SEMVER_CORE.match(version)
    return core.group(0) if core else "0.0.0"


async def _never_called(_request: object) -> None:  # pragma: no cover - dispatch is ours
    raise RuntimeError("ActorEndpoint requests are dispatched by the actor")


class ActorEndpoint(Endpoint):
    """A micro endpoint whose messages the actor dispatches (or, with no ``on_message``,
    that has no subscription: the worker's job consumer)."""

    def __init__(
        self,
        service: ActorService,
        name: str,
        subject: str,
        queue: str,
        metadata: dict[str, str],
        on_message: Callable[[Msg], Awaitable[None]] | None,
        metrics: EndpointMetrics | None = None,
    ) -> None:
        config = EndpointConfig(
            name=name,
            handler=_never_called,
            subject=subject,
            queue_group=queue,
            metadata=metadata,
        )
        super().__init__(service, config)
        self._on_message = on_message
        self._metrics = metrics

    @property
    def subscription(self) -> Subscription | None:
        return self._subscription

    async def _start(self) -> None:
        if self._on_message is None:
            return  # described and counted, not subscribed
        self._subscription = await self._service._client.subscribe(
            subject=self._subject, queue=self._queue_group, cb=self._on_message
        )

    async def _stop(self) -> None:
        if self._subscription is not None:
            subscription, self._subscription = self._subscription, None
            await subscription.unsubscribe()

    def record(self, started_ns: int, error: str | None) -> None:
        """Count one request that began at ``started_ns`` (``perf_counter_ns``)."""
        elapsed = time.perf_counter_ns() - started_ns
        self._num_requests += 1
        if error is not None:
            self._num_errors += 1
            self._last_error = error  # type: ignore[assignment]  # nats-py types it None
        self._processing_time += elapsed
        self._average_processing_time = self._processing_time // self._num_requests
        if self._metrics is not None:
            self._metrics.observe(elapsed / 1e9, error)


class ActorService(Service):
    """A ``nats.micro`` service whose endpoints are :class:`ActorEndpoint`\\ s."""

    def __init__(
        self, nc: NATS, config: ServiceConfig, metrics: ActorMetrics | None = None
    ) -> None:
        super().__init__(nc, config)
        self.metrics = metrics

    async def add_actor_endpoint(
        self,
        name: str,
        subject: str,
        queue: str,
        metadata: dict[str, str],
        on_message: Callable[[Msg], Awaitable[None]] | None,
    ) -> ActorEndpoint:
        counted = self.metrics.endpoint(name) if self.metrics is not None else None
        endpoint = ActorEndpoint(self, name, subject, queue, metadata, on_message, counted)
        await endpoint._start()
        self._endpoints.append(endpoint)
        return endpoint
