from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from tests.transforms.test_rarity import SETTINGS
from transforms import MARKER_RE, detect_content_type

_HIT = re.compile(r"([^:\s][^:]*):(\d+):(.*)")


def _hits(text: str) -> list[tuple[str, int, str]]:
    return [
        (m.group(1), int(m.group(2)), m.group(3)) for m in map(_HIT.match, text.splitlines()) if m
    ]


def _places(out: str, path: str) -> set[int]:
    """Line numbers the output gives for ``path`` as ``path:12`` or ``path:12,40``."""
    found: set[int] = set()
    for m in re.finditer(re.escape(path) + r":(\d+(?:,\d+)*)", out):
        found.update(int(n) for n in m.group(1).split(","))
    return found


def _per_file(hits: list[tuple[str, int, str]]) -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = {}
    for path, line, body in hits:
        out.setdefault(path, []).append((line, body))
    return out


def test_grep_rn_names_every_file_and_shows_single_hits() -> None:
    text = read("grep-rn.txt")
    assert detect_content_type(text) == "search"
    r = compress(text)
    assert r.transforms == ("search_by_file",) and r.savings_percent > 80
    hits = _hits(text)
    per_file = _per_file(hits)
    assert f"[search: {len(hits)} matches in {len(per_file)} files]" in r.compressed
    lines = r.compressed.splitlines()
    markers = {o.id: o for o in r.omitted}
    hidden = 0
    for path, found in per_file.items():
        if len(found) == 1:
            ((line, body),) = found
            assert f"{path}:{line}:{body.lstrip()}" in lines
            continue
        (head,) = [ln for ln in lines if f"{path}:" in ln or f"{path} (" in ln]
        if head == f"{path} ({len(found)} matches):":
            for line, body in found:
                assert f"{line}:{body.lstrip()}" in lines
            continue
        # Files with many matches: named with their counts before one marker, whose omission
        # is exactly their lines.
        (m,) = MARKER_RE.finditer(head)
        o = markers[m.group(2)]
        if head.startswith(f"{path}: "):
            assert o.description.startswith(f"{len(found)} matches at lines {found[0][0]}")
            assert str(found[-1][0]) in o.description
        elif len(found) <= 3:
            assert f"{path}:{','.join(str(ln) for ln, _ in found)}" in head
        else:
            assert f"{path} ({len(found)})" in head
        assert "".join(f"{path}:{ln}:{b}\n" for ln, b in found) in omitted_text(r, o.id)
        hidden += len(found)
    assert hidden == sum(o.count for o in r.omitted)
    # An omission's text is whole lines, each with its newline.
    assert all(omitted_text(r, o.id).endswith("\n") for o in r.omitted)


def test_grep_context_lines_go_behind_one_marker() -> None:
    text = read("grep-C2.txt")
    assert detect_content_type(text) == "search"
    r = compress(text)
    assert r.savings_percent > 50
    for path, found in _per_file(_hits(text)).items():
        assert path in r.compressed
        if len(found) == 1:
            assert f"{path}:{found[0][0]}:{found[0][1].lstrip()}" in r.compressed
    # No context line (path-line-text) is left in the output; they are all in omissions.
    context = [ln for ln in text.splitlines() if re.match(r"\S+-\d+-", ln)]
    assert context and not any(ln in r.compressed for ln in context if len(ln) > 40)
    hidden = "".join(omitted_text(r, o.id) for o in r.omitted)
    assert all(ln in hidden for ln in context)
    (ctx,) = [o for o in r.omitted if o.kind == "context"]
    assert ctx.description.startswith(f"{ctx.count} context lines of the shown matches")


def test_files_sharing_one_match_text_are_listed_once() -> None:
    files = [f"src/mod{k}.c" for k in range(6)]
    text = "".join(f"{p}:{10 + k}:    return ENOMEM;\n" for k, p in enumerate(files))
    text += "src/other.c:7:    free(buf);\n"
    text += "src/two.c:3:    return ENOMEM;\nsrc/two.c:9:    return ENOMEM;\n"
    r = compress(text, content_type="search")
    out = r.compressed
    assert out.count("return ENOMEM;") == 1, out
    lines = out.splitlines()
    (at,) = [k for k, ln in enumerate(lines) if "return ENOMEM;" in ln]
    assert lines[at] == "8 matches in 7 files: return ENOMEM;"
    places = lines[at + 1]
    for k, p in enumerate(files):
        assert f" {p}:{10 + k}," in places
    assert places.endswith(" src/two.c:3,9")
    assert "src/other.c:7:free(buf);" in out


