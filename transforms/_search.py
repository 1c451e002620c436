"""Search output: ``grep -rn``, ``git grep -n``, ripgrep (``path:line[:col]:text``, context
lines ``path-line-text`` and ``--`` separators, or ``--heading`` groups), grouped by file.

Every file is named, with its match count. A file with up to ``_SHOW_ALL`` matches shows them
all (a file with one match keeps its line exactly as it was); a file with more shows its first
``_HEAD`` and last match, and the matches between (two or more) go behind one marker per run,
which names their line numbers and texts (rarest first, :func:`transforms._rarity.describe_run`,
within ``_TEXT_BUDGET`` characters). Context
lines go with the matches they surround. A shown line longer than ``_MAX_LINE`` characters
keeps its head. Lines that are not search hits (``Binary file … matches``, warnings) are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms._omit import Omitter, plural
from transforms._rarity import Population, Scalar, describe_run

__all__ = ["compress_search", "is_search_output"]

# path:line:text or path:line:col:text. A path has no spaces at its start and no ":".
_HIT = re.compile(r"(?P<path>[^\s:][^:\n]{0,300}?):(?P<line>\d+):(?:(?P<col>\d+):)?(?P<text>.*)")
_HEADING_HIT = re.compile(r"(?P<line>\d+)(?P<sep>[:-])(?:(?P<col>\d+):)?(?P<text>.*)")
_PATHLIKE = re.compile(r"[\w.~-]*[/\\.][\w./\\~@+-]*")
_SHOW_ALL = 2
_HEAD = 1
# Characters of hidden matches' texts a marker lists (then "+N more").
_TEXT_BUDGET = 80
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
    files = len({ln.path for ln in hits})
    out = [f"[search: {_matches(len(hits))} in {plural(files, 'file')}]"]
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.path is None:
            # grep's "--" group separators and ripgrep's heading lines are redundant here.
            if not ln.heading and text[ln.start : ln.end].strip() != "--":
                out.append(text[ln.start : ln.end])
            i += 1
            continue
        j = i
        while j < n and lines[j].path == ln.path:
            j += 1
        _group(text, lines[i:j], pop, omitter, base, out)
        i = j
    result = "\n".join(out)
    return result + "\n" if text.endswith("\n") else result


def _matches(n: int) -> str:
    return "1 match" if n == 1 else f"{n} matches"


def _unit(ln: _Line) -> dict[str, Scalar]:
    return {"line": ln.lineno, "text": ln.text.strip()[:120]}


def _shown(text: str, ln: _Line, omitter: Omitter, base: int) -> str:
    if ln.separator:
        return "--"
    body = f"{ln.lineno}{':' if ln.match else '-'}{ln.text}"
    if len(ln.text) > _MAX_LINE:
        cut = ln.end - (len(ln.text) - _LINE_HEAD)
        what = f"{ln.end - cut} more chars of a long line"
        if omitter.pays(text[cut : ln.end], what):
            span = [(base + cut, base + ln.end)]
            marker = omitter.mark("line tail", span, 1, what)
            return f"{ln.lineno}{':' if ln.match else '-'}{ln.text[:_LINE_HEAD]}… {marker}"
    return body


def _group(
    text: str, group: list[_Line], pop: Population, omitter: Omitter, base: int, out: list[str]
) -> None:
    path = group[0].path
    matches = [k for k, ln in enumerate(group) if ln.match]
    if len(matches) == 1 and len(group) == 1:
        ln = group[0]
        raw = text[ln.start : ln.end]
        as_is = len(ln.text) <= _MAX_LINE and raw.startswith(f"{path}:")  # not --heading
        out.append(raw if as_is else f"{path}:{_shown(text, ln, omitter, base)}")
        return
    out.append(f"{path} ({_matches(len(matches))}):")
    if len(matches) <= _SHOW_ALL:
        out.extend(_shown(text, ln, omitter, base) for ln in group)
        return
    # Shown: the first _HEAD matches and the last one, with the context lines around them.
    keep_upto = matches[_HEAD - 1]
    resume = matches[-1]
    while resume > 0 and not group[resume - 1].match and resume - 1 > keep_upto:
        resume -= 1  # the last match's leading context goes with it
    out.extend(_shown(text, ln, omitter, base) for ln in group[: keep_upto + 1])
    a = keep_upto + 1
    # Trailing context of the last shown head match stays with it.
    while a < resume and not group[a].match:
        out.append(_shown(text, group[a], omitter, base))
        a += 1
    hidden = group[a:resume]
    hidden_matches = [ln for ln in hidden if ln.match]
    if hidden:
        desc = f"{_matches(len(hidden_matches))}"
        if len(hidden) > len(hidden_matches):
            desc += f" with {plural(len(hidden) - len(hidden_matches), 'context line')}"
        summary = describe_run([_unit(ln) for ln in hidden_matches], pop, field_budget=_TEXT_BUDGET)
        if summary:
            desc += f" ({summary})"
        s, e = hidden[0].start, hidden[-1].end
        if len(hidden_matches) >= 2 and omitter.pays(text[s:e], desc):
            out.append(omitter.mark("matches", [(base + s, base + e)], len(hidden), desc))
        else:
            out.extend(_shown(text, ln, omitter, base) for ln in hidden)
    out.extend(_shown(text, ln, omitter, base) for ln in group[resume:])
