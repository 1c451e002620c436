"""What a log's output already shows is not said again: runs of words a shown line repeats
at the same places from the line shown above (a server's ``[pid] date time [LVL] client -``
head) are written ″, one marker holding them; a line of an omitted run whose text is shown
above is counted as a repeat, its values not named again."""

from __future__ import annotations

import re

from tests.transforms._check import compress
from tests.transforms._data import read
from transforms import MARKER_RE, CompressResult

_WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]
_WORDS += ["juliet", "kilo", "lima", "mike"]
_HEAD = '[4242] 2026/12/02 00:11:22.{:06d} [TRC] 10.0.0.1:5000 - cid:7 - "v2.1:python3:app" -'


def _server_log() -> str:
    # Messages of different lengths: each its own template, so every line is shown.
    lines = [_HEAD.format(k) + " " + " ".join(_WORDS[: k + 1]) for k in range(len(_WORDS))]
    lines.insert(6, _HEAD.format(99) + " ERROR connection refused by upstream")
    return "\n".join(lines) + "\n"


def _ditto(r: CompressResult) -> tuple[tuple[int, int], ...]:
    (o,) = [o for o in r.omitted if o.kind == "repeated words"]
    return o.spans


def test_words_repeated_from_the_line_above_are_written_once() -> None:
    text = _server_log()
    r = compress(text, content_type="log")
    assert "″" in r.compressed
    # Each ″, in order, stands for the next span of the marker's omission: written back, the
    # lines are the original ones.
    spans = iter(_ditto(r))
    original = text.splitlines()
    for line in r.compressed.splitlines():
        if "″" not in line or MARKER_RE.fullmatch(line):
            continue
        parts = line.split("″")
        rebuilt = parts[0]
        for part in parts[1:]:
            s, e = next(spans)
            rebuilt += r.original[s:e] + part
        assert rebuilt in original
    assert next(spans, None) is None
    # Far fewer tokens than the lines shown whole.
    assert r.compressed_tokens < 0.7 * r.original_tokens


def test_error_lines_and_the_first_and_last_lines_stay_whole() -> None:
    text = _server_log()
    r = compress(text, content_type="log")
    lines = text.splitlines()
    for whole in (lines[0], lines[1], lines[-1], lines[6]):
        assert whole in r.compressed.splitlines()


def test_a_log_holding_the_ditto_mark_is_left_as_it_writes() -> None:
    text = _server_log().replace("alpha", "″alpha")
    r = compress(text, content_type="log")
    assert not [o for o in r.omitted if o.kind == "repeated words"]


def _egg_info_log() -> str:
    # pip runs egg_info three times: the same lines each time, between other steps.
    block = [
        "  running egg_info",
        "  writing pkg.egg-info/PKG-INFO",
        "  writing dependency_links to pkg.egg-info/dependency_links.txt",
        "  writing top-level names to pkg.egg-info/top_level.txt",
        "  reading manifest file 'pkg.egg-info/SOURCES.txt'",
        "  writing manifest file 'pkg.egg-info/SOURCES.txt'",
    ]
    lines = ["Processing ./pkg-1.0.tar.gz", "  Preparing metadata: started"]
    for step in ("metadata", "wheel", "install"):
        lines += block
        lines.append(f"  finished {step} step with status 'done'")
    lines += ["Successfully built pkg", "Installing collected packages: pkg"]
    lines.append("Successfully installed pkg-1.0")
    return "\n".join(lines) + "\n"


def test_lines_not_kept_that_repeat_a_shown_line_are_counted_as_repeats() -> None:
    text = _egg_info_log()
    r = compress(text, content_type="log")
    # The first run is shown; the later ones are counted, their values not named again.
    assert r.compressed.count("writing dependency_links to") == 1
    assert r.compressed.count("dependency_links.txt") == 1
    said = [re.search(r"(\d+) repeats of lines shown", o.description) for o in r.omitted]
    assert sum(int(m.group(1)) for m in said if m) == 12


