"""Jupyter notebooks (``.ipynb`` JSON): the cells in order as a Markdown document, compressed by
the document rules.

Markdown cells become Markdown (headings stay headings); code cells become fenced blocks in
the kernel's language, so long ones go through that language's code compressor (every
``def``/``class`` name kept) and short ones stay as they are; raw cells become text. Outputs
follow their cell: text (streams, ``text/plain`` results) in a ``text`` fence, more than
``_OUTPUT_LINES`` lines keep their first ``_OUTPUT_HEAD`` and last ``_OUTPUT_TAIL`` with the
middle marked; errors keep ``ename: evalue`` and their traceback (ANSI colours removed), the
frames between the cell's own and the raising one behind a marker naming them. Images,
HTML, JavaScript and widget views in outputs, and the notebook's widget state, are each replaced
by a marker naming the MIME type and size. Every piece points at the JSON it came from, so
omissions name exact spans of the notebook (:mod:`transforms._derived`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from transforms._ansi import without_escapes
from transforms._derived import CompressFn, Derived, compress_derived
from transforms._json import Node, _expand, _parse
from transforms._omit import Omitter, plural

__all__ = ["compress_notebook", "is_notebook"]

# A traceback frame's location line, IPython's old and new forms: "/p/view.pyc in
# apply_sync(self, f)", "File /p/view.py:75, in spin_after(f, self)".
# The frames a collapsed traceback's marker names fit in this many characters.
_FRAMES_NAMED_CHARS = 160
_FRAME = re.compile(r"(?:File )?(\S+?)(?::\d+)?,? in (\S+?)\(")
_OUTPUT_LINES = 12
_OUTPUT_HEAD = 8
_OUTPUT_TAIL = 3
_TEXT_MIME = ("text/plain", "text/markdown", "text/latex")


def is_notebook(text: str) -> bool:
    """A JSON object with the nbformat keys (looked for at both ends: the keys are sorted, so
    ``nbformat`` comes last, ``cells`` first). Does not parse: a broken notebook is still one."""
    s = text.lstrip()
    if not s.startswith("{"):
        return False
    ends = text[:3000] + text[-3000:]
    return '"nbformat"' in ends and ('"cells"' in ends or '"worksheets"' in ends)


def _members(text: str, node: Node) -> dict[str, Node]:
    node = _expand(text, node)
    return dict(node.members or [])


def _items(text: str, node: Node | None) -> list[Node]:
    if node is None:
        return []
    node = _expand(text, node)
    return list(node.items or [])


def _lines_of(text: str, node: Node | None) -> list[Node]:
    """A cell's ``source`` or an output's ``text``: a list of strings, or one string."""
    if node is None:
        return []
    if isinstance(node.value, str):
        return [node]
    return [n for n in _items(text, node) if isinstance(n.value, str)]


class _Builder:
    def __init__(self, d: Derived, text: str) -> None:
        self.d = d
        self.text = text

    def lines(self, nodes: list[Node]) -> None:
        for n in nodes:
            self.d.add(str(n.value), n.start, n.end)
        if nodes and not self.d.tail.endswith("\n"):
            self.d.add("\n")

    def output_text(self, nodes: list[Node], what: str) -> None:
        """Output lines in a text fence; long ones keep their head and tail."""
        if not nodes:
            return
        self.d.add("```text\n")
        if len(nodes) > _OUTPUT_LINES:
            middle = nodes[_OUTPUT_HEAD : len(nodes) - _OUTPUT_TAIL]
            self.lines(nodes[:_OUTPUT_HEAD])
            span = [(middle[0].start, middle[-1].end)]
            if not self.d.omit(span, len(middle), "output", f"{plural(len(middle), what)}"):
                self.lines(middle)
            else:
                self.d.add("\n")
            self.lines(nodes[len(nodes) - _OUTPUT_TAIL :])
        else:
            self.lines(nodes)
        self.d.add("```\n")

    def frames(self, pieces: list[tuple[Node, str]]) -> None:
        """Traceback items with their text (ANSI colours removed), each on lines of its own
        (an item is a frame or a header line, mostly without a final line break: joined, a
        header ran into the first frame, "Traceback (most recent call last)Cell In[7], line 3")."""
        for n, value in pieces:
            self.d.add(value, n.start, n.end)
            if not value.endswith("\n"):
                self.d.add("\n")

    def traceback(self, items: list[Node]) -> None:
        """An error's traceback (one item per frame, ANSI colours removed): the first frame (the
        cell's own code) and the last (where it was raised) whole; the frames between behind
        one marker naming each (file and function)."""
        texts = [without_escapes(str(n.value)) for n in items]
        frames = [
            i for i, t in enumerate(texts) if "\n" in t.strip() or _FRAME.match(t) is not None
        ]
        frames = [i for i in frames if not texts[i].lstrip().startswith("---")]
        middle = frames[1:-1]
        pieces = list(zip(items, texts, strict=True))
        if len(middle) < 2 or middle[-1] - middle[0] + 1 != len(middle):
            self.frames(pieces)
            return
        # Per file (its last path part), its functions in order, ×n when repeated; spaces
        # only (a comma-separated line reads as a list that a log compressor may cut).
        by_file: dict[str, Counter[str]] = {}
        for i in middle:
            first = texts[i].strip().split("\n", 1)[0]
            m = _FRAME.match(first)
            path, func = (m.group(1), m.group(2)) if m else ("", first[:40].replace(",", " "))
            by_file.setdefault(path.rsplit("/", 1)[-1], Counter())[func] += 1
        named = "; ".join(
            (f"{f}: " if f else "")
            + " ".join(n + (f"×{c}" if c > 1 else "") for n, c in fs.items())
            for f, fs in by_file.items()
        )
        if len(named) > _FRAMES_NAMED_CHARS:
            named = named[: named.rfind(" ", 0, _FRAMES_NAMED_CHARS)] + " …"
        what = f"{plural(len(middle), 'frame')} ({named})"
        self.frames(pieces[: middle[0]])
        span = [(items[middle[0]].start, items[middle[-1]].end)]
        if self.d.omit(span, len(middle), "output", what):
            self.d.add("\n")
        else:
            self.frames(pieces[middle[0] : middle[-1] + 1])
        self.frames(pieces[middle[-1] + 1 :])

    def output(self, node: Node) -> None:
        m = _members(self.text, node)
        kind = m["output_type"].value if "output_type" in m else ""
        if kind == "stream":
            name = m["name"].value if "name" in m else "stream"
            self.output_text(_lines_of(self.text, m.get("text")), f"more {name} line")
        elif kind == "error":
            ename = m["ename"].value if "ename" in m else "Error"
            evalue = m["evalue"].value if "evalue" in m else ""
            self.d.add("```text\n")
            head = m.get("ename")
            self.d.add(
                f"{ename}: {evalue}\n", head.start if head else None, head.end if head else None
            )
            self.traceback(_lines_of(self.text, m.get("traceback")))
            self.d.add("```\n")
        elif kind in ("execute_result", "display_data", "pyout", "display"):
            data = _members(self.text, m["data"]) if "data" in m else {}
            shown = False
            for mime, value in data.items():
                if mime in _TEXT_MIME and not shown:
                    self.output_text(_lines_of(self.text, value), "more result line")
                    shown = True
            for mime, value in data.items():
                if mime in _TEXT_MIME:
                    continue
                size = value.end - value.start
                what = f"{mime} output, {_size(size)}"
                if self.d.omit([(value.start, value.end)], 1, "output", what):
                    self.d.add("\n")

    def cell(self, node: Node, language: str) -> None:
        m = _members(self.text, node)
        kind = m["cell_type"].value if "cell_type" in m else "code"
        source = _lines_of(self.text, m.get("source") or m.get("input"))
        if kind == "markdown":
            self.lines(source)
        elif kind == "code":
            self.d.add(f"```{language}\n")
            self.lines(source)
            self.d.add("```\n")
            outputs = m.get("outputs")
            after_source = self.d.cursor
            if outputs is not None and outputs.start < after_source:
                # The JSON holds the outputs before the source (keys sorted): they are tied
                # to where they are, not to the source's end (omissions of them then point
                # at them); the next cell goes on from the source.
                self.d.cursor = outputs.start
            for out in _items(self.text, outputs):
                self.output(out)
            self.d.cursor = max(self.d.cursor, after_source)
        else:
            self.lines(source)
        self.d.add("\n")


def _size(chars: int) -> str:
    return f"{chars / 1000:.0f} KB" if chars >= 1000 else f"{chars} chars"


def compress_notebook(text: str, omitter: Omitter, base: int, compress_fn: CompressFn) -> str:
    """The notebook as a compressed Markdown document (see the module docstring). Raises
    ValueError if it is not a notebook that parses."""
    start = len(text) - len(text.lstrip())
    root = _parse(text, start, 0)
    if text[root.end :].strip():
        raise ValueError("trailing data after the notebook")
    top = dict(root.members or [])
    cells_node = top.get("cells")
    if cells_node is None and "worksheets" in top:
        sheets = _items(text, top["worksheets"])
        cells_node = _members(text, sheets[0]).get("cells") if sheets else None
    if cells_node is None or not isinstance(cells_node.value, list):
        raise ValueError("no cells")
    meta = top["metadata"].value if "metadata" in top else {}
    meta = meta if isinstance(meta, dict) else {}
    language = _language(meta)
    cells = _items(text, cells_node)
    kinds = [c.value.get("cell_type", "?") if isinstance(c.value, dict) else "?" for c in cells]
    d = Derived(text, base, omitter)
    counts = ", ".join(f"{kinds.count(k)} {k}" for k in dict.fromkeys(kinds))
    d.add(f"[notebook: {plural(len(cells), 'cell')} ({counts}), language {language}]\n")
    widgets = _members(text, top["metadata"]).get("widgets") if "metadata" in top else None
    if widgets is not None:
        what = f"widget state, {_size(widgets.end - widgets.start)}"
        if d.omit([(widgets.start, widgets.end)], 1, "widgets", what):
            d.add("\n")
        d.cursor = 0
    d.add("\n")
    builder = _Builder(d, text)
    for cell in cells:
        builder.cell(cell, language)
    return compress_derived(d, "mixed", compress_fn)


def _language(meta: dict[str, Any]) -> str:
    for key in ("language_info", "kernelspec"):
        info = meta.get(key)
        if isinstance(info, dict):
            name = info.get("name") if key == "language_info" else info.get("language")
            if isinstance(name, str) and name:
                return name.lower()
    return "python"
