"""CompressionWorker: takes jobs from the shared work queue and compresses them.

Every worker binds to the one durable pull consumer, so starting N worker processes
spreads the jobs over N. A job is acked only after its result is published; a worker
that dies mid-job leaves it unacked and JetStream redelivers it after ``ack_wait`` (a few
seconds). While alive, a worker sends "in progress" for every job it holds (the one
running and those fetched but waiting their turn) every third of ``ack_wait``, so a long
job is never redelivered while still running and a dead worker's jobs move within seconds.

Stopping (SIGTERM, a scale-down) releases the jobs fetched but not started at once
(``nak``: JetStream redelivers them to another worker immediately instead of after
``ack_wait``), finishes the job in progress and acks it. A release counts as a delivery
towards ``max_deliver``, so a fetched job on its last delivery is not released (JetStream
would never deliver it again): the stopping worker runs it too.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import socket
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.object_store import ObjectStore

import transforms
from actors._service import ActorEndpoint
from actors.base import Actor
from bus import BlobMissing, ConnectOptions, CtxbusError, tracing
from bus.blobs import blob_store, download, inline_limit, upload
from bus.jobs import STARTUP_PATIENCE, QueueSettings, ensure_consumer
from bus.messages import SCHEMA_VERSION, CompressionJob, JobResult, OmissionInfo, decode, encode
from bus.subjects import DONE_SUBJECT, JOBS_CONSUMER, JOBS_STREAM, JOBS_SUBJECTS, blobs_bucket
from transforms.tokens import CALIBRATION, ModelInfo, resolve_model, token_kind

__all__ = ["FAMILY_MODELS", "CompressionWorker", "family_tokens", "result_for"]

CompressFn = Callable[..., transforms.CompressResult]

#: One representative model per family, for the per-family token counts of an entry.
FAMILY_MODELS = {
    "claude": transforms.DEFAULT_MODEL,
    "gemini": "gemini-2.5-pro",
    "openai": "gpt-4o",
}
#: Below this size compressing inline is cheaper than a thread hop.
INLINE_BYTES = 32 * 1024


#: Above this many characters, the other families' counts are derived from the job model's
#: count instead of tokenizing the text again (see family_tokens).
DERIVE_COUNTS_CHARS = 256 * 1024


def _factor(info: ModelInfo, kind: str) -> float:
    return 1.0 if info.exact else CALIBRATION[info.family][token_kind(kind)]


def family_tokens(result: transforms.CompressResult) -> dict[str, list[int]]:
    """``[original_tokens, compressed_tokens]`` per family (:data:`FAMILY_MODELS`).

    A family counted with the same encoding as the job's model shares its raw token count,
    which only differs by the calibration factor: for long texts that count is derived
    (at most a token off) rather than tokenized again, which for 64 MB would take seconds
    per family.
    """
    info = resolve_model(result.model)
    counts: dict[str, list[int]] = {}
    for family, model in FAMILY_MODELS.items():
        other = resolve_model(model)
        if other.encoding == info.encoding and len(result.original) > DERIVE_COUNTS_CHARS:
            ratio = _factor(other, result.content_type) / _factor(info, result.content_type)
            counts[family] = [
                math.ceil(result.original_tokens * ratio),
                math.ceil(result.compressed_tokens * ratio),
            ]
        else:
            counts[family] = list(result.tokens_for(model))
    return counts


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
        "tokens_by_family": family_tokens(result),
    }


class CompressionWorker(Actor):
    credential_role = "worker"
    service_name = "ctxbus-worker"
    service_description = (
        "ctxbus compression worker: takes jobs from the JetStream work queue, publishes "
        "the compressed entry on ctxbus.done"
    )

    def __init__(
        self,
        name: str | None = None,
        *,
        servers: str | Sequence[str] | ConnectOptions | None = None,
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
        #: Blob buckets opened so far, by name (one per namespace).
        self._blobs: dict[str, ObjectStore] = {}
        self._psub: JetStreamContext.PullSubscription | None = None
        self._fetch: asyncio.Task[list[Msg]] | None = None
        self._consumer: asyncio.Task[None] | None = None
        #: Fetched and not started yet: released (nak) when the worker stops.
        self._held: deque[Msg] = deque()
        self._jobs: ActorEndpoint | None = None
        #: The job being compressed right now.
        self._running: Msg | None = None
        #: Jobs handed back to the queue unstarted because the worker stopped.
        self.jobs_released = 0

    @property
    def jobs_done(self) -> int:
        """Jobs compressed and acked (the actor's ``handled`` count: its log says so too)."""
        return self._handled

    @property
    def jobs_failed(self) -> int:
        """Failed attempts (bad frames, compressions that raised)."""
        return self._failed

    async def setup(self) -> None:
        # The jobs come from a JetStream pull consumer, not a subscription: the endpoint
        # describes where they come from, and counts them.
        self._jobs = await self.add_endpoint(
            "jobs",
            JOBS_SUBJECTS,
            JOBS_CONSUMER,
            {
                "transport": "jetstream-pull",
                "stream": JOBS_STREAM,
                "consumer": JOBS_CONSUMER,
                "request": CompressionJob.TAG,
                "result": f"{JobResult.TAG} on {DONE_SUBJECT}",
                "schema": str(SCHEMA_VERSION),
            },
        )
        # Encoders and grammars load once per process, before the first job pays for them.
        warm = await asyncio.to_thread(transforms.warm_up)
        self.log.info("transforms ready", **{k: round(v, 3) for k, v in warm.items()})
        js = self._js = self.nc.jetstream()
        # A cluster electing the job stream's (or its meta) leader answers these with
        # timeouts or 503s for seconds: wait it out rather than exit.
        deadline = time.monotonic() + STARTUP_PATIENCE
        await self.through_election(
            lambda: ensure_consumer(js, self.settings, self.log), "job consumer", deadline
        )
        self._psub = await self.through_election(
            lambda: js.pull_subscribe(JOBS_SUBJECTS, durable=JOBS_CONSUMER, stream=JOBS_STREAM),
            "job consumer",
            deadline,
        )
        self._consumer = self.spawn(self._consume_forever())
        self.spawn(self._heartbeat_forever())

    async def _heartbeat_forever(self) -> None:
        """Keep every held job ours: "in progress" well before ack_wait runs out."""
        beat = max(0.1, self.settings.ack_wait / 3)
        while not self._stopped.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), beat)
            msgs = [*self._held, *([self._running] if self._running is not None else [])]
            for msg in msgs:
                try:
                    await msg.in_progress()
                except Exception as exc:  # connection trouble: the next beat tries again
                    self.log.debug("in_progress failed", error=repr(exc))

    async def reconnected(self) -> None:
        # A pull request sent before the connection dropped is gone: pull again now rather
        # than after fetch_timeout, or the keeper sees no worker waiting.
        if self._fetch is not None:
            self._fetch.cancel()

    async def stopping(self) -> None:
        # A pending fetch would hold stop() for up to fetch_timeout: cut it short.
        if self._fetch is not None:
            self._fetch.cancel()
        # No more deliveries to this worker (acks and in_progress need no subscription;
        # drain() hangs while a pull subscription has fetches pending).
        await self._unsubscribe()
        # Hand back what we hold but have not started, so other workers take it now
        # rather than after ack_wait. The job in progress finishes (stop() waits for it).
        await self._release_held()

    async def cleanup(self) -> None:
        await self._unsubscribe()
        # stop() cancelled a job that outlived its timeout: let it hand the job back.
        if self._consumer is not None and not self._consumer.done():
            await asyncio.wait({self._consumer}, timeout=2.0)

    async def _unsubscribe(self) -> None:
        if self._psub is not None:
            psub, self._psub = self._psub, None
            with contextlib.suppress(Exception):
                await psub.unsubscribe()

    async def _release_held(self) -> None:
        """nak every held job (immediate redelivery), except those on their last delivery."""
        held = list(self._held)
        self._held.clear()
        release: list[Msg] = []
        for msg in held:
            if (msg.metadata.num_delivered or 1) >= self.settings.max_deliver:
                self._held.append(msg)  # a nak would lose it: run it before stopping
            else:
                release.append(msg)
        if not release:
            return
        results = await asyncio.gather(*(msg.nak() for msg in release), return_exceptions=True)
        failed = [r for r in results if isinstance(r, BaseException)]
        self.jobs_released += len(release) - len(failed)
        self.log.info(
            "unstarted jobs released",
            released=len(release) - len(failed),
            failed=len(failed),
            kept=len(self._held),
        )

    async def _consume_forever(self) -> None:
        while not self._stopped.is_set():
            psub = self._psub
            if psub is None:
                return
            self._fetch = asyncio.ensure_future(psub.fetch(self.batch, timeout=self.fetch_timeout))
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
            self._held.extend(msgs)
            try:
                if self._stopped.is_set():  # stop() came while the fetch was returning
                    await self._release_held()
                while self._held:
                    self._running = self._held.popleft()
                    try:
                        await self._process(self._running)
                    except Exception as exc:
                        # The connection failed under an ack or a publish (its node lost
                        # mid-job): the unacked job is redelivered; keep taking jobs.
                        self.log.warning("job not finished", error=repr(exc))
                    finally:
                        self._running = None
            finally:
                if self._held:  # cancelled by stop() with jobs still held
                    held, self._held = list(self._held), deque()
                    with contextlib.suppress(Exception):
                        await asyncio.gather(*(m.nak() for m in held))

    async def _process(self, msg: Msg) -> None:
        """Run one job and count it on the ``jobs`` endpoint (a cut-short job is not)."""
        started = time.perf_counter_ns()
        # A job queued while its put was traced continues that trace.
        with tracing.span(f"{self.service_name} {msg.subject}", msg.headers) as current:
            error = await self._run_job(msg)
            if error is not None:
                tracing.failed(current, error)
        if self._jobs is not None:
            self._jobs.record(started, error)

    async def _run_job(self, msg: Msg) -> str | None:
        """The job's outcome: None when done, else what went wrong."""
        deliveries = msg.metadata.num_delivered or 1
        try:
            job = decode(msg.data, CompressionJob)
        except CtxbusError as exc:
            # Nobody can use a frame we cannot read: drop it for good, keep working.
            self.log.error("bad job frame terminated", error=exc.message)
            self._failed += 1
            await msg.term()
            return f"{exc.code}:{exc.name}"
        log = self.log.bind(job_id=job.job_id[:12], namespace=job.namespace, delivery=deliveries)
        if job.enqueued_at > 0:
            self.metrics.queue_lag.observe(max(0.0, time.time() - job.enqueued_at))
        self.metrics.jobs_pending.set(msg.metadata.num_pending or 0)
        started = time.perf_counter()
        try:
            result = await self._run_with_progress(msg, job)
        except asyncio.CancelledError:
            # stop() gave up waiting for this job: hand it back now rather than after
            # ack_wait (a nak counts as a delivery, as the redelivery would).
            log.warning("job cut short by stop, released")
            with contextlib.suppress(Exception):
                await msg.nak()
            raise
        except Exception as exc:
            self._failed += 1
            # A job whose original is gone from the blob store cannot succeed later either.
            if deliveries >= self.settings.max_deliver or isinstance(exc, BlobMissing):
                log.error("job failed for good", error=repr(exc))
                await msg.term()
                failure = JobResult(
                    job_id=job.job_id,
                    nonce=job.nonce,
                    ok=False,
                    worker=self.name,
                    deliveries=deliveries,
                    error=f"{type(exc).__name__}: {exc} (after {deliveries} deliveries)",
                )
                await self.nc.publish(DONE_SUBJECT, encode(failure))
            else:
                log.warning("job failed, will be retried", error=repr(exc))
                await msg.nak(delay=min(5.0, 0.25 * deliveries))
            return f"{type(exc).__name__}: {exc}"[:200]
        seconds = time.perf_counter() - started
        done = JobResult(
            job_id=job.job_id,
            nonce=job.nonce,
            ok=True,
            worker=self.name,
            deliveries=deliveries,
            seconds=seconds,
            **result,
        )
        # Publish first, ack second: a crash in between means a redelivery, never a loss.
        await self.nc.publish(DONE_SUBJECT, encode(done))
        await msg.ack()
        self._handled += 1
        log.info("job done", seconds=round(seconds, 4), tokens=done.compressed_tokens)
        return None

    async def _blob_store(self, bucket: str, create: bool = False) -> ObjectStore:
        if bucket not in self._blobs:
            assert self._js is not None
            self._blobs[bucket] = await blob_store(
                self._js, bucket, create=create, replicas=self.settings.replicas
            )
        return self._blobs[bucket]

    async def _content(self, job: CompressionJob) -> str:
        """The job's text: inline, or read from the object store (claim check)."""
        if job.content_ref is None:
            return job.content
        assert self._js is not None
        store = await self._blob_store(job.content_ref.bucket)
        data = await download(self._js, store, job.content_ref)
        return await asyncio.to_thread(data.decode, "utf-8")

    async def _run_with_progress(self, msg: Msg, job: CompressionJob) -> dict[str, Any]:
        content = await self._content(job)

        def work() -> dict[str, Any]:
            began = time.perf_counter()
            result = self.compress_fn(content, model=job.model, content_type=job.content_type)
            seconds = time.perf_counter() - began
            self.metrics.compression.labels(result.content_type).observe(seconds)
            return result_for(job, result)

        if self.job_delay <= 0 and len(content) < INLINE_BYTES:
            fields = work()
        else:
            fields = await self._in_thread(work)
        compressed: str = fields["compressed"]
        if len(compressed) > inline_limit(self.nc.max_payload) // 4 and (
            len(data := compressed.encode("utf-8")) > inline_limit(self.nc.max_payload)
        ):
            # Too large to ride in the result and the entry: the object store carries it.
            # Into the bucket of the job's namespace, where its readers may read.
            store = await self._blob_store(blobs_bucket(job.namespace), create=True)
            fields["compressed_ref"] = await upload(
                store, data, prefix="c", max_payload=self.nc.max_payload
            )
            fields["compressed"] = ""
        return fields

    async def _in_thread(self, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        # In a thread so the event loop stays free for the heartbeat (_heartbeat_forever).
        task = asyncio.ensure_future(self._delayed(work))
        try:
            return await task
        except asyncio.CancelledError:
            task.cancel()  # a compression already in its thread runs on, unused
            raise

    async def _delayed(self, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if self.job_delay > 0:
            await asyncio.sleep(self.job_delay)
        return await asyncio.to_thread(work)