def test_a_long_line_cut_after_its_head_writes_its_head_so_too() -> None:
    payload = "MSG_PAYLOAD: " + ", ".join(f'"key{k}": "value{k}"' for k in range(40))
    lines = _server_log().splitlines()
    lines.insert(4, _HEAD.format(50) + " " + payload)
    r = compress("\n".join(lines) + "\n", content_type="log")
    (cut,) = [ln for ln in r.compressed.splitlines() if "MSG_PAYLOAD" in ln]
    assert cut.startswith("″ ″000050 ″ MSG_PAYLOAD: ") and "more chars" in cut


def test_a_value_a_shown_line_holds_is_named_above_not_again() -> None:
    names = [f"lib{w}-tools" for w in _WORDS]
    lines = [
        "Reading package lists...",
        "Building dependency tree...",
        "Note: libecho-tools is held",
    ]
    lines += [f"Unpacking {name} (1.{k}-1) ..." for k, name in enumerate(names)]
    lines += ["Processing triggers for man-db ...", "done", "All packages are up to date."]
    r = compress("\n".join(lines) + "\n", content_type="log")
    (run,) = [o for o in r.omitted if "libbravo-tools" in o.description]
    assert "libecho-tools" not in run.description and "named above" in run.description
    assert "Note: libecho-tools is held" in r.compressed


def _warned_install_log() -> str:
    # pip warns before each package; the line after each warning is a run of its own.
    lines = ["Using pip 23.2.1 from /venv/lib/python3.11/site-packages/pip (python 3.11)"]
    lines += ["Looking in links: /opt/wheels", "Processing ./app-1.0-py3-none-any.whl"]
    for k, w in enumerate(_WORDS):
        lines.append(f"WARNING: Location 'file:///opt/more/simple/{w}/' is ignored: no directory.")
        lines.append(f"Processing /opt/pypi/files/{w}-1.{k}.0-py3-none-any.whl (from app)")
    lines += ["Installing collected packages: " + ", ".join(_WORDS), "done"]
    lines.append("Successfully installed " + " ".join(f"{w}-1.0" for w in _WORDS))
    return "\n".join(lines) + "\n"


def test_lines_too_few_for_a_marker_each_go_behind_one() -> None:
    text = _warned_install_log()
    r = compress(text, content_type="log")
    (o,) = [o for o in r.omitted if "here and between the lines below" in o.description]
    assert o.count >= 10
    hidden = "".join(r.original[s:e] for s, e in o.spans)
    for line in hidden.splitlines():
        assert line.startswith("Processing /opt/pypi/files/")
        name = line.split("/")[-1].split("-")[0]
        assert name in o.description  # every package it hides is named
    # The warnings stay, each whole, in their order.
    warnings = [ln for ln in text.splitlines() if ln.startswith("WARNING")]
    shown = [ln for ln in r.compressed.splitlines() if ln.startswith("WARNING")]
    assert shown == warnings


def test_lines_repeating_a_shown_line_with_nothing_to_name_count_with_their_template() -> None:
    # make enters and leaves the build directory between steps: the same few lines again and
    # again beside lines of their own template; counting them as repeats says more words.
    r = compress(read("zlib-cmake-make-build.log"), content_type="log")
    assert not [o for o in r.omitted if "repeat" in o.description]


def test_a_time_writes_only_what_differs_from_the_time_above() -> None:
    # A server's lines differ in their time's last digits: its head, up to a separator, is
    # read off the line above (``″000003`` under ``00:11:22.000002``); the digits that differ
    # stay, and every ″ writes back to exactly the original text.
    text = _server_log()
    r = compress(text, content_type="log")
    shown = [ln for ln in r.compressed.splitlines() if not MARKER_RE.fullmatch(ln)]
    assert any(ln.startswith("″ ″00000") for ln in shown)
    (o,) = [o for o in r.omitted if o.kind == "repeated words"]
    assert "of a time, its head" in o.description
    heads = [r.original[s:e] for s, e in o.spans if r.original[s:e] == "00:11:22."]
    assert heads  # the head up to the separator, not into the digits that differ
    for line in text.splitlines()[:2] + text.splitlines()[-1:]:
        assert line in r.compressed.splitlines()  # the first and last lines stay whole
