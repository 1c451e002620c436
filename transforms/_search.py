"""Search output: ``grep -rn``, ``git grep -n``, ripgrep (``path:line[:col]:text``, context
lines ``path-line-text`` and ``--`` separators, or ``--heading`` groups; or ``path:text``
without line numbers, as ``grep -r`` and ``rg`` into a pipe print it), grouped by file.

A head says how many matches in how many files. Every file is named, roughly in input order:

* a file with one match keeps it as ``path:line:text`` (indentation dropped); files with more
  are shown under ``path (N matches):`` only where a marker would not pay;
* a match text found in ``_SHARED`` or more files is said once, with the places it is found
  on the next line, ``3 matches in 2 files: return ENOMEM;`` then ``  a.c:12, b.c:7,40``,
  standing where the first of them stood; a file takes part when it is otherwise shown or
  when all its matches (at most ``_SHARED_LINES`` of a text) are of one or two such texts
  (:func:`_takes_part`);
* files with more matches are named with their line numbers (up to ``_LISTED_LINES``) or
  match counts, up to ``_RUN_FILES`` of them that follow each other behind one marker (files
  shown in between are listed after them): ``a.c:3,9, b.c (12): [omitted 14 matches (text:
  …); id=o3]``. The marker names the texts rarest first
  (:func:`transforms._rarity.describe_run`, within ``_TEXT_BUDGET`` characters and
  ``_TEXT_PER_FILE`` more per further file; where texts repeat, one in at most 2 % of all hits
  is named past the budget while such texts are exceptions, at most ``_RARE_TEXTS``; a text
  named by an earlier marker is counted ``+N named above``),
  and for a single file its line numbers (their range when long). Hits of a checker (ruff,
  pylint, mypy, compilers) also have a rule code (``_CODE``): a code in at most 2 % of the
  hits is named whatever the budget.

Context lines (``grep -C``) of the shown matches go behind one marker in the head (they stay,
each file shown on its own, if that does not pay); a hidden file's context lines are in its
marker. Every omission is whole lines, each with its newline, but for the cuts of a long
line: a shown line longer than ``_MAX_LINE`` characters (``_MAX_ONE_LINE`` for a file's one
match; a line of a minified bundle) keeps a window of ``_AROUND`` characters either side of each
of its first ``_OCCURRENCES`` occurrences of the searched term (:func:`_term`: the longest word
found in every match), the parts between them behind markers, the last naming how many more
occurrences it holds; a line without the term (or an output of one match) keeps its head. Binary
files that match (``Binary file … matches``, ``grep: …: binary file matches``) are listed on
one line at the end; other lines that are not search hits (warnings) are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from transforms._omit import Omitter, number_runs, plural
from transforms._rarity import Population, Scalar, describe_run, rare_limit

__all__ = ["compress_search", "is_search_output"]

# path:line:text or path:line:col:text. A path has no spaces at its start and no ":".
_HIT = re.compile(r"(?P<path>[^\s:][^:\n]{0,300}?):(?P<line>\d+):(?:(?P<col>\d+):)?(?P<text>.*)")
_BARE = re.compile(r"(?P<path>[^\s:][^:\n]{0,300}?):(?P<text>.*)")
# A diagnostic's rule code: "E501 Line too long", "C0114: Missing …" (ruff, flake8, pylint),
# "error: …  [arg-type]" (mypy), "warning: … [-Wunused-variable]" (gcc, clang).
_CODE = re.compile(
    r"\s*([A-Z]{1,4}\d{2,5})\b|\s*(?:error|warning|note|info)\b.*\[([\w/@.-]{2,60})\]\s*$"
)
# grep's note for a binary file with a match, old and new (3.5+, on stderr) wording.
_BINARY = re.compile(r"Binary file (.+) matches|grep: (.+): binary file matches")
_HEADING_HIT = re.compile(r"(?P<line>\d+)(?P<sep>[:-])(?:(?P<col>\d+):)?(?P<text>.*)")
_PATHLIKE = re.compile(r"[\w.~-]*[/\\.][\w./\\~@+-]*")
# A file with this many matches is shown (one: its line as it was); more go behind a marker.
_SHOW_ALL = 1
# Characters of hidden matches' texts a marker lists (then "+N more").
_TEXT_BUDGET = 40
# ... and this many more per further file of a run behind one marker.
_TEXT_PER_FILE = 10
# Characters of a marker's list of line numbers (else their range).
_LINES_BUDGET = 16
# Texts rare among repeating ones are named past every budget while there are this many.
_RARE_TEXTS = 40
# A match text found in this many files is said once, with its places (see _common_texts).
_SHARED = 3
# ... with this many matches at most (their line numbers cost less than a marker).
_SHARED_LINES = 3
# Files behind markers next to each other share one marker: this many files, matches at most.
_RUN_FILES = 12
_RUN_MATCHES = 200
# ... each named with its line numbers up to this many matches, else with its count.
_LISTED_LINES = 3
# A shown line longer than this keeps its head (this long); the tail goes behind a marker.
_MAX_LINE = 300
_LINE_HEAD = 200
# ... a file's only match: longer (a paragraph on one line stays whole).
_MAX_ONE_LINE = 1000
# A long match line keeps this many characters either side of the searched term's first
# _OCCURRENCES occurrences in it (windows closer than _GAP characters are joined).
_AROUND = 60
_OCCURRENCES = 3
_GAP = 40
_WORD = re.compile(r"\w{3,}")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    path: str | None  # None: not a hit of any file (separator, message)
    lineno: int | None  # None: a hit printed without its line number (grep -r, rg piped)
    text: str
    match: bool  # a match (":" separated) rather than a context line
    heading: bool = False  # a ripgrep --heading path line (the group below names it again)
    separator: bool = False  # grep's "--" between two context groups of one file
    unit: dict[str, Scalar] | None = None  # a match's unit of rarity (see _unit)
    col: str | None = None  # the column of path:line:col:text (rg --vimgrep, checkers)


def _split(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, newlines excluded; no empty line after a final newline."""
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    starts = list(accumulate([len(p) + 1 for p in parts], initial=0))
    return [(a, a + len(p)) for a, p in zip(starts, parts, strict=False)]


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
    numbered = sum(1 for ln in nonblank if _HEADING_HIT.match(ln))
    headings = sum(
        1
        for k, ln in enumerate(nonblank)
        if _PATHLIKE.fullmatch(ln.strip())
        and ("/" in ln or (k + 1 < len(nonblank) and _HEADING_HIT.match(nonblank[k + 1])))
    )
    # Paths that repeat, or (every file with one match) that all name a directory.
    if hits >= 3 and (len(paths) <= max(1, hits * 0.8) or all("/" in p for p in paths)):
        # grep -C: context lines of files with hits, and "--" between groups; --heading
        # groups (outputs of both forms, one after the other).
        others = sum(
            1
            for ln in nonblank
            if ln == "--"
            or (not _HIT.match(ln) and (_context(ln, paths) or _BINARY.fullmatch(ln.strip())))
        )
        if headings:
            others += headings + numbered
        if hits + others >= 0.8 * len(nonblank) and hits >= 0.1 * len(nonblank):
            return True
    if (
        numbered >= 0.6 * len(nonblank)
        and headings >= 1
        and numbered + headings >= 0.9 * len(nonblank)
    ):
        return True
    return hits == 0 and _bare_paths(nonblank) is not None


