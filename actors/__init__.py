"""The running parts of ctxbus: keeper, workers, agents, the CLI.

Each actor is one module: ``actors.keeper.ContextKeeper``,
``actors.worker.CompressionWorker``; ``actors.base.Actor`` is their common base.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("ctxbus")
except _metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
