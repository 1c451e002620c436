from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transforms import _samples as s
from tests.transforms._check import compress, omitted_text
from transforms._logs import (
    _MASK,
    _PHRASE_HEAD,
    _SEVERE,
    MAX_PER_ERROR_TEMPLATE,
    _Line,
    _scan,
    _severe_in,
)
from transforms._rarity import ID_LIKE


def test_app_log_keeps_errors_traces_rare_lines_and_edges() -> None:
    text = s.app_log(3000)
    lines = text.splitlines()
    r = compress(text)
    assert r.content_type == "log" and r.transforms == ("log_templates",)
    out = r.compressed
    for line in lines[:3] + lines[-3:]:
        assert line in out
    for needle in (
        "payment failed for order ord-88412: card declined",
        "Traceback (most recent call last):",
        '  File "/srv/app/pay.py", line 88, in charge',
        "gateway.CardDeclined: card declined (code 51)",
        "queue depth 9182 exceeds soft limit 5000",
        "config reloaded from /etc/app/config.yaml by admin",
    ):
        assert needle in out, needle
    # Templates with counts are listed; the legend says how markers read.
    assert re.search(r"^T1 \d+× .*<\*>", out, re.M)
    assert out.startswith(f"[log: {len(lines)} lines, ")
    assert "errors/warnings kept; markers: Tn×count (*k: values of k-th <*>)]" in out
    assert r.savings_percent > 85
    # Omitted runs are exactly whole source lines.
    for o in r.omitted:
        part = omitted_text(r, o.id)
        assert part.endswith("\n")
        assert all(ln in lines for ln in part.splitlines())


def test_error_storm_is_bounded_and_last_occurrence_kept() -> None:
    lines = [f"2024-01-01 10:00:{i % 60:02d} INFO tick {i}" for i in range(50)]
    lines += [f"2024-01-01 10:01:{i % 60:02d} ERROR db timeout after {i}ms" for i in range(200)]
    lines += [f"2024-01-01 10:02:{i % 60:02d} INFO tick {i}" for i in range(50)]
    r = compress("\n".join(lines) + "\n")
    body = r.compressed.split("\n---\n", 1)[-1]  # (after the templates table, if any)
    errors = [ln for ln in body.splitlines() if "ERROR" in ln and "omitted" not in ln]
    assert len(errors) == MAX_PER_ERROR_TEMPLATE + 1
    assert "db timeout after 199ms" in r.compressed


def test_long_stack_trace_is_cut_in_the_middle() -> None:
    head = [f"2024-01-01 10:00:{i:02d} INFO start {i}" for i in range(20)]
    trace = [
        "2024-01-01 10:00:30 ERROR unhandled exception",
        "java.lang.IllegalStateException: boom",
    ]
    trace += [f"\tat com.example.Frame{i}.run(Frame{i}.java:{i + 10})" for i in range(100)]
    tail = [f"2024-01-01 10:01:{i:02d} INFO later {i}" for i in range(20)]
    r = compress("\n".join(head + trace + tail) + "\n")
    out = r.compressed
    assert "java.lang.IllegalStateException: boom" in out
    assert "Frame0.run" in out and "Frame99.run" in out
    assert "Frame50.run" not in out
    # The marker says what it hides: how many trace lines, of which template.
    # (its template by its number in the table, or quoted where this marker alone names it)
    assert re.search(r"\[omitted \d+ trace lines: (?:T\d+|\"[^\"]+\")×\d+; id=o\d+\]", out)


def test_progress_bars_collapse() -> None:
    bar = "\r".join(f"Downloading model {p}%" for p in range(0, 101, 5))
    lines = [f"2024-01-01 10:00:{i:02d} INFO step {i}" for i in range(30)]
    lines.insert(10, bar)
    r = compress("\n".join(lines) + "\n")
    assert "Downloading model 100%" in r.compressed
    assert "Downloading model 50%" not in r.compressed
    assert any(o.kind == "progress" for o in r.omitted)


