"""The prose compressor's fast paths give exactly what the plain code they replace gives."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms._prose import (
    _NAME,
    _NUMBER,
    _NUMBER_OR_NAME,
    _WORD,
    _WORD_LOWER,
    _cut_before_records,
    _echo_lines,
    _echoes,
    _linked,
    _may_echo,
    _newline_starts,
    _norm_words,
    _numbers_and_names,
    _per_unit,
    _record_pieces,
    _split_sentences,
    _Unit,
)

# Pieces of lines that exercise the patterns: record lines ("Key: value", "(…)"), sentence
# ends, spaces and tabs, every kind of line break, non-ASCII letters (a final sigma lowers by
# context), math and code delimiters.
_BITS = st.sampled_from(
    [
        "Key: value",
        "Build-Depends: x",
        "(merge 1a2b topic)",
        "[note]",
        "  (indented)",
        "\t",
        " ",
        "word",
        "Done.",
        "end:",
        "x = f(a)",
        "$E = mc^2$",
        "`z`",
        "```",
        "ΟΔΟΣ",
        "é",
        "3.14",
        "v2,5",
        "it's",
        "-",
        "\n",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\x0c",
        "\u2028",
        "\x85",
    ]
)
_TEXT = st.lists(_BITS, max_size=30).map("".join)


@given(_TEXT, st.integers(0, 40), st.integers(0, 40))
@settings(max_examples=500, deadline=None)
def test_record_pieces_as_the_plain_loop(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert _record_pieces(text, start, end) == _cut_before_records(text, start, end)


@given(_TEXT, st.lists(_TEXT, max_size=4))
@settings(max_examples=500, deadline=None)
def test_may_echo_only_where_it_can(chunk: str, shown: list[str]) -> None:
    verbatim = _echo_lines("\n".join(shown))
    # Sometimes the chunk is one of the lines shown, in another case or spacing.
    verbatim |= {chunk.strip(), " ".join(chunk.split())} if len(shown) % 2 else set()
    norm = " ".join(chunk.lower().split())
    lower = {ln.lower() for ln in verbatim}
    # (Within a longer text: the scan must stay inside the chunk.)
    text = "x\u00e9\n" + chunk + "\n\u00e9"
    may = _may_echo(text, 3, 3 + len(chunk), norm, lower, None)
    # Without the chunk's words joined: made from the text when they are needed.
    assert _may_echo(text, 3, 3 + len(chunk), None, lower, None) == may
    if not may:
        assert not _echoes(chunk, verbatim)


@given(_TEXT, _TEXT)
@settings(max_examples=500, deadline=None)
def test_same_text_same_words(a: str, b: str) -> None:
    # The duplicate check compares as text only sentences of fewer than 3 words: texts alike
    # but for whitespace and case have the same words.
    spaced = "".join(c if not c.isspace() else " \t"[len(c) % 2] for c in a)
    for x, y in ((a, b), (a, spaced), (a, a.upper())):
        if " ".join(x.lower().split()) == " ".join(y.lower().split()):
            assert _norm_words(x) == _norm_words(y)
            low_x, low_y = x.lower(), y.lower()
            assert set(_WORD_LOWER.findall(low_x)) == set(_WORD_LOWER.findall(low_y))


@given(_TEXT)
@settings(max_examples=500, deadline=None)
def test_newline_starts_as_every_newline(text: str) -> None:
    expected = [0, *(m.end() for m in re.finditer("\n", text))]
    assert _newline_starts(text, text.splitlines(keepends=True)) == expected


def _adjacent_plain(text: str, a: _Unit, b: _Unit) -> bool:
    gap = text[a.end : b.start]
    return not gap.strip() and gap.count("\n") <= 2


@given(_TEXT, st.lists(st.integers(0, 60), max_size=12))
@settings(max_examples=300, deadline=None)
def test_linked_as_adjacent_pairs(text: str, cuts: list[int]) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    units = [
        _Unit(s, e, 1, 0.0, frozenset()) for s, e in zip(points[::2], points[1::2], strict=False)
    ]
    expected = [i > 0 and _adjacent_plain(text, units[i - 1], units[i]) for i in range(len(units))]
    assert _linked(text, units) == [*expected, False]


@given(_TEXT)
@settings(max_examples=500, deadline=None)
def test_word_lower_finds_what_word_finds_lowered(text: str) -> None:
    low = text.lower()
    assert _WORD_LOWER.findall(low) == _WORD.findall(low)


# Numbers and names side by side: names after a lowercase word or a comma, "v" inside and
# after words, digits, signs and dots next to both.
_NAMED_BITS = st.sampled_from(
    [
        "said ",
        "by Avery",
        ", Bob",
        " Stevens",
        "; Van Vliet",
        "v2",
        "v",
        "Rev3",
        "#12",
        "$4.50",
        "10%",
        "1.2.3",
        "3,5",
        "Z",
        "x.",
        "_",
        " ",
        "\n",
        "٣",
        "é",
    ]
)
_NAMED_TEXT = st.lists(_NAMED_BITS, max_size=30).map("".join)


@given(_NAMED_TEXT)
@settings(max_examples=800, deadline=None)
def test_number_or_name_finds_what_the_two_scans_find(text: str) -> None:
    both = sorted(
        [(m.start(), m.group()) for m in _NUMBER.finditer(text)]
        + [(m.start(), m.group()) for m in _NAME.finditer(text)]
    )
    assert [(m.start(), m.group()) for m in _NUMBER_OR_NAME.finditer(text)] == both


@given(_NAMED_TEXT, st.lists(st.integers(0, 60), max_size=12))
@settings(max_examples=300, deadline=None)
def test_numbers_and_names_as_two_per_unit_scans(text: str, cuts: list[int]) -> None:
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    units = [_Unit(a, b, 1, 0.0, frozenset()) for a, b in pairwise(bounds)]
    paras = [(0, len(text))]
    numbers = dict(_per_unit(_NUMBER, text, paras, units))
    names = dict(_per_unit(_NAME, text, paras, units))
    got = {k: (ns, ms) for k, ns, ms in _numbers_and_names(text, paras, units)}
    assert got == {k: (numbers.get(k, []), names.get(k, [])) for k in sorted({*numbers, *names})}


# Sentences around numbers and names: ends with closing quotes and brackets, record lines
# (a paragraph cut before them is not one piece), bullets, line breaks.
_SENTENCE_BITS = st.one_of(
    _NAMED_BITS,
    st.sampled_from(
        [". ", "! ", "? ", '." ', ".) ", ". The", "?\n", "Key: Avery\n", "(merge ab)\n", "- "]
    ),
)


@given(st.lists(_SENTENCE_BITS, max_size=30).map("".join), st.booleans())
@settings(max_examples=500, deadline=None)
def test_sentences_of_one_piece_hold_their_numbers_and_names(para: str, opens: bool) -> None:
    # A paragraph at the text's start (a bullet skipped) or after another one.
    text = para if opens else "x\n\n" + para
    start = len(text) - len(para)
    sentences, one_piece = _split_sentences(text, start, len(text))
    if not one_piece:
        return
    units = [_Unit(a, b, 1, 0.0, frozenset()) for a, b in sentences]
    dealt = _numbers_and_names(text, [(start, len(text))], units)
    expected = {k: (ns, ms) for k, ns, ms in dealt}
    scanned = {k: _NUMBER_OR_NAME.findall(text, a, b) for k, (a, b) in enumerate(sentences)}
    got = {
        k: ([t for t in found if not t[0].isupper()], [t for t in found if t[0].isupper()])
        for k, found in scanned.items()
        if found
    }
    assert got == expected
