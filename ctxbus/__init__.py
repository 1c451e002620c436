"""ctxbus for headroom users: the same top-level names, served over a NATS bus.

``from headroom import SharedContext, compress`` becomes
``from ctxbus import SharedContext, compress``; README.md lists what differs and why.

* :class:`SharedContext` / :class:`AsyncSharedContext`: the bus clients (:mod:`bus`).
* :func:`compress`: headroom's ``compress(messages, model=...)`` over ctxbus's transforms
  (:func:`transforms.messages.compress_messages`); ``transforms.compress(text)`` is the
  text-level function underneath.
"""

from bus import AsyncSharedContext, ContextEntry, ContextStats, SharedContext
from transforms.messages import MessagesResult as CompressResult
from transforms.messages import compress_messages as compress

#: headroom's name for what ``SharedContext.stats()`` returns.
SharedContextStats = ContextStats

__all__ = [
    "AsyncSharedContext",
    "CompressResult",
    "ContextEntry",
    "ContextStats",
    "SharedContext",
    "SharedContextStats",
    "compress",
]