def test_bars_of_different_widths_are_one_template() -> None:
    # pip draws each download's bar as wide as the figures beside it leave room for.
    lines = ["Using pip 23.2.1", "Looking in links: /opt/wheels", "Installing build dependencies"]
    for k in range(9):
        size = 10 ** (k % 3 + 1) + k
        lines.append(f"Collecting pkg{k}")
        lines.append(f"  Downloading pkg{k}-1.0-py3-none-any.whl ({size} kB)")
        bar = "━" * (38 + k % 3)
        lines.append(f"     {bar} {size}.0/{size}.0 kB {k + 1}.5 MB/s eta 0:00:00")
    lines += ["Installing collected packages: pkg", "done", "Successfully installed pkg"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    # One template, not a rare one per width: no bar is shown for itself (the bars drawn to
    # their end are behind one marker, see the next test).
    assert sum("━━━━" in line for line in r.compressed.splitlines()) <= 1


def test_progress_bars_at_their_end_go_behind_one_marker_naming_their_units() -> None:
    # pip's bar under each download, drawn to its end ("876.3/876.3 kB"): the download the
    # line above names is done, at some speed. One marker for all of them; a bar left
    # unfinished (4.2 of 5.7 MB) stays.
    lines = ["Using pip 23.2.1", "Looking in links: /opt/wheels", "Installing build dependencies"]
    for k in range(4):
        lines.append(f"Collecting pkg{k}")
        lines.append(f"  Downloading pkg{k}-1.0-py3-none-any.whl ({k + 50} kB)")
        lines.append(f"     {'━' * 38} {k + 50}.3/{k + 50}.3 kB {k + 1}.5 MB/s eta 0:00:00")
    stalled = f"     {'━' * 26}╸{'━' * 11} 4.2/5.7 MB 3.1 MB/s eta 0:00:01"
    lines += ["Collecting big", "  Downloading big-2.0-py3-none-any.whl (5.7 MB)", stalled]
    lines += ["Installing collected packages: pkg", "done", "Successfully installed pkg"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    (o,) = [o for o in r.omitted if "progress bars" in o.description]
    assert o.description == "4 lines: progress bars at their end (kB, MB/s, eta)"
    assert [r.original[a:b] for a, b in o.spans] == [ln + "\n" for ln in lines[5:15:3]]
    assert stalled in r.compressed
    assert all(f"pkg{k}-1.0-py3-none-any.whl" in r.compressed for k in range(4))


def test_program_output_without_timestamps_is_a_log() -> None:
    out = []
    for i in range(300):
        out += [
            f"Preparing to unpack .../lib{i}_1.{i}-1_amd64.deb ...",
            f"Unpacking lib{i}:amd64 (1.{i}-1) ...",
            f"Setting up lib{i}:amd64 (1.{i}-1) ...",
        ]
    out.insert(500, "dpkg: error processing package lib166 (--configure): dependency problems")
    r = compress("\n".join(out) + "\n")
    assert r.content_type == "log"
    assert "dpkg: error processing package lib166" in r.compressed
    assert r.savings_percent > 80


_WORDS = st.sampled_from(
    ["timed", "out", "Timed", "OUT", "segmentation", "fault", "ERR", "error", "E1234", "warn",
     "ſevere", "Kılled", "fatal:", "x-error", "0x1f", "deadbeefcafe12", "1.2.3.4:80", "-12",
     "+3.5", "a_b", "é", "ı", " ", "  ", "\t", "\u00a0", "\x1c", "-", "_", "/", ".go", ".c",
     "(", "'"]
)  # fmt: skip


@given(st.lists(st.lists(_WORDS, max_size=8).map("".join), max_size=20))
@settings(max_examples=300, deadline=None)
def test_token_scan_matches_whole_line_patterns(texts: list[str]) -> None:
    # _scan masks and searches token by token, each distinct token once: the same keys and
    # severities as the patterns applied to whole lines.
    lines = [_Line(0, 0, t) for t in texts]
    keys = _scan(lines)
    for t, ln, key in zip(texts, lines, keys, strict=True):
        assert key == re.sub(r"\s+", " ", _MASK.sub("#", t)).strip()
        # (An error word inside a command-line option, "-Wno-error=x", makes no error line.)
        assert ln.severe == _severe_in(t)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["a", "b", "c", "#", "x", "<*>"]), max_size=6), max_size=120),
    st.sampled_from([3, 4, 5]),
)
def test_faster_miner_clusters_as_drain3_does(messages: list[list[str]], depth: int) -> None:
    # _Drain inlines drain3's similarity loop and its prefix-tree search (any tree depth):
    # every message lands in the same cluster with the same template as with drain3's own
    # Drain.
    from drain3.drain import Drain

    from transforms._logs import _Drain

    ours = _Drain(depth=depth, sim_th=0.4, max_children=100, param_str="<*>")
    split = _Drain(depth=depth, sim_th=0.4, max_children=100, param_str="<*>")
    theirs = Drain(depth=depth, sim_th=0.4, max_children=100, param_str="<*>")
    for words in messages:
        msg = " ".join(words) or "<blank>"
        a, _ = ours.add_log_message(msg)
        b, _ = theirs.add_log_message(msg)
        assert (a.cluster_id, a.log_template_tokens) == (b.cluster_id, b.log_template_tokens)
        # add_tokens (the message already split, drain3's search and update inlined).
        cid = split.add_tokens(words or ["<blank>"])
        assert (cid, split.id_to_cluster[cid].log_template_tokens) == (
            b.cluster_id,
            b.log_template_tokens,
        )


