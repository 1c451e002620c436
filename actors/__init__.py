"""The running parts of ctxbus: keeper, workers, agents, the CLI.

Each actor is one module: ``actors.keeper.ContextKeeper``,
``actors.worker.CompressionWorker``; ``actors.base.Actor`` is their common base.
"""
