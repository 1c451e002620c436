"""Bookkeeping for omissions: ids, absolute spans and the markers left in the text.

A fresh :class:`Omitter` is made per :func:`transforms.compress` call, so nothing here is
global. Every compressor asks it for a marker when it drops material; the marker names the
omission id and what/how much was dropped, e.g. ``[omitted 120 lines; id=o3]``.
"""

from __future__ import annotations

import re

from transforms._result import Omission

#: Matches every marker this package writes; group 1 is the description, group 2 the id.
MARKER_RE = re.compile(r"\[omitted ([^\[\]\n]+?); id=(o\d+)\]")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort, drop empty spans and join touching ones (the omitted text is unchanged)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


class Omitter:
    """Allocates omission ids and records what each marker stands for."""

    def __init__(self) -> None:
        self.omissions: list[Omission] = []

    def mark(self, kind: str, spans: list[tuple[int, int]], count: int, description: str) -> str:
        """Record an omission (spans absolute in the original) and return its marker."""
        oid = f"o{len(self.omissions) + 1}"
        # Marker text must not contain brackets or newlines so MARKER_RE stays unambiguous.
        description = re.sub(r"[\[\]\n]+", " ", description).strip()
        self.omissions.append(Omission(oid, kind, merge_spans(spans), count, description))
        return f"[omitted {description}; id={oid}]"

    def checkpoint(self) -> int:
        return len(self.omissions)

    def rollback(self, checkpoint: int) -> None:
        """Forget omissions made since ``checkpoint`` (their output was discarded)."""
        del self.omissions[checkpoint:]