def test_timestamp_heads_are_wildcards_and_templates_branch_on_the_message() -> None:
    # dpkg's log: the masked date and time open every line; the miner sees the message, so
    # each action is its own template and every package is still named or shown.
    pkgs = [f"lib{w}{k}-{w}" for k, w in enumerate(["alpha", "beta", "gamma", "delta"] * 15)]
    lines = []
    for k, p in enumerate(pkgs):
        t = f"2025-06-24 14:{k // 60:02d}:{k % 60:02d}"
        lines += [
            f"{t} install {p}:amd64 <none> 1.{k}-1",
            f"{t} status half-installed {p}:amd64 1.{k}-1",
            f"{t} status unpacked {p}:amd64 1.{k}-1",
            f"{t} configure {p}:amd64 1.{k}-1 <none>",
            f"{t} status installed {p}:amd64 1.{k}-1",
        ]
    text = "\n".join(lines) + "\n"
    r = compress(text)
    # Three templates (install, configure, status), the head a wildcard; the one marker
    # names status's (install's and configure's packages are named by status's values), quoted
    # there: no table.
    (o,) = [o for o in r.omitted if o.kind == "lines"]
    assert o.description.startswith('293 lines: "<*> <*> status <*> <*> <*>"×176 (')
    assert not r.compressed.startswith("[log: ")
    assert r.savings_percent > 80
    for p in pkgs:
        assert p in r.compressed, p


# The patterns _SEVERE and _PHRASE_HEAD are written to open with a character class (faster);
# these are their plain forms, which they must match exactly.
_SEVERE_PLAIN = re.compile(
    r"\b(?:ERR|CRIT|SEVERE|EMERG|ALERT|WRN|E\d{4}|W\d{4}|OOM)\b"
    r"|(?i:\b(?:errors?|exceptions?|traceback|fail(?:ed|ure|s)?|fatal|panic(?:ked)?|warn(?:ing)?s?"
    r"|critical|denied|refused|timed out|timeout|segmentation fault|killed|abort(?:ed)?)\b)"
)
_PHRASE_HEAD_PLAIN = re.compile(r"(?im:\b(?:timed|segmentation)$)")
_MASK_PLAIN = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
    r"|\b0x[0-9a-fA-F]+\b|\b[0-9a-fA-F]{12,}\b"
    r"|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"
    r"|[-+]?\d+(?:[.:,/_-]\d+)*"
)
_MASK_PIECES = st.sampled_from(
    ["0", "1", "9", "a", "f", "F", "x", "X", "-", "+", ".", ":", ",", "/", "_", "g", "Z", " ",
     "\n", "é", "٣", "deadbeef", "0x", "12345678-1234-1234-1234-123456789abc", "1.2.3.4",
     "cafebabe0123", ":8080"]
)  # fmt: skip


@given(st.lists(_MASK_PIECES, max_size=12).map("".join))
@settings(max_examples=500, deadline=None)
def test_mask_matches_its_plain_form(text: str) -> None:
    assert [m.span() for m in _MASK.finditer(text)] == [
        m.span() for m in _MASK_PLAIN.finditer(text)
    ]


_SEVERE_PIECES = st.sampled_from(
    ["ERR", "err", "Errors", "CRIT", "critical", "SEVERE", "ſevere", "EMERG", "ALERT", "WRN",
     "E1234", "E123", "W99999", "OOM", "oom", "exception", "EXCEPTIONS", "traceback", "fail",
     "failed", "Failure", "fails", "failing", "fatal", "panic", "panicked", "warn", "Warnings",
     "denied", "refused", "timed", " out", "timeout", "segmentation", " fault", "Kılled",
     "killed", "abort", "aborted", "x", "_", "-", "1", "é", " ", "\n", ":", "ٳ"]
)  # fmt: skip


@given(st.lists(_SEVERE_PIECES, max_size=10).map("".join))
@settings(max_examples=500, deadline=None)
def test_severe_patterns_match_their_plain_forms(text: str) -> None:
    assert [m.span() for m in _SEVERE.finditer(text)] == [
        m.span() for m in _SEVERE_PLAIN.finditer(text)
    ]
    assert [m.span() for m in _PHRASE_HEAD.finditer(text)] == [
        m.span() for m in _PHRASE_HEAD_PLAIN.finditer(text)
    ]


def test_an_indented_warning_does_not_take_the_lines_after_it_as_its_trace() -> None:
    # A build tool's verbose log indents every line of a step alike: a warning there is
    # continued only by lines indented deeper (its source line), not by the step's next 80
    # lines, whose one-off words and later warnings must not vanish behind a "trace" marker.
    lines = ["Collecting demo==1.0", "  Building wheel for demo: started"]
    lines += ["  /build/setuptools/dist.py:318: UserWarning: Unknown option 'tests_require'"]
    lines += ["    warnings.warn(msg)"]
    for k in range(80):
        lines.append(f"  copying build/lib/demo/mod{k % 7}.py -> build/bdist/wheel/demo")
        if k == 41:
            lines.append("  running install_egg_info")
        if k == 57:
            lines.append("  warning: install_lib: byte-compiling is disabled, skipping.")
    lines += ["  Building wheel for demo: finished", "Successfully installed demo-1.0"]
    r = compress("\n".join(lines) + "\n")
    assert r.content_type == "log"
    out = r.compressed
    assert "  warning: install_lib: byte-compiling is disabled, skipping." in out
    assert "install_egg_info" in out
    assert "    warnings.warn(msg)" in out  # the warning's own (deeper) continuation stays
    assert not any(o.description.endswith("trace lines") for o in r.omitted)


