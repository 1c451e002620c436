"""Pausing Python's cyclic garbage collector around bulk object building.

Parsing a large text into Python objects (``ast.parse`` of a 1 MB module builds about a
million nodes) triggers the cyclic collector again and again, and each pass traverses the
young objects just built: for a 1 MB Python module that is 45 % of the parse. The objects
built there hold no reference cycles and are freed by reference counting when the parse's
result is dropped, so nothing is left for the collector to find.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_LOCK = threading.Lock()
_THREAD = threading.local()  # .depth: how deep this thread is inside collector_paused()
_depth = 0  # how many threads are inside collector_paused()
_reenable = False  # whether the collector was enabled when the first of them entered
#: Leaving while others stay inside collects once the young generation holds this many times
#: its threshold of surviving objects.
_OVERDUE = 10


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cyclic collector off inside the block. Safe across threads: the collector
    goes back on when the last thread leaves, and only if it was on when the first entered
    (a caller that turned it off itself keeps it off). Drop what was built before leaving:
    objects still alive then are traversed by the next collection. A pause nested in another
    of the same thread (a log in a fenced block of an HTML page) never collects on leaving:
    the young generation then holds everything the outer one built and still uses (10-18 ms
    of a 1 MB page), and the outer one collects, or turns the collector back on, soon."""
    global _depth, _reenable
    own = getattr(_THREAD, "depth", 0)
    _THREAD.depth = own + 1
    with _LOCK:
        if _depth == 0:
            _reenable = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        _THREAD.depth = own
        with _LOCK:
            _depth -= 1
            overdue = False
            if _depth == 0 and _reenable:
                gc.enable()
            elif not own:
                overdue = _reenable and gc.get_count()[0] > _OVERDUE * gc.get_threshold()[0]
        if overdue:
            # Pauses that overlap without end (a busy worker's threads) would keep the
            # collector off for good: what the calls left in the young generation is collected
            # now, outside the lock (other threads enter and leave meanwhile).
            gc.collect(0)
