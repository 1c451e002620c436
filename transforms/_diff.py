"""Unified diffs, patches and ``git log -p`` / ``git show`` output.

Kept verbatim: every commit header (``commit``, ``Author:``, ``Date:``, merge lines) and the
first line of every commit message (longer messages keep ``_MESSAGE_LINES`` lines), every file
header line that says something (``diff --git``, mode/rename/copy/similarity lines, ``Binary
files … differ``; ``---``/``+++`` of a diff without ``diff --git`` lines) and every hunk header
with its function context (``@@ -10,7 +10,8 @@ def handle(request):``). A git diff's ``index
<blob>..<blob> <mode>`` lines and the ``---``/``+++`` lines that repeat the paths of their
``diff --git`` line (or say ``/dev/null`` for a new or deleted file, which the ``new file
mode``/``deleted file mode`` line says too) are one omission for the whole text, its marker
on a line of its own where the first of them was.

Inside a hunk, changed lines are kept; only a hunk of more than ``_MAX_CHANGED`` added and
removed lines in one run (a new or deleted file), or of more than ``_MAX_HUNK`` in all (a
regenerated data file), keeps its first ``_CHANGED_HEAD`` and last ``_CHANGED_TAIL`` changed
lines, everything between them behind a marker that says how many removed, added and context
lines it hides and names the definitions (``def``/``class``/``fn``/``func``/``struct``/…,
C-style function heads) among them (all while they fit in ``_NAMES_CHARS`` characters). A run
of ``_MIN_DATA`` or more changed lines of base64 or hex data (a signature, a key,
an embedded blob) is marked. Unchanged context: every group of changes keeps the one context
line before it (``_CONTEXT``), the rest of a hunk's context goes (so change groups stay apart);
all the context lines a file section (one ``diff --git``) leaves out are one omission, whose
marker ends its ``diff --git`` line (``diff --git a/x.py b/x.py [omitted 5 context lines;
id=o2]``; without ``diff --git`` lines, the ``+++`` line, else the hunk header). ``GIT binary
patch`` bodies are marked. A hunk shown whole whose changed lines are those of a hunk shown
above (the same version bump in several lockfiles, a licence header, a cherry-pick; or the
same lines indented otherwise, which the marker says) keeps its header; the lines it shows
join its file section's one omission of repeated hunks, whose marker stands where the first of
them was and names the files holding the hunks they repeat
(``[omitted 18 lines (12 changed) of this and the next 4 hunks shown bare: changed lines as in
hunks above of req/py312.txt; id=o5]``). Content hashes in the hunk lines shown (48+ hex
digits mixing digits and letters, not a git commit's 40; a lockfile's ``sha512-…`` integrity)
are written ``…``, one omission whose marker stands on its own line before the first line
holding one, where that pays. Other markers stand on their own line.
"""

from __future__ import annotations

import re

from transforms._omit import Omitter, plural

__all__ = ["compress_diff"]

_HUNK = re.compile(r"^@@@? -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@@?")
_COMMIT = re.compile(r"^commit [0-9a-f]{7,40}\b")
_INDEX = re.compile(r"^index [0-9a-f]{4,64}(?:,[0-9a-f]{4,64})*\.\.[0-9a-f]{4,64}(?: [0-7]{6})?$")
_MESSAGE_LINES = 6
# Context lines shown before each group of changes (they lead into it and keep it apart from
# the group before).
_CONTEXT = 1
# A hunk with a run of more added or removed lines than _MAX_CHANGED, or more of them in all
# than _MAX_HUNK, keeps its first and last ones.
_MAX_CHANGED = 40
_MAX_HUNK = 80
_CHANGED_HEAD = 16
_CHANGED_TAIL = 6
# A run of at least this many changed lines of base64/hex data is marked.
_MIN_DATA = 4
_DATA = re.compile(r"[+-]\s*(?:[A-Za-z0-9+/]{40,}={0,2}|=[A-Za-z0-9+/]{4})\s*$")
# Definitions named in the marker of a hunk's hidden middle: all of them while the names
# fit in _NAMES_CHARS characters, then how many more.
_DEF = re.compile(
    r"^[+-]\s*(?:(?:pub(?:\([^)]*\))?|export|default|async|static|public|private|protected|"
    r"final|abstract|inline|unsafe|const|extern|virtual)\s+)*"
    r"(?:def|class|fn|func|function|struct|enum|trait|interface|type|impl|module|mod|union)"
    r"\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)"
)
# A C-style function head at column 0: "static int foo(", "Foo *bar(" (not a call or a keyword).
_C_DEF = re.compile(
    r"^[+-](?!(?:return|if|while|for|switch|else|do|case|goto)\b)"
    r"[A-Za-z_][\w \t*&:<>,]*?[\s*&]([A-Za-z_]\w*)\s*\([^;]*$"
)
_NAMES_CHARS = 2000
# A content hash in a hunk's line: 48+ lowercase hex digits mixing digits and letters (a
# sha256 digest pinning an image or a download, a checksum file's entry), or the base64 of a
# subresource-integrity value (``sha512-…``: a lockfile's ``integrity``). Not a git
# commit's 40 digits: an id a reader may look up.
_DIGEST = re.compile(
    r"(?<![0-9A-Za-z])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{48,}(?![0-9A-Za-z])"
    r"|(?<=sha256-)[A-Za-z0-9+/]{43}=|(?<=sha384-)[A-Za-z0-9+/]{64}|(?<=sha512-)[A-Za-z0-9+/]{86}=="
)
# A repeated hunk's marker names this many files holding the hunks it repeats.
_REPEAT_FILES = 3
# Any kept line longer than this (minified code, data) keeps its head.
_MAX_LINE = 400
_LINE_HEAD = 200


