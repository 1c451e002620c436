"""Tool logs (pip -v, cmake/make builds): under a tight marker budget, every one-off line and
every warning stays findable. A one-off line (a template seen once, or a value found once in
its template) is shown or named in a marker; a warning line is shown verbatim, also when it
sits among lines indented like it after a line that merely looks like an error (a path
``…/errors.py``: not the head of a trace)."""

from __future__ import annotations

import random
import re
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_rarity import SETTINGS
from transforms import MARKER_RE
from transforms._logs import MAX_RARE_PER_TEMPLATE

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


def _word(rng: random.Random, syllables: int = 3) -> str:
    """A pronounceable name of letters only (never an id, never a measurement)."""
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))


def _frequent_line(rng: random.Random, kind: int, k: int, pkg: str) -> str:
    """A line of one of several frequent templates; its slot values repeat (a small
    vocabulary), so none of them is rare."""
    mods = ["decoder", "encoder", "scanner", "compat", "tool", "util"]
    libs = ["core", "static"]
    if kind == 0:
        return f"  copying {pkg}/{rng.choice(mods)}.py -> build/lib/{pkg}"
    if kind == 1:
        return f"[{k % 100:3d}%] Building C object CMakeFiles/{rng.choice(libs)}.dir/x.c.o"
    if kind == 2:
        return f"  adding '{pkg}/{rng.choice(mods)}.py'"
    return (
        f"Requirement already satisfied: {rng.choice(mods)} in /venv/lib/python3.11/"
        f"site-packages (from {pkg}) ({rng.randint(1, 3)}.{rng.randint(0, 9)})"
    )


def _one_off_line(rng: random.Random, name: str) -> str:
    """A line found once: a template of its own, or a one-off value in a frequent template."""
    return rng.choice(
        [
            f"  running {name}",
            f"  Copying {name}.egg-info to build/bdist/wheel/{name}.egg-info",
            f"  Stored in directory: /root/.cache/pip/wheels/{name}",
            f"  Created wheel for {name}: filename={name}.whl",
            f"-- Looking for {name}.h - not found",
            f"  copying {name}/scanner.py -> build/lib/{name}",
            f"Requirement already satisfied: {name} in /venv/lib/python3.11/site-packages",
        ]
    )


@SETTINGS
@given(
    n=st.integers(min_value=120, max_value=500),
    one_offs=st.integers(min_value=1, max_value=12),
    seed=st.integers(min_value=0, max_value=10**6),
)
def test_one_offs_and_warnings_survive_a_tight_marker_budget(
    n: int, one_offs: int, seed: int
) -> None:
    rng = random.Random(seed)
    pkg = _word(rng)
    # Runs of one template each (a build step copies many files, then adds them...).
    lines: list[str] = []
    while len(lines) < n:
        kind = rng.randrange(4)
        lines += [_frequent_line(rng, kind, k, pkg) for k in range(rng.randint(5, 80))]
    names: list[str] = []
    while len(names) < one_offs:
        name = _word(rng, 4)
        if name not in names and name != pkg:
            names.append(name)
    for name in names:
        lines.insert(rng.randrange(3, len(lines) - 3), _one_off_line(rng, name))
    # Lines that look like errors without being errors (a file named errors.py): what follows
    # them at the same indentation is the tool's next step, not their trace.
    for _ in range(rng.randint(1, 9)):
        lines.insert(rng.randrange(3, len(lines) - 3), f"  copying {pkg}/errors.py -> build")
    warning = f"  warning: install_{_word(rng, 2)}: byte-compiling is disabled, skipping."
    lines.insert(rng.randrange(3, len(lines) - 3), warning)
    text = "\n".join(lines) + "\n"
    # A tight budget: one template per marker lists values, in a few characters; one line per
    # template is kept for a rare value.
    with (
        mock.patch("transforms._logs._MAX_TEMPLATES_NAMED", 1),
        mock.patch("transforms._logs._LOG_FIELD_BUDGET", 24),
        mock.patch("transforms._logs.MAX_RARE_PER_TEMPLATE", 1),
    ):
        r = compress(text, content_type="log")
    out = r.compressed
    assert r.content_type == "log"
    assert warning in out.splitlines()
    shown = {ln for ln in out.splitlines() if not MARKER_RE.search(ln)}
    described = " ".join(m.group(1) for m in MARKER_RE.finditer(out))
    for name in names:
        line = next(ln for ln in lines if re.search(rf"\b{name}\b", ln))
        assert line in shown or re.search(rf"\b{name}\b", described), (name, line)
    # Frequent templates are what is summarised: the output is much shorter than the input.
    assert r.compressed_tokens < 0.7 * r.original_tokens


