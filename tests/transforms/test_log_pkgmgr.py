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
