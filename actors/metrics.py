"""Prometheus metrics of an actor, and the HTTP endpoint that serves them (``--metrics-port``).

Every actor has its own registry (several actors may share a process: ``ctxbus up`` runs the
keeper in-process, the tests run many). What is measured:

- every service endpoint (keeper operations, a worker's jobs, an agent's tasks), counted at
  the dispatch layer (:mod:`actors._service`): ``ctxbus_requests_total``,
  ``ctxbus_request_errors_total`` (by error name) and ``ctxbus_request_duration_seconds``,
  labelled with the service and the endpoint;
- the keeper's store, read at scrape time: ``ctxbus_entries`` per namespace and
  ``ctxbus_tokens_saved`` per namespace and model family;
- a worker's queue: ``ctxbus_job_queue_lag_seconds`` (enqueued to started),
  ``ctxbus_jobs_pending`` (the queue behind the last job fetched) and
  ``ctxbus_compression_seconds`` per content kind;
- an agent's model: ``ctxbus_model_tokens_total`` by direction.

The endpoint is a small asyncio HTTP server on the actor's own event loop (no thread), so a
scrape reads the actor's state on the thread that changes it. ``GET /metrics`` (or ``/``)
answers the Prometheus text format; anything else is 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import Collector

__all__ = ["LATENCY_BUCKETS", "ActorMetrics", "EndpointMetrics", "StoreSnapshot", "error_label"]

#: Seconds: a get takes ~0.2 ms, a put tens of ms to seconds, a task minutes.
LATENCY_BUCKETS = (
    0.0001,
    0.00025,
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
    300.0,
)
_ERROR_CODE_NAME = re.compile(r"^\d+:(\w+)$")
_HEAD_LIMIT = 16 * 1024


def error_label(error: str) -> str:
    """A bounded label for an endpoint's error: ``<code>:<name>`` gives the name, an
    exception text its type (``ValueError: ...`` gives ``ValueError``)."""
    found = _ERROR_CODE_NAME.match(error)
    if found:
        return found.group(1)
    head = error.split(":", 1)[0].strip()
    return head if head.isidentifier() else "error"


@dataclass(frozen=True, slots=True)
class StoreSnapshot:
    """What the keeper holds in one namespace, at scrape time."""

    namespace: str
    entries: int
    #: model family -> tokens saved (original - compressed, as that family counts).
    tokens_saved: dict[str, int]


class EndpointMetrics:
    """One endpoint's children, bound once (a label lookup per request would cost more)."""

    __slots__ = ("_endpoint", "_errors", "_requests", "_seconds", "_service")

    def __init__(self, metrics: ActorMetrics, endpoint: str) -> None:
        self._service, self._endpoint = metrics.service, endpoint
        self._requests = metrics.requests.labels(metrics.service, endpoint)
        self._seconds = metrics.duration.labels(metrics.service, endpoint)
        self._errors = metrics.errors

    def observe(self, seconds: float, error: str | None) -> None:
        self._requests.inc()
        self._seconds.observe(seconds)
        if error is not None:
            self._errors.labels(self._service, self._endpoint, error_label(error)).inc()


class _StoreCollector(Collector):
    def __init__(self, snapshot: Callable[[], Iterable[StoreSnapshot]]) -> None:
        self._snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        entries = GaugeMetricFamily(
            "ctxbus_entries", "Live entries in the keeper's store", labels=["namespace"]
        )
        saved = GaugeMetricFamily(
            "ctxbus_tokens_saved",
            "Tokens saved by the live entries (original minus compressed), as each model "
            "family counts them",
            labels=["namespace", "family"],
        )
        for ns in self._snapshot():
            entries.add_metric([ns.namespace], ns.entries)
            for family, tokens in sorted(ns.tokens_saved.items()):
                saved.add_metric([ns.namespace, family], tokens)
        yield entries
        yield saved


class ActorMetrics:
    """The registry of one actor and the metrics every kind of actor may record."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "ctxbus_requests",
            "Requests handled per service endpoint (jobs for a worker, tasks for an agent)",
            ["service", "endpoint"],
            registry=r,
        )
        self.errors = Counter(
            "ctxbus_request_errors",
            "Requests answered with an error, by error name",
            ["service", "endpoint", "error"],
            registry=r,
        )
        self.duration = Histogram(
            "ctxbus_request_duration_seconds",
            "Time from a request's arrival to its reply (a job: to its ack)",
            ["service", "endpoint"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.queue_lag = Histogram(
            "ctxbus_job_queue_lag_seconds",
            "Time a compression job waited in the queue before a worker started it",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.jobs_pending = Gauge(
            "ctxbus_jobs_pending",
            "Jobs waiting in the queue behind the last one this worker fetched",
            registry=r,
        )
        self.compression = Histogram(
            "ctxbus_compression_seconds",
            "Time to compress one payload, per content kind",
            ["content_type"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.model_tokens = Counter(
            "ctxbus_model_tokens",
            "Tokens an agent's model calls used, by direction (input, output)",
            ["role", "direction"],
            registry=r,
        )
        self._server: asyncio.Server | None = None

    def endpoint(self, name: str) -> EndpointMetrics:
        return EndpointMetrics(self, name)

    def watch_store(self, snapshot: Callable[[], Iterable[StoreSnapshot]]) -> None:
        """Report the keeper's store (entries, tokens saved) from ``snapshot`` at each scrape."""
        self.registry.register(_StoreCollector(snapshot))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    # -- the HTTP endpoint -------------------------------------------------------------

    @property
    def port(self) -> int | None:
        """The port the endpoint listens on (None when not serving)."""
        if self._server is None or not self._server.sockets:
            return None
        return int(self._server.sockets[0].getsockname()[1])

    async def serve(self, port: int, host: str = "0.0.0.0") -> int:
        """Serve ``/metrics`` on ``host:port`` (0: a free port); returns the port."""
        if self._server is None:
            self._server = await asyncio.start_server(self._answer, host, port)
        assert self.port is not None
        return self.port

    async def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), 2.0)

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
            if len(head) > _HEAD_LIMIT:
                raise ValueError("request head too large")
            method, path, *_ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            path = path.split("?", 1)[0]
            if method in ("GET", "HEAD") and path in ("/metrics", "/"):
                status, body, kind = "200 OK", self.exposition(), CONTENT_TYPE_LATEST
            else:
                status, body, kind = "404 Not Found", b"not found\n", "text/plain"
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + (body if method != "HEAD" else b"")
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError):
            pass  # a client that went away or sent garbage: nothing to answer
        except ConnectionError:
            pass
        except Exception:  # a collector failed: say so, keep serving
            with contextlib.suppress(Exception):
                writer.write(b"HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n")
                await writer.drain()
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
