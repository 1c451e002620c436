"""Records with nested records and wide categorical fields (an SBOM's components, a type
checker's diagnostics): a rare value inside a nested list is kept, every value of a
categorical field is in the output, and markers stay small (ids and derived fields counted,
not listed)."""

from __future__ import annotations

import json
import random

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_rarity import SETTINGS
from transforms import MARKER_RE
from transforms._rarity import Population, describe_run

_AUTHORS = [f"Author {chr(65 + k)}{chr(97 + k)}son <a{k}@example.org>" for k in range(17)]
_LICENSES = ["MIT", "MIT OR Apache-2.0", "Apache-2.0", "BSD-3-Clause"]


def _component(rng: random.Random, i: int, author: str) -> dict[str, object]:
    name = f"crate-{i:02d}-{rng.choice(['alpha', 'beta', 'gamma', 'delta'])}"
    version = f"{rng.randint(0, 3)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"
    return {
        "type": "library",
        "bom-ref": f"registry+https://github.com/rust-lang/crates.io-index#{name}@{version}",
        "author": author,
        "name": name,
        "version": version,
        "description": f"Library number {i} doing {rng.choice(['parsing', 'hashing', 'io'])}",
        "scope": "required",
        "hashes": [{"alg": "SHA-256", "content": f"{rng.getrandbits(256):064x}"}],
        "licenses": [{"expression": rng.choice(_LICENSES)}],
        "purl": f"pkg:cargo/{name}@{version}",
        "externalReferences": [{"type": "vcs", "url": f"https://github.com/example/{name}"}],
    }


def _components(rng: random.Random, n: int) -> list[dict[str, object]]:
    authors = [_AUTHORS[i % len(_AUTHORS)] for i in range(n)]
    rng.shuffle(authors)
    return [_component(rng, i, a) for i, a in enumerate(authors)]


@SETTINGS
@given(st.integers(min_value=36, max_value=80), st.integers(min_value=0, max_value=10**6))
def test_a_rare_licence_in_a_nested_list_is_kept(n: int, seed: int) -> None:
    rng = random.Random(seed)
    comps = _components(rng, n)
    odd = comps[rng.randrange(1, n - 1)]
    odd["licenses"] = [{"expression": "Apache-2.0 WITH LLVM-exception OR MIT"}]
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": comps}
    r = compress(json.dumps(bom, indent=2))
    assert r.savings_percent > 50
    assert "Apache-2.0 WITH LLVM-exception OR MIT" in r.compressed
    # An error-like word in a nested value makes the record an anomaly: shown whole.
    assert str(odd["purl"]) in r.compressed


@SETTINGS
@given(st.integers(min_value=36, max_value=80), st.integers(min_value=0, max_value=10**6))
def test_every_value_of_a_wide_categorical_field_is_in_the_output(n: int, seed: int) -> None:
    rng = random.Random(seed)
    comps = _components(rng, n)
    r = compress(json.dumps({"components": comps}, indent=2))
    assert r.savings_percent > 60
    for author in _AUTHORS:
        assert author in r.compressed, author
    for lic in {c["licenses"][0]["expression"] for c in comps}:  # type: ignore[index]
        assert lic in r.compressed, lic


def test_markers_count_id_and_derived_fields_instead_of_listing_them() -> None:
    rng = random.Random(7)
    comps = _components(rng, 12)
    units = [
        {
            "bom-ref": str(c["bom-ref"]),
            "name": str(c["name"]),
            "purl": str(c["purl"]),
            "hashes.content": c["hashes"][0]["content"],  # type: ignore[index]
        }
        for c in comps
    ]
    pop = Population.of(units)
    full = describe_run(units[2:6], pop)
    compact = describe_run(units[2:6], pop, compact=True)
    for u in units[2:6]:
        assert u["name"] in compact  # the name is listed ...
        assert u["purl"] not in compact  # ... not what is built from it,
        assert u["hashes.content"][:40] not in compact  # nor ids
        assert u["name"] in full
    assert "+3 more fields" in compact
    assert len(compact) < len(full) / 3
    # A field kept by the caller (always_fields) is listed even if derived.
    kept = describe_run(units[2:6], pop, compact=True, always_fields={"purl"})
    assert all(u["purl"] in kept for u in units[2:6])


