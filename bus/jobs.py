"""The compression job queue: one JetStream work-queue stream, one shared durable consumer.

Work-queue retention hands each job to exactly one worker and removes it once acked.
The job's message id is its content hash, so JetStream's duplicate window drops a
second publish of the same payload: a payload put twice is compressed once.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    ConsumerInfo,
    DiscardPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
)
from nats.js.errors import BadRequestError, NotFoundError

from bus.subjects import JOBS_CONSUMER, JOBS_STREAM, JOBS_SUBJECTS

__all__ = [
    "QueueSettings",
    "consumer_info",
    "ensure_consumer",
    "ensure_stream",
    "wait_for_workers",
]


@dataclass(frozen=True, slots=True)
class QueueSettings:
    #: Seconds a worker may hold a job without acking or signalling progress
    #: before JetStream redelivers it to another worker.
    ack_wait: float = 30.0
    #: Deliveries before a job is given up (terminated, the put gets an error).
    max_deliver: int = 3
    #: A repeated payload within this window is not queued again.
    duplicate_window: float = 120.0
    #: Jobs nobody takes are dropped after this long (a put waits far less).
    max_age: float = 3600.0


async def ensure_stream(js: JetStreamContext, settings: QueueSettings | None = None) -> None:
    """Create the job stream if it does not exist (idempotent, safe from many processes)."""
    settings = settings or QueueSettings()
    config = StreamConfig(
        name=JOBS_STREAM,
        subjects=[JOBS_SUBJECTS],
        retention=RetentionPolicy.WORK_QUEUE,
        storage=StorageType.FILE,
        discard=DiscardPolicy.OLD,
        duplicate_window=settings.duplicate_window,
        max_age=settings.max_age,
    )
    try:
        await js.stream_info(JOBS_STREAM)
    except NotFoundError:
        # Another process may create it between our check and our add.
        with contextlib.suppress(BadRequestError):
            await js.add_stream(config)


async def ensure_consumer(js: JetStreamContext, settings: QueueSettings | None = None) -> None:
    """Create (or update) the durable pull consumer every worker binds to."""
    settings = settings or QueueSettings()
    config = ConsumerConfig(
        durable_name=JOBS_CONSUMER,
        ack_policy=AckPolicy.EXPLICIT,
        ack_wait=settings.ack_wait,
        max_deliver=settings.max_deliver,
        filter_subject=JOBS_SUBJECTS,
        max_ack_pending=10_000,
        max_waiting=512,
    )
    await ensure_stream(js, settings)
    # add_consumer with the same durable name updates the editable fields (ack_wait,
    # max_deliver), so the last worker to start decides them; all workers normally agree.
    with contextlib.suppress(BadRequestError):
        await js.add_consumer(JOBS_STREAM, config)


async def consumer_info(js: JetStreamContext) -> ConsumerInfo | None:
    try:
        info: ConsumerInfo = await js.consumer_info(JOBS_STREAM, JOBS_CONSUMER, timeout=2.0)
        return info
    except NotFoundError:
        return None


async def wait_for_workers(js: JetStreamContext, count: int = 1, timeout: float = 30.0) -> None:
    """Wait until ``count`` workers have pull requests waiting on the job consumer."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        info = await consumer_info(js)
        if info is not None and (info.num_waiting or 0) >= count:
            return
        if loop.time() >= deadline:
            raise TimeoutError(f"{count} compression workers not ready after {timeout:g}s")
        await asyncio.sleep(0.05)