def test_lines_after_a_warning_that_mostly_stands_alone_are_not_its_trace() -> None:
    # pip -v warns at the margin for every index it skips; after one of those warnings come
    # the indented lines of the step it interrupted (the ``Link requires …`` lines of the
    # ``Collecting`` above it). They are no trace of that warning: lines of their own template,
    # shown or named in a marker, not all kept verbatim as the warning's "continuation".
    pkgs = [f"pkg{chr(97 + k)}{chr(97 + k)}" for k in range(12)]
    names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    lines = ["Using pip 23.2.1", "Looking in links: /opt/wheels", "Collecting demo"]
    links = [
        f"  Link requires a different Python (3.11.7 not in: '>=3.12'): "
        f"https://h.org/p/{name}.tar.gz (from https://pypi.org/simple/sphinx/) "
        f"(requires-python:>=3.12)"
        for name in names
    ]
    for k, p in enumerate(pkgs):
        lines.append(f"WARNING: Location 'file:///opt/idx/{p}/' is ignored: it is not a directory.")
        if k == 5:
            lines += links
        lines.append(f"Collecting {p}>=1.{k} (from demo)")
    lines += ["Installing collected packages: demo", "Successfully installed demo-1.0"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    for line in lines:
        if line.startswith("WARNING"):
            assert line in out  # every warning stays
    assert sum(link in out for link in links) <= 2
    for name in names:
        assert f"https://h.org/p/{name}.tar.gz" in out  # each link's file: shown or named
    hidden = "".join(omitted_text(r, o.id) for o in r.omitted)
    shown = out.splitlines()
    for name, link in zip(names, links, strict=True):
        if link not in out:
            # Behind a marker, or shown with the words it repeats from the line above it
            # written ″ (a log this short may be cheaper without a template table).
            assert link in hidden or any(f"{name}.tar.gz" in ln and "″" in ln for ln in shown)


def test_a_warning_template_whose_lines_are_continued_keeps_their_continuations() -> None:
    # A compiler's warnings, each with its source line under it: the continuation is the
    # message's own, kept with every warning shown.
    lines = [f"  step {k}: compiling module m{k}" for k in range(20)]
    for k in range(6):
        lines.append(f"src/m{k}.c:{k + 3}:5: warning: unused variable 'v{k}'")
        lines.append(f"    int v{k} = {k};")
    lines += [f"  step {k}: linking module m{k}" for k in range(20)]
    r = compress("\n".join(lines) + "\n", content_type="log")
    for k in range(6):
        assert f"    int v{k} = {k};" in r.compressed


def test_a_trace_under_an_indented_error_still_continues_it() -> None:
    # Frames deeper than the error line, and the exception line at its indent (by its form),
    # are its trace: kept with it.
    head = [f"  step {k}: compiling module m{k}" for k in range(30)]
    trace = ["  Traceback (most recent call last):"]
    trace += [f'    File "/src/app/m{k}.py", line {k + 3}, in f{k}' for k in range(5)]
    trace += ["  ValueError: bad value in m4"]
    tail = [f"  step {k}: compiling module m{k}" for k in range(30, 60)]
    r = compress("\n".join(head + trace + tail) + "\n")
    for line in trace:
        assert line in r.compressed


def test_options_name_no_error_but_a_dash_err_reply_does() -> None:
    assert not _severe_in("cc -Werror -Wno-error=deprecated-declarations -c a.c")
    assert not _severe_in("pytest --fail-fast --maxfail=1 tests")
    assert _severe_in("[TRC] 127.0.0.1:5 - cid:9 - ->> [-ERR 'Unknown Protocol Operation']")
    assert _severe_in("-ERR 'Authorization Violation'")
    assert _severe_in("cc -c a.c: error: no such file")


def test_a_file_named_after_an_error_word_names_no_error() -> None:
    # go build -x compiles src/errors/errors.go, cmake builds src/error.c.o, setuptools
    # copies pkg/errors.py: a file or directory name, no error reported there.
    go = (
        "/usr/lib/go-1.19/pkg/tool/linux_amd64/compile -o $WORK/b002/_pkg_.a -p fmt -std"
        " ./errors.go /usr/lib/go-1.19/src/fmt/errors.go /usr/lib/go-1.19/src/errors/wrap.go"
        " /usr/lib/go-1.19/src/runtime/panic.go"
    )
    assert not _severe_in(go)
    assert not _severe_in("[  5%] Building C object CMakeFiles/jansson.dir/src/error.c.o")
    assert not _severe_in("  copying simplejson/errors.py -> build/lib/simplejson")
    assert not _severe_in("  adding 'simplejson/errors.py'")
    # The same words as words, or as a class or attribute, still name errors.
    assert _severe_in("src/errors.go:12:3: error: undefined: x")
    assert _severe_in("java.lang.Error: boom")
    assert _severe_in("requests.exceptions.ConnectionError: refused")
    assert _severe_in("errors.New(msg) at main.go:3")
    assert _severe_in("3 errors/warnings")
    assert _severe_in("error.message undefined")
    lines = [_Line(0, 0, t) for t in (go, "src/x.c:1: error: y", "fmt/errors.go")]
    _scan(lines)
    assert [ln.severe for ln in lines] == [False, True, False]


def test_compile_lines_naming_errors_go_are_not_kept_as_errors() -> None:
    # A go build -x log: every compile line names some package's files; those naming
    # errors.go are lines like the others (behind a marker), not error lines kept one by one.
    pkgs = ["fmt", "os", "io", "sort", "sync", "time", "errors", "strconv", "unicode", "math"]
    lines = ["WORK=/tmp/go-build123", "mkdir -p $WORK/b001/"]
    for k in range(60):
        pkg = pkgs[k % len(pkgs)]
        lines.append(
            f"/usr/lib/go/pkg/tool/linux_amd64/compile -o $WORK/b{k:03}/_pkg_.a -p {pkg}x{k}"
            f" -std -complete /usr/lib/go/src/{pkg}/{pkg}.go /usr/lib/go/src/{pkg}/errors.go"
        )
    lines += ["mv $WORK/b001/exe/a.out hello", "rm -r $WORK/b001/"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    kept = [ln for ln in r.compressed.splitlines() if "errors.go" in ln]
    assert len(kept) <= 3, kept
    assert "mv $WORK/b001/exe/a.out hello" in r.compressed


def test_a_step_start_line_goes_behind_one_marker_its_end_line_stays() -> None:
    """cmake's ``-- Check size of X`` before ``-- Check size of X - done``: the start says
    nothing the end line does not; all starts go behind one marker, whose text is exactly
    them. A start that is an error or warning line stays."""
    checks = ["int", "long", "long long", "size_t", "ssize_t", "off_t", "void *", "__int128"]
    lines = ["-- The C compiler identification is GNU 12.2.0", "-- Detecting C ABI info"]
    lines += ["-- Detecting C ABI info - done", "-- Building for Linux"]
    for what in checks:
        lines += [f"-- Check size of {what}", f"-- Check size of {what} - done"]
    lines += ["-- Looking for a warning flag", "-- Looking for a warning flag - found"]
    lines += [f"[{k:3d}%] Building C object CMakeFiles/yaml.dir/src/f{k}.c.o" for k in range(30)]
    lines += ["-- Configuring done", "-- Generating done", "-- Build files written"]
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="log")
    out = r.compressed
    for what in checks:
        assert f"-- Check size of {what} - done" in out
    assert "-- Looking for a warning flag\n-- Looking for a warning flag - found" in out
    # A start kept as its template's example, before an end line that is not, stays; the
    # others are exactly the marker's text.
    (fold,) = [o for o in r.omitted if "X before each X - done" in o.description]
    starts = ["-- Detecting C ABI info"] + [f"-- Check size of {what}" for what in checks]
    hidden = [line for line in starts if f"\n{line}\n" not in out]
    assert fold.count == len(hidden) >= len(checks) - 1
    assert omitted_text(r, fold.id) == "".join(f"{line}\n" for line in hidden)
    # Every other omission is whole lines of the text.
    for o in r.omitted:
        assert all(line in lines for line in omitted_text(r, o.id).splitlines())


def test_random_base62_tokens_are_ids_names_are_not() -> None:
    for token in ("_INBOX.pU8dg2kAQEDWX2zcgZ9Ox9.pU8dg2kAQEDWX2zcgZ9P6j63dc", "AbC1dE2fG3hI4jK5lM"):
        assert ID_LIKE.search(token), token
    for name in ("Base64EncodedString2", "getHTTP2ServerConfig", "libpython3.11-dev", "x86_64"):
        assert not ID_LIKE.search(name), name


def test_a_protocol_trace_names_its_one_off_subjects_not_its_inbox_ids() -> None:
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    subjects = [f"orders.{w}.created" for w in ("eu", "us", "apac", "latam")] * 15
    subjects[33] = "billing.refund.failed_once"
    lines = ["[1] 2026/12/02 00:11:22.163756 [INF] Starting nats-server", "[1] [INF] Ready", "x"]
    for k, subject in enumerate(subjects):
        nuid = "".join(rng.choice(alphabet) for _ in range(22))
        lines.append(
            f"[1] 2026/12/02 00:11:{k % 60:02d}.25{k:04d} [TRC] 127.0.0.1:5451 - cid:5"
            f" - <<- [PUB {subject} _INBOX.{nuid} {k + 3}]"
        )
    lines += ["[1] [INF] closing", "[1] [INF] bye", "[1] [INF] Server Exiting.."]
    r = compress("\n".join(lines) + "\n", content_type="log")
    assert "billing.refund.failed_once" in r.compressed
    # Inbox ids are one-off by nature: those ID_LIKE takes for random tokens (most of them)
    # are a sample, then "+N more", like measurements.
    listed = re.findall(r"_INBOX\.\w+", r.compressed)
    assert len(listed) < len(subjects) // 2
    assert re.search(r"_INBOX\.\w+, \+\d+ more", r.compressed)


def test_compiler_caret_lines_go_behind_one_marker_the_diagnostics_stay() -> None:
    """gcc's ``      |     ^~~~~`` under a quoted source line points at the column the
    diagnostic's ``file.c:765:30:`` names: all such lines go behind one marker, whose text
    is exactly them; the warnings, notes and source lines stay."""
    lines = ["[  2%] Building C object CMakeFiles/yaml.dir/src/api.c.o", "-- start", "-- go"]
    warnings: list[str] = []
    for k in range(12):
        warning = f"src/api.c:{700 + k}:{k + 3}: warning: unused variable ‘v{k}’ [-Wunused]"
        warnings.append(warning)
        lines += [warning, f"  {700 + k} |     int v{k} = {k};", "      |         ^~" + "~" * k]
    lines += ["[ 50%] Linking C static library libyaml.a", "[100%] Built target yaml", "done"]
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="log")
    out = r.compressed
    for k, warning in enumerate(warnings):
        assert warning in out and f"  {700 + k} |     int v{k} = {k};" in out
    (fold,) = [o for o in r.omitted if "compiler carets" in o.description]
    carets = [line for line in lines if line.lstrip().startswith("|")]
    assert fold.count == len(carets) == 12
    assert omitted_text(r, fold.id) == "".join(f"{line}\n" for line in carets)
    assert "|         ^~" not in out


