"""Prose and markdown: keep the sentences that carry facts, fill the rest by centrality.

Blocks are found line by line (headings, tables, indented code, list items, paragraphs) and
paragraphs/items are split into sentences. Always kept: headings, table rows, fenced/indented
code and literal blocks, every sentence carrying a number or date, and every sentence that
carries a code span, identifier (snake_case, camelCase, dotted.names, paths, URLs, --flags) or
proper name not already carried by an earlier kept sentence (so each of them survives at least
once, while a doc that names `npm install` in every sentence is not kept whole for it).
Dropped first: exact and near duplicates (same set of content words and numbers). The
remaining budget (``TARGET`` of the prose characters) goes to the most central sentences
(sharing the document's frequent words), with a bonus for the first sentence of a paragraph.
Original order is kept; each run of dropped sentences becomes one omission whose marker stands
where the run stood.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from transforms._omit import Omitter, plural

__all__ = ["compress_prose"]

TARGET = 0.5
_MIN_CHARS = 600

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_UNDERLINE = re.compile(r"^ {0,3}([=\-~^\"'`#*+<>:_.])\1{2,}\s*$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$|^\s*\+[-=+]+\+\s*$")
_LIST = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)]|[a-z][.)])\s+")
_FENCE_OR_DIRECTIVE = re.compile(r"^\s*(?:```|~~~|\.\. |:\w+:|<[a-zA-Z/!])")
_SENT_END = re.compile(r"""(?<=[.!?])["')\]*_]*\s+(?=[\"'(\[*_`]?[A-Z0-9])""")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+(?:[.,:/-]\d+)*")
_DIGIT = re.compile(r"\d")
_IDENT = re.compile(
    r"`[^`]+`|\b[a-z]+_[a-z0-9_]+\b|\b[a-z]+[A-Z]\w*\b|\b[A-Z][a-z]+[A-Z]\w*\b|\b[A-Z]{2,}_[A-Z_]+\b"
    r"|\b\w+(?:\.\w+)+\(|\b\w+\(\)|https?://\S+|(?:^|\s)[~.]?/[\w.-]+/[\w./-]*|--[a-z][\w-]+"
    r"|\b[a-z]+(?:\.[a-z_]+){2,}\b"
)
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)*")
_STOP_WORDS = """a an the and or but if then else of to in on at by for with from as is are was
were be been being it its this that these those there here we you they he she i not no can
will would should could may might must do does did done have has had so such than too very
just also into over under about more most some any all each other which who whom what when
where why how our your their them his her us my me"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    para: int
    first: bool  # first sentence of its paragraph
    must: bool
    words: frozenset[str] = field(default_factory=frozenset)
    names: tuple[str, ...] = ()
    keep: bool = False
    score: float = 0.0


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_prose) blocks; non-prose blocks are kept verbatim."""
    out: list[tuple[int, int, bool]] = []
    lines = text.splitlines(keepends=True)
    pos = 0
    para_start: int | None = None
    in_literal = False
    literal_indent = 0
    prev_blank = True
    fence: str | None = None

    def close(at: int) -> None:
        nonlocal para_start
        if para_start is not None and at > para_start:
            out.append((para_start, at, True))
        para_start = None

    for idx, line in enumerate(lines):
        s, e = pos, pos + len(line)
        pos = e
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" \t"))
        nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
        if fence is not None or stripped.startswith(("```", "~~~")):
            # Fenced code stays verbatim, fences included.
            close(s)
            out.append((s, e, False))
            if fence is None:
                fence = stripped[:3]
            elif stripped.startswith(fence) and stripped.strip("`~") == "":
                fence = None
            continue
        if not stripped:
            close(s)
            prev_blank = True
            continue
        if in_literal:
            if indent > literal_indent:
                out.append((s, e, False))
                prev_blank = False
                continue
            in_literal = False
        list_m = _LIST.match(line)
        verbatim = (
            _HEADING.match(line)
            or _UNDERLINE.match(line)
            or _UNDERLINE.match(nxt)
            or _TABLE.match(line)
            or _FENCE_OR_DIRECTIVE.match(line)
            or (indent >= 4 and prev_blank and para_start is None and not list_m)
        )
        if verbatim:
            close(s)
            out.append((s, e, False))
            if stripped.endswith("::") or stripped.startswith(".. "):
                in_literal, literal_indent = True, indent
            prev_blank = False
            continue
        if list_m:
            close(s)
        if para_start is None:
            para_start = s
        if stripped.endswith("::"):
            close(e)
            in_literal, literal_indent = True, indent
        prev_blank = False
    close(pos)
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s = start
    # Skip leading whitespace and list bullets: they stay with the paragraph.
    m = _LIST.match(text, start, end)
    if m:
        s = m.end()
    for m in _SENT_END.finditer(text, s, end):
        out.append((s, m.start()))
        s = m.end()
    tail = text[s:end].rstrip()
    if tail:
        out.append((s, s + len(tail)))
    return out


