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


def _bump(path: str, old: str, new: str) -> str:
    """A git diff of a constraints file bumping three pins."""
    return (
        f"diff --git a/{path} b/{path}\n"
        "index 1111111..2222222 100644\n"
        f"--- a/{path}\n"
        f"+++ b/{path}\n"
        "@@ -10,7 +10,7 @@ attrs==26.1.0\n"
        "     # via requests\n"
        "     # via virtualenv\n"
        "     #   pyodide-build\n"
        f"-charset-normalizer=={old}\n"
        f"+charset-normalizer=={new}\n"
        "     # via cattrs\n"
        "     # via build\n"
        "     # via nox\n"
        "@@ -40,8 +40,8 @@ packaging==26.3\n"
        "     # via build\n"
        "     # via pip-tools\n"
        "-virtualenv==21.7.3\n"
        "+virtualenv==21.7.4\n"
        "-wheel==0.47.0\n"
        "+wheel==0.48.0\n"
        "-platformdirs==4.11.1\n"
        "+platformdirs==4.11.3\n"
        "-python-discovery==1.5.1\n"
        "+python-discovery==1.5.2\n"
        "     # via uv\n"
        "     # via build\n"
    )


def test_hunks_repeating_changed_lines_shown_above_are_one_omission_per_file() -> None:
    """A version bump in several lockfiles: the second and third files keep their diff --git
    and hunk headers; the lines under their hunks, whose changed lines repeat hunks of the
    first file, are one omission per file, its marker naming that file, in place of the first
    of them. A hunk whose changed lines differ stays whole."""
    first = _bump("req/py312.txt", "3.4.9", "3.5.1")
    second = _bump("req/py313.txt", "3.4.9", "3.5.1")
    other = _bump("req/py39.txt", "3.4.1", "3.5.1")  # its first hunk differs
    r = compress("commit 0123456789abcdef0123456789abcdef01234567\n\n" + first + second + other)
    out = r.compressed
    lines = out.splitlines()
    for text in (first, second, other):
        for ln in text.splitlines():
            if ln.startswith(("diff --git ", "@@ ")):
                assert any(k.startswith(ln) for k in lines), ln
    reps = [o for o in r.omitted if o.kind == "repeated hunks"]
    assert len(reps) == 2
    a, b = reps
    assert "of this and the next 1 hunks shown bare" in a.description
    assert "req/py312.txt" in a.description and a.count == 12
    shown = [
        "     #   pyodide-build",
        "-charset-normalizer==3.4.9",
        "+charset-normalizer==3.5.1",
        "     # via pip-tools",
        "-virtualenv==21.7.3",
        "+virtualenv==21.7.4",
        "-wheel==0.47.0",
        "+wheel==0.48.0",
        "-platformdirs==4.11.1",
        "+platformdirs==4.11.3",
        "-python-discovery==1.5.1",
        "+python-discovery==1.5.2",
    ]
    assert omitted_text(r, a.id) == "".join(shown)
    # The marker stands under the first repeated hunk's header; the next header follows.
    k = next(i for i, ln in enumerate(lines) if f"id={a.id}]" in ln)
    assert lines[k - 1] == "@@ -10,7 +10,7 @@ attrs==26.1.0"
    assert lines[k + 1] == "@@ -40,8 +40,8 @@ packaging==26.3"
    # The third file: its first hunk (another old version) is shown, its second repeated.
    assert "-charset-normalizer==3.4.1" in lines
    assert b.count == 9 and "of this hunk: changed lines as in a hunk above of" in b.description
    # The first file's changed lines are all shown, once.
    assert out.count("-charset-normalizer==3.4.9") == 1
    assert out.count("+wheel==0.48.0") == 1


def test_a_repeated_hunk_with_a_definition_names_it() -> None:
    """A cherry-pick: the second copy's lines are omitted, the marker naming what they
    define and saying the hunk is in this file above."""
    hunk = (
        "@@ -1,3 +1,9 @@ import os\n"
        " import sys\n"
        "+def handle_request(request, timeout=30, retries=3):\n"
        "+    return dispatch(request, timeout=timeout, retries=retries)\n"
        "+\n"
        "+\n"
        "+class RequestHandler(BaseHandler):\n"
        "+    pass\n"
        " x = 1\n"
    )
    one = "diff --git a/pkg/app.py b/pkg/app.py\n--- a/pkg/app.py\n+++ b/pkg/app.py\n" + hunk
    head = "commit {}\nAuthor: A <a@b>\nDate:   today\n\n    Add the handler\n\n"
    text = head.format("1" * 40) + one + head.format("2" * 40) + one
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "repeated hunks"]
    assert "as in a hunk above of this file" in o.description
    assert "defines handle_request, RequestHandler" in o.description
    assert r.compressed.count("+class RequestHandler(BaseHandler):") == 1