class _Out:
    def __init__(self, text: str, omitter: Omitter, base: int) -> None:
        self.text = text
        self.omitter = omitter
        self.base = base
        self.parts: list[str | None] = []
        # Hunk lines shown (part index, start, end), whose content hashes may be elided.
        self.body: list[tuple[int, int, int]] = []

    def line(self, start: int, end: int) -> int:
        """Show a line (a long one keeps its head); its index in ``parts``."""
        if end - start > _MAX_LINE:
            cut = start + _LINE_HEAD
            what = f"{end - cut} more chars of a long line"
            if self.omitter.pays(self.text[cut:end], what):
                span = [(self.base + cut, self.base + end)]
                marker = self.omitter.mark("line tail", span, 1, what)
                self.parts.append(f"{self.text[start:cut]}… {marker}")
                return len(self.parts) - 1
        self.parts.append(self.text[start:end])
        return len(self.parts) - 1

    def hunk_line(self, start: int, end: int) -> int:
        """Show a line of a hunk; its index in ``parts``."""
        k = self.line(start, end)
        self.body.append((k, start, end))
        return k

    def elide_digests(self) -> None:
        """Content hashes (``_DIGEST``) in the hunk lines still shown whole written "…", one
        omission whose marker stands on a line of its own before the first line holding one,
        where that pays: a digest bump says its change by the name and version beside it."""
        edits: list[tuple[int, list[tuple[int, int]]]] = []
        spans: list[tuple[int, int]] = []
        for k, s, e in self.body:
            line = self.parts[k]
            if line is None or len(line) != e - s or line != self.text[s:e]:
                continue  # omitted, cut or replaced by a marker
            found = [m.span() for m in _DIGEST.finditer(line, 1)]
            if found:
                edits.append((k, found))
                spans.extend((self.base + s + a, self.base + s + b) for a, b in found)
        if not spans:
            return
        count = len(spans)
        hashes = "content hash" if count == 1 else "content hashes"
        what = f"{count} {hashes} in the hunk lines from here on, each written …"
        material = "".join(self.text[a - self.base : b - self.base] for a, b in spans)
        if not self.omitter.pays(material, what + " …" * count):
            return
        for k, found in edits:
            line = self.parts[k]
            assert line is not None
            for a, b in reversed(found):
                line = line[:a] + "…" + line[b:]
            self.parts[k] = line
        marker = self.omitter.mark("content hashes", spans, count, what)
        first = edits[0][0]
        self.parts[first] = f"{marker}\n{self.parts[first]}"

    def run(self, lines: list[tuple[int, int]], what: str, kind: str = "lines") -> None:
        """Omit whole lines (start, end offsets) behind one marker if it pays, else show them."""
        if not lines:
            return
        s, e = lines[0][0], lines[-1][1]
        if self.omitter.pays(self.text[s:e], what):
            span = [(self.base + s, self.base + e)]
            self.parts.append(self.omitter.mark(kind, span, len(lines), what))
        else:
            for a, b in lines:
                self.line(a, b)

    def omit_parts(
        self, shown: list[tuple[int, int, int]], what: str, kind: str, anchor: int | None
    ) -> None:
        """Lines already shown (part index, start, end) become one omission if it pays: its
        marker ends part ``anchor``, or (None) takes the place of the first of them."""
        if not shown:
            return
        material = "".join(self.text[a:b] for _, a, b in shown)
        if not self.omitter.pays(material, what):
            return
        spans = [(self.base + a, self.base + b) for _, a, b in shown]
        marker = self.omitter.mark(kind, spans, len(shown), what)
        for k, _, _ in shown:
            self.parts[k] = None
        if anchor is None:
            self.parts[shown[0][0]] = marker
        else:
            self.parts[anchor] = f"{self.parts[anchor]} {marker}"


