"""Fenced blocks pair the CommonMark way, so prose is never routed as code or logs."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_prose import FILLER, long_doc
from transforms._fence import fences
from transforms._route import _JSON_PROBE, _sections, json_end


def pairs(text: str) -> list[tuple[int, int]]:
    return [(f.open_line, f.close_line) for f in fences(text.splitlines())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("```\na\n```", [(0, 2)]),
        ("   ```py\na\n   ```", [(0, 2)]),
        # A closing fence uses the same character, at least as many of them, no info string.
        ("````\n```\n````", [(0, 2)]),
        ("```\n~~~\n```", [(0, 2)]),
        ("~~~~\n~~~\n~~~~~", [(0, 2)]),
        ("```\n```py\n```", [(0, 2)]),
        # At the top level a closing fence is indented at most 3 spaces.
        ("```\n    ```\n```", [(0, 2)]),
        # Inside a list item (opening indented 4): closing one column to the left still closes.
        ("    ```bash\n    npm i\n   ```\n\ntext\n", [(0, 2)]),
        # A backtick fence's info string holds no backtick: ``` `x` ``` is inline code.
        ("```a`b\nx\n```", []),
        # Never closed: not a fence.
        ("```\nno close here\n", []),
        ("text\n```js\nx\n```\n```\nstray", [(1, 3)]),
    ],
)
def test_fence_pairing(text: str, expected: list[tuple[int, int]]) -> None:
    assert pairs(text) == expected


def list_doc() -> str:
    """Markdown like npm's docs: fences inside list items, one closed 3 spaces in."""
    items = []
    for k in range(10):
        close = "   ```" if k == 3 else "    ```"
        items.append(
            f"* `npm install pkg{k}`:\n\n"
            f"    {FILLER[k % 6]} {FILLER[(k + 1) % 6]} {FILLER[(k + 2) % 6]}\n\n"
            f"    {FILLER[(k + 3) % 6]} {FILLER[(k + 4) % 6]}\n\n"
            f"    Examples:\n\n    ```bash\n    npm install pkg{k}\n{close}\n"
        )
    synopsis = "```bash\nnpm install [<package-spec> ...]\n```\n\n"
    return "# npm-install\n\n## Synopsis\n\n" + synopsis + "## Description\n\n" + "\n".join(items)


def test_closing_fence_indented_three_spaces_is_not_an_opening_one() -> None:
    doc = list_doc()
    kinds = {kind for _, _, kind in _sections(doc)}
    assert kinds == {None}, kinds  # all prose: nothing routed to the log compressor
    r = compress(doc)
    assert {o.kind for o in r.omitted} == {"sentences"}
    assert r.savings_percent > 35  # was 13 % when the rest went to the log compressor
    assert "[omitted 1 line" not in r.compressed
    for k in range(10):
        assert f"    npm install pkg{k}\n" in r.compressed  # code is kept verbatim


def test_unclosed_fence_does_not_swallow_the_document() -> None:
    code = "\n".join(f"value_{k} = compute({k})" for k in range(40))
    doc = long_doc() + "\n```python\n" + code + "\n"
    sections = _sections(doc)
    assert [kind for _, _, kind in sections] == [None]
    r = compress(doc, content_type="markdown")
    assert any(o.kind == "sentences" for o in r.omitted)
    assert code in r.compressed  # the unclosed block is text: its lines are not sentences


def test_fenced_block_sections_include_both_fences() -> None:
    body = "".join(
        f"2024-05-01 10:00:{k:02d} INFO worker {k % 3} done job {k}\n" for k in range(40)
    )
    doc = long_doc() + "\n````text\n" + body + "````\n\n" + long_doc()
    sections = _sections(doc)
    fenced = [(doc[s:e], kind) for s, e, kind in sections if kind is not None]
    assert fenced == [("````text\n", "verbatim"), (body, "log"), ("````\n", "verbatim")]


FETCH = "Fetching https://mirror.example.org/pool/main/p/pkg{k}/pkg{k}_1.{k}.0_amd64.deb ({s} kB)"