def _bare_paths(lines: list[str]) -> list[str | None] | None:
    """The path of each line if these are hits printed without line numbers (``grep -r``,
    ``rg`` into a pipe: ``dir/file.py:text``), else None. Said so when nearly every line is
    one, every path has a directory, and each path's hits come together (grep lists a file's
    hits in one go; a log's ``module.name: message`` lines interleave)."""
    paths: list[str | None] = []
    seen: set[str] = set()
    count = 0
    last: str | None = None
    for ln in lines:
        m = _BARE.match(ln)
        path = m.group("path") if m else None
        if path is None or "/" not in path or not _PATHLIKE.fullmatch(path):
            paths.append(None)
            continue
        if m is not None and m.group("text").strip().isdigit():
            # grep -c / rg -c: a count per file, not a matching line.
            paths.append(None)
            continue
        if path != last:
            if path in seen:
                return None  # a path's hits apart from each other
            seen.add(path)
            last = path
        paths.append(path)
        count += 1
    nonblank = sum(1 for ln in lines if ln.strip())
    return paths if count >= 3 and count >= 0.9 * nonblank else None


def _parse(text: str) -> list[_Line]:
    out: list[_Line] = []
    current: str | None = None  # --heading mode: the path of the group being read
    spans = _split(text)
    # Per line: (path, line, col, text) of a hit, or None.
    hits: list[tuple[Any, ...] | None] = []
    known: set[str] = set()  # paths with a hit anywhere: their context lines are recognised
    pathlike: dict[str, bool] = {}
    hit_at = _HIT.match
    for s, e in spans:
        m = hit_at(text, s, e)
        if m:
            parts = m.groups()
            path = parts[0]
            ok = pathlike.get(path)
            if ok is None:
                ok = pathlike[path] = _PATHLIKE.fullmatch(path) is not None
            if ok:
                known.add(path)
                hits.append(parts)
                continue
        hits.append(None)
    if not known:
        bare = _bare_paths([text[s:e] for s, e in spans])
        if bare is not None:
            return [
                _Line(s, e, path, None, text[s + len(path) + 1 : e], True)
                if path is not None
                else _Line(s, e, None, 0, text[s:e], False)
                for (s, e), path in zip(spans, bare, strict=True)
            ]
    for k, ((s, e), g) in enumerate(zip(spans, hits, strict=True)):
        if g is not None:
            out.append(_Line(s, e, g[0], int(g[1]), g[3], True, col=g[2]))
            current = None
            continue
        raw = text[s:e]
        h = _HEADING_HIT.match(raw) if current is not None else None
        if h is not None and current is not None:
            match = h.group("sep") == ":"
            line, _, col, body = h.groups()
            out.append(_Line(s, e, current, int(line), body, match, col=col))
            continue
        ctx = _context(raw, known)
        if ctx is not None:
            out.append(_Line(s, e, ctx[0], ctx[1], ctx[2], False))
            continue
        stripped = raw.strip()
        # A --heading path: with a directory, or (a top-level file, "README.md") inside
        # heading groups or right above a numbered line.
        if (
            stripped
            and _PATHLIKE.fullmatch(stripped)
            and (
                "/" in stripped
                or current is not None
                or (k + 1 < len(spans) and _HEADING_HIT.match(text, *spans[k + 1]) is not None)
            )
        ):
            current = stripped
            known.add(current)
            out.append(_Line(s, e, None, 0, raw, False, heading=True))
            continue
        if not stripped:
            current = None
        out.append(_Line(s, e, None, 0, raw, False))
    # grep's "--" between context groups of one file: part of that file's group.
    for k in range(1, len(out) - 1):
        sep = out[k]
        if sep.path is None and sep.end - sep.start == 2 and text[sep.start : sep.end] == "--":
            prev = out[k - 1].path
            if prev is not None and prev == out[k + 1].path:
                sep.path = prev
                sep.separator = True
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
    for ln in hits:
        ln.unit = _unit(ln)
    pop = Population.of(ln.unit for ln in hits if ln.unit is not None)
    # Where match texts repeat (one call, one constant, one import in many places), a text
    # found in at most 2 % of the hits is named in its marker past every budget, while such
    # texts are exceptions (at most _RARE_TEXTS of them): where hundreds are (grep over a
    # big tree), they are the norm, listed rarest first within the budgets like the rest.
    texts = pop.counts["text"]
    limit = rare_limit(len(hits))
    rare_texts = sum(1 for c in texts.values() if c <= limit)
    always = limit if len(texts) * 2 <= len(hits) and rare_texts <= _RARE_TEXTS else 0
    files = len({ln.path for ln in hits})
    head = f"[search: {_matches(len(hits))} in {plural(files, 'file')}]"
    # Items in output order: a kept line (not a hit) or one file's lines.
    items: list[str | list[_Line]] = []
    binaries: list[str] = []  # "binary file matches" notes: their files, listed in one line
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.path is None:
            raw = text[ln.start : ln.end]
            binary = _BINARY.fullmatch(raw.strip())
            if binary:
                binaries.append(binary.group(1) or binary.group(2))
            # grep's "--" group separators, blank lines between --heading groups and the
            # heading lines themselves are redundant here (every file is named).
            elif not ln.heading and raw.strip() not in ("--", ""):
                items.append(raw)
            i += 1
            continue
        j = i
        while j < n and lines[j].path == ln.path:
            j += 1
        items.append(lines[i:j])
        i = j
    groups = [g for g in items if isinstance(g, list)]
    term = (
        _term([ln.text for ln in hits]) if any(len(ln.text) > _MAX_LINE for ln in lines) else None
    )
    start = omitter.checkpoint()
    body = _layout(text, items, groups, pop, always, omitter, base, term, with_common=True)
    if body is None:
        # Too little context for its marker to pay: each file shows its lines with their
        # context, so no match is listed away from its file.
        omitter.rollback(start)
        body = _layout(text, items, groups, pop, always, omitter, base, term, with_common=False)
    assert body is not None
    context, shown = body
    if context is not None:
        head += " " + context
    if binaries:
        shown.append(f"binary files that match ({len(binaries)}): {', '.join(binaries)}")
    result = "\n".join([head, *shown])
    return result + "\n" if text.endswith("\n") else result


