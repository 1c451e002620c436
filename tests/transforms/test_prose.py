from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import transforms
from tests.transforms import _samples as s
from tests.transforms._check import compress
from transforms._prose import _echo_lines, _echoes

FILLER = [
    "Teams often discuss how the process could work better over time.",
    "Good habits make the work easier for everyone involved in it.",
    "The approach was reviewed and found to be broadly reasonable overall.",
    "People generally agreed that the direction made sense for the group.",
    "Clear writing helps readers follow the argument without much effort.",
    "Small improvements add up when they are applied consistently and patiently.",
]


def long_doc() -> str:
    parts = []
    for sec in range(12):
        parts.append(f"## Section {chr(65 + sec)}: operations notes\n")
        para = [
            FILLER[(sec + k) % len(FILLER)].replace("the", ["the", "this"][k % 2], 1)
            for k in range(6)
        ]
        para.insert(
            3,
            f"Throughput reached {1200 + sec * 37} requests per second on 2024-0{sec % 9 + 1}-15.",
        )
        parts.append(" ".join(para) + "\n")
        parts.append(" ".join(reversed(para[:4])) + " Overall it went well for the team.\n")
    return "# Quarterly report\n\n" + "\n".join(parts)


def test_markdown_keeps_headings_numbers_identifiers_and_names() -> None:
    r = compress(s.MARKDOWN_DOC)
    out = r.compressed
    for heading in re.findall(r"^#+ .*$", s.MARKDOWN_DOC, re.M):
        assert heading in out
    for number in (
        "2024-03-01",
        "47 minutes",
        "12%",
        "v2.31.4",
        "08:14 UTC",
        "08:52 UTC",
        "OPS-4411",
    ):
        assert number in out, number
    assert "`pool_size`" in out and "Maria Lopez" in out
    assert r.omitted and r.savings_percent > 10


def test_long_prose_about_half_without_losing_headings_or_numbers() -> None:
    doc = long_doc()
    r = compress(doc)
    out = r.compressed
    assert 35 <= r.savings_percent <= 80, r.savings_percent
    for heading in re.findall(r"^#+ .*$", doc, re.M):
        assert heading in out
    for number in re.findall(r"\d+(?:[-.]\d+)*", doc):
        assert number in out
    # Original order is kept.
    positions = [out.index(h) for h in re.findall(r"^#+ .*$", doc, re.M)]
    assert positions == sorted(positions)


def test_duplicates_dropped() -> None:
    text = "# Notes\n\n" + "The build is green again after the fix. " * 30 + "\n\nDone at 17:05.\n"
    r = compress(text)
    assert r.compressed.count("The build is green again after the fix.") == 1
    assert "17:05" in r.compressed


def test_mixed_document_routes_sections() -> None:
    text, _ = s.api_records(400)
    doc = (
        s.MARKDOWN_DOC
        + "\n## Appendix: code\n\n```python\n"
        + s.PYTHON_SOURCE
        + "```\n\n## Appendix: response\n\n```json\n"
        + text
        + "\n```\n\nEnd of report REF-991.\n"
    )
    r = compress(doc)
    assert r.content_type == "mixed"
    out = r.compressed
    assert "## Appendix: code" in out and "```python" in out and "```json" in out
    assert "class Inventory" in out and "raise StockError" not in out
    assert "$.items: 400 records" in out
    assert "REF-991" in out
    assert {o.kind for o in r.omitted} >= {"body", "records"}
    # Spans are absolute offsets into the whole document.
    body = next(o for o in r.omitted if o.kind == "body")
    a, b = body.spans[0]
    assert doc[a:b] in s.PYTHON_SOURCE


NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,:/-]\d+)*(?![\w])")  # as bench/compression.py


def headings(doc: str) -> list[str]:
    return re.findall(r"^#+ .*$", doc, re.M)


def test_technical_doc_with_identifiers_everywhere_still_halves() -> None:
    doc = s.tech_doc()
    r = compress(doc)
    out = r.compressed
    assert r.compressed_tokens <= 0.6 * r.original_tokens, r.savings_percent
    for heading in headings(doc):
        assert heading in out, heading
    for number in NUMBER.findall(doc):
        assert number in out, number
    # Code blocks stay verbatim; the original order is kept.
    for block in re.findall(r"```python\n.*?```", doc, re.S):
        assert block in out
    positions = [out.index(h) for h in headings(doc)]
    assert positions == sorted(positions)
    # Every omitted span is prose the marker stands for, and the omissions cover exactly
    # what is missing: putting them back restores the document.
    rebuilt = out
    for o in r.omitted:
        assert o.kind == "sentences"
        (span,) = o.spans
        marker = next(m for m in transforms.MARKER_RE.finditer(rebuilt) if m.group(2) == o.id)
        rebuilt = rebuilt[: marker.start()] + doc[span[0] : span[1]] + rebuilt[marker.end() :]
    assert _squash(rebuilt) == _squash(doc)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_metadata_records_keep_each_number_once_and_their_lines() -> None:
    doc = s.tech_doc()
    out = compress(doc).compressed
    header = out[: out.index("# widgetkit")]
    assert "Version: 3.8.1" in header and "Requires-Dist: cachelib>=1.0.0" in header
    # Records without a number are dropped in a run; each kept record keeps its own line.
    assert "Provides-Extra: audit" not in header
    for line in header.splitlines():
        assert line.count("Requires-Dist:") <= 1, line


