"""One deadline-poll and one retry-with-backoff loop for everything that waits on the bus.

``poll_until`` asks ``check()`` until it answers (anything but None) or the time is up;
``retry_until`` calls ``call()`` again after the errors ``retryable`` accepts, with doubling
delays, until a deadline. Both measure time on ``time.monotonic()``; the last attempt is
never skipped, so a deadline that has already passed still gets one try.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["poll_until", "retry_until"]

T = TypeVar("T")


async def poll_until(
    check: Callable[[], Awaitable[T | None]], timeout: float, interval: float = 0.05
) -> T | None:
    """``check()`` every ``interval`` seconds until it returns something other than None
    (returned) or ``timeout`` seconds have passed (None)."""
    deadline = time.monotonic() + timeout
    while True:
        found = await check()
        if found is not None:
            return found
        if time.monotonic() >= deadline:
            return None
        await asyncio.sleep(min(interval, max(0.0, deadline - time.monotonic())))


async def retry_until(
    call: Callable[[], Awaitable[T]],
    deadline: float,
    retryable: Callable[[Exception], bool],
    *,
    first_delay: float = 0.05,
    max_delay: float = 1.0,
    on_retry: Callable[[Exception, float], None] | None = None,
) -> T:
    """``call()``, again after each error ``retryable(exc)`` accepts, waiting ``first_delay``
    then twice as long each time (at most ``max_delay``), while the next try would start
    before ``deadline`` (``time.monotonic()``); then the last error is raised."""
    delay = first_delay
    while True:
        try:
            return await call()
        except Exception as exc:
            if not retryable(exc) or time.monotonic() + delay >= deadline:
                raise
            if on_retry is not None:
                on_retry(exc, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, max_delay)
