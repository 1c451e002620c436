"""Invariants every CompressResult must satisfy."""

from __future__ import annotations

import itertools

import transforms
from transforms import MARKER_RE, CompressResult
from transforms.tokens import raw_count


def check_result(r: CompressResult) -> None:
    assert r.compressed_tokens <= r.original_tokens
    if r.compressed == r.original:
        assert r.omitted == ()
    else:
        assert r.compressed_tokens < r.original_tokens
    ids = [o.id for o in r.omitted]
    assert len(ids) == len(set(ids)), "omission ids must be unique"
    marked = [m.group(2) for m in MARKER_RE.finditer(r.compressed)]
    # Each omission has exactly one marker, and no marker names an unknown id (markers that
    # happened to be in the input are allowed to reappear: they are not ours).
    for oid in ids:
        assert marked.count(oid) >= 1, f"no marker for {oid}"
    covered: list[tuple[int, int]] = []
    for o in r.omitted:
        assert o.count >= 1 and o.description and o.kind
        assert o.spans, o
        for s, e in o.spans:
            assert 0 <= s < e <= len(r.original)
        covered.extend(o.spans)
    check_markers_pay(r)
    covered.sort()
    for (_, e1), (s2, _) in itertools.pairwise(covered):
        assert e1 <= s2, "omissions overlap"


def omitted_text(r: CompressResult, oid: str) -> str:
    (o,) = [o for o in r.omitted if o.id == oid]
    return "".join(r.original[s:e] for s, e in o.spans)


def compress(text: str, **kw: object) -> CompressResult:
    r = transforms.compress(text, **kw)  # type: ignore[arg-type]
    check_result(r)
    return r


def check_markers_pay(r: CompressResult) -> None:
    """Every omission saves more than its marker costs: the omitted text is longer than the
    marker, in characters and in o200k tokens (every model's count is o200k's, exactly or
    times one factor per content kind)."""
    markers = {(m.group(2), m.group(1)): m.group(0) for m in MARKER_RE.finditer(r.compressed)}
    for o in r.omitted:
        marker = markers[o.id, o.description]
        omitted = "".join(r.original[s:e] for s, e in o.spans)
        assert len(omitted) > len(marker), (o, marker)
        assert raw_count(omitted) > raw_count(marker), (o, marker, omitted[:200])