def _layout(
    text: str,
    items: list[str | list[_Line]],
    groups: list[list[_Line]],
    pop: Population,
    always: int,
    omitter: Omitter,
    base: int,
    term: str | None,
    *,
    with_common: bool,
) -> tuple[str | None, list[str]] | None:
    """The marker of the shown matches' context lines (if any) and the output lines after
    the head; None when ``with_common`` and those context lines are too few to pay a
    marker."""
    common, moved = _common_texts(groups) if with_common else ([], set())
    # A line listing files that share a match text stands where its first file stood.
    opens: dict[int, list[tuple[str, list[tuple[list[_Line], list[_Line]]]]]] = {}
    for entry in common:
        opens.setdefault(id(entry[1][0][0]), []).append(entry)
    rests: dict[int, list[_Line]] = {}
    for g in groups:
        rest = [ln for ln in g if id(ln) not in moved]
        rests[id(g)] = rest if any(ln.match for ln in rest) else []
    # Output slots in order: a kept line or a shared-text line, a shown file's lines, or a
    # run of files with many matches each (one marker for them, see _joins).
    slots: list[str | list[_Line] | _Run] = []
    open_run: _Run | None = None  # files shown in between are listed after it
    for item in items:
        if isinstance(item, str):
            slots.append(item)
            open_run = None
            continue
        for body, members in opens.get(id(item), []):
            count = sum(len(found) for _, found in members)
            locs = ", ".join(_place(g[0].path, found) for g, found in members)
            # The text first, its places below: a list of hundreds stays readable.
            slots.append(f"{_matches(count)} in {len(members)} files: {body}")
            slots.append(f"  {locs}")
        rest = rests[id(item)]
        if sum(1 for ln in rest if ln.match) > _SHOW_ALL:
            if open_run is not None and _joins(open_run.files, rest):
                open_run.files.append(rest)
            else:
                open_run = _Run([rest])
                slots.append(open_run)
        elif rest:
            slots.append(rest)
    named: set[tuple[str, Scalar]] = set()  # texts a marker listed: later ones count them
    body_lines: list[str | list[_Line]] = []
    for slot in slots:
        if not isinstance(slot, _Run):
            body_lines.append(slot)
            continue
        together = _hidden(text, slot.files, pop, always, named, omitter, base)
        if together is not None or len(slot.files) == 1:
            body_lines.append(slot.files[0] if together is None else together)
            continue
        for rest in slot.files:  # together they did not pay: each on its own
            one = _hidden(text, [rest], pop, always, named, omitter, base)
            body_lines.append(rest if one is None else one)
    context = [
        ln
        for g in groups
        for ln in (g if not rests[id(g)] else [])
        if not ln.separator and id(ln) not in moved
    ]
    context += [
        ln
        for item in body_lines
        if not isinstance(item, str)
        for ln in item
        if not ln.match and not ln.separator
    ]
    out: list[str] = []
    marker: str | None = None
    if context:
        # Context lines (grep -C) of the shown matches: behind one marker, when that pays.
        what = f"{plural(len(context), 'context line')} of the shown matches"
        spans = [(base + s, base + e) for s, e in _runs(context, len(text))]
        if omitter.pays("\n".join(text[ln.start : ln.end] for ln in context), what):
            marker = omitter.mark("context", spans, len(context), what)
        elif with_common:
            return None
    with_context = bool(context) and marker is None
    for item in body_lines:
        if isinstance(item, str):
            out.append(item)
        else:
            _show(text, item, with_context, omitter, base, term, out)
    return marker, out


