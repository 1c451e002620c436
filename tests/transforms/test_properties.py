"""Properties: never inflates, markers well-formed, JSON faithful, skeletons parse, stable."""

from __future__ import annotations

import ast
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transforms
from tests.transforms._check import check_result
from tests.transforms._jsoncheck import same, shown_records

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
    shown = shown_records(r.compressed).get("$")
    assert shown is not None, r.compressed
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
            if "\r" not in first:
                assert first in r.compressed
        for ln in text.splitlines():
            if " ERROR " in ln:
                assert ln in r.compressed or "failed" in r.compressed


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