def test_content_hashes_in_hunk_lines_are_written_as_an_ellipsis() -> None:
    """Digest pins (sha256 of images, a checksum file's entries) in the hunk lines shown are
    written "…", one omission holding them whose marker stands before the first line holding
    one; a git commit's 40 hex digits and the hunk and file headers stay."""
    import hashlib

    def digest(word: str) -> str:
        return hashlib.sha256(word.encode()).hexdigest()

    arches = ["x86_64", "i686", "aarch64", "ppc64le", "s390x", "armv7l"]
    old = [f"manylinux_2_28 = quay.io/pypa/manylinux_2_28_{a}@sha256:{digest(a)}" for a in arches]
    new = [
        f"manylinux_2_28 = quay.io/pypa/manylinux_2_28_{a}@sha256:{digest(a + '!')}" for a in arches
    ]
    commit = "a" * 12 + "0123456789" * 2 + "b" * 8  # 40 hex digits
    text = (
        f"commit {commit}\nAuthor: A <a@b>\nDate:   today\n\n    Bump images\n\n"
        "diff --git a/pinned.cfg b/pinned.cfg\n--- a/pinned.cfg\n+++ b/pinned.cfg\n"
        f"@@ -1,7 +1,7 @@\n [images]\n"
        + "".join(f"-{ln}\n" for ln in old)
        + "".join(f"+{ln}\n" for ln in new)
        + f"@@ -20,2 +20,2 @@ [refs]\n-base = {commit}\n+base = {digest('ref')[:40]}\n"
    )
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "content hashes"]
    assert o.count == 12
    hidden = omitted_text(r, o.id)
    assert all(digest(a) in hidden and digest(a + "!") in hidden for a in arches)
    lines = r.compressed.splitlines()
    k = lines.index("-manylinux_2_28 = quay.io/pypa/manylinux_2_28_x86_64@sha256:…")
    assert f"id={o.id}]" in lines[k - 1] and lines[k - 2] == " [images]"
    assert "+manylinux_2_28 = quay.io/pypa/manylinux_2_28_armv7l@sha256:…" in lines
    assert f"-base = {commit}" in lines  # 40 digits: a commit id, kept
    assert f"commit {commit}" in lines and "@@ -20,2 +20,2 @@ [refs]" in lines


def test_a_hunk_repeating_changed_lines_indented_otherwise_says_so() -> None:
    """A rename at another nesting depth: the second hunk's changed lines are the first's
    indented otherwise; they are omitted, the marker saying so. A third hunk of other changed
    lines stays."""
    pairs = [("fetch_remote_config", "load_remote_config"), ("parse_cache_entry", "read_entry")]
    changed = "".join(
        f"-    value = {old}(source, retries=3, timeout=30)\n"
        f"+    value = {new}(source, retries=3, timeout=30)\n"
        for old, new in pairs
    )
    deeper = changed.replace("-    ", "-        ").replace("+    ", "+        ")
    text = (
        "diff --git a/app/config.py b/app/config.py\n--- a/app/config.py\n+++ b/app/config.py\n"
        "@@ -10,5 +10,5 @@ def setup():\n x = 1\n" + changed + " y = 2\n"
        "@@ -40,5 +40,5 @@ class Loader:\n x = 1\n" + deeper + " y = 2\n"
        "@@ -90,3 +90,3 @@ def other():\n x = 1\n-    flag = False\n+    flag = True\n y = 2\n"
    )
    r = compress(text)
    (o,) = [o for o in r.omitted if o.kind == "repeated hunks"]
    assert "as in a hunk above of this file, indented otherwise" in o.description
    hidden = omitted_text(r, o.id)
    assert all(ln in hidden for ln in deeper.splitlines())
    assert all(ln in r.compressed.splitlines() for ln in changed.splitlines())
    assert "+    flag = True" in r.compressed.splitlines()
    assert "@@ -40,5 +40,5 @@ class Loader:" in r.compressed.splitlines()