def test_numeric_columns_of_diagnostics_are_ranges_not_categories() -> None:
    # A type checker's report: the column of each diagnostic is a measurement. Columns
    # seen once must not each get a record shown (they are a range in the markers).
    rng = random.Random(3)
    codes = ["no-untyped-def", "no-untyped-call", "attr-defined"]
    lines = []
    for i in range(300):
        code = codes[0] if i % 3 else codes[1]
        # 20 distinct columns, most of them rare (at most 2 % of the records) but none far out
        col = rng.choice([4, 8, 12, 16]) if i % 5 else rng.choice(range(1, 31, 2))
        lines.append(
            json.dumps(
                {
                    "file": f"pkg/mod{i // 60}.py",
                    "line": i + 1,
                    "column": col,
                    "message": "Function is missing a type annotation",
                    "code": code,
                    "severity": "error",
                }
            )
        )
    lines.insert(150, lines[151].replace("no-untyped-def", "attr-defined"))
    r = compress("\n".join(lines) + "\n")
    shown = [
        ln
        for ln in r.compressed.splitlines()
        if not MARKER_RE.fullmatch(ln) and ln.startswith("pkg/")
    ]
    assert "attr-defined" in r.compressed
    assert len(shown) <= 12, shown
    assert r.savings_percent > 85


def test_a_categorical_value_too_long_for_a_marker_is_shown_in_its_record() -> None:
    # A long list of authors (one value of a wide categorical field) would be cut in a
    # marker: the first record holding it is shown instead.
    rng = random.Random(11)
    comps = _components(rng, 60)
    many = ", ".join(f"Contributor Number{k} <contributor{k}@example.org>" for k in range(5))
    assert len(many) > 160
    for k in (17, 40):
        comps[k]["author"] = many
    r = compress(json.dumps({"components": comps}, indent=2))
    assert many in r.compressed
    assert r.savings_percent > 60


def test_markers_count_a_messages_template_not_each_name_it_quotes() -> None:
    # mypy -O json: "Call to untyped function "f12" in typed context" for many functions is
    # one message template; the marker counts it instead of listing each cut message.
    lines = []
    for i in range(200):
        untyped = i % 4 != 0
        lines.append(
            json.dumps(
                {
                    "file": f"pkg/mod{i // 50}.py",
                    "line": 3 * i + 1,
                    "message": f'Call to untyped function "helper_{i}" in typed context'
                    if untyped
                    else "Function is missing a type annotation",
                    "code": "no-untyped-call" if untyped else "no-untyped-def",
                    "severity": "error",
                }
            )
        )
    r = compress("\n".join(lines) + "\n")
    # (listed bare: a value with quotes inside is not JSON-quoted in a marker)
    assert 'Call to untyped function "…" in typed context×' in r.compressed
    hidden_names = [f"helper_{i}" for i in range(200) if f"helper_{i}" not in r.compressed]
    assert len(hidden_names) > 100  # not each named in a marker
    assert r.savings_percent > 85


def test_a_derived_fields_one_off_value_is_still_listed() -> None:
    # A linter report: url = docs base + rule name. The url of a rule seen once is a one-off
    # value of its own (listed); the urls of common rules are counted with the field.
    base = "https://docs.example.org/rules/"
    names = ["line-too-long"] * 60 + ["missing-docstring"] * 60 + ["assert"]
    units = [{"name": n, "url": base + n} for n in names]
    pop = Population.of(units)
    run = units[50:]
    out = describe_run(run, pop, compact=True, always=1, always_repeating=True)
    assert base + "assert" in out
    assert base + "line-too-long" not in out and base + "missing-docstring" not in out
    assert "line-too-long" in out and "missing-docstring" in out


def test_a_rare_combination_of_list_items_is_named_not_shown() -> None:
    # Which links a component lists (vcs, docs, website) combine freely: a combination seen
    # once is no anomaly worth a record; its values are still in a marker.
    rng = random.Random(5)
    comps = _components(rng, 60)
    odd = comps[30]
    odd["externalReferences"] = [
        {"type": "documentation", "url": f"https://docs.example.org/{odd['name']}"},
        {"type": "vcs", "url": f"https://github.com/example/{odd['name']}"},
    ]
    r = compress(json.dumps({"components": comps}, indent=2))
    assert "documentation" in r.compressed
    assert str(odd["bom-ref"]) not in r.compressed


