"""The log compressor's table of templates and its legend are paid for only where they pay:
a short log is written without them when that counts fewer tokens, and a template named by
one short run only costs that run's marker its line in the table too."""

from __future__ import annotations

from pathlib import Path

from tests.transforms._check import compress
from transforms import _logs
from transforms._omit import Omitter
from transforms.tokens import raw_count

CORPUS = Path(__file__).parents[2] / "bench" / "corpus" / "log"

# A pip -v sdist build, short: its build dependencies, two egg_info runs, the wheel.
_BUILD = [
    "Processing ./pkg-1.0.tar.gz",
    "  Installing build dependencies: started",
    "  Running command pip subprocess to install build dependencies",
    "  Collecting setuptools>=40.8.0",
    "    Using cached setuptools-84.2.1-py3-none-any.whl",
    "  Collecting wheel",
    "    Using cached wheel-0.48.0-py3-none-any.whl",
    "  Collecting packaging>=24.0 (from wheel)",
    "    Using cached packaging-26.4-py3-none-any.whl",
    "  Installing collected packages: setuptools, packaging, wheel",
    "  Successfully installed packaging-26.4 setuptools-84.2.1 wheel-0.48.0",
    "  Installing build dependencies: finished with status 'done'",
    "  running egg_info",
    "  writing pkg.egg-info/PKG-INFO",
    "  writing top-level names to pkg.egg-info/top_level.txt",
    "  writing manifest file 'pkg.egg-info/SOURCES.txt'",
    "  running bdist_wheel",
    "  running build",
    "  running build_py",
    "  copying pkg.py -> build/lib",
    "  running egg_info",
    "  writing pkg.egg-info/PKG-INFO",
    "  writing top-level names to pkg.egg-info/top_level.txt",
    "  writing manifest file 'pkg.egg-info/SOURCES.txt'",
    "  running install",
    "  running install_lib",
    "  adding 'pkg.py'",
    "Successfully built pkg",
    "Installing collected packages: pkg",
    "Successfully installed pkg-1.0",
]


def test_a_short_log_whose_table_does_not_pay_is_written_without_one() -> None:
    text = "\n".join(_BUILD) + "\n"
    tabled = _logs._compress_logs(text, Omitter(), 0)
    # Its markers naming templates (here quoted: each named by one marker) cost more.
    assert tabled is not None and '"running <*>"×3' in tabled
    r = compress(text, content_type="log")
    out = r.compressed
    assert raw_count(out) < raw_count(tabled)
    assert "[log: " not in out and "T1" not in out  # no legend, no table, no template ids
    # Every line is shown but the repeats of the second egg_info run, counted as such.
    (o,) = r.omitted
    assert o.description == "4 lines: 4 repeats of lines shown"
    hidden = "".join(r.original[s:e] for s, e in o.spans).splitlines()
    assert all(line in _BUILD[:20] for line in hidden)
    assert all(line in out for line in _BUILD if line not in hidden)


def test_a_log_whose_template_markers_pay_keeps_them() -> None:
    names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]
    lines = _BUILD[:19] + [f"  copying pkg/{n}.py -> build/lib/pkg" for n in names]
    lines += [
        f"  copying build/lib/pkg/{n}.py -> build/bdist.linux-x86_64/wheel/pkg" for n in names
    ]
    lines += [f"  adding 'pkg/{n}.py'" for n in names]
    lines += _BUILD[-3:]
    r = compress("\n".join(lines) + "\n", content_type="log")
    assert '"copying <*> -> <*>"×17 (' in r.compressed
    assert raw_count(r.compressed) < raw_count(
        _logs._compress_logs(r.original, Omitter(), 0, False) or ""
    )
    for n in names:
        assert f"pkg/{n}.py" in r.compressed  # each file shown or named


def test_a_template_only_one_short_run_names_is_shown_not_put_in_the_table() -> None:
    # pip -v of six (bench/corpus, dev): ``Collecting wheel`` and ``Using cached wheel-…``
    # between two warnings were the only hidden lines of their templates; their marker and
    # its two table lines counted more tokens than the lines.
    text = (CORPUS / "pip-install-v-six.log").read_text(encoding="utf-8")
    r = compress(text, content_type="log")
    out = r.compressed
    assert "\n  Collecting wheel\n    Using cached wheel-0.48.0-py3-none-any.whl\n" in out
    head, sep, body = out.partition("\n---\n")
    table = head if sep else ""
    assert "× Collecting <*>" not in table and "× Using cached <*>" not in table
    # Each table line is named by a marker below it. (The templates left, "running <*>" and
    # "creating <*>", are quoted in their markers: fewer tokens than a table and its legend.)
    rows = [line.split(" ", 1)[0] for line in table.splitlines()[1:]]
    assert all(f"{t}×" in body for t in rows)
    assert rows or '"running <*>"×' in out
