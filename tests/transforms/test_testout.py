from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    r"^(?:FAILED \S+|E\s+\S.*|\S+\.py:\d+: \w+Error$|FAIL: |ERROR: "
    r"|\w*Error: |test result: |thread '.*' panicked|\s*left: |\s*right: "
    r"|\s*--- FAIL: |FAIL\s|\s*\w+_test\.go:\d+: |\s*✖ |\s*● |\s*Expected: |\s*Received: "
    r"|Tests: |Ran \d+ tests|=+ .*(?:failed|passed).* =+$|ℹ (?:pass|fail) )"
)
# A failing test's result line in the list of results (group 1: its id): kept, or counted in
# the marker of the results around it when a later kept line names the test again.
_FAILING_RESULT = re.compile(
    r"^(?:(\S+::\S+) FAILED.*|test (\S+) \.\.\. FAILED|\s*[✕✖] (.+?)(?: \(\d[\d.]*\s*ms\))?)$"
)


def _ruled(line: str) -> str:
    """A section rule as the compressor writes it (a title padded to the terminal's width with
    ``_`` or ``=``: 3 fill characters a side), other lines as they are."""
    return re.sub(r"^([_=])\1{3,} (\S.*?) \1{3,}$", r"\1\1\1 \2 \1\1\1", line)


@pytest.mark.parametrize("name", FILES)
def test_failures_and_summaries_survive(name: str) -> None:
    text = read(name)
    assert detect_content_type(text) == "test_output", name
    r = compress(text)
    must = [ln for ln in text.splitlines() if _MUST.match(ln)]
    assert len(must) >= 3, name
    kept = set(r.compressed.splitlines())
    for line in must:
        # (a failing result line may be counted where a line below names its test: see below)
        assert _ruled(line) in kept or _FAILING_RESULT.match(line), (name, line)
    lines = r.compressed.splitlines()
    for line in text.splitlines():
        m = _FAILING_RESULT.match(line)
        if m and line not in kept:
            test = next(g for g in m.groups() if g)
            # Its id is said again below a marker that counts it as failed.
            marker = next(k for k, ln in enumerate(lines) if "failed (named below)" in ln)
            assert any(test in ln for ln in lines[marker + 1 :]), (name, line)


def test_pytest_passing_lines_are_counted_and_named() -> None:
    r = compress(read("pytest-v.txt"))
    assert r.savings_percent > 40
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    # The failing results among them are counted too: the short summary names each.
    assert o.count == 73
    assert o.description.startswith("73 test lines, 64 passed (PASSED), 8 failed (named below)")
    # The file is said once for the run, the tests by name.
    assert "file=test_sample.py" in o.description and "test_price_parses" in o.description
    hidden = omitted_text(r, o.id).splitlines()
    assert all(re.search(r" (?:PASSED|FAILED|SKIPPED) .*%\]$", ln) for ln in hidden)
    assert sum(" FAILED " in ln for ln in hidden) == 8
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
    # The failing result line is counted with the passing ones: the summary names it.
    assert "FAILED tests/test_api.py::test_endpoint[x] - AssertionError: 500" in r.compressed
    assert "2001 test lines, 2000 passed (PASSED), 1 failed (named below)" in r.compressed
    assert "1 failed, 2000 passed" in r.compressed
    assert sum(o.count for o in r.omitted if o.kind == "passing") == 2001


def _ctest_unity(programs: int, failing: int) -> str:
    """`ctest -V` of Unity test programs: per-test command lines, "N: "-prefixed Unity lines,
    each program's totals, ctest's result lines and summary."""
    out = [
        "UpdateCTestConfiguration  from :/b/DartConfiguration.tcl",
        "Test project /b",
        "Constructing a list of tests",
    ]
    failed = []
    for p in range(1, programs + 1):
        out += [f"test {p}", f"    Start {p}: prog{p}", "", f"{p}: Test command: /b/prog{p}"]
        out += [f"{p}: Working Directory: /b", f"{p}: Test timeout computed to be: 1500"]
        bad = p == failing
        for t in range(12):
            if bad and t == 5:
                out.append(f"{p}: prog{p}.c:{40 + t}:test_case{t}:FAIL: Expected 7 Was 9")
            else:
                out.append(f"{p}: prog{p}.c:{40 + t}:test_case{t}:PASS")
        out += [f"{p}: ", f"{p}: -----------------------"]
        out += [f"{p}: 12 Tests {int(bad)} Failures 0 Ignored ", f"{p}: {'FAIL' if bad else 'OK'}"]
        status = "***Failed  " if bad else "   Passed  "
        out.append(f"{p:2d}/{programs} Test #{p}: prog{p} .............{status}  0.01 sec")
        if bad:
            failed.append(f"\t  {p} - prog{p} (Failed)")
    pct = 100 * (programs - len(failed)) // programs
    out += ["", f"{pct}% tests passed, {len(failed)} tests failed out of {programs}", ""]
    out += ["Total Test time (real) =   0.20 sec", "", "The following tests FAILED:", *failed]
    return "\n".join(out) + "\n"


def test_ctest_with_unity_programs() -> None:
    text = _ctest_unity(20, failing=7)
    assert detect_content_type(text) == "test_output"
    r = compress(text)
    assert r.savings_percent > 80
    kept = r.compressed
    # The failing test, its message, its program's totals, ctest's verdicts and summary.
    for line in (
        "7: prog7.c:45:test_case5:FAIL: Expected 7 Was 9",
        "7: 12 Tests 1 Failures 0 Ignored ",
        "95% tests passed, 1 tests failed out of 20",
        "\t  7 - prog7 (Failed)",
    ):
        assert line in kept.splitlines(), line
    assert "prog1.c:40:test_case0:PASS" not in kept
    # ctest's verdict line of the failing program is counted (ctest lists it again below).
    assert " 7/20 Test #7: prog7 .............***Failed    0.01 sec" not in kept
    assert "1 failed (named below)" in kept


def test_ctest_passing_lines_are_counted_in_all() -> None:
    # No runner line says how many passed ("100% tests passed" is a share): the markers'
    # total is said once.
    r = compress(_ctest_unity(20, failing=0))
    assert "100% tests passed, 0 tests failed out of 20" in r.compressed
    assert "240 passed (PASS), 20 passed (Passed)" in r.compressed
    assert r.savings_percent > 85


