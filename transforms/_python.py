"""Python source: an ``ast`` skeleton that still parses.

Kept verbatim: the module docstring's first line, imports, decorators, class headers (bases,
keywords), function signatures with annotations and defaults, module/class-level constants
and annotated attributes (long values elided), ``__all__``, ``if __name__ == "__main__"`` heads
and everything inside class bodies that is not a function body. Function bodies become their
docstring's first line carrying ``# [omitted N lines; id=oK]`` (without one:
``...  # [omitted …]``). Functions and classes defined inside a body (a decorator's
``def wrapper``, closures, local classes, a ``def`` under an ``if`` there) are shown as any
other, their bodies elided, with the headers of the blocks holding them; the statements
between them go behind markers of their own. Every definition's name survives.
"""

from __future__ import annotations

import ast
import re
import threading

from transforms._gc import collector_paused
from transforms._omit import Omitter, plural

__all__ = ["body_stub", "compress_python", "stub_line"]

# A value longer than this (characters) in an assignment is elided.
_MAX_VALUE = 120
# Comment runs between definitions longer than this are elided.
_MAX_COMMENT_LINES = 3
# Methods of a class with bodies of at most this many lines (and no docstring), when there
# are at least _MIN_SHORT_BODIES of them, end in ": ..." behind one marker of their class.
_SHORT_BODY_LINES = 4
_MIN_SHORT_BODIES = 3


