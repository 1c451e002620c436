"""Test-runner output: pytest (``-v`` or not), unittest, ``go test``, cargo test, jest/vitest,
mocha and ``node --test``.

Lines are classified. *Passing* lines (``PASSED``, ``... ok``, ``--- PASS``, ``=== RUN``,
``✓``) are counted: each run of them becomes one marker saying how many tests passed (or were
skipped) and naming them, rarest status first (:func:`transforms._rarity.describe_run`).
*Failing* lines (``FAILED``, ``... FAIL``, ``--- FAIL``, ``✕``, ``●``), *summary* lines
(``=== 8 failed, 64 passed ===``, ``short test summary info``, ``Ran 4 tests``,
``test result:``, ``Tests:``, ``ok``/``FAIL`` package lines) and the header before the first
test are kept. In failure details, kept: section headers (``___ test_x ___``, ``FAIL: …``,
``---- x stdout ----``), assertion and exception lines (pytest ``E``/``>`` lines, ``file:N:``
locations, ``Expected``/``Received``, ``panicked at``, ``left``/``right``, ``*_test.go:N:``
messages, ``Error:`` lines) and the caller's own stack frames; library frames and the rest of
the details (source listings, captured output) go behind markers that say how many lines and
which library frames they hide.
"""

from __future__ import annotations

import re
from collections import Counter

from transforms._omit import Omitter, plural
from transforms._rarity import Population, Scalar, describe_run
from transforms._trace import frame_lines

__all__ = ["compress_test_output", "is_test_output"]

_PASS = re.compile(
    # pytest -v; pytest progress (all dots); unittest -v
    r"^(?:\S+::\S.*? (?P<p1>PASSED|SKIPPED|XFAIL|XPASS)(?: \(.*\))?(?:\s+\[\s*\d+%\])?\s*$"
    r"|(?P<p2>\S+\.py) \.+(?:\s+\[\s*\d+%\])?\s*$"
    r"|\w+ \([\w.]+\)(?: \(.*\))? \.\.\. (?P<p3>ok|skipped.*|expected failure)\s*$"
    r"|\s*=== (?P<p4>RUN|PAUSE|CONT|NAME)\s+\S+\s*$"  # go test -v
    r"|\s*--- (?P<p5>PASS|SKIP): \S+.*$"
    r"|test \S+(?: - should panic)? \.\.\. (?P<p6>ok|ignored)\s*$"  # cargo
    r"|\s*(?P<p7>[✓✔√]) .+$"  # jest, vitest, mocha, node --test
    r"|\s*(?P<p8>PASS) {1,2}\S+.*$"  # jest file line
    r"|\s*(?P<p9>﹣|-) .+ \(skipped\)\s*$"
    r")"
)
_FAIL = re.compile(
    r"^(?:\S+::\S.*? (?:FAILED|ERROR)\b.*"
    r"|\S+\.py [.sxFE]*[FE][.sxFE]*(?:\s+\[\s*\d+%\])?\s*$"
    r"|\w+ \([\w.]+\).* \.\.\. (?:FAIL|ERROR)\s*$"
    r"|\s*--- FAIL: .*|FAIL\s.*|FAIL$"
    r"|test \S+ \.\.\. FAILED\s*$"
    r"|\s*[✕×✖✗] .+|\s*FAIL {1,2}\S+.*|\s*● .+"
    r"|\s*\d+\) .+)$"  # mocha failure list
)
_SUMMARY = re.compile(
    r"^(?:=+ .*(?:passed|failed|errors?|skipped|xfailed|xpassed|warnings?|no tests ran|deselected)"
    r".* =+\s*$|=+ (?:short test summary info|FAILURES|ERRORS|warnings summary) =+\s*$"
    r"|(?:FAILED|ERROR) \S+.*|Ran \d+ tests? in .*|(?:OK|FAILED)(?: \(.*\))?\s*$"
    r"|ok\s+\S+\s+(?:[\d.]+s|\(cached\)).*|PASS\s*$|FAIL\s+\S+\s+[\d.]+s.*"
    r"|test result: .*|failures:\s*$|running \d+ tests?\s*$"
    r"|(?:Tests|Test Suites|Test Files|Snapshots|Time|Duration|Start at):\s+.*"
    r"|\s*\d+ (?:passing|failing|pending)\b.*"
    r"|[ℹ#] (?:tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \d.*"
    r"|error: test failed.*|collected \d+ items?.*|collecting .*)$"
)
_KEY_DETAIL = re.compile(
    r"^(?:E\s|>\s|_{3,} .+ _{3,}\s*$|(?:FAIL|ERROR): |-{3,} .+ -{3,}\s*$"
    r"|\S+:\d+: \w"  # pytest location "test_x.py:48: AssertionError"
    r"|\s*\w+_test\.go:\d+: "  # go test message
    r"|\s*thread '.*' (?:\(\d+\) )?panicked at"
    r"|\s*(?:left|right|Expected|Received|expected|actual|Difference|- Expected|\+ Received)\b"
    r"|\s*(?:[\w.]+\.)?\w*(?:Error|Exception|Failure|Warning|Exit|Interrupt)\b(?: \[\w+\])?:"
    r"|\s*(?:assert|Assert|AssertionError|panic:|called `|Traceback \(most recent call last\))"
    r"|\s*def test\w*\("
    r"|\s*> +\d+ \|)"  # jest's pointed source line
)
_STATUS_WORD = re.compile(r"PASSED|SKIPPED|XFAIL|XPASS|\bok\b|skipped|ignored|PASS|SKIP|RUN|[✓✔√]")
_NOISE = re.compile(r"\s*\[\s*\d+%\]\s*$|\s*\(\d+(?:\.\d+)?\s*m?s\)\s*$")
# Detail runs shorter than this stay (a marker would cost about as much).
_MIN_DETAIL_RUN = 3


