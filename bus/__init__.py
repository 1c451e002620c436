"""ctxbus's wire: messages, subjects, connections, the clients and the error hierarchy.

Knows nothing of actors. The public surface is ``__all__``.
"""

from bus._client import DEFAULT_MODEL, AsyncSharedContext, ClientStatistics, ContextWatch
from bus._errors import (
    AgentError,
    CompressionFailed,
    CompressionTimeout,
    CtxbusError,
    DataDirInUse,
    InternalError,
    InvalidContent,
    InvalidKey,
    InvalidNamespace,
    KeeperConflict,
    MalformedFrame,
    MissingInput,
    NoAgent,
    NoKeeper,
    NotConnected,
    NotReady,
    NoWorker,
    OmissionNotFound,
    PayloadTooLarge,
    PortInUse,
    ProtocolError,
    RequestTimeout,
    ServiceError,
    TransportError,
    UnsupportedVersion,
    ValidationError,
)
from bus._sync import SharedContext
from bus._tasks import TaskSpec, wait_for_agents
from bus.connection import connect, resolve_servers
from bus.messages import ChangeEvent, ContextEntry, ContextStats, FitReply, TaskDone, TaskInput
from bus.server import EmbeddedServer

__all__ = [
    "DEFAULT_MODEL",
    "AgentError",
    "AsyncSharedContext",
    "ChangeEvent",
    "ClientStatistics",
    "CompressionFailed",
    "CompressionTimeout",
    "ContextEntry",
    "ContextStats",
    "ContextWatch",
    "CtxbusError",
    "DataDirInUse",
    "EmbeddedServer",
    "FitReply",
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
    "PortInUse",
    "ProtocolError",
    "RequestTimeout",
    "ServiceError",
    "SharedContext",
    "TaskDone",
    "TaskInput",
    "TaskSpec",
    "TransportError",
    "UnsupportedVersion",
    "ValidationError",
    "connect",
    "resolve_servers",
    "wait_for_agents",
]
