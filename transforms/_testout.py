"""Test-runner output: pytest (``-v`` or not), unittest, ``go test``, cargo test, jest/vitest,
mocha and ``node --test``.

Lines are classified. *Passing* lines (``PASSED``, ``... ok``, ``--- PASS``, ``=== RUN``,
``✓``) are counted: each run of them becomes one marker saying how many tests passed (or were
skipped) and naming them, rarest status first (:func:`transforms._rarity.describe_run`).
*Failing* lines (``FAILED``, ``... FAIL``, ``--- FAIL``, ``✕``, ``●``), *summary* lines
(``=== 8 failed, 64 passed ===``, ``short test summary info``, ``Ran 4 tests``,
``test result:``, ``Tests:``, ``ok``/``FAIL`` package lines) and the header's first line and
news (``collected N items``, errors) are kept; its set-up lines (platform, rootdir, plugins)
go behind a marker naming their keys. A failing result line whose test a later kept line names
again (pytest's short summary, a failure's header) is counted with the results around it.
In failure details, kept: section headers (``___ test_x ___``, ``FAIL: …``,
``---- x stdout ----``), assertion and exception lines (pytest ``E``/``>`` lines, ``file:N:``
locations, ``Expected``/``Received``, ``panicked at``, ``left``/``right``, ``*_test.go:N:``
messages, ``Error:`` lines), the caller's own stack frames and the library frame own code
called (which API call failed; frames are read and told apart as :mod:`transforms._trace`
does, :func:`~transforms._trace.entry_frames`); other library frames and the rest of the
details (source listings, captured output) go behind markers that say how many lines and
which library frames they hide. Coloured output (``--color=yes``) is read without its terminal
codes; the lines shown are written without them too, their spans behind one marker at the end,
where that pays (see :mod:`transforms._ansi`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from itertools import accumulate

from transforms._ansi import CODES_SHOWN, add_code_spans, without_escapes
from transforms._omit import Omitter, name_counts, plural
from transforms._rarity import Population, Scalar, describe_run, rare_limit
from transforms._trace import CARETS, PYTEST_FRAME, entry_frames, frame_lines, leading_space

__all__ = ["compress_test_output", "is_test_output"]

# Pieces of several patterns below, each written once: a pytest test's id and the progress
# after its result ("tests/test_x.py::test_y[1] PASSED [ 10%]"), a unittest test
# ("test_x (pkg.TestY)"), a ctest result line up to the test's name ("3/12 Test  #3: "),
# mocha's totals ("  3 passing"), a go test message ("x_test.go:12: ").
_PYTEST_ID = r"\S+::\S.*?"
_PERCENT = r"(?:\s+\[\s*\d+%\])?"
_UNITTEST_ID = r"\w+ \([\w.]+\)"
_CTEST_RESULT = r"\s*\d+/\d+ Test\s+#\d+: "
_MOCHA_COUNT = r"\s*\d+ (?:passing|failing|pending)\b"
_GO_TEST_LINE = r"\w+_test\.go:\d+: "
_PASS = re.compile(
    # pytest -v; pytest progress (all dots); unittest -v
    rf"^(?:{_PYTEST_ID} (?P<p1>PASSED|SKIPPED|XFAIL|XPASS)(?: \(.*\))?{_PERCENT}\s*$"
    rf"|(?P<p2>\S+\.py) \.+{_PERCENT}\s*$"
    rf"|{_UNITTEST_ID}(?: \(.*\))? \.\.\. (?P<p3>ok|skipped.*|expected failure)\s*$"
    r"|\s*=== (?P<p4>RUN|PAUSE|CONT|NAME)\s+\S+\s*$"  # go test -v
    r"|\s*--- (?P<p5>PASS|SKIP): \S+.*$"
    r"|test \S+(?: - should panic)? \.\.\. (?P<p6>ok|ignored)(?:, .*)?\s*$"  # cargo
    r"|\s*(?P<p7>[✓✔√]) .+$"  # jest, vitest, mocha, node --test
    r"|\s*(?P<p8>PASS) {1,2}\S+.*$"  # jest file line
    r"|\s*(?P<p9>﹣|-) .+ \(skipped\)\s*$"
    r"|\S+:\d+:\w+:(?P<p10>PASS|IGNORE)\b.*"  # Unity
    r"|(?:IGNORE_)?TEST\(\w+, \w+\)(?: (?P<p11>PASS)|\S*:\d+::(?P<p12>IGNORE)\b.*)?\s*$"
    rf"|{_CTEST_RESULT}\S+ \.*\s+(?P<p13>Passed)\b.*"  # ctest
    r"|\s*(?P<p14>ok) \d+ - .*"  # TAP
    r"|\[\s+(?P<p15>OK|SKIPPED)\s+\] .*"  # googletest, cmocka
    r"|\s*(?P<p16>○|✎|↓) .+"  # jest: skipped, todo; vitest: skipped
    # unittest -v: a test's verdict after its docstring's first line, or after its output
    r"|.+ \.\.\. (?P<p17>ok|skipped.*|expected failure)|(?P<p18>ok)\s*"
    r")"
)
# Progress lines between results (a test starting, ctest's per-test command lines, TAP's
# subtest headers and YAML blocks of passing tests, a passing program's own totals under
# ctest): counted with the passing lines, never a status of their own.
_PROGRESS = re.compile(
    r"^(?:test \d+|\s*Start\s+\d+: \S+"
    r"|(?:Test command|Working Directory|Test timeout computed to be|Environment variables):.*"
    # a unittest -v test starting: its verdict follows its docstring's first line, or the
    # output it prints after the " ... "
    rf"|{_UNITTEST_ID}(?: \.\.\. .*)?"
    r"|Unity test run \d+ of \d+|-{5,}|\d+ Tests 0 Failures \d+ Ignored|OK"
    r"|\s+PASS"  # a Unity fixture test's verdict after its own output
    r"|\s*# Subtest: .*|\s*(?:---|\.\.\.|duration_ms: [\d.]+|type: '(?:suite|test)'|1\.\.\d+)"
    r"|\s*▶ .+|\[ RUN      \] .*|\[-{10}\] .*"
    # ctest's set-up lines before the first test
    r"|UpdateCTestConfiguration\s+from :.*|Parse Config file:.*"
    r"|(?:Done c|C)onstructing a list of tests"
    r"|Updating test list for fixtures|Added \d+ tests? to meet fixture requirements"
    r"|Checking test dependency graph(?:\.\.\.| end))\s*$"
)
# Under `ctest -V` a test program's lines open with its test number ("3: ").
_CTEST_PREFIX = re.compile(r"\d+:(?: |$)")
_FAIL = re.compile(
    rf"^(?:{_PYTEST_ID} (?:FAILED|ERROR)\b.*"
    rf"|\S+\.py [.sxFE]*[FE][.sxFE]*{_PERCENT}\s*$"
    r"|.+ \.\.\. (?:FAIL|ERROR)\s*$"
    r"|\s*--- FAIL: .*|FAIL\s.*|FAIL$"
    r"|test .+? \.\.\. FAILED\s*$"  # cargo (a doc-test's name has spaces)
    r"|\s*[✕×✖✗] .+|\s*FAIL {1,2}\S+.*|\s*● .+"
    r"|\s*\d+\) .+"  # mocha failure list
    r"|\S+:\d+:\w+:FAIL\b.*|TEST\(\w+, \w+\)\S*:\d+::FAIL\b.*"  # Unity (plain, fixture -v)
    rf"|{_CTEST_RESULT}\S+ \.*\s*\*+\w.*"  # ctest: ***Failed, ***Timeout, …
    r"|\s+\d+ - \S+ \(\w[\w ]*\)\s*"  # ctest's list of failed tests
    r"|\s*not ok \d+\b.*"  # TAP
    r"|\[  FAILED  \] .*)$"  # googletest, cmocka
)
_SUMMARY = re.compile(
    r"^(?:=+ .*(?:passed|failed|errors?|skipped|xfailed|xpassed|warnings?|no tests ran|deselected)"
    r".* =+\s*$|=+ (?:short test summary info|FAILURES|ERRORS|warnings summary) =+\s*$"
    r"|(?:FAILED|ERROR) \S+.*|Ran \d+ tests? in .*|(?:OK|FAILED)(?: \(.*\))?\s*$"
    r"|ok\s+\S+\s+(?:[\d.]+s|\(cached\)).*|PASS\s*$|FAIL\s+\S+\s+[\d.]+s.*"
    r"|test result: .*|failures:\s*$|running \d+ tests?\s*$"
    r"|(?:Tests|Test Suites|Test Files|Snapshots|Time|Duration|Start at):\s+.*"
    r"|\s*(?:Test Files|Tests)\s{2,}\d+ (?:passed|failed|skipped)\b.*"  # vitest
    r"|\s*(?:Start at|Duration)\s{2,}[\d:.]+(?:m?s)?\b.*"
    rf"|{_MOCHA_COUNT}.*"
    r"|[ℹ#] (?:tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \d.*"
    r"|error: test failed.*|collected \d+ items?.*|collecting .*"
    r"|\d+% tests passed, \d+ tests? failed out of \d+.*|Total Test time \(real\) = .*"  # ctest
    r"|The following tests (?:FAILED|did not run):|Errors while running CTest"
    r"|\d+ Tests \d+ Failures \d+ Ignored\s*"  # Unity
    r"|\[==========\] .*|\[  PASSED  \] .*)$"  # googletest, cmocka
)
# One match per line: which of the four a line is, in this order of precedence.
_RESULT = re.compile(
    f"^(?:(?P<fail>{_FAIL.pattern[1:]})|(?P<summary>{_SUMMARY.pattern[1:]})"
    f"|(?P<pass>{_PASS.pattern[1:]})|(?P<progress>{_PROGRESS.pattern[1:]}))"
)
# The lines of a failure's details that say what went wrong (what makes two failures the same
# failure, see _repeated_failures) ...
_ERROR_LINE = re.compile(
    r"^(?:\s*(?:E\s+\S"
    r"|(?:[\w.]+\.)?\w*(?:Error|Exception|Failure|Warning|Exit|Interrupt)\b(?: \[\w+\])?:"
    r"|thread '.*' (?:\(\d+\) )?panicked|panic:|called `|Assert"
    # (lowercase with their colon: "expected = f(x)" in a source listing is code)
    r"|(?:left|right|expected|actual)\s*:|(?:Expected|Received|Difference|- Expected"
    r"|\+ Received)\b"
    rf"|{_GO_TEST_LINE}"  # go test message
    r"|→ "  # vitest's error line under a failing test
    r"|expect\(.*\)\.\w+\("  # jest's matcher line ("expect(received).toThrow()")
    r"|# .*\b(?:[Aa]ssert\w*|[Ee]rror|[Ee]xpected|failed)\b"  # a TAP diagnostic saying why
    r"|error: )"
    # (an "assert" statement indented 4 or more is a line of a source listing)
    r"|\s{0,3}assert)"
)
# ... and the lines kept with them, which say where it failed: section headers (pytest's,
# unittest's; cargo's "---- x stdout ----"), pytest's pointed source line, jest's, the test's
# def line, a traceback's head, node --test's "test at file:N:M", TAP's YAML block of a
# failing test; and pytest's location ("test_x.py:48: AssertionError"), vitest's.
_SECTION_HEAD = r"_{3,} .+ _{3,}\s*$|(?:FAIL|ERROR): "
_POINTED_SOURCE = r"\s*> +\d+ \|"
_PYTEST_LOCATION = r"\S+:\d+: \w+\s*$"
_VITEST_LOCATION = r"\s*❯ \S+:\d+:\d+\s*$"
_WHERE = (
    _SECTION_HEAD
    + r"|-{3,} .+ -{3,}\s*$|>\s|"
    + _POINTED_SOURCE
    + r"|\s*def test\w*\(|\s*Traceback \(most recent call last\)|goroutine \d+ \[[^\]]*\]:"
    r"|test at \S+:\d+:\d+\s*$|\s*(?:location|failureType): "
)
# ... and jest's console block's head under "● Console" (which method printed: "console.warn";
# jest 22 adds where: "console.log test/x.test.js:3"), its printed lines omitted.
_JEST_CONSOLE = r"\s*console\.(?:log|info|warn|error|debug|trace)(?: \S+:\d+)?\s*$"
_KEY_DETAIL = re.compile(
    f"(?:{_ERROR_LINE.pattern}|E\\s|{_WHERE}|\\S+:\\d+: \\w|{_VITEST_LOCATION}|{_JEST_CONSOLE})"
)
# The groups of _RESULT holding a passing line's status word, in order (p2 holds a pytest
# file name): read by number, not through a dict of every group per line.
_STATUS_GROUPS = tuple(_RESULT.groupindex[f"p{k}"] for k in range(1, 19) if k != 2)
# pytest's progress and a duration after a test's name ("[ 10%]", "(12 ms)"), from its opening
# bracket (the last one of the line: none is in it) to the line's end.
_NOISE = re.compile(r"\[\s*\d+%\]\s*$|\(\d+(?:\.\d+)?\s*m?s\)\s*$")
# vitest's duration after a "file > suite > test" name ("… > keeps order 12ms").
_VITEST_TIME = re.compile(r"( > .*) \d+ms$")
# Characters a passing run's marker spends naming its tests, a sample (per field, in all) ...
_PASS_FIELD_BUDGET, _PASS_RUN_BUDGET = 50, 50
# ... and its statuses other than passed (skip reasons, todo, ignored: rarest first).
_STATUS_BUDGET = 100
# Tests of one status (not a passing one) up to which each is named with its status (or 2 %
# of the results, if more): an XPASS, a skip or an ignored test among passes.
_RARE_TESTS = 2
# Detail runs shorter than this stay (a marker would cost about as much; two lines of a
# code frame or captured output usually pay for one) ...
_MIN_DETAIL_RUN = 2
# ... unless they are at least this long (pytest's long "E  +  where" line).
_LONG_DETAIL_CHARS = 240


# Results a run stopped before any test ran still names: pytest's collection errors, their
# section headers ("___ ERROR collecting tests/x.py ___") and short-summary entries ("ERROR
# tests/x.py - ImportError: …", "FAILED tests/x.py::test_y - …"; summary lines of their own).
_COLLECTION_RESULT = re.compile(
    r"^(?:_{3,} ERROR collecting \S+ _{3,}|(?:FAILED|ERROR) \S+\.\w+(?:::\S+)?(?: - .*)?)\s*$"
)


# jest's closing totals, its first two lines one after the other ("Test Suites: 1 failed, 93
# passed, 94 total", "Tests:       1 failed, 793 passed, 794 total"), and vitest's ("Test Files
# 1 failed | 3 passed (4)", "Tests  2 failed | 40 passed (42)").
_SUITES_TOTAL = re.compile(r"(?:Test Suites: .*\b\d+ total|\s*Test Files\s{2,}\d+ \w+\b.*)\s*$")
_TESTS_TOTAL = re.compile(r"(?:Tests:\s+.*\b\d+ total|\s*Tests\s{2,}\d+ \w+\b.*)\s*$")


def _runner_totals(bodies: list[str]) -> bool:
    """jest's or vitest's totals block: its suites' line, then its tests' line."""
    return any(
        _SUITES_TOTAL.match(ln) and _TESTS_TOTAL.match(bodies[i + 1])
        for i, ln in enumerate(bodies[:-1])
        if ln.startswith(("Test Suites:", " Test Files", "Test Files"))
    )


def is_test_output(lines: list[str], end: str = "") -> bool:
    """A test runner's summary line is in the sample, and many lines are test results; or
    jest's (vitest's) totals block is in it or in ``end`` (the text's last characters), with
    a result line in the sample: its per-file PASS/FAIL lines are few (one a test file), what
    a suite prints ("console.log" blocks, a failure's diff) can fill the sample's head and its
    coverage table the sample's tail, and a text of more than 400 lines under 40,000
    characters is sampled by its first 400 lines only."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 3:
        return False
    bodies = [_body(ln) for ln in nonblank]
    results = sum(
        1 for ln in bodies if _detected_pass(ln) or _FAIL.match(ln) or _COLLECTION_RESULT.match(ln)
    )
    summaries = sum(1 for ln in bodies if _SUMMARY.match(ln))
    if summaries and results >= 2:
        return True
    if results and (_runner_totals(bodies) or _runner_totals(end.split("\n")[1:])):
        return True
    return results >= max(3, 0.4 * len(nonblank))


def _detected_pass(line: str) -> bool:
    """A passing line that says it is a test's (not any "… ... ok" line, as a build prints)."""
    m = _PASS.match(line)
    return m is not None and not (m.group("p17") or m.group("p18"))


def _body(line: str) -> str:
    """The line without ctest's "N: " prefix."""
    m = _CTEST_PREFIX.match(line)
    return line[m.end() :] if m else line


def _status_of(m: re.Match[str], line: str) -> str:
    """The status word of a passing line (``m``: its match of _RESULT; TAP's "ok … # SKIP"
    is a skip)."""
    word = next(filter(None, m.group(*_STATUS_GROUPS)), "passed")
    if word in ("-", "﹣", "○", "↓"):
        return "skipped"
    if word == "✎":
        return "todo"
    if word in ("SKIPPED", "XFAIL"):
        reason = _PYTEST_REASON.search(line)  # pytest -v: "SKIPPED (needs network)"
        return f"{word} ({reason.group(1)})" if reason else word
    if word == "ok" and " # " in line:
        directive = _TAP_DIRECTIVE.search(line)
        return directive.group(1).upper() if directive else word
    return word


_PYTEST_REASON = re.compile(rf" (?:SKIPPED|XFAIL) \((.*)\){_PERCENT}\s*$")
_TAP_DIRECTIVE = re.compile(r" # (SKIP|TODO)\b", re.IGNORECASE)


def _pass_unit(line: str, status: str | None) -> dict[str, Scalar]:
    """A passing line (without ctest's prefix: its body) as a unit (``status`` None: a
    progress line)."""
    if status is None:
        return {"status": "RUN"}  # (its command lines and paths say nothing a marker needs)
    if status == "failed":
        return {"status": status}  # (its id is kept where the runner names it again)
    named = _TEST_NAME.match(line)
    if named:
        return {"status": status or "passed", "test": next(g for g in named.groups() if g)[:80]}
    # (Each pattern only where its text can be: searching every line costs a third of this
    # compressor's time.)
    name = _without_noise(line)
    if " > " in name and name.endswith("ms"):
        name = _VITEST_TIME.sub(r"\1", name)
    name = name.strip()
    if (  # (the words _STATUS_TAIL cuts at: one is in what it cuts)
        "PASSED" in name or "SKIPPED" in name or "XFAIL" in name or "XPASS" in name
    ) or "... " in name:
        name = _STATUS_TAIL.sub("", name)
    name = _STATUS_HEAD.sub("", name)
    where, sep, test = name.partition("::")
    if not sep:
        where, sep, test = name.rpartition(" > ")  # vitest's "file > suite > test"
    if sep and test:
        # pytest's "path::test", vitest's "file > suite > test": the file (and suite) is a
        # field of its own (said once for a run of one file), the names listed the tests'.
        return {"status": status or "passed", "file": where, "test": test[:80]}
    return {"status": status or "passed", "test": name[:80]}


def _word(unit: Mapping[str, Scalar]) -> str:
    """A passing unit's status word (``skipped`` of ``skipped 'requires os.lchmod'``)."""
    return str(unit["status"]).partition(" ")[0]


# A skipped or pending test's glyph before its name (jest's ``○``, ``✎``; mocha's ``-``).
_GLYPH = re.compile(r"^(?:[○✎↓﹣-]\s+)")


def _test_id(unit: Mapping[str, Scalar], with_file: bool) -> str:
    """A passing unit's test as a marker names it (``file::test`` where a run's files
    differ; TAP's ``# SKIP reason`` left out: the id says which test)."""
    test = _GLYPH.sub("", str(unit["test"]).partition(" # ")[0])
    return f"{unit['file']}::{test}" if with_file and "file" in unit else test


_STATUS_TAIL = re.compile(r"\s+(?:PASSED|SKIPPED|XFAIL|XPASS)\b.*$|\s*\.\.\. .*$")


def _without_noise(line: str) -> str:
    """``line`` without its pytest progress or duration at the end (and the spaces before it):
    from the last bracket of its kind (a search from every position cost a third of
    _pass_unit's time)."""
    end = line.rstrip()[-1:]
    if end == "]":
        k = line.rfind("[")
    elif end == ")":
        k = line.rfind("(")
    else:
        return line
    if k < 0 or not _NOISE.match(line, k):
        return line
    return line[:k].rstrip()


_STATUS_HEAD = re.compile(r"^(?:=== \w+|--- \w+:|test|[✓✔√↓]|PASS|ok \d+ -)\s+")
# A runner's totals line that says how many tests passed.
_COUNT_SAID = re.compile(
    r"\b\d+ (?:passed|passing)\b|\bpass(?:ed)? \d+|\d+ tests? passed|\d+ Tests \d+ Failures"
    r"|test result: \w+\. \d+ passed|Ran \d+ tests?"
)
# The test's name in a ctest line, a Unity line (plain or fixture).
_TEST_NAME = re.compile(rf"{_CTEST_RESULT}(\S+)|\S+:\d+:(\w+):|(?:IGNORE_)?TEST\((\w+, \w+)\)")
# A per-test failing result line and the test's id in it, for runners that name every failure
# again below (pytest's short summary, unittest's "FAIL: …" and cargo's "---- … stdout ----"
# headers, jest's "●" headings, ctest's list of failed tests).
_FAILING_ID = re.compile(
    rf"^(?:(?P<py>{_PYTEST_ID}) (?:FAILED|ERROR)\b.*"  # pytest -v
    rf"|(?P<ut>{_UNITTEST_ID}).* \.\.\. (?:FAIL|ERROR)\s*"  # unittest -v
    r"|test (?P<cargo>\S+) \.\.\. FAILED\s*"  # cargo
    r"|\s*[✕×] (?P<js>.+?)(?: \(\d[\d.]*\s*m?s\)| \d+ms)?\s*"  # jest, vitest
    rf"|{_CTEST_RESULT}(?P<ctest>\S+) \.*\s*\*+\w.*)$"  # ctest
)
# unittest -v: a test starting, its verdict on the line after (after its docstring's first
# line), and that verdict.
_UNITTEST_START = re.compile(rf"^({_UNITTEST_ID})\s*$")
_DOC_VERDICT = re.compile(r"^.+ \.\.\. (?:FAIL|ERROR)\s*$")
_PASS_KIND, _KEEP, _DETAIL, _HEADER = 0, 1, 2, 3
# A header line saying something about the run itself, not its set-up.
_HEADER_NEWS = re.compile(
    r"(?i)\b(?:error|warning|fail\w*|fatal|abort\w*|panic\w*|denied|not found|no such)\b"
)
# What a header line is about: its key ("rootdir: /x"), else its first words.
_HEADER_KEY = re.compile(r"^\W*([A-Za-z][\w .-]{0,24}?):\s|^\W*(\S+(?: [a-z]\S*)?)")
_PASSED = frozenset(("PASSED", "ok", "PASS", "RUN", "✓", "✔", "√", "passed", "Passed", "OK"))
# Statuses a passing run's marker head counts (the others it lists: skips, todos, …).
_COUNTED = _PASSED | {"failed"}


_RULE_LINE = re.compile(r"^-{5,}\s*$")
# A title padded with a fill character to the terminal's width.
_RULE = re.compile(r"^([_=])\1{3,} (\S.*?) \1{3,}$")
# The failing test's own def line in pytest's source listing.
_TEST_DEF = re.compile(r"^\s*def (test\w*)\(")
# pytest's assertion introspection under the assertion line ("E  +  where x = f(y)").
_INTROSPECTION = re.compile(r"^E\s+\+\s+(?:where|and)\b")
# A failure section opens: a failing result line, a pytest/unittest failure header.
_SECTION = re.compile("^(?:" + _SECTION_HEAD + r"|-{4} \S+ stdout -{4}\s*$)")
# Kept lines that say where a failure happened, not what it was (blank lines too; see
# _WHERE): a whole location line, vitest's.
_WHERE_LINE = re.compile(f"^(?:\\s*$|{_WHERE}|\\s*❯ |{_PYTEST_LOCATION})")
# Kept in a repeated failure: where it failed ("tests/test_x.py:48: AssertionError").
_LOCATION = re.compile(f"^{_PYTEST_LOCATION}")


def _repeated_failures(
    bodies: list[str], kind: bytearray, verdict: bytearray, start: int, own: set[int]
) -> set[int]:
    """Lines of failure sections whose error lines all appeared in an earlier section (the
    same error in many tests; node's and jest's recap of every failure at the end): all but
    the section's first line and its location line. ``verdict``: 1 for a failing result
    line, 2 for a summary line."""
    out: set[int] = set()
    seen: set[str] = set()
    seen_where: set[str] = set()
    n = len(bodies)
    i = start
    while i < n:
        if kind[i] != _KEEP or not (verdict[i] == 1 or _SECTION.match(bodies[i])):
            i += 1
            continue
        j = i + 1
        while j < n and kind[j] != _PASS_KIND and not verdict[j]:
            if kind[j] == _KEEP and _SECTION.match(bodies[j]):
                break
            j += 1
        # What it says went wrong: its kept lines but where it happened (its own frames, the
        # pointed source line, a location line) ...
        errors: set[str] = set()
        for k in range(i + 1, j):
            # (the text's last two lines are kept as its end, not as an error's)
            if kind[k] != _KEEP or k in own or k >= n - 2 or _WHERE_LINE.match(bodies[k]):
                continue
            errors.add(bodies[k].strip())
            # ... and for an error line ending in ":" ("Expected values to be strictly
            # equal:"), the lines it introduces
            if bodies[k].rstrip().endswith(":") and _ERROR_LINE.match(bodies[k]):
                errors.update(_said_below(bodies, k + 1, j))
        if errors and errors <= seen:
            # Where it failed stays: pytest's location line, else the first of the caller's
            # own frames (a one-line "at f (file:line)" one) unless an earlier failure's was
            # the same.
            where = -1
            if not any(_LOCATION.match(bodies[k]) for k in range(i + 1, j)):
                where = next((k for k in range(i + 1, j) if _is_where(bodies[k], k in own)), -1)
                if where >= 0 and bodies[where].strip() in seen_where:
                    where = -1
            out.update(k for k in range(i + 1, j) if k != where and not _LOCATION.match(bodies[k]))
        seen |= errors
        seen_where.update(
            bodies[k].strip() for k in range(i + 1, j) if _is_where(bodies[k], k in own)
        )
        i = j
    return out


# vitest's location of a failure ("❯ __tests__/map-set.js:345:27").
_VITEST_AT = re.compile(f"^{_VITEST_LOCATION}")


def _is_where(line: str, own: bool) -> bool:
    """Where a failure happened: one of the caller's own one-line frames ("at f (file:N:M)",
    pytest's "tests/test_x.py:3: in <module>": a collection error's test module), or vitest's
    location line."""
    return (own and (_JS_AT.match(line) or PYTEST_FRAME.match(line)) is not None) or (
        _VITEST_AT.match(line) is not None
    )


def _said_below(bodies: list[str], start: int, end: int) -> list[str]:
    """The lines an error line ending in ":" introduces: up to 8 non-blank lines before the
    first stack frame."""
    out: list[str] = []
    for k in range(start, min(end, start + 12)):
        if _JS_AT.match(bodies[k]) or len(out) == 8:
            break
        if bodies[k].strip():
            out.append(bodies[k].strip())
    return out


def _named_again(bodies: list[str], kind: bytearray, verdict: bytearray) -> list[int]:
    """Failing result lines whose test a later kept line names again (a summary line, a
    failure's header): counted with the passing lines around them, their id kept below."""
    namers: list[int] = []
    ids: dict[int, str] = {}
    for i, ln in enumerate(bodies):
        if kind[i] != _KEEP:
            continue
        m = _FAILING_ID.match(ln) if verdict[i] == 1 else None
        started = _UNITTEST_START.match(bodies[i - 1]) if i and verdict[i] == 1 else None
        if m:
            ids[i] = next(g for g in m.groups() if g)
        elif started and _DOC_VERDICT.match(ln):
            ids[i] = started.group(1)  # (unittest -v: the test's line, then its docstring's)
        elif verdict[i] or _SECTION.match(ln):
            namers.append(i)
    if not ids or not namers:
        return []
    said = "\n".join(bodies[k] for k in namers) + "\n"
    starts: list[int] = []
    pos = 0
    for k in namers:
        starts.append(pos)
        pos += len(bodies[k]) + 1
    out: list[int] = []
    for i, test in ids.items():
        at = bisect_right(namers, i)
        if at < len(namers) and _said_after(said, test, starts[at]):
            out.append(i)
    return out


_NODE_RECAP = re.compile(r"^✖ failing tests:\s*$")
_NODE_FAILED = re.compile(r"^\s*✖ \S")


def _node_recapped(bodies: list[str], verdict: bytearray) -> tuple[list[int], list[int]]:
    """node --test's spec reporter shows each failing test twice: in the tree with its error
    below it, and in the "✖ failing tests:" recap at the end. The tree's copy (the ✖ line and
    the block indented under it) goes with the results around it; the ✖ line is then counted
    as failed (named below), the recap's copy keeps the details. Returns the ✖ lines and the
    lines of their blocks."""
    # (the recap's head is a failing result line itself: only those are looked at)
    recap = next((i for i, ln in enumerate(bodies) if verdict[i] and _NODE_RECAP.match(ln)), -1)
    if recap < 0:
        return [], []
    again = {ln.strip() for ln in bodies[recap + 1 :] if _NODE_FAILED.match(ln)}
    named: list[int] = []
    out: list[int] = []
    for i in range(recap):
        if verdict[i] != 1 or not _NODE_FAILED.match(bodies[i]) or bodies[i].strip() not in again:
            continue
        named.append(i)
        block: list[int] = []
        k = i + 1
        while k < recap and (not bodies[k].strip() or _indent(bodies[k]) > _indent(bodies[i])):
            block.append(k)
            k += 1
        while block and not bodies[block[-1]].strip():
            block.pop()  # (blank lines after it are the tree's)
        out.extend(block)
    return named, out


_MOCHA_NUMBERED = re.compile(r"^\s+(\d+)\) \S")


def _mocha_named_again(
    bodies: list[str], kind: bytearray, verdict: bytearray, totals: int
) -> list[int]:
    """mocha: a failing test's line in the tree ("      3) title") whose number heads a
    failure below the run's totals (line ``totals``, ``len(bodies)`` if none: "  3) suite"
    … "title:"): counted with the results around it, its full title kept below."""
    if totals == len(bodies):
        return []
    headed = {
        m.group(1)
        for ln in bodies[totals:]
        if (m := _MOCHA_NUMBERED.match(ln)) and _MOCHA_FAILURE.match(ln)
    }
    return [
        i
        for i in range(totals)
        if kind[i] == _KEEP
        and verdict[i] == 1
        and (m := _MOCHA_NUMBERED.match(bodies[i]))
        and m.group(1) in headed
    ]


def _said_after(said: str, test: str, start: int) -> bool:
    """``test`` occurs in ``said`` from ``start`` on as a whole name (not inside another)."""
    k = said.find(test, start)
    while k >= 0:
        before = said[k - 1] if k else "\n"
        after = said[k + len(test)]  # (said ends with a line break)
        if not (before.isalnum() or before in "_.") and (after.isspace() or after in ":"):
            return True
        k = said.find(test, k + 1)
    return False


# The tree a JS runner (mocha's spec reporter, jest --verbose) draws: a result line under its
# suites' headings, each a level deeper.
_TREE_RESULT = re.compile(r"^(\s*)(?:[✓✔√✕×✖✗○✎] |\d+\) )\S")
# mocha: a pending test in the tree ("  - title", no mark), before the run's totals.
_TREE_PENDING = re.compile(r"^(\s+)- \S")
_MOCHA_TOTALS = re.compile(f"^{_MOCHA_COUNT}")


# mocha's failure heading ("  1) suite"), the head of its diff (jest's and vitest's: the
# "+ Received" line) and a changed line in it; how many changed lines of one diff are kept,
# and how long each may be.
_MOCHA_FAILURE = re.compile(r"^ {2,4}\d+\) \S")
_MOCHA_DIFF = re.compile(r"^\s*(?:\+ expected - actual|\+ Received(?:\s+\+ \d+)?)\s*$")
_DIFF_CHANGE = re.compile(r"^\s*([-+])\s*\S")
_DIFF_LINES, _DIFF_LINE_CHARS = 3, 160
_JS_AT = re.compile(r"^\s*at \S")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _tree_lines(
    bodies: list[str], kind: bytearray, status: dict[int, str], totals: int
) -> list[int]:
    """Suite headings of a JS runner's tree (a line with a result or a heading a level deeper
    below it) and mocha's pending tests: counted with the results around them, not kept one
    by one (a failing test is named again with its suites in its failure's heading).
    ``totals``: mocha's totals line, the tree's end (``len(bodies)`` if none)."""
    n = len(bodies)
    if not any(kind[i] != _DETAIL and _TREE_RESULT.match(bodies[i]) for i in range(n)):
        return []
    out: list[int] = []
    if totals < n:
        for i in range(totals):
            if kind[i] == _DETAIL and _TREE_PENDING.match(bodies[i]):
                status[i] = "pending"
                out.append(i)
    in_tree = set(out)
    heading = bytearray(n)
    nxt = -1  # the next non-blank line below
    for i in range(n - 1, -1, -1):
        ln = bodies[i]
        if not ln.strip():
            continue
        if (
            nxt >= 0
            and kind[i] == _DETAIL
            and i not in in_tree
            and _indent(bodies[nxt]) > _indent(ln)
            and (
                heading[nxt]
                or nxt in in_tree
                or (kind[nxt] != _DETAIL and _TREE_RESULT.match(bodies[nxt]))
            )
        ):
            heading[i] = 1
            out.append(i)
        nxt = i
    return out


_GO_RUNNING = re.compile(r"^\s*=== (?:RUN|CONT|NAME)\s+(\S+)\s*$")
_GO_PASSED = re.compile(r"^\s*--- PASS: (\S+)")
_GO_MESSAGE = re.compile(rf"^\s+{_GO_TEST_LINE}")


def _passing_go_messages(bodies: list[str], kind: bytearray) -> list[int]:
    """``go test -v``: what a test that passed said (``t.Log``, printed under its ``=== RUN``
    line): counted with the results around it; a failing or skipped test's messages stay."""
    # (each pattern only on lines holding its literal text: most lines are no go test's)
    passed = {m.group(1) for ln in bodies if "--- PASS: " in ln and (m := _GO_PASSED.match(ln))}
    if not passed:
        return []
    out: list[int] = []
    running: str | None = None
    for i, ln in enumerate(bodies):
        m = _GO_RUNNING.match(ln) if kind[i] == _PASS_KIND and "=== " in ln else None
        if m:
            running = m.group(1)
        elif running and kind[i] == _DETAIL and _GO_MESSAGE.match(ln):
            # (a skipped test's message says why: it stays, as a failing test's do)
            if running in passed:
                out.append(i)
        elif kind[i] != _DETAIL or not ln.startswith((" ", "\t")):
            running = None if kind[i] != _PASS_KIND else running
    return out


def _shown(
    text: str,
    raw: list[str],
    plain: list[str],
    starts: list[int],
    out: list[str | int],
    omitter: Omitter,
    base: int,
) -> tuple[list[str], str | None]:
    """The output's lines (``out``: the text's lines shown as their numbers) and the marker
    over their terminal colour codes: the lines shown without their codes and the codes'
    spans behind one marker (at the end), where that pays; else (None) as they were."""
    if plain is raw:
        return [x if isinstance(x, str) else raw[x] for x in out], None
    spans: list[int] = []
    for x in out:
        if not isinstance(x, str) and plain[x] is not raw[x]:
            add_code_spans(raw[x], base + starts[x], spans)
    pairs = list(zip(spans[::2], spans[1::2], strict=True))
    desc = f"{CODES_SHOWN}: {len(pairs)} spans"
    if not pairs or not omitter.pays("".join(text[s - base : e - base] for s, e in pairs), desc):
        return [x if isinstance(x, str) else raw[x] for x in out], None
    codes = omitter.mark("escapes", pairs, len(pairs), desc)
    return [x if isinstance(x, str) else plain[x] for x in out], codes


# A code frame's pointed source line (jest: "    > 21 |     expect(x).toBe(y);").
_POINTED = re.compile(f"^{_POINTED_SOURCE}")


def _framed(kind: bytearray, bodies: list[str], j: int) -> bool:
    """A run of detail lines ending at ``j`` is the head of a code frame: ``j`` is its pointed
    line, kept, and detail lines follow it."""
    return (
        j + 1 < len(bodies)
        and kind[j] == _KEEP
        and kind[j + 1] == _DETAIL
        and _POINTED.match(bodies[j]) is not None
    )


def compress_test_output(text: str, omitter: Omitter, base: int = 0) -> str | None:
    raw = text.split("\n")
    if not raw[-1]:
        raw.pop()  # (a final line break ends the last line; an empty text has no line)
    # Where each line starts: a marker's span is its lines' (the last ends before its break).
    starts = list(accumulate((len(ln) + 1 for ln in raw), initial=0))
    n = len(raw)
    kind = bytearray(n)
    verdict = bytearray(n)  # 1: a failing result, 2: a summary line
    # Lines are read without terminal colour codes (pytest --color=yes); see _shown.
    plain = [without_escapes(ln) for ln in raw] if "\x1b" in text else raw
    bodies = [_body(ln) if ln[:1].isdigit() else ln for ln in plain]
    progress: set[int] = set()
    status: dict[int, str] = {}  # a passing line's status word, as its runner wrote it
    for i, ln in enumerate(bodies):
        m = _RESULT.match(ln)
        what = m.lastgroup if m else None
        if what == "summary" and _PROGRESS.match(ln):
            # A program's own verdict under ctest ("3: OK": its body shorter than the line
            # without colour codes) is progress; unittest's bare "OK" is the run's summary.
            what = "progress" if len(ln) < len(plain[i]) else "summary"
        if what == "fail" or what == "summary":
            kind[i] = _KEEP
            verdict[i] = 1 if what == "fail" else 2
        elif what == "pass" or what == "progress":
            kind[i] = _PASS_KIND
            if what == "progress":
                progress.add(i)
            else:
                assert m is not None
                status[i] = _status_of(m, ln)
        elif not ln.strip():
            kind[i] = _KEEP
        else:
            kind[i] = _DETAIL
    # The first result line (failing, summary, passing or progress), found once after.
    first_result = next((i for i in range(n) if verdict[i] or kind[i] == _PASS_KIND), n)
    for i in _passing_go_messages(bodies, kind):
        kind[i] = _PASS_KIND
        progress.add(i)
    # mocha's totals line ("  3 passing (12ms)"), found once: a summary line (only those
    # are looked at), the end of its tree and the head of its failures' details.
    totals = next((i for i in range(n) if verdict[i] and _MOCHA_TOTALS.match(bodies[i])), n)
    for i in _tree_lines(bodies, kind, status, totals):
        kind[i] = _PASS_KIND
        if i not in status:
            progress.add(i)
        first_result = min(first_result, i)
    if first_result == n:
        return None
    for i in range(first_result, n - 1):
        if bodies[i].startswith(("FAIL: ", "ERROR: ")):
            # unittest's rule under a failure's header (and docstring) opens its traceback
            for k in range(i + 1, min(i + 3, n)):
                if _RULE_LINE.match(bodies[k]):
                    kind[k] = _DETAIL
                    progress.discard(k)
                    break
    # The session header: its first line (which runner, which session) and what it says about
    # the run (collected N items, errors, warnings) kept; the set-up it describes (platform,
    # rootdir, plugins, build steps) counted in a marker naming each line's key.
    opened = False
    for i in range(first_result):
        ln = bodies[i]
        if not opened or not ln.strip() or kind[i] != _DETAIL or _HEADER_NEWS.search(ln):
            kind[i] = _KEEP
        else:
            kind[i] = _HEADER
        opened = opened or bool(ln.strip())
    for i in range(max(0, n - 2), n):
        if kind[i] == _DETAIL:
            kind[i] = _KEEP
    # Failure details: key lines, own frames and the library frames own code called
    # (entry_frames: which API call failed) kept; a frame's caret lines are details.
    own: set[int] = set()
    entry: set[int] = set()  # lines of the library frames own code called
    library: dict[int, str] = {}  # first line of a library frame -> package
    frame_of: dict[int, int] = {}  # any line of a library frame -> its first line
    found = frame_lines(plain)
    entered = entry_frames(found)
    for x, f in enumerate(found):
        shown = [
            k for k in range(f.first, f.last + 1) if k == f.first or not CARETS.match(plain[k])
        ]
        if x in entered:
            entry.update(shown)
        elif f.library:
            library[f.first] = f.package
            for k in range(f.first, f.last + 1):
                frame_of[k] = f.first
        else:
            own.update(shown)
    header = ""  # the failure section's header line
    diff_left: dict[str, int] = {}  # changed lines of a diff still kept, per sign
    for i in range(first_result, n):
        if kind[i] != _PASS_KIND and _SECTION.match(bodies[i]):
            header = bodies[i]
        if i > totals and verdict[i] == 1 and _MOCHA_FAILURE.match(bodies[i]):
            # mocha's failure heading goes on a level deeper per suite, down to the test's
            # title ending in ":": the failing test's full name.
            for k in range(i + 1, min(n, i + 9)):
                if _indent(bodies[k]) <= _indent(bodies[i]) or kind[k] != _DETAIL:
                    break
                kind[k] = _KEEP
                if bodies[k].rstrip().endswith(":"):
                    break
        if "+ " in bodies[i] and _MOCHA_DIFF.match(bodies[i]):  # (a cheap test first)
            # Its changed lines say expected against actual: the first few of each sign.
            diff_left = {"-": _DIFF_LINES, "+": _DIFF_LINES}
            kind[i] = _KEEP
            continue
        if diff_left and kind[i] == _DETAIL:
            change = _DIFF_CHANGE.match(bodies[i])
            if _JS_AT.match(bodies[i]) or (_WHERE_LINE.match(bodies[i]) and bodies[i].strip()):
                diff_left = {}
            elif change and diff_left[change.group(1)] and len(bodies[i]) <= _DIFF_LINE_CHARS:
                kind[i] = _KEEP
                diff_left[change.group(1)] -= 1
                continue
        if (
            kind[i] == _DETAIL
            and i not in frame_of
            and (i in own or i in entry or _KEY_DETAIL.match(bodies[i]))
        ):
            test_def = _TEST_DEF.match(bodies[i])
            if test_def and re.search(rf"\b{test_def.group(1)}\b", header):
                continue  # (the header names the test; the assertion lines below say why)
            kind[i] = _KEEP
    recapped, blocks = _node_recapped(bodies, verdict)
    for i in blocks:
        kind[i] = _PASS_KIND  # (a block under a failing test the recap shows again)
        progress.add(i)
    for i in [
        *_named_again(bodies, kind, verdict),
        *_mocha_named_again(bodies, kind, verdict, totals),
        *recapped,
    ]:
        kind[i] = _PASS_KIND
        verdict[i] = 0
        status[i] = "failed"
    repeated = _repeated_failures(bodies, kind, verdict, first_result, own)
    for i in repeated:
        kind[i] = _DETAIL
    for i in range(first_result, n):
        if kind[i] == _KEEP and plain[i][:1] == "E" and _INTROSPECTION.match(plain[i]):
            kind[i] = _DETAIL  # (the assertion line above it says what failed)

    # A blank line between two lines of one kind belongs to their run.
    for i in range(1, n - 1):
        if not bodies[i].strip():
            j = i + 1
            while j < n - 1 and not bodies[j].strip():
                j += 1
            if kind[i - 1] == kind[j] and kind[j] in (_DETAIL, _PASS_KIND):
                kind[i] = kind[j]
                if kind[j] == _PASS_KIND:
                    progress.add(i)
    passing = [i for i in range(n) if kind[i] == _PASS_KIND]
    pop = Population.of(_pass_unit(bodies[i], status.get(i)) for i in passing)
    tally = Counter(str(u["status"]) for u in pop.units)
    # (a status by its word: unittest's skips, each with its reason, are one status)
    words = Counter(map(_word, pop.units))
    rare_count = max(_RARE_TESTS, rare_limit(len(pop.units)))
    markers = 0
    unit_of = {i: k for k, i in enumerate(passing)}
    # The text's lines shown are written as their numbers (markers and rewritten lines as
    # text): shown as they were, or without their colour codes (see _shown).
    out: list[str | int] = []
    changed = False
    i = 0
    while i < n:
        if kind[i] == _KEEP:
            bare = plain[i]
            if bare[:3] in ("___", "===") and bare.endswith(bare[0] * 3):
                # pytest's section rules pad a title to the terminal's width: 3 a side say it
                # (their colour, like their padding, says nothing more)
                out.append(_RULE.sub(r"\1\1\1 \2 \1\1\1", bare))
            else:
                out.append(i)
            i += 1
            continue
        j = i
        while j < n and kind[j] == kind[i]:
            j += 1
        s, e = starts[i], starts[j - 1] + len(raw[j - 1])
        if kind[i] == _PASS_KIND and j - i < 2:
            out.append(i)  # (one line: no marker pays for it, nothing to describe)
        elif kind[i] == _PASS_KIND:
            units = [pop.units[unit_of[k]] for k in range(i, j)]
            statuses = {str(u["status"]) for u in units}
            what = "passed" if statuses <= _PASSED else "passed/skipped"
            if statuses == {"RUN"}:
                what = "started"  # (go's "=== RUN", a suite's start: no result yet)
            desc = f"{j - i} {what} test lines"
            if j - i == 1:
                desc = f"1 {what} test line"
            passes = Counter(str(u["status"]) for u in units)
            failed = passes.pop("failed", 0)
            if passes.get("RUN", 0) < j - i and (len(passes) > 1 or failed):
                # Results among progress lines (ctest, TAP) or of several kinds: how many
                # of them passed, by the runner's own word.
                said = ", ".join(
                    f"{c} passed ({w})" for w, c in passes.most_common() if w in _PASSED - {"RUN"}
                )
                desc = f"{j - i} test lines" + (f", {said}" if said else "")
                if failed:
                    desc += f", {failed} failed (named below)"
            # Passing tests are counted; their names are a sample (rarest status first),
            # left out where they would make the marker cost more than the lines it hides.
            # (Progress lines alone have nothing to name.)
            chosen: str | None = None
            # (statuses the head counts need no listing)
            others = [u for u in units if str(u["status"]) not in _COUNTED]
            # A test of a rare status (an XPASS, a skip, an ignored test among passes) is
            # named with it, past every budget: ``status: XPASS test_y``.
            odd = [u for u in others if "test" in u and words[_word(u)] <= rare_count]
            if odd:
                others = [u for u in others if not ("test" in u and u in odd)]
            said_status = describe_run(
                others,
                pop,
                fields=["status"],
                field_budget=_STATUS_BUDGET,
                run_budget=_STATUS_BUDGET,
            )
            if said_status.startswith("status=") and len(others) > 1:
                said_status = f"status: {said_status[7:]}×{len(others)}"  # (one status: how many)
            if odd:
                several = len({u.get("file") for u in units}) > 1
                tests = ", ".join(f"{u['status']} {_test_id(u, several)}" for u in odd)
                rest = said_status.partition(": ")[2] or said_status.partition("=")[2]
                said_status = f"status: {tests}" + (f", {rest}" if rest else "")
            nameable = statuses != {"RUN"}
            said_files = (
                describe_run(units, pop, fields=["file"], run_budget=_STATUS_BUDGET)
                if nameable
                else ""
            )
            for with_tests in (True, False):
                said_tests = (
                    describe_run(
                        units,
                        pop,
                        fields=["test"],
                        field_budget=_PASS_FIELD_BUDGET,
                        run_budget=_PASS_RUN_BUDGET,
                    )
                    if nameable and with_tests
                    else ""
                )
                summary = "; ".join(p for p in (said_status, said_files, said_tests) if p)
                full = f"{desc} ({summary})" if summary else desc
                if omitter.pays(text[s:e], full):
                    chosen = full
                    break
            if chosen is not None:
                out.append(omitter.mark("passing", [(base + s, base + e)], j - i, chosen))
                changed = True
                markers += any(str(u["status"]) in _PASSED - {"RUN"} for u in units)
            else:
                out.extend(range(i, j))
        elif kind[i] == _HEADER:
            keys = []
            for k in range(i, j):
                m = _HEADER_KEY.match(plain[k])
                if m:
                    keys.append((m.group(1) or m.group(2))[:24])
            desc = plural(j - i, "header line")
            named = ", ".join(dict.fromkeys(keys))
            if named:
                desc += f" ({named})"
            if j - i >= 2 and omitter.pays(text[s:e], desc):
                out.append(omitter.mark("header", [(base + s, base + e)], j - i, desc))
                changed = True
            else:
                out.extend(range(i, j))
        elif _framed(kind, bodies, j):
            # A code frame around a pointed source line (jest's "> 21 | …"): the lines before
            # and after it go behind one marker, under it.
            after = j + 1
            while after < n and kind[after] == _DETAIL:
                after += 1
            s2, e2 = starts[j + 1], starts[after - 1] + len(raw[after - 1])
            count = (j - i) + (after - j - 1)
            desc = f"{plural(count, 'line')} around it"
            frames = Counter(
                library[k] for k in (*range(i, j), *range(j + 1, after)) if k in library
            )
            if frames:
                named = name_counts(frames, 3)
                desc += f", {plural(sum(frames.values()), 'library frame')}: {named}"
            if omitter.pays(text[s:e] + text[s2:e2], desc):
                lead = leading_space(plain[j + 1])
                out.append(j)
                span = [(base + s, base + e), (base + s2, base + e2)]
                out.append(lead + omitter.mark("details", span, count, desc))
                changed = True
                i = after
                continue
            out.extend(range(i, j))
        else:
            frames = Counter(library[k] for k in range(i, j) if k in library)
            desc = plural(j - i, "line")
            if all(k in repeated or not bodies[k].strip() for k in range(i, j)):
                desc += ", same error as above"
            if frames:
                count = sum(frames.values())
                desc += f", {plural(count, 'library frame')}: {name_counts(frames, 3)}"
            long_run = j - i >= _MIN_DETAIL_RUN or e - s >= _LONG_DETAIL_CHARS
            if long_run and omitter.pays(text[s:e], desc):
                lead = leading_space(plain[i])
                out.append(lead + omitter.mark("details", [(base + s, base + e)], j - i, desc))
                changed = True
            else:
                out.extend(range(i, j))
        i = j
    lines, codes = _shown(text, raw, plain, starts, out, omitter, base)
    if not changed and codes is None:
        return None
    counted = [(c, w) for w, c in tally.most_common() if w in _PASSED and w != "RUN"]
    said_by_runner = any(_COUNT_SAID.search(plain[i]) for i in range(n) if kind[i] == _KEEP)
    if markers > 1 and counted and not said_by_runner:
        # Passing lines spread over several markers: their total, said once.
        said = ", ".join(f"{c} passed ({w})" for c, w in counted)
        lines.append(f"(passing test lines in all: {said})")
    if codes is not None:
        lines.append(codes)
    result = "\n".join(lines)
    return result + "\n" if text.endswith("\n") else result
