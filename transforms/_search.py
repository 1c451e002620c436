"""Search output: ``grep -rn``, ``git grep -n``, ripgrep (``path:line[:col]:text``, context
lines ``path-line-text`` and ``--`` separators, or ``--heading`` groups), grouped by file.

A head says how many matches in how many files. Every file is named, in the order of the
input:

* a file with one match keeps it as ``path:line:text`` (indentation dropped), and one with up
  to ``_SHOW_ALL`` matches shows them under ``path (N matches):``;
* files whose matches (at most ``_SHARED_LINES``) all have one text that ``_SHARED`` or more
  such files have are listed on one line, ``a.c:12, b.c:7,40 (2 files, each): return ENOMEM;``,
  where the first of them stands (one call or constant found all over a tree says it once);
* a file with more matches is its path and one marker: the count, the line numbers (their
  range when long) and the texts, rarest first (:func:`transforms._rarity.describe_run`, within
  ``_TEXT_BUDGET`` characters; where texts repeat, one in at most 2 % of all hits is named past
  the budget; a text named by an earlier marker is counted ``+N named above``).

Context lines (``grep -C``) of the shown matches go behind one marker in the head (they stay
if that does not pay); a hidden file's context lines are in its marker. A shown line longer
than ``_MAX_LINE`` characters keeps its head. Lines that are not search hits (``Binary file …
matches``, warnings) are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms._omit import Omitter, plural
from transforms._rarity import Population, Scalar, describe_run, rare_limit

__all__ = ["compress_search", "is_search_output"]

# path:line:text or path:line:col:text. A path has no spaces at its start and no ":".
_HIT = re.compile(r"(?P<path>[^\s:][^:\n]{0,300}?):(?P<line>\d+):(?:(?P<col>\d+):)?(?P<text>.*)")
_HEADING_HIT = re.compile(r"(?P<line>\d+)(?P<sep>[:-])(?:(?P<col>\d+):)?(?P<text>.*)")
_PATHLIKE = re.compile(r"[\w.~-]*[/\\.][\w./\\~@+-]*")
_SHOW_ALL = 2
_HEAD = 1
# Characters of hidden matches' texts a marker lists (then "+N more").
_TEXT_BUDGET = 40
# Characters of a marker's list of line numbers (else their range).
_LINES_BUDGET = 16
# Shown files with one same match text listed together (the text said once) from this many.
_SHARED = 3
# ... with this many matches at most (their line numbers cost less than a marker).
_SHARED_LINES = 8
_MAX_LINE = 300
_LINE_HEAD = 200


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    path: str | None  # None: not a hit of any file (separator, message)
    lineno: int
    text: str
    match: bool  # a match (":" separated) rather than a context line
    heading: bool = False  # a ripgrep --heading path line (the group below names it again)
    separator: bool = False  # grep's "--" between two context groups of one file


def _split(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def is_search_output(lines: list[str]) -> bool:
    """Most sampled lines are ``path:line:text`` hits of a few path-like names, or ripgrep
    ``--heading`` groups (a path line, then ``line:text`` lines)."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 3:
        return False
    paths: set[str] = set()
    hits = 0
    for ln in nonblank:
        m = _HIT.match(ln)
        if m and _PATHLIKE.fullmatch(m.group("path")):
            hits += 1
            paths.add(m.group("path"))
    if hits >= 3 and len(paths) <= max(1, hits * 0.8):
        # grep -C: context lines of files with hits, and "--" between groups.
        others = sum(
            1 for ln in nonblank if ln == "--" or (not _HIT.match(ln) and _context(ln, paths))
        )
        if hits + others >= 0.8 * len(nonblank) and hits >= 0.1 * len(nonblank):
            return True
    numbered = sum(1 for ln in nonblank if _HEADING_HIT.match(ln))
    headings = sum(1 for ln in nonblank if _PATHLIKE.fullmatch(ln.strip()) and "/" in ln)
    return (
        numbered >= 0.6 * len(nonblank)
        and headings >= 1
        and numbered + headings >= 0.9 * len(nonblank)
    )