class _File:
    """One file section: where its context marker goes and the context lines it may drop."""

    def __init__(self, anchor: int | None, header: str | None, path: str = "") -> None:
        self.anchor = anchor
        self.header = header  # the "diff --git" line, if any
        self.path = path
        self.hunks = 0
        self.context: list[tuple[int, int, int]] = []
        # Lines shown of hunks whose changed lines repeat an earlier hunk's, with the paths
        # of the files holding the hunks they repeat.
        self.repeats: list[tuple[int, int, int]] = []
        self.repeat_hunks = 0
        self.repeat_changed = 0
        self.reindented = 0  # repeated hunks whose lines are indented otherwise
        self.sources: dict[str, None] = {}
        self.defs: list[tuple[int, int, str]] = []

    def flush(self, out: _Out) -> None:
        if self.anchor is not None:
            out.omit_parts(
                self.context, plural(len(self.context), "context line"), "context", self.anchor
            )
        self.context = []
        if self.repeats:
            out.omit_parts(self.repeats, self._repeats_what(out.text), "repeated hunks", None)
        self.repeats = []
        self.repeat_hunks = self.repeat_changed = self.reindented = 0
        self.sources = {}
        self.defs = []

    def _repeats_what(self, text: str) -> str:
        n, hunks = len(self.repeats), self.repeat_hunks
        lines = plural(n, "line")
        if n > self.repeat_changed:
            lines += f" ({self.repeat_changed} changed)"
        where = "this hunk" if hunks == 1 else f"this and the next {hunks - 1} hunks shown bare"
        files = [("this file" if p == self.path else p) for p in self.sources if p]
        named = ", ".join(files[:_REPEAT_FILES]) or "the diff"
        if len(files) > _REPEAT_FILES:
            named += f" +{len(files) - _REPEAT_FILES} more"
        if self.reindented:
            named += (
                ", indented otherwise"
                if hunks == 1
                else f" ({self.reindented} of them indented otherwise)"
            )
        return (
            f"{lines} of {where}: changed lines as in {'a hunk' if hunks == 1 else 'hunks'}"
            f" above of {named}" + _names(text, self.defs)
        )


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


def _repeats_path(line: str, header: str) -> bool:
    """A ``---``/``+++`` line naming /dev/null or a path of its ``diff --git`` line."""
    path = line[4:]
    if path == "/dev/null":
        return True
    k = header.find(" " + path, 10)
    return k >= 0 and (k + 1 + len(path) == len(header) or header[k + 1 + len(path)] == " ")


def _path(header: str) -> str:
    """The new path a ``diff --git`` or ``+++`` line names (``b/`` dropped)."""
    if header.startswith("diff --git "):
        k = header.rfind(" b/")
        return header[k + 3 :] if k >= 0 else header[11:]
    path = header[4:].split("\t", 1)[0]
    return path[2:] if path.startswith("b/") else path