def test_ripgrep_heading_mode() -> None:
    groups: dict[str, list[tuple[int, str]]] = _per_file(_hits(read("grep-rn.txt")))
    text = "\n\n".join(p + "\n" + "\n".join(f"{a}:{b}" for a, b in v) for p, v in groups.items())
    text += "\n"
    assert detect_content_type(text) == "search"
    r = compress(text)
    assert r.transforms == ("search_by_file",)
    for path, v in groups.items():
        assert path in r.compressed
        if len(v) == 1:
            assert f"{path}:{v[0][0]}:{v[0][1].lstrip()}" in r.compressed


@SETTINGS
@given(
    files=st.integers(2, 25),
    per_file=st.integers(1, 30),
    where=st.floats(0, 1),
    context=st.booleans(),
    numbered=st.booleans(),
    rare=st.sampled_from(["raise ProtocolViolation(code)", "return EOVERFLOW;", "# XXX race"]),
)
def test_rare_match_text_among_similar_ones_is_shown_or_named(
    files: int, per_file: int, where: float, context: bool, numbered: bool, rare: str
) -> None:
    """N similar hits (one template, numbers varying; with line numbers and -C context or
    without line numbers) with one rare text injected anywhere: it is shown, or named in
    the marker that hides it."""
    context = context and numbered
    hits = [
        (f"lib/part_{f}/impl.c", 20 + k * 9, f"    ret = read_chunk(fd, {k % 5});")
        for f in range(files)
        for k in range(per_file)
    ]
    at = min(len(hits) - 1, int(where * len(hits)))
    path, line, _ = hits[at]
    hits[at] = (path, line, "    " + rare)
    out: list[str] = []
    for p, ln, t in hits:
        if context:
            out.append(f"{p}-{ln - 1}-    /* before */")
        out.append(f"{p}:{ln}:{t}" if numbered else f"{p}:{t}")
        if context:
            out.append(f"{p}-{ln + 1}-    /* after */")
            out.append("--")
    r = compress("\n".join(out) + "\n", content_type="search")
    assert rare in r.compressed, (at, r.compressed[:3000])


@SETTINGS
@given(
    layout=st.lists(
        st.tuples(st.integers(1, 12), st.integers(0, 3), st.booleans()), min_size=3, max_size=40
    ),
    context=st.booleans(),
    numbered=st.booleans(),
)
def test_every_file_named_and_every_match_shown_or_omitted(
    layout: list[tuple[int, int, bool]], context: bool, numbered: bool
) -> None:
    """Random files (match count, text variety, directory; with line numbers and -C context or
    without): every file is named, a file with one match keeps its text, and every match is
    in the output or in exactly one omission."""
    context = context and numbered
    texts = ["return ENOMEM;", "err = ENOMEM;", "goto fail;", "x = alloc(n);"]
    out: list[str] = []
    per_file: dict[str, list[tuple[int, str]]] = {}
    for f, (count, variety, nested) in enumerate(layout):
        path = f"src/{'sub/' if nested else ''}file_{f}.c"
        for k in range(count):
            body = texts[(f + k) % (variety + 1)] if variety else f"call_{f}_{k}(ctx);"
            line = 10 + 5 * k
            per_file.setdefault(path, []).append((line, body))
            if context:
                out.append(f"{path}-{line - 1}-    /* {k} */")
            out.append(f"{path}:{line}:    {body}" if numbered else f"{path}:    {body}")
            if context:
                out.append("--")
    text = "\n".join(out) + "\n"
    r = compress(text, content_type="search")
    if r.compressed == text:
        return  # nothing paid (tiny input): returned as it was
    hidden = "".join(omitted_text(r, o.id) for o in r.omitted)
    for path, found in per_file.items():
        assert path in r.compressed
        if len(found) == 1:
            assert found[0][1] in r.compressed
        for line, body in found:
            if not numbered:
                hit = f"{path}:    {body}\n"
                assert hit in hidden or body in r.compressed, (hit, r.compressed[:2000])
                continue
            hit = f"{path}:{line}:    {body}\n"
            shown = f"{line}:{body}" in r.compressed or line in _places(r.compressed, path)
            assert shown or hit in hidden, (hit, r.compressed[:2000])
            assert hidden.count(hit) <= 1


