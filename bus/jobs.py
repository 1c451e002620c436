"""The compression job queue: one JetStream work-queue stream, one shared durable consumer.

Work-queue retention hands each job to exactly one worker and removes it once acked.
The job's message id is its content hash, so JetStream's duplicate window drops a
second publish of the same payload: a payload put twice is compressed once.

On a NATS cluster the stream (and the keeper's entry bucket, :mod:`bus.store`) should
have more than one replica, or losing the node that holds it stops every put:
:attr:`QueueSettings.replicas`. Creating an existing stream or bucket never fails: a
replica count above the existing one is applied (JetStream scales a stream in place),
any other difference is logged and the existing settings are kept.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import nats.errors
import structlog
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    ConsumerInfo,
    DiscardPolicy,
    KeyValueConfig,
    RetentionPolicy,
    StorageType,
    StreamConfig,
    StreamInfo,
)
from nats.js.errors import (
    APIError,
    BadRequestError,
    NoStreamResponseError,
    NotFoundError,
    ServiceUnavailableError,
)
from nats.js.kv import KeyValue

from bus._errors import NotReady, ReadStalled, ValidationError
from bus._poll import poll_until, retry_until
from bus.subjects import JOBS_CONSUMER, JOBS_STREAM, JOBS_SUBJECTS

__all__ = [
    "JETSTREAM_RECOVERABLE",
    "MAX_REPLICAS",
    "PLACEMENT_TIMEOUT",
    "STARTUP_PATIENCE",
    "QueueSettings",
    "check_replicas",
    "consumer_info",
    "ensure_consumer",
    "ensure_stream",
    "ensure_stream_exists",
    "retry_while_jetstream_recovers",
    "wait_for_workers",
]

#: JetStream keeps at most 5 copies of a stream.
MAX_REPLICAS = 5

# JetStream API error codes (nats-server's server/errors.json).
#: "stream name already in use with a different configuration"
_STREAM_NAME_IN_USE = 10058
#: "replicas > 1 not supported in non-clustered mode"
_REPLICAS_NOT_CLUSTERED = 10074
#: "no suitable peers for placement" (more replicas than the cluster has nodes)
_NO_SUITABLE_PEERS = 10005
#: Seconds a stream that cannot be placed yet (a fresh cluster still forming, a node
#: restarting) is retried before the error counts as permanent (too many replicas).
PLACEMENT_TIMEOUT = 15.0

#: Seconds a starting keeper or worker waits for JetStream to answer (a cluster electing a
#: stream's or its meta leader: ~5 s, longer on a loaded machine; a node coming back to a
#: cluster without quorum) before it gives up and exits.
STARTUP_PATIENCE = 60.0

_log = structlog.get_logger("ctxbus.jobs")

T = TypeVar("T")

#: JetStream answers these while a stream has no leader (its node was lost and the cluster
#: is electing another, a few seconds) or is being scaled: worth retrying for a while.
JETSTREAM_RECOVERABLE: tuple[type[Exception], ...] = (
    NoStreamResponseError,
    ServiceUnavailableError,
    nats.errors.TimeoutError,
    nats.errors.NoRespondersError,
    # A read of a whole stream that stopped short of its end (bus.store.read_entries).
    ReadStalled,
)


async def retry_while_jetstream_recovers(
    call: Callable[[], Awaitable[T]], deadline: float, log: Any = None
) -> T:
    """``call()``, retried with backoff on :data:`JETSTREAM_RECOVERABLE` errors until
    ``deadline`` (``time.monotonic()``); the last error is raised after that."""
    return await retry_until(
        call,
        deadline,
        lambda exc: isinstance(exc, JETSTREAM_RECOVERABLE),
        on_retry=lambda exc, delay: (log or _log).warning(
            "jetstream unavailable, retrying", error=repr(exc), delay=delay
        ),
    )


def check_replicas(replicas: int) -> int:
    if isinstance(replicas, bool) or not isinstance(replicas, int):
        raise ValidationError(f"replicas must be an integer, got {replicas!r}")
    if not 1 <= replicas <= MAX_REPLICAS:
        raise ValidationError(f"replicas must be 1 to {MAX_REPLICAS}, got {replicas}")
    return replicas


@dataclass(frozen=True, slots=True)
class QueueSettings:
    #: Seconds a worker may hold a job without acking or signalling progress
    #: before JetStream redelivers it to another worker. Workers signal progress every
    #: third of it, so it only bounds how long a dead worker's jobs wait.
    ack_wait: float = 3.0
    #: Deliveries before a job is given up (terminated, the put gets an error).
    max_deliver: int = 3
    #: A repeated payload within this window is not queued again.
    duplicate_window: float = 120.0
    #: Jobs nobody takes are dropped after this long (a put waits far less).
    max_age: float = 3600.0
    #: Copies of the job stream (and of the keeper's entry bucket) on a NATS cluster:
    #: 3 on a 3-node cluster survives losing a node. A single server allows only 1.
    replicas: int = 1

    def __post_init__(self) -> None:
        check_replicas(self.replicas)


def _setup_error(exc: APIError, what: str, replicas: int) -> Exception:
    """A clear error for a stream JetStream refuses to create or scale, else ``exc``."""
    if exc.err_code == _REPLICAS_NOT_CLUSTERED:
        return ValidationError(
            f"the {what} cannot have {replicas} replicas: this NATS server runs JetStream "
            "without a cluster (a single server keeps one copy); use --replicas 1 with a "
            "single server"
        )
    if exc.err_code == _NO_SUITABLE_PEERS:
        return ValidationError(
            f"the {what} cannot have {replicas} replicas: {exc.description} "
            "(the NATS cluster has fewer JetStream nodes than replicas)"
        )
    return exc


def _differences(config: StreamConfig, wanted: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, want in wanted.items():
        have = getattr(config, name)
        if isinstance(want, float) and isinstance(have, int | float):
            same = math.isclose(have, want, rel_tol=1e-6)
        else:
            same = have == want
        if not same:
            found[name] = {"existing": have, "wanted": want}
    return found


async def ensure_stream_exists(
    js: JetStreamContext,
    name: str,
    create: Callable[[], Awaitable[object]],
    *,
    what: str,
    replicas: int,
    wanted: Mapping[str, Any],
) -> None:
    """Create stream ``name`` with ``create()`` unless it exists; reconcile it if it does.

    Safe from many processes at once. An existing stream with fewer replicas than asked
    is scaled up in place; one with more keeps them (so a process started without
    ``replicas`` never shrinks a replicated stream); any other difference from
    ``wanted`` (StreamConfig field -> value) is logged and the existing setting kept.
    Asking a single server for more than one replica raises :class:`ValidationError`.
    Returns once the stream has a leader and all its peers (a scale-up takes a moment, and
    creating a consumer meanwhile fails with "insufficient resources").
    """
    try:
        info: StreamInfo | None = await js.stream_info(name)
    except NotFoundError:
        info = None
    if info is None:
        try:
            await _retry_placement(create, what)
        except BadRequestError as exc:
            if exc.err_code != _STREAM_NAME_IN_USE:
                raise _setup_error(exc, what, replicas) from exc
            # Created meanwhile by another process, with other settings: reconcile.
            info = await js.stream_info(name)
        except APIError as exc:
            raise _setup_error(exc, what, replicas) from exc
    if info is not None and await _reconcile(js, info, what=what, replicas=replicas, wanted=wanted):
        info = None  # scaled: look again
    await _wait_until_placed(js, name, info, what=what)


async def ensure_kv_bucket(
    js: JetStreamContext, bucket: str, *, what: str, replicas: int = 1
) -> KeyValue:
    """KV bucket ``bucket`` (one value per key, file storage, ``replicas`` copies), created
    if missing and reconciled like any stream (:func:`ensure_stream_exists`)."""
    check_replicas(replicas)
    config = KeyValueConfig(bucket=bucket, history=1, storage=StorageType.FILE, replicas=replicas)
    await ensure_stream_exists(
        js,
        f"KV_{bucket}",
        lambda: js.create_key_value(config),
        what=what,
        replicas=replicas,
        wanted={"max_msgs_per_subject": 1, "storage": StorageType.FILE},
    )
    return await js.key_value(bucket)


def _placement_pending(exc: APIError) -> bool:
    """JetStream could not place the stream *yet*: a node of a fresh cluster is still
    joining ("peer offline", "no suitable peers for placement")."""
    text = (exc.description or "").lower()
    return exc.err_code == _NO_SUITABLE_PEERS or "peer offline" in text or "no suitable" in text


async def _retry_placement(
    call: Callable[[], Awaitable[T]], what: str, timeout: float = PLACEMENT_TIMEOUT
) -> T:
    """``call()``, retried while JetStream cannot place a stream yet (see
    :func:`_placement_pending`) or has no quorum; the last error after ``timeout``."""

    def pending(exc: Exception) -> bool:
        if isinstance(exc, APIError) and not isinstance(exc, JETSTREAM_RECOVERABLE):
            return _placement_pending(exc)
        return isinstance(exc, JETSTREAM_RECOVERABLE)

    def report(exc: Exception, delay: float) -> None:
        error = exc.description if isinstance(exc, APIError) else repr(exc)
        _log.warning(f"the {what} cannot be placed yet, retrying", error=error)

    return await retry_until(
        call, time.monotonic() + timeout, pending, first_delay=0.1, on_retry=report
    )


def _placed(info: StreamInfo) -> bool:
    cluster = info.cluster
    if cluster is None:  # a single server
        return True
    # A follower on a node that is down still counts: it is placed, the stream has quorum.
    followers = len(cluster.replicas or [])
    return bool(cluster.leader) and followers >= (info.config.num_replicas or 1) - 1


async def _wait_until_placed(
    js: JetStreamContext,
    name: str,
    info: StreamInfo | None,
    *,
    what: str,
    timeout: float = 10.0,
) -> None:
    first = info

    async def placed() -> bool | None:
        nonlocal first
        current, first = first or await js.stream_info(name), None
        return True if _placed(current) else None

    if await poll_until(placed, timeout) is None:
        _log.warning(
            f"the {what} has no leader or not all its replicas yet; going on",
            stream=name,
            waited=timeout,
        )


async def _reconcile(
    js: JetStreamContext,
    info: StreamInfo,
    *,
    what: str,
    replicas: int,
    wanted: Mapping[str, Any],
) -> bool:
    """Log differences, raise the replicas if asked for more; True if the stream changed."""
    config = info.config
    log = _log.bind(stream=config.name)
    differences = _differences(config, wanted)
    if differences:
        log.warning(
            f"the {what} exists with other settings; keeping the existing ones",
            differences=differences,
        )
    existing = config.num_replicas or 1
    if existing < replicas:
        try:
            await _retry_placement(
                lambda: js.update_stream(config.evolve(num_replicas=replicas)), what
            )
        except APIError as exc:
            error = _setup_error(exc, what, replicas)
            if error is not exc:
                raise error from exc
            log.warning(
                f"could not raise the {what}'s replicas; keeping the existing ones",
                existing_replicas=existing,
                wanted_replicas=replicas,
                error=repr(exc),
            )
            return False
        log.info(f"{what} replicas raised", replicas=replicas, was=existing)
        return True
    if existing > replicas:
        # Never shrink: a process started with the default of 1 (an old worker, a
        # forgotten flag) must not undo the replication another one set up.
        log.warning(
            f"the {what} has more replicas than asked; keeping them",
            existing_replicas=existing,
            wanted_replicas=replicas,
        )
    return False


async def ensure_stream(js: JetStreamContext, settings: QueueSettings | None = None) -> None:
    """Create the job stream if it does not exist (idempotent, safe from many processes).

    An existing stream is kept; see :func:`ensure_stream_exists` for how its replicas and
    other settings are reconciled with ``settings``.
    """
    settings = settings or QueueSettings()
    wanted: dict[str, Any] = {
        "subjects": [JOBS_SUBJECTS],
        "retention": RetentionPolicy.WORK_QUEUE,
        "storage": StorageType.FILE,
        "discard": DiscardPolicy.OLD,
        "duplicate_window": settings.duplicate_window,
        "max_age": settings.max_age,
    }
    config = StreamConfig(name=JOBS_STREAM, num_replicas=settings.replicas, **wanted)
    await ensure_stream_exists(
        js,
        JOBS_STREAM,
        lambda: js.add_stream(config),
        what="job stream",
        replicas=settings.replicas,
        wanted=wanted,
    )


async def ensure_consumer(
    js: JetStreamContext, settings: QueueSettings | None = None, log: Any = None
) -> None:
    """Create (or update) the durable pull consumer every worker binds to; ``log`` (the
    worker's) tells of retries."""
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
    # No num_replicas: the consumer has as many as the stream, and follows it when
    # ensure_stream scales the stream up.
    # "Insufficient resources" while another process scales the stream up, or no stream
    # leader for a moment (a node restarting): try again shortly.
    async def add() -> None:
        with contextlib.suppress(BadRequestError):
            await js.add_consumer(JOBS_STREAM, config)

    await retry_while_jetstream_recovers(add, time.monotonic() + 10.0, log)


async def consumer_info(js: JetStreamContext) -> ConsumerInfo | None:
    try:
        info: ConsumerInfo = await js.consumer_info(JOBS_STREAM, JOBS_CONSUMER, timeout=2.0)
        return info
    except NotFoundError:
        return None


async def wait_for_workers(js: JetStreamContext, count: int = 1, timeout: float = 30.0) -> None:
    """Wait until ``count`` workers have pull requests waiting on the job consumer;
    :class:`~bus.NotReady` after ``timeout`` seconds."""

    async def ready() -> bool | None:
        try:
            info = await consumer_info(js)
        except JETSTREAM_RECOVERABLE:
            return None  # the consumer has no leader yet (a cluster still electing): wait
        return True if info is not None and (info.num_waiting or 0) >= count else None

    if await poll_until(ready, timeout) is None:
        noun = "worker" if count == 1 else "workers"
        raise NotReady(f"{count} compression {noun} not ready after {timeout:g}s")