def compress_diff(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """The diff with context shortened and huge change runs cut; None if it has no hunks."""
    lines = _lines(text)
    out = _Out(text, omitter, base)
    # The changed lines of every hunk shown whole -> the path of the first file holding them.
    seen: dict[tuple[str, ...], str] = {}
    i = 0
    n = len(lines)
    hunks = 0
    file: _File | None = None
    # index lines and ---/+++ lines that repeat their diff --git paths, all of the text.
    redundant: list[tuple[int, int, int]] = []
    while i < n:
        s, e = lines[i]
        line = text[s:e]
        m = _HUNK.match(line)
        if m:
            hunks += 1
            k = out.line(s, e)
            own = file is None or file.anchor is None
            f = _File(k, None) if own else file
            assert f is not None
            i = _hunk(text, lines, i + 1, m, out, f, seen)
            f.hunks += 1
            if own:
                f.flush(out)
            continue
        if _COMMIT.match(line):
            if file is not None:
                file.flush(out)
                file = None
            out.line(s, e)
            i = _commit(text, lines, i + 1, out)
            continue
        if line.startswith("diff --git "):
            if file is not None:
                file.flush(out)
            file = _File(out.line(s, e), line, _path(line))
            i += 1
            continue
        if line.startswith(("--- ", "+++ ")):
            if file is not None and file.header is not None and not file.hunks:
                k = out.line(s, e)
                if _repeats_path(line, file.header):
                    redundant.append((k, s, e))
                i += 1
                continue
            if line.startswith("--- "):
                if file is not None:
                    file.flush(out)
                file = _File(None, None)
            k = out.line(s, e)
            if line.startswith("+++ ") and file is not None and file.anchor is None:
                file.anchor = k
                file.path = _path(line)
            i += 1
            continue
        if file is not None and file.header is not None and not file.hunks and _INDEX.match(line):
            redundant.append((out.line(s, e), s, e))
            i += 1
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
    if file is not None:
        file.flush(out)
    out.omit_parts(
        redundant,
        plural(len(redundant), "index and ---/+++ line"),
        "file headers",
        None,
    )
    out.elide_digests()
    result = "\n".join(p for p in out.parts if p is not None)
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


def _names(text: str, lines: list[tuple[int, int, str]]) -> str:
    """``defines a, b +3 more`` for the definitions among changed lines, else ""."""
    names: dict[str, None] = {}
    for s, e, kind in lines:
        if kind in "+-":
            ln = text[s:e]
            m = _DEF.match(ln) or _C_DEF.match(ln)
            if m:
                names[m.group(1)] = None
    if not names:
        return ""
    shown: list[str] = []
    size = 0
    for name in names:
        size += len(name) + 2
        if size > _NAMES_CHARS:
            break
        shown.append(name)
    more = f" +{len(names) - len(shown)} more" if len(names) > len(shown) else ""
    return f": defines {', '.join(shown)}{more}"


def _window_what(text: str, window: list[tuple[int, int, str]]) -> str:
    removed = sum(1 for *_, k in window if k == "-")
    added = sum(1 for *_, k in window if k == "+")
    context = sum(1 for *_, k in window if k == " ")
    sides = [f"{c} {w}" for c, w in ((removed, "removed"), (added, "added")) if c]
    what = " and ".join(sides) + (" line" if removed + added == 1 else " lines")
    if context:
        what += f", {plural(context, 'context line')}"
    return what + _names(text, window)


def _longest_run(body: list[tuple[int, int, str]]) -> int:
    longest = run = 0
    last = ""
    for _, _, kind in body:
        if kind in "+-":
            run = run + 1 if kind == last else 1
            longest = max(longest, run)
        last = kind
    return longest


def _hunk(
    text: str,
    lines: list[tuple[int, int]],
    i: int,
    m: re.Match[str],
    out: _Out,
    file: _File,
    seen: dict[tuple[str, ...], str],
) -> int:
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
    # A huge hunk: the body between its first _CHANGED_HEAD and last _CHANGED_TAIL changed
    # lines is one window behind a marker.
    changed = [x for x, (_, _, kind) in enumerate(body) if kind in "+-"]
    w0 = w1 = len(body)
    if len(changed) > _MAX_HUNK or _longest_run(body) > _MAX_CHANGED:
        w0, w1 = changed[_CHANGED_HEAD], changed[len(changed) - _CHANGED_TAIL]
    # A hunk shown whole whose changed lines are those of a hunk shown above (a version bump
    # in several lockfiles, a cherry-pick): the lines it shows join the file's omission of
    # repeated hunks.
    repeat = False
    if w0 == len(body) and changed:
        key = tuple(text[s:e] for s, e, kind in body if kind != " ")
        # The same changed lines indented otherwise (a rename at another nesting depth).
        loose = ("~", *(ln[0] + ln[1:].strip() for ln in key))
        if all(e - s <= _MAX_LINE for s, e, _ in body):
            source = seen.get(key)
            if source is None and (source := seen.get(loose)) is not None:
                file.reindented += 1
            if source is None:
                seen[key] = seen.setdefault(loose, file.path)
            else:
                repeat = True
                file.repeat_hunks += 1
                file.repeat_changed += len(key)
                file.sources[source] = None
                file.defs.extend(body)
    # Context lines: each group of changes keeps the line before it; the rest go (the run
    # after the last change whole). They join the file's context omission.
    drop: set[int] = set()
    k = 0
    while k < len(body):
        kind = body[k][2]
        j = k
        while j < len(body) and (body[j][2] == kind or (kind != " " and body[j][2] == "\\")):
            j += 1
        if kind == " ":
            tail = 0 if j == len(body) else _CONTEXT
            if j - k > tail:
                drop.update(range(k, j - tail))
        k = j
    x = 0
    while x < len(body):
        s, e, kind = body[x]
        if x == w0:
            window = body[w0:w1]
            out.run([(a, b) for a, b, _ in window], _window_what(text, window), "hunk middle")
            x = w1
            continue
        if kind == " ":
            k = out.hunk_line(s, e)
            if x in drop:
                file.context.append((k, s, e))
            elif repeat:
                file.repeats.append((k, s, e))
            x += 1
            continue
        if repeat:
            file.repeats.append((out.hunk_line(s, e), s, e))
            x += 1
            continue
        if kind in "+-" and _DATA.match(text, s, e):
            j = x
            end = w0 if x < w0 else len(body)
            while j < end and body[j][2] == kind and _DATA.match(text, body[j][0], body[j][1]):
                j += 1
            if j - x >= _MIN_DATA:
                side = "added" if kind == "+" else "removed"
                out.run([(a, b) for a, b, _ in body[x:j]], f"{j - x} {side} lines of encoded data")
                x = j
                continue
        out.hunk_line(s, e)
        x += 1
    return i
