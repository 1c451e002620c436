"""Python that ``ast`` cannot parse (a slice of a file, a truncated tool output, code with a
syntax error): a skeleton from tree-sitter's error-tolerant Python grammar.

The same shape as the ``ast`` skeleton (:mod:`transforms._python`): every ``def`` and
``class`` header (decorators, signatures) stays verbatim, a function body becomes its
docstring's first line carrying ``# [omitted N lines; id=oK]`` (or ``...  # [omitted …]``),
class bodies are walked into, other statements stay; definitions inside a function's body
keep their headers too, the statements between them behind markers of their own. What the
grammar could not place (``ERROR`` regions) stays verbatim, and its definitions are still
found and shortened.

A slice that starts inside an indented block (the middle of a class or a function) is parsed
behind synthetic ``if 1:`` headers, one per indentation level it dedents to, so its
statements sit where they belong; the run of statements before its first definition (the end
of a body cut off above) is shortened like a body. A slice that starts inside a triple-quoted
string is tried with the string's opener in front as well; the parse with fewer unplaced bytes
wins. The synthetic text is never part of the output or of an omission's span.
"""

from __future__ import annotations

import re
from typing import Any

from transforms._omit import Omitter, plural
from transforms._python import body_stub, stub_line
from transforms._treesitter import Offsets, error_regions, parser, unparsed_note

__all__ = ["compress_python_partial"]

_INDENT = re.compile(r"[ \t]*")
# A line that can open a statement at its indentation (not a comment, not blank).
_CODE_LINE = re.compile(r"^([ \t]*)(?![#\s])")
# Runs of plain statements in a synthetic block (a body cut off above) longer than this are
# shortened.
_MAX_TAIL_LINES = 3
# A value longer than this (characters) in a module- or class-level assignment is elided.
_MAX_VALUE = 120
# Statements that are definitions (walked), everything else is kept or, in a cut-off body,
# shortened.
_DEFS = {"function_definition", "class_definition", "decorated_definition"}


def _levels(text: str, limit: int = 400) -> list[int]:
    """Indentation levels the text's opening (until its first line at column 0) dedents to,
    outermost first, ending with the first code line's own."""
    first: int | None = None
    seen: set[int] = set()
    for k, line in enumerate(text.splitlines()):
        if k >= limit:
            break
        m = _CODE_LINE.match(line)
        if not m or not line.strip():
            continue
        width = len(m.group(1).expandtabs(8))
        if width == 0:
            break
        if first is None:
            first = width
        seen.add(width)
    if first is None:
        return []
    return sorted(w for w in seen if w <= first)


def _prefix(text: str, quote: str = "") -> str:
    """Synthetic header lines so that ``text`` (its first line at some indentation) parses in
    place; ``quote`` opens a string the text starts inside of."""
    body = text
    if quote:
        close = text.find(quote)
        body = text[close + 3 :] if close >= 0 else ""
        body = body.split("\n", 1)[1] if "\n" in body else ""
    levels = _levels(body)
    lines: list[str] = []
    depth = 0
    for width in levels:
        lines.append(" " * depth + "if 1:\n")
        depth = width
    if quote:
        lines.append(" " * depth + "_ = " + quote)
    return "".join(lines)


def compress_python_partial(
    text: str, omitter: Omitter, base: int = 0, notes: list[str] | None = None
) -> str | None:
    """Skeleton of Python that ``ast`` cannot read; None if nothing could be shortened. Adds
    to ``notes`` what the grammar could not place (``unparsed lines a-b, …``)."""
    best: tuple[int, str, Any] | None = None
    candidates = [""]
    if '"""' in text[:200_000]:
        candidates.append('"""')
    if "'''" in text[:200_000]:
        candidates.append("'''")
    for quote in candidates:
        prefix = _prefix(text, quote)
        tree = parser("python").parse((prefix + text).encode("utf-8"))
        bad = sum(e - s for s, e in error_regions(tree.root_node))
        if best is None or bad < best[0]:
            best = (bad, prefix, tree)
        if bad == 0:
            break
    assert best is not None
    _, prefix, tree = best
    full = prefix + text
    sk = _Walk(full, len(prefix), omitter, base)
    if not prefix:
        top = tree.root_node
        while top.named_children and top.named_children[0].type == "ERROR":
            top = top.named_children[0]
        sk.class_doc(top)  # the module docstring
    sk.block_children(tree.root_node, synthetic=bool(prefix))
    if notes is not None:
        regions = [
            (max(0, sk.offsets.char(a) - len(prefix)), max(0, sk.offsets.char(b) - len(prefix)))
            for a, b in error_regions(tree.root_node)
        ]
        if regions:
            notes.append(unparsed_note(text, regions))
        if prefix:
            notes.append("starts inside a block")
    if not sk.edits:
        return None
    out: list[str] = []
    pos = len(prefix)
    for s, e, rep in sorted(sk.edits):
        if s < pos:
            continue  # overlapping an edit already made (cannot happen: _Walk.done; defensive)
        out.append(full[pos:s])
        out.append(rep)
        pos = e
    out.append(full[pos:])
    return re.sub(r"\n{3,}", "\n\n", "".join(out))


