from __future__ import annotations

import re

import pytest

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import detect_content_type

FILES = [
    "pytest-v.txt",
    "unittest-v.txt",
    "cargo-test.txt",
    "node-test.txt",
    "go-test.txt",
    "jest.txt",
]

# Lines every reader of a test run needs: failing test ids, assertion/exception lines, summary.
_MUST = re.compile(
    r"^(?:\S+::\S+ FAILED|FAILED \S+|E\s+\S.*|\S+\.py:\d+: \w+Error$|FAIL: |ERROR: "
    r"|\w*Error: |test \S+ \.\.\. FAILED|test result: |thread '.*' panicked|\s*left: |\s*right: "
    r"|\s*--- FAIL: |FAIL\s|\s*\w+_test\.go:\d+: |\s*[✕✖] |\s*● |\s*Expected: |\s*Received: "
    r"|Tests: |Ran \d+ tests|=+ .*(?:failed|passed).* =+$|ℹ (?:pass|fail) )"
)


@pytest.mark.parametrize("name", FILES)
def test_failures_and_summaries_survive(name: str) -> None:
    text = read(name)
    assert detect_content_type(text) == "test_output", name
    r = compress(text)
    must = [ln for ln in text.splitlines() if _MUST.match(ln)]
    assert len(must) >= 3, name
    kept = set(r.compressed.splitlines())
    for line in must:
        assert line in kept, (name, line)


def test_pytest_passing_lines_are_counted_and_named() -> None:
    r = compress(read("pytest-v.txt"))
    assert r.savings_percent > 40
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    assert o.count == 61 and o.description.startswith("61 passed test lines")
    assert "test_sample.py::test_price_parses" in o.description
    assert all(ln.endswith("%]") and "PASSED" in ln for ln in omitted_text(r, o.id).splitlines())
    # Library frames of the JSON decoder are collapsed, the test's own lines are not.
    (lib,) = [o for o in r.omitted if "library frame" in o.description]
    assert "python stdlib" in lib.description
    assert '>       json.loads("{bad json}")' in r.compressed


def test_many_passing_tests_compress_far() -> None:
    lines = [
        f"tests/test_api.py::test_endpoint[{i}] PASSED{' ' * 20}[{i % 100:3d}%]"
        for i in range(2000)
    ]
    lines.insert(1234, "tests/test_api.py::test_endpoint[x] FAILED                    [ 61%]")
    text = (
        "\n".join(
            [
                "============================= test session starts ==============================",
                "collected 2001 items",
                "",
                *lines,
                "",
                "=========================== short test summary info ============================",
                "FAILED tests/test_api.py::test_endpoint[x] - AssertionError: 500 != 200",
                "======================= 1 failed, 2000 passed in 12.02s ========================",
            ]
        )
        + "\n"
    )
    r = compress(text)
    assert r.content_type == "test_output" and r.savings_percent > 85
    assert "tests/test_api.py::test_endpoint[x] FAILED" in r.compressed
    assert "1 failed, 2000 passed" in r.compressed
    assert sum(o.count for o in r.omitted if o.kind == "passing") == 2000
