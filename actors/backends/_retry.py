"""The one retry policy of the vendor backends (:class:`RemoteBackend`).

Why the retries are ours
    Both SDKs retry on their own, differently: anthropic retries 408/409/429/5xx twice with
    its own backoff (and obeys an ``x-should-retry`` header); google-genai retries only when
    ``HttpOptions.retry_options`` is set (tenacity, 408/429/5xx) and, on its aiohttp transport
    without retry options, silently retries connection errors after sleeping 1–10 s. Two
    vendors with two policies would make agents behave differently per model and make
    ``attempts`` unknowable. So both SDK clients are built with retries off (anthropic
    ``max_retries=0``; genai ``HttpRetryOptions(attempts=1)``, which also turns that implicit
    aiohttp retry off) and one loop here does them for both: HTTP 429, 500, 502, 503, 504, 529
    and connection errors/timeouts are retried up to ``max_retries`` times, waiting
    ``backoff * 2**n`` with a small seeded jitter, or the server's ``Retry-After`` (seconds or
    an HTTP date, capped at :data:`MAX_RETRY_AFTER`) when it sends one. Any other status fails
    at once. Every retry is logged on ``ctxbus.backend``.
"""

from __future__ import annotations

import abc
import email.utils
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
import structlog

from actors.backends._interface import Backend, BackendError, check_max_tokens

__all__ = [
    "MAX_RETRY_AFTER",
    "RETRY_STATUSES",
    "Failure",
    "RemoteBackend",
    "is_timeout",
    "is_transport_error",
    "retry_after",
]

#: HTTP statuses worth another attempt (529 is Anthropic's "overloaded").
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 529})
#: Longest wait a ``Retry-After`` header (or the backoff) can impose, in seconds.
MAX_RETRY_AFTER = 30.0

_T = TypeVar("_T")


def _logger() -> Any:
    # Looked up per use, not at import: the host process configures structlog later.
    return structlog.get_logger("ctxbus.backend")


@dataclass(frozen=True, slots=True)
class Failure:
    """An SDK exception, classified: what went wrong and whether trying again may help."""

    status: int | None
    message: str
    retryable: bool
    retry_after: float | None = None


def retry_after(headers: object) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date), capped; else None."""
    if not isinstance(headers, Mapping):
        return None
    value = headers.get("retry-after")
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - time.time()
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def is_transport_error(exc: BaseException) -> bool:
    """Connection failures and timeouts as the genai SDK raises them, whichever HTTP library
    it runs on: httpx2 (its default here), httpx or aiohttp. Matched by class, not imported."""
    if isinstance(exc, TimeoutError | ConnectionError):
        return True
    for cls in type(exc).__mro__:
        root = cls.__module__.split(".", 1)[0]
        if (root in ("httpx", "httpx2") and cls.__name__ == "TransportError") or (
            root == "aiohttp" and cls.__name__ == "ClientError"
        ):
            return True
    return False


def is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError) or any("Timeout" in c.__name__ for c in type(exc).__mro__)


class RemoteBackend(Backend):
    """The retry loop and bookkeeping shared by the vendor backends."""

    offline = False

    def __init__(
        self,
        kind: str,
        model: str,
        *,
        base_url: str,
        max_tokens: int,
        timeout: float,
        max_retries: int,
        backoff: float,
    ) -> None:
        if not model:
            raise ValueError("model must be a non-empty model id")
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout!r}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries!r}")
        if backoff < 0:
            raise ValueError(f"backoff must be >= 0, got {backoff!r}")
        self.kind = kind
        self.model = model
        self.base_url = base_url
        self.max_tokens = check_max_tokens(max_tokens)
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.backoff = float(backoff)
        # Seeded, so the same backend retries on the same schedule every run.
        self._rng = random.Random(f"ctxbus:{kind}:{model}")

    @abc.abstractmethod
    def _classify(self, exc: Exception) -> Failure | None:
        """Map an SDK exception to a failure, or None to let it propagate unchanged."""

    def _delay(self, retry: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        if retry_after is not None:
            return retry_after
        base = self.backoff * 2.0 ** min(retry, 30)
        return min(base * (1.0 + 0.25 * self._rng.random()), MAX_RETRY_AFTER)

    async def _call(self, attempt: Callable[[], Awaitable[_T]]) -> tuple[_T, int]:
        """Run ``attempt`` with our retry policy; return its result and the attempts made."""
        attempts = 0
        while True:
            attempts += 1
            try:
                return await attempt(), attempts
            except Exception as exc:
                failure = self._classify(exc)
                if failure is None:
                    raise
                log = _logger().bind(
                    backend=self.kind, model=self.model, attempt=attempts, status=failure.status
                )
                if not failure.retryable or attempts > self.max_retries:
                    log.warning(
                        "model call failed",
                        retryable=failure.retryable,
                        error=failure.message[:300],
                    )
                    raise BackendError(
                        self._message(failure, attempts),
                        status=failure.status,
                        retryable=failure.retryable,
                        attempts=attempts,
                    ) from exc
                delay = self._delay(attempts - 1, failure.retry_after)
                log.warning(
                    "model call failed, retrying",
                    delay=round(delay, 3),
                    retry_after=failure.retry_after,
                    error=failure.message[:300],
                )
                await anyio.sleep(delay)

    def _message(self, failure: Failure, attempts: int) -> str:
        what = f"HTTP {failure.status}" if failure.status is not None else "no HTTP response"
        tries = f"{attempts} attempt" + ("s" if attempts != 1 else "")
        return (
            f"{self.kind} call to {self.model} failed ({what}, {tries}): "
            f"{failure.message or 'no error message'}"
        )

    def _max(self, max_tokens: int | None) -> int:
        return self.max_tokens if max_tokens is None else check_max_tokens(max_tokens)
