"""Objects whose values are similar records keyed by id (a lockfile's packages by path, a
Pipfile.lock's by name): rows through the record machinery, every key named, shown rows
exact, rare values shown or named, nested maps of names not flooding the markers."""

from __future__ import annotations

import json
import random
import re

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress, omitted_text
from tests.transforms._jsoncheck import same, shown_records
from tests.transforms.test_rarity import SETTINGS
from transforms import MARKER_RE

_WORDS = ["alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "zeta", "theta"]


def _package(rng: random.Random, i: int) -> tuple[str, dict[str, object]]:
    name = f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}-{i}"
    version = f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"
    record: dict[str, object] = {
        "version": version,
        "resolved": f"https://registry.example.org/{name}/-/{name}-{version}.tgz",
        "integrity": f"sha512-{rng.getrandbits(384):096x}"[:60],
        "license": rng.choice(["MIT", "MIT", "MIT", "ISC"]),
        "dev": True,
    }
    if rng.random() < 0.5:
        deps = rng.sample(_WORDS, rng.randint(1, 4))
        record["dependencies"] = {f"{d}-lib": f"^{rng.randint(1, 9)}.0.0" for d in deps}
    if rng.random() < 0.3:
        record["engines"] = {"node": rng.choice([">=12", ">=14", ">=18"])}
    return f"node_modules/{name}", record


def _lockfile(rng: random.Random, n: int) -> dict[str, object]:
    packages = dict(_package(rng, i) for i in range(n))
    return {"name": "app", "lockfileVersion": 3, "requires": True, "packages": packages}


def test_a_lockfile_is_rows_keyed_by_path_and_names_every_package() -> None:
    doc = _lockfile(random.Random(7), 120)
    text = json.dumps(doc, indent=2)
    r = compress(text)
    assert r.savings_percent > 70
    assert "$.packages: 120 records by key," in r.compressed
    packages = doc["packages"]
    assert isinstance(packages, dict)
    for key in packages:
        assert key in r.compressed, key
    # Every row shown is the source record, its key in the (key) column.
    shown = shown_records(r.compressed)["$.packages"]
    keys = list(packages)
    assert len(shown) >= 2
    for idx, rec in shown.items():
        key = rec.pop("(key)")
        assert key == keys[idx]
        assert same(rec, packages[key]), (idx, rec)
    # An omission's material is the members it hides, keys included.
    marker = next(m for m in MARKER_RE.finditer(r.compressed) if "records" in m.group(1))
    material = omitted_text(r, marker.group(2))
    hidden = _members(material)
    assert hidden and set(hidden) <= set(packages)
    assert all(hidden[k] == packages[k] for k in hidden)


def _members(material: str) -> dict[str, object]:
    """Object members ``"key": value`` one after the other (an omission's spans)."""
    decoder = json.JSONDecoder()
    out: dict[str, object] = {}
    idx = 0
    while idx < len(material):
        key, idx = decoder.raw_decode(material, idx)
        idx = re.compile(r"\s*:\s*").match(material, idx).end()  # type: ignore[union-attr]
        out[key], idx = decoder.raw_decode(material, idx)
    return out


def test_version_ranges_of_nested_dependency_maps_do_not_flood_markers() -> None:
    r = compress(json.dumps(_lockfile(random.Random(3), 200), indent=2))
    for m in MARKER_RE.finditer(r.compressed):
        assert "dependencies." not in m.group(1), m.group(1)


def test_a_root_object_keyed_by_name_is_a_section() -> None:
    rng = random.Random(11)
    doc = {
        f"pkg-{rng.choice(_WORDS)}-{i}": {
            "hashes": [f"sha256:{rng.getrandbits(256):064x}"],
            "version": f"=={rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}",
            "index": "pypi",
        }
        for i in range(60)
    }
    r = compress(json.dumps(doc, indent=4))
    assert r.compressed.startswith("$: 60 records by key, 4 fields")
    for key in doc:
        assert key in r.compressed


def test_an_object_of_different_sections_is_not_records() -> None:
    doc = {
        "compilerOptions": {"target": "es2022", "strict": True, "outDir": "dist", "x": 1},
        "paths": {"@/*": ["src/*"]},
        "watchOptions": {"watchFile": "useFsEvents", "excludeDirectories": ["node_modules"]},
        "typeAcquisition": {"enable": False},
        "references": {"path": "../core"},
    }
    r = compress(json.dumps(doc, indent=2) * 1)
    assert "by key" not in r.compressed


