"""The ctxbus exception hierarchy.

    CtxbusError
    ├── ValidationError                bad input, rejected before anything is sent
    │   ├── InvalidKey
    │   ├── InvalidNamespace
    │   ├── InvalidContent
    │   ├── PayloadTooLarge
    │   ├── PortInUse                  an embedded server's port is taken
    │   └── DataDirInUse               another server holds the data directory
    ├── TransportError                 the bus itself
    │   ├── NotConnected
    │   │   └── AuthenticationFailed   the server refused our credentials
    │   ├── PermissionDenied           NATS refused a publish or subscribe (its permissions)
    │   ├── NoKeeper                   nobody serves the request subject
    │   ├── RequestTimeout
    │   ├── NotReady                   a wait for a service (workers, a server) timed out
    │   └── ReadStalled                a read of a whole stream stopped short of its end
    ├── ProtocolError                  a frame that cannot be understood
    │   ├── MalformedFrame
    │   └── UnsupportedVersion
    └── ServiceError                   the keeper / worker said no
        ├── CompressionFailed          a worker failed the job for good
        ├── NoWorker                   no worker is consuming the job queue
        ├── CompressionTimeout         workers exist but did not finish in time
        ├── OmissionNotFound
        ├── BlobMissing                a large text's object is gone (entry deleted meanwhile)
        ├── AgentError                 an agent task failed (its model call, say)
        │   └── MissingInput           a task named an input key that has no entry
        ├── NoAgent                    no agent serves the role
        ├── KeeperConflict             (no longer raised: a second keeper stands by)
        ├── BaseMismatch               a deduplicated put's earlier entry is gone or changed
        ├── RevisionMismatch           put(if_revision=R): the key is not at revision R
        ├── RevisionGone               watch(from_revision=R): events after R are no longer kept
        └── InternalError

Errors cross the wire as NATS service error headers (``Nats-Service-Error-Code`` and
``Nats-Service-Error``); :func:`error_for_code` maps a code back to its exception.
"""

from __future__ import annotations

__all__ = [
    "AgentError",
    "AuthenticationFailed",
    "BaseMismatch",
    "BlobMissing",
    "CompressionFailed",
    "CompressionTimeout",
    "CtxbusError",
    "DataDirInUse",
    "InternalError",
    "InvalidContent",
    "InvalidKey",
    "InvalidNamespace",
    "KeeperConflict",
    "MalformedFrame",
    "MissingInput",
    "NoAgent",
    "NoKeeper",
    "NoWorker",
    "NotConnected",
    "NotReady",
    "OmissionNotFound",
    "PayloadTooLarge",
    "PermissionDenied",
    "PortInUse",
    "ProtocolError",
    "ReadStalled",
    "RequestTimeout",
    "RevisionGone",
    "RevisionMismatch",
    "ServiceError",
    "TransportError",
    "UnsupportedVersion",
    "ValidationError",
    "error_for_code",
]


class CtxbusError(Exception):
    """Base of every error ctxbus raises."""

    #: Stable wire code (HTTP-like) used in the ``Nats-Service-Error-Code`` header.
    code: int = 500
    #: Short machine-readable name, sent along with the code.
    name: str = "internal"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.__class__.__doc__ or self.name)
        self.message = str(self.args[0])


class ValidationError(CtxbusError, ValueError):
    """The request is invalid."""

    code, name = 400, "invalid"


class InvalidKey(ValidationError):
    """Keys are UTF-8 strings of 1-256 bytes without control characters."""

    code, name = 400, "invalid_key"


class InvalidNamespace(ValidationError):
    """Namespaces match [A-Za-z0-9_-]{1,64}."""

    code, name = 400, "invalid_namespace"


class InvalidContent(ValidationError, TypeError):
    """Content must be a str."""

    code, name = 400, "invalid_content"


class PayloadTooLarge(ValidationError):
    """The payload does not fit in one NATS message."""

    code, name = 413, "payload_too_large"


class PortInUse(ValidationError):
    """The port asked for is already taken (by another server, say)."""

    code, name = 409, "port_in_use"

    def __init__(self, message: str = "", port: int | None = None) -> None:
        super().__init__(message)
        self.port = port


class DataDirInUse(ValidationError):
    """Another running server holds this data directory."""

    code, name = 409, "data_dir_in_use"


class TransportError(CtxbusError):
    """The bus could not carry the request."""

    code, name = 502, "transport"


class NotConnected(TransportError):
    """Not connected to any NATS server."""

    code, name = 502, "not_connected"


class AuthenticationFailed(NotConnected):
    """The NATS server refused the credentials (or none were given and it wants some)."""

    code, name = 401, "authentication_failed"


class PermissionDenied(TransportError, PermissionError):
    """NATS refused a publish or subscribe: these credentials lack the permission.

    ``operation`` is ``publish`` or ``subscribe``, ``subject`` the subject refused.
    """

    code, name = 403, "permission_denied"

    def __init__(self, message: str = "", operation: str = "", subject: str = "") -> None:
        super().__init__(message)
        self.operation = operation
        self.subject = subject


