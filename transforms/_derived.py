"""Compressing a text derived from the original (HTML turned into Markdown, a notebook's cells).

Kinds such as HTML and notebooks are first turned into a readable text, which is then
compressed by another kind's compressor. Omissions must still point into the *original*, so the
derived text is built from segments that remember where in the original they came from
(:class:`Derived`); offsets inside a segment are mapped linearly (exactly where the segment is a
verbatim copy, proportionally where it is not, e.g. decoded entities or collapsed whitespace).
The mapping goes forward, except where a builder moves its cursor back on purpose (a notebook
cell's outputs, which the JSON holds before the cell's source, are shown after it): a derived
range maps to one original span per run of pieces going forward, so omissions that do not
overlap in the derived text do not overlap in the original (checked).

An omission whose place in the original holds only whitespace and terminal escape codes (its
text was not located in the source) is not made: its text stays inline.

Omissions made while deriving (scripts, images: :meth:`Derived.omit`) are real omissions with
exact spans. If a later omission swallows one's marker, the earlier one is forgotten (the later
one's spans then include its material); the spans of those that stay are cut out of the later
omissions' spans.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable

from transforms._ansi import without_escapes
from transforms._omit import MARKER_RE, Omitter, _marker, merge_spans
from transforms._result import Omission

__all__ = ["Derived", "Unplaceable", "compress_derived"]

#: (kind, text, omitter) -> compressed text or None: the router's compressor for a kind.
CompressFn = Callable[[str, str, Omitter], str | None]


class Unplaceable(ValueError):
    """The omissions made in a derived text cannot be placed in the original (one has no
    span there, or two overlap). ``reason`` says which in a few words."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason


class Derived:
    """A text built piece by piece, each piece tied to a span of the original."""

    def __init__(self, original: str, base: int, omitter: Omitter) -> None:
        self.original = original
        self.original_length = len(original)
        self.base = base
        self.omitter = omitter
        self.parts: list[str] = []
        self.d_starts: list[int] = []
        self.segs: list[tuple[int, int, int, int]] = []  # (d_start, d_end, o_start, o_end)
        self.length = 0
        self.tail = ""  # the text's last two characters
        self.cursor = 0  # original position the last piece ended at
        self.made: list[Omission] = []  # omissions made while deriving

    def add(self, piece: str, start: int | None = None, end: int | None = None) -> None:
        """Append ``piece``, standing for ``original[start:end]`` (None: inserted text, tied to
        where the previous piece ended)."""
        if not piece:
            return
        if start is None or end is None or start < self.cursor:
            start = end = self.cursor
        elif end > self.original_length:
            end = max(start, self.original_length)
        elif end < start:
            end = start
        length = self.length
        self.length = after = length + len(piece)
        self.tail = piece[-2:] if after - length >= 2 else self.tail[-1:] + piece
        self.d_starts.append(length)
        self.segs.append((length, after, start, end))
        self.parts.append(piece)
        self.cursor = end

    def omit(self, spans: list[tuple[int, int]], count: int, kind: str, what: str) -> bool:
        """Leave ``spans`` of the original out behind a marker (added as a piece of its own);
        False if the marker would cost more than the material (nothing is added then)."""
        material = "".join(self.original[s:e] for s, e in spans)
        if not spans or not self.omitter.pays(material, what):
            return False
        absolute = [(self.base + s, self.base + e) for s, e in spans]
        marker = self.omitter.mark(kind, absolute, count, what)
        self.made.append(self.omitter.omissions[-1])
        self.add(marker)
        return True

    def text(self) -> str:
        return "".join(self.parts)

    def to_original(self, off: int, end: bool = False) -> int:
        """The original offset for derived offset ``off`` (``end``: an exclusive end)."""
        if not self.segs:
            return 0
        k = bisect.bisect_right(self.d_starts, off - (1 if end else 0)) - 1
        k = max(0, min(k, len(self.segs) - 1))
        d_s, d_e, o_s, o_e = self.segs[k]
        if off <= d_s:
            return o_s
        if off >= d_e:
            return o_e
        if o_e - o_s == d_e - d_s:
            return o_s + (off - d_s)
        return o_s + (off - d_s) * (o_e - o_s) // (d_e - d_s)


def _original_spans(
    derived: Derived, s: int, e: int, forward: bool = False
) -> list[tuple[int, int]]:
    """The original spans of the derived range ``[s, e)``: one per run of pieces whose
    original positions go forward (all of it in a text built in the original's order; a
    notebook cell's outputs, which the JSON holds before its source, make a run of their own).
    ``forward``: every piece of ``derived`` starts at or after the one before it (one run,
    whatever the range: the pieces it covers need not be looked at)."""
    if forward:
        return [(derived.to_original(s), derived.to_original(e, end=True))]
    segs = derived.segs
    k = max(0, bisect.bisect_right(derived.d_starts, s) - 1)
    out: list[tuple[int, int]] = []
    run_start, prev_o = s, -1
    while k < len(segs) and segs[k][0] < e:
        d_s, _, o_s, _ = segs[k]
        if o_s < prev_o and d_s > run_start:
            out.append((derived.to_original(run_start), derived.to_original(d_s, end=True)))
            run_start = d_s
        prev_o = max(prev_o, o_s)
        k += 1
    out.append((derived.to_original(run_start), derived.to_original(e, end=True)))
    return out


