"""1 MB of each kind compresses and shrinks.

Tests never fail on timing: ``bench/compression.py`` measures the 0.5 s target. The time is
printed here (``pytest -s``) for a quick look.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.transforms import _data, _notebooks
from tests.transforms import _samples as s
from tests.transforms._check import compress

MB = 1_000_000


def _mb(unit: str) -> str:
    return unit * (MB // len(unit) + 1)


CASES = {
    "json": lambda: json.dumps(json.loads(s.api_records(400)[0])["items"] * 16, indent=1),
    "log": lambda: s.app_log(16000),
    "python": lambda: _mb(s.PYTHON_SOURCE.replace("from __future__ import annotations\n", "")),
    "go": lambda: s.GO_SOURCE + _mb(s.GO_SOURCE.split("\n", 2)[2]),
    # (MARKDOWN_DOC repeated 400 times reads as program output, i.e. a log: not prose.)
    "prose": lambda: s.tech_doc(900),
    "csv": lambda: _csv_mb(),
    "diff": lambda: _mb(_data.read("git-log-p.txt")),
    "search": lambda: _mb(_data.read("grep-rn.txt")),
    "html": lambda: _mb(_data.read("idle-help.html")),
    "notebook": lambda: _notebooks.notebook(sections=30)[0],
    "test_output": lambda: _mb(_data.read("pytest-v.txt")),
    "stacktrace": lambda: _mb(_data.read("java-trace.txt") + "\n"),
    "c": lambda: _mb(_data.read("pngtest.c")),
    "cpp": lambda: _mb(_data.read("generate_umath_validation_data.cpp")),
}


def _csv_mb() -> str:
    head, _, rows = _data.read("umath-log10.csv").partition("\n")
    return head + "\n" + _mb(rows)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_one_megabyte(kind: str) -> None:
    text = CASES[kind]()
    assert len(text) >= 0.9 * MB
    compress("warm up")
    t0 = time.perf_counter()
    r = compress(text)
    elapsed = time.perf_counter() - t0
    print(f"{kind}: 1 MB in {elapsed:.2f}s")
    assert r.compressed_tokens < r.original_tokens
    assert r.omitted and len(r.compressed) < len(text)