@pytest.mark.parametrize("info", ["", "text", "console", "output"])
def test_program_output_in_a_fence_goes_to_the_log_compressor(info: str) -> None:
    """Too few lines for log detection (which says prose), but lines, not sentences."""
    out = "".join(FETCH.format(k=k, s=100 + 7 * k) + " ... done\n" for k in range(18))
    doc = long_doc() + f"\nSample output:\n\n```{info}\n" + out + "```\n"
    assert [kind for _, _, kind in _sections(doc) if kind] == ["verbatim", "log", "verbatim"]
    r = compress(doc)
    # The run's one marker quotes its template (no table to lean on).
    assert '[omitted 12 lines: "Fetching https://mirror.example.org/pool/' in r.compressed
    assert f"\n```{info}\n{FETCH.format(k=0, s=100)}" in r.compressed
    assert FETCH.format(k=0, s=100) in r.compressed and r.compressed.endswith(" done\n```\n")


def test_fenced_sentences_and_unshrinkable_output_stay_verbatim() -> None:
    prose = "".join(f"{FILLER[k % 6]}\n" for k in range(12))  # sentences, one per line
    assert [kind for _, _, kind in _sections("```\n" + prose + "```\n")] == ["verbatim"] * 3
    # Output whose lines are nearly all distinct: the log compressor cannot shrink it in
    # tokens, so the block is kept as it was (no markers in it).
    varied = "".join(f"step {k}: {w} ready in {k * 13} ms\n" for k, w in enumerate(FILLER * 2))
    doc = long_doc() + "\n```\n" + varied + "```\n"
    r = compress(doc)
    assert varied in r.compressed


def _decoded_end(text: str, start: int) -> int | None:
    try:
        return json.JSONDecoder().raw_decode(text, start)[1]
    except ValueError:
        return None


_JSON_PIECES = st.sampled_from(
    ['{"a": 1}', "[1, 2]", "[1] see the note", "{placeholder}", '{"s": "', '"x"', "nu", "null",
     "true", "1e", "-", "\\u00", ", ", "]", "}", "\n", " ", "word", "[", "{", '"k": ', "9" * 50]
)  # fmt: skip


@given(st.lists(_JSON_PIECES, max_size=40).map("".join), st.integers(0, 9000))
@settings(max_examples=300, deadline=None)
def test_json_end_is_where_the_whole_text_decodes_to(tail: str, pad: int) -> None:
    # json_end decodes a short probe first: values and failures on either side of the
    # probe's end (literals, escapes and strings cut by it) end where a whole decode does.
    big = json.dumps({"rows": ["x" * 40] * (pad // 44)})
    text = big[: len(big) - 2] + tail if pad % 2 else big + tail
    for start in {0, len(text) - len(tail)}:
        if text[start : start + 1] in ("[", "{"):
            assert json_end(text, start) == _decoded_end(text, start)


@pytest.mark.parametrize("shift", range(6))
def test_json_end_of_values_the_probe_cuts(shift: int) -> None:
    # Values longer than the probe, cut inside a literal ("nu|ll"), between items, or inside
    # a long string (whose error points at the string's start): decoded whole all the same.
    nulls = "[" + " " * shift + "null, " * (_JSON_PROBE // 6 + 10) + "null]"
    long_string = json.dumps({"doc": "x" * (_JSON_PROBE + shift)})
    for value in (nulls, long_string):
        text = f"Intro.\n{value}\nAfter.\n"
        assert json_end(text, 7) == 7 + len(value)
    assert json_end("[see below] " + "x" * _JSON_PROBE, 0) is None


def test_a_tilde_underline_under_a_title_is_no_fence() -> None:
    # RST/setext section titles underlined with "~" (GNU NEWS files): no code between them.
    lines = [
        "Noteworthy changes in version 1.9 (2021-02-17)",
        "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        "",
        " * Fixed a leak.",
        "",
        "Noteworthy changes in version 1.8 (2020-01-01)",
        "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
    ]
    assert fences(lines) == []
    # A real tilde fence after a paragraph line longer than the fence still opens one.
    code = ["Run this command in a shell:", "~~~", "make", "~~~"]
    assert [(f.open_line, f.close_line) for f in fences(code)] == [(1, 3)]
