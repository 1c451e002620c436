"""Content hashes in a log's shown lines (a wheel's sha256, pip's wheel cache directory, a
download URL's hash directories) are written "…", one marker holding them."""

from __future__ import annotations

from tests.transforms._check import compress

_SHA = "dd31b0f805cfd8033087d0eae757cf632010fe7a1cab01790aadadea66f9016e"
_CACHE = "c7/a5/d9/f6f5f728e371928297bee0c000ea2e4331c24d8f3804f44db6"
_URL_DIRS = "b2/90/45c72becc57158facc6a6404f663b77bbcea2519ca57f760e2879ae1315d"
_COMMIT = "2ed09b7c1f6a0de763f216d97bf9fc18762d10d4"  # a git commit: 40 hex digits


def _build_log(last: str = "Successfully installed six-1.16.0") -> list[str]:
    return [
        "Using pip 23.2.1 from /venv/lib/python3.11/site-packages/pip (python 3.11)",
        "Collecting six==1.16.0",
        "  Downloading six-1.16.0.tar.gz (34 kB)",
        f"  Link requires a different Python (3.11.7 not in: '>=3.12'): "
        f"https://files.pythonhosted.org/packages/{_URL_DIRS}/six-2.0.0-py3-none-any.whl",
        f"  Cloned at commit {_COMMIT}",
        "  Building wheel for six (pyproject.toml): started",
        "  Building wheel for six (pyproject.toml): finished with status 'done'",
        f"  Created wheel for six: filename=six-1.16.0-py2.py3-none-any.whl size=11126 "
        f"sha256={_SHA}",
        f"  Stored in directory: /root/.cache/pip/wheels/{_CACHE}",
        "Successfully built six",
        "Installing collected packages: six",
        last,
    ]


def test_content_hashes_in_shown_lines_are_written_as_an_ellipsis() -> None:
    lines = _build_log()
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    assert _SHA not in out and _URL_DIRS not in out and _CACHE not in out
    assert "sha256=…\n" in out and "/root/.cache/pip/wheels/…\n" in out
    assert "https://files.pythonhosted.org/packages/…/six-2.0.0-py3-none-any.whl" in out
    assert _COMMIT in out  # an id a reader may look up stays
    (o,) = [o for o in r.omitted if o.kind == "content hashes"]
    assert o.description == "3 content hashes in lines shown, each written …"
    held = sorted(r.original[s:e] for s, e in o.spans)
    assert held == sorted([_SHA, _CACHE, _URL_DIRS])


def test_error_lines_and_the_last_lines_keep_their_hashes() -> None:
    lines = _build_log(last=f"ERROR: THESE PACKAGES DO NOT MATCH THE HASHES: sha256={_SHA[::-1]}")
    lines[7] = f"ERROR: hash mismatch for six: expected sha256={_SHA}"
    r = compress("\n".join(lines) + "\n", content_type="log")
    assert lines[7] in r.compressed and lines[-1] in r.compressed


def test_slot_values_name_cache_entries_without_their_hash() -> None:
    # Markers list a slot's values: pip's wheel cache directories as "/root/.cache/pip/
    # wheels/…" (one value for all of them, the hash an id), not cut inside the hash at the
    # marker's value limit ("/root/.cache/pip/wheels/f1/1e/2a/cac4…"); go's build cache
    # files alike. A PyPI URL's hash directories before its file, and a "#sha256=" that
    # tells a file's versions apart, stay in the value (markers name the file).
    from transforms._logs import _slot_units

    url = f"https://files.pythonhosted.org/packages/{_URL_DIRS}/six-2.0.0.tar.gz#sha256={_SHA}"
    go = f"/root/.cache/go-build/2e/2edf{_SHA[4:]}-d"
    toks = [
        ["Stored", "in", "directory:", f"/root/.cache/pip/wheels/{_CACHE}"],
        ["Stored", "in", "directory:", "/root/.cache/pip/wheels/f1/1e/2a/" + _SHA[:56]],
        ["Stored", "in", "directory:", url],
        ["Stored", "in", "directory:", go],
        ["Stored", "in", "directory:", "short/path"],
    ]
    units, columns = _slot_units([3], list(range(len(toks))), toks, [0] * len(toks))
    want = ["/root/.cache/pip/wheels/…"] * 2 + [url, "/root/.cache/go-build/…-d", "short/path"]
    assert columns == {"*1": want}
    assert units == [{"*1": v} for v in want]
    # A line of its own (not every line has the slot): the same values.
    toks.append(["Stored"])
    units, columns = _slot_units([3], list(range(len(toks))), toks, [0] * len(toks))
    assert columns is None and units == [{"*1": v} for v in want] + [{}]
