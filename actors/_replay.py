"""Requests applied once: the keeper's bounded replay cache, by request id.

A client sends a request again (same ``request_id``) when it cannot know whether the first
copy was applied: its connection was re-established, or its keeper stopped answering and
another one took over. A put, delete or clear that arrives again must not be applied
twice (a second put of a new key would evict another entry; a second clear would delete
entries put since). So the keeper runs each such request through :class:`ReplayCache`:

- the id is in flight: the new copy waits for the same work and gets the same reply (its
  own reply subject is answered too);
- the id is done: the recorded reply (or error) is sent again, nothing is re-applied;
- otherwise the request runs, and its outcome is recorded.

The cache is bounded by count, bytes and age; a re-send comes within seconds (a client's
per-attempt deadline), so a short memory suffices. Across keepers, the put that stored an
entry is recognised by the ``request_id`` in the entry itself (see the keeper).
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from bus.messages import EntryReply, Message

__all__ = ["ReplayCache", "reply_size"]


def reply_size(reply: Message | None) -> int:
    """A cheap estimate of a recorded reply's memory (only entries can be large)."""
    if isinstance(reply, EntryReply) and reply.entry is not None:
        entry = reply.entry
        return 512 + len(entry.compressed) + len(entry.original) + len(entry.key)
    return 256


class ReplayCache:
    """Outcomes of recent requests by id (see the module docstring)."""

    def __init__(
        self, max_requests: int = 16384, max_bytes: int = 32 * 1024 * 1024, max_age: float = 120.0
    ) -> None:
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.max_age = max_age
        #: In flight: request id -> the future of its reply.
        self._running: dict[str, asyncio.Future[Message | None]] = {}
        #: Done, oldest first: request id -> (its finished future, monotonic end, bytes).
        self._done: OrderedDict[str, tuple[asyncio.Future[Message | None], float, int]] = (
            OrderedDict()
        )
        self._bytes = 0
        #: How many copies were answered from the cache (in flight or done).
        self.replayed = 0

    def __len__(self) -> int:
        return len(self._running) + len(self._done)

    def __contains__(self, request_id: str) -> bool:
        return request_id in self._running or request_id in self._done

    async def run(
        self, request_id: str, work: Callable[[], Awaitable[Message | None]]
    ) -> Message | None:
        """The reply to ``request_id``: the recorded or in-flight one, else ``work()``'s."""
        if not request_id:
            return await work()
        known = self._running.get(request_id)
        if known is None:
            done = self._done.get(request_id)
            known = done[0] if done is not None else None
        if known is not None:
            self.replayed += 1
            # shield: a copy whose handler is cancelled must not cancel the shared work.
            return await asyncio.shield(known)
        future: asyncio.Future[Message | None] = asyncio.get_running_loop().create_future()
        self._running[request_id] = future
        try:
            reply = await work()
        except asyncio.CancelledError:
            # Not finished (the keeper is stopping): a copy that arrives later runs afresh.
            del self._running[request_id]
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning if nobody waits
            self._finish(request_id, future, 256)
            raise
        future.set_result(reply)
        if reply is None:
            # Answered nothing (a deposed keeper): not an outcome to repeat, a copy that
            # arrives later runs afresh.
            del self._running[request_id]
        else:
            self._finish(request_id, future, reply_size(reply))
        return reply

    def recorded(self, request_id: str) -> Message | None:
        """The reply recorded for a finished ``request_id`` (None: unknown, or an error)."""
        done = self._done.get(request_id)
        if done is None or done[0].exception() is not None:
            return None
        return done[0].result()

    def record(self, request_id: str, reply: Message) -> None:
        """Record ``reply`` as the outcome of ``request_id``, applied by another keeper (a
        standby learns it from the bucket); a copy that arrives later gets it, nothing is
        applied again. Replaces an earlier record; a request in flight here is left alone."""
        if not request_id or request_id in self._running:
            return
        old = self._done.pop(request_id, None)
        if old is not None:
            self._bytes -= old[2]
        future: asyncio.Future[Message | None] = asyncio.get_running_loop().create_future()
        future.set_result(reply)
        self._running[request_id] = future
        self._finish(request_id, future, reply_size(reply))

    def _finish(self, request_id: str, future: asyncio.Future[Message | None], size: int) -> None:
        del self._running[request_id]
        self._done[request_id] = (future, time.monotonic(), size)
        self._bytes += size
        cutoff = time.monotonic() - self.max_age
        while self._done:
            oldest, (_future, finished, used) = next(iter(self._done.items()))
            over = len(self._done) > self.max_requests or self._bytes > self.max_bytes
            if not over and finished > cutoff:
                return
            del self._done[oldest]
            self._bytes -= used