def test_a_warning_after_an_error_looking_path_is_kept_and_the_run_after_it_summarised() -> None:
    """The shape of a setuptools build in ``pip install -v``: an indented ``copying
    …/errors.py`` line (an error word in a file name), then 60 lines indented like it."""
    mods = [f"{_word(random.Random(k), 3)}" for k in range(60)]
    lines = ["Processing ./pkg-1.0.tar.gz", "  running build_py", "  creating build/lib/pkg"]
    lines.append("  copying pkg/errors.py -> build/lib/pkg")
    lines += [f"  copying pkg/{m}.py -> build/lib/pkg" for m in mods[:30]]
    lines.append("  warning: build_py: byte-compiling is disabled, skipping.")
    lines.append("  running dist_info")
    lines += [f"  copying pkg/{m}.py -> build/lib/pkg" for m in mods[30:]]
    lines += ["Successfully built pkg", "Installing collected packages: pkg", "Successfully done"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    assert "  warning: build_py: byte-compiling is disabled, skipping." in out.splitlines()
    assert "  running dist_info" in out.splitlines()
    for m in mods:
        assert f"pkg/{m}.py" in out, m
    # No "trace" swallowed the run: it is one marker per run of copies, each naming its files.
    assert "trace line" not in out
    assert r.savings_percent > 10


def test_a_quoted_name_and_the_same_name_bare_are_named_once() -> None:
    """``copying pkg/x.py -> …`` and later ``adding 'pkg/x.py'``: one value, named once."""
    mods = [_word(random.Random(k), 3) for k in range(40)]
    lines = ["Building wheel for pkg", "  running build_py", "  creating build/lib/pkg"]
    lines += [f"  copying pkg/{m}.py -> build/lib/pkg" for m in mods]
    lines.append("  running install_lib")
    lines += [f"  adding 'pkg/{m}.py'" for m in mods]
    lines += ["Successfully built pkg", "Installing collected packages: pkg", "Successfully done"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = r.compressed
    # The first of each run is its template's example (shown); every other name once.
    for m in mods[1:]:
        assert out.count(f"pkg/{m}.py") == 1, m
    assert out.count(f"pkg/{mods[0]}.py") == 2


def test_a_repeated_warning_block_is_shown_once_and_counted_as_repeats() -> None:
    """pip runs setuptools' ``egg_info`` several times: the same deprecation warning with the
    same trace each time. Shown once; later copies are counted in markers as repeats. A copy
    with another trace is a different block: shown whole."""
    warning = "/x/setuptools/dist.py:765: warning: License classifiers are deprecated."
    lines = ["Processing ./pkg-1.0.tar.gz"]
    for step, trace in enumerate(["self._finalize()"] * 3 + ["other_call()"]):
        lines.append(f"running step_{_word(random.Random(step), 2)}")
        lines += [f"writing pkg.egg-info/file_{_word(random.Random(k), 2)}" for k in range(12)]
        lines += [warning, f"  {trace}", "  warnings.warn(msg)"]
    lines += ["Successfully built pkg", "Installing collected packages: pkg", "Successfully done"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    shown = r.compressed.splitlines()
    assert shown.count(warning) == 2  # the first block, and the one with another trace
    assert "  other_call()" in shown
    assert shown.count("  self._finalize()") == 1
    markers = " ".join(m.group(1) for m in MARKER_RE.finditer(r.compressed))
    assert re.search(r"\d+ repeats? of lines shown", markers)
    # Every step's one-off name is still shown or named.
    for step in range(4):
        assert f"step_{_word(random.Random(step), 2)}" in r.compressed


def test_many_versions_in_a_run_are_sampled_while_every_name_is_named() -> None:
    """``Inst <name> (<version> …)`` ×150 (apt-get install -s): every package is named; of the
    versions, apart from the names they belong to, a marker lists a sample and counts the
    rest."""
    rng = random.Random(7)
    names: list[str] = []
    while len(names) < 150:
        name = f"lib{_word(rng, 3)}"
        if name not in names:
            names.append(name)
    # Versions of some 30 forms ("2.31-4", "1.7-2+ka1", ...), a few of them rare.
    suffixes = ["", *(f"+{_word(rng, 1)}1" for _ in range(30))]
    versions = [
        f"{rng.randint(1, 9)}.{k}-{rng.randint(1, 9)}{rng.choice(suffixes)}" for k in range(150)
    ]
    lines = ["Reading package lists...", "Building dependency tree...", "Reading state..."]
    lines += [
        f"Inst {n} ({v} Debian:12/stable [amd64])" for n, v in zip(names, versions, strict=True)
    ]
    lines += ["Conf libz (1.0 Debian:12/stable [amd64])", "Done", "Done."]
    r = compress("\n".join(lines) + "\n", content_type="log")
    for n in names:
        assert n in r.compressed, n
    listed = sum(1 for v in versions if f"({v}" in r.compressed)
    assert 1 <= listed <= 12
    assert re.search(r"\+\d+ more", r.compressed)
    assert r.savings_percent > 55


def test_a_verbose_build_is_a_log_and_its_compiler_flags_are_no_errors() -> None:
    """``make VERBOSE=1``: progress lines between compiler command lines of 400+ chars (the
    median line is short: a log, not prose); ``-Wno-error=…`` is an option, not an error, so
    the command lines are summarised while a real diagnostic stays."""
    flags = "-Wall -Wextra -Werror -Wno-error=deprecated-declarations -Wcast-qual " * 6
    srcs = [_word(random.Random(k), 3) for k in range(30)]
    lines = ["make -f CMakeFiles/Makefile2 all", "make[1]: Entering directory '/b'"]
    for k, src in enumerate(srcs):
        lines.append(f"[{3 * k:3d}%] Building C object CMakeFiles/lib.dir/{src}.c.o")
        lines.append(f"/usr/bin/cc {flags}-o CMakeFiles/lib.dir/{src}.c.o -c /src/{src}.c")
    diagnostic = "/src/x.c:12:5: error: implicit declaration of function 'foo'"
    lines.insert(31, diagnostic)
    lines += ["[100%] Built target lib", "make[1]: Leaving directory '/b'", "done"]
    text = "\n".join(lines) + "\n"
    r = compress(text)
    assert r.content_type == "log"
    assert diagnostic in r.compressed.splitlines()
    for src in srcs:
        assert f"{src}.c" in r.compressed, src
    assert r.savings_percent > 50


def test_the_same_compiler_warning_at_many_places_keeps_every_place() -> None:
    """A place in source code (``api.c:765:30:``) identifies a diagnostic: the same message
    at 12 places is 12 warnings, each kept with its place (a timeout's "199ms" is a
    measurement: an error storm stays bounded, see test_logs)."""
    lines = ["[  2%] Building C object CMakeFiles/yaml.dir/src/api.c.o"]
    places = [f"/src/api.c:{100 + 37 * k}:{5 + k}" for k in range(12)]
    for k, place in enumerate(places):
        lines.append(
            f"{place}: warning: conversion to 'size_t' may change the sign [-Wsign-conversion]"
        )
        lines.append(f"  {100 + 37 * k} |     n = len - k;")
        lines.append("      |         ^~~")
        lines += [
            f"[ {3 + k}%] Building C object CMakeFiles/yaml.dir/src/f{j}.c.o" for j in range(6)
        ]
    lines += ["[100%] Built target yaml", "make: done", "end"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    shown = r.compressed.splitlines()
    for place in places:
        assert any(ln.startswith(f"{place}: warning:") for ln in shown), place


def _npm_verbose_log(rng: random.Random, n: int, lone: str) -> tuple[str, list[str]]:
    """An ``npm install --verbose`` log: a metadata fetch per package, then its cache line
    ``pkg@https://…/pkg-1.2.3.tgz``, then (after a deprecation warning) the fetch of that
    tarball; ``lone``'s tarball is fetched without a cache line naming it first."""
    reg = "https://registry.example.org"
    names = sorted({_word(rng) for _ in range(n)})
    tgz = {
        p: f"{reg}/{p}/-/{p}-{rng.randint(0, 9)}.{rng.randint(0, 20)}.{k}.tgz"
        for k, p in enumerate(names)
    }
    lines = ["npm verbose cli /usr/bin/node /usr/bin/npm", "npm info using npm@11.19.1"]
    lines += ["npm verbose title npm install app", 'npm verbose argv "install" "app"']
    lines += [
        f"npm http fetch GET 200 {reg}/{p} {rng.randint(20, 900)}ms (cache updated)" for p in names
    ]
    lines += [f"npm http cache {p}@{tgz[p]} 0ms (cache hit)" for p in names]
    lines.append(
        "npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported"
    )
    lone_tgz = f"{reg}/{lone}/-/{lone}-4.5.6.tgz"
    fetched = [tgz[p] for p in names]
    fetched.insert(rng.randint(0, len(fetched)), lone_tgz)
    lines += [
        f"npm http fetch GET 200 {u} {rng.randint(900, 5000)}ms (cache miss)" for u in fetched
    ]
    lines += ["", f"added {len(names)} packages in 9s", "npm verbose exit 0", "npm info ok"]
    # (A listing may say a shared directory once: the lone tarball by its own part.)
    return "\n".join(lines) + "\n", [*names, lone_tgz.removeprefix(reg + "/")]


@given(st.integers(0, 2**32 - 1))
@SETTINGS
def test_a_tarball_named_in_its_cache_line_is_not_listed_again(seed: int) -> None:
    # npm's cache line names ``pkg@<tarball url>``; the fetch of that very URL later is named
    # above (the marker counts it), not listed a second time. Every package stays named, and
    # a tarball no cache line named (``lone``) is still listed as it is.
    rng = random.Random(seed)
    text, wanted = _npm_verbose_log(rng, 60, "zzlonepkg")
    out = compress(text).compressed
    for w in wanted:
        assert w in out, w
    # Each tarball URL appears once, in its cache line's value; only the cache line shown
    # as its template's example names no value in a marker (its tarball is listed again).
    # (Counted by file name: a listing may say the shared directory once, in braces.)
    files = re.findall(r"(?<![a-z])[a-z]+-\d+\.\d+\.\d+\.tgz", out)
    assert len(files) <= len(set(files)) + 1, len(files) - len(set(files))


@SETTINGS
@given(
    n=st.integers(min_value=300, max_value=600),
    extra_names=st.integers(min_value=1, max_value=10),
    extra_versions=st.integers(min_value=1, max_value=6),
    seed=st.integers(min_value=0, max_value=10**6),
)
def test_rare_values_past_the_per_template_bound_are_named_or_their_lines_shown(
    n: int, extra_names: int, extra_versions: int, seed: int
) -> None:
    """More rare values in a template than ``MAX_RARE_PER_TEMPLATE`` lines shown for them:
    that many lines are shown, the other rare names are named in the markers; a rare version
    (a marker lists versions within its budget only) keeps its line past the bound."""
    rng = random.Random(seed)
    common = ["alpha", "bravo", "charlie"]
    names: list[str] = []
    while len(names) < MAX_RARE_PER_TEMPLATE + extra_names:
        name = _word(rng, 4)
        if name not in names:
            names.append(name)
    # Versions of distinct shapes (digits are masked when values are compared): each rare.
    versions = [
        f"({'.'.join(['1'] * (k + 1))}-{rng.choice(['rc', 'beta', 'dev'])})"
        for k in range(MAX_RARE_PER_TEMPLATE + extra_versions)
    ]
    workers = [
        f"worker {rng.choice(common)} finished job in queue {rng.choice(common)}" for _ in range(n)
    ]
    step = n // (len(names) + 1)
    for k, name in enumerate(names):
        workers[(k + 1) * step] = f"worker {name} finished job in queue alpha"
    tools = [f"Setting up tool {rng.choice(common)} (1.0-1) ..." for _ in range(n)]
    step = n // (len(versions) + 1)
    for k, version in enumerate(versions):
        tools[(k + 1) * step] = f"Setting up tool bravo {version} ..."
    r = compress("\n".join(workers + tools) + "\n", content_type="log")
    out = r.compressed
    shown = [ln for ln in out.splitlines() if not MARKER_RE.search(ln)]
    described = " ".join(m.group(1) for m in MARKER_RE.finditer(out))
    # The bound: so many lines are shown for a rare name, no more.
    shown_names = [name for name in names if any(re.search(rf"\b{name}\b", ln) for ln in shown)]
    assert len(shown_names) == MAX_RARE_PER_TEMPLATE, shown_names
    # The others are named in a marker.
    for name in names:
        assert name in shown_names or re.search(rf"\b{name}\b", described), name
    # Every rare version's line is shown, past the bound.
    for version in versions:
        assert any(ln.endswith(f" {version} ...") for ln in shown), version
    assert r.compressed_tokens < 0.2 * r.original_tokens
