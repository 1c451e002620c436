"""Read the JSON records rendering back, to check that every record shown is faithful."""

from __future__ import annotations

import json
import re
from typing import Any

from transforms import MARKER_RE
from transforms._json import (
    _COPIES_HEAD,
    _IN_HEAD,
    _TEMPLATE_HEAD,
    _USUAL_HEAD,
    MISSING,
    USUAL,
    _referenced,
    parse_row,
)

_RANGE = re.compile(r"^(\d+) records? #(\d+)(?:-#(\d+))?")
_HEAD = re.compile(
    r"^(\S+): (\d+) records?(?: by key)?, \d+ fields?"
    r"(?:; (constant in all|all identical): (.*))?$"
)


def shown_records(compressed: str) -> dict[str, dict[int, dict[str, Any]]]:
    """path -> {index: record as shown (constants merged back)}."""
    out: dict[str, dict[int, dict[str, Any]]] = {}
    lines = compressed.split("\n")
    k = 0
    while k < len(lines):
        m = _HEAD.match(lines[k])
        if not m:
            k += 1
            continue
        path, n = m.group(1), int(m.group(2))
        constant = json.loads(m.group(4)) if m.group(4) else {}
        k += 1
        if m.group(3) == "all identical":
            out[path] = {i: dict(constant) for i in range(n)}
            continue
        columns: list[str] = []
        if k < len(lines) and lines[k].startswith("columns: "):
            columns = [str(c) for c in parse_row(lines[k][len("columns: ") :])]
            k += 1
        derived: dict[str, str] = {}
        if k < len(lines) and lines[k].startswith("derived in all: "):
            derived = json.loads(lines[k][len("derived in all: ") :])
            k += 1
        if k < len(lines) and lines[k].startswith(_COPIES_HEAD):
            k += 1  # (references stay as they are: see resolve_copies)
        grouped = k < len(lines) and lines[k] == _IN_HEAD
        k += grouped  # an empty (in) cell: the row above's (filled in below)
        usual: dict[str, Any] = {}
        if k < len(lines) and lines[k].startswith(_USUAL_HEAD):
            usual = json.loads(lines[k][len(_USUAL_HEAD) :])
            k += 1
        templates: dict[str, str] = {}
        if k < len(lines) and lines[k].startswith(_TEMPLATE_HEAD):
            templates = json.loads(lines[k][len(_TEMPLATE_HEAD) :])
            k += 1
        recs: dict[int, dict[str, Any]] = {}
        idx = 0
        while idx < n:
            line = lines[k]
            k += 1
            mk = MARKER_RE.fullmatch(line)
            if mk:
                rm = _RANGE.match(mk.group(1))
                assert rm, line
                assert int(rm.group(2)) == idx + 1, (line, idx)
                idx += int(rm.group(1))
                continue
            cells = parse_row(line)
            assert len(cells) == len(columns), line
            rec = dict(constant)
            rec.update({c: v for c, v in zip(columns, cells, strict=True) if v is not MISSING})
            if grouped and "(in)" not in rec:
                rec["(in)"] = recs[max(recs)]["(in)"]
            for c, v in rec.items():
                if v is USUAL and c in usual:
                    rec[c] = usual[c]
            # "{name}" -> the record's name: in every record, or where a cell is "#".
            fill = {**derived, **{c: t for c, t in templates.items() if rec.get(c) is USUAL}}
            for c, template in fill.items():
                rec[c] = re.sub(r"\{([^{}]+)\}", lambda m, rec=rec: str(rec[m.group(1)]), template)
            recs[idx] = rec
            idx += 1
        out[path] = recs
    return out


def same(shown: Any, source: Any) -> bool:
    """Equal, except that long strings may be cut and end with a marker."""
    if isinstance(shown, str) and isinstance(source, str) and shown != source:
        m = re.fullmatch(r"(.*)… \[omitted \d+ more chars(?: of a digest)?; id=o\d+\]", shown, re.S)
        return bool(m) and source.startswith(m.group(1))
    if isinstance(shown, dict) and isinstance(source, dict):
        if shown.keys() != source.keys() and any("." in k for k in shown):
            shown = undotted(shown)  # dotted columns spread from nested objects
        return shown.keys() == source.keys() and all(same(shown[k], source[k]) for k in shown)
    if isinstance(shown, list) and isinstance(source, list):
        return len(shown) == len(source) and all(
            same(a, b) for a, b in zip(shown, source, strict=False)
        )
    return type(shown) is type(source) and shown == source


def undotted(rec: dict[str, Any]) -> dict[str, Any]:
    """A shown record with its dotted columns ("stats.rx.bytes") nested back into objects."""
    out: dict[str, Any] = {}
    for k, v in rec.items():
        *outer, last = k.split(".")
        at = out
        for part in outer:
            at = at.setdefault(part, {})
        at[last] = v
    return out


def check_pooled(
    sections: dict[str, dict[int, dict[str, Any]]],
    path: str,
    shown: dict[int, dict[str, Any]],
    source: list[Any],
) -> None:
    """Records nested in the rows shown of ``path`` may be pooled into one section
    ``<path>[*].<field>`` (each row's column ``(in)`` names its parent row): each such row
    is faithful to the nested record it stands for, and the reference is replaced by the
    source's value in ``shown`` so the parent row can be compared whole."""

    def ref(i: int, f: str) -> bool:  # the row's reference: <N in path[*].field>
        v = source[i].get(f)
        return isinstance(v, list) and shown[i].get(f) == f"<{len(v)} in {path}[*].{f}>"

    for field in {f for i, rec in shown.items() for f in rec if ref(i, f)}:
        section_path = f"{path}[*].{field}"
        assert section_path in sections, (section_path, list(sections))
        parents = [i for i in sorted(shown) if ref(i, field)]
        flat = [(i, item) for i in parents for item in source[i][field]]
        for j, row in sections[section_path].items():
            row = dict(row)
            parent, item = flat[j]
            assert row.pop("(in)") == parent, (j, row, parent)
            assert same(row, item), (j, row, item)
        for i in parents:
            shown[i][field] = source[i][field]


def resolve_copies(shown: dict[int, dict[str, Any]], source: list[dict[str, Any]]) -> None:
    """A shown row's list of records written ``<#3-#5 #9>`` (records of its own run, by
    number) replaced by those records of ``source`` (the run's records, in order)."""
    for rec in shown.values():
        for f, v in rec.items():
            if isinstance(v, str) and re.fullmatch(r"<#\d+(?:-#\d+)?(?: #\d+(?:-#\d+)?)*>", v):
                rec[f] = [source[i] for i in _referenced(v)]
