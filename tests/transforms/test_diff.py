from __future__ import annotations

import re

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import MARKER_RE, detect_content_type


def test_git_log_p_keeps_every_header() -> None:
    text = read("git-log-p.txt")
    assert detect_content_type(text) == "diff"
    r = compress(text)
    assert r.transforms == ("diff_hunks",) and r.savings_percent > 20
    # A diff --git line may end with the marker of its file's context lines.
    kept = {MARKER_RE.sub("", ln).rstrip(" ") for ln in r.compressed.splitlines()}
    kept |= set(r.compressed.splitlines())
    for line in text.splitlines():
        if re.match(r"commit [0-9a-f]{40}|Author: |Date: |diff --git |new file mode |@@ ", line):
            assert line in kept, line
    # Changed lines are kept, but for the middle of a new file's 60+ lines, whose marker
    # says how many added lines it hides; index and ---/+++ lines are one omission.
    cut = set()
    for o in r.omitted:
        hidden = "\n".join(r.original[s:e] for s, e in o.spans).splitlines()
        if "added line" in o.description:
            assert len(hidden) == o.count and all(ln.startswith("+") for ln in hidden)
            cut.update(hidden)
        elif o.kind == "file headers":
            assert all(re.match(r"index |--- |\+\+\+ ", ln) for ln in hidden), hidden
            assert len(hidden) == o.count
        else:
            assert "context line" in o.description
            assert all(ln[:1] in (" ", "") for ln in hidden)
    for line in text.splitlines():
        if line[:1] in "+-" and not line.startswith(("+++", "---")):
            assert line in kept or line in cut, line


def test_index_and_repeated_path_lines_are_one_omission() -> None:
    """The index lines and the ---/+++ lines that repeat their diff --git paths (or say
    /dev/null beside a new file mode line) are one omission, marked once; the diff --git,
    new file mode and hunk header lines stay."""
    text = read("git-log-p.txt")
    r = compress(text)
    headers = [ln for ln in text.splitlines() if re.match(r"index |--- |\+\+\+ ", ln)]
    (o,) = [o for o in r.omitted if o.kind == "file headers"]
    assert o.count == len(headers) == 15
    assert omitted_text(r, o.id) == "".join(headers)
    assert r.compressed.count(f"id={o.id}]") == 1
    assert not any(ln in r.compressed.splitlines() for ln in headers)


def test_plain_unified_diff_keeps_its_file_headers() -> None:
    """Without diff --git lines the ---/+++ lines are the file headers: kept, and the
    context marker ends the +++ line."""
    import difflib

    old = read("git-log-p.txt").splitlines(keepends=True)[:120]
    new = [ln.replace("_sections", "_split_sections") for ln in old]
    text = "".join(difflib.unified_diff(old, new, "a/git-log-p.txt", "b/git-log-p.txt"))
    r = compress(text)
    lines = r.compressed.splitlines()
    assert lines[0] == "--- a/git-log-p.txt"
    assert MARKER_RE.sub("", lines[1]).rstrip() == "+++ b/git-log-p.txt"
    assert [o.kind for o in r.omitted] == ["context"]
    assert MARKER_RE.search(lines[1])


def test_context_of_a_file_is_one_omission_on_its_diff_git_line() -> None:
    text = read("git-log-p.txt").split("\ncommit ", 1)[0]  # one commit, one file, 6 hunks
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "context"]
    (line,) = [ln for ln in r.compressed.splitlines() if f"id={o.id}]" in ln]
    assert line.startswith("diff --git a/transforms/_route.py b/transforms/_route.py [omitted")
    assert all(not MARKER_RE.search(ln) for ln in r.compressed.splitlines() if ln[:2] == "@@")


def _new_file_patch(n: int) -> str:
    body = "".join(f"+line {i} of the generated table\n" for i in range(n))
    return (
        "diff --git a/gen/table.txt b/gen/table.txt\n"
        "new file mode 100644\n"
        "index 0000000..1111111\n"
        "--- /dev/null\n"
        "+++ b/gen/table.txt\n"
        f"@@ -0,0 +1,{n} @@\n" + body
    )


def test_huge_added_run_keeps_head_and_tail() -> None:
    text = _new_file_patch(500) + read("git-log-p.txt").split("\n\ndiff --git", 1)[0]
    r = compress(text)
    assert "+line 0 of the generated table" in r.compressed
    assert "+line 499 of the generated table" in r.compressed
    assert "+line 250 of the generated table" not in r.compressed
    (o,) = [o for o in r.omitted if "added line" in o.description]
    assert o.count == 500 - 16 - 6
    assert omitted_text(r, o.id).startswith("+line 16 ")


def test_diff_with_fences_in_changed_lines_is_still_a_diff() -> None:
    text = read("git-log-p.txt") + "".join(f"+```python\n+print({i})\n+```\n" for i in range(3))
    assert detect_content_type(text) == "diff"


