from __future__ import annotations

import re

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


def test_error_tracebacks_keep_the_cells_frame_and_the_raising_one() -> None:
    # A real executed notebook (bench/corpus, dev): IPython.parallel errors 7 and 14 frames
    # deep. The cell's own frame and the frame that raised stay whole; the library frames
    # between go behind one marker naming each file and function; the JSON they were is one
    # get_omitted away.
    from pathlib import Path

    from transforms._notebook import _FRAME

    path = Path(__file__).parents[2] / "bench/corpus/notebook/ipython-in-depth-Using-Dill.ipynb"
    text = path.read_text()
    r = compress(text)
    assert r.transforms == ("notebook_cells",)
    for kept in (
        "ValueError: Sorry, cannot pickle code objects with closures",
        "----> 1 view.apply_sync(closed, 3)",
        "codeutil.pyc in reduce_code(co)",
        '---> 38         raise ValueError("Sorry, cannot pickle code objects with closures")',
        "PicklingError: Can't pickle <function has_closure",
        "pickle.pyc in save_global(self, obj, name, pack)",
    ):
        assert kept in r.compressed, kept
    frames = [o for o in r.omitted if " frames (" in o.description]
    assert [o.description for o in frames] == [
        "3 frames (pickle.pyc: dumps dump save)",
        "10 frames (view.pyc: apply_sync×2 spin_after _really_apply×3 sync_results save_ids;"
        " client.pyc: send_apply_request; serialize.pyc: pack_apply_message)",
    ]
    hidden = omitted_text(r, frames[1].id)
    assert hidden.startswith('"\\u001b[1;32m/Users/minrk/dev/ip/mine/IPython/parallel/client/view')
    assert "_really_apply" in hidden and "sync_results" in hidden
    assert "send_apply_request" in hidden and "reduce_code" not in hidden
    # IPython 8 writes a frame's location as "File path:line, in function(args)".
    m = _FRAME.match("File /usr/lib/python3/dist-packages/pandas/core/frame.py:3761, in f(x)")
    assert m is not None and m.groups() == (
        "/usr/lib/python3/dist-packages/pandas/core/frame.py",
        "f",
    )


def test_an_output_omitted_inside_the_document_points_at_its_json() -> None:
    # nbformat writes a cell's keys sorted: its outputs come before its source. A stream of
    # 11 lines of one template (pip saying what is installed) goes to the log compressor,
    # which groups them: that omission must point at the stream's lines in the JSON (it had
    # no place at all, and the whole notebook fell back to JSON records).
    import json
    from pathlib import Path

    path = Path(__file__).parents[2] / "bench/corpus/notebook/ipython-in-depth-Cell-Magics.ipynb"
    nb = json.loads(path.read_text())
    packages = "numpy pandas scipy matplotlib requests urllib3 idna certifi six pytz tzdata"
    lines = [
        f"Requirement already satisfied: {p} in /usr/lib/python3/dist-packages"
        f" (from -r requirements.txt (line {i + 1}))\n"
        for i, p in enumerate(packages.split())
    ]
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"name": "stdout", "output_type": "stream", "text": lines}]
    text = json.dumps(nb, indent=1, sort_keys=True)
    cell = text.index('"cell_type": "code"')
    assert text.index('"outputs"', cell) < text.index('"source"', cell)
    r = compress(text)
    assert r.transforms == ("notebook_cells",)
    # The log compressor's omission: its template's lines behind a marker, or (a log this
    # short may be cheaper without a template table) the words each line repeats from the
    # line above written ″.
    # (The template by its number in a table, or quoted where one marker alone names it.)
    templated = re.compile(r'^\d+ lines: (?:T1|"[^"]+")×')
    (grouped,) = [
        o for o in r.omitted if templated.match(o.description) or o.kind == "repeated words"
    ]
    hidden = omitted_text(r, grouped.id)
    first = text.index("Requirement already satisfied")
    last = text.index("(line 11))") + len("(line 11))")
    assert all(first <= s < e <= last for s, e in grouped.spans)
    if templated.match(grouped.description):
        assert hidden.count("Requirement already satisfied") == grouped.count
    else:
        assert "Requirement already satisfied" in hidden
    # Every package is shown or named in the marker.
    for p in packages.split():
        shown = f"satisfied: {p} in" in r.compressed or f"″ {p} ″" in r.compressed
        assert shown or p in grouped.description, p


def test_traceback_items_each_on_lines_of_their_own() -> None:
    # IPython writes a traceback as items without a final line break (header, frames, the
    # error line): joined as they were, the header ran into the first frame.
    text, _ = notebook()
    r = compress(text)
    lines = r.compressed.splitlines()
    assert "KeyError                                  Traceback (most recent call last)" in lines
    assert "Cell In[7], line 3" in lines
    assert "KeyError: 'p95_latency'" in lines