def test_short_runs_are_not_worth_a_marker() -> None:
    r = compress(s.tech_doc())
    for o in r.omitted:
        (span,) = o.spans
        assert span[1] - span[0] >= 90, o


def test_first_sentence_of_a_section_is_preferred() -> None:
    doc = long_doc()
    out = compress(doc).compressed
    # Each section opens with a filler sentence that would lose on centrality alone.
    leads = [m.group(1) for m in re.finditer(r"^## .*\n(.*?\.)", doc, re.M)]
    assert sum(lead in out for lead in leads) >= len(leads) * 3 // 4


def test_a_section_lead_outranks_a_later_paragraph_lead() -> None:
    # Sentences whose words are each said once weigh nothing on centrality: what keeps one
    # is its lead bonus, larger for a section's first sentence (after any heading, not only
    # the document's first) than for a later paragraph's.
    words = iter(f"w{chr(97 + k // 26)}{chr(97 + k % 26)}" for k in range(26 * 26))

    def sentence(tag: str) -> str:
        return f"The {tag} mentions {' and '.join(next(words) for _ in range(5))}."

    parts = ["# Title", ""]
    leads = []
    for sec in "ABCDEF":
        leads.append(sentence(f"lead{sec.lower()}"))
        paras = [[leads[-1], *(sentence("filler") for _ in range(3))]]
        paras.append([sentence("second") for _ in range(4)])
        parts += [f"## Part {sec}", "", " ".join(paras[0]), "", " ".join(paras[1]), ""]
    out = compress("\n".join(parts), content_type="markdown").compressed
    assert all(lead in out for lead in leads), out


def test_prose_after_a_routed_code_block_is_still_prose() -> None:
    """A section cut out after a big code block opens on its closing fence: the fences that
    follow must still pair up, so prose stays prose and code stays code."""
    code = "\n".join(f"print('line {k} of the example output')" for k in range(30))
    tail_code = "```\nrun --fast\n```\n"
    doc = "# Guide\n\n```\n" + code + "\n```\n\n" + long_doc() + "\n" + tail_code
    r = compress(doc)
    out = r.compressed
    assert tail_code in out
    assert r.compressed_tokens < 0.7 * r.original_tokens
    assert any(o.kind == "sentences" for o in r.omitted)


def test_indented_list_continuation_is_prose_not_code() -> None:
    items = []
    for k in range(8):
        items.append(
            f"* `tool run job{k}`:\n\n"
            f"    {FILLER[k % 6]} {FILLER[(k + 1) % 6]} {FILLER[(k + 2) % 6]}\n\n"
            f"    {FILLER[(k + 3) % 6]} {FILLER[(k + 4) % 6]}\n"
        )
    doc = "# Commands\n\n" + "\n".join(items)
    r = compress(doc, content_type="markdown")
    assert r.omitted and r.savings_percent > 25, r.savings_percent
    for k in range(8):
        assert f"`tool run job{k}`" in r.compressed


def test_pays_word_bound_agrees_with_counting() -> None:
    # ``Omitter.pays`` skips counting when the material has more words than the marker can
    # have tokens; its answer must be the counted one, token-sparse runs included.
    from transforms._omit import Omitter, _marker
    from transforms.tokens import raw_count

    omitter = Omitter()
    samples = [
        *FILLER,
        " ".join(FILLER[:2]),
        "a b c d e f g h i j k l m n o p q r s t u v w x y z " * 2,
        "internationalization " * 6,
        "x",
        "." * 300,
        "=" * 2000,
        "-" * 120 + "\n" + "-" * 120,
    ]
    # A long description (a run's values: its head is not cached, the marker counted once).
    values = "40 lines: T3×40 (*1: " + ", ".join(f"libpkg{k}-dev" for k in range(30)) + ")"
    for text in [*samples, " ".join(FILLER * 4), "word " * 120, "=" * 9000]:
        for desc in ("1 sentence", "3 sentences in 2 paragraphs", values):
            expected = raw_count(text) > raw_count(_marker(desc, "o1"))
            assert omitter.pays(text, desc) == expected, (text, desc)


def test_sentence_ends_keep_their_punctuation() -> None:
    # The punctuation stays with the sentence; closing quotes and brackets after it stay in
    # the gap (as before _SENT_END opened with its character class).
    from transforms._prose import _sentences

    text = 'It works (really.) Then "quoted!" Next? 3 more. Done.\n'
    got = [text[a:b] for a, b in _sentences(text, 0, len(text))]
    assert got == ["It works (really.", 'Then "quoted!', "Next?", "3 more.", "Done."]