def _parse(text: str) -> list[_Line]:
    out: list[_Line] = []
    current: str | None = None  # --heading mode: the path of the group being read
    spans = _split(text)
    hits: list[re.Match[str] | None] = []
    known: set[str] = set()  # paths with a hit anywhere: their context lines are recognised
    pathlike: dict[str, bool] = {}
    for s, e in spans:
        m = _HIT.match(text, s, e)
        if m:
            path = m.group("path")
            ok = pathlike.get(path)
            if ok is None:
                ok = pathlike[path] = _PATHLIKE.fullmatch(path) is not None
            if ok:
                known.add(path)
            else:
                m = None
        hits.append(m)
    for (s, e), m in zip(spans, hits, strict=True):
        raw = text[s:e]
        if m:
            path = m.group("path")
            out.append(_Line(s, e, path, int(m.group("line")), m.group("text"), True))
            current = None
            continue
        h = _HEADING_HIT.match(raw) if current is not None else None
        if h is not None and current is not None:
            match = h.group("sep") == ":"
            out.append(_Line(s, e, current, int(h.group("line")), h.group("text"), match))
            continue
        ctx = _context(raw, known)
        if ctx is not None:
            out.append(_Line(s, e, ctx[0], ctx[1], ctx[2], False))
            continue
        stripped = raw.strip()
        if stripped and "/" in stripped and _PATHLIKE.fullmatch(stripped):
            current = stripped
            known.add(current)
            out.append(_Line(s, e, None, 0, raw, False, heading=True))
            continue
        if not stripped:
            current = None
        out.append(_Line(s, e, None, 0, raw, False))
    # grep's "--" between context groups of one file: part of that file's group.
    for k in range(1, len(out) - 1):
        prev, nxt = out[k - 1].path, out[k + 1].path
        dashes = text[out[k].start : out[k].end] == "--"
        if dashes and out[k].path is None and prev is not None and prev == nxt:
            out[k].path = prev
            out[k].separator = True
    return out


_CONTEXT_CUT = re.compile(r"-(\d+)-")


def _context(raw: str, known: set[str]) -> tuple[str, int, str] | None:
    """``path-line-text`` (a context line of ``grep -C``) for a path that has hits."""
    for m in _CONTEXT_CUT.finditer(raw):
        if raw[: m.start()] in known:
            return raw[: m.start()], int(m.group(1)), raw[m.end() :]
    return None