def test_hits_without_line_numbers() -> None:
    """``grep -r`` without ``-n`` and ``rg`` into a pipe print ``path:text``: grouped the same
    way, every file named, a file's one match kept as it was (indentation dropped)."""
    hits = _hits(read("grep-rn.txt"))
    text = "".join(f"{path}:{body}\n" for path, _, body in hits)
    assert detect_content_type(text) == "search"
    r = compress(text)
    assert r.transforms == ("search_by_file",) and r.savings_percent > 70
    hidden = "".join(omitted_text(r, o.id) for o in r.omitted)
    for path, found in _per_file(hits).items():
        assert path in r.compressed
        if len(found) == 1:
            assert f"{path}:{found[0][1].lstrip()}" in r.compressed.splitlines()
        else:
            assert all(f"{path}:{b}\n" in hidden or b.strip() in r.compressed for _, b in found)


def test_module_name_log_lines_are_not_search_hits() -> None:
    """``pkg/mod.py: message`` lines that come back to a name after others are a log's, not
    grep's (grep lists each file's hits together)."""
    names = ["app/db.py", "app/http.py", "app/cache.py"]
    text = "".join(f"{names[k % 3]}: request {k} handled in {k * 3} ms\n" for k in range(30))
    assert detect_content_type(text) != "search"


_PATHS = st.sampled_from(["a/x.py", "a/y.c", "b-1/z.txt", "x.py"])
_ANY_LINE = st.one_of(
    st.builds(lambda p, n, t: f"{p}:{n}:{t}", _PATHS, st.integers(0, 999), st.text(max_size=30)),
    st.builds(lambda p, n, t: f"{p}-{n}-{t}", _PATHS, st.integers(0, 999), st.text(max_size=30)),
    st.builds(lambda p, t: f"{p}:{t}", _PATHS, st.text(max_size=30)),
    st.sampled_from(["--", "", "a/x.py", "src/lib/"]),
    st.builds(lambda n, t: f"{n}:{t}", st.integers(1, 99), st.text(max_size=20)),
    st.text(max_size=40),
)


@SETTINGS
@given(lines=st.lists(_ANY_LINE, min_size=1, max_size=60), newline=st.booleans())
def test_any_mix_of_search_like_lines_compresses_within_the_invariants(
    lines: list[str], newline: bool
) -> None:
    """Hits, context lines, separators, headings, bare hits and other lines in any order:
    never an exception, and every result keeps the invariants (_check.check_result)."""
    text = "\n".join(" ".join(ln.splitlines()) for ln in lines) + ("\n" if newline else "")
    compress(text, content_type="search")
    compress(text)


def test_every_file_with_one_match_is_still_search_output() -> None:
    """grep -rn where no path repeats (one match per file) is search output when every path
    names a directory; the heading form's blank lines between groups are dropped."""
    text = "".join(f"pkg_{k}/__init__.py:{k + 3}:__version__ = '1.{k}'\n" for k in range(12))
    assert detect_content_type(text) == "search"
    r = compress(text)
    for k in range(12):
        assert f"pkg_{k}/__init__.py:{k + 3}:__version__ = '1.{k}'" in r.compressed
    heading = "".join(f"src/m{k}.c\n{k + 1}:lock(&m);\n{k + 9}:lock(&m);\n\n" for k in range(9))
    assert detect_content_type(heading) == "search"
    out = compress(heading).compressed
    assert "\n\n" not in out and all(f"src/m{k}.c" in out for k in range(9))


def test_grep_rn_and_heading_outputs_one_after_the_other_are_search() -> None:
    flat = read("grep-rn.txt")
    groups = _per_file(_hits(flat))
    heading = "\n\n".join(p + "\n" + "\n".join(f"{a}:{b}" for a, b in v) for p, v in groups.items())
    assert detect_content_type(heading + "\n" + flat) == "search"
    assert detect_content_type(flat + heading + "\n") == "search"