def _norm_words(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(sentence) if w.lower() not in _STOP)


def compress_prose(
    text: str, omitter: Omitter, base: int = 0, target: float = TARGET
) -> str | None:
    if len(text) < _MIN_CHARS:
        return None
    units: list[_Unit] = []
    para = 0
    for s, e, is_prose in _blocks(text):
        if not is_prose:
            continue
        para += 1
        for k, (a, b) in enumerate(_sentences(text, s, e)):
            sent = text[a:b]
            must = _DIGIT.search(sent) is not None
            tokens = tuple(_IDENT.findall(sent)) + tuple(_NAME.findall(sent))
            units.append(_Unit(a, b, para, k == 0, must, _norm_words(sent), tokens))
    if len(units) < 4:
        return None
    # Duplicates: a sentence whose content words were all said by an earlier one goes.
    seen_exact: set[str] = set()
    seen_words: set[frozenset[str]] = set()
    dup = [False] * len(units)
    for i, u in enumerate(units):
        norm = " ".join(text[u.start : u.end].lower().split())
        if norm in seen_exact or (len(u.words) >= 3 and u.words in seen_words):
            dup[i] = True
        seen_exact.add(norm)
        if len(u.words) >= 3:
            seen_words.add(u.words)
    names_seen: set[str] = set()
    for i, u in enumerate(units):
        if dup[i]:
            continue
        fresh = [n for n in u.names if n not in names_seen]
        if u.must or fresh:
            u.keep = True
            names_seen.update(u.names)
    # Centrality: how much of the document's recurring vocabulary a sentence carries.
    df: Counter[str] = Counter()
    for u in units:
        df.update(u.words)
    for u in units:
        if not u.words:
            continue
        weight = sum(math.log1p(df[w] - 1) for w in u.words)
        u.score = weight / math.sqrt(len(u.words)) + (1.0 if u.first else 0.0)
    total = sum(u.end - u.start for u in units)
    used = sum(u.end - u.start for u in units if u.keep)
    budget = target * total
    for i in sorted(range(len(units)), key=lambda k: (-units[k].score, k)):
        u = units[i]
        if u.keep or dup[i]:
            continue
        if used + (u.end - u.start) > budget:
            continue
        u.keep = True
        used += u.end - u.start
    if all(u.keep for u in units):
        return None
    # Splice: drop each dropped sentence with the whitespace after it; one marker per run of
    # paragraphs whose dropped sentences are adjacent.
    edits: list[tuple[int, int, str]] = []
    i = 0
    while i < len(units):
        if units[i].keep:
            i += 1
            continue
        j = i
        while (
            j < len(units)
            and not units[j].keep
            and _adjacent(text, units[j - 1 if j > i else j], units[j])
        ):
            j += 1
        run = units[i:j]
        spans = [(base + u.start, base + u.end) for u in run]
        paras = len({u.para for u in run})
        desc = plural(len(run), "sentence") + (f" in {paras} paragraphs" if paras > 1 else "")
        marker = omitter.mark("sentences", spans, len(run), desc)
        last = run[-1]
        end = last.end
        # Swallow whitespace after the run unless that would join two paragraphs.
        ws = re.match(r"[ \t]*(?:\n(?=[ \t]*\S))?", text[end : end + 200])
        end += ws.end() if ws else 0
        whole_para = run[0].first and (j >= len(units) or units[j].para != last.para)
        edits.append((run[0].start, end, marker + ("" if whole_para else " ")))
        i = j
    out: list[str] = []
    pos = 0
    for s, e, rep in edits:
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _adjacent(text: str, a: _Unit, b: _Unit) -> bool:
    """b follows a with only whitespace (at most one blank line) between them."""
    if a is b:
        return True
    gap = text[a.end : b.start]
    return not gap.strip() and gap.count("\n") <= 2
