"""Records: a one-off text (a message found once, whatever its template) is shown or named in
a marker as it is, never only as its template; markers quote values faithfully (brackets
too: ``Match[str]``)."""

from __future__ import annotations

import json
import random

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_rarity import SETTINGS
from transforms import MARKER_RE
from transforms._omit import Omitter
from transforms._rarity import render_value

_FILES = [f"pkg/{m}.py" for m in ("cli", "core", "schema", "loader", "catalog", "util")]
_NAMES = [
    "Validator", "RefResolver", "Draft7Validator", "BaseLoader", "Catalog", "Instrument",
    "TextIO", "Response", "Session", "Parser", "Schema", "Formatter", "Entry", "Cache",
]  # fmt: skip


def _diag(rng: random.Random, message: str, code: str) -> dict[str, object]:
    line = rng.randint(1, 900)
    return {
        "file": rng.choice(_FILES),
        "line": line,
        "column": rng.randint(0, 40),
        "end_line": line,
        "end_column": rng.randint(41, 90),
        "message": message,
        "hint": None,
        "code": code,
        "severity": "error",
    }


def _kept(text: str, output: str) -> bool:
    return text in output or json.dumps(text)[1:-1] in output


def _mypy_report(rng: random.Random, n: int, one_offs: list[tuple[str, str]]) -> list[str]:
    """``n`` diagnostics of a few repeated messages, ``one_offs`` inserted at random places."""
    common = [
        ("Function is missing a return type annotation", "no-untyped-def"),
        ("Function is missing a type annotation", "no-untyped-def"),
        ('Missing type arguments for generic type "dict"', "type-arg"),
        ('Call to untyped function "load" in typed context', "no-untyped-call"),
    ]
    diags = [_diag(rng, *rng.choice(common)) for _ in range(n)]
    for message, code in one_offs:
        diags.insert(rng.randrange(1, len(diags) - 1), _diag(rng, message, code))
    return [json.dumps(d) for d in diags]


def test_one_off_messages_of_one_template_are_named_as_they_are() -> None:
    # A mypy --strict report: a few messages repeat, eight "Class cannot subclass" messages
    # differ in the class they name, each found once (the marker said
    # `Class cannot subclass "…" (has type "Any")×8`: none of the eight classes).
    rng = random.Random(7)
    one_offs = [(f'Class cannot subclass "{c}" (has type "Any")', "misc") for c in _NAMES[:8]]
    one_offs.append(('Returning Any from function declared to return "bool"', "no-any-return"))
    r = compress("\n".join(_mypy_report(rng, 60, one_offs)) + "\n")
    assert r.content_type == "ndjson"
    assert r.savings_percent > 50
    for message, _ in one_offs:
        assert _kept(message, r.compressed), message


def test_a_one_off_text_too_long_for_a_marker_has_its_record_shown() -> None:
    rng = random.Random(5)
    long = (
        'Argument 1 to "register" of "Catalog" has incompatible type "Callable[[str, int],'
        ' Mapping[str, Sequence[Validator]]]"; expected "Callable[[str], Mapping[str, Any]]"'
    )
    assert 160 < len(long) < 240
    one_offs = [(f'Class cannot subclass "{c}" (has type "Any")', "misc") for c in _NAMES[:8]]
    r = compress("\n".join(_mypy_report(rng, 60, [*one_offs, (long, "misc")])) + "\n")
    (row,) = [ln for ln in r.compressed.splitlines() if json.dumps(long)[1:-1] in ln]
    assert not MARKER_RE.search(row)


def test_marker_quotes_brackets_as_they_are() -> None:
    rng = random.Random(3)
    message = 'Item "None" of "Match[str] | None" has no attribute "group"'
    one_offs = [(f'Class cannot subclass "{c}" (has type "Any")', "misc") for c in _NAMES[:8]]
    r = compress("\n".join(_mypy_report(rng, 60, [*one_offs, (message, "misc")])) + "\n")
    assert _kept(message, r.compressed)
    assert "Match str " not in r.compressed