@SETTINGS
@given(
    files=st.integers(1, 12),
    per_file=st.integers(2, 60),
    where=st.floats(0, 1),
    style=st.sampled_from(["ruff", "mypy"]),
)
def test_a_checkers_one_off_rule_code_is_named(
    files: int, per_file: int, where: float, style: str
) -> None:
    """Checker output (ruff/flake8 ``path:line:col: CODE msg``, mypy ``path:line: error: msg
    [code]``) read as search hits: a rule code found once is shown or named in a marker,
    even among messages that all differ."""
    rows = [
        (f"pkg/m{f}.py", 3 + 4 * k, f"name_{f}_{k}") for f in range(files) for k in range(per_file)
    ]
    at = min(len(rows) - 1, int(where * len(rows)))

    def line(path: str, ln: int, name: str, rare: bool) -> str:
        if style == "ruff":
            code = "B006" if rare else "E501"
            return f"{path}:{ln}:5: {code} Line too long in `{name}` ({ln + 80} > 88)"
        code = "union-attr" if rare else "no-untyped-def"
        return f'{path}:{ln}: error: Function "{name}" is missing a type annotation  [{code}]'

    text = "".join(line(p, ln, n, k == at) + "\n" for k, (p, ln, n) in enumerate(rows))
    r = compress(text, content_type="search")
    assert ("B006" if style == "ruff" else "union-attr") in r.compressed, r.compressed[:2000]


def test_counts_per_file_are_not_matches() -> None:
    """``grep -rc`` / ``rg -c`` print ``path:count``: never read as one match whose text is
    the count (files with equal counts would be listed as sharing a match text)."""
    text = "".join(f"src/mod_{k}/impl.c:{k % 3 + 1}\n" for k in range(12))
    r = compress(text)
    assert r.content_type != "search" or "matches in" not in r.compressed
    for k in range(12):
        assert f"src/mod_{k}/impl.c:{k % 3 + 1}" in r.compressed or r.omitted


def test_a_shown_hit_keeps_its_column() -> None:
    lines = [f"src/a{k}/m.py:{k + 1}:{k + 5}:    x = call_{k}(y)" for k in range(6)]
    r = compress("\n".join(lines) + "\n", content_type="search")
    for k in range(6):
        assert f"src/a{k}/m.py:{k + 1}:{k + 5}:x = call_{k}(y)" in r.compressed


def test_heading_groups_of_top_level_files() -> None:
    """``git grep --heading`` without ``--break``: a top-level file's path (no directory)
    starts its own group; its hits are not given to the file above."""
    text = "src/a.py\n" + "".join(f"{k * 4 + 3}:    lock(mutex_{k});\n" for k in range(9))
    text += "README.md\n5:call lock(m) first\n"
    text += "src/b.py\n" + "".join(f"{k * 5 + 1}:    lock(mutex_{k});\n" for k in range(9))
    assert detect_content_type(text) == "search"
    r = compress(text, content_type="search")
    assert "[search: 19 matches in 3 files]" in r.compressed, r.compressed
    assert "README.md:5:call lock(m) first" in r.compressed


def test_a_files_one_long_match_stays_whole() -> None:
    """A paragraph on one line (documentation) found once in its file is kept whole; a
    minified line far longer keeps its head, the tail behind a marker."""
    para = "The lock must be held " + " ".join(f"while step {k} runs" for k in range(40))
    assert 600 < len(para) < 1000
    minified = "var a=1;" * 2000
    text = f"docs/guide.md:12:{para}\nsrc/app.min.js:1:{minified}\n"
    text += "".join(f"src/m{k}/x.c:{k}:lock(m);\n" for k in range(5))
    r = compress(text, content_type="search")
    assert f"docs/guide.md:12:{para}" in r.compressed
    assert minified not in r.compressed and "more chars of a long line" in r.compressed


