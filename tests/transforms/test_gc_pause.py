"""The cyclic collector is paused around bulk parsing and always put back as it was."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tests.transforms import _samples as s
from tests.transforms._check import compress
from transforms._gc import collector_paused


def test_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


@contextmanager
def _another_thread_paused() -> Iterator[None]:
    """Another thread inside ``collector_paused()`` until the block ends."""
    inside = threading.Barrier(2)
    leave = threading.Event()

    def hold() -> None:
        with collector_paused():
            inside.wait()
            leave.wait()

    other = threading.Thread(target=hold)
    other.start()
    inside.wait()
    try:
        yield
    finally:
        leave.set()
        other.join()


def test_collector_comes_back_when_the_last_thread_leaves() -> None:
    with _another_thread_paused():
        with collector_paused():
            pass
        # This thread left first: the other is still inside, so the collector stays off.
        assert not gc.isenabled()
    assert gc.isenabled()


def test_python_compression_leaves_the_collector_on() -> None:
    assert compress(s.PYTHON_SOURCE * 3).transforms == ("python_ast_skeleton",)
    assert gc.isenabled()
    compress("def broken(:\n    pass\n" * 40, content_type="python")
    assert gc.isenabled()


def test_log_compression_pauses_the_collector_and_leaves_it_on() -> None:
    import transforms._logs as logs
    from transforms._omit import Omitter

    seen: list[bool] = []
    plain = logs._drop_repeats

    def spy(*args: object) -> object:
        seen.append(gc.isenabled())
        return plain(*args)  # type: ignore[arg-type]

    logs._drop_repeats = spy  # type: ignore[assignment]
    try:
        assert logs.compress_logs(s.app_log(300), Omitter()) is not None
    finally:
        logs._drop_repeats = plain
    # (A short log is made twice, with and without its template table: paused both times.)
    assert seen and not any(seen)
    assert gc.isenabled()


def test_pauses_that_always_overlap_still_collect_what_survives() -> None:
    """A busy worker: some thread is always inside a pause. Cyclic garbage left behind by
    the calls is still collected, once enough of it has piled up."""
    import weakref

    class Node:
        pass

    with _another_thread_paused():
        with collector_paused():
            first = Node()
            first.me = first  # type: ignore[attr-defined]
            watch = weakref.ref(first)
            del first
            keep = [[] for _ in range(11 * gc.get_threshold()[0])]  # survivors pile up
        assert watch() is None  # collected although the other thread is still inside
        assert not gc.isenabled()
        del keep
    assert gc.isenabled()


def test_a_pause_nested_in_the_same_thread_leaves_the_collection_to_the_outer_one() -> None:
    """Leaving a nested pause (a log in an HTML page's fenced block) does not collect what
    the outer pause built: the outer one is still inside and still uses it."""
    import weakref

    class Node:
        pass

    with collector_paused():
        first = Node()
        first.me = first  # type: ignore[attr-defined]
        watch = weakref.ref(first)
        del first
        keep = [[] for _ in range(11 * gc.get_threshold()[0])]  # enough to be overdue
        with collector_paused():
            pass
        assert watch() is not None  # not collected: the outer pause is still in force
        del keep
    assert gc.isenabled()
    gc.collect()
    assert watch() is None