_SLOT_WORDS = st.sampled_from(["a", "b.", "'c'", "d,", "'e", "x;", "..", "'f'.", '"g"'])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.lists(_SLOT_WORDS, max_size=6), st.integers(0, 2)), max_size=12),
    st.lists(st.integers(0, 4), max_size=4, unique=True).map(sorted),
)
def test_slot_units_column_by_column_as_line_by_line(
    rows: list[tuple[list[str], int]], pos: list[int]
) -> None:
    # _slot_units builds a template's units slot by slot when every line has every slot
    # (a dict display for one or two slots, dict(zip()) for more):
    # the same units as the plain loop (a line too short for a slot has no value there).
    from transforms._logs import _slot_units, _slot_value

    tokens = [toks for toks, _ in rows]
    skips = [skip for _, skip in rows]
    expected = [
        {f"*{m + 1}": _slot_value(toks[p + s]) for m, p in enumerate(pos) if p < len(toks) - s}
        for toks, s in rows
    ]
    got, columns = _slot_units(pos, list(range(len(rows))), tokens, skips)
    assert [list(u.items()) for u in got] == [list(u.items()) for u in expected]
    # The columns it hands Population.of (when every line has every slot) are the units'
    # values slot by slot: the same population as one counted from the units.
    if columns is not None:
        assert list(columns) == [f"*{m + 1}" for m in range(len(pos))]
        assert all(columns[name] == [u[name] for u in got] for name in columns)
        from transforms._rarity import Population

        assert Population.of(got, columns=columns).counts == Population.of(got).counts


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40), st.binary(max_size=40))
def test_keep_examples_template_by_template_as_line_by_line(cids: list[int], kept: bytes) -> None:
    # _keep_examples marks each template's first line and every line of a rare template
    # (at most RARE_COUNT lines) as the per-line loop it replaced did; other marks stay.
    from transforms._logs import RARE_COUNT, _keep_examples

    start = bytearray(kept[k] % 2 if k < len(kept) else 0 for k in range(len(cids)))
    expected = bytearray(start)
    seen: set[int] = set()
    for k, cid in enumerate(cids):
        if cid not in seen:
            seen.add(cid)
            expected[k] = 1
        elif cids.count(cid) <= RARE_COUNT:
            expected[k] = 1
    members: dict[int, list[int]] = {}
    for k, cid in enumerate(cids):
        members.setdefault(cid, []).append(k)
    got = bytearray(start)
    _keep_examples(members, got)
    assert got == expected


