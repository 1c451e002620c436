"""Fenced code blocks in markdown, paired the CommonMark way.

An opening fence is a run of at least three backticks or tildes (a backtick fence's info string
holds no backtick). It closes at the next line that is a fence of the same character, at least
as long, with nothing after it but spaces. CommonMark allows 0-3 spaces of indentation relative
to the enclosing block; containers (list items) are not parsed here, so an opening fence may
have any indentation and its closing fence at most ``max(3, opening indent + 3)`` spaces: a
top-level fence is strict, a fence inside a list item may close one column to the left (a
common slip: ``    ```bash`` closed by ``   ```). A fence that never closes is no fence at all:
its line is text, so a stray fence cannot turn the rest of a document into code. A bare run of
tildes under a line of text at least as long as it is that title's RST underline, not a fence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

__all__ = ["Fence", "fences"]

_FENCE_LINE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")


@dataclass(frozen=True, slots=True)
class Fence:
    """A closed fenced block: line indices of its fences, opening indent and info string."""

    open_line: int
    close_line: int
    indent: int
    info: str


def _indent(ws: str) -> int:
    return len(ws.expandtabs(4))


def fences(lines: list[str]) -> list[Fence]:
    """The closed fenced blocks in ``lines`` (with or without their line ends), in order."""
    out: list[Fence] = []
    # Every fence line holds a run of three: only those lines are looked at, openers and
    # closers alike (an opener that never closes is looked past to the end).
    runs = [k for k, line in enumerate(lines) if "```" in line or "~~~" in line]
    after = 0  # lines before this one are inside a block found
    for at, i in enumerate(runs):
        if i < after:
            continue
        m = _FENCE_LINE.match(lines[i].rstrip("\r\n"))
        if m is None or (m.group(2)[0] == "`" and "`" in m.group(3)):
            continue
        indent, marker, info = _indent(m.group(1)), m.group(2), m.group(3).strip()
        if marker[0] == "~" and not info and i > 0 and _underlines(lines[i - 1], marker):
            continue  # a section title's RST/setext underline, not a fence
        max_close = max(3, indent + 3)
        for j in islice(runs, at + 1, None):
            if marker not in lines[j]:
                continue  # (a closer's run is at least as long)
            c = _FENCE_LINE.match(lines[j].rstrip("\r\n"))
            if (
                c is not None
                and c.group(2)[0] == marker[0]
                and len(c.group(2)) >= len(marker)
                and not c.group(3).strip()
                and _indent(c.group(1)) <= max_close
            ):
                break
        else:
            continue  # never closed: not a fence
        out.append(Fence(i, j, indent, info))
        after = j + 1
    return out


def _underlines(prev: str, marker: str) -> bool:
    """Whether a bare tilde run ``marker`` under the line ``prev`` underlines it as a section
    title (RST: at least as long as the title), rather than opening a fence."""
    title = prev.strip()
    return bool(title) and _FENCE_LINE.match(prev) is None and len(marker) >= len(title)