def _unified(name: str, old: list[str], new: list[str]) -> str:
    import difflib

    head = f"diff --git a/{name} b/{name}\nindex 1a2b3c4..5d6e7f8 100644\n"
    return head + "".join(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"))


def test_huge_hunk_of_interleaved_changes_keeps_its_first_and_last_changes() -> None:
    """A regenerated data file: every other line changed, so no run is long but the hunk
    is huge. Its first 16 and last 6 changed lines stay; the marker between them counts the
    removed, added and context lines it hides."""
    old = read("umath-log10.csv").splitlines(keepends=True)
    new = [ln.replace("0x", "0X") if k % 2 else ln for k, ln in enumerate(old)]
    text = _unified("umath-log10.csv", old, new)
    r = compress(text)
    changed = [ln for ln in text.splitlines() if ln[:1] in "+-" and ln[:3] not in ("---", "+++")]
    assert len(changed) > 300
    out = r.compressed.splitlines()
    for ln in changed[:16] + changed[-6:]:
        assert ln in out
    (o,) = [o for o in r.omitted if o.kind == "hunk middle"]
    hidden = omitted_text(r, o.id)
    removed = sum(ln.startswith("-") for ln in changed[16:-6])
    added = sum(ln.startswith("+") for ln in changed[16:-6])
    assert o.description.startswith(f"{removed} removed and {added} added lines, ")
    assert all(ln in hidden for ln in changed[16:-6])
    assert r.savings_percent > 80


def test_base64_runs_are_marked() -> None:
    """An added signature or key (base64 lines) is marked; the lines around it stay."""
    import base64

    data = base64.encodebytes(read("ubuntu.csv").encode()).decode().splitlines(keepends=True)
    data = data[:13]  # the length of a PGP signature's armour
    new = ["-----BEGIN PGP SIGNATURE-----\n", "\n", *data, "-----END PGP SIGNATURE-----\n"]
    text = _unified("sig/release.asc", [], new)
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "lines"]
    assert o.description == f"{len(data)} added lines of encoded data"
    assert "+-----BEGIN PGP SIGNATURE-----" in r.compressed
    assert "+-----END PGP SIGNATURE-----" in r.compressed


def test_hidden_middle_of_a_new_file_names_its_definitions() -> None:
    """A new module's middle is cut; its marker names every function, method and class
    defined there (a module of 30+ definitions: all named)."""
    import ast
    from pathlib import Path

    source = (Path(__file__).parents[2] / "transforms" / "_api.py").read_text()
    lines = source.splitlines(keepends=True)
    text = _unified("transforms/_api.py", [], lines)
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "hunk middle"]
    first, last = o.spans[0][0], o.spans[-1][1]
    hidden = r.original[first:last]
    hidden_defs = [
        n.name
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.FunctionDef | ast.ClassDef)
        and re.search(rf"^\+\s*(?:def|class) {n.name}\b", hidden, re.M)
    ]
    assert len(hidden_defs) > 12
    assert set(o.description.split(": defines ", 1)[1].split(", ")) == set(hidden_defs)


def test_each_change_group_keeps_the_context_line_before_it() -> None:
    """Of a hunk's context, only the line leading into each group of changes stays (it
    keeps the groups apart); the lines after a change go, into the file's omission."""
    old = read("umath-log10.csv").splitlines(keepends=True)[:40]
    new = list(old)
    for k in (10, 15):
        new[k] = old[k].replace("0x", "0X")
    text = _unified("umath-log10.csv", old, new)
    r = compress(text)
    body = [ln for ln in r.compressed.splitlines()[1:] if not ln.startswith(("@@", "[omitted"))]
    assert body == [
        " " + old[9].rstrip("\n"),
        "-" + old[10].rstrip("\n"),
        "+" + new[10].rstrip("\n"),
        " " + old[14].rstrip("\n"),
        "-" + old[15].rstrip("\n"),
        "+" + new[15].rstrip("\n"),
    ]
    (o,) = [o for o in r.omitted if o.kind == "context"]
    assert o.count == 2 + 3 + 3  # before, between and after the changes


def test_base64_run_in_the_tail_of_a_huge_hunk_is_marked() -> None:
    """A new file whose last lines are a signature: the hunk's middle is cut, and the
    base64 lines among its last changed lines are marked too."""
    import base64

    text_lines = read("ubuntu.csv").splitlines(keepends=True)
    data = base64.encodebytes(read("ubuntu.csv").encode()).decode().splitlines(keepends=True)
    new = [
        *text_lines,
        "-----BEGIN PGP SIGNATURE-----\n",
        *data[:5],
        "-----END PGP SIGNATURE-----\n",
    ]
    r = compress(_unified("release.txt", [], new))
    kinds = [(o.kind, o.description) for o in r.omitted]
    assert ("lines", "5 added lines of encoded data") in kinds
    assert any(k == "hunk middle" for k, _ in kinds)
    assert r.compressed.rstrip().endswith("+-----END PGP SIGNATURE-----")