def _cut(spans: tuple[tuple[int, int], ...], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` minus ``holes`` (both sorted, absolute)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        k = bisect.bisect_left(holes, (s, s))
        if k > 0 and holes[k - 1][1] > s:
            k -= 1
        while k < len(holes) and holes[k][0] < e:
            hs, he = holes[k]
            if hs > s:
                out.append((s, hs))
            s = max(s, he)
            k += 1
        if e > s:
            out.append((s, e))
    return out


def compress_derived(derived: Derived, kind: str, compress_fn: CompressFn) -> str:
    """Compress the derived text as ``kind`` and move its omissions onto the original. The
    derived text as it is when ``kind``'s compressor does not shrink it. Raises Unplaceable if
    the omissions cannot be placed in the original without overlapping."""
    text = derived.text()
    real = derived.omitter
    first_new = len(real.omissions)
    scratch = Omitter()
    scratch.omissions = list(real.omissions)  # so new ids continue after the real ones
    out = compress_fn(kind, text, scratch)
    if out is None or len(out) >= len(text):
        out = text
        scratch.omissions = list(real.omissions)
    shown = {m.group(2) for m in MARKER_RE.finditer(out)}
    made_ids = {o.id for o in derived.made}
    kept_made = [o for o in derived.made if o.id in shown]
    holes = sorted(sp for o in kept_made for sp in o.spans)
    mapped: list[Omission] = []
    inline: dict[str, tuple[str, str]] = {}  # id -> (description, the text it stood for)
    new = scratch.omissions[first_new:]
    # Whether the pieces' original starts never go back (an HTML page's never do): each
    # omission's spans are then found without walking the pieces they cover.
    starts = [seg[2] for seg in derived.segs] if new else []
    forward = starts == sorted(starts)
    for o in new:
        if o.id in made_ids:
            continue
        spans = [
            (derived.base + a, derived.base + b)
            for s, e in o.spans
            for a, b in _original_spans(derived, s, e, forward)
        ]
        spans = list(merge_spans(spans))
        spans = _cut(tuple((s, e) for s, e in spans if e > s), holes)
        if not spans:
            raise Unplaceable("omission has no place in the original", o.id)
        if not any(
            _has_content(derived.original[s - derived.base : e - derived.base]) for s, e in spans
        ):
            # Its place in the original holds only whitespace and escape codes (the text it
            # hides was not located in the source): no marker, the text stays inline.
            inline[o.id] = (o.description, "".join(text[s:e] for s, e in o.spans))
            continue
        mapped.append(dataclasses.replace(o, spans=tuple(spans)))
    if inline:
        out, mapped = _inline(out, inline, mapped, first_new)
        # (A marker made while deriving may be back in the text shown inline: it stays; the
        # check below tells if the omissions placed around it now overlap it.)
        shown = {m.group(2) for m in MARKER_RE.finditer(out)}
        kept_made = [o for o in derived.made if o.id in shown]
    keep = real.omissions[:first_new]
    keep = [o for o in keep if o.id not in made_ids or o.id in shown]
    everything = sorted(sp for o in [*kept_made, *mapped] for sp in o.spans)
    for (_, e1), (s2, _) in itertools.pairwise(everything):
        if s2 < e1:
            raise Unplaceable("omissions overlap in the original")
    real.omissions[:] = [*keep, *mapped]
    return out


def _has_content(original: str) -> bool:
    """Whether ``original`` holds more than whitespace and terminal escape codes."""
    return bool(without_escapes(original).strip())


def _inline(
    out: str, inline: dict[str, tuple[str, str]], mapped: list[Omission], first_new: int
) -> tuple[str, list[Omission]]:
    """``out`` with the markers of ``inline`` (id -> description, text) replaced by their
    text, and the omissions after them (``mapped``, ids from ``o{first_new + 1}`` on)
    numbered on without a gap, their markers renamed alike."""
    renamed = {o.id: f"o{first_new + k + 1}" for k, o in enumerate(mapped)}
    described = {o.id: o.description for o in mapped}

    def replace(m: re.Match[str]) -> str:
        oid, desc = m.group(2), m.group(1)
        if oid in inline and inline[oid][0] == desc:
            return inline[oid][1]
        if oid in renamed and described[oid] == desc:
            return _marker(desc, renamed[oid])
        return m.group(0)

    out = MARKER_RE.sub(replace, out)
    return out, [dataclasses.replace(o, id=renamed[o.id]) for o in mapped]