def test_a_licence_loses_six_tenths_but_no_section_title_or_number() -> None:
    # Prose is cut to TARGET (0.36) of its characters, markers counted: a real licence text
    # (bench/corpus, dev) saves at least 60 % (57.8 % at 0.42) and keeps every numbered
    # section title and every number (section references such as "Section 4(d)" included).
    from pathlib import Path

    from transforms._prose import TARGET

    text = (Path(__file__).parents[2] / "bench/corpus/prose/Apache-2.0.txt").read_text()
    r = compress(text)
    assert TARGET < 0.4 and r.savings_percent >= 60, r.savings_percent
    titles = re.findall(r"^\s{0,3}\d{1,2}\. [A-Z][^.\n]*\.", text, re.M)
    assert len(titles) >= 9
    for title in titles:
        assert title.strip() in r.compressed, title
    for number in set(re.findall(r"(?<![\w.])\d+(?:\.\d+)*(?!\w)", text)):
        assert number in r.compressed, number


def test_a_documents_first_line_is_its_title_whatever_its_punctuation() -> None:
    # An HTML page's title comes first ("Title: std::collections - Rust", a colon in it, so
    # not a title by the punctuation rule): it was dropped with the low-centrality paragraph
    # after it. The paragraphs are a real manual's (bench/corpus, dev), those without digits.
    from pathlib import Path

    from transforms._omit import Omitter
    from transforms._prose import compress_prose

    raw = (Path(__file__).parents[2] / "bench/corpus/prose/npm-install.md").read_text()
    paras = [
        p
        for p in raw.split("\n\n")
        if len(p) > 200 and not re.search(r"\d|^\s*[#`=*-]|\n[=-]{3}", p)
    ]
    assert len(paras) > 20
    for title in ("Title: std::collections - Rust", "npm-install: install a package"):
        text = f"[omitted 2 script elements of the HTML; id=o1]\n\n{title}\n\n" + "\n\n".join(paras)
        out = compress_prose(text, Omitter(), 0)
        assert out is not None and out.split("\n\n")[1] == title
        # Only the document's first line: a section cut out of a larger one has no title.
        out = compress_prose(text, Omitter(), 100)
        assert out is not None


def test_the_field_opening_each_stanza_is_kept_like_a_title() -> None:
    # debian/copyright (DEP-5) read as prose: each stanza opens with "Files:" (or a stand-alone
    # "License:"), the record's name; sentence selection keeps those lines and drops the
    # licence text around them. A paragraph opening "January: …" is prose, not a field.
    licence = (
        " This program is free software; you can redistribute it and/or modify it under the"
        " terms of the GNU General Public License as published by the Free Software Foundation;"
        " either version 2 of the License, or (at your option) any later version. This program"
        " is distributed in the hope that it will be useful, but without any warranty; without"
        " even the implied warranty of merchantability or fitness for a particular purpose."
    )
    wrapped = "\n".join(" " + licence[i : i + 70].strip() for i in range(0, len(licence), 70))
    stanzas = ["Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"]
    opened = []
    for k, (path, lic) in enumerate(
        [("*", "GPL-2+"), ("configure", "FSFUL"), ("install-sh", "X11"), ("ltmain", "GPL-2+")] * 3
    ):
        opened.append(f"Files: {path} part{'abcdefghijkl'[k]}")
        stanzas.append(
            f"Files: {path} part{'abcdefghijkl'[k]}\nCopyright: 2001-2024 Author Number {k}\n"
            f"License: {lic}"
        )
        stanzas.append(f"License: {lic}\n{wrapped.replace('2', str(k + 2))}")
    text = "\n\n".join(stanzas) + "\n"
    r = transforms.compress(text, content_type="prose")
    assert r.content_type == "prose" and r.savings_percent > 15
    for line in opened:
        assert line in r.compressed, line
    story = "\n\n".join(
        f"{m}: the project {FILLER[k % len(FILLER)].lower()} {FILLER[(k + 1) % len(FILLER)]}"
        for k, m in enumerate(["January", "March", "May", "July", "August", "October"] * 2)
    )
    assert compress(story).omitted  # month-opened paragraphs are prose: sentences still go


_ECHO_LINES = st.sampled_from(
    ["x = f(a)", "  x  =  f(a) ", "$E = mc^2$", "```", "ab", "y = g(b)", "", "see above", "`z`"]
)


@given(st.lists(_ECHO_LINES, max_size=6), st.lists(_ECHO_LINES, max_size=6))
@settings(max_examples=300, deadline=None)
def test_echoes_stops_at_the_first_line_not_shown(chunk: list[str], shown: list[str]) -> None:
    # _echoes gives what comparing every line would, stopping early.
    verbatim = _echo_lines("\n".join(shown))
    lines = _echo_lines("\n".join(chunk))
    assert _echoes("\n".join(chunk), verbatim) == (bool(lines) and lines <= verbatim)
