"""Every message that crosses the wire, in one place.

A frame is a msgpack map ``{"v": SCHEMA_VERSION, "t": <type tag>, <fields>...}``.
:func:`encode` is the only way ctxbus builds a payload and :func:`decode` the only way
it reads one: a frame that is not msgpack, has an unknown tag, misses a field or has a
field of the wrong type raises :class:`~bus.MalformedFrame`; a frame from another
schema version raises :class:`~bus.UnsupportedVersion`. Neither ever crashes a reader.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import secrets
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, Union, get_args, get_origin

import msgpack

from bus._errors import (
    CtxbusError,
    MalformedFrame,
    UnsupportedVersion,
    describe,
    error_for_code,
)

__all__ = [
    "ERROR_CODE_HEADER",
    "ERROR_HEADER",
    "SCHEMA_VERSION",
    "AgentTask",
    "BlobRef",
    "ChangeEvent",
    "ClearReply",
    "CompressionJob",
    "ContextEntry",
    "ContextStats",
    "DeleteReply",
    "EntryReply",
    "ErrorReply",
    "FitReply",
    "FitRequest",
    "InputUsed",
    "JobResult",
    "KeeperLease",
    "KeyRequest",
    "KeysReply",
    "Message",
    "NamespaceRequest",
    "OmissionInfo",
    "OmittedRequest",
    "PutRequest",
    "ResumeReply",
    "ResumeRequest",
    "TaskAccepted",
    "TaskDone",
    "TaskInput",
    "TextReply",
    "decode",
    "decode_reply",
    "encode",
    "encode_error",
    "new_request_id",
]

#: 2: large texts travel as BlobRef (claim check) with an empty inline text.
#: 3: every client request carries a ``request_id`` (a re-sent request is applied once).
SCHEMA_VERSION = 3
#: The oldest version any frame is read in (a class may ask for more: ``MIN_VERSION``).
OLDEST_VERSION = 2
#: An error reply carries these NATS service error headers (and an ErrorReply body).
ERROR_CODE_HEADER = "Nats-Service-Error-Code"
ERROR_HEADER = "Nats-Service-Error"
#: A serving keeper's readiness ping reply carries its instance id (random per start) here,
#: so a client can tell "my keeper is busy" from "my keeper was replaced".
KEEPER_INSTANCE_HEADER = "Ctxbus-Keeper-Instance"

_REQUEST_PREFIX = ""
_REQUEST_COUNTER = itertools.count()


def _new_request_prefix() -> None:
    global _REQUEST_PREFIX, _REQUEST_COUNTER
    _REQUEST_PREFIX = secrets.token_hex(8)
    _REQUEST_COUNTER = itertools.count()


_new_request_prefix()
# A forked child must not hand out its parent's ids.
os.register_at_fork(after_in_child=_new_request_prefix)


def new_request_id() -> str:
    """A request id unique across processes: a random per-process prefix and a counter."""
    return f"{_REQUEST_PREFIX}{next(_REQUEST_COUNTER):x}"


M = TypeVar("M", bound="Message")


class Message:
    """Base of every wire message. Subclasses are dataclasses with a unique ``TAG``."""

    TAG: ClassVar[str] = ""
    #: Frames of an older schema version than this are refused (UnsupportedVersion).
    MIN_VERSION: ClassVar[int] = OLDEST_VERSION
    _registry: ClassVar[dict[str, type[Message]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.TAG:
            known = Message._registry.get(cls.TAG)
            # dataclass(slots=True) rebuilds the class, so the same class registers twice.
            if known is not None and known.__qualname__ != cls.__qualname__:
                raise RuntimeError(f"duplicate message tag {cls.TAG!r}")
            Message._registry[cls.TAG] = cls

    def to_wire(self) -> dict[str, Any]:
        return {name: _to_wire(getattr(self, name)) for name, _c, _r in _plan(type(self))}

    @classmethod
    def from_wire(cls: type[M], data: dict[str, Any]) -> M:
        kwargs: dict[str, Any] = {}
        for name, convert, required in _plan(cls):
            if name in data:
                kwargs[name] = convert(data[name])
            elif required:
                raise MalformedFrame(f"{cls.TAG} frame lacks field {name!r}")
        return cls(**kwargs)


Converter = Callable[[Any], Any]


Plan = tuple[tuple[str, Converter, bool], ...]
_PLANS: dict[type, Plan] = {}


def _plan(cls: type[Message]) -> Plan:
    """Per message class, once: each field's name, its checking converter, and if required.

    Building the converters from the annotations once keeps decoding off the typing
    machinery on the hot path (every get decodes two frames).
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _build_plan(cls)
    return plan