@dataclass(slots=True)
class _Run:
    """Files with many matches each, next to each other in the output: one marker."""

    files: list[list[_Line]]


def _joins(run: list[list[_Line]], rest: list[_Line]) -> bool:
    """Whether a file behind a marker joins the run of such files just before it (one marker
    for them all): at most ``_RUN_FILES`` files and ``_RUN_MATCHES`` matches a marker."""
    if len(run) >= _RUN_FILES:
        return False
    matches = sum(1 for g in run for ln in g if ln.match)
    return matches + sum(1 for ln in rest if ln.match) <= _RUN_MATCHES


def _numbers(found: list[_Line]) -> str:
    return ",".join(str(ln.lineno) for ln in found)


def _place(path: str | None, found: list[_Line]) -> str:
    """``path:12,40``; without line numbers ``path`` or ``path (2)``."""
    if found[0].lineno is None:
        return f"{path}" if len(found) == 1 else f"{path} ({len(found)})"
    return f"{path}:{_numbers(found)}"


def _common_texts(
    groups: list[list[_Line]],
) -> tuple[list[tuple[str, list[tuple[list[_Line], list[_Line]]]]], set[int]]:
    """Match texts found in at least ``_SHARED`` files (at most ``_SHARED_LINES`` times in
    each): each with its files and their matches of it, in input order, and the ids of those
    matches (listed with their text, no longer with their file). Which files take part:
    :func:`_takes_part`."""
    mine: list[dict[str, list[_Line]]] = []
    for g in groups:
        texts: dict[str, list[_Line]] = {}
        for ln in g:
            if ln.match:
                texts.setdefault(ln.text.strip(), []).append(ln)
        mine.append(
            {
                body: found
                for body, found in texts.items()
                if body and len(found) <= _SHARED_LINES and len(body) <= _MAX_LINE
            }
        )
    totals = [sum(1 for ln in g if ln.match) for g in groups]
    takers = list(range(len(groups)))
    common: set[str] = set()
    for _ in range(4):  # membership and the common texts settle in a few rounds
        files: dict[str, int] = {}
        for k in takers:
            for body in mine[k]:
                files[body] = files.get(body, 0) + 1
        common = {body for body, c in files.items() if c >= _SHARED}
        now = [k for k in takers if _takes_part(totals[k], mine[k], common)]
        if now == takers:
            break
        takers = now
    by_text: dict[str, list[tuple[list[_Line], list[_Line]]]] = {}
    for k in takers:
        for body, found in mine[k].items():
            if body in common:
                by_text.setdefault(body, []).append((groups[k], found))
    listed = [(body, members) for body, members in by_text.items() if len(members) >= _SHARED]
    moved = {id(ln) for _, members in listed for _, found in members for ln in found}
    return listed, moved