def test_omitter_keeps_balanced_brackets_and_escapes_the_others() -> None:
    om = Omitter()
    desc = 'message: "Match[str] | None", Callable[[dict[str, Any]], None], a]b, c[d'
    marker = om.mark("records", [(0, 5)], 1, desc)
    (m,) = MARKER_RE.finditer(f"x {marker} y [z]")
    assert m.group(0) == marker and m.group(2) == "o1"
    assert '"Match[str] | None"' in m.group(1)
    assert "Callable[[dict[str, Any]], None]" in m.group(1)
    # Unbalanced brackets are escaped, so the marker's end stays unambiguous.
    assert "a\\]b" in m.group(1) and "c\\[d" in m.group(1)
    assert om.omissions[0].description == m.group(1)
    # Two markers on a line are two matches; text in brackets before one is not part of it.
    line = f"[note] {om.mark('lines', [(5, 9)], 1, 'x[1]')} and {marker}"
    assert [g.group(2) for g in MARKER_RE.finditer(line)] == ["o2", "o1"]


@SETTINGS
@given(st.text(alphabet="[]\\ab; id=o1\n", max_size=40))
def test_any_description_gives_one_marker_the_regex_reads_back(description: str) -> None:
    om = Omitter()
    marker = om.mark("lines", [(0, 1)], 1, f"x {description}")
    m = MARKER_RE.fullmatch(marker)
    assert m is not None and m.group(1) == om.omissions[0].description and m.group(2) == "o1"
    # Only backslashes are added (before brackets that pair with none, or nest too deep).
    if "\n" not in description and "\\" not in description:
        assert m.group(1).replace("\\", "") == f"x {description}".strip()


_TEMPLATES = [
    'Class cannot subclass "{}" (has type "Any")',
    'Returning Any from function declared to return "{}"',
    'Item "None" of "{} | None" has no attribute "group"',
    'Argument 1 to "{}" has incompatible type "list[str]"; expected "Sequence[int]"',
]


@SETTINGS
@given(
    st.integers(min_value=30, max_value=400),
    st.integers(min_value=0, max_value=10**6),
    st.booleans(),
)
def test_every_one_off_text_is_shown_or_named(n: int, seed: int, ndjson: bool) -> None:
    # One template's messages with distinct quoted names, plus messages found exactly once,
    # at random places among repeated ones: each is shown or named as it is.
    rng = random.Random(seed)
    template = rng.choice(_TEMPLATES)
    # Few one-offs (the message field is a category, each value named in markers) or many.
    names = [*_NAMES, "Match[str]", "Iterator[Path]", "Mapping[str, Any]"]
    names += [f"{prefix}{name}" for name in names for prefix in ("Async", "Base")]
    names = rng.sample(names, rng.choice([4, 6, 12, 40]))
    one_offs = [(template.format(name), "misc") for name in names]
    one_offs += [
        ('Unused "type: ignore" comment, use narrower [attr-defined] code', "unused-ignore"),
        ('Name "catalog_url" already defined (possibly by an import)', "no-redef"),
    ][: rng.randint(0, 2)]
    lines = _mypy_report(rng, n, one_offs)
    text = "\n".join(lines) + "\n" if ndjson else "[\n" + ",\n".join(lines) + "\n]\n"
    r = compress(text)
    for message, _ in one_offs:
        assert _kept(message, r.compressed), message


def test_every_value_of_a_category_of_texts_is_named_as_it_is() -> None:
    # A category (few messages, each repeated): a marker listed four modules' messages as one
    # template, `Cannot find implementation or library stub for module named "…"×8`.
    rng = random.Random(11)
    modules = ["trio.abc", "werkzeug.exceptions", "wsproto", "h2.connection"]
    missing = [
        f'Cannot find implementation or library stub for module named "{m}"' for m in modules
    ]
    lines = _mypy_report(rng, 40, [])
    hidden = [json.dumps(_diag(rng, m, "import-not-found")) for m in missing for _ in range(2)]
    lines[10:10] = hidden
    r = compress("\n".join(lines) + "\n")
    for message in missing:
        assert _kept(message, r.compressed), message