class _Walk:
    def __init__(self, full: str, skip: int, omitter: Omitter, base: int) -> None:
        self.full = full
        self.skip = skip  # characters of synthetic prefix
        self.omitter = omitter
        self.base = base - skip  # spans: offsets in ``full`` minus the prefix
        self.offsets = Offsets(full)
        self.edits: list[tuple[int, int, str]] = []
        # Where the last edit ends: edits are made in document order, and one starting before
        # it would overlap (its marker made, its omission listed, but the edit dropped).
        self.done = skip

    def edit(self, s: int, e: int, rep: str) -> None:
        self.edits.append((s, e, rep))
        self.done = e

    def span(self, s: int, e: int) -> tuple[int, int]:
        """``full[s:e]``'s span in the original."""
        return self.base + s, self.base + e

    def char(self, byte: int) -> int:
        return self.offsets.char(byte)

    def line_start(self, pos: int) -> int:
        return self.full.rfind("\n", 0, pos) + 1

    def line_end(self, pos: int) -> int:
        nl = self.full.find("\n", pos)
        return len(self.full) if nl < 0 else nl + 1

    def block_children(self, node: Any, synthetic: bool) -> None:
        """Walk the statements of a module, class body, ERROR region or synthetic block."""
        run: list[Any] = []
        for child in node.children:
            t = child.type
            in_prefix = self.char(child.start_byte) < self.skip
            if t in _DEFS:
                self.tail(run, synthetic)
                run = []
                self.definition(child)
            elif t == "ERROR":
                self.tail(run, synthetic)
                run = []
                self.block_children(child, synthetic=False)
            elif in_prefix and t in ("if_statement", "block", "expression_statement"):
                # The synthetic headers: their blocks hold the text's opening.
                self.tail(run, synthetic)
                run = []
                self.block_children(child, synthetic=True)
            elif synthetic and t not in ("comment", ":", "if", "integer") and child.is_named:
                run.append(child)
            elif t == "expression_statement":
                self.tail(run, synthetic)
                run = []
                self.assignment(child)
            else:
                self.tail(run, synthetic)
                run = []
        self.tail(run, synthetic)

    def tail(self, run: list[Any], synthetic: bool) -> None:
        """A run of plain statements in a synthetic block: the end of a body that started
        before the text. Shortened like a body when long."""
        if not synthetic or not run:
            return
        # (Widened to whole lines, a run can take a line an edit before it took too: the run
        # before an unplaced region on one line, when the run after it is cut.)
        s = max(self.done, self.line_start(self.char(run[0].start_byte)))
        e = self.line_end(self.char(run[-1].end_byte))
        if e <= s:
            return
        n = self.full.count("\n", s, e) + (0 if self.full.endswith("\n", s, e) else 1)
        if n <= _MAX_TAIL_LINES:
            return
        what = f"{plural(n, 'line')} of a body that starts before this text"
        if not self.omitter.pays(self.full[s:e], what):
            return
        indent = _INDENT.match(self.full, s).group(0)  # type: ignore[union-attr]
        self.edit(s, e, stub_line(self.omitter, "body", self.span(s, e), n, what, indent))

    def assignment(self, node: Any) -> None:
        """A module- or class-level assignment whose value is long and ends the statement:
        the value goes behind a marker (as in the ``ast`` skeleton)."""
        expr = node.named_children[0] if node.named_child_count == 1 else None
        if expr is None or expr.type != "assignment":
            return
        value = expr.child_by_field_name("right")
        if value is None or value.end_byte != node.end_byte:
            return
        s, e = self.char(value.start_byte), self.char(value.end_byte)
        if s < self.done or e - s <= _MAX_VALUE or self.full[e : self.line_end(e)].strip():
            return
        n = self.full.count("\n", s, e) + 1
        what = f"{value.type.replace('_', ' ')} value, {plural(n, 'line')}"
        if not self.omitter.pays(self.full[s:e], what):
            return
        marker = self.omitter.mark("value", [self.span(s, e)], n, what)
        self.edit(s, e, f"...  # {marker}")

    def class_doc(self, body: Any) -> None:
        """A class's (or the module's) docstring of several lines: its first line and a marker
        for the whole."""
        doc = _docstring(body, self.full, self.offsets)
        if doc is None:
            return
        node = _first_statement(body)
        s = self.line_start(self.char(node.start_byte))
        e = self.line_end(self.char(node.end_byte))
        n = self.full.count("\n", s, e)
        what = f"docstring, {plural(n, 'line')}"
        if s < self.done or n <= 1:
            return
        if not self.omitter.pays(self.full[s:e].strip()[len(doc) :], what):
            return
        indent = _INDENT.match(self.full, s).group(0)  # type: ignore[union-attr]
        line = stub_line(self.omitter, "docstring", self.span(s, e), n, what, indent, doc)
        self.edit(s, e, line)

    def definition(self, node: Any) -> None:
        if node.type == "decorated_definition":
            inner = node.child_by_field_name("definition")
            if inner is not None:
                self.definition(inner)
            return
        body = node.child_by_field_name("body")
        colon = next((c for c in node.children if c.type == ":"), None)
        errors = colon is not None and any(
            c.type == "ERROR" and c.start_byte >= colon.end_byte for c in node.children
        )
        if node.type == "class_definition" or errors or colon is None:
            # A class body, or a body the grammar could not place whole: walked, so every
            # definition in it is found.
            first = True
            for c in node.children:
                if c.type in ("block", "ERROR"):
                    if first and node.type == "class_definition":
                        self.class_doc(c)
                    first = False
                    self.block_children(c, synthetic=False)
            return
        if body is None:
            return
        header_end = self.char(colon.end_byte)
        end = self.char(node.end_byte)
        if "\n" not in self.full[header_end:end]:
            return  # a body on the header line stays
        s = self.line_end(header_end)
        e = self.line_end(end) if end > s else s
        if e <= s or s < self.done:
            return
        doc = _docstring(body, self.full, self.offsets)
        if self.nested(body, doc):
            return
        n = self.full.count("\n", s, e) + (0 if self.full.endswith("\n", s, e) else 1)
        bs = self.char(body.start_byte)
        inner = self.full[self.line_start(bs) : bs]
        if inner.strip():
            inner = _INDENT.match(self.full, s).group(0)  # type: ignore[union-attr]
        if n <= 1 and doc is None:
            return
        line = body_stub(self.omitter, self.full[s:e].strip(), doc, inner, self.span(s, e), n)
        if line is not None:
            self.edit(s, e, line)

    def nested(self, block: Any, doc: str | None) -> bool:
        """A function body (or a block in one) defining functions or classes of its own:
        each definition is shortened as any other, the headers of the blocks holding them
        stay, the runs of other statements between them go behind markers of their own (as
        in the ``ast`` skeleton). False (nothing done) if none is there."""
        stmts = block.named_children
        if not any(_defines(c) for c in stmts):
            return False
        run: list[Any] = []
        first = True
        for c in stmts:
            if not _defines(c):
                run.append(c)
                continue
            while run and run[-1].type == "comment":
                run.pop()  # the comment lines before a definition stay
            self.run(run, doc if first else None)
            first, run = False, []
            if c.type in _DEFS:
                self.definition(c)
                continue
            for b in _blocks(c):
                if not self.nested(b, None):
                    self.run(b.named_children, None)
        self.run(run, doc if first else None)
        return True

    def run(self, stmts: list[Any], doc: str | None) -> None:
        """Statements of a function body between its definitions: one marker line (the
        docstring's first line carrying it, if ``doc``) when they are several lines and it
        pays."""
        if not stmts:
            return
        at = self.char(stmts[0].start_byte)
        s = self.line_start(at)
        if self.full[s:at].strip() or s < self.done:
            return  # on a header's line (``if x: y``), or already cut
        e = self.line_end(self.char(stmts[-1].end_byte))
        n = self.full.count("\n", s, e) + (0 if self.full.endswith("\n", s, e) else 1)
        if n <= 1:
            return
        indent = _INDENT.match(self.full, s).group(0)  # type: ignore[union-attr]
        line = body_stub(self.omitter, self.full[s:e].strip(), doc, indent, self.span(s, e), n)
        if line is not None:
            self.edit(s, e, line)