def test_short_runs_between_warnings_share_one_marker_naming_all_they_hide() -> None:
    # pip -v: a warning per package, and between two warnings the package's Collecting,
    # Downloading and progress lines. A marker per three-line run repeats its overhead; one
    # marker for all of them, where the first was, names every package and wheel they hide.
    pkgs = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]
    lines = ["Using pip 23.2.1 from /v/lib/python3.11/site-packages/pip (python 3.11)"]
    lines += ["Looking in links: /opt/wheels", "Collecting demo"]
    for k, p in enumerate(pkgs):
        lines.append(f"WARNING: Location 'file:///opt/idx/{p}/' is ignored: it is not a directory.")
        lines.append(f"Collecting {p}>=1.{k} (from demo)")
        lines.append(f"  Downloading {p}-1.{k}.3-py3-none-any.whl ({k + 10} kB)")
        lines.append(f"     {'━' * 38} {k + 10}.2/{k + 10}.2 kB {k + 40}.5 MB/s eta 0:00:00")
    lines += ["Installing collected packages: " + ", ".join(pkgs), "Successfully installed demo"]
    lines += ["done"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    # (The progress bars, drawn to their end, are behind a marker of their own.)
    assert sum(1 for o in r.omitted if o.kind == "lines" and "bars" not in o.description) == 1
    assert "here and between the lines below" in out
    for k, p in enumerate(pkgs):
        assert f"WARNING: Location 'file:///opt/idx/{p}/'" in out
        assert f"{p}>=1.{k}" in out and f"{p}-1.{k}.3-py3-none-any.whl" in out


def test_a_merged_marker_names_what_later_markers_count_named_above() -> None:
    # pip -v with a warning per package: the short runs between warnings go behind one marker
    # (merged from their own deferred ones). One of them names the parent requirement
    # ipykernel>=6.14->jupyter-console (a common value, listed within the budget there); the
    # requirements collected last, a run of their own, count it as "+1 named above". The
    # merged marker, with far more parents than its budget, may not cut it: a value counted
    # as named above is written in the output.
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike"
    pkgs = [w + sfx for sfx in ("", "-utils", "-tools") for w in words.split()]
    parent = "ipykernel>=6.14->jupyter-console"
    lines = ["Using pip 23.2.1 from /v/lib/python3.11/site-packages/pip (python 3.11)"]
    lines += ["Looking in links: /opt/wheels", "Collecting jupyter-console"]
    for k, p in enumerate(pkgs):
        lines.append(f"WARNING: Location 'file:///opt/idx/{p}/' is ignored: it is not a directory.")
        by = parent if k % 8 == 3 else f"{pkgs[(k * 7) % len(pkgs)]}-core>=2.{k}->jupyter-console"
        lines.append(f"Collecting {p}>=1.{k} (from {by})")
        if by == parent:
            lines.append(f"Collecting {p}-dep>=0.{k} (from {p}>=1.{k}->{parent})")
        lines.append(f"  Downloading {p}-1.{k}.3-py3-none-any.whl ({k + 10} kB)")
    lines.append("Collecting jupyter-console-extras")
    for k, p in enumerate(pkgs[:12]):
        by = parent if k % 3 == 0 else f"{p}-x>=4.{k}->jupyter-console"
        lines.append(f"Collecting {p}-extra>=3.{k} (from {by})")
    lines += ["Installing collected packages: " + ", ".join(pkgs), "done"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    merged = [o for o in r.omitted if "here and between the lines below" in o.description]
    assert merged and merged[0].count > 50
    later = [o for o in r.omitted if o.id != merged[0].id and "named above" in o.description]
    assert later and "-extra>=3.0" in later[0].description
    # Said as a value of its own (not only inside another parent: "delta>=1.3->ipykernel…").
    own = re.compile(r"(?:^|[\s(:,])" + re.escape(parent + ")") + r"(?:×\d+)?(?:[,;)]|$)", re.M)
    assert own.search(r.compressed)


# A log whose short run between two warnings is deferred when the next marker id is o9 and
# marked once ids have reached o10 (found by a fuzz probe, shrunk line by line).
_DEFERRED_ID_GROWS = [
    "Collecting ok>=8.7 (from demo)",
    "a.b.c.6",
    "  Downloading 9-1.5.whl (85 kB)",
    "Collecting id>=6.4 (from demo)",
    "Collecting q_1>=4.8 (from demo)",
    "Collecting x>=2.4 (from demo)",
    "Collecting a-b>=4.3 (from demo)",
    "INFO served /api/20 in 96ms",
    "  Downloading x-1.37.whl (88 kB)",
    "  Downloading alpha-1.48.whl (7 kB)",
    "INFO served /api/17 in 54ms",
    "WARNING: thing y.z9 is odd: a-b 224",
    "  Downloading bravo-1.62.whl (65 kB)",
    "a.b.c.8",
    "a.b.c.8",
    "Collecting a-b>=6.0 (from demo)",
    "WARNING: thing ok11 is odd: alpha 155",
    "a.b.c.8",
    "  Downloading bravo-1.47.whl (32 kB)",
    "  Downloading k=v-1.41.whl (31 kB)",
    "WARNING: thing y.z15 is odd: ok 817",
    "WARNING: thing 918 is odd: ok 109",
    "  Downloading a-b-1.1.whl (21 kB)",
    "  Downloading a-b-1.90.whl (52 kB)",
    "Collecting alpha>=2.3 (from demo)",
    "WARNING: thing 921 is odd: alpha 898",
    "a.b.c.3",
    "a.b.c.5",
    "Collecting 9>=6.6 (from demo)",
    "a.b.c.1",
    "Collecting q_1>=8.2 (from demo)",
    "  Downloading ok-1.81.whl (59 kB)",
    "  Downloading bravo-1.75.whl (87 kB)",
    "  Downloading k=v-1.45.whl (13 kB)",
    "a.b.c.2",
    "WARNING: thing ok22 is odd: x 193",
    "INFO served /api/88 in 49ms",
    "a.b.c.0",
    "  Downloading alpha-1.89.whl (51 kB)",
    "  Downloading alpha-1.31.whl (4 kB)",
    "WARNING: thing y.z29 is odd: alpha 959",
    "a.b.c.8",
    "Collecting a-b>=4.0 (from demo)",
    "WARNING: thing ok30 is odd: alpha 734",
    "  Downloading bravo-1.3.whl (70 kB)",
    "WARNING: thing alpha31 is odd: y.z 769",
    "  Downloading x-1.43.whl (97 kB)",
    "WARNING: thing 932 is odd: x 357",
    "  Downloading a-b-1.37.whl (7 kB)",
    "WARNING: thing y.z33 is odd: ok 890",
    "INFO served /api/67 in 93ms",
    "WARNING: thing ok37 is odd: x 507",
    "a.b.c.0",
    "a.b.c.4",
    "a.b.c.9",
    "Collecting 9>=0.9 (from demo)",
    "a.b.c.1",
    "INFO served /api/56 in 69ms",
    "a.b.c.2",
    "a.b.c.6",
    "  Downloading bravo-1.15.whl (56 kB)",
    "done",
    "end",
]


def test_a_deferred_marker_whose_id_gains_a_digit_is_never_longer_than_its_lines() -> None:
    # A deferred run's marker is written after later markers took ids: its id can have one
    # digit more than the one counted when the run was deferred. It still saves (characters
    # and tokens: compress() checks every marker), or the lines are shown.
    text = "\n".join(_DEFERRED_ID_GROWS) + "\n"
    r = compress(text, content_type="log")
    assert len(r.omitted) >= 10  # ids with two digits
    # This run's marker, with its final id, is as long as its lines: they are shown.
    run = "  Downloading bravo-1.75.whl (87 kB)\n  Downloading k=v-1.45.whl (13 kB)\na.b.c.2\n"
    assert run in r.compressed


def test_severe_tokens_found_by_their_stems_as_by_a_whole_scan() -> None:
    """_scan runs _SEVERE and _PHRASE_HEAD only on tokens holding one of their stems (found in
    the lowercased tokens): the same tokens as the patterns find in all of them, also where
    case-insensitive matching takes a character for another (Kelvin K, dotless ı, long ſ)."""
    from bisect import bisect_right
    from itertools import accumulate

    from transforms._logs import (
        _PHRASE_HEAD,
        _PHRASE_STEMS,
        _SEVERE,
        _SEVERE_STEMS,
        _tokens_found,
    )

    words = [
        "error", "ERR:", "xerror", "E1234", "W0001", "E١٢٣٤", "e1234", "WARNING", "-Werror",
        "timeout", "failſ", "\u212aILLED", "crıtical", "refuſed", "İİ", "OOM", "alerted",
        "traceba\u212a", "EMERG", "crit", "(timed", "xtimed", "Segmentation", "ſegmentation",
        "abort", "x", "panicked", "Exception:",
        # every other word _SEVERE knows (its stems are a second list kept beside it):
        "SEVERE", "WRN", "CRIT", "ALERT", "denied", "fatal", "failed", "failure", "warn",
        "Traceback", "exceptions", "errors", "Killed", "aborted", "critical", "refused",
    ]  # fmt: skip
    rng = random.Random(3)
    for _ in range(400):
        toks = list(dict.fromkeys(rng.choice(words) + rng.choice(["", "s", "_"]) for _ in range(5)))
        if rng.random() < 0.5:
            toks = [t for t in toks if not set(t) & set("İıſ")] or ["x"]
        joined = "\n".join(toks)
        starts = list(accumulate((len(t) + 1 for t in toks), initial=0))
        for pattern, stems in ((_SEVERE, _SEVERE_STEMS), (_PHRASE_HEAD, _PHRASE_STEMS)):
            whole = {toks[bisect_right(starts, m.start()) - 1] for m in pattern.finditer(joined)}
            assert _tokens_found(pattern, stems, joined, joined.lower(), toks, starts) == whole
