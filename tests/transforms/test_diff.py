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
    # A hunk header may end with the marker of its context lines.
    kept = {MARKER_RE.sub("", ln).rstrip(" ") for ln in r.compressed.splitlines()}
    kept |= set(r.compressed.splitlines())
    for line in text.splitlines():
        if re.match(r"commit [0-9a-f]{40}|Author: |Date: |diff --git |--- |\+\+\+ |@@ ", line):
            assert line in kept, line
    # Changed lines are kept, but for the middle of a new file's 60+ lines, whose marker
    # says how many added lines it hides.
    cut = set()
    for o in r.omitted:
        hidden = omitted_text(r, o.id).splitlines()
        if "added line" in o.description:
            assert len(hidden) == o.count and all(ln.startswith("+") for ln in hidden)
            cut.update(hidden)
        else:
            assert "context line" in o.description
            assert all(ln[:1] in (" ", "") for ln in hidden)
    for line in text.splitlines():
        if line[:1] in "+-" and not line.startswith(("+++", "---")):
            assert line in kept or line in cut, line


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
