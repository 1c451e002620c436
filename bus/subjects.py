"""Every NATS subject, stream and consumer name ctxbus uses, built in one place.

Keys may hold any UTF-8 text (dots, spaces, ``*``, ``>``), so wherever a key appears
in a subject it is carried as an unpadded base64url token, which uses only
``[A-Za-z0-9_-]`` and is therefore always a single safe subject token.
"""

from __future__ import annotations

import base64
import re

from bus._errors import InvalidKey, InvalidNamespace

__all__ = [
    "AGENT_QUEUE_PREFIX",
    "BLOBS_BUCKET",
    "DONE_SUBJECT",
    "ENTRIES_BUCKET",
    "EVENTS_STREAM",
    "EVENTS_SUBJECTS",
    "JOBS_CONSUMER",
    "JOBS_STREAM",
    "JOBS_SUBJECTS",
    "KEEPER_LEASE_BUCKET",
    "KEEPER_PING",
    "KEEPER_QUEUE",
    "MAX_KEY_BYTES",
    "OPS",
    "PREFIX",
    "agent_ping_subject",
    "blobs_bucket",
    "decode_key_token",
    "event_subject",
    "events_wildcard",
    "is_blobs_bucket",
    "job_subject",
    "key_token",
    "request_subject",
    "request_wildcard",
    "task_done_subject",
    "task_subject",
    "validate_key",
    "validate_namespace",
    "validate_role",
    "validate_task_id",
]

PREFIX = "ctxbus"
KEEPER_QUEUE = "ctxbus-keepers"
AGENT_QUEUE_PREFIX = "ctxbus-agents-"
JOBS_STREAM = "CTXBUS_JOBS"
JOBS_SUBJECTS = f"{PREFIX}.job.>"
JOBS_CONSUMER = "ctxbus-workers"
ENTRIES_BUCKET = "ctxbus_entries"
#: JetStream stream keeping the recent change events, for watches that resume (bus/events.py).
EVENTS_STREAM = "CTXBUS_EVENTS"
EVENTS_SUBJECTS = f"{PREFIX}.evt.>"
#: Object store buckets for texts too large to travel inline (see bus/blobs.py): one per
#: namespace, ``ctxbus_blobs_<namespace>`` (:func:`blobs_bucket`), so NATS permissions can
#: keep each tenant's large texts to itself; ``ctxbus_blobs`` itself is the one bucket of
#: earlier versions, still read and cleaned up.
BLOBS_BUCKET = "ctxbus_blobs"
KEEPER_PING = f"{PREFIX}.keeper.ping"
#: JetStream KV bucket holding the active keeper's lease (record ``active``; bus/lease.py).
KEEPER_LEASE_BUCKET = "ctxbus_keeper"
DONE_SUBJECT = f"{PREFIX}.done"
MAX_KEY_BYTES = 256
OPS = ("put", "get", "entry", "keys", "stats", "clear", "delete", "omitted", "fit", "resume")

_NAMESPACE_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def validate_namespace(namespace: object) -> str:
    if not isinstance(namespace, str) or not _NAMESPACE_RE.fullmatch(namespace):
        raise InvalidNamespace(f"namespace must match [A-Za-z0-9_-]{{1,64}}, got {namespace!r:.80}")
    return namespace


def blobs_bucket(namespace: str) -> str:
    """The object store bucket of ``namespace``'s large texts."""
    return f"{BLOBS_BUCKET}_{validate_namespace(namespace)}"


def is_blobs_bucket(bucket: str) -> bool:
    """Whether ``bucket`` is one of ctxbus's object store buckets."""
    if bucket == BLOBS_BUCKET:
        return True
    prefix = f"{BLOBS_BUCKET}_"
    return bucket.startswith(prefix) and bool(_NAMESPACE_RE.fullmatch(bucket[len(prefix) :]))


def validate_role(role: object) -> str:
    """Agent roles follow the namespace rule (they are subject tokens too)."""
    if not isinstance(role, str) or not _NAMESPACE_RE.fullmatch(role):
        raise InvalidNamespace(f"agent role must match [A-Za-z0-9_-]{{1,64}}, got {role!r:.80}")
    return role


def validate_key(key: object) -> str:
    if not isinstance(key, str):
        raise InvalidKey(f"key must be str, got {type(key).__name__}")
    try:
        size = len(key.encode("utf-8"))
    except UnicodeEncodeError as exc:  # lone surrogates
        raise InvalidKey(f"key is not valid UTF-8: {exc.reason}") from None
    if not 1 <= size <= MAX_KEY_BYTES:
        raise InvalidKey(f"key must be 1-{MAX_KEY_BYTES} bytes of UTF-8, got {size} bytes")
    if _CONTROL_RE.search(key):
        raise InvalidKey(f"key must not contain control characters: {key!r:.80}")
    return key


def key_token(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode("utf-8")).rstrip(b"=").decode("ascii")


def decode_key_token(token: str) -> str:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")


def request_subject(namespace: str, op: str) -> str:
    return f"{PREFIX}.req.{namespace}.{op}"


def request_wildcard() -> str:
    return f"{PREFIX}.req.*.*"


def event_subject(namespace: str, key: str) -> str:
    return f"{PREFIX}.evt.{namespace}.{key_token(key)}"


def events_wildcard(namespace: str) -> str:
    return f"{PREFIX}.evt.{namespace}.*"


def job_subject(namespace: str) -> str:
    return f"{PREFIX}.job.{namespace}"


def task_subject(namespace: str, role: str) -> str:
    """Tasks for ``role`` in ``namespace`` (``*``: an agent serving every namespace).

    Tasks are namespaced like requests, so NATS permissions keep one tenant's tasks (their
    instructions, inputs and outcomes) from another's agents."""
    return f"{PREFIX}.task.{namespace}.{role}"


def agent_ping_subject(namespace: str, role: str) -> str:
    """Every agent of ``role`` answers here with its name (readiness, discovery)."""
    return f"{PREFIX}.agent.ping.{namespace}.{role}"


def task_done_subject(namespace: str, task_id: str) -> str:
    return f"{PREFIX}.taskdone.{namespace}.{task_id}"


def validate_task_id(task_id: object) -> str:
    """Task ids are subject tokens too (the done subject carries them)."""
    if not isinstance(task_id, str) or not _NAMESPACE_RE.fullmatch(task_id):
        raise InvalidKey(f"task id must match [A-Za-z0-9_-]{{1,64}}, got {task_id!r:.80}")
    return task_id
