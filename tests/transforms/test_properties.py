"""Properties: never inflates, markers well-formed, JSON faithful, skeletons parse, stable."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transforms
from tests.transforms import _samples as samples
from tests.transforms._check import check_markers_pay, check_result
from tests.transforms._jsoncheck import check_pooled, same, shown_records

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=12),
    st.sampled_from(["ok", "error", "pending", "a,b", '"q"', "123", "true", "", " x "]),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
keys = st.sampled_from(["id", "name", "status", "ms", "tags", "user", "note", "a,b", ""])
records = st.lists(
    st.dictionaries(keys, json_values, min_size=1, max_size=6), min_size=0, max_size=80
)


@SETTINGS
@given(st.text(max_size=3000))
def test_any_text_never_inflates_and_is_consistent(text: str) -> None:
    r = transforms.compress(text)
    check_result(r)
    assert r.original == text
    assert transforms.compress(text) == r  # deterministic


@SETTINGS
@given(records, st.sampled_from([None, 1, 2]))
def test_json_records_are_faithful(recs: list[dict[str, Any]], indent: int | None) -> None:
    text = json.dumps(recs, indent=indent)
    r = transforms.compress(text)
    check_result(r)
    if r.compressed == text or len(recs) < 2:
        return
    sections = shown_records(r.compressed)
    shown = sections.get("$")
    assert shown is not None, r.compressed
    check_pooled(sections, "$", shown, recs)
    for idx, rec in shown.items():
        assert same(rec, recs[idx]), (idx, rec, recs[idx])
    for o in r.omitted:
        for a, b in o.spans:
            json.loads(text[a:b])  # every omitted span is a whole JSON value


@SETTINGS
@given(
    st.lists(
        st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=12, unique=True
    ),
    st.lists(
        st.sampled_from(
            [
                "x = 1",
                "y = x + 2",
                "if x:\n    y = 3",
                "for i in range(3):\n    x += i",
                "return x",
                "pass",
                "'''doc'''",
                "# note",
                "z = [\n    1,\n    2,\n]",
            ]
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_python_skeleton_parses_and_keeps_names(
    names: list[str], stmts: list[str], in_class: bool
) -> None:
    body = "\n".join(stmts)
    funcs = []
    for n in names:
        indented = "\n".join("    " + ln for ln in body.splitlines())
        head = f"@decorator\ndef {n}_fn(a: int, b: str = 'x') -> int:\n"
        funcs.append(f"{head}    '''Doc {n}.'''\n{indented}\n    return 0\n")
    src = "import os\nfrom typing import Any\n\nCONST = 3\n\n"
    if in_class:
        src += "class Holder(Base, metaclass=Meta):\n    attr: int = 1\n\n"
        src += "\n".join("\n".join("    " + ln for ln in f.splitlines()) + "\n" for f in funcs)
    else:
        src += "\n".join(funcs)
    ast.parse(src)
    r = transforms.compress(src, content_type="python")
    check_result(r)
    ast.parse(r.compressed)
    for n in names:
        assert f"def {n}_fn(a: int, b: str = 'x') -> int:" in r.compressed


log_lines = st.one_of(
    st.builds(
        lambda i, ms: f"2024-05-01 10:{i % 60:02d}:00 INFO served /api/{i} in {ms}ms",
        st.integers(0, 999),
        st.integers(1, 99),
    ),
    st.builds(
        lambda i: f"2024-05-01 10:{i % 60:02d}:01 DEBUG cache hit item={i}", st.integers(0, 999)
    ),
    st.builds(
        lambda w: f"2024-05-01 11:00:00 ERROR {w} failed", st.sampled_from(["db", "auth", "io"])
    ),
    st.just("Traceback (most recent call last):"),
    st.just('  File "x.py", line 3, in f'),
    st.text(alphabet="abc \t\r", max_size=20),
)


@SETTINGS
@given(st.lists(log_lines, min_size=0, max_size=300))
def test_logs_keep_first_last_and_errors(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    r = transforms.compress(text, content_type="log")
    check_result(r)
    if r.compressed != text and r.content_type == "log":
        shown = [ln for ln in text.splitlines() if "\r" not in ln]
        if shown:
            first = text.splitlines()[0]
            # Trailing whitespace may be squeezed (the "whitespace" transform): lossless.
            if "\r" not in first and first.strip():
                assert first.rstrip() in r.compressed
        for ln in text.splitlines():
            if " ERROR " in ln:
                assert ln.rstrip() in r.compressed or "failed" in r.compressed


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "# Title",
                "## Part 2",
                "Plain sentence without facts here.",
                "Another calm sentence follows.",
                "Version 3.2 shipped on 2024-01-05.",
                "Use `pip install x` to get it.",
                "",
                "```python\ndef f():\n    return 1\n```",
                "- a list item that says little",
                "| a | b |",
            ]
        ),
        min_size=0,
        max_size=80,
    )
)
def test_markdown_keeps_headings_and_numbers(parts: list[str]) -> None:
    text = "\n\n".join(parts)
    r = transforms.compress(text)
    check_result(r)
    for p in parts:
        if p.startswith("#") or p.startswith("Version 3.2") or p.startswith("|"):
            assert p in r.compressed


def test_threads_get_the_same_results() -> None:
    """The worker compresses in threads: shared caches must not change any result."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.transforms import _samples as s

    inputs = [s.GO_SOURCE, s.RUST_SOURCE, s.JAVA_SOURCE, s.PYTHON_SOURCE, s.app_log(300)] * 6
    expected = [transforms.compress(x) for x in inputs]
    with ThreadPoolExecutor(6) as pool:
        assert list(pool.map(transforms.compress, inputs)) == expected