def test_tap_failures_keep_their_error_lines() -> None:
    lines = ["TAP version 13"]
    for i in range(1, 31):
        ok = i != 17
        lines += [f"# Subtest: case {i}", f"{'ok' if ok else 'not ok'} {i} - case {i}", "  ---"]
        lines += ["  duration_ms: 0.5"]
        if not ok:
            lines += ["  location: '/t/x.test.mjs:17:3'", "  failureType: 'testCodeFailure'"]
            lines += ["  error: |-", "    Expected values to be strictly equal:", "    1 !== 2"]
            lines += ["  code: 'ERR_ASSERTION'", "  stack: |-", "    TestContext.<anonymous> (x)"]
        lines += ["  ..."]
    lines += ["1..30", "# tests 30", "# pass 29", "# fail 1"]
    text = "\n".join(lines) + "\n"
    assert detect_content_type(text) == "test_output"
    r = compress(text)
    kept = r.compressed.splitlines()
    for line in ("not ok 17 - case 17", "  error: |-", "# pass 29", "# fail 1"):
        assert line in kept, line
    assert r.savings_percent > 70


def test_failures_repeating_an_earlier_error_keep_their_header_and_location() -> None:
    lines = [
        "============================= test session starts ==============================",
        "collected 46 items",
        "",
    ]
    lines += [f"tests/test_hook.py::test_order_{k} FAILED" for k in range(6)]
    lines += [f"tests/test_hook.py::test_other_{k} PASSED" for k in range(40)]
    lines += [
        "",
        "=================================== FAILURES ===================================",
    ]
    for k in range(6):
        lines += [
            f"_________________________________ test_order_{k} _________________________________",
            "",
            "hc = <HookCaller 'he_method1'>",
            "",
            f"    def test_order_{k}(hc):",
            "        hc.add(one)",
            "        hc.add(two)",
            f">       assert funcs(hc._nonwrappers) == [one, two, {k}]",
            "                     ^^^^^^^^^^^^^^^",
            "E       AttributeError: 'HookCaller' object has no attribute '_nonwrappers'",
            "",
            f"tests/test_hook.py:{50 + 10 * k}: AttributeError",
        ]
    lines += ["=========================== short test summary info ============================"]
    lines += [f"FAILED tests/test_hook.py::test_order_{k} - AttributeError" for k in range(6)]
    lines += ["========================= 6 failed, 40 passed in 0.31s ========================="]
    text = "\n".join(lines) + "\n"
    r = compress(text)
    kept = r.compressed.splitlines()
    # The error is said once; every failure keeps its header, location and summary line.
    assert (
        kept.count("E       AttributeError: 'HookCaller' object has no attribute '_nonwrappers'")
        == 1
    )
    for k in range(6):
        assert any(ln.startswith("_") and f" test_order_{k} " in ln for ln in kept)
        assert f"tests/test_hook.py:{50 + 10 * k}: AttributeError" in kept
        assert f"FAILED tests/test_hook.py::test_order_{k} - AttributeError" in kept
    repeated = [o for o in r.omitted if "same error as above" in o.description]
    assert len(repeated) == 5
    assert ">       assert funcs(hc._nonwrappers) == [one, two, 5]" in omitted_text(
        r, repeated[-1].id
    )


_FAILING_LINES = (
    "{p}tests/test_{a}.py::test_{b} FAILED",
    "{p}src/{a}.c:{n}:test_{b}:FAIL: Expected {n} Was {m}",
    "{p}not ok {n} - {a} {b}",
    "{p}--- FAIL: Test{a}/{b} (0.00s)",
    "{p}test {a}::{b} ... FAILED",
    "{p}{n}/40 Test #{n}: {a}_{b} ..........***Failed    0.01 sec",
)
_OTHER_LINES = (
    "{p}tests/test_{a}.py::test_{b} PASSED",
    "{p}src/{a}.c:{n}:test_{b}:PASS",
    "{p}ok {n} - {a} {b}",
    "{p}--- PASS: Test{a}/{b} (0.00s)",
    "{p}=== RUN   Test{a}/{b}",
    "{p}test {a}::{b} ... ok",
    "{p}{n}/40 Test #{n}: {a}_{b} ..........   Passed    0.01 sec",
    "{p}  # Subtest: {a}",
    "{p}  duration_ms: 0.{n}",
    "{p}Test command: /build/{a}",
    "{p}some output of {a} {b} number {n}",
    "{p}    at {a}.{b} (/src/{a}.js:{n}:{m})",
    "{p}",
)


@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.integers(0, 12),
            st.sampled_from(["alpha", "beta", "gamma", "delta"]),
            st.sampled_from(["one", "two", "three"]),
            st.integers(1, 99),
            st.booleans(),
        ),
        min_size=8,
        max_size=120,
    )
)
@settings(max_examples=25, deadline=None)
def test_any_mix_of_runner_lines_keeps_every_failing_line(
    rows: list[tuple[bool, int, str, str, int, bool]],
) -> None:
    lines: list[str] = []
    failing_lines: list[str] = []
    for failing, k, a, b, n, prefixed in rows:
        pool = _FAILING_LINES if failing else _OTHER_LINES
        prefix = f"{n % 9 + 1}: " if prefixed else ""  # ctest -V's "N: "
        line = pool[k % len(pool)].format(p=prefix, a=a, b=b, n=n, m=n + 1)
        lines.append(line)
        if failing:
            failing_lines.append(line)
    lines.append("==================== 3 failed, 40 passed in 0.50s ====================")
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="test_output")  # never raises; the invariants hold
    kept = set(r.compressed.splitlines())
    for line in failing_lines:
        assert line in kept, line