def test_one_off_texts_that_are_the_norm_do_not_flood_markers() -> None:
    """grep over a big tree: hundreds of one-off texts among repeating ones. They are not
    exceptions a reader must see each of: markers list them rarest first within their budgets
    (a few dozen such exceptions are still named whatever the budget, see the property
    tests)."""
    rows = []
    for f in range(60):
        for k in range(30):
            body = "raise ValueError(msg)" if k % 3 else f"raise Error{f}_{k}('case {f}.{k}')"
            rows.append(f"lib/pkg{f % 7}/mod_{f}.py:{10 + k}:        {body}")
    r = compress("\n".join(rows) + "\n", content_type="search")
    assert r.savings_percent > 85
    assert all(len(o.description) < 400 for o in r.omitted), max(
        len(o.description) for o in r.omitted
    )
    assert all(f"lib/pkg{f % 7}/mod_{f}.py" in r.compressed for f in range(60))


def test_heading_groups_keep_columns() -> None:
    """rg --heading --column: ``line:col:text`` under each path; a file's one match keeps
    its column."""
    text = "".join(f"src/m{k}.py\n{k + 2}:{k + 7}:    value = compute_{k}(x)\n\n" for k in range(8))
    r = compress(text, content_type="search")
    for k in range(8):
        assert f"src/m{k}.py:{k + 2}:{k + 7}:value = compute_{k}(x)" in r.compressed


def test_binary_file_notes_are_listed_on_one_line() -> None:
    hits = "".join(f"pkg/m{k}.py:{k + 1}:    raise Error{k}()\n" for k in range(6))
    notes = "".join(
        f"grep: pkg/__pycache__/m{k}.cpython-311.pyc: binary file matches\n" for k in range(6)
    )
    text = hits + notes + "Binary file pkg/data.bin matches\n"
    assert detect_content_type(text) == "search"
    r = compress(text)
    (line,) = [ln for ln in r.compressed.splitlines() if ln.startswith("binary files that match")]
    assert line.startswith("binary files that match (7): pkg/__pycache__/m0.cpython-311.pyc, ")
    assert all(f"pkg/__pycache__/m{k}.cpython-311.pyc" in line for k in range(6))
    assert line.endswith(", pkg/data.bin") and "grep:" not in r.compressed


def test_a_long_match_line_keeps_a_window_around_each_occurrence() -> None:
    """A minified line of 5,000 characters with the searched name 4 times: its path and line
    number, and the name with its surroundings at the first 3 occurrences; the parts between
    them behind markers (restorable), the last naming the 1 more occurrence it holds."""
    filler = [f"var v{k}=f({k});" * 80 for k in range(5)]
    spots = [f"throw new ParseError(e{k})" for k in range(4)]
    minified = "".join(f + s for f, s in zip(filler, [*spots, ""], strict=True))
    assert 4800 < len(minified) < 5600 and minified.count("ParseError") == 4
    text = f"dist/lib.min.js:1:{minified}\n"
    text += "".join(
        f"src/m{k}.js:{k + 3}:class ParseError extends Error {{}} // {k}\n" for k in range(4)
    )
    r = compress(text, content_type="search")
    out = r.compressed
    assert "dist/lib.min.js:1:" in out
    for k in range(3):
        at = minified.index(spots[k])
        assert minified[at - 20 : at + len(spots[k]) + 20] in out, out
    assert spots[3] not in out
    assert "1 more of 'ParseError'" in out
    shown = next(ln for ln in out.splitlines() if ln.startswith("dist/lib.min.js:1:"))
    ids = re.findall(r"id=(o\d+)", shown)
    assert len(ids) == 4  # before the first window, between the three, and the tail
    restored = shown[len("dist/lib.min.js:1:") :]
    for oid in ids:
        marker = next(m.group(0) for m in MARKER_RE.finditer(restored) if m.group(2) == oid)
        restored = restored.replace(marker, omitted_text(r, oid), 1)
    assert restored.replace("… ", "").replace(" …", "") == minified


def test_one_match_line_does_not_tell_its_term() -> None:
    """With a single match the searched term is unknown: a long line keeps its head."""
    minified = "x=g(1);" * 1000 + "ParseError"
    r = compress(f"dist/lib.min.js:1:{minified}\n", content_type="search")
    assert minified[:200] in r.compressed and "more chars of a long line" in r.compressed


def test_the_searched_term_is_read_without_indentation() -> None:
    """The shortest match text tells the term; its indentation does not make it longer (the
    benchmark's fact rule reads stripped texts)."""
    from transforms._search import _term

    assert _term(["        ParseError;", "xParseErrors1"]) == "parseerror"
    assert _term(["one ParseError"]) is None
