"""``SharedContext``: the blocking client, for plain scripts.

nats-py is asyncio-only, so the sync client runs an :class:`AsyncSharedContext` on a
private event loop in a daemon thread and waits on each call.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine, Iterator, Mapping, Sequence
from concurrent.futures import Future
from types import TracebackType
from typing import Any, TypeVar

from bus._client import (
    DEFAULT_MODEL,
    UNSET,
    AsyncSharedContext,
    ClientStatistics,
    ContextWatch,
    _Unset,
)
from bus._errors import NotConnected, RequestTimeout
from bus._tasks import TaskSpec
from bus.blobs import DEFAULT_MAX_PUT_BYTES, Progress
from bus.messages import (
    ChangeEvent,
    ContextEntry,
    ContextStats,
    FitReply,
    TaskDone,
    TaskInput,
)

__all__ = ["SharedContext", "Watch"]

T = TypeVar("T")


class _LoopThread:
    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        if not self._thread.is_alive():
            coro.close()
            raise NotConnected("client is closed")
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(timeout)

    def stop(self) -> None:
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout=5)
        if not self.loop.is_running():
            self.loop.close()


class Watch:
    """Blocking iterator over a :class:`~bus.ContextWatch`."""

    def __init__(self, thread: _LoopThread, watch: ContextWatch, timeout: float | None) -> None:
        self._thread = thread
        self._watch = thread.run(watch.start())
        self.timeout = timeout

    def __iter__(self) -> Iterator[ChangeEvent]:
        return self

    def __next__(self) -> ChangeEvent:
        try:
            return self._thread.run(self._watch.get(self.timeout))
        except RequestTimeout:
            raise StopIteration from None

    def get(self, timeout: float | None = None) -> ChangeEvent:
        """The next event; raises :class:`~bus.RequestTimeout` after ``timeout`` seconds."""
        return self._thread.run(self._watch.get(timeout))

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the client may be closed already
            self._thread.run(self._watch.aclose(), timeout=5)

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class SharedContext:
    """Shared, compressed context on a NATS bus (blocking API; see ``AsyncSharedContext``).

    Connects on construction::

        ctx = SharedContext(servers="nats://127.0.0.1:4222", namespace="default")
        entry = ctx.put("research", report, agent="agent_a")
        ctx.get("research")              # compressed
        ctx.get("research", full=True)   # the exact original
    """

    def __init__(
        self,
        servers: str | Sequence[str] | None = None,
        namespace: str = "default",
        model: str = DEFAULT_MODEL,
        ttl: float | None = 3600,
        max_entries: float | None = 100,
        *,
        agent: str | None = None,
        timeout: float = 5.0,
        put_timeout: float = 60.0,
        name: str = "ctxbus-client",
        max_put_bytes: int = DEFAULT_MAX_PUT_BYTES,
        embedded: bool = True,
        data_dir: str | None = None,
        dedupe: bool = True,
    ) -> None:
        self._async = AsyncSharedContext(
            servers,
            namespace,
            model,
            ttl,
            max_entries,
            agent=agent,
            timeout=timeout,
            put_timeout=put_timeout,
            name=name,
            max_put_bytes=max_put_bytes,
            embedded=embedded,
            data_dir=data_dir,
            dedupe=dedupe,
        )
        self._thread = _LoopThread(f"ctxbus-{namespace}")
        try:
            self._thread.run(self._async.connect())
        except BaseException:
            self._thread.stop()
            raise

    @property
    def namespace(self) -> str:
        return self._async.namespace

    def put(
        self,
        key: str,
        content: str,
        agent: str | None = None,
        *,
        ttl: float | _Unset | None = UNSET,
        content_type: str | None = None,
        timeout: float | None = None,
        progress: Progress | None = None,
        if_revision: int | None = None,
    ) -> ContextEntry:
        """See :meth:`AsyncSharedContext.put` (``progress`` runs on the client's thread;
        ``if_revision`` makes it a compare-and-set, :class:`RevisionMismatch` if lost)."""
        return self._thread.run(
            self._async.put(
                key,
                content,
                agent,
                ttl=ttl,
                content_type=content_type,
                timeout=timeout,
                progress=progress,
                if_revision=if_revision,
            )
        )

    def get(
        self,
        key: str,
        full: bool = False,
        *,
        max_tokens: int | None = None,
        model: str | None = None,
        query: str | None = None,
        progress: Progress | None = None,
    ) -> str | None:
        """See :meth:`AsyncSharedContext.get`."""
        return self._thread.run(
            self._async.get(
                key,
                full=full,
                max_tokens=max_tokens,
                model=model,
                query=query,
                progress=progress,
            )
        )

    def get_fitted(
        self,
        key: str,
        max_tokens: int | None = None,
        *,
        model: str | None = None,
        query: str | None = None,
    ) -> FitReply | None:
        """See :meth:`AsyncSharedContext.get_fitted`."""
        return self._thread.run(self._async.get_fitted(key, max_tokens, model=model, query=query))

    def get_entry(self, key: str, *, progress: Progress | None = None) -> ContextEntry | None:
        return self._thread.run(self._async.get_entry(key, progress=progress))

    def get_omitted(self, key: str, omission_id: str) -> str | None:
        return self._thread.run(self._async.get_omitted(key, omission_id))

    def keys(self) -> list[str]:
        return self._thread.run(self._async.keys())

    def stats(self) -> ContextStats:
        return self._thread.run(self._async.stats())

    def clear(self) -> int:
        return self._thread.run(self._async.clear())

    def delete(self, key: str) -> bool:
        return self._thread.run(self._async.delete(key))

    def statistics(self) -> ClientStatistics:
        return self._async.statistics()

    def wait_for_keeper(self, timeout: float = 30.0) -> str:
        """See :meth:`AsyncSharedContext.wait_for_keeper`."""
        return self._thread.run(self._async.wait_for_keeper(timeout))

    def run_task(
        self,
        role: str,
        instruction: str,
        inputs: Sequence[str | TaskInput],
        output_key: str,
        *,
        options: Mapping[str, Any] | None = None,
        timeout: float = 300.0,
        accept_timeout: float = 5.0,
        check: bool = True,
    ) -> TaskDone:
        """See :meth:`AsyncSharedContext.run_task`."""
        return self._thread.run(
            self._async.run_task(
                role,
                instruction,
                inputs,
                output_key,
                options=options,
                timeout=timeout,
                accept_timeout=accept_timeout,
                check=check,
            )
        )

    def run_pipeline(self, steps: Sequence[TaskSpec], *, timeout: float = 300.0) -> list[TaskDone]:
        return self._thread.run(self._async.run_pipeline(steps, timeout=timeout))

    def watch(
        self,
        key: str | None = None,
        timeout: float | None = None,
        *,
        from_revision: int | None = None,
    ) -> Watch:
        """Change events for ``key`` (or the namespace); subscribed when this returns.

        Iterate it; with ``timeout``, iteration stops after that many quiet seconds.
        Close it (or use ``with``) to unsubscribe. ``from_revision``: replay every event
        after that revision first (see :meth:`AsyncSharedContext.watch`).
        """
        return Watch(self._thread, self._async.watch(key, from_revision=from_revision), timeout)

    def close(self) -> None:
        try:
            self._thread.run(self._async.close(), timeout=10)
        except Exception:  # the loop may already be stopped
            pass
        finally:
            self._thread.stop()

    def __enter__(self) -> SharedContext:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
