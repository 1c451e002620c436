"""Unified diffs, patches and ``git log -p`` / ``git show`` output.

Kept verbatim: every commit header (``commit``, ``Author:``, ``Date:``, merge lines) and the
first line of every commit message (longer messages keep ``_MESSAGE_LINES`` lines), every file
header (``diff --git``, ``index``, mode/rename/similarity lines, ``---``/``+++``, ``Binary
files … differ``) and every hunk header with its function context
(``@@ -10,7 +10,8 @@ def handle(request):``). Inside a hunk, changed lines are kept; only a
run of more than ``_MAX_CHANGED`` added or removed lines (a new or deleted file, a generated
block) keeps its head and tail, its middle behind a marker that says how many lines of which
side it hides. Unchanged context: the runs before a hunk's first change and after its last go,
and longer runs between changes keep only the line next to each change; all the context lines
a hunk leaves out are one omission, whose marker ends the hunk header
(``@@ -10,7 +10,8 @@ def handle(request): [omitted 5 context lines; id=o2]``). ``GIT binary
patch`` bodies are marked. Other markers stand on their own line.
"""

from __future__ import annotations

import re

from transforms._omit import Omitter, plural

__all__ = ["compress_diff"]

_HUNK = re.compile(r"^@@@? -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@@?")
_COMMIT = re.compile(r"^commit [0-9a-f]{7,40}\b")
_MESSAGE_LINES = 6
# Context lines shown next to each change.
_CONTEXT = 1
# A run of added or removed lines longer than this keeps its head and tail.
_MAX_CHANGED = 40
_CHANGED_HEAD = 16
_CHANGED_TAIL = 6
# Any kept line longer than this (minified code, data) keeps its head.
_MAX_LINE = 400
_LINE_HEAD = 200