def test_a_value_with_quotes_inside_is_listed_bare() -> None:
    # Escaped quotes cost tokens and a grep for the message as printed finds no `\"`.
    assert (
        render_value('Item "None" of "Match[str] | None"', 160)
        == 'Item "None" of "Match[str] | None"'
    )
    assert render_value('"quoted" first', 160) == '"\\"quoted\\" first"'
    assert render_value("a, b", 160) == '"a, b"'


def test_record_markers_list_common_values_within_a_small_budget() -> None:
    # A lockfile-like array: fields of many values (no category), each found 9 times (none
    # rare): a marker lists the first of them within its budget, then `+N more`.
    rng = random.Random(2)
    words = [f"{a}{b}" for a in ("alpha", "beta", "gamma", "delta") for b in _NAMES[:11]]
    homes = [f"https://example.org/projects/{w}/home" for w in words] * 9
    funds = [f"https://funding.example.com/{w.lower()}" for w in words] * 9
    rng.shuffle(homes)
    rng.shuffle(funds)
    records = [
        {"homepage": h, "funding": f, "downloads": rng.randrange(10**6), "type": "library"}
        for h, f in zip(homes, funds, strict=True)
    ]
    r = compress(json.dumps(records, indent=1))
    described = [o.description for o in r.omitted if o.kind == "records"]
    assert described
    assert max(map(len, described)) <= 600, described


def test_digests_outside_records_are_cut_inside_records_kept() -> None:
    # npm view: the package's dist.integrity says nothing to a reader (as in sample rows); a
    # record shown whole (the first of an array) keeps its digests.
    integrity = "sha512-" + "qCqy1xSoaugxOD4IVHb1ZWdkvCF2W3aE2okKouWj8VwJ+ztskSiXoBnCSJqfKT+c" * 2
    shasum = "ab72dace89c50c8417bd3f865dad0b4fd1ca1c73"
    doc = {
        "name": "express",
        "versions": [f"4.{k}.{j}" for k in range(30) for j in range(3)],
        "dist": {"integrity": integrity, "shasum": shasum, "tarball": "https://r.org/e.tgz"},
        "maintainers": [
            {"name": f"user{k}", "email": f"u{k}@example.org", "integrity": f"{k:02d}{integrity}"}
            for k in range(12)
        ],
    }
    r = compress(json.dumps(doc, indent=2))
    assert f'"integrity":"{integrity[:12]}… [omitted' in r.compressed
    # (a 40-digit shasum stays: the marker for its 28 hidden digits would not pay)
    assert f"00{integrity}" in r.compressed  # the first maintainer's, shown whole


def test_a_long_one_off_text_is_shown_whole_in_its_row() -> None:
    # mypy's hint listing an overload's variants, 257 chars, found once: its record is shown
    # for it, and the row no longer cuts it after 48 chars.
    rng = random.Random(4)
    hint = (
        "Possible overload variants:\n    def iter_content(self, chunk_size: int | None = ...,"
        " decode_unicode: Literal[False] = ...) -> Iterator[bytes]\n    def iter_content(self,"
        " chunk_size: int | None = ..., *, decode_unicode: Literal[True]) -> Iterator[str | bytes]"
    )
    assert len(hint) > 240
    lines = _mypy_report(rng, 80, [])
    diag = _diag(rng, 'No overload variant of "iter_content" matches argument types', "misc")
    lines.insert(40, json.dumps({**diag, "hint": hint}))
    r = compress("\n".join(lines) + "\n")
    assert _kept(hint, r.compressed)