# Compound statements whose blocks a function's definitions may sit in, and the clauses
# holding their other blocks.
_COMPOUND = {
    "if_statement",
    "try_statement",
    "with_statement",
    "for_statement",
    "while_statement",
    "match_statement",
}
_CLAUSES = {
    "elif_clause",
    "else_clause",
    "except_clause",
    "except_group_clause",
    "finally_clause",
    "case_clause",
}


def _blocks(node: Any) -> list[Any]:
    """The blocks of a compound statement, in order."""
    out = []
    for c in node.children:
        if c.type == "block" and node.type == "match_statement":
            out.extend(_blocks(c))  # (its block holds the case clauses)
        elif c.type == "block":
            out.append(c)
        elif c.type in _CLAUSES:
            out.extend(b for b in c.children if b.type == "block")
    return out


def _defines(node: Any) -> bool:
    """Whether ``node`` is a definition, or a compound statement with one in its blocks."""
    return node.type in _DEFS or (
        node.type in _COMPOUND and any(_defines(c) for b in _blocks(node) for c in b.children)
    )


def _first_statement(body: Any) -> Any:
    return next((c for c in body.named_children if c.type != "comment"), None)


def _docstring(body: Any, full: str, offsets: Offsets) -> str | None:
    first = _first_statement(body)
    if first is None or first.type != "expression_statement" or first.named_child_count != 1:
        return None
    s = first.named_children[0]
    if s.type != "string":
        return None
    raw = full[offsets.char(s.start_byte) : offsets.char(s.end_byte)]
    m = re.match(r"^[rRuUbB]{0,2}(\"\"\"|'''|\"|')", raw)
    if not m:
        return None
    inner = raw[m.end() :]
    if inner.endswith(m.group(1)):
        inner = inner[: -len(m.group(1))]
    lines = inner.strip().splitlines()
    return lines[0].strip() if lines else ""