CORPUS = Path(__file__).resolve().parents[2] / "bench" / "corpus"
# Corpus files up to this size (every kind has some) keep the suite fast; bench/compression.py
# runs them all.
_CORPUS_BYTES = 20_000
SAMPLES = {
    "python": lambda: samples.PYTHON_SOURCE,
    "typescript": lambda: samples.TYPESCRIPT_SOURCE,
    "javascript": lambda: samples.JAVASCRIPT_SOURCE,
    "go": lambda: samples.GO_SOURCE,
    "rust": lambda: samples.RUST_SOURCE,
    "java": lambda: samples.JAVA_SOURCE,
    "json": lambda: samples.api_records(400)[0],
    "ndjson": lambda: "\n".join(
        json.dumps(r) for r in json.loads(samples.api_records(400)[0])["items"]
    ),
    "log": lambda: samples.app_log(3000),
    "log-with-blanks": lambda: samples.app_log(600).replace(" jobs\n", " jobs\n\n"),
    "markdown": lambda: samples.MARKDOWN_DOC,
    "tech-doc": lambda: samples.tech_doc(),
    "mixed": lambda: (
        samples.MARKDOWN_DOC
        + "\n```\n"
        + samples.app_log(200)
        + "```\n\n```python\n"
        + samples.PYTHON_SOURCE
        + "```\n"
    ),
    **{
        f"corpus:{p.parent.name}/{p.name}": (lambda p=p: p.read_text(errors="replace"))
        for p in sorted(CORPUS.glob("*/*"))
        if p.name != "SOURCES.md" and p.stat().st_size <= _CORPUS_BYTES
    },
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_omission_saves_more_than_its_marker(name: str) -> None:
    """No marker costs more than what it stands for (characters and tokens), in any kind."""
    r = transforms.compress(SAMPLES[name]())
    check_result(r)  # includes check_markers_pay
    check_markers_pay(r)
    if not name.startswith("corpus:"):
        assert r.omitted, name


blank_heavy_lines = st.one_of(
    st.just(""),
    st.just(""),
    st.builds(lambda k: f"2024-05-01 10:00:{k % 60:02d} INFO job {k} done", st.integers(0, 999)),
    st.builds(lambda k: f"2024-05-01 10:00:{k % 60:02d} ERROR job {k} failed", st.integers(0, 9)),
    st.sampled_from(["x", "ok", "  at f(x.java:1)", "Traceback (most recent call last):"]),
)


@SETTINGS
@given(st.lists(blank_heavy_lines, min_size=10, max_size=300), st.sampled_from([None, "log"]))
def test_short_runs_are_never_replaced_by_longer_markers(
    lines: list[str], hint: str | None
) -> None:
    r = transforms.compress("\n".join(lines) + "\n", content_type=hint)
    check_result(r)
    check_markers_pay(r)