def is_test_output(lines: list[str]) -> bool:
    """A test runner's summary line is in the sample, and many lines are test results."""
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 3:
        return False
    results = sum(1 for ln in nonblank if _PASS.match(ln) or _FAIL.match(ln))
    summaries = sum(1 for ln in nonblank if _SUMMARY.match(ln))
    if summaries and results >= 2:
        return True
    return results >= max(3, 0.4 * len(nonblank))


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def _pass_unit(line: str) -> dict[str, Scalar]:
    status = _STATUS_WORD.search(line)
    name = _NOISE.sub("", line).strip()
    name = re.sub(r"\s+(?:PASSED|SKIPPED|XFAIL|XPASS)\b.*$|\s*\.\.\. .*$", "", name)
    name = re.sub(r"^(?:=== \w+|--- \w+:|test|[✓✔√]|PASS)\s+", "", name)
    return {"status": status.group(0) if status else "passed", "test": name[:80]}


_PASS_KIND, _KEEP, _DETAIL = 0, 1, 2
_PASSED = frozenset(("PASSED", "ok", "PASS", "RUN", "✓", "✔", "√", "passed"))


def compress_test_output(text: str, omitter: Omitter, base: int = 0) -> str | None:
    spans = _lines(text)
    raw = [text[s:e] for s, e in spans]
    n = len(raw)
    kind = bytearray(n)
    first_result = n
    for i, ln in enumerate(raw):
        if _FAIL.match(ln) or _SUMMARY.match(ln):
            kind[i] = _KEEP
            first_result = min(first_result, i)
        elif _PASS.match(ln):
            kind[i] = _PASS_KIND
            first_result = min(first_result, i)
        elif not ln.strip():
            kind[i] = _KEEP
        else:
            kind[i] = _DETAIL
    if first_result == n:
        return None
    for i in range(first_result):
        kind[i] = _KEEP  # the session header (platform, rootdir, plugins, collected …)
    for i in range(max(0, n - 2), n):
        if kind[i] == _DETAIL:
            kind[i] = _KEEP
    # Failure details: key lines and own frames kept.
    own: set[int] = set()
    library: dict[int, str] = {}  # first line of a library frame -> package
    frame_of: dict[int, int] = {}  # any line of a library frame -> its first line
    for f in frame_lines(raw):
        if f.library:
            library[f.first] = f.package
            for k in range(f.first, f.last + 1):
                frame_of[k] = f.first
        else:
            own.update(range(f.first, f.last + 1))
    for i in range(first_result, n):
        if kind[i] == _DETAIL and i not in frame_of and (i in own or _KEY_DETAIL.match(raw[i])):
            kind[i] = _KEEP

    # A blank line between two lines of one kind belongs to their run.
    for i in range(1, n - 1):
        if not raw[i].strip():
            j = i + 1
            while j < n - 1 and not raw[j].strip():
                j += 1
            if kind[i - 1] == kind[j] == _DETAIL:
                kind[i] = _DETAIL
    passing = [i for i in range(n) if kind[i] == _PASS_KIND]
    pop = Population.of(_pass_unit(raw[i]) for i in passing)
    unit_of = {i: k for k, i in enumerate(passing)}
    out: list[str] = []
    changed = False
    i = 0
    while i < n:
        if kind[i] == _KEEP:
            out.append(raw[i])
            i += 1
            continue
        j = i
        while j < n and kind[j] == kind[i]:
            j += 1
        s, e = spans[i][0], spans[j - 1][1]
        if kind[i] == _PASS_KIND:
            units = [pop.units[unit_of[k]] for k in range(i, j)]
            statuses = {str(u["status"]) for u in units}
            what = "passed" if statuses <= _PASSED else "passed/skipped"
            desc = f"{j - i} {what} test lines"
            if j - i == 1:
                desc = f"1 {what} test line"
            summary = describe_run(units, pop, fields=["status", "test"])
            if summary:
                desc += f" ({summary})"
            if j - i >= 2 and omitter.pays(text[s:e], desc):
                out.append(omitter.mark("passing", [(base + s, base + e)], j - i, desc))
                changed = True
            else:
                out.extend(raw[i:j])
        else:
            frames = Counter(library[k] for k in range(i, j) if k in library)
            desc = plural(j - i, "detail line")
            if frames:
                named = ", ".join(f"{p}×{c}" if c > 1 else p for p, c in frames.most_common(3))
                more = f", +{len(frames) - 3} more" if len(frames) > 3 else ""
                count = sum(frames.values())
                desc += f", {plural(count, 'library frame')}: {named}{more}"
            if j - i >= _MIN_DETAIL_RUN and omitter.pays(text[s:e], desc):
                indent = re.match(r"\s*", raw[i])
                lead = indent.group(0) if indent else ""
                out.append(lead + omitter.mark("details", [(base + s, base + e)], j - i, desc))
                changed = True
            else:
                out.extend(raw[i:j])
        i = j
    if not changed:
        return None
    result = "\n".join(out)
    return result + "\n" if text.endswith("\n") else result
