"""OpenTelemetry trace context in NATS headers, optional (``pip install 'ctxbus[otel]'``).

A request sent while an OpenTelemetry span is current carries that span's W3C trace context
(``traceparent``, ``tracestate``) in its NATS headers: client → keeper, keeper → worker (the
job message), client → agent (the task), agent → keeper. A service that receives a request
with a trace context runs its handler in a span that continues the trace, so whatever it
sends meanwhile carries the context on. Nothing else changes on the wire (docs/protocol.md).

Without ``opentelemetry-api`` installed, or without a current span (no SDK configured, no
span started), every function here does nothing: no header is added, no span is made.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["TRACEPARENT", "enabled", "failed", "headers", "span"]

#: The W3C trace context header (and ``tracestate`` beside it).
TRACEPARENT = "traceparent"

try:
    from opentelemetry import propagate as _propagate
    from opentelemetry import trace as _trace
except ImportError:  # the optional extra is not installed
    _propagate = None  # type: ignore[assignment]
    _trace = None  # type: ignore[assignment]


def enabled() -> bool:
    """True when opentelemetry-api is installed (spans may still be no-ops without an SDK)."""
    return _trace is not None


def headers(base: Mapping[str, str] | None = None) -> dict[str, str] | None:
    """``base`` plus the current span's trace context; ``base`` itself (as a dict, or None)
    when there is no valid current span."""
    if _trace is None or not _trace.get_current_span().get_span_context().is_valid:
        return dict(base) if base is not None else None
    carrier: dict[str, str] = dict(base or {})
    _propagate.inject(carrier)
    return carrier


@contextlib.contextmanager
def span(
    name: str, received: Mapping[str, str] | None, attributes: Mapping[str, Any] | None = None
) -> Iterator[Any]:
    """A server span continuing the trace ``received`` headers carry, current while the
    block runs; nothing when they carry none (or opentelemetry is not installed)."""
    if _trace is None or not received or TRACEPARENT not in received:
        yield None
        return
    parent = _propagate.extract(dict(received))
    tracer = _trace.get_tracer("ctxbus")
    with tracer.start_as_current_span(
        name, context=parent, kind=_trace.SpanKind.SERVER, attributes=dict(attributes or {})
    ) as current:
        yield current


def failed(current: Any, description: str) -> None:
    """Mark the span :func:`span` yielded as failed (nothing if it yielded None)."""
    if current is not None and _trace is not None:
        current.set_status(_trace.Status(_trace.StatusCode.ERROR, description))