def test_session_header_set_up_is_counted_and_its_news_kept() -> None:
    header = [
        "============================= test session starts ==============================",
        "platform linux -- Python 3.12.1, pytest-8.0.0, pluggy-1.4.0 -- /venv/bin/python",
        "cachedir: .pytest_cache",
        "rootdir: /src/proj",
        "configfile: pyproject.toml",
        "plugins: xdist-3.5.0, cov-4.1.0, timeout-2.2.0",
        "WARNING: conftest.py could not import fixtures_extra",
        "collecting ... collected 30 items",
        "",
    ]
    results = [f"tests/test_a.py::test_{k} PASSED" for k in range(29)]
    results.insert(7, "tests/test_a.py::test_bad FAILED")
    tail = [
        "",
        "=========================== short test summary info ============================",
        "FAILED tests/test_a.py::test_bad - ValueError: bad",
        "========================= 1 failed, 29 passed in 0.31s =========================",
    ]
    r = compress("\n".join(header + results + tail) + "\n")
    kept = r.compressed.splitlines()
    for line in (header[0], header[6], header[7], *tail[1:]):
        assert _ruled(line) in kept, line
    assert kept[0] == "=== test session starts ==="
    (o,) = [o for o in r.omitted if o.kind == "header"]
    assert o.count == 5
    keys = "platform linux, cachedir, rootdir, configfile, plugins"
    assert o.description == f"5 header lines ({keys})"
    assert "rootdir: /src/proj" in omitted_text(r, o.id)
    # The failing result line is counted; the summary names the test.
    (p,) = [o for o in r.omitted if o.kind == "passing"]
    assert p.description.startswith("30 test lines, 29 passed (PASSED), 1 failed (named below)")


def test_failing_result_named_nowhere_else_stays() -> None:
    lines = ["running 30 tests"]
    lines += [f"test tests::case_{k} ... ok" for k in range(15)]
    lines += ["test tests::lonely ... FAILED"]  # no "---- … stdout ----" section names it
    lines += [f"test tests::later_{k} ... ok" for k in range(14)]
    lines += ["", "test result: FAILED. 29 passed; 1 failed; 0 ignored; finished in 0.01s"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    assert "test tests::lonely ... FAILED" in r.compressed.splitlines()
    assert "named below" not in r.compressed


def test_pytest_failure_keeps_its_pointed_and_error_lines_not_its_listing() -> None:
    lines = ["============================= test session starts ==============================", ""]
    lines += [f"tests/test_m.py::test_ok_{k} PASSED" for k in range(20)]
    lines += [
        "",
        "=================================== FAILURES ===================================",
        "________________________________ test_merge _________________________________",
        "",
        "tmp_path = PosixPath('/tmp/pytest-of-u/pytest-3/test_merge0')",
        "",
        "    def test_merge(tmp_path):",
        "        a = load(tmp_path / 'a.json')",
        "        assert a['version'] == 2",
        "        b = load(tmp_path / 'b.json')",
        "        assert b['version'] == 2",
        ">       assert merge(a, b) == {'version': 2, 'items': [1, 2]}",
        "E       AssertionError: assert {'version': 2} == {'version': 2, 'items': [1, 2]}",
        "",
        "tests/test_m.py:12: AssertionError",
        "=========================== short test summary info ============================",
        "FAILED tests/test_m.py::test_merge - AssertionError: assert {'version': 2} == {...",
        "========================= 1 failed, 20 passed in 0.11s =========================",
    ]
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="test_output")
    kept = r.compressed.splitlines()
    must = [ln for ln in lines if ln.startswith(("___", ">", "E ", "tests/test_m.py:12", "FAILED"))]
    for line in must:
        assert _ruled(line) in kept, line
    assert "___ test_merge ___" in kept
    # The fixture's value, the def line (the header names the test) and the listing's other
    # statements, asserts included, are one marker's.
    for line in lines:
        if line.startswith(("tmp_path", "    def", "        assert", "        a =")):
            assert line not in kept, line
    (o,) = [o for o in r.omitted if "tmp_path = " in omitted_text(r, o.id)]
    assert "    def test_merge(tmp_path):" in omitted_text(r, o.id)