@SETTINGS
@given(
    n=st.integers(40, 300),
    seed=st.integers(0, 10**6),
    field=st.sampled_from(["license", "version", "engines", "dependencies", "new"]),
)
def test_a_rare_value_in_a_keyed_map_is_shown_or_named(n: int, seed: int, field: str) -> None:
    """N similar records keyed by path, one rare value injected at a random record and field:
    it is in the output (its record shown, or named in the marker hiding it)."""
    rng = random.Random(seed)
    doc = _lockfile(rng, n)
    packages = doc["packages"]
    assert isinstance(packages, dict)
    key = rng.choice(list(packages))
    record = packages[key]
    assert isinstance(record, dict)
    rare = "Zlib-Custom-License"
    if field == "license":
        record["license"] = rare
    elif field == "version":
        rare = "git+ssh://git@example.org/fork.git"
        record["version"] = rare
    elif field == "engines":
        rare = "bun-only"
        record["engines"] = {"node": ">=18", "runtime": rare}
    elif field == "dependencies":
        rare = "github:someone/forked-lib"
        record["dependencies"] = {"forked-lib": rare}
    else:
        rare = "deprecated-by-author"
        record["status"] = rare
    r = compress(json.dumps(doc, indent=2))
    assert r.savings_percent > 50
    assert key in r.compressed
    visible = re.sub(r"\s+", " ", r.compressed)
    assert rare in visible, (field, key)


def test_every_version_of_a_small_lockfile_is_in_the_output() -> None:
    """Versions repeating over a few dozen packages are a category: each one is named where
    it is hidden, as it is ("#.#.#" would say none of them)."""
    rng = random.Random(5)
    versions = [f"{m}.{rng.randint(0, 20)}.{rng.randint(0, 9)}" for m in range(1, 9)]
    packages = {
        f"node_modules/{rng.choice(_WORDS)}-{i}": {
            "version": versions[i % len(versions)],
            "integrity": f"sha512-{rng.getrandbits(384):096x}"[:60],
            "license": "MIT",
        }
        for i in range(48)
    }
    doc = {"name": "app", "lockfileVersion": 3, "packages": packages}
    r = compress(json.dumps(doc, indent=2))
    assert r.savings_percent > 40
    for v in versions:
        assert v in r.compressed, v


def test_a_long_key_is_named_whole() -> None:
    rng = random.Random(9)
    doc = dict(_package(rng, i) for i in range(60))
    deep = "node_modules/" + "/node_modules/".join(f"{w}-pkg" for w in _WORDS + _WORDS[:3])
    assert 200 < len(deep) < 400
    doc[deep] = dict(next(iter(doc.values())))
    for _ in range(20):
        k, v = _package(rng, 100 + _)
        doc[k] = v
    r = compress(json.dumps({"packages": doc}, indent=2))
    assert deep in r.compressed


def _interfaces(n: int, rng: random.Random) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(n):
        addrs: list[dict[str, object]] = [
            {
                "family": "inet",
                "local": f"10.{i}.{j}.2",
                "prefixlen": 24,
                "broadcast": f"10.{i}.{j}.255",
                "scope": "global",
                "label": f"eth{i}",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295,
            }
            for j in range(rng.randint(1, 3))
        ]
        addrs.append(
            {
                "family": "inet6",
                "local": f"fe80::{i:x}:1",
                "prefixlen": 64,
                "scope": "link",
                "valid_life_time": 4294967295,
                "preferred_life_time": 4294967295,
            }
        )
        out.append(
            {
                "ifindex": i + 1,
                "ifname": f"eth{i}",
                "mtu": 1500,
                "operstate": "UP",
                "address": f"02:fc:00:00:{i:02x}:01",
                "addr_info": addrs,
            }
        )
    return out


def test_records_nested_in_shown_records_are_one_section_of_rows() -> None:
    """An interface's addresses: the records nested in the rows shown are one section, each
    with its row's index in column (in), fields said once; every record is faithful."""
    doc = _interfaces(5, random.Random(2))
    r = compress(json.dumps(doc, indent=2))
    out = r.compressed
    assert out.count(" in $[*].addr_info>") == 5
    assert "$[*].addr_info: " in out and "columns: (in),family,local" in out
    shown = shown_records(out)["$[*].addr_info"]
    flat = [(i, a) for i, rec in enumerate(doc) for a in rec["addr_info"]]  # type: ignore[attr-defined]
    assert len(shown) == len(flat)  # few: all shown
    for idx, rec in shown.items():
        parent, source = flat[idx]
        assert rec.pop("(in)") == parent
        assert same(rec, source)


@SETTINGS
@given(n=st.integers(12, 60), seed=st.integers(0, 10**6))
def test_a_rare_value_in_nested_records_is_shown_or_named(n: int, seed: int) -> None:
    rng = random.Random(seed)
    doc = _interfaces(n, rng)
    victim = rng.randrange(n)
    addrs = doc[victim]["addr_info"]
    assert isinstance(addrs, list)
    addrs[rng.randrange(len(addrs))]["scope"] = "site-local-odd"
    r = compress(json.dumps(doc, indent=2))
    assert "site-local-odd" in r.compressed
    # The first and last interfaces' addresses are all shown.
    for rec in (doc[0], doc[-1]):
        for a in rec["addr_info"]:  # type: ignore[attr-defined]
            assert str(a["local"]) in r.compressed


def test_nested_records_in_a_column_spread_from_an_object_are_not_pooled() -> None:
    # "loc" is the same small object in every record: spread into dotted columns, one of
    # which ("loc.spans") holds lists of records that are no member of the row's object.
    recs = [
        {"id": i, "loc": {"file": "a.py", "spans": [{"line": i, "col": 1}]}, "msg": "m"}
        for i in range(6)
    ]
    r = compress(json.dumps(recs, indent=2))
    assert r.transforms == ("json_records",)