class NoKeeper(TransportError):
    """No ContextKeeper is serving this namespace."""

    code, name = 503, "no_keeper"


class RequestTimeout(TransportError, TimeoutError):
    """No reply arrived within the timeout."""

    code, name = 504, "timeout"


class NotReady(TransportError, TimeoutError):
    """What was waited for (workers, agents, an embedded server) is not ready in time."""

    code, name = 503, "not_ready"


class ReadStalled(TransportError, TimeoutError):
    """A read of a whole JetStream stream (the entry bucket) stopped delivering before its
    end for too long: a partial result would pass for the whole, so none is returned."""

    code, name = 503, "read_stalled"


class ProtocolError(CtxbusError):
    """A frame could not be understood."""

    code, name = 400, "protocol"


class MalformedFrame(ProtocolError):
    """The frame is not a valid ctxbus message."""

    code, name = 400, "malformed_frame"


class UnsupportedVersion(ProtocolError):
    """The frame's schema version is not supported."""

    code, name = 426, "unsupported_version"


class ServiceError(CtxbusError):
    """The service refused or failed the request."""

    code, name = 500, "service"


class CompressionFailed(ServiceError):
    """A compression worker failed the job after all its deliveries."""

    code, name = 422, "compression_failed"


class NoWorker(ServiceError):
    """No compression worker is consuming the job queue."""

    code, name = 503, "no_worker"


class CompressionTimeout(ServiceError, TimeoutError):
    """Workers are running but none finished the job in time."""

    code, name = 504, "compression_timeout"


class OmissionNotFound(ServiceError, LookupError):
    """The entry has no omitted part with that id."""

    code, name = 404, "omission_not_found"


class AgentError(ServiceError):
    """An agent task failed."""

    code, name = 502, "agent_error"


class MissingInput(AgentError, LookupError):
    """A task input key has no live entry (missing or expired)."""

    code, name = 424, "missing_input"


class NoAgent(ServiceError):
    """No agent is serving that role."""

    code, name = 503, "no_agent"


class KeeperConflict(ServiceError):
    """No longer raised: a second keeper now stands by instead of refusing to start (kept,
    with its wire code, so code that catches it still imports)."""

    code, name = 409, "keeper_conflict"


class BaseMismatch(ServiceError, LookupError):
    """A put sent as a delta names an earlier entry the keeper no longer has as the client
    knew it (deleted, evicted, expired or overwritten); the client sends it whole instead."""

    code, name = 428, "base_mismatch"


class RevisionMismatch(ServiceError):
    """A compare-and-set put (``if_revision``) found the key at another revision: someone
    else wrote (or deleted) it in between. Nothing was stored. ``current`` is the key's
    revision as the keeper knows it (0: absent), when known."""

    code, name = 412, "revision_mismatch"

    def __init__(self, message: str = "", current: int | None = None) -> None:
        super().__init__(message)
        self.current = current


class RevisionGone(ServiceError, LookupError):
    """A watch asked to resume from a revision whose later events the event history no
    longer holds (older than its retention), or the bus keeps no event history."""

    code, name = 410, "revision_gone"


class BlobMissing(ServiceError):
    """A large text's object is no longer in the blob store (its entry was deleted)."""

    code, name = 410, "blob_missing"


class InternalError(ServiceError):
    """The service hit an unexpected error; the request was not applied."""

    code, name = 500, "internal"


_BY_NAME: dict[str, type[CtxbusError]] = {
    cls.name: cls
    for cls in (
        InvalidKey,
        InvalidNamespace,
        InvalidContent,
        PayloadTooLarge,
        PortInUse,
        DataDirInUse,
        ValidationError,
        NotConnected,
        AuthenticationFailed,
        PermissionDenied,
        NoKeeper,
        RequestTimeout,
        NotReady,
        ReadStalled,
        MalformedFrame,
        UnsupportedVersion,
        ProtocolError,
        CompressionFailed,
        NoWorker,
        CompressionTimeout,
        OmissionNotFound,
        BlobMissing,
        AgentError,
        MissingInput,
        NoAgent,
        KeeperConflict,
        BaseMismatch,
        RevisionMismatch,
        RevisionGone,
        InternalError,
    )
}


def error_for_code(code: int, description: str) -> CtxbusError:
    """Rebuild an exception from a service error header pair.

    The description is ``"<name>: <message>"``; the name picks the exact class, the
    numeric code is the fallback for names this version does not know.
    """
    name, _, message = description.partition(": ")
    cls = _BY_NAME.get(name)
    if cls is None:
        message = description
        cls = {
            400: ValidationError,
            404: OmissionNotFound,
            413: PayloadTooLarge,
            422: CompressionFailed,
            426: UnsupportedVersion,
            503: NoWorker,
            504: CompressionTimeout,
        }.get(code, ServiceError)
    return cls(message)


def describe(error: CtxbusError) -> str:
    """The ``Nats-Service-Error`` header value for ``error``."""
    return f"{error.name}: {error.message}"
