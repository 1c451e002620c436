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
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if "```" not in line and "~~~" not in line:
            i += 1
            continue
        m = _FENCE_LINE.match(line.rstrip("\r\n"))
        if m is None or (m.group(2)[0] == "`" and "`" in m.group(3)):
            i += 1
            continue
        indent, marker, info = _indent(m.group(1)), m.group(2), m.group(3).strip()
        if marker[0] == "~" and not info and i > 0 and _underlines(lines[i - 1], marker):
            i += 1  # a section title's RST/setext underline, not a fence
            continue
        max_close = max(3, indent + 3)
        j = i + 1
        while j < n:
            c = _FENCE_LINE.match(lines[j].rstrip("\r\n"))
            if (
                c is not None
                and c.group(2)[0] == marker[0]
                and len(c.group(2)) >= len(marker)
                and not c.group(3).strip()
                and _indent(c.group(1)) <= max_close
            ):
                break
            j += 1
        if j >= n:
            i += 1  # never closed: not a fence
            continue
        out.append(Fence(i, j, indent, info))
        i = j + 1
    return out


def _underlines(prev: str, marker: str) -> bool:
    """Whether a bare tilde run ``marker`` under the line ``prev`` underlines it as a section
    title (RST: at least as long as the title), rather than opening a fence."""
    title = prev.strip()
    return bool(title) and _FENCE_LINE.match(prev) is None and len(marker) >= len(title)
