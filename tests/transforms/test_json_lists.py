"""Objects whose values are arrays of records keyed by a name or path (a code-metrics report's
functions by file, radon ``cc -j`` style): one section of rows, each record's key in column
``(in)``, each array's first and last record shown, markers hiding records of one array and
naming what is rare *in that array*; and lists of records that repeat records of their own
run (a class's ``methods``) written by number, ``<#3-#5>``, the rows faithful."""

from __future__ import annotations

import json
import random
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms._jsoncheck import check_pooled, resolve_copies, same, shown_records
from tests.transforms.test_rarity import SETTINGS
from transforms import MARKER_RE
from transforms._json import _copied_columns, _reference, _referenced

_VERBS = ["get", "set", "parse", "load", "dump", "check", "read", "write", "close", "open"]


def _block(kind: str, name: str, line: int, cx: int, cls: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "type": kind,
        "rank": "A" if cx < 6 else "B" if cx < 11 else "C",
        "name": name,
        "complexity": cx,
        "endline": line + 3 * cx,
        "lineno": line,
        "col_offset": 4 if cls else 0,
    }
    if cls is not None:
        rec["classname"] = cls
    rec["closures"] = []
    return rec


def _report(rng: random.Random, files: int) -> dict[str, list[dict[str, Any]]]:
    """``radon cc -j``: per file, its functions, methods and classes (each class listing
    its methods again), most complex first."""
    out: dict[str, list[dict[str, Any]]] = {}
    for f in range(files):
        blocks: list[dict[str, Any]] = []
        line = 1
        for c in range(rng.randint(1, 3)):
            cls = f"Thing{f}x{c}"
            methods = []
            for verb in rng.sample(_VERBS, rng.randint(2, 6)):
                methods.append(_block("method", verb, line, rng.randint(1, 8), cls))
                line += 20
            klass = _block("class", cls, line, rng.randint(1, 5))
            del klass["closures"]
            klass["methods"] = methods
            blocks.append(klass)
            blocks.extend(methods)
        for _ in range(rng.randint(2, 8)):
            name = f"{rng.choice(_VERBS)}_{line}"
            blocks.append(_block("function", name, line, rng.randint(1, 9)))
            line += 15
        blocks.sort(key=lambda b: -b["complexity"])
        out[f"pkg/mod_{f}.py"] = blocks
    return out


def _faithful(doc: dict[str, list[dict[str, Any]]], compressed: str) -> dict[int, dict[str, Any]]:
    """Every row shown of ``$[*][*]`` is its source record (lists of copies resolved)."""
    source = [{"(in)": key, **rec} for key, recs in doc.items() for rec in recs]
    shown = shown_records(compressed)["$[*][*]"]
    resolve_copies(shown, source)
    for i, rec in shown.items():
        want = dict(source[i])
        for f, v in want.items():  # a list of copies resolves to records with their (in)
            if isinstance(v, list) and v and isinstance(v[0], dict):
                want[f] = [{"(in)": want["(in)"], **x} for x in v]
        assert same(rec, want), (i, rec, want)
    return shown


def test_a_report_keyed_by_path_is_one_section_with_every_arrays_ends() -> None:
    doc = _report(random.Random(3), 14)
    text = json.dumps(doc)
    r = compress(text)
    n = sum(map(len, doc.values()))
    assert f"$[*][*]: {n} records," in r.compressed
    assert len(re.findall(r"^\S+: \d+ records?,", r.compressed, re.M)) == 1  # not one a file
    lines = r.compressed.split("\n")
    for key, recs in doc.items():
        assert f'"{key}":"<{len(recs)} in $[*][*]>"' in r.compressed
        # The key is written on its array's first row only (later rows: an empty cell).
        assert sum(line.startswith(f"{key},") for line in lines) == 1, key
    shown = _faithful(doc, r.compressed)
    at = 0
    for recs in doc.values():
        assert at in shown and at + len(recs) - 1 in shown  # each array's first and last
        at += len(recs)
    assert r.savings_percent > 60