def test_jest_skipped_and_todo_lines_are_counted_by_their_status() -> None:
    lines = ["FAIL test/a.test.js", "  suite"]
    lines += [f"    ✓ case {k} works ({k} ms)" for k in range(10)]
    lines += ["    ○ skipped needs a network", "    ✎ todo handles latin-1"]
    lines += [f"    ✓ more {k} works" for k in range(6)]
    lines += ["", "Tests:       1 skipped, 1 todo, 16 passed, 18 total"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    assert o.count == 19  # (the suite's heading with its tests)
    assert "16 passed" in o.description
    # (a rare status names its test: transforms/README.md)
    assert "status: skipped skipped needs a network, todo todo handles latin-1" in o.description


def test_unittest_docstring_verdicts_are_counted() -> None:
    lines = []
    for k in range(12):
        if k % 3 == 0:
            # -v prints a test's docstring's first line, its verdict after it
            lines += [f"test_case_{k} (pkg.tests.CaseTests.test_case_{k})"]
            lines += [f"Check that case {k} holds. ... ok"]
        else:
            lines += [f"test_case_{k} (pkg.tests.CaseTests.test_case_{k}) ... ok"]
    lines += ["", "-" * 70, "Ran 12 tests in 0.010s", "", "OK"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    assert o.count == 18 and "12 passed (ok)" in o.description  # (with the rule and blank)
    assert "Ran 12 tests in 0.010s" in r.compressed and r.compressed.endswith("OK\n")


def test_passing_marker_names_every_file_and_skip_reason_before_test_names() -> None:
    lines = ["============================= test session starts ==============================", ""]
    for f in ("tests/test_io.py", "tests/test_net.py", "tests/test_cli.py"):
        lines += [f"{f}::test_case_number_{k}_with_a_long_name PASSED" for k in range(30)]
    reasons = ("needs network", "win32 only", "requires root")
    lines[20:20] = [f"tests/test_io.py::test_skip_{k} SKIPPED ({r})" for k, r in enumerate(reasons)]
    lines += ["", "================== 90 passed, 3 skipped in 1.00s =================="]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    assert o.count == 93
    for name in ("tests/test_io.py", "tests/test_net.py", "tests/test_cli.py"):
        assert name in o.description
    for reason in reasons:
        assert f"SKIPPED ({reason})" in o.description
    # The names are a sample: the count, the statuses and the files are what a reader needs.
    assert "test: " in o.description and " more)" in o.description


def test_code_in_a_library_frame_listing_is_not_an_assertion_line() -> None:
    lines = ["============================= test session starts ==============================", ""]
    lines += ["tests/test_log.py " + "." * 30 + "F" + " " * 20 + "[100%]", ""]
    lines += [
        "=================================== FAILURES ===================================",
        "_____________________________ TestLog.test_format ______________________________",
        "",
        "self = <tests.test_log.TestLog testMethod=test_format>",
        "",
        "    def test_format(self):",
        ">       log.assert_called_once_with(10, 'done')",
        "",
        "/usr/lib/python3.11/unittest/mock.py:939: in assert_called_with",
        "        expected = self._call_matcher(_Call((args, kwargs), two=True))",
        "        actual = self._call_matcher(self.call_args)",
        "        if actual != expected:",
        "            cause = expected if isinstance(expected, Exception) else None",
        ">           raise AssertionError(_error_message()) from cause",
        "E           AssertionError: expected call not found.",
        "E           Expected: log(10, 'done')",
        "E             Actual: log(10, 'done.')",
        "",
        "/usr/lib/python3.11/unittest/mock.py:939: AssertionError",
        "=========================== short test summary info ============================",
        "FAILED tests/test_log.py::TestLog::test_format - AssertionError: expected cal...",
        "========================= 1 failed, 30 passed in 0.20s =========================",
    ]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    kept = r.compressed.splitlines()
    for line in lines:
        if line.startswith(("E ", ">", "FAILED", "/usr/lib/python3.11/unittest/mock.py:939: A")):
            assert line in kept, line
        if line.startswith("        expected =") or line.startswith("        actual ="):
            assert line not in kept, line


def test_unittest_failures_keep_headers_and_errors_and_say_a_repeat_once() -> None:
    lines = []
    for k in range(20):
        lines.append(f"test_ok_{k} (pkg.tests.T.test_ok_{k}) ... ok")
    lines += ["test_noisy (pkg.tests.T.test_noisy) ... retrying once", "ok"]
    lines += ["test_doc (pkg.tests.T.test_doc)", "Check the docs. ... FAIL"]
    for k in range(3):
        lines.append(f"test_bad_{k} (pkg.tests.T.test_bad_{k}) ... ERROR")
    lines.append("")
    lines += ["=" * 70, "FAIL: test_doc (pkg.tests.T.test_doc)", "Check the docs.", "-" * 70]
    lines += [
        "Traceback (most recent call last):",
        '  File "/src/pkg/tests.py", line 40, in test_doc',
        "    self.assertEqual(doc(), 'x')",
        "AssertionError: 'y' != 'x'",
        "",
    ]
    for k in range(3):
        lines += ["=" * 70, f"ERROR: test_bad_{k} (pkg.tests.T.test_bad_{k})", "-" * 70]
        lines += [
            "Traceback (most recent call last):",
            f'  File "/src/pkg/tests.py", line {50 + k}, in test_bad_{k}',
            "    load(path)",
            "KeyError: 'version'",
            "",
        ]
    lines += ["-" * 70, "Ran 25 tests in 0.010s", "", "FAILED (failures=1, errors=3)"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    kept = r.compressed.splitlines()
    for line in lines:
        if line.startswith(("FAIL: ", "ERROR: ", "AssertionError", "Ran ", "FAILED (")):
            assert line in kept, line
    # The same KeyError in three tests: said once, the later two behind markers.
    assert kept.count("KeyError: 'version'") == 1
    assert len([o for o in r.omitted if "same error as above" in o.description]) == 2
    # The docstring's verdict line and the test's printed output are counted, not kept.
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    assert "21 passed (ok), 4 failed (named below)" in o.description
    assert "retrying once" in omitted_text(r, o.id) and "Check the docs. ... FAIL" not in kept


@given(
    st.lists(st.tuples(st.booleans(), st.booleans()), min_size=5, max_size=80),
    st.sampled_from(["pytest", "cargo", "unittest"]),
)
@settings(max_examples=25, deadline=None)
def test_a_failing_line_is_counted_only_where_a_later_line_names_its_test(
    tests: list[tuple[bool, bool]], runner: str
) -> None:
    result = {
        "pytest": ("tests/test_x.py::test_{k} PASSED", "tests/test_x.py::test_{k} FAILED"),
        "cargo": ("test tests::case_{k} ... ok", "test tests::case_{k} ... FAILED"),
        "unittest": ("test_{k} (pkg.T.test_{k}) ... ok", "test_{k} (pkg.T.test_{k}) ... FAIL"),
    }[runner]
    again = {
        "pytest": "FAILED tests/test_x.py::test_{k} - AssertionError",
        "cargo": "---- tests::case_{k} stdout ----",
        "unittest": "FAIL: test_{k} (pkg.T.test_{k})",
    }[runner]
    lines = [result[failing].format(k=k) for k, (failing, _) in enumerate(tests)]
    named = [k for k, (failing, said) in enumerate(tests) if failing and said]
    lines += ["", *(again.format(k=k) for k in named)]
    failed = sum(f for f, _ in tests)
    lines.append(f"=== {failed} failed, {len(tests) - failed} passed ===")
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    kept = r.compressed.splitlines()
    counted = 0
    for k, (failing, said) in enumerate(tests):
        if not failing:
            continue
        line = result[1].format(k=k)
        if said:
            counted += line not in kept  # counted: its test is named below
            assert again.format(k=k) in kept
        else:
            assert line in kept, line  # named nowhere else: kept
    markers = [o.description for o in r.omitted if o.kind == "passing"]
    said_failed = sum(
        int(m.group(1)) for d in markers for m in re.finditer(r"(\d+) failed \(named below\)", d)
    )
    assert said_failed == counted


def test_cargo_doc_tests_are_results() -> None:
    lines = ["   Doc-tests semver_lite", "", "running 12 tests"]
    lines += [f"test src/lib.rs - Version::parse{k} (line {10 * k}) ... ok" for k in range(11)]
    # (what a test printed, just before the line: the failing line is not part of it)
    lines += ["warning: 1 warning emitted while compiling the example at line 140 of src/lib.rs"]
    lines += ["test src/lib.rs - Version::cmp (line 140) ... FAILED", "", "failures:", ""]
    lines += ["---- src/lib.rs - Version::cmp (line 140) stdout ----", "Test executable failed."]
    lines += ["", "test result: FAILED. 11 passed; 1 failed; 0 ignored; finished in 0.40s"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    kept = r.compressed.splitlines()
    assert "test src/lib.rs - Version::cmp (line 140) ... FAILED" in kept
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    assert o.count == 11


def test_mocha_spec_counts_suite_headings_and_keeps_each_failure() -> None:
    """mocha's spec reporter draws a tree (suite headings a level above their results): the
    headings are counted with the passing results, not kept one by one between markers; each
    failure keeps its full title, its error line, its diff's changed lines and where it
    failed, though several start with the same generic assertion line."""
    text = read("mocha-spec.txt")
    assert detect_content_type(text) == "test_output"
    r = compress(text)
    assert r.savings_percent >= 70, r.savings_percent
    out = r.compressed.splitlines()
    lines = text.splitlines()
    failures = [k for k, ln in enumerate(lines) if re.match(r"^  \d\) ", ln)]
    assert len(failures) == 8
    for k in failures:
        assert lines[k] in out
        title = next(ln for ln in lines[k + 1 :] if ln.endswith(":"))
        assert title in out  # "         should handle commas in quoted parameters:"
        error = next(ln for ln in lines[k + 1 :] if "AssertionError" in ln)
        assert error in out
        at = next(ln for ln in lines[k + 1 :] if re.match(r"\s+at Context", ln))
        assert at in out, at  # "      at Context.<anonymous> (test/encoding.js:306:14)"
    for ln in ("      -gzip", "      +deflate", '      -  "baz\\""'):
        assert ln in out
    for total in ("  245 passing (94ms)", "  3 pending", "  8 failing"):
        assert total in out
    # Every passing test is counted: 245, over the markers of the tree.
    passed = sum(
        int(m.group(1))
        for o in r.omitted
        for m in re.finditer(r"(\d+) passed \(✔\)", o.description)
    )
    assert passed == 245


def test_jest_failures_with_the_same_message_but_another_matcher_are_both_kept() -> None:
    """Two failures are "the same error" only when all their error lines are: jest's matcher
    line (``expect(received).toThrow()``) is one of them."""

    def section(name: str, matcher: str, line: int) -> list[str]:
        return [
            f"  ● {name}",
            "",
            f"    {matcher}",
            "",
            "    Received function did not throw",
            "",
            f"      {line - 1} |   expect(() => f(1)).toThrow();",
            f"    > {line} |   expect(() => f(2)).toThrow();",
            "         |                           ^",
            f"      {line + 1} | }});",
            "",
            f"      at Object.toThrow (test/create.test.js:{line}:27)",
            "",
        ]

    lines = ["FAIL test/create.test.js"]
    lines += [f"  ✓ creates case {k} ({k} ms)" for k in range(12)]
    lines += ["  ✕ throws on bad input (3 ms)", "  ✕ throws on NaN (1 ms)", ""]
    lines += section("throws on bad input", "expect(received).toThrow(TypeError)", 40)
    lines += section("throws on NaN", "expect(received).toThrow()", 52)
    lines += ["Test Suites: 1 failed, 1 total", "Tests:       2 failed, 12 passed, 14 total"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    out = r.compressed.splitlines()
    for kept in (
        "    expect(received).toThrow(TypeError)",
        "    expect(received).toThrow()",
        "      at Object.toThrow (test/create.test.js:52:27)",
        "  ● throws on NaN",
    ):
        assert kept in out, kept


def test_jest_diffs_keep_their_changed_lines_and_tell_failures_apart() -> None:
    """Two toEqual failures with the same matcher line and the same diff counts are two
    failures: each keeps the first changed lines of its diff (removed and added), and
    neither is folded as "the same error as above"."""

    def section(name: str, want: int, got: int, line: int) -> list[str]:
        return [
            f"  ● {name}",
            "",
            "    expect(received).toEqual(expected) // deep equality",
            "",
            "    - Expected  - 1",
            "    + Received  + 1",
            "",
            "      Object {",
            f'    -   "hour": {want},',
            f'    +   "hour": {got},',
            '        "minute": 8,',
            '        "second": 9,',
            "      }",
            "",
            f"      {line - 1} | }});",
            f"    > {line} | const isSame = (s, e) => expect(parse(s)).toEqual(e);",
            "         |                                        ^",
            f"      {line + 1} |",
            "",
            f"      at toEqual (test/parse.test.js:{line}:40)",
            "",
        ]

    lines = ["FAIL test/parse.test.js"]
    lines += [f"  ✓ parses case {k} ({k} ms)" for k in range(12)]
    lines += ["  ✕ parses offsets (3 ms)", "  ✕ parses zones (1 ms)", ""]
    lines += section("parses offsets", 23, 5, 129)
    lines += section("parses zones", 7, 11, 129)
    lines += ["Test Suites: 1 failed, 1 total", "Tests:       2 failed, 12 passed, 14 total"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    out = r.compressed.splitlines()
    for kept in (
        '    -   "hour": 23,',
        '    +   "hour": 5,',
        '    -   "hour": 7,',
        '    +   "hour": 11,',
    ):
        assert kept in out, kept
    assert not any("same error as above" in o.description for o in r.omitted)


def test_go_test_v_counts_what_passing_tests_log_and_keeps_a_panics_goroutine() -> None:
    """`go test -v`: a passing subtest's `t.Logf` lines go with the results around them; the
    failing test's message, the panic and its goroutine's header and own frames stay."""
    lines = ["=== RUN   TestAt", "=== RUN   TestAt/0", "=== RUN   TestAt/past_the_end"]
    lines += ["    ring_test.go:56: At(4) = 4, want 0 (no element)"]
    lines += ["--- FAIL: TestAt (0.00s)", "    --- PASS: TestAt/0 (0.00s)"]
    lines += ["    --- FAIL: TestAt/past_the_end (0.00s)", "=== RUN   TestLast"]
    for k in range(6):
        lines += [f"=== RUN   TestLast/n={k}", f"    ring_test.go:74: ring [{k} 2 0 0]"]
    lines += ["--- FAIL: TestLast (0.00s)"]
    lines += [f"    --- PASS: TestLast/n={k} (0.00s)" for k in range(5)]
    lines += [
        "    --- FAIL: TestLast/n=5 (0.00s)",
        "panic: runtime error: index out of range [-1] [recovered]",
        "\tpanic: runtime error: index out of range [-1]",
        "",
        "goroutine 86 [running]:",
        "testing.tRunner.func1.2({0x51f5e0, 0xc0000d0738})",
        "\t/usr/lib/go-1.19/src/testing/testing.go:1396 +0x24e",
        "testing.tRunner.func1()",
        "\t/usr/lib/go-1.19/src/testing/testing.go:1399 +0x39f",
        "panic({0x51f5e0, 0xc0000d0738})",
        "\t/usr/lib/go-1.19/src/runtime/panic.go:884 +0x212",
        "example.com/ring.(*Ring).At(...)",
        "\t/tmp/h_ring/ring.go:35",
        "example.com/ring.TestLast.func1(0xc00010e1a0)",
        "\t/tmp/h_ring/ring_test.go:75 +0x4f3",
        "FAIL\texample.com/ring\t0.008s",
        "FAIL",
    ]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    out = r.compressed.splitlines()
    for kept in (
        "    ring_test.go:56: At(4) = 4, want 0 (no element)",
        "    ring_test.go:74: ring [5 2 0 0]",  # (the panicking subtest's own log)
        "panic: runtime error: index out of range [-1] [recovered]",
        "goroutine 86 [running]:",
        "example.com/ring.(*Ring).At(...)",
        "\t/tmp/h_ring/ring_test.go:75 +0x4f3",
    ):
        assert kept in out, kept
    for passing in range(5):
        assert f"    ring_test.go:74: ring [{passing} 2 0 0]" not in out


def test_vitest_failures_with_durations_are_named_below_and_skips_are_counted() -> None:
    """vitest --reporter=verbose (3.x): "× file > suite > test 46ms" is named again below by
    its "FAIL  file > suite > test" heading (without the duration), so it is counted; "↓" is a
    skipped test."""
    f = "__tests__/map-set.js > map issues proxy"
    lines = ["", " RUN  v3.2.7 /tmp/immer", ""]
    lines += [f" ✓ {f} > keeps case {k} {k}ms" for k in range(8)]
    lines += [f" × {f} > IterableIterator should return itself 46ms"]
    lines += ["   → expected { done: false, value: 'Item 1' } to deeply equal { value: 'Item 2' }"]
    lines += [f" ↓ {f} > #659 no reconciliation after read - {k}" for k in range(3)]
    lines += [f" ✓ {f} > reads case {k}" for k in range(8)]
    lines += ["", "⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯", ""]
    lines += [f" FAIL  {f} > IterableIterator should return itself"]
    lines += ["AssertionError: expected { done: false, value: 'Item 1' } to deeply equal {}", ""]
    lines += [" ❯ __tests__/map-set.js:345:27", ""]
    lines += [" Test Files  1 failed (1)", "      Tests  1 failed | 16 passed | 3 skipped (20)"]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    first, second = [o for o in r.omitted if o.kind == "passing"]
    assert first.count + second.count == 20
    assert "8 passed (✓), 1 failed (named below)" in first.description
    assert "status: skipped×3" in second.description
    out = r.compressed.splitlines()
    assert (
        "   → expected { done: false, value: 'Item 1' } to deeply equal { value: 'Item 2' }" in out
    )
    assert f" FAIL  {f} > IterableIterator should return itself" in out
    assert " ❯ __tests__/map-set.js:345:27" in out


def test_a_jest_code_frame_is_one_marker_under_its_pointed_line() -> None:
    """jest's code frame (2 lines before the pointed source line, the caret and 3 after): the
    pointed line stays, the lines around it go behind one marker under it (two spans)."""
    lines = ["FAIL test/path.test.js"]
    lines += [f"  ✓ joins case {k} ({k} ms)" for k in range(10)]
    lines += ["  ✕ join is C:a (2 ms)", ""]
    lines += [
        "  ● join is C:a",
        "",
        "    expect(received).toBe(expected) // Object.is equality",
        "",
        '    Expected: "C:a"',
        '    Received: "C:\\\\a"',
        "",
        "      19 |   ])('join(%j) is %s', (args, want) => {",
        "      20 |     // win32 keeps the drive-relative form",
        "    > 21 |     expect(path.win32.join(...args)).toBe(want);",
        "         |                                      ^",
        "      22 |   });",
        "      23 | });",
        "      24 |",
        "",
        "      at toBe (test/path.test.js:21:38)",
        "",
        "Tests:       1 failed, 10 passed, 11 total",
    ]
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="test_output")
    out = r.compressed.splitlines()
    at = out.index("    > 21 |     expect(path.win32.join(...args)).toBe(want);")
    assert "lines around it" in out[at + 1]
    (o,) = [o for o in r.omitted if "around it" in o.description]
    assert len(o.spans) == 2 and o.count == 6
    assert "      20 |" in omitted_text(r, o.id) and "      23 | });" in omitted_text(r, o.id)
    assert "      at toBe (test/path.test.js:21:38)" in out


def test_mocha_failing_lines_in_the_tree_are_counted_where_their_number_heads_a_failure() -> None:
    """mocha numbers each failure in the tree ("      3) title") and again at its heading below
    the totals: the tree's line is counted (one marker for the whole tree), the heading and
    the title under it stay."""
    text = read("mocha-spec.txt")
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "passing"]
    assert "245 passed (✔), 8 failed (named below)" in o.description
    # (each of the 3 pending tests is named: a rare status, transforms/README.md)
    assert "status: pending should use highest perferred order on duplicate, pending" in (
        o.description
    )
    assert "pending should return preferred languages;" in o.description
    out = r.compressed.splitlines()
    assert "  3) negotiator.encodings()" in out
    assert "         should handle commas in quoted parameters:" in out


def test_node_spec_failures_shown_again_in_the_recap_are_counted_in_the_tree() -> None:
    """node --test's spec reporter prints each failure in the tree (its ✖ line and the error
    indented under it) and again after "✖ failing tests:": the tree's copy is counted with
    the results around it, the recap keeps the error and where it failed."""
    text = read("node-test.txt")
    r = compress(text)
    out = r.compressed.splitlines()
    recap = out.index("✖ failing tests:")
    tree = [o for o in r.omitted if o.kind == "passing" and "failed (named below)" in o.description]
    assert tree
    for o in tree:
        hidden = omitted_text(r, o.id)
        assert "✖ " in hidden and "AssertionError" in hidden
    below = out[recap:]
    assert any(ln.startswith("✖ divides") for ln in below)
    assert any("AssertionError" in ln for ln in below)
    assert any("math.test.mjs:5:32" in ln for ln in below)


def _collection_errors(color: bool) -> str:
    """pytest -v stopped by collection errors (a warning turned error on import, a missing
    optional dependency), optionally as ``--color=yes`` writes it."""

    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    modules = ["test_forms", "test_headers", "test_cookies", "test_static"]
    lines = [
        c("1", "=" * 29 + " test session starts " + "=" * 30),
        "platform linux -- Python 3.11.7, pytest-9.2.0, pluggy-1.7.0 -- /tmp/venv/bin/python3",
        "rootdir: /tmp/shop",
        "configfile: setup.cfg",
        c("1", "collecting ... ") + f"collected 37 items / {len(modules) + 1} errors",
        "",
        "=" * 36 + " ERRORS " + "=" * 36,
    ]
    for name in modules:
        lines += [
            c("31;1", f"{'_' * 18} ERROR collecting tests/{name}.py {'_' * 18}"),
            c("1;31", f"tests/{name}.py") + ":3: in <module>",
            "    " + c("94", "from") + " shop.forms " + c("94", "import") + " Form",
            c("1;31", "src/shop/forms.py") + ":5: in <module>",
            "    " + c("94", "from") + " cgi " + c("94", "import") + " parse_header",
            c("1;31", "/usr/lib/python3.11/cgi.py") + ":57: in <module>",
            "    warnings._deprecated(__name__, remove=(3, 13))",
            c("1;31", "/usr/lib/python3.11/warnings.py") + ":514: in _deprecated",
            "    warn(msg, DeprecationWarning, stacklevel=3)",
            c("1;31", "E   DeprecationWarning: 'cgi' is deprecated and slated for removal"),
        ]
    lines += [
        c("31;1", f"{'_' * 18} ERROR collecting tests/test_dates.py {'_' * 18}"),
        c("31", "ImportError while importing test module '/tmp/shop/tests/test_dates.py'."),
        "tests/test_dates.py:2: in <module>",
        "    from freezegun import freeze_time",
        c("31", "E   ModuleNotFoundError: No module named 'freezegun'"),
        c("36;1", "=" * 27 + " short test summary info " + "=" * 28),
    ]
    lines += [
        c("31", "ERROR") + f" tests/{name}.py - DeprecationWarning: 'cgi' is deprecated"
        for name in modules
    ]
    lines += [
        c("31", "ERROR") + " tests/test_dates.py",
        "!!!!!!!!!!!!!!!!!!! Interrupted: 5 errors during collection !!!!!!!!!!!!!!!!!!!",
        c("31", "=" * 30 + " " + c("31;1", "5 errors") + " in 0.41s " + "=" * 30),
        "",
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("color", [False, True])
def test_pytest_run_stopped_by_collection_errors_is_test_output(color: bool) -> None:
    # No test ran: the results are the collection errors (their sections and the short
    # summary's entries). Coloured, not one line matched a pattern until the codes were
    # set aside; uncoloured, collection errors were no results (read as a log or as Python).
    text = _collection_errors(color)
    assert detect_content_type(text) == "test_output"
    r = compress(text)
    assert r.content_type == "test_output"
    lines = r.compressed.splitlines()
    plain = re.compile(r"\x1b\[[0-9;]*m")
    for line in text.splitlines():
        bare = plain.sub("", line)
        if bare.startswith(("ERROR ", "E   ", "!!!", "collecting")):
            assert bare in lines, line  # kept, without its colour codes
    # The codes of the lines shown: behind one marker at the end, none left in the lines.
    assert "\x1b" not in r.compressed
    codes = [o for o in r.omitted if o.kind == "escapes"]
    if color:
        (o,) = codes
        assert lines[-1].endswith(f"id={o.id}]")
        assert o.description == f"terminal colour codes in the lines shown: {o.count} spans"
        assert plain.sub("", omitted_text(r, o.id)) == ""
    else:
        assert not codes
    for name in ["test_forms", "test_headers", "test_cookies", "test_static", "test_dates"]:
        assert f"___ ERROR collecting tests/{name}.py ___" in plain.sub("", r.compressed)
    assert "=== 5 errors in 0.41s ===" in [plain.sub("", ln) for ln in lines]
    # The same error under each module after the first: behind one marker each.
    assert sum("same error as above" in o.description for o in r.omitted) == 3
    # Where each failed stays, though its error is the same: the test module's own frame.
    for name in ["test_forms", "test_headers", "test_cookies", "test_static"]:
        assert f"tests/{name}.py:3: in <module>" in [plain.sub("", ln) for ln in lines]


@pytest.mark.parametrize("color", [False, True])
def test_unittest_ok_summary_is_kept_coloured_or_not(color: bool) -> None:
    # unittest's bare "OK" closes a run: a summary line, kept. Coloured ("\x1b[32mOK\x1b[0m",
    # as a terminal-colouring runner writes it), it was read as a ctest program's "N: OK"
    # verdict (progress), and between two runs counted into the passing marker of the next.
    def c(s: str) -> str:
        return f"\x1b[32m{s}\x1b[0m" if color else s

    lines = []
    for run in ("a", "b"):
        lines += [f"test_{run}{k} (pkg.tests.Case.test_{run}{k}) ... {c('ok')}" for k in range(12)]
        lines += ["", "-" * 70, "Ran 12 tests in 0.010s", "", c("OK")]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    assert r.compressed.splitlines().count(c("OK")) == 2
    passing = [o for o in r.omitted if o.kind == "passing"]
    assert [o.count for o in passing] == [14, 14]  # (12 results, a blank and a rule each)
    assert all(o.description.startswith("14 test lines, 12 passed (ok)") for o in passing)


# Codes as a terminal-colouring runner writes them around result words, error lines, section
# rules, result marks, values and frames.
_COLOURED = re.compile(
    r"\b(?:PASSED|FAILED|ERROR|ok|FAIL|passed|failed)\b|^E .*$|^=+ .* =+$|[✓✕✖●]"
    r"|(?<=Expected: ).+|(?<=Received: ).+|(?<= at ).+|(?<=left: ).+|(?<=right: ).+",
    re.MULTILINE,
)
_CODE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("name", FILES)
def test_coloured_runner_output_keeps_what_the_plain_one_keeps(name: str) -> None:
    # The same run, coloured: its lines are read without their codes, so it keeps the same
    # lines (failing tests, assertion and exception lines, summaries) behind the same markers;
    # the lines it shows are written without their codes, which go behind one marker at the
    # end where that pays (unittest's few coloured lines shown: 12 codes, shorter than a
    # marker; they stay as they were).
    text = read(name)
    plain = compress(text)
    coloured = compress(_COLOURED.sub(lambda m: f"\x1b[1;31m{m.group(0)}\x1b[0m", text))
    lines = coloured.compressed.splitlines()
    codes = [o for o in coloured.omitted if o.kind == "escapes"]
    if name != "unittest-v.txt":
        (o,) = codes
        assert lines.pop().endswith(f"; id={o.id}]")  # (the last marker: ids as in plain)
        assert "\x1b" not in coloured.compressed
        assert _CODE.sub("", omitted_text(coloured, o.id)) == ""
        assert len(_CODE.findall(omitted_text(coloured, o.id))) == o.count  # (none adjacent)
    else:
        assert not codes and "\x1b" in coloured.compressed
    assert [_CODE.sub("", ln) for ln in lines] == plain.compressed.splitlines()


def test_pytest_keeps_the_call_an_own_frame_made_into_a_library() -> None:
    """pytest's short entry ("path.py:5: in f") is a frame with its source line below it
    (_trace.frame_lines): an own frame's source line shows which library call failed (here
    json.loads, raising three frames deep in the standard library) and stays; its caret line
    and the library frames go behind a marker."""
    stdlib = "/root/.pyenv/versions/3.11.7/lib/python3.11/json"
    lines = [
        "tests/test_cfg.py::test_config_parses FAILED                             [100%]",
        "",
        "=================================== FAILURES ===================================",
        "______________________________ test_config_parses ______________________________",
        "",
        "    def test_config_parses():",
        ">       cfg = load_config('{\"port\": 80,}')",
        "              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "",
        "tests/test_cfg.py:11: ",
        "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ",
        "tests/helpers.py:5: in load_config",
        "    return json.loads(text)",
        "           ^^^^^^^^^^^^^^^^",
        f"{stdlib}/__init__.py:346: in loads",
        "    return _default_decoder.decode(s)",
        "           ^^^^^^^^^^^^^^^^^^^^^^^^^^",
        f"{stdlib}/decoder.py:337: in decode",
        "    obj, end = self.raw_decode(s, idx=_w(s, 0).end())",
        "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ",
        "",
        "self = <json.decoder.JSONDecoder object at 0x7fb5ed6932d0>, s = '{\"port\": 80,}'",
        "idx = 0",
        "",
        "    def raw_decode(self, s, idx=0):",
        "        try:",
        ">           obj, end = self.scan_once(s, idx)",
        "E           json.decoder.JSONDecodeError: Expecting property name enclosed in double"
        " quotes: line 1 column 13 (char 12)",
        "",
        f"{stdlib}/decoder.py:353: JSONDecodeError",
        "=========================== short test summary info ============================",
        "FAILED tests/test_cfg.py::test_config_parses - json.decoder.JSONDecodeError: ...",
        "============================== 1 failed in 0.12s ===============================",
    ]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    out = r.compressed.splitlines()
    at = out.index("tests/helpers.py:5: in load_config")
    assert out[at + 1] == "    return json.loads(text)"
    assert out[at + 2].lstrip().startswith("[omitted ")
    (o,) = [o for o in r.omitted if "library frame" in o.description]
    assert "2 library frames: python stdlib×2" in o.description
    assert "    return json.loads(text)" not in omitted_text(r, o.id)
    assert f"{stdlib}/__init__.py:346: in loads" in omitted_text(r, o.id)


def test_node_test_keeps_the_library_frame_own_code_called() -> None:
    """The library frame right above an own frame (the API call own code made: zlib's
    gunzipSync, raising five frames deeper in node's internals) stays with the own frames,
    as a trace keeps it (_trace.entry_frames); the frames above and below it go."""
    internals = [
        "      at genericNodeError (node:internal/errors:984:15)",
        "      at wrappedFn (node:internal/errors:538:14)",
        "      at Zlib.zlibOnError [as onerror] (node:zlib:189:17)",
        "      at processChunkSync (node:zlib:415:12)",
        "      at zlibBufferSync (node:zlib:178:12)",
    ]
    entry = "      at Object.syncBufferWrapper [as gunzipSync] (node:zlib:767:14)"
    own = [
        "      at unpack (/home/dev/codec/codec.js:3:15)",
        "      at TestContext.<anonymous> (/home/dev/codec/codec.test.js:8:22)",
    ]
    lines = [
        "✔ round-trips text (1.969069ms)",
        "✖ unpacks a payload (9.346105ms)",
        "  Error: incorrect header check",
        *internals,
        entry,
        *own,
        "      at Test.runInAsyncScope (node:async_hooks:206:9)",
        "      at Test.run (node:internal/test_runner/test:796:25) {",
        "    errno: -3,",
        "    code: 'Z_DATA_ERROR'",
        "  }",
        "",
        "ℹ tests 2",
        "ℹ pass 1",
        "ℹ fail 1",
        "ℹ duration_ms 212.119825",
    ]
    r = compress("\n".join(lines) + "\n", content_type="test_output")
    out = r.compressed.splitlines()
    at = out.index(entry)
    assert out[at - 1].lstrip().startswith("[omitted 5 lines, 5 library frames: node internals×5")
    assert out[at + 1 : at + 3] == own
    assert not any(ln in out for ln in internals)


def test_jest_console_block_keeps_which_method_printed() -> None:
    # jest's default reporter: a failing file's "● Console" block, then its failure.
    text = """PASS src/index.test.ts
FAIL src/parse.test.ts
  ● Console

    console.warn
      parse(): "3 weeks" is deprecated, write "3w"
      parse(): "2 days" is deprecated, write "2d"
      parse(): "1 hour" is deprecated, write "1h"

      at Object.<anonymous> (src/parse.test.ts:24:13)

  ● parse(string) › should convert w to ms

    expect(received).toBe(expected) // Object.is equality

    Expected: 1814400001
    Received: 1814400000

      27 |
      28 |   it('should convert w to ms', () => {
    > 29 |     expect(parse('3w')).toBe(1814400001);
         |                         ^
      30 |   });
      31 |

      at Object.<anonymous> (src/parse.test.ts:29:25)

PASS src/format.test.ts
PASS src/parse-strict.test.ts

Test Suites: 1 failed, 3 passed, 4 total
Tests:       1 failed, 166 passed, 167 total
Snapshots:   0 total
Time:        1.492 s
Ran all test suites.
"""
    out = compress(text).compressed
    assert "    console.warn\n" in out
    assert "Expected: 1814400001" in out and "Tests:       1 failed" in out
