from __future__ import annotations

import re

from tests.transforms import _samples as s
from tests.transforms._check import compress

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
