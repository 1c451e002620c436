from __future__ import annotations

from tests.transforms._check import compress, omitted_text
from tests.transforms._notebooks import notebook
from transforms import detect_content_type


def test_notebook_keeps_headings_names_and_errors() -> None:
    text, facts = notebook()
    assert detect_content_type(text) == "notebook"
    r = compress(text)
    assert r.transforms == ("notebook_cells",) and r.savings_percent > 85
    lines = set(r.compressed.splitlines())
    for heading in facts["headings"]:
        assert heading in lines, heading
    for name in facts["functions"]:
        assert name in r.compressed, name
    for error in facts["errors"]:
        assert error in r.compressed
    assert "\x1b[" not in r.compressed, "ANSI colours are removed"
    assert "```python" in r.compressed


def test_images_and_widget_state_become_markers_with_exact_spans() -> None:
    text, _ = notebook(sections=3)
    r = compress(text)
    images = [o for o in r.omitted if o.description.startswith("image/png output")]
    assert len(images) == 3
    for o in images:
        assert omitted_text(r, o.id).startswith('"') and len(omitted_text(r, o.id)) > 30000
    (widgets,) = [o for o in r.omitted if o.kind == "widgets"]
    assert omitted_text(r, widgets.id).startswith(
        '{\n   "application/vnd.jupyter.widget-state+json"'
    )
    # Long stream output keeps its head and tail.
    assert "row 0: latency=" in r.compressed and "row 59: latency=" in r.compressed
    assert any("more stdout lines" in o.description for o in r.omitted)


def test_broken_notebook_falls_back() -> None:
    text, _ = notebook(sections=2)
    broken = text[: len(text) // 2] + text[-200:]  # a truncated download, its end glued on
    assert detect_content_type(broken) == "notebook"
    r = compress(broken)
    assert r.transforms[0] == "fallback:notebook:unparsable"