def _build_plan(cls: type[Message]) -> Plan:
    hints = typing.get_type_hints(cls)
    return tuple(
        (
            f.name,
            _converter(hints[f.name], f"{cls.TAG}.{f.name}"),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
    )


def _to_wire(value: Any) -> Any:
    if isinstance(value, str | int | float | bool | bytes) or value is None:
        return value
    if isinstance(value, Message):
        return value.to_wire()
    if isinstance(value, list | tuple):
        return [_to_wire(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_wire(v) for k, v in value.items()}
    return value


def _wrong(value: Any, expected: object, where: str) -> MalformedFrame:
    return MalformedFrame(f"{where}: expected {expected}, got {type(value).__name__}")


def _converter(hint: Any, where: str) -> Converter:
    """A function that checks a decoded value against ``hint`` (building nested messages)."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        nullable = type(None) in options
        converters = [_converter(o, where) for o in options if o is not type(None)]

        def union(value: Any) -> Any:
            if value is None and nullable:
                return None
            for convert in converters:
                try:
                    return convert(value)
                except MalformedFrame:
                    continue
            raise MalformedFrame(f"{where}: unexpected {type(value).__name__}")

        return union
    if hint is Any:
        return lambda value: value
    if hint is type(None):

        def none(value: Any) -> None:
            if value is not None:
                raise _wrong(value, hint, where)

        return none
    if origin is list:
        (item_hint,) = get_args(hint)
        item = _converter(item_hint, where)

        def as_list(value: Any) -> list[Any]:
            if not isinstance(value, list):
                raise _wrong(value, hint, where)
            return [item(v) for v in value]

        return as_list
    if origin is dict:
        key_hint, value_hint = get_args(hint)
        key, val = _converter(key_hint, where), _converter(value_hint, where)

        def as_dict(value: Any) -> dict[Any, Any]:
            if not isinstance(value, dict):
                raise _wrong(value, hint, where)
            return {key(k): val(v) for k, v in value.items()}

        return as_dict
    if isinstance(hint, type) and issubclass(hint, Message):
        message_cls = hint

        def as_message(value: Any) -> Message:
            if not isinstance(value, dict):
                raise _wrong(value, hint, where)
            return message_cls.from_wire(value)

        return as_message
    if hint is float:

        def as_float(value: Any) -> float:
            if type(value) is float:
                return value
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            raise _wrong(value, hint, where)

        return as_float
    if hint is int:

        def as_int(value: Any) -> int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise _wrong(value, hint, where)

        return as_int
    if isinstance(hint, type):
        exact = hint

        def of_type(value: Any) -> Any:
            if isinstance(value, exact):
                return value
            raise _wrong(value, hint, where)

        return of_type
    raise TypeError(f"{where}: annotation {hint!r} is not supported on the wire")


def encode(message: Message) -> bytes:
    body = message.to_wire()
    body["v"] = SCHEMA_VERSION
    body["t"] = message.TAG
    return msgpack.packb(body, use_bin_type=True)


def decode(data: bytes, expected: type[M] | tuple[type[Message], ...] | None = None) -> M:
    """Decode one frame; ``expected`` restricts which message types are acceptable."""
    try:
        body = msgpack.unpackb(data, raw=False, strict_map_key=True)
    except Exception as exc:  # msgpack raises several unrelated types
        raise MalformedFrame(f"not a msgpack frame: {exc.__class__.__name__}") from None
    if not isinstance(body, dict):
        raise MalformedFrame("frame is not a map")
    version = body.pop("v", None)
    if version != SCHEMA_VERSION:
        if not isinstance(version, int) or isinstance(version, bool):
            raise MalformedFrame("frame has no schema version")
        if not OLDEST_VERSION <= version <= SCHEMA_VERSION:
            raise UnsupportedVersion(
                f"schema version {version} not supported (this side speaks {SCHEMA_VERSION})"
            )
    tag = body.pop("t", None)
    cls = Message._registry.get(tag) if isinstance(tag, str) else None
    if cls is None:
        raise MalformedFrame(f"unknown message type {tag!r:.40}")
    if version < cls.MIN_VERSION:
        raise UnsupportedVersion(
            f"a schema version {version} {tag} frame is no longer accepted (version "
            f"{cls.MIN_VERSION} added what it lacks; this side speaks {SCHEMA_VERSION}): "
            "upgrade the sender"
        )
    if expected is not None:
        allowed = expected if isinstance(expected, tuple) else (expected,)
        if cls not in allowed:
            names = ", ".join(c.TAG for c in allowed)
            raise MalformedFrame(f"expected {names}, got {tag}")
    return typing.cast(M, cls.from_wire(body))


def encode_error(error: CtxbusError) -> tuple[bytes, dict[str, str]]:
    """The body and the service error headers of an error reply."""
    body = encode(ErrorReply(code=error.code, name=error.name, message=error.message))
    return body, {ERROR_CODE_HEADER: str(error.code), ERROR_HEADER: describe(error)}


def decode_reply(data: bytes, headers: typing.Mapping[str, str] | None, expected: type[M]) -> M:
    """Decode a reply, raising the exception its service error headers name."""
    if headers and ERROR_CODE_HEADER in headers:
        try:
            code = int(headers[ERROR_CODE_HEADER])
        except ValueError:
            code = 500
        raise error_for_code(code, headers.get(ERROR_HEADER, ""))
    return decode(data, expected)


# --- context entries ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlobRef(Message):
    """A text kept in the object store instead of inline (see bus/blobs.py).

    Where a message has a ``*_ref`` set, the matching inline text is empty.
    """

    TAG: ClassVar[str] = "blob"
    bucket: str
    name: str
    #: UTF-8 bytes of the text.
    size: int
    #: The object store's digest of those bytes (``SHA-256=<base64url>``).
    digest: str

    @property
    def key(self) -> str:
        """``bucket:name``: one object, whichever bucket it is in."""
        return f"{self.bucket}:{self.name}"


@dataclass(frozen=True, slots=True)
class OmissionInfo(Message):
    """Where one omitted part of the original lies (see ``transforms.Omission``)."""

    TAG: ClassVar[str] = "omission"
    id: str
    kind: str
    spans: list[list[int]]
    count: int
    description: str


@dataclass(frozen=True, slots=True)
class ContextEntry(Message):
    """One stored context entry: the original, its compressed form and metadata."""

    TAG: ClassVar[str] = "entry"
    key: str
    original: str
    compressed: str
    original_tokens: int
    compressed_tokens: int
    agent: str | None
    timestamp: float
    transforms: list[str]
    namespace: str = "default"
    content_type: str = "text"
    model: str = ""
    token_counts_exact: bool = False
    expires_at: float | None = None
    content_hash: str = ""
    omitted: list[OmissionInfo] = field(default_factory=list)
    #: model family -> [original_tokens, compressed_tokens] as that family counts.
    tokens_by_family: dict[str, list[int]] = field(default_factory=dict)
    #: Set when the original (or compressed text) lives in the object store; the clients
    #: read it from there and fill in ``original`` (``compressed``) before returning.
    original_ref: BlobRef | None = None
    compressed_ref: BlobRef | None = None
    #: The request id of the put that stored this version of the entry: a put sent again
    #: (its keeper died before the reply) is recognised by any keeper and not re-applied.
    request_id: str = ""
    #: The entry bucket's revision of this version of the entry (its stream sequence):
    #: increases with every write of any key; ``put(..., if_revision=...)`` compares it.
    #: 0 in the bucket record itself (a reader takes the record's revision) and for an
    #: entry that was never kept (max_entries 0, ttl 0).
    revision: int = 0

    @property
    def blob_names(self) -> list[str]:
        """The objects this entry refers to, as ``bucket:name`` (:attr:`BlobRef.key`)."""
        return [r.key for r in (self.original_ref, self.compressed_ref) if r is not None]

    @property
    def tokens_saved(self) -> int:
        return max(0, self.original_tokens - self.compressed_tokens)

    @property
    def savings_percent(self) -> float:
        if self.original_tokens <= 0:
            return 0.0
        return round(100.0 * self.tokens_saved / self.original_tokens, 1)


@dataclass(frozen=True, slots=True)
class ContextStats(Message):
    """Statistics of one namespace, with headroom's names."""

    TAG: ClassVar[str] = "stats"
    entries: int
    total_original_tokens: int
    total_compressed_tokens: int
    total_tokens_saved: int
    savings_percent: float
    namespace: str = "default"
    max_entries: int | None = None


# --- client -> keeper requests -----------------------------------------------------


# Every request a client sends carries ``request_id``: the same id on every re-send of one
# call (after a reconnect or a keeper failover), so a keeper applies a put, delete or clear
# once however often it arrives (see docs/architecture.md, "Failover"). Version 2 frames
# lack it and are refused with UnsupportedVersion.
@dataclass(frozen=True, slots=True)
class PutRequest(Message):
    TAG: ClassVar[str] = "put"
    MIN_VERSION: ClassVar[int] = 3
    key: str
    content: str
    agent: str | None = None
    ttl: float | None = None
    max_entries: int | None = None
    model: str = ""
    content_type: str | None = None
    #: Seconds the keeper may wait for a worker before failing the put.
    timeout: float = 30.0
    #: A large original, uploaded to the object store (``content`` is then empty).
    original_ref: BlobRef | None = None
    #: Cross-entry dedupe: when ``base_key`` is set, ``content`` holds only the new part;
    #: the whole text is the base entry's original's first ``keep_head`` and last
    #: ``keep_tail`` characters (code points) around it. ``base_sha256`` is the base
    #: original's SHA-256 as the client knows it, ``content_sha256`` the whole text's.
    base_key: str = ""
    base_sha256: str = ""
    keep_head: int = 0
    keep_tail: int = 0
    content_sha256: str = ""
    request_id: str = field(default_factory=new_request_id)
    #: Compare-and-set: store only if the key's current revision is this one (0: only if
    #: the key is absent); otherwise the put fails with ``RevisionMismatch``. None: always.
    if_revision: int | None = None


@dataclass(frozen=True, slots=True)
class KeyRequest(Message):
    """get (compressed or full text), get_entry and delete all name one key."""

    TAG: ClassVar[str] = "key"
    MIN_VERSION: ClassVar[int] = 3
    key: str
    full: bool = False
    request_id: str = field(default_factory=new_request_id)


@dataclass(frozen=True, slots=True)
class OmittedRequest(Message):
    """Ask for just one omitted part of an entry's original."""

    TAG: ClassVar[str] = "omitted_req"
    MIN_VERSION: ClassVar[int] = 3
    key: str
    omission_id: str
    request_id: str = field(default_factory=new_request_id)


@dataclass(frozen=True, slots=True)
class NamespaceRequest(Message):
    """keys, stats and clear need nothing but the namespace (in the subject)."""

    TAG: ClassVar[str] = "ns"
    MIN_VERSION: ClassVar[int] = 3
    request_id: str = field(default_factory=new_request_id)


@dataclass(frozen=True, slots=True)
class ResumeRequest(Message):
    """Where a watch resuming after ``from_revision`` starts reading the event history,
    for clients that may read their namespace's events only (docs/protocol.md 6.5)."""

    TAG: ClassVar[str] = "resume_req"
    MIN_VERSION: ClassVar[int] = 3
    from_revision: int
    request_id: str = field(default_factory=new_request_id)


@dataclass(frozen=True, slots=True)
class FitRequest(Message):
    """A read that must fit ``max_tokens`` of ``model`` (see ``transforms.budget``)."""

    TAG: ClassVar[str] = "fit_req"
    MIN_VERSION: ClassVar[int] = 3
    key: str
    max_tokens: int | None = None
    #: The reader's model ("" = the entry's); its family decides how tokens are counted.
    model: str = ""
    #: Omitted parts that match this query are put back in place ("" = none).
    query: str = ""
    request_id: str = field(default_factory=new_request_id)


# --- keeper -> client replies ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextReply(Message):
    TAG: ClassVar[str] = "text"
    text: str | None
    #: The text is in the object store (``text`` is then empty) ...
    ref: BlobRef | None = None
    #: ... and only these character spans of it are meant (an omitted part).
    spans: list[list[int]] | None = None


@dataclass(frozen=True, slots=True)
class FitReply(Message):
    """What a budgeted read served: the text, its level and its count for the reader."""

    TAG: ClassVar[str] = "fit"
    text: str | None
    #: original | compressed | short_markers | fewer_examples | outline | cut
    level: str = ""
    tokens: int = 0
    #: False when ``tokens`` is a calibrated estimate (Claude, Gemini, unknown models).
    exact: bool = False
    #: The original's count for the same model: ``original_tokens - tokens`` were saved.
    original_tokens: int = 0
    model: str = ""
    #: Omission ids whose matching pieces a query put back (level "expanded").
    expanded: list[str] = field(default_factory=list)
    #: The served text is the entry's large original or compressed text: read it from the
    #: object store (``text`` is then empty).
    ref: BlobRef | None = None

    @property
    def tokens_saved(self) -> int:
        return max(0, self.original_tokens - self.tokens)


@dataclass(frozen=True, slots=True)
class EntryReply(Message):
    TAG: ClassVar[str] = "entry_reply"
    entry: ContextEntry | None


@dataclass(frozen=True, slots=True)
class KeysReply(Message):
    TAG: ClassVar[str] = "keys"
    keys: list[str]


@dataclass(frozen=True, slots=True)
class DeleteReply(Message):
    TAG: ClassVar[str] = "deleted"
    deleted: bool


@dataclass(frozen=True, slots=True)
class ResumeReply(Message):
    """The stream sequence of ``CTXBUS_EVENTS`` to start from (every event after the
    revision is at or after it)."""

    TAG: ClassVar[str] = "resume_point"
    start: int


@dataclass(frozen=True, slots=True)
class ClearReply(Message):
    TAG: ClassVar[str] = "cleared"
    cleared: int


@dataclass(frozen=True, slots=True)
class ErrorReply(Message):
    """Body of an error reply; the same code and text also travel as service headers."""

    TAG: ClassVar[str] = "error"
    code: int
    name: str
    message: str


# --- keeper <-> workers ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompressionJob(Message):
    """Published to the work-queue stream; the message id is ``job_id``."""

    TAG: ClassVar[str] = "job"
    job_id: str
    namespace: str
    model: str
    content: str
    content_type: str | None = None
    enqueued_at: float = 0.0
    #: A large content in the object store (``content`` is then empty).
    content_ref: BlobRef | None = None
    #: Random, per queued job: a result counts only if it carries the nonce of a job the
    #: keeper is waiting for, so nobody can fill the hash-keyed result cache from outside.
    nonce: str = ""


@dataclass(frozen=True, slots=True)
class JobResult(Message):
    """A worker's outcome for one job, broadcast on ``ctxbus.done`` to every keeper."""

    TAG: ClassVar[str] = "job_result"
    job_id: str
    ok: bool
    worker: str
    deliveries: int = 1
    seconds: float = 0.0
    compressed: str = ""
    original_tokens: int = 0
    compressed_tokens: int = 0
    transforms: list[str] = field(default_factory=list)
    content_type: str = "text"
    model: str = ""
    token_counts_exact: bool = False
    omitted: list[OmissionInfo] = field(default_factory=list)
    tokens_by_family: dict[str, list[int]] = field(default_factory=dict)
    error: str = ""
    #: A large compressed text in the object store (``compressed`` is then empty).
    compressed_ref: BlobRef | None = None
    #: The nonce of the job this answers (see CompressionJob.nonce).
    nonce: str = ""


# --- keepers ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeeperLease(Message):
    """The record ``active`` in the KV bucket ``ctxbus_keeper``: which keeper serves.

    The serving keeper renews it (a compare-and-set on its revision) every half second; a
    standby takes it over with a compare-and-set on the revision it read once the holder
    is gone (see bus/lease.py, docs/architecture.md "Standby keepers")."""

    TAG: ClassVar[str] = "keeper_lease"
    holder: str
    #: Random per keeper start (the readiness ping's ``Ctxbus-Keeper-Instance``).
    instance: str
    #: Unix seconds the holder took the lease.
    since: float = 0.0
    #: False while the holder restores and subscribes (it renews meanwhile, but does not
    #: answer the readiness ping yet: a standby must not take that for a dead holder).
    serving: bool = False


# --- change events -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChangeEvent(Message):
    """Published by the keeper on ``ctxbus.evt.<ns>.<key-token>`` for every change."""

    TAG: ClassVar[str] = "event"
    namespace: str
    key: str
    kind: str  # stored | evicted | expired | deleted
    timestamp: float
    agent: str | None = None
    original_tokens: int = 0
    compressed_tokens: int = 0
    #: The bucket revision of the change: the stored version's, or the revision of the
    #: removal (its delete marker). Events of one keeper go out in revision order;
    #: ``watch(..., from_revision=R)`` replays those after R (see docs/architecture.md).
    revision: int = 0

    KINDS: ClassVar[tuple[str, ...]] = ("stored", "evicted", "expired", "deleted")


# --- agent tasks -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskInput(Message):
    TAG: ClassVar[str] = "task_input"
    key: str
    full: bool = False
    #: Read with the task's instruction as the query: the compressed text with the
    #: omitted parts that match the instruction put back (see ``get(query=...)``).
    query: bool = False
    #: A token budget for this input, counted for the agent's model (None: no budget).
    max_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class AgentTask(Message):
    """A unit of work for an agent role, sent on ``ctxbus.task.<namespace>.<role>``."""

    TAG: ClassVar[str] = "task"
    task_id: str
    role: str
    instruction: str
    inputs: list[TaskInput]
    output_key: str
    namespace: str = "default"
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TaskAccepted(Message):
    """An agent's immediate reply to an :class:`AgentTask` request: it has the task."""

    TAG: ClassVar[str] = "task_accepted"
    task_id: str
    agent: str


@dataclass(frozen=True, slots=True)
class InputUsed(Message):
    """How one input of a task reached the model (an item of ``TaskDone.inputs_used``)."""

    TAG: ClassVar[str] = "input_used"
    key: str
    #: True when the original was sent, False for the compressed text.
    full: bool
    #: Tokens of what was sent (the original's or the compressed text's count).
    tokens: int
    original_tokens: int
    compressed_tokens: int
    #: model family -> [original, compressed] tokens as that family counts them.
    by_family: dict[str, list[int]] = field(default_factory=dict)
    #: Who put the entry.
    agent: str | None = None
    #: The form sent when a query or budget chose it (see ``FitReply.level``); "" otherwise.
    level: str = ""


@dataclass(frozen=True, slots=True)
class TaskDone(Message):
    """Outcome of an :class:`AgentTask`, published on ``ctxbus.taskdone.<namespace>.<task_id>``."""

    TAG: ClassVar[str] = "task_done"
    task_id: str
    role: str
    agent: str
    ok: bool
    output_key: str = ""
    backend: str = ""
    model: str = ""
    offline: bool = False
    input_tokens: int = 0
    output_tokens: int = 0
    inputs_used: list[InputUsed] = field(default_factory=list)
    entry_original_tokens: int = 0
    entry_compressed_tokens: int = 0
    seconds: float = 0.0
    #: Model calls made (1 + retries after 429/5xx).
    attempts: int = 0
    error_code: int = 0
    error_name: str = ""
    error: str = ""