def test_a_far_line_or_column_is_no_anomaly_but_a_far_duration_is() -> None:
    rng = random.Random(2)
    recs = [
        {
            "file": "pkg/mod.py",
            "line": rng.randint(1, 40),
            "column": rng.randint(0, 12),
            "ms": rng.randint(10, 20),
            "message": "Function is missing a type annotation",
        }
        for _ in range(400)
    ]
    recs[140]["column"] = 160  # where, not how much
    recs[280]["ms"] = 9000  # how much: an outlier
    r = compress(json.dumps(recs, indent=1))
    rows = [ln.split(",") for ln in r.compressed.splitlines() if not MARKER_RE.fullmatch(ln)]
    assert any(row[-1] == "9000" for row in rows)
    assert not any(row[1:2] == ["160"] for row in rows)
    assert "line 1..40" in r.compressed  # the marker hiding it gives its place


def test_digests_in_sample_rows_are_cut_but_whole_in_first_last_and_error_rows() -> None:
    rng = random.Random(9)
    comps = _components(rng, 60)
    rare = comps[20]
    rare["licenses"] = [{"expression": "MPL-2.0"}]  # rare: shown as a sample
    broken = comps[40]
    broken["description"] = "Fails to build: linker error on musl"  # error-like: whole
    r = compress(json.dumps({"components": comps}, indent=2))
    out = r.compressed

    def digest(c: dict[str, object]) -> str:
        return str(c["hashes"][0]["content"])  # type: ignore[index]

    assert str(rare["purl"]) in out and digest(rare) not in out
    assert digest(rare)[:12] + "… [omitted 52 more chars of a digest" in out
    for whole in (comps[0], comps[-1], broken):
        assert digest(whole) in out
    (o,) = [o for o in r.omitted if "of a digest" in o.description and o.count == 64]
    assert r.original[o.spans[0][0] : o.spans[0][1]] == json.dumps(digest(rare))


def test_a_prefix_all_values_share_is_said_once_in_a_marker() -> None:
    base = "registry+https://github.com/rust-lang/crates.io-index#"
    names = [f"crate-{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(40)]
    units = [{"ref": f"{base}{name}@1.0.0"} for name in names]
    pop = Population.of(units)
    out = describe_run(units[3:9], pop, compact=True)
    assert out.startswith(f"ref (all {base}crate-…): …da@1.0.0, …ea@1.0.0")
    assert out.count("crates.io-index") == 1
    # Without compact (logs, tables) nothing changes.
    assert describe_run(units[3:9], pop).count("crates.io") == 6


def test_a_diagnostics_marker_gives_the_line_range_not_every_position() -> None:
    rng = random.Random(12)
    lines = []
    for i in range(300):
        lines.append(
            json.dumps(
                {
                    "file": f"pkg/mod{i // 100}.py",
                    "line": 2 * i + 1,
                    "column": rng.randint(0, 30),
                    "end_line": 2 * i + 2,
                    "end_column": rng.randint(30, 60),
                    "message": "Function is missing a type annotation",
                    "hint": None,
                    "code": "no-untyped-def",
                }
            )
        )
    r = compress("\n".join(lines) + "\n")
    markers = [m.group(1) for m in MARKER_RE.finditer(r.compressed)]
    assert markers and all(" line " in m for m in markers)
    assert not any("column" in m or "end_line" in m or "hint=null" in m for m in markers)


def test_a_compact_marker_does_not_name_a_shape_several_values_share() -> None:
    units = [{"name": f"crate-{chr(97 + i)}", "version": f"1.{i}.0"} for i in range(20)]
    pop = Population.of(units)
    out = describe_run(units[2:8], pop, compact=True)
    assert "crate-c" in out and "#.#.#" not in out
    assert "version=#.#.#" in describe_run(units[2:8], pop)  # unchanged elsewhere
