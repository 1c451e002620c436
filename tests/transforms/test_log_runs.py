"""Runs of one template whose slot values are all distinct (a build copying files, pip
listing wheels): the values are named with the directories and endings they share said once
(``build/lib/pkg/{a.py, b.py}``), every name whole, and the omitted lines stay exact."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress, omitted_text
from tests.transforms.test_rarity import SETTINGS
from transforms import MARKER_RE
from transforms._rarity import brace_values

_BRACES = re.compile(r"(\S*)\{([^{}]*)\}(\S*?)(?=[,;)\s]|$)")


def _expanded(text: str) -> str:
    """``pre{a, b}suf`` written out as ``prea, preb``: what a reader reads in a marker."""
    return _BRACES.sub(
        lambda m: ", ".join(f"{m.group(1)}{v}{m.group(3)}" for v in m.group(2).split(", ")), text
    )


def test_paths_share_their_directory_and_ending_once() -> None:
    wheels = [f"./wheels/pkg{k}-1.{k}.0-py3-none-any.whl" for k in range(6)]
    odd = "./wheels/native-2.0-cp311-cp311-manylinux_2_28_x86_64.whl"
    out = brace_values([*wheels, odd, "+3 more"])
    listed = ", ".join(out)
    assert "./wheels/{" in listed and "}-py3-none-any.whl" in listed
    assert odd in listed and out[-1] == "+3 more"
    assert sorted(_expanded(listed).split(", ")) == sorted([*wheels, odd, "+3 more"])
    # In the order given (a run's order), not sorted.
    shuffled = [wheels[k] for k in (3, 0, 5, 1, 4, 2)]
    assert _expanded(", ".join(brace_values(shuffled))).split(", ") == shuffled


def test_a_name_is_never_cut() -> None:
    # Paths without digits are names a reader looks for whole (a target, a source file).
    objs = [f"CMakeFiles/yaml.dir/src/{n}.c.o" for n in ("api", "dumper", "emitter", "loader")]
    assert ", ".join(brace_values(objs)) == ", ".join(objs)
    # Nor is a name inside a value holding a version.
    reqs = [f"tree-sitter-{lang}==0.2{k}.1" for k, lang in enumerate(["c", "go", "rust"])]
    assert ", ".join(brace_values(reqs)) == ", ".join(reqs)
    # Names among paths that may be cut do not keep those from their group.
    tests = [f"pkg/tests/test_{k}.py" for k in ("a1", "b2", "c3", "d4")]
    names = ["pkg/tests/_helpers.py", "pkg/tests/conftest.py"]
    listed = ", ".join(brace_values([names[0], *tests, names[1]]))
    assert "pkg/tests/{test_a1.py" in listed or "pkg/tests/test_{a1" in listed
    assert all(name in listed for name in names)


_WORDS = ["core", "util", "http", "cache", "parse", "codec", "io", "auth", "sql", "log", "cli"]


def _modules(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add("_".join(rng.sample(_WORDS, 3)))
    return sorted(out)


def _wheel_build(rng: random.Random, modules: list[str], warn_at: int, odd_at: int) -> str:
    lines = [
        "Building wheels for collected packages: pkg",
        "  running bdist_wheel",
        "  running build_py",
    ]
    build = "build/lib.linux-x86_64-cpython-311/pkg"
    for k, mod in enumerate(modules):
        if k == warn_at:
            lines.append(f"  warning: build_py: {mod}_{rng.randint(0, 9)}.py is not a module")
        if k == odd_at:
            lines.append("  note: skipping byte-compilation of pkg/_vendored")
        lines.append(f"  copying pkg/{mod}.py -> {build}")
    for mod in modules:
        lines.append(f"  copying {build}/{mod}.py -> build/bdist.linux-x86_64/wheel/./pkg")
    lines.append("  removing build/bdist.linux-x86_64/wheel")
    lines.append("Successfully built pkg")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(
    st.integers(min_value=30, max_value=90),
    st.integers(min_value=0, max_value=10**6),
    st.data(),
)
def test_a_run_of_distinct_paths_keeps_every_value_and_its_lines(
    n: int, seed: int, data: st.DataObject
) -> None:
    rng = random.Random(seed)
    modules = _modules(rng, n)
    warn_at = data.draw(st.integers(min_value=3, max_value=len(modules) - 4))
    odd_at = data.draw(st.integers(min_value=3, max_value=len(modules) - 4))
    text = _wheel_build(rng, modules, warn_at, odd_at)
    r = compress(text, content_type="log")
    assert r.compressed_tokens < r.original_tokens
    # The warning and the one-off line are shown whole, never only counted.
    warning = next(ln for ln in text.splitlines() if "warning:" in ln)
    assert warning in r.compressed
    assert "  note: skipping byte-compilation of pkg/_vendored" in r.compressed
    # Every copied path is named (written out, braces and all) or shown; a build path
    # whose tail is named above is its directory + a count of those (``_named_tail``).
    read = _expanded(r.compressed)
    build = "build/lib.linux-x86_64-cpython-311/"
    unnamed = 0
    for mod in modules:
        assert f"pkg/{mod}.py" in read, mod
        unnamed += f"{build}pkg/{mod}.py" not in read
    derived = re.findall(rf"{re.escape(build)} \+ (\d+) named above", r.compressed)
    assert sum(map(int, derived)) == unnamed
    # The omissions give back the exact lines they stand for: one piece of the text, or for a
    # marker that hides a run's lines "here and between the lines below", lines of it.
    for m in MARKER_RE.finditer(r.compressed):
        hidden = omitted_text(r, m.group(2))
        merged = "here and between the lines below" in m.group(0)
        assert hidden and (merged or hidden in text)
        assert all(line in text.splitlines() for line in hidden.splitlines())
    # The lines, after the templates table (if any: templates quoted in every marker naming
    # them count fewer tokens in a short log than its table and legend).
    rebuilt = r.compressed.split("\n---\n", 1)[-1]
    for o in r.omitted:
        marker = next(m.group(0) for m in MARKER_RE.finditer(rebuilt) if m.group(2) == o.id)
        rebuilt = rebuilt.replace(marker, omitted_text(r, o.id).rstrip("\n"), 1)
    assert rebuilt == text


def test_the_braced_form_pays() -> None:
    rng = random.Random(3)
    modules = _modules(rng, 80)
    text = _wheel_build(rng, modules, 10, 20)
    r = compress(text, content_type="log")
    assert "build/lib.linux-x86_64-cpython-311/pkg/{" in r.compressed
    assert r.savings_percent > 50, r.savings_percent


def test_the_table_names_exactly_the_templates_markers_name() -> None:
    rng = random.Random(5)
    modules = _modules(rng, 60)
    text = _wheel_build(rng, modules, 10, 20)
    # A second template beside the copies whose values are all named above (the modules):
    # its lines are counted ("+1 templates"), not named by id.
    for mod in modules:
        copy = f"  copying build/lib.linux-x86_64-cpython-311/pkg/{mod}.py -> "
        text = text.replace(copy, f"  byte-compiling pkg/{mod}.py\n{copy}")
    r = compress(text, content_type="log")
    head, _, body = r.compressed.rpartition("\n---\n")
    table = re.findall(r"^(T\d+) \d+×", head, re.M)
    named = set(re.findall(r"\b(T\d+)×", "".join(o.description for o in r.omitted)))
    assert set(table) == named
    # (Here the copies' template is quoted in its 4 markers: fewer tokens than a table and
    # its legend.)
    assert named or '"copying <*> -> <*>"×' in body
    assert "+1 templates" in body and "byte-compiling" not in head
    assert table == [f"T{k + 1}" for k in range(len(table))]  # numbered without gaps
    for o in r.omitted:
        assert f"[omitted {o.description}; id={o.id}]" in body


_PART = st.sampled_from(["build", "lib", "pkg", "src", "x86_64", "py311", "v2", "a", "zone"])
_PATH = st.builds(
    lambda parts, leaf, ext: "/".join([*parts, leaf]) + ext,
    st.lists(_PART, min_size=0, max_size=4),
    st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True),
    st.sampled_from(["", ".py", "-1.0-py3-none-any.whl", ".c.o", "-2.1.3.tar.gz"]),
)


@SETTINGS
@given(st.lists(_PATH, min_size=0, max_size=40, unique=True))
def test_braces_write_out_to_exactly_the_values(values: list[str]) -> None:
    listed = ", ".join(brace_values(values))
    assert sorted(_expanded(listed).split(", ")) == sorted(values) or not values
    # Every name (a word without digits) is there as it is.
    for v in values:
        for word in re.findall(r"[A-Za-z][\w.:/+-]*", v):
            word = word.rstrip(".:")
            if not any(c.isdigit() for c in word):
                assert word in listed, (word, listed)


def test_a_path_is_its_directory_and_a_name_above_only_where_no_name_is_cut() -> None:
    """``build/lib.linux-x86_64-cpython-311/pkg/a.py`` after ``pkg/a.py`` was named: the
    build directory once, the rest counted as named above. ``build/lib/pkg/a.py`` is one
    name (no digits): each is named whole."""
    rng = random.Random(5)
    modules = _modules(rng, 40)
    for build, derived in (("build/lib.linux-x86_64-cpython-311", True), ("build/lib", False)):
        lines = [f"  copying pkg/{mod}.py -> {build}/pkg" for mod in modules]
        lines.append("  running install_lib")
        lines += [f"  copying {build}/pkg/{mod}.py -> build/wheel/./pkg" for mod in modules]
        text = "Building wheel\n  running build_py\n" + "\n".join(lines) + "\nBuilt wheel\n"
        r = compress(text, content_type="log")
        read = _expanded(r.compressed)
        assert all(f"pkg/{mod}.py" in read for mod in modules)
        if derived:
            counted = re.findall(rf"{re.escape(build)}/ \+ (\d+) named above", r.compressed)
            shown = sum(f"{build}/pkg/{mod}.py" in read for mod in modules)
            assert counted and sum(map(int, counted)) + shown == len(modules)
        else:
            assert " + " not in r.compressed
            assert all(f"{build}/pkg/{mod}.py" in read for mod in modules)


def test_archive_files_of_a_short_directory_share_their_ending_once() -> None:
    """apt's ``.../2-libfoo3_1.2-3_amd64.deb``: no directory to say once (``.../`` is too
    short), but the ending is: ``.../{2-libfoo3_1.2-3, …}_amd64.deb``, written out exactly
    the values; a value that is one name (no digits) is never cut."""
    debs = [f".../{k}-lib{n}{k}_{k}.{k + 1}-1_amd64.deb" for k, n in enumerate("abcdef")]
    odd = ".../9-tzdata_2024a-0+deb12u1_all.deb"
    listed = ", ".join(brace_values([*debs[:3], odd, *debs[3:]]))
    assert ".deb, " not in listed.split("}")[0] and "_amd64.deb" in listed.split("}")[1]
    assert sorted(_expanded(listed).split(", ")) == sorted([*debs, odd])
    names = [f".../pool/{n}_tool.deb" for n in ("alpha", "beta", "gamma", "delta")]
    assert ", ".join(brace_values(names)) == ", ".join(names)


def test_values_of_two_endings_each_say_theirs_once() -> None:
    amd = [f".../{k}-lib{n}{k}_{k}.{k + 1}-1_amd64.deb" for k, n in enumerate("abcdef")]
    arch_all = [f".../{k}-{n}-data{k}_{k}.0-2_all.deb" for k, n in enumerate("ghijkl")]
    values = [v for pair in zip(amd, arch_all, strict=True) for v in pair]
    listed = ", ".join(brace_values(values))
    assert listed.count("{") == 2 and listed.count("_amd64.deb") == listed.count("_all.deb") == 1
    assert sorted(_expanded(listed).split(", ")) == sorted(values)


def test_a_store_hash_in_a_path_is_elided_the_file_after_it_named() -> None:
    # PyPI's (and pip's wheel cache's) content-addressed paths: short hex levels, then a hash
    # directory, then the file. A marker names the file a reader looks for (not a head of
    # the URL cut inside the hash); the hash is in the omitted text.
    rng = random.Random(7)
    names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    urls = [
        f"https://files.example.org/packages/{rng.getrandbits(8):02x}/{rng.getrandbits(8):02x}/"
        f"{rng.getrandbits(240):060x}/{name}-9.1.0-py3-none-any.whl"
        for name in names
    ]
    lines = ["Using pip 23.2.1", "Collecting demo", "Collecting more"]
    lines += [f"  Link requires a different Python (3.11 not in: '>=3.12'): {u}" for u in urls]
    lines += ["Installing collected packages: demo", "Successfully installed demo-1.0", "done"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    out = _expanded(r.compressed)
    for u, name in zip(urls, names, strict=True):
        named = f"https://files.example.org/packages/…/{name}-9.1.0-py3-none-any.whl"
        assert u in out or named in out
    hidden = "".join(omitted_text(r, o.id) for o in r.omitted if o.kind != "content hashes")
    hashes = {r.original[s:e] for o in r.omitted if o.kind == "content hashes" for s, e in o.spans}
    for u, name in zip(urls, names, strict=True):
        if u not in r.compressed and u not in hidden:
            # Shown with its hash directories written …, which its own marker holds.
            assert f"https://files.example.org/packages/…/{name}-9.1.0-py3-none-any.whl" in out
            assert u.split("/packages/")[1].rsplit("/", 1)[0] in hashes


def test_references_repeating_their_name_are_said_by_their_form_once() -> None:
    # npm's cache lines: ``name@https://registry.npmjs.org/name/-/name-1.0.2.tgz``, the name
    # three times. A marker says the form once and each name with its version; written out,
    # they are exactly the values.
    names = ["accepts", "body-parser", "content-type", "ipaddr.js", "ms", "side-channel-map"]
    values = [
        f"{n}@https://registry.npmjs.org/{n}/-/{n}-{k}.{k + 1}.0.tgz" for k, n in enumerate(names)
    ]
    odd = "@types/node@https://registry.npmjs.org/@types/node/-/node-20.1.0.tgz"
    listed = brace_values([*values, odd])
    assert listed[0] == odd  # another form: as it is, before the form's list
    form, _, rest = listed[-1].partition(" for ")
    assert form == "<n>@https://registry.npmjs.org/<n>/-/<n>-<v>.tgz"
    pairs = [p.split(" ") for p in rest.split(", ")]
    assert [form.replace("<n>", n).replace("<v>", v) for n, v in pairs] == values
    lines = ["npm verbose cli /usr/bin/node /usr/bin/npm", "npm info using npm@11.19.1"]
    lines += ["npm verbose title npm install demo"]
    lines += [f"npm http cache {v} 0ms (cache hit)" for v in values]
    lines += [
        f"npm http cache {v}2@https://registry.npmjs.org/{v}2/-/{v}2-1.0.0.tgz 0ms (cache hit)"
        for v in names
    ]
    lines += ["added 12 packages in 2s", "npm verbose exit 0", "npm info ok"]
    r = compress("\n".join(lines) + "\n", content_type="log")
    assert "<n>@https://registry.npmjs.org/<n>/-/<n>-<v>.tgz for " in r.compressed
    for k, n in enumerate(names):
        assert f"{n} {k}.{k + 1}.0" in r.compressed or values[k] in r.compressed