def compress_search(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """Hits grouped by file (see the module docstring); None if there are no hits."""
    lines = _parse(text)
    hits = [ln for ln in lines if ln.path is not None and ln.match]
    if not hits:
        return None
    pop = Population.of(_unit(ln) for ln in hits)
    # Where match texts repeat (one call, one constant, one import in many places), a text
    # found in at most 2 % of the hits is named in its marker past every budget.
    distinct = len(pop.counts["text"])
    always = rare_limit(len(hits)) if distinct * 2 <= len(hits) else 0
    files = len({ln.path for ln in hits})
    head = f"[search: {_matches(len(hits))} in {plural(files, 'file')}]"
    # Items in output order: a kept line (not a hit) or one file's lines.
    items: list[str | list[_Line]] = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.path is None:
            # grep's "--" group separators and ripgrep's heading lines are redundant here.
            if not ln.heading and text[ln.start : ln.end].strip() != "--":
                items.append(text[ln.start : ln.end])
            i += 1
            continue
        j = i
        while j < n and lines[j].path == ln.path:
            j += 1
        items.append(lines[i:j])
        i = j
    groups = [g for g in items if isinstance(g, list)]
    shared = _shared_texts(groups)
    named: set[tuple[str, Scalar]] = set()  # texts a marker listed: later ones count them
    markers: dict[int, str] = {}
    for g in groups:
        if id(g) not in shared:
            hidden = _hidden(text, g, pop, always, named, omitter, base)
            if hidden is not None:
                markers[id(g)] = hidden
    # Context lines (grep -C) of the shown matches: behind one marker, when that pays.
    context = [
        ln for g in groups if id(g) not in markers for ln in g if not ln.match and not ln.separator
    ]
    with_context = False
    if context:
        what = f"{plural(len(context), 'context line')} of the shown matches"
        spans = [(base + ln.start, base + ln.end) for ln in context]
        if omitter.pays("\n".join(text[ln.start : ln.end] for ln in context), what):
            head += " " + omitter.mark("context", spans, len(context), what)
        else:
            with_context = True  # shown with their matches, each file on its own
            shared = {}
    out = [head]
    done: set[int] = set()
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif id(item) in markers:
            out.append(markers[id(item)])
        elif id(item) in shared:
            if id(item) not in done:
                members, body = shared[id(item)]
                done.update(id(g) for g in members)
                locs = ", ".join(f"{g[0].path}:{_numbers(g)}" for g in members)
                out.append(f"{locs} ({len(members)} files, each): {body}")
        else:
            _show(text, item, with_context, omitter, base, out)
    result = "\n".join(out)
    return result + "\n" if text.endswith("\n") else result


def _numbers(group: list[_Line]) -> str:
    return ",".join(str(ln.lineno) for ln in group if ln.match)


def _shared_texts(groups: list[list[_Line]]) -> dict[int, tuple[list[list[_Line]], str]]:
    """Files with up to ``_SHARED_LINES`` matches that all have one text, which at least
    ``_SHARED`` such files have: listed together with their line numbers, the text once (by
    ``id`` of each group: its members and the text)."""
    by_text: dict[str, list[list[_Line]]] = {}
    for g in groups:
        texts = {ln.text.strip() for ln in g if ln.match}
        if len(texts) == 1 and sum(1 for ln in g if ln.match) <= _SHARED_LINES:
            (body,) = texts
            if body and len(body) <= _MAX_LINE:
                by_text.setdefault(body, []).append(g)
    out: dict[int, tuple[list[list[_Line]], str]] = {}
    for body, members in by_text.items():
        if len(members) >= _SHARED:
            for g in members:
                out[id(g)] = (members, body)
    return out


def _hidden(
    text: str,
    group: list[_Line],
    pop: Population,
    always: int,
    named: set[tuple[str, Scalar]],
    omitter: Omitter,
    base: int,
) -> str | None:
    """A file with more than ``_SHOW_ALL`` matches as its path and one marker naming the
    matches' lines and texts (None: shown instead, when the marker would not pay)."""
    matches = [ln for ln in group if ln.match]
    if len(matches) <= _SHOW_ALL:
        return None
    context = sum(1 for ln in group if not ln.match and not ln.separator)
    desc = f"{_matches(len(matches))}"
    if context:
        desc += f" with {plural(context, 'context line')}"
    desc += f" at {_line_list([ln.lineno for ln in matches])}"
    summary = describe_run(
        [_unit(ln) for ln in matches], pop, field_budget=_TEXT_BUDGET, always=always, named=named
    )
    # Every text listed by an earlier marker: say so, a reader looks there.
    desc += f" ({summary})" if summary else " (texts named above)"
    s, e = group[0].start, group[-1].end
    if not omitter.pays(text[s:e], desc):
        return None
    return f"{group[0].path}: {omitter.mark('matches', [(base + s, base + e)], len(group), desc)}"


def _show(
    text: str, group: list[_Line], with_context: bool, omitter: Omitter, base: int, out: list[str]
) -> None:
    """A file's matches (and context lines, ``with_context``) under its path; a file with one
    match and no context as one ``path:line:text`` line."""
    path = group[0].path
    lines = [ln for ln in group if ln.match or (with_context and not ln.separator)]
    count = sum(1 for ln in lines if ln.match)
    if len(lines) == 1:
        out.append(f"{path}:{_shown(text, lines[0], omitter, base)}")
        return
    out.append(f"{path} ({_matches(count)}):")
    out.extend(_shown(text, ln, omitter, base) for ln in lines)


def _matches(n: int) -> str:
    return "1 match" if n == 1 else f"{n} matches"


def _unit(ln: _Line) -> dict[str, Scalar]:
    return {"text": ln.text.strip()[:120]}


def _line_list(numbers: list[int]) -> str:
    """``lines 19-30, 66, 70`` (runs of consecutive lines joined) when short, else the range
    ``lines 19..1361``."""
    parts: list[str] = []
    k = 0
    while k < len(numbers):
        m = k
        while m + 1 < len(numbers) and numbers[m + 1] == numbers[m] + 1:
            m += 1
        parts.append(str(numbers[k]) if m == k else f"{numbers[k]}-{numbers[m]}")
        k = m + 1
    listed = ", ".join(parts)
    if len(listed) <= _LINES_BUDGET:
        return f"line {listed}" if len(numbers) == 1 else f"lines {listed}"
    return f"lines {numbers[0]}..{numbers[-1]}"


def _shown(text: str, ln: _Line, omitter: Omitter, base: int) -> str:
    """A match or context line without its path; indentation dropped (the group says where)."""
    body = ln.text.lstrip()
    sep = ":" if ln.match else "-"
    if len(body) > _MAX_LINE:
        cut = ln.end - (len(body) - _LINE_HEAD)
        what = f"{ln.end - cut} more chars of a long line"
        if omitter.pays(text[cut : ln.end], what):
            span = [(base + cut, base + ln.end)]
            marker = omitter.mark("line tail", span, 1, what)
            return f"{ln.lineno}{sep}{body[:_LINE_HEAD]}… {marker}"
    return f"{ln.lineno}{sep}{body}"
