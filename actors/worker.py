"""CompressionWorker: takes jobs from the shared work queue and compresses them.

Every worker binds to the one durable pull consumer, so starting N worker processes
spreads the jobs over N. A job is acked only after its result is published; a worker
that dies mid-job leaves it unacked and JetStream redelivers it after ``ack_wait``.
Long jobs send "in progress" so they are not redelivered while still running.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import time
from collections.abc import Callable, Sequence
from typing import Any

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js import JetStreamContext

import transforms
from actors.base import Actor
from bus import CtxbusError
from bus.jobs import QueueSettings, ensure_consumer
from bus.messages import CompressionJob, JobResult, OmissionInfo, decode, encode
from bus.subjects import DONE_SUBJECT, JOBS_CONSUMER, JOBS_STREAM, JOBS_SUBJECTS

__all__ = ["FAMILY_MODELS", "CompressionWorker", "result_for"]

CompressFn = Callable[..., transforms.CompressResult]

#: One representative model per family, for the per-family token counts of an entry.
FAMILY_MODELS = {
    "claude": "claude-sonnet-4-5-20250929",
    "gemini": "gemini-2.5-pro",
    "openai": "gpt-4o",
}
#: Below this size compressing inline is cheaper than a thread hop.
INLINE_BYTES = 32 * 1024


def result_for(job: CompressionJob, result: transforms.CompressResult) -> dict[str, Any]:
    """The JobResult fields for a finished compression."""
    return {
        "compressed": result.compressed,
        "original_tokens": result.original_tokens,
        "compressed_tokens": result.compressed_tokens,
        "transforms": list(result.transforms),
        "content_type": result.content_type,
        "model": result.model,
        "token_counts_exact": result.token_counts_exact,
        "omitted": [
            OmissionInfo(
                id=o.id,
                kind=o.kind,
                spans=[[s, e] for s, e in o.spans],
                count=o.count,
                description=o.description,
            )
            for o in result.omitted
        ],
        "tokens_by_family": {
            family: list(result.tokens_for(model)) for family, model in FAMILY_MODELS.items()
        },
    }


class CompressionWorker(Actor):
    def __init__(
        self,
        name: str | None = None,
        *,
        servers: str | Sequence[str] | None = None,
        nc: NATS | None = None,
        settings: QueueSettings | None = None,
        batch: int = 8,
        fetch_timeout: float = 2.0,
        compress_fn: CompressFn = transforms.compress,
        job_delay: float = 0.0,
    ) -> None:
        super().__init__(
            name or f"worker-{socket.gethostname()}-{os.getpid()}", servers=servers, nc=nc
        )
        self.settings = settings or QueueSettings()
        self.batch = batch
        self.fetch_timeout = fetch_timeout
        self.compress_fn = compress_fn
        #: Extra seconds per job, to simulate slow jobs in demos and chaos tests.
        self.job_delay = job_delay
        self._js: JetStreamContext | None = None
        self._psub: JetStreamContext.PullSubscription | None = None
        self._fetch: asyncio.Task[list[Msg]] | None = None
        self.jobs_done = 0
        self.jobs_failed = 0

    async def setup(self) -> None:
        self._js = self.nc.jetstream()
        await ensure_consumer(self._js, self.settings)
        self._psub = await self._js.pull_subscribe(
            JOBS_SUBJECTS, durable=JOBS_CONSUMER, stream=JOBS_STREAM
        )
        self.spawn(self._consume_forever())

    async def reconnected(self) -> None:
        # A pull request sent before the connection dropped is gone: pull again now rather
        # than after fetch_timeout, or the keeper sees no worker waiting.
        if self._fetch is not None:
            self._fetch.cancel()

    async def stopping(self) -> None:
        # A pending fetch would hold stop() for up to fetch_timeout: cut it short.
        if self._fetch is not None:
            self._fetch.cancel()

    async def cleanup(self) -> None:
        # drain() hangs while a pull subscription has fetches pending: unsubscribe first.
        if self._psub is not None:
            with contextlib.suppress(Exception):
                await self._psub.unsubscribe()
            self._psub = None

    async def _consume_forever(self) -> None:
        assert self._psub is not None
        while not self._stopped.is_set():
            self._fetch = asyncio.ensure_future(
                self._psub.fetch(self.batch, timeout=self.fetch_timeout)
            )
            try:
                msgs = await self._fetch
            except TimeoutError:
                continue
            except asyncio.CancelledError:
                if self._stopped.is_set():
                    return
                current = asyncio.current_task()
                if current is not None and current.cancelling():
                    raise  # we are being cancelled, not just the fetch
                continue
            except Exception as exc:  # connection trouble: back off, keep consuming
                self.log.warning("fetch failed", error=repr(exc))
                await asyncio.sleep(0.5)
                continue
            finally:
                self._fetch = None
            for msg in msgs:
                await self._process(msg)

    async def _process(self, msg: Msg) -> None:
        deliveries = msg.metadata.num_delivered or 1
        try:
            job = decode(msg.data, CompressionJob)
        except CtxbusError as exc:
            # Nobody can use a frame we cannot read: drop it for good, keep working.
            self.log.error("bad job frame terminated", error=exc.message)
            self.jobs_failed += 1
            await msg.term()
            return
        log = self.log.bind(job_id=job.job_id[:12], namespace=job.namespace, delivery=deliveries)
        started = time.perf_counter()
        try:
            result = await self._run_with_progress(msg, job)
        except Exception as exc:
            self.jobs_failed += 1
            if deliveries >= self.settings.max_deliver:
                log.error("job failed for good", error=repr(exc))
                await msg.term()
                failure = JobResult(
                    job_id=job.job_id,
                    ok=False,
                    worker=self.name,
                    deliveries=deliveries,
                    error=f"{type(exc).__name__}: {exc} (after {deliveries} deliveries)",
                )
                await self.nc.publish(DONE_SUBJECT, encode(failure))
            else:
                log.warning("job failed, will be retried", error=repr(exc))
                await msg.nak(delay=min(5.0, 0.25 * deliveries))
            return
        seconds = time.perf_counter() - started
        done = JobResult(
            job_id=job.job_id,
            ok=True,
            worker=self.name,
            deliveries=deliveries,
            seconds=seconds,
            **result,
        )
        # Publish first, ack second: a crash in between means a redelivery, never a loss.
        await self.nc.publish(DONE_SUBJECT, encode(done))
        await msg.ack()
        self.jobs_done += 1
        log.info("job done", seconds=round(seconds, 4), tokens=done.compressed_tokens)

    async def _run_with_progress(self, msg: Msg, job: CompressionJob) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            result = self.compress_fn(job.content, model=job.model, content_type=job.content_type)
            return result_for(job, result)

        if self.job_delay <= 0 and len(job.content) < INLINE_BYTES:
            return work()
        task = asyncio.ensure_future(self._delayed(work))
        # Tell JetStream we are alive well before ack_wait runs out.
        beat = max(0.2, self.settings.ack_wait / 3)
        while True:
            done, _ = await asyncio.wait({task}, timeout=beat)
            if done:
                return task.result()
            await msg.in_progress()

    async def _delayed(self, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if self.job_delay > 0:
            await asyncio.sleep(self.job_delay)
        return await asyncio.to_thread(work)
