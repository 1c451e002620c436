"""structlog configuration for the ctxbus processes (libraries never configure logging)."""

from __future__ import annotations

import logging
import os
import sys

import structlog

__all__ = ["LOG_FORMATS", "configure_logging"]

LOG_FORMATS = ("console", "json")


def configure_logging(level: str | None = None, fmt: str | None = None) -> None:
    """Log to stderr at ``level`` (or ``$CTXBUS_LOG_LEVEL``), as console text or JSON.

    ``fmt`` (or ``$CTXBUS_LOG_FORMAT``) is ``console`` or ``json``.
    """
    name = (level or os.environ.get("CTXBUS_LOG_LEVEL") or "warning").upper()
    numeric = logging.getLevelNamesMapping().get(name, logging.WARNING)
    renderer: structlog.types.Processor
    if (fmt or os.environ.get("CTXBUS_LOG_FORMAT", "console")) == "json":
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
