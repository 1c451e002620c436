from __future__ import annotations

import re

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import detect_content_type

_HIT = re.compile(r"([^:\s][^:]*):(\d+):(.*)")


def _hits(text: str) -> list[tuple[str, int, str]]:
    return [
        (m.group(1), int(m.group(2)), m.group(3)) for m in map(_HIT.match, text.splitlines()) if m
    ]


def test_grep_rn_names_every_file_and_shows_single_hits() -> None:
    text = read("grep-rn.txt")
    assert detect_content_type(text) == "search"
    r = compress(text)
    assert r.transforms == ("search_by_file",) and r.savings_percent > 35
    hits = _hits(text)
    per_file: dict[str, int] = {}
    for path, _, _ in hits:
        per_file[path] = per_file.get(path, 0) + 1
    assert f"[search: {len(hits)} matches in {len(per_file)} files]" in r.compressed
    lines = r.compressed.splitlines()
    for path, count in per_file.items():
        if count == 1:
            (hit,) = [h for h in hits if h[0] == path]
            assert f"{path}:{hit[1]}:{hit[2]}" in lines
        else:
            assert f"{path} ({count} matches):" in lines
    # Every hidden match is named by line range and text in its marker; spans are exact lines.
    for o in r.omitted:
        hidden = omitted_text(r, o.id)
        assert o.description.startswith(f"{o.count} match")
        first = _hits(hidden.split("\n", 1)[0])[0]
        assert f"line {first[1]}.." in o.description


def test_grep_context_groups_stay_with_their_file() -> None:
    text = read("grep-C2.txt")
    assert detect_content_type(text) == "search"
    r = compress(text)
    assert r.savings_percent > 20  # few matches per file: all shown, paths said once
    files = {h[0] for h in _hits(text)}
    for path in files:
        assert path in r.compressed
    # Context lines appear without their path, as in ripgrep's --heading view.
    assert not any(
        ln.startswith("transforms/") and "-" in ln.split(":")[0][-6:]
        for ln in r.compressed.splitlines()
        if "(" not in ln
    )


def test_ripgrep_heading_mode() -> None:
    groups: dict[str, list[str]] = {}
    for path, line, body in _hits(read("grep-rn.txt")):
        groups.setdefault(path, []).append(f"{line}:{body}")
    text = "\n\n".join(p + "\n" + "\n".join(v) for p, v in groups.items()) + "\n"
    assert detect_content_type(text) == "search"
    r = compress(text)
    assert r.transforms == ("search_by_file",)
    for path, v in groups.items():
        assert path in r.compressed
        assert v[0] in r.compressed and v[-1] in r.compressed