def _takes_part(total: int, mine: dict[str, list[_Line]], common: set[str]) -> bool:
    """A file is listed with the texts it shares when it is shown anyway (at most
    ``_SHOW_ALL`` matches), or when all its matches have one or two shared texts (it is then
    only named there, its line numbers costing less than its marker). A file that keeps a
    marker is not also listed with its shared texts: it would be named twice."""
    if total <= _SHOW_ALL:
        return True
    shared = [found for body, found in mine.items() if body in common]
    return len(shared) <= 2 and sum(map(len, shared)) == total


def _hidden(
    text: str,
    run: list[list[_Line]],
    pop: Population,
    always: int,
    named: set[tuple[str, Scalar]],
    omitter: Omitter,
    base: int,
) -> str | None:
    """Files with more than ``_SHOW_ALL`` matches each, next to each other, as their paths with
    their match counts and one marker naming the matches' texts (and lines, for one file);
    None: shown instead, when the marker would not pay."""
    matches = [ln for g in run for ln in g if ln.match]
    context = sum(1 for g in run for ln in g if not ln.match and not ln.separator)
    desc = f"{_matches(len(matches))}"
    if context:
        desc += f" with {plural(context, 'context line')}"
    if len(run) == 1:
        numbers = [ln.lineno for ln in matches if ln.lineno is not None]
        if numbers:
            desc += f" at {_line_list(numbers)}"
    units = [ln.unit for ln in matches if ln.unit is not None]  # (set for every hit)
    # A checker's rule codes (mypy, ruff, pylint, compilers): one found in at most 2 % of the
    # hits is named whatever the budget, as the retention contract asks of codes.
    codes = ""
    if "code" in pop.counts:
        codes = describe_run(
            units,
            pop,
            fields=["code"],
            always=rare_limit(len(pop.units)),
            always_repeating=True,
            named=named,
        )
    summary = describe_run(
        units,
        pop,
        fields=["text"],
        field_budget=_TEXT_BUDGET + _TEXT_PER_FILE * (len(run) - 1),
        always=always,
        named=named,
    )
    summary = "; ".join(part for part in (codes, summary) if part)
    # Every text listed by an earlier marker: say so, a reader looks there.
    desc += f" ({summary})" if summary else " (texts named above)"
    spans = [span for g in run for span in _runs(g, len(text))]
    if not omitter.pays("\n".join(text[s:e] for s, e in spans), desc):
        return None
    where = [(base + s, base + e) for s, e in spans]
    marker = omitter.mark("matches", where, len(matches) + context, desc)
    if len(run) == 1:
        return f"{run[0][0].path}: {marker}"
    files = ", ".join(map(_named, run))
    return f"{files}: {marker}"


