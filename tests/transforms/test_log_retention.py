"""Logs keep what a reader looks for: every one-off name (a package, a path, a payload key) is
shown or named in a marker, also in fields where every value is distinct, in long list lines
and in payloads; and JVM unified-logging output is recognised as a log."""

from __future__ import annotations

import json
import random
import re

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_rarity import SETTINGS
from transforms import detect_content_type
from transforms._rarity import Population, describe_run

_SYLLABLES = ["lib", "gtk", "xcb", "dri", "perl", "python3", "ssl", "avahi", "pango", "cairo"]


def _names(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        name = "-".join(rng.sample(_SYLLABLES, 3)) + rng.choice(["", "-dev", "-common", "-data"])
        if name not in out:
            out.append(name)
    return out


def _term_log(rng: random.Random, packages: list[str]) -> str:
    lines = ["Log started: 2025-06-24  14:36:25"]
    for k, p in enumerate(packages):
        ver = f"{rng.randint(1, 9)}.{rng.randint(0, 20)}-{rng.randint(1, 5)}"
        lines.append(f"Selecting previously unselected package {p}:amd64.")
        lines.append(f"Preparing to unpack .../{k:03d}-{p}_{ver}_amd64.deb ...")
        lines.append(f"Unpacking {p}:amd64 ({ver}) ...")
    for p in packages:
        lines.append(f"Setting up {p}:amd64 (1.0-1) ...")
    lines.append("Processing triggers for libc-bin (2.36-9+deb12u10) ...")
    lines.append("Log ended: 2025-06-24  14:37:01")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(st.integers(min_value=40, max_value=160), st.integers(min_value=0, max_value=10**6))
def test_every_one_off_package_is_shown_or_named(n: int, seed: int) -> None:
    rng = random.Random(seed)
    packages = _names(rng, n)
    text = _term_log(rng, packages)
    # One odd line in the middle: a one-off frontend fallback.
    cut = text.index("Setting up")
    text = text[:cut] + "debconf: falling back to frontend: Readline\n" + text[cut:]
    r = compress(text)
    assert r.savings_percent > 30
    assert "debconf: falling back to frontend: Readline" in r.compressed
    for p in packages:
        assert p in r.compressed, p


def test_long_list_line_names_every_item_of_its_tail() -> None:
    rng = random.Random(4)
    packages = _names(rng, 120)
    items = [f"{p}:amd64 ({rng.randint(1, 9)}.0-1, automatic)" for p in packages]
    install = "Install: " + ", ".join(items)
    blocks = []
    for day in range(1, 9):
        blocks += [
            f"Start-Date: 2025-06-{day:02d}  14:36:25",
            "Commandline: apt-get install -y curl",
            "Upgrade: libudev1:amd64 (252.36-1~deb12u1, 252.38-1~deb12u1)",
            f"End-Date: 2025-06-{day:02d}  14:36:29",
            "",
        ]
    text = "\n".join([*blocks[:10], install, *blocks[10:]]) + "\n"
    r = compress(text)
    assert r.compressed_tokens < r.original_tokens
    for p in packages:
        assert p in r.compressed, p
    (tail,) = [o for o in r.omitted if o.kind == "line tail"]
    assert "naming" in tail.description


def test_payload_keys_in_long_trace_lines_are_named() -> None:
    keys = ["max_msgs_per_subject", "max_msg_size", "max_consumers", "deny_purge", "did_create"]
    lines = [
        f"[672] 2026/12/01 11:25:23.{k:06d} [TRC] 127.0.0.1:40468 - cid:5 - <<- [PING]"
        for k in range(30)
    ]
    for n, key in enumerate(keys):
        filler = {f"field_{m}": "x" * 12 for m in range(24)}
        body = json.dumps({"type": "io.nats.jetstream.api.v1.info", **filler, key: -1})
        head = f"[672] 2026/12/01 11:25:23.1210{n}5 [TRC] cid:5 - ->> MSG_PAYLOAD: "
        line = f"{head}[{json.dumps(body)}]"
        assert len(line) > 500
        lines.insert(5 + 5 * n, line)
    r = compress("\n".join(lines) + "\n")
    assert r.savings_percent > 20
    for key in keys:
        assert key in r.compressed, key


def test_describe_run_lists_every_rare_value_past_its_budget_but_not_ids() -> None:
    units: list[dict[str, str | int | float | bool | None]] = [
        {"pkg": f"pkg-{chr(97 + i % 26)}{chr(97 + i // 26)}", "id": f"{i:04x}deadbeefcafe"}
        for i in range(200)
    ]
    pop = Population.of(units)
    text = describe_run(units, pop, field_budget=60, run_budget=80, always=1)
    for u in units:
        assert f"{u['pkg']}," in text + "," or f"{u['pkg']};" in text, u["pkg"]
    assert text.count("deadbeefcafe") < 20  # ids stay within the budgets
    # Without ``always`` the budget holds.
    assert len(describe_run(units, pop, field_budget=60, run_budget=80)) < 200


def test_short_hex_request_ids_are_ids_but_a_one_off_path_is_named() -> None:
    # Every line has its own request id ("r-c1cff22d", a git-style short hash): naming each
    # one would make the marker as long as the log. A path seen once is still named.
    rng = random.Random(7)
    lines = [
        f"2026-09-15T08:00:{i % 60:02d}.{i:03d}Z INFO request handled method=GET "
        f"path=/api/v1/{'cart' if i % 2 else 'items'} status=200 ms={rng.randint(3, 90)} "
        f"req_id=r-{rng.getrandbits(32):08x} commit={rng.getrandbits(28):07x}"
        for i in range(600)
    ]
    lines[311] = lines[311].replace("path=/api/v1/cart", "path=/api/v1/refunds")
    out = compress("\n".join(lines))
    assert "/api/v1/refunds" in out.compressed
    assert out.savings_percent > 80, out.savings_percent
    assert out.compressed.count("req_id=r-") < 200  # bounded lists with "+N more", not 600


def test_jvm_unified_logging_is_a_log() -> None:
    lines = [
        "[0.003s][info ][gc     ] Using Serial",
        "[0.003s][info ][gc,init] Version: 17.0.15+6-Debian-1deb12u1 (release)",
    ]
    for k in range(60):
        up = f"[{0.05 + k * 0.013:.3f}s]"
        lines.append(f"{up}[info ][gc,start    ] GC({k}) Pause Young (Allocation Failure)")
        lines.append(f"{up}[info ][gc,heap     ] GC({k}) DefNew: {k % 9 * 100}K->{k % 5 * 64}K")
    text = "\n".join(lines) + "\n"
    assert detect_content_type(text) == "log"
    r = compress(text)
    assert r.savings_percent > 50


def test_stanza_dump_names_every_package_of_its_list_lines() -> None:
    rng = random.Random(8)
    names = _names(rng, 600)
    stanzas = []
    for k in range(60):
        deps = ", ".join(f"{d} (>= {rng.randint(1, 9)}.{rng.randint(0, 9)})" for d in names[k::60])
        stanzas.append(
            f"Package: {names[k]}\nArchitecture: amd64\nVersion: {rng.randint(1, 9)}.0-{k}\n"
            f"APT-ID: {1000 + k}\nStatus: installed\nDepends: {deps}\n"
        )
    text = "Request: EIPP 0.1\nArchitecture: amd64\nPlanner: internal\n\n" + "\n".join(stanzas)
    r = compress(text)
    assert r.savings_percent > 25
    for name in names:
        assert name in r.compressed, name
    assert any(o.kind == "line tail" for o in r.omitted)


def _dump(rng: random.Random, names: list[str], n: int, odd: tuple[int, str] | None) -> str:
    """An apt EIPP-style dump: ``n`` stanzas whose ``Depends:`` lists vary in length."""
    stanzas = []
    for k in range(n):
        deps = [f"{d} (>= {rng.randint(1, 9)}.{rng.randint(0, 9)}-1~deb12u1)" for d in names[:3]]
        deps += rng.sample(names[3:40], rng.randint(0, 6))
        if odd is not None and odd[0] == k:
            deps.insert(rng.randint(0, len(deps)), odd[1])
        stanzas.append(
            f"Package: {names[40 + k]}\nArchitecture: amd64\nVersion: {rng.randint(1, 9)}.0-{k}\n"
            f"APT-ID: {1000 + k}\nMulti-Arch: same\nStatus: installed\n"
            f"Depends: {', '.join(deps)}\n"
        )
    return "Request: EIPP 0.1\nArchitecture: amd64\nPlanner: internal\n\n" + "\n".join(stanzas)


@SETTINGS
@given(st.integers(min_value=30, max_value=120), st.integers(min_value=0, max_value=10**6))
def test_stanza_list_fields_name_a_one_off_item_wherever_it_is(n: int, seed: int) -> None:
    rng = random.Random(seed)
    names = _names(rng, 40 + n)
    odd = "libodd-one-out-perl"
    text = _dump(rng, names, n, (rng.randrange(n), odd))
    r = compress(text)
    assert odd in r.compressed
    for name in names[40:]:  # every package of the dump, in the one-off slot of Package:
        assert name in r.compressed, name


def test_stanza_list_fields_are_one_template_per_field() -> None:
    rng = random.Random(11)
    names = _names(rng, 160)
    text = _dump(rng, names, 120, (77, "(>= 1:7.0.0~alpha~)"))
    r = compress(text)
    # Lists of every length are one template, so the dump shrinks to the names it holds.
    assert "Depends: <list>" in r.compressed
    assert r.savings_percent > 70
    # Markers name the words of the lists, never the versions inside them.
    marked = " ".join(o.description for o in r.omitted)
    assert "Depends words:" in marked
    assert "deb12u1" not in marked and "alpha" not in marked


def test_level_prefixed_messages_are_not_stanza_fields() -> None:
    # "ERROR: …" / "Warning: …" lines next to each other are messages, not a stanza's fields;
    # each distinct message stays.
    lines = [f"2025-06-24 14:36:{k % 60:02d} INFO request {k} took {k % 7} ms" for k in range(80)]
    msgs = [f"ERROR: cannot open /var/lib/app/{w}.db: permission denied" for w in ("a", "bb")]
    msgs += [
        "Error: upstream timed out after 3 retries",
        "Error: bad gateway from upstream",
        "Error: upstream closed the connection",
        "Warning: retrying",
    ]
    text = "\n".join(lines[:40] + msgs + lines[40:]) + "\n"
    r = compress(text)
    for m in msgs:
        assert m in r.compressed, m
    assert "<list>" not in r.compressed


def test_a_value_constant_in_runs_is_named_once_per_output() -> None:
    # A protocol trace: every PUB of client "kv-sample" is followed by its payload line; the
    # runs between the kept lines repeat the same client name, which a reader needs once.
    rng = random.Random(5)
    head = '[18199] 2026/12/02 00:11:23.{:06d} [TRC] 127.0.0.1:54514 - cid:5 - "v2.16.0:python3:{}"'
    lines = [f"[18199] 2026/12/02 00:11:22.16375{k} [INF] Starting nats-server" for k in range(3)]
    for k in range(200):
        client = "kv-sample" if k % 40 else "kv-admin"
        key = rng.choice(["theme", "lang", "timeout", "mode"])
        lines.append(head.format(2 * k, client) + f" - <<- [PUB $KV.settings.{key} _INBOX.x 4]")
        lines.append(
            head.format(2 * k + 1, client) + f' - <<- MSG_PAYLOAD: ["{rng.randint(0, 99)}"]'
        )
        if k % 25 == 0:
            lines.append(f"[18199] 2026/12/02 00:11:24.{k:06d} [INF] Server checkpoint {k} done")
    r = compress("\n".join(lines) + "\n")
    marked = [o.description for o in r.omitted]
    assert len(marked) >= 4
    named = sum(d.count("kv-sample") for d in marked)
    assert named <= 2, marked
    assert "kv-admin" in r.compressed


def test_names_differing_only_in_digits_are_each_named() -> None:
    # libpython3.11-dev and libpython3.9-dev share a shape (digits after a dot masked) but are
    # two packages: each is named as it is, and one named above does not hide the other.
    rng = random.Random(9)
    versioned = [
        f"lib{w}{m}.{n}-dev"
        for w, m, n in (("python", 3, 9), ("python", 3, 11), ("perl", 5, 32), ("perl", 5, 36))
    ] + ["libllvm14.0", "libllvm15.0"]
    stanzas = []
    for k in range(90):
        pkg = versioned[k] if k < len(versioned) else f"pkg-{'abcdefghij'[k % 10]}{k}-tools"
        deps = ", ".join(
            [f"{rng.choice(versioned)} (>= 1.{k})", "libc6 (>= 2.34)"][: rng.randint(1, 2)]
        )
        stanzas.append(
            f"Package: {pkg}\nStatus: install ok installed\nVersion: 1.{k}-1\nDepends: {deps}\n"
        )
    text = "\n".join(stanzas)
    r = compress(text, content_type="log")
    for name in versioned:
        assert name in r.compressed, name
    assert not any(re.search(r"lib\w*#", o.description) for o in r.omitted)


def test_dpkg_status_is_read_as_stanzas_and_names_every_package() -> None:
    # /var/lib/dpkg/status: deb822 stanzas with folded Description paragraphs. Read as prose,
    # sentence selection dropped whole "Package:" fields; as stanzas every package is named.
    rng = random.Random(3)
    names = _names(rng, 80)
    words = [
        "this",
        "package",
        "provides",
        "library",
        "runtime",
        "support",
        "files",
        "for",
        "the",
        "GNU",
        "system",
        "tools",
        "which",
        "contains",
        "shared",
        "objects",
        "headers",
        "documentation",
        "examples",
        "plugins",
        "used",
        "by",
        "programs",
        "to",
        "read",
        "write",
        "parse",
        "render",
        "encode",
        "decode",
        "images",
        "fonts",
        "sound",
        "network",
        "protocols",
        "data",
    ]
    stanzas = []
    for k, p in enumerate(names):
        deps = ", ".join(f"{d} (>= {rng.randint(1, 9)}.{k})" for d in rng.sample(names, 3))
        desc = [" " + " ".join(rng.sample(words, 11)) for _ in range(rng.randint(3, 7))]
        stanzas.append(
            "\n".join(
                [
                    f"Package: {p}",
                    "Status: install ok installed",
                    f"Priority: {rng.choice(['optional', 'important'])}",
                    f"Installed-Size: {rng.randint(10, 9999)}",
                    f"Maintainer: Debian {p.split('-')[0]} Team <team-{k}@lists.debian.org>",
                    "Architecture: amd64",
                    f"Version: {rng.randint(1, 9)}.{k}-1",
                    f"Depends: {deps}",
                    f"Description: {' '.join(rng.choices(words, k=5))}",
                    *desc,
                ]
            )
        )
    text = "\n\n".join(stanzas) + "\n"
    assert detect_content_type(text) == "log"
    r = compress(text)
    assert r.savings_percent > 20
    for p in names:
        assert f"{p}" in r.compressed, p


def test_list_fields_name_their_items_whole() -> None:
    # debian/copyright (DEP-5): "Files:" lists globs and paths, "License:" names licences; a
    # marker names each item as it is written (src/ext/*.c, GPL-2+), not its word fragments.
    rng = random.Random(12)
    dirs = ["src", "lib", "tests", "docs", "tools", "debian", "contrib", "po", "m4", "build"]
    stanzas = []
    items: list[str] = []
    for k in range(60):
        files = [f"{rng.choice(dirs)}/{w}{k}/*.{rng.choice('ch')}" for w in ("ext", "mod")]
        files = files[: rng.randint(1, 2)]
        lic = rng.choice(["GPL-2+", "LGPL-2.1+", "BSD-3-clause", "GPL-2+ or LGPL-3+"])
        items += files
        stanzas.append(
            f"Files: {' '.join(files)}\nCopyright: 20{k % 25:02d} Example Authors\nLicense: {lic}"
        )
    text = "\n\n".join(stanzas) + "\n"
    r = compress(text, content_type="log")
    for item in [*items, "GPL-2+", "LGPL-2.1+", "BSD-3-clause", "LGPL-3+"]:
        assert item in r.compressed, item
    assert any("Files words:" in o.description for o in r.omitted)
