"""Package managers' verbose logs (dpkg/apt term logs, pip -v, npm --verbose): what a marker
may count as named above instead of listing it again, and what it must still list."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.transforms._check import check_result, compress, omitted_text
from tests.transforms.test_log_oneoffs import _word
from transforms import MARKER_RE
from transforms._rarity import brace_values

# A few examples each: every one compresses a log of a few hundred lines.
FEW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _dpkg_term_log(
    rng: random.Random, count: int, odd: dict[int, str]
) -> tuple[str, list[str], list[str]]:
    """An apt term log installing ``count`` packages (dpkg's Selecting / Preparing to unpack /
    Unpacking, then Setting up), with its package names and archive names. ``odd``: package
    index -> what is special about it (``"dfsg"``: a version holding a name,
    ``"i386"``: a foreign architecture, ``"unnamed"``: an archive no other line names)."""
    names: list[str] = []
    while len(names) < count:
        name = f"lib{_word(rng, 2)}{rng.randint(0, 9)}"
        if name not in names:
            names.append(name)
    versions = [f"{rng.randint(1, 9)}.{rng.randint(0, 20)}-{rng.randint(1, 5)}" for _ in names]
    lines = [
        "",
        "Log started: 2025-06-24  14:36:29",
        "(Reading database ... 6089 files and directories currently installed.)",
    ]
    archives: list[str] = []
    setting_up: list[str] = []
    for k, (name, version) in enumerate(zip(names, versions, strict=True)):
        kind = odd.get(k, "")
        arch = "i386" if kind == "i386" else rng.choice(["amd64", "amd64", "all"])
        if kind == "dfsg":
            version = f"{version}~dfsg+~1.{k}-1"
        qualified = f"{name}:{arch}" if arch != "all" else name
        archive = f".../{k:03d}-{name}_{version}_{arch}.deb"
        archives.append(archive)
        if kind != "unnamed":
            lines.append(f"Selecting previously unselected package {qualified}.")
        lines.append(f"Preparing to unpack {archive} ...")
        if kind != "unnamed":
            lines.append(f"Unpacking {qualified} ({version}) ...")
            setting_up.append(f"{qualified} ({version})")
    lines += [f"Setting up {q} ..." for q in setting_up]
    lines += ["Processing triggers for libc-bin (2.36-9+deb12u10) ...", "Log ended: 2025-06-24"]
    return "\n".join(lines) + "\n", names, archives


@given(st.integers(0, 2**32 - 1))
@FEW
def test_an_archive_of_a_package_named_above_is_counted_not_listed(seed: int) -> None:
    # dpkg's ``Preparing to unpack .../012-libfoo2_1.4-2_amd64.deb ...`` names the package
    # its Selecting/Unpacking lines name, with apt's ordinal and the version (measurements):
    # a marker counts such archives as named above, by directory and architecture, and lists
    # the others as they are: one whose version holds a name (``~dfsg+~``), one whose package
    # no line names. Every package stays named; a foreign architecture is said.
    rng = random.Random(seed)
    odd = {17: "dfsg", 33: "i386", 41: "unnamed"}
    text, names, archives = _dpkg_term_log(rng, 60, odd)
    r = compress(text)
    check_result(r)
    out = r.compressed
    for name in names:
        assert name in out, name
    # Listed as they are (a listing may say a shared directory or ending once: by their own
    # part, the package and version).
    for k in (17, 41):
        own = archives[k].removeprefix(".../").rsplit("_", 1)[0]
        assert own in out or own.split("-", 1)[1] in out, archives[k]
    assert "_i386.deb" in out
    listed = sum(1 for a in archives if a.removeprefix(".../").rsplit("_", 1)[0] in out)
    assert listed <= 12, listed
    counted = re.findall(r"\.\.\./<n>_<v>_(\w+)\.deb \+ (\d+) named above", out)
    assert counted and sum(int(c) for _, c in counted) >= 40
    # The markers stand for the archives they count: each is in the omitted text.
    for m in MARKER_RE.finditer(out):
        if "<n>_<v>_" in m.group():
            assert ".deb ..." in omitted_text(r, m.group(2))
    assert r.savings_percent > 50


def _npm_scoped_log(rng: random.Random, n: int) -> tuple[str, list[str], dict[str, str]]:
    """An ``npm install --verbose`` log of ``n`` packages, a third of them scoped
    (``@scope/name``): a metadata fetch per package (``@scope%2fname``), its cache line
    ``@scope/name@https://…/@scope/name/-/name-1.2.3.tgz``, then the fetch of each tarball.
    With the package names and each one's version."""
    reg = "https://registry.example.org"
    scopes = [f"@{_word(rng, 2)}" for _ in range(3)]
    names: list[str] = []
    while len(names) < n:
        base = _word(rng)
        name = f"{rng.choice(scopes)}/{base}" if len(names) % 3 == 0 else base
        if name not in names and all(not x.endswith("/" + base) and x != base for x in names):
            names.append(name)
    versions = {p: f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{k}" for k, p in enumerate(names)}

    def tgz(p: str) -> str:
        return f"{reg}/{p}/-/{p.rsplit('/', 1)[-1]}-{versions[p]}.tgz"

    lines = ["npm verbose cli /usr/bin/node /usr/bin/npm", "npm info using npm@11.19.1"]
    lines += ["npm verbose title npm install app", 'npm verbose argv "install" "app"']
    lines += [
        f"npm http fetch GET 200 {reg}/{p.replace('/', '%2f')} {rng.randint(20, 900)}ms"
        " (cache updated)"
        for p in names
    ]
    lines += [f"npm http cache {p}@{tgz(p)} 0ms (cache hit)" for p in names]
    lines += [
        f"npm http fetch GET 200 {tgz(p)} {rng.randint(900, 5000)}ms (cache miss)" for p in names
    ]
    lines += ["", f"added {len(names)} packages in 9s", "npm verbose exit 0", "npm info ok"]
    return "\n".join(lines) + "\n", names, versions


@given(st.integers(0, 2**32 - 1))
@FEW
def test_scoped_packages_cache_lines_are_said_by_their_form_and_their_fetches_named_above(
    seed: int,
) -> None:
    # ``@scope/name@https://…/@scope/name/-/name-1.2.3.tgz`` (npm's cache line of a scoped
    # package) is said by its form, then each name and version, as unscoped ones are; the
    # later fetch of that tarball is named above (the cache line named it, or showed it), not
    # listed again. Every package and every version of a package in a cache line stay.
    rng = random.Random(seed)
    text, names, versions = _npm_scoped_log(rng, 45)
    r = compress(text)
    check_result(r)
    out = r.compressed
    for p in names:
        assert p in out, p
        base = p.rsplit("/", 1)[-1]
        assert f"{p} {versions[p]}" in out or f"{base}-{versions[p]}.tgz" in out, p
    assert "<s>/<n>@https://registry.example.org/<s>/<n>/-/<n>-<v>.tgz for @" in out
    # Each tarball's file once at most in the output (its cache line's listing, or the line).
    files = re.findall(r"(?<![\w-])[a-z]+-\d+\.\d+\.\d+\.tgz", out)
    assert len(files) == len(set(files)), sorted(files)
    assert r.savings_percent > 50


def _expand(listing: str) -> list[str]:
    """The values of a marker's listing, shell braces expanded (``/a/{b, c}.gz``)."""
    items: list[str] = []
    depth = start = 0
    for k, ch in enumerate(listing + ", "):
        depth += (ch == "{") - (ch == "}")
        if (depth == 0 and listing[k : k + 2] == ", ") or k == len(listing):
            items.append(listing[start:k])
            start = k + 2
    out: list[str] = []
    for it in filter(None, items):
        m = re.fullmatch(r"([^{]*)\{(.*)\}([^{}]*)", it)
        if m is None:
            out.append(it)
        else:
            out.extend(m.group(1) + v + m.group(3) for v in _expand(m.group(2)))
    return out


def test_a_long_lines_tail_names_its_paths_with_shared_directories_said_once() -> None:
    # update-alternatives' ``--slave`` lines run to hundreds of characters of man pages in
    # several languages: past its head the marker names every path of the tail (each rare in
    # the log), paths sharing a directory or an ending said with it once.
    langs = ["da", "de", "es", "fr", "it", "ja", "pl", "ru", "sv", "tr"]
    lines = [
        f"update-alternatives 2025-06-24 14:36:{k:02d}: link group tool{k} updated to point to"
        f" /usr/bin/tool{k}"
        for k in range(12)
    ]
    slaves = " ".join(
        f"--slave /usr/share/man/{lang}/man1/editor.1.gz editor.{lang}.1.gz"
        f" /usr/share/man/{lang}/man1/vim.1.gz"
        for lang in langs
    )
    long_line = (
        "update-alternatives 2026-05-09 07:29:27: run with --install /usr/bin/editor editor"
        f" /usr/bin/vim.basic 30 {slaves}"
    )
    lines.insert(6, long_line)
    r = compress("\n".join(lines) + "\n", content_type="log")
    check_result(r)
    (m,) = [m for m in MARKER_RE.finditer(r.compressed) if "more chars naming" in m.group()]
    listing = re.search(r"naming (.*); id=", m.group())
    assert listing is not None
    named = set(_expand(listing.group(1)))
    tail = omitted_text(r, m.group(2))
    assert long_line.endswith(tail)
    for tok in tail.split()[1:]:  # (the first: the word the cut runs through)
        if "/" in tok:
            assert tok in named, tok
    assert "{" in listing.group(1)


def test_names_of_one_architecture_are_listed_with_it_once() -> None:
    # dpkg's and apt's multiarch names (``libssl3:amd64``): a marker lists those of one
    # architecture as ``{libssl3, libfoo2}:amd64``; a name without digits (``perl:any``: one
    # word a reader looks for) is never cut from its qualifier.
    listed = brace_values(
        ["libfoo2:amd64", "perl:any", "libbar1:amd64", "python3:any", "libbaz3:amd64", "make:any"]
    )
    assert listed == ["{libfoo2, libbar1, libbaz3}:amd64", "perl:any", "python3:any", "make:any"]
    rng = random.Random(5)
    text, names, _ = _dpkg_term_log(rng, 60, {})
    r = compress(text)
    check_result(r)
    out = r.compressed
    assert "}:amd64" in out
    values: set[str] = set()
    for m in MARKER_RE.finditer(out):
        for part in re.findall(
            r"\*1: (.*?)(?:\); (?:T\d|\")|\); \+|\); id=|\); \d+ repeat)", m.group()
        ):
            values.update(_expand(part))
    for name in names:
        assert name in out, name
        assert any(v in (name, f"{name}:amd64", f"{name}:all") for v in values) or any(
            line.endswith(f"package {name}.") or f"package {name}:" in line
            for line in out.splitlines()
        ), name