def _named(group: list[_Line]) -> str:
    """A file in a run: ``path:12,40`` with up to ``_LISTED_LINES`` matches (their numbers
    cost about what a count does), else ``path (N)``."""
    found = [ln for ln in group if ln.match]
    if len(found) <= _LISTED_LINES:
        return _place(group[0].path, found)
    return f"{group[0].path} ({len(found)})"


def _runs(lines: list[_Line], size: int) -> list[tuple[int, int]]:
    """Spans of the runs of lines adjacent in the input, each line with its newline (so the
    text of an omission with several spans, joined, is still one line per line)."""
    out: list[tuple[int, int]] = []
    for ln in lines:
        end = min(ln.end + 1, size)
        if out and out[-1][1] == ln.start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((ln.start, end))
    return out


def _show(
    text: str,
    group: list[_Line],
    with_context: bool,
    omitter: Omitter,
    base: int,
    term: str | None,
    out: list[str],
) -> None:
    """A file's matches (and context lines, ``with_context``) under its path; a file with one
    match and no context as one ``path:line:text`` line."""
    path = group[0].path
    lines = [ln for ln in group if ln.match or (with_context and not ln.separator)]
    count = sum(1 for ln in lines if ln.match)
    if len(lines) == 1:
        # A file's one match is what the reader came for: a long line (a paragraph of
        # documentation) stays whole up to _MAX_ONE_LINE (minified code does not).
        out.append(f"{path}:{_shown(text, lines[0], omitter, base, term, _MAX_ONE_LINE)}")
        return
    out.append(f"{path} ({_matches(count)}):")
    out.extend(_shown(text, ln, omitter, base, term) for ln in lines)


def _matches(n: int) -> str:
    return "1 match" if n == 1 else f"{n} matches"


def _unit(ln: _Line) -> dict[str, Scalar]:
    # Runs of spaces (alignment) said once: a marker's text is a description.
    unit: dict[str, Scalar] = {"text": " ".join(ln.text.split())[:120]}
    m = _CODE.match(ln.text)
    if m:
        unit["code"] = next(g for g in m.groups() if g)
    return unit