class _Out:
    def __init__(self, text: str, omitter: Omitter, base: int) -> None:
        self.text = text
        self.omitter = omitter
        self.base = base
        self.parts: list[str] = []

    def line(self, start: int, end: int) -> None:
        if end - start > _MAX_LINE:
            cut = start + _LINE_HEAD
            what = f"{end - cut} more chars of a long line"
            if self.omitter.pays(self.text[cut:end], what):
                span = [(self.base + cut, self.base + end)]
                marker = self.omitter.mark("line tail", span, 1, what)
                self.parts.append(f"{self.text[start:cut]}… {marker}")
                return
        self.parts.append(self.text[start:end])

    def run(self, lines: list[tuple[int, int]], what: str) -> None:
        """Omit whole lines (start, end offsets) behind one marker if it pays, else show them."""
        if not lines:
            return
        s, e = lines[0][0], lines[-1][1]
        if self.omitter.pays(self.text[s:e], what):
            span = [(self.base + s, self.base + e)]
            self.parts.append(self.omitter.mark("lines", span, len(lines), what))
        else:
            for a, b in lines:
                self.line(a, b)


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def compress_diff(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """The diff with context shortened and huge change runs cut; None if it has no hunks."""
    lines = _lines(text)
    out = _Out(text, omitter, base)
    i = 0
    n = len(lines)
    hunks = 0
    while i < n:
        s, e = lines[i]
        line = text[s:e]
        m = _HUNK.match(line)
        if m:
            hunks += 1
            out.line(s, e)
            i = _hunk(text, lines, i + 1, m, out)
            continue
        if _COMMIT.match(line):
            out.line(s, e)
            i = _commit(text, lines, i + 1, out)
            continue
        if line.startswith("GIT binary patch"):
            out.line(s, e)
            j = i + 1
            while j < n and text[lines[j][0] : lines[j][1]].strip():
                j += 1
            out.run(lines[i + 1 : j], f"binary patch, {plural(j - i - 1, 'line')}")
            i = j
            continue
        out.line(s, e)
        i += 1
    if not hunks:
        return None
    result = "\n".join(out.parts)
    return result + "\n" if text.endswith("\n") else result


def _commit(text: str, lines: list[tuple[int, int]], i: int, out: _Out) -> int:
    """Header lines, then the indented message: its first lines kept, the rest marked."""
    n = len(lines)
    while i < n and text[lines[i][0] : lines[i][1]].strip():
        out.line(*lines[i])
        i += 1
    # The message: indented lines (and blank lines between them).
    j = i
    while j < n:
        ln = text[lines[j][0] : lines[j][1]]
        if ln.strip() and not ln.startswith("    "):
            break
        j += 1
    while j > i and not text[lines[j - 1][0] : lines[j - 1][1]].strip():
        j -= 1  # trailing blank lines belong to what follows
    body = lines[i:j]
    cut = len(body) if len(body) <= _MESSAGE_LINES + 2 else _MESSAGE_LINES
    for a, b in body[:cut]:
        out.line(a, b)
    out.run(body[cut:], plural(len(body) - cut, "more commit message line"))
    return j


def _hunk(text: str, lines: list[tuple[int, int]], i: int, m: re.Match[str], out: _Out) -> int:
    old = int(m.group(2)) if m.group(2) is not None else 1
    new = int(m.group(4)) if m.group(4) is not None else 1
    n = len(lines)
    body: list[tuple[int, int, str]] = []  # (start, end, kind ' ' '+' '-' '\\')
    while i < n and (old > 0 or new > 0):
        s, e = lines[i]
        ch = text[s] if e > s else " "  # an empty line is a context line whose space was eaten
        if ch == " ":
            old -= 1
            new -= 1
        elif ch == "-":
            old -= 1
        elif ch == "+":
            new -= 1
        elif ch != "\\":
            break
        body.append((s, e, ch))
        i += 1
    # "\ No newline at end of file" may follow the last line.
    while i < n and text.startswith("\\", lines[i][0]):
        body.append((lines[i][0], lines[i][1], "\\"))
        i += 1
    # Context lines: the runs before the first change and after the last go, as do the
    # middle of longer runs between changes (the line next to each change stays, so change
    # groups stay apart). All of a hunk's are one omission, its marker ending the hunk header.
    header = len(out.parts) - 1
    runs: list[tuple[int, int]] = []  # (k, j) runs of one kind in body
    k = 0
    while k < len(body):
        kind = body[k][2]
        j = k
        while j < len(body) and (body[j][2] == kind or (kind != " " and body[j][2] == "\\")):
            j += 1
        runs.append((k, j))
        k = j
    drop: set[int] = set()
    for k, j in runs:
        if body[k][2] != " ":
            continue
        head = 0 if k == 0 else _CONTEXT
        tail = 0 if j == len(body) else _CONTEXT
        if j - k > head + tail:
            drop.update(range(k + head, j - tail))
    dropped = [(body[x][0], body[x][1]) for x in sorted(drop)]
    what = plural(len(dropped), "context line")
    material = "\n".join(text[a:b] for a, b in dropped)
    if not dropped or not out.omitter.pays(material, what):
        drop = set()
    elif header >= 0:
        spans = [(out.base + a, out.base + b) for a, b in dropped]
        out.parts[header] += " " + out.omitter.mark("context", spans, len(dropped), what)
    for k, j in runs:
        kind = body[k][2]
        run = [(a, b) for a, b, _ in body[k:j]]
        if kind == " ":
            for x in range(k, j):
                if x not in drop:
                    out.line(body[x][0], body[x][1])
        elif len(run) > _MAX_CHANGED:
            side = "added" if kind == "+" else "removed" if kind == "-" else "changed"
            for a, b in run[:_CHANGED_HEAD]:
                out.line(a, b)
            middle = run[_CHANGED_HEAD : len(run) - _CHANGED_TAIL]
            out.run(middle, f"{plural(len(middle), side + ' line')}")
            for a, b in run[len(run) - _CHANGED_TAIL :]:
                out.line(a, b)
        else:
            for a, b in run:
                out.line(a, b)
    return i