class _Lines:
    """Offsets of line starts so (lineno, col) can become absolute character offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for m in re.finditer("\n", text):
            self.starts.append(m.end())
        # ast's col_offset is in UTF-8 bytes; convert per line only when needed.
        self.ascii = text.isascii()

    def offset(self, lineno: int, col: int) -> int:
        start = self.starts[lineno - 1]
        if self.ascii:
            return start + col
        line_end = self.starts[lineno] if lineno < len(self.starts) else len(self.text)
        raw = self.text[start:line_end].encode("utf-8")
        return start + len(raw[:col].decode("utf-8", errors="ignore"))

    def line_start(self, lineno: int) -> int:
        return self.starts[lineno - 1] if lineno <= len(self.starts) else len(self.text)

    def line_end(self, lineno: int) -> int:
        """Offset just past the newline of ``lineno`` (or end of text)."""
        return self.starts[lineno] if lineno < len(self.starts) else len(self.text)


# Where str.splitlines cuts a line.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _doc_first_line(body: list[ast.stmt]) -> str | None:
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        # ``doc.strip().splitlines()[0].strip()`` ("" for a blank docstring), without
        # copying and splitting the whole docstring for its first line.
        doc = body[0].value.value.lstrip()
        cut = _LINE_BREAK.search(doc)
        return (doc[: cut.start()] if cut else doc).strip()
    return None


class _Skeleton:
    def __init__(self, text: str, omitter: Omitter, base: int) -> None:
        self.text = text
        self.lines = _Lines(text)
        self.omitter = omitter
        self.base = base
        self.out: list[str] = []
        self.cursor = 1  # first source line not yet emitted or elided
        # Methods whose short bodies one marker of their class holds: they end in ": ...".
        self.grouped: set[int] = set()

    def span(self, s: int, e: int) -> tuple[int, int]:
        """``text[s:e]``'s span in the original."""
        return self.base + s, self.base + e

    def emit_range(self, first: int, last: int) -> None:
        """Copy source lines first..last verbatim."""
        s, e = self.lines.line_start(first), self.lines.line_end(last)
        chunk = self.text[s:e]
        self.out.append(chunk if chunk.endswith("\n") else chunk + "\n")
        self.cursor = last + 1

    def elide(self, first: int, last: int, indent: str, what: str, count: int) -> None:
        s, e = self.lines.line_start(first), self.lines.line_end(last)
        if not self.omitter.pays(self.text[s:e].strip(), what):
            self.emit_range(first, last)  # shorter than its marker: it stays
            return
        self.out.append(stub_line(self.omitter, "body", self.span(s, e), count, what, indent))
        self.cursor = last + 1

    def gap(self, upto: int) -> None:
        """Lines between statements (comments, blanks) up to line ``upto`` exclusive."""
        if upto <= self.cursor:
            return
        s, e = self.lines.line_start(self.cursor), self.lines.line_start(upto)
        chunk = self.text[s:e]
        if not chunk.strip():
            self.out.append("\n")
        elif chunk.count("\n") <= _MAX_COMMENT_LINES or not self.omitter.pays(
            chunk.strip(), plural(chunk.count("\n"), "comment line")
        ):
            self.out.append(chunk)
        else:
            n = chunk.count("\n")
            indent = _INDENT.match(chunk.lstrip("\n")).group(0)  # type: ignore[union-attr]
            marker = self.omitter.mark(
                "comments", [self.span(s, e)], n, f"{plural(n, 'comment line')}"
            )
            self.out.append(f"{indent}# {marker}\n")
        self.cursor = upto

    def stmt(self, node: ast.stmt, indent: str) -> None:
        end = node.end_lineno or node.lineno
        first = _first_line(node)
        self.gap(first)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            self.function(node, indent, first)
        elif isinstance(node, ast.ClassDef):
            self.klass(node, indent, first)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value:
            self.assign(node, node.value, first, end)
        elif isinstance(node, ast.If) and indent == "" and _is_main(node) and end > node.lineno:
            self.emit_range(first, node.body[0].lineno - 1)
            n = end - node.body[0].lineno + 1
            self.elide(node.body[0].lineno, end, "    ", f"main block, {plural(n, 'line')}", n)
        elif isinstance(node, ast.If | ast.Try) and self.blocks(node):
            pass
        elif not (
            # A string standing alone after an assignment (an attribute's docstring, which
            # Sphinx reads): its first line and a marker, as a class's docstring.
            isinstance(node, ast.Expr) and end > node.lineno and self.docstring([node], indent)
        ):
            self.emit_range(first, end)

    def blocks(self, node: ast.If | ast.Try) -> bool:
        """An ``if``/``try`` at module or class level holding definitions (a fallback for
        an older Python, an optional import): its headers (``else:``, ``except …:``) stay,
        each block's statements go through :meth:`stmt`. False (nothing done) when it holds
        no definition, or a block starts on its header's line."""
        parts = _blocks(node)
        stmts = [s for part in parts for s in part]
        if not _holds_definitions(stmts):
            return False
        for s in stmts:
            start = self.lines.offset(s.lineno, s.col_offset)
            if self.text[self.lines.line_start(s.lineno) : start].strip():
                return False
        for part in parts:
            if not part:
                continue
            head = part[0]
            if (
                part is node.orelse
                and isinstance(node, ast.If)
                and len(part) == 1
                and isinstance(head, ast.If)
                and self.text.startswith("elif", self.lines.offset(head.lineno, head.col_offset))
            ):
                self.stmt(head, "")  # an elif: its own header and blocks
                continue
            first = _first_line(head)
            if first > self.cursor:
                self.emit_range(self.cursor, first - 1)  # the header (and comments after it)
            inner = _indent_of(self.text, self.lines, head.lineno)
            for s in part:
                self.stmt(s, inner)
        return True

    def assign(self, node: ast.stmt, value: ast.expr, first: int, end: int) -> None:
        s = self.lines.offset(value.lineno, value.col_offset)
        vend = value.end_lineno or value.lineno
        e = self.lines.offset(vend, value.end_col_offset or 0)
        tail = self.text[e : self.lines.line_end(end)].strip()
        # Elide only long values that end their line (nothing after them but a comment).
        if e - s <= _MAX_VALUE or vend != end or (tail and not tail.startswith("#")):
            self.emit_range(first, end)
            return
        head = self.text[self.lines.line_start(first) : s]
        n = vend - value.lineno + 1
        what = f"{type(value).__name__.lower()} value, {plural(n, 'line')}"
        if not self.omitter.pays(self.text[s:e], what):
            self.emit_range(first, end)
            return
        marker = self.omitter.mark("value", [self.span(s, e)], n, what)
        self.out.append(f"{head.rstrip()} ...  # {marker}\n")
        self.cursor = end + 1

    def on_header_line(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, first: int
    ) -> bool:
        """A body on the header line (``def f(): return 1``) stays as it is: True if so."""
        if node.body[0].lineno != node.lineno:
            return False
        self.emit_range(first, node.end_lineno or node.lineno)
        return True

    def function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, indent: str, first: int
    ) -> None:
        if self.on_header_line(node, first):
            return
        body = node.body
        end = node.end_lineno or node.lineno
        if id(node) in self.grouped:
            s, e = self.lines.line_start(first), self.lines.line_end(body[0].lineno - 1)
            self.out.append(self.text[s:e].rstrip() + " ...\n")
            self.cursor = end + 1
            return
        self.emit_range(first, _first_line(body[0]) - 1)
        inner = _indent_of(self.text, self.lines, body[0].lineno)
        doc = _doc_first_line(body)
        if self.nested(body, inner, doc):
            return
        start = _first_line(body[0])
        n = end - start + 1
        if n <= 1:
            self.emit_range(start, end)
            return
        s, e = self.lines.line_start(start), self.lines.line_end(end)
        line = body_stub(self.omitter, self.text[s:e].strip(), doc, inner, self.span(s, e), n)
        if line is None:
            self.emit_range(start, end)
            return
        self.out.append(line)
        self.cursor = end + 1

    def nested(self, stmts: list[ast.stmt], indent: str, doc: str | None = None) -> bool:
        """A function body (or a block in one) defining functions or classes of its own
        (a decorator's ``def wrapper``, a closure, a local class, a ``def`` under an ``if``):
        each definition is shown as any other (signature, body elided; a class walked), the
        headers of the ``if``/``try``/``with``/``for`` blocks holding them stay, and the runs
        of other statements between them go behind markers of their own (the first carrying
        the docstring's first line, ``doc``), so every definition's name shows. False
        (nothing done) when no definition is there or a block starts on its header's line."""
        if not any(_defines(s) for s in stmts):
            return False
        if any(not self.own_lines(s) for s in stmts if _defines(s)):
            return False
        # Several functions of a few lines each: their bodies go behind one marker above.
        self.short_bodies(stmts, indent, "functions")
        run: list[ast.stmt] = []
        for s in stmts:
            if not _defines(s):
                run.append(s)
                continue
            self.run(run, indent, doc if run and run[0] is stmts[0] else None)
            run = []
            if isinstance(s, _DEFINITIONS):
                self.stmt(s, indent)
            else:
                self.gap(s.lineno)
                self.compound(s)
        self.run(run, indent, doc if run and run[0] is stmts[0] else None)
        return True

    def own_lines(self, node: ast.stmt) -> bool:
        """Whether every block of a compound statement holding definitions starts on a line
        of its own (its headers can then stay as they are), recursively."""
        if isinstance(node, _DEFINITIONS):
            return True
        for part in _function_blocks(node):
            for s in part:
                start = self.lines.offset(s.lineno, s.col_offset)
                if self.text[self.lines.line_start(s.lineno) : start].strip():
                    return False
                if _defines(s) and not self.own_lines(s):
                    return False
        return True

    def compound(self, node: ast.stmt) -> None:
        """An ``if``/``try``/``with``/``for``/``while`` in a function body holding a
        definition: its headers stay, each block goes through :meth:`nested` (or is one run
        of statements)."""
        for part in _function_blocks(node):
            if not part:
                continue
            head = part[0]
            if (
                part is getattr(node, "orelse", None)
                and isinstance(node, ast.If)
                and len(part) == 1
                and isinstance(head, ast.If)
                and self.text.startswith("elif", self.lines.offset(head.lineno, head.col_offset))
            ):
                self.compound(head)  # an elif: its own header and blocks
                continue
            first = _first_line(head)
            if first > self.cursor:
                self.emit_range(self.cursor, first - 1)  # the header (and comments after it)
            inner = _indent_of(self.text, self.lines, head.lineno)
            if not self.nested(part, inner):
                self.run(part, inner, None)

    def run(self, stmts: list[ast.stmt], indent: str, doc: str | None) -> None:
        """Statements of a function body between its definitions (with the comment lines
        before them): one marker line (the docstring's first line carrying it, if ``doc``), or
        as they are when that does not pay or they are one line."""
        if not stmts:
            return
        start, end = _first_line(stmts[0]), stmts[-1].end_lineno or stmts[-1].lineno
        # Comment lines before them go with them (blank lines stay).
        lo = self.cursor
        while lo < start and not self.text[
            self.lines.line_start(lo) : self.lines.line_end(lo)
        ].strip(" \t\r\n\f"):
            lo += 1
        start = min(start, lo)
        self.gap(start)
        n = end - start + 1
        s, e = self.lines.line_start(start), self.lines.line_end(end)
        line = None
        if n > 1:
            line = body_stub(self.omitter, self.text[s:e].strip(), doc, indent, self.span(s, e), n)
        if line is None:
            self.emit_range(start, end)
            return
        self.out.append(line)
        self.cursor = end + 1

    def docstring(self, body: list[ast.stmt], indent: str) -> bool:
        """A class's docstring of several lines: its first line and a marker for the whole.
        True if it was shown so (the caller goes on after it)."""
        doc = _doc_first_line(body)
        if doc is None:
            return False
        d = body[0]
        d_end = d.end_lineno or d.lineno
        s, e = self.lines.line_start(d.lineno), self.lines.line_end(d_end)
        n = d_end - d.lineno + 1
        what = f"docstring, {plural(n, 'line')}"
        if d_end == d.lineno or not self.omitter.pays(self.text[s:e].strip()[len(doc) :], what):
            return False
        self.gap(d.lineno)
        self.out.append(stub_line(self.omitter, "docstring", self.span(s, e), n, what, indent, doc))
        self.cursor = d_end + 1
        return True

    def klass(self, node: ast.ClassDef, indent: str, first: int) -> None:
        if self.on_header_line(node, first):
            return
        body = node.body
        self.emit_range(first, _first_line(body[0]) - 1)
        inner = _indent_of(self.text, self.lines, body[0].lineno)
        rest = body
        if self.docstring(body, inner):
            rest = body[1:]
        elif _doc_first_line(body) is not None:
            self.stmt(body[0], inner)  # a docstring shown whole comes first
            rest = body[1:]
        self.short_bodies(rest, inner)
        for child in rest:
            self.stmt(child, inner)

    def short_bodies(self, members: list[ast.stmt], indent: str, kind: str = "methods") -> None:
        """Methods of a class (or functions defined in a function's body, ``kind``) with
        bodies of a few lines and no docstring, when there are several: each ends in
        ``: ...`` on its header's last line, one marker line before the first statement of
        ``members`` holds every body (alone, each paid for its marker barely or not at
        all)."""
        found: list[tuple[ast.stmt, int, int]] = []
        for m in members:
            if not isinstance(m, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body, end = m.body, m.end_lineno or m.lineno
            if body[0].lineno == m.lineno or _doc_first_line(body) is not None:
                continue
            if any(_defines(s) for s in body):
                continue  # its definitions' names show (see nested)
            if end - body[0].lineno + 1 > _SHORT_BODY_LINES:
                continue
            head_end = self.lines.line_end(body[0].lineno - 1)
            if (
                not self.text[self.lines.line_start(body[0].lineno - 1) : head_end]
                .rstrip()
                .endswith(":")
            ):
                continue  # a comment after the colon: ": ..." would land in it
            found.append((m, self.lines.line_start(body[0].lineno), self.lines.line_end(end)))
        if len(found) < _MIN_SHORT_BODIES:
            return
        spans = [(s, e) for _, s, e in found]
        what = f"{len(found)} short bodies ({kind} ending in : ...)"
        if not self.omitter.pays("".join(self.text[s:e] for s, e in spans), what):
            return
        self.gap(_first_line(members[0]))
        marker = self.omitter.mark("body", [self.span(s, e) for s, e in spans], len(found), what)
        self.out.append(f"{indent}# {marker}\n")
        self.grouped.update(id(m) for m, _, _ in found)


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _blocks(node: ast.If | ast.Try) -> list[list[ast.stmt]]:
    if isinstance(node, ast.If):
        return [node.body, node.orelse]
    return [node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody]


def _holds_definitions(stmts: list[ast.stmt]) -> bool:
    """Whether a definition is among ``stmts``, or in the blocks of an ``if``/``try`` there."""
    return any(
        isinstance(s, _DEFINITIONS)
        or (
            isinstance(s, ast.If | ast.Try)
            and any(_holds_definitions(block) for block in _blocks(s))
        )
        for s in stmts
    )


# Compound statements whose blocks a function's definitions may sit in.
_COMPOUND = (
    ast.If,
    ast.Try,
    ast.TryStar,
    ast.With,
    ast.AsyncWith,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.Match,
)


def _function_blocks(node: ast.stmt) -> list[list[ast.stmt]]:
    """The blocks of a compound statement in a function body, in order (none for others)."""
    if isinstance(node, ast.If | ast.Try):
        return _blocks(node)
    if isinstance(node, ast.TryStar):
        return [node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody]
    if isinstance(node, ast.Match):
        return [c.body for c in node.cases]
    if isinstance(node, ast.For | ast.AsyncFor | ast.While):
        return [node.body, node.orelse]
    if isinstance(node, ast.With | ast.AsyncWith):
        return [node.body]
    return []


def _defines(node: ast.stmt) -> bool:
    """Whether ``node`` is a definition, or a compound statement with one in its blocks."""
    return isinstance(node, _DEFINITIONS) or (
        isinstance(node, _COMPOUND)
        and any(_defines(s) for block in _function_blocks(node) for s in block)
    )


def _first_line(node: ast.stmt) -> int:
    """The line a statement starts on: its first decorator's, if it has any."""
    if isinstance(node, _DEFINITIONS) and node.decorator_list:
        return min(node.lineno, *(d.lineno for d in node.decorator_list))
    return node.lineno


_INDENT = re.compile(r"[ \t]*")


def _indent_of(text: str, lines: _Lines, lineno: int) -> str:
    s = lines.line_start(lineno)
    return _INDENT.match(text, s, s + 200).group(0)  # type: ignore[union-attr]


def _quote(doc: str) -> str:
    if '"""' in doc or doc.endswith('"') or "\\" in doc:
        return repr(doc)
    return f'"""{doc}"""'


def stub_line(
    omitter: Omitter,
    kind: str,
    span: tuple[int, int],
    count: int,
    what: str,
    indent: str,
    doc: str | None = None,
) -> str:
    """The line standing for ``span`` (absolute): a docstring's first line, or ``...``
    without one, carrying the marker of a new omission."""
    marker = omitter.mark(kind, [span], count, what)
    return f"{indent}{_quote(doc) if doc is not None else '...'}  # {marker}\n"


def body_stub(
    omitter: Omitter, material: str, doc: str | None, indent: str, span: tuple[int, int], n: int
) -> str | None:
    """The line standing for a function body of ``n`` lines (``material``, stripped; ``span``
    absolute): its docstring's first line (a docstring is a body: no "..." line then), or
    ``...``, carrying the marker for the whole body, docstring included, so nothing is left
    out without one. None when the marker does not pay."""
    what = plural(n, "line")
    if doc:
        # The docstring's first line stays in view: the marker must pay for the rest.
        material = material.replace(doc, "", 1)
    # (the marker stands in a line of its own, "...  # [omitted …]": that counts too)
    if not omitter.pays(material, what + ", ...  #"):
        return None
    return stub_line(omitter, "body", span, n, what, indent, doc)


def _is_main(node: ast.If) -> bool:
    t = node.test
    return (
        isinstance(t, ast.Compare)
        and isinstance(t.left, ast.Name)
        and t.left.id == "__name__"
        and len(t.comparators) == 1
        and isinstance(t.comparators[0], ast.Constant)
        and t.comparators[0].value == "__main__"
    )


# CPython before 3.12 keeps the AST builder's recursion depth in interpreter state, so two
# threads parsing at once can fail with "SystemError: AST constructor recursion depth
# mismatch" (python/cpython#106905); workers compress in threads, so parses take turns.
_PARSE_LOCK = threading.Lock()


def compress_python(
    text: str, omitter: Omitter, base: int = 0, notes: list[str] | None = None
) -> str | None:
    """Skeleton of a Python module, or None if it does not parse (then ``notes`` gets why:
    ``SyntaxError line 12: …``)."""
    # The AST is built and dropped inside the pause (see transforms._gc).
    with collector_paused():
        return _skeleton(text, omitter, base, notes)


def _skeleton(text: str, omitter: Omitter, base: int, notes: list[str] | None) -> str | None:
    try:
        with _PARSE_LOCK:
            tree = ast.parse(text)
    except SyntaxError as exc:
        if notes is not None:
            msg = re.sub(r"\s+", " ", str(exc.msg or "invalid syntax"))[:80]
            notes.append(f"{type(exc).__name__} line {exc.lineno}: {msg}")
        return None
    except (ValueError, RecursionError, MemoryError) as exc:
        if notes is not None:
            notes.append(type(exc).__name__)
        return None
    if not tree.body:
        return None
    sk = _Skeleton(text, omitter, base)
    body = tree.body
    doc = _doc_first_line(body)
    if doc is not None:
        d = body[0]
        d_end = d.end_lineno or d.lineno
        # What precedes the docstring (shebang, encoding, licence) is a gap like any other.
        sk.gap(d.lineno)
        s, e = sk.lines.line_start(d.lineno), sk.lines.line_end(d_end)
        n = d_end - d.lineno + 1
        what = f"module docstring, {plural(n, 'line')}"
        if d_end > d.lineno and omitter.pays(text[s:e].strip()[len(doc) :], what):
            sk.out.append(stub_line(omitter, "docstring", sk.span(s, e), n, what, "", doc))
            sk.cursor = d_end + 1
        else:
            sk.emit_range(d.lineno, d_end)
        body = body[1:]
    for node in body:
        sk.stmt(node, "")
    sk.gap(len(sk.lines.starts) + 1)
    return re.sub(r"\n{3,}", "\n\n", "".join(sk.out))