def _line_list(numbers: list[int]) -> str:
    """``lines 19-30, 66, 70`` (runs of consecutive lines joined) when short, else the range
    ``lines 19..1361``."""
    listed = number_runs(numbers)
    if len(listed) <= _LINES_BUDGET:
        return f"line {listed}" if len(numbers) == 1 else f"lines {listed}"
    return f"lines {numbers[0]}..{numbers[-1]}"


def _term(texts: list[str]) -> str | None:
    """The searched term as far as the matches tell: the longest word (3 characters or more)
    of the shortest match text (without its indentation, which says nothing of the term)
    found, ignoring case, in every match text (the first such word of that text on a tie);
    None for fewer than two matches (one line does not tell its term) or no such word."""
    if len(texts) < 2:
        return None
    lowered = [t.strip().lower() for t in texts]
    shortest = min(lowered, key=len)
    words = sorted(dict.fromkeys(_WORD.findall(shortest)), key=len, reverse=True)
    return next((w for w in words if all(w in t for t in lowered)), None)


def _windows(body: str, term: str) -> tuple[list[tuple[int, int]], int, str]:
    """Windows of ``body`` around its first ``_OCCURRENCES`` occurrences of ``term`` (any
    case; windows closer than ``_GAP`` joined), the count of occurrences past them and the
    term as the first occurrence writes it."""
    lowered = body.lower()
    found: list[int] = []
    at = lowered.find(term)
    while at >= 0:
        found.append(at)
        at = lowered.find(term, at + len(term))
    out: list[tuple[int, int]] = []
    for a in found[:_OCCURRENCES]:
        lo, hi = max(0, a - _AROUND), min(len(body), a + len(term) + _AROUND)
        if out and lo - out[-1][1] <= _GAP:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    if out and out[0][0] <= _GAP:
        out[0] = (0, out[0][1])
    if out and len(body) - out[-1][1] <= _GAP:
        out[-1] = (out[-1][0], len(body))
    named = body[found[0] : found[0] + len(term)] if found else term
    return out, max(0, len(found) - _OCCURRENCES), named


def _cut(text: str, ln: _Line, body: str, term: str, omitter: Omitter, base: int) -> str | None:
    """``body`` (a long match line) as windows around the term's occurrences with the parts
    between them behind markers; None if the term is not in it."""
    windows, more, named = _windows(body, term)
    if not windows:
        return None
    offset = ln.end - len(body)  # where body starts in text
    parts: list[str] = []
    at = 0
    for k, (lo, hi) in enumerate([*windows, (len(body), len(body))]):
        if lo > at:
            last = k == len(windows)
            what = f"{lo - at} chars of a long line"
            if last and more:
                what += f", {more} more of {named!r}"
            if omitter.pays(text[offset + at : offset + lo], what):
                marker = omitter.mark(
                    "line part", [(base + offset + at, base + offset + lo)], 1, what
                )
                parts.append(f"{'' if k == 0 else '… '}{marker}{'' if last else ' …'}")
            else:
                parts.append(body[at:lo])
        parts.append(body[lo:hi])
        at = hi
    return "".join(parts)


def _shown(
    text: str, ln: _Line, omitter: Omitter, base: int, term: str | None, limit: int = _MAX_LINE
) -> str:
    """A match or context line without its path; indentation dropped (the group says where)."""
    body = ln.text.lstrip()
    sep = ":" if ln.match else "-"
    windowed = (
        _cut(text, ln, body, term, omitter, base)
        if ln.match and term and len(body) > limit
        else None
    )
    if windowed is not None:
        body = windowed
    elif len(body) > limit:
        cut = ln.end - (len(body) - _LINE_HEAD)
        what = f"{ln.end - cut} more chars of a long line"
        if omitter.pays(text[cut : ln.end], what):
            span = [(base + cut, base + ln.end)]
            marker = omitter.mark("line tail", span, 1, what)
            body = f"{body[:_LINE_HEAD]}… {marker}"
    if ln.lineno is None:
        return body
    return f"{ln.lineno}{sep}{body}" if ln.col is None else f"{ln.lineno}{sep}{ln.col}:{body}"