def test_a_marker_hides_records_of_one_array_and_names_its_rare_values() -> None:
    doc = _report(random.Random(5), 10)
    # A name found once in its file, while every other name there repeats; across the
    # files names are mostly distinct, so only that file's population makes it rare.
    big = doc["pkg/mod_4.py"]
    for rec in big:
        if rec["type"] == "function":
            rec["name"] = "shared_helper"
    functions = [rec for rec in big if rec["type"] == "function"]
    functions[len(functions) // 2]["name"] = "one_off_helper"
    for key, recs in doc.items():
        if key != "pkg/mod_4.py":
            for rec in recs:
                if rec["type"] == "function":
                    rec["name"] = f"{key[4:-3]}_{rec['lineno']}"
    r = compress(json.dumps(doc))
    assert "one_off_helper" in r.compressed
    for m in MARKER_RE.finditer(r.compressed):
        assert m.group(0).count("(in)=") + m.group(0).count("(in): ") <= 1
        assert "(in): " not in m.group(0), m.group(0)  # one array per marker


def test_a_field_categorical_in_its_array_is_named_whole() -> None:
    """Each file's blocks fall in 12 sections of its own (repeated: a category there); over
    all files they are 120 names, no category. Every marker names all of its array's."""
    rng = random.Random(9)
    doc: dict[str, list[dict[str, Any]]] = {}
    for f in range(10):
        sections = [f"section_{f}_{rng.choice(_VERBS)}_{k}" for k in range(12)]
        doc[f"pkg/mod_{f}.py"] = [
            {**_block("function", f"f{f}_{i}", 10 * i, 1 + i % 3), "section": sections[i % 12]}
            for i in range(60)
        ]
    r = compress(json.dumps(doc))
    for recs in doc.values():
        for rec in recs:
            assert rec["section"] in r.compressed, rec["section"]


def test_a_class_lists_its_methods_by_number() -> None:
    doc = _report(random.Random(11), 3)
    r = compress(json.dumps(doc, indent=2))
    assert "lists of these records, written <#k> (record k) in rows: methods" in r.compressed
    assert '"type":"method"' not in r.compressed  # no method is written out twice
    _faithful(doc, r.compressed)


def test_a_list_differing_from_every_record_is_no_copy() -> None:
    recs = [_block("method", v, 10 * i, 2, "C") for i, v in enumerate(_VERBS)]
    klass = _block("class", "C", 1, 3)
    klass["methods"] = [dict(recs[1]), {**recs[2], "complexity": 99}]
    assert _copied_columns([klass, *recs]) == {}
    klass["methods"] = [dict(recs[3]), dict(recs[1]), dict(recs[2])]
    copies = _copied_columns([klass, *recs])
    assert copies["methods"][0] == "<#5 #3-#4>"
    assert copies["methods"][1:] == [None] * len(recs)
    # A record never refers to itself.
    assert _copied_columns([{"a": 1, "m": []}, {"a": 2, "m": [{"a": 2, "m": []}]}]) == {}


@SETTINGS
@given(st.lists(st.integers(0, 60), min_size=1, max_size=12))
def test_references_name_their_records(nums: list[int]) -> None:
    assert _referenced(_reference(nums)) == nums


@SETTINGS
@given(st.integers(0, 10_000), st.integers(2, 12), st.booleans())
def test_any_report_keyed_by_path_keeps_every_fact(seed: int, files: int, indent: bool) -> None:
    doc = _report(random.Random(seed), files)
    r = compress(json.dumps(doc, indent=2 if indent else None))
    if "$[*][*]" not in r.compressed:
        return  # small enough to be shown as it is
    _faithful(doc, r.compressed)
    # Every array's values of each categorical field (few values, repeated) are said.
    for recs in doc.values():
        for field in ("type", "rank", "classname"):
            values = {rec[field] for rec in recs if field in rec}
            if 1 < len(values) <= 20 and 2 * len(values) < len(recs):
                for v in values:
                    assert v in r.compressed, (field, v)


def test_pooled_records_write_their_rows_key_once() -> None:
    """Records nested in several shown rows, pooled in one section (a workspace's packages'
    targets): each parent's key is written on its first pooled row only, rows faithful."""
    rng = random.Random(4)
    packages = []
    for p in range(12):
        name = f"crate-{rng.choice(_VERBS)}-{p}"
        targets = [
            {
                "kind": ["test"],
                "name": f"{rng.choice(_VERBS)}_{t}",
                "src_path": f"/work/{name}/tests/{rng.choice(_VERBS)}_{t}.rs",
                "doctest": False,
                "test": True,
            }
            for t in range(rng.randint(6, 30))
        ]
        packages.append({"name": name, "version": f"0.{p}.1", "targets": targets})
    doc = {"packages": packages}
    r = compress(json.dumps(doc, indent=1))
    sections = shown_records(r.compressed)
    shown = sections["$.packages"]
    check_pooled(sections, "$.packages", shown, packages)
    if "$.packages[*].targets" in sections:
        section = r.compressed.split("$.packages[*].targets: ", 1)[1]
        rows = [line for line in section.split("\n")[1:] if line[:1].isdigit()]
        parents = [row.split(",", 1)[0] for row in rows]
        assert len(parents) == len(set(parents))  # each parent's index once
