from __future__ import annotations

import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transforms import _samples as s
from tests.transforms._check import compress, omitted_text
from tests.transforms._jsoncheck import same, shown_records


def test_api_response_keeps_anomalies_first_last_and_counts() -> None:
    text, planted = s.api_records(400)
    r = compress(text)
    assert r.content_type == "json"
    assert r.savings_percent > 80
    doc = json.loads(text)
    items = doc["items"]
    shown = shown_records(r.compressed)["$.items"]
    for name, idx in planted.items():
        assert idx in shown, f"{name} record #{idx} dropped"
        assert items[idx]["id"] in r.compressed
    assert 0 in shown and 399 in shown
    assert "upstream timeout after 3000ms" in r.compressed
    assert (
        "98765" in r.compressed
        and "degraded" in r.compressed
        and "cache-miss:shard-7" in r.compressed
    )
    assert "400 records" in r.compressed
    # Constant fields are stated once; the rest of the document survives.
    assert '"service":"checkout"' in r.compressed
    assert '"page":1' in r.compressed and '"total":400' in r.compressed
    for idx, rec in shown.items():
        assert same(rec, items[idx]), idx


def test_omitted_records_are_exact_source_text() -> None:
    text, _ = s.api_records(400)
    r = compress(text)
    assert r.omitted
    items = json.loads(text)["items"]
    shown = shown_records(r.compressed)["$.items"]
    got = []
    for o in r.omitted:
        assert o.kind == "records"
        got.extend(json.loads(text[a:b]) for a, b in o.spans)
        assert f"{o.count} record" in o.description
    assert len(got) + len(shown) == len(items)
    for rec in got:
        assert rec in items
    assert omitted_text(r, r.omitted[0].id).startswith("{")


def test_small_arrays_are_lossless() -> None:
    recs = [{"name": f"pkg{i}", "version": f"1.{i}.0", "kind": "lib"} for i in range(12)]
    r = compress(json.dumps(recs, indent=2))
    assert r.omitted == ()
    shown = shown_records(r.compressed)["$"]
    assert [shown[i] for i in range(12)] == recs


def test_nested_arrays_and_scalars() -> None:
    doc = {
        "meta": {"query": "x", "took_ms": 12},
        "data": {
            "hits": [
                {"id": i, "score": round(1 / (i + 1), 4), "tags": ["a", "b"]} for i in range(200)
            ],
            "histogram": list(range(1000)),
        },
    }
    r = compress(json.dumps(doc))
    assert "$.data.hits: 200 records" in r.compressed
    assert "$.data.histogram: array of 1000" in r.compressed and "0..999" in r.compressed
    shown = shown_records(r.compressed)["$.data.hits"]
    for idx, rec in shown.items():
        assert rec == doc["data"]["hits"][idx]  # type: ignore[index]


def test_error_like_records_kept_when_minority() -> None:
    recs = [{"job": i, "state": "done", "msg": "ok"} for i in range(300)]
    for i in (10, 150, 290):
        recs[i] = {"job": i, "state": "done", "msg": f"Exception: disk full on node-{i}"}
    r = compress(json.dumps(recs))
    for i in (10, 150, 290):
        assert f"disk full on node-{i}" in r.compressed


def test_ndjson() -> None:
    lines = [json.dumps({"ts": 1700000000 + i, "level": "info", "msg": "tick"}) for i in range(500)]
    lines[321] = json.dumps({"ts": 1700000321, "level": "error", "msg": "db connection refused"})
    r = compress("\n".join(lines) + "\n")
    assert r.content_type == "ndjson"
    assert "db connection refused" in r.compressed
    assert "1700000000" in r.compressed and "1700000499" in r.compressed
    shown = shown_records(r.compressed)["lines"]
    assert 321 in shown and shown[321]["msg"] == "db connection refused"


def test_long_strings_in_shown_records_are_cut_and_marked() -> None:
    recs = [
        {"name": f"p{i}", "description": f"Package {i}. " + "lorem ipsum " * 100} for i in range(50)
    ]
    r = compress(json.dumps(recs))
    cut = [o for o in r.omitted if o.kind == "string"]
    assert cut
    for o in cut:
        ((a, b),) = o.spans
        assert json.loads(r.original[a:b]).startswith("Package ")
    for idx, rec in shown_records(r.compressed)["$"].items():
        assert same(rec, recs[idx])


def test_long_strings_in_a_document_keep_their_head_and_a_marker() -> None:
    long = "Lists every package of the registry with its owners and licence. " * 20
    doc = {"name": "registry", "description": long, "tags": ["a", "b"], "meta": {"n": 3}}
    text = json.dumps(doc, indent=2)
    r = compress(text)
    # Its first words (cut after a word), then the marker.
    assert '"Lists every package of the registry with its… [omitted' in r.compressed
    assert long not in r.compressed
    (o,) = r.omitted
    assert json.loads(omitted_text(r, o.id)) == long
    assert '"tags":["a","b"]' in r.compressed and '"meta":{"n":3}' in r.compressed


def test_long_array_of_strings_marker_names_what_it_hides() -> None:
    files = [f"./dist/module-{i}.js" for i in range(120)]
    files[60] = "./shims/ONE-OFF.ps1"
    doc = {"name": "pkg", "files": files, "version": "1.0.0"}
    r = compress(json.dumps(doc, indent=2))
    (o,) = [o for o in r.omitted if o.kind == "items"]
    assert o.description.startswith("108 items #9-#116")
    assert "./shims/ONE-OFF.ps1" in o.description  # the rarest value first, within the budget


def test_a_long_sorted_list_of_names_keeps_its_ends_and_a_marker() -> None:
    # `go list -json`: a package's transitive Deps, sorted, distinct.
    deps = sorted(
        f"vendor/{name}"
        for name in [
            "bufio",
            "bytes",
            "context",
            "crypto",
            "embed",
            "encoding",
            "errors",
            "expvar",
            "flag",
            "fmt",
            "hash",
            "html",
            "image",
            "io",
            "log",
            "maps",
            "math",
            "mime",
            "net",
            "os",
            "path",
            "plugin",
            "reflect",
            "regexp",
            "runtime",
            "slices",
            "sort",
            "strconv",
            "strings",
            "sync",
            "syscall",
            "testing",
            "time",
            "unicode",
            "unsafe",
        ]
    )
    doc = {"ImportPath": "example.com/m", "Imports": ["bytes", "unsafe"], "Deps": deps}
    r = compress(json.dumps(doc, indent="\t"))
    assert '"Deps":["vendor/bufio","[omitted 33 items #2-#34, in sorted order: ' in r.compressed
    assert '; id=o1]","vendor/unsafe"]' in r.compressed
    (o,) = r.omitted
    assert [json.loads(r.original[a:b]) for a, b in o.spans] == deps[1:-1]
    # The marker names hidden names spread through them, in order, within its budget (a
    # reader asking whether the package depends on one often needs no get_omitted).
    listing, more = o.description.split(": ", 1)[1].rsplit(", +", 1)
    named = listing.split(", ")
    assert named == sorted(named) and set(named) < set(deps[1:-1]), named
    assert more == f"{33 - len(named)} more" and 8 <= len(named) <= 20, o.description
    assert named[0] <= "vendor/flag" and named[-1] >= "vendor/syscall", named
    assert '"Imports":["bytes","unsafe"]' in r.compressed
    # Not sorted, or a name twice: the list is no such list (shown whole, or as before);
    # nor are values of a few shapes (versions: their shapes and ranges, as before).
    versions = [f"1.{i}.0-beta.{i}+build.{i}" for i in range(10, 40)]
    for other in (deps[::-1], [*deps, "unsafe"], versions):
        r = compress(json.dumps({**doc, "Deps": other}, indent="\t"))
        assert "in sorted order" not in r.compressed


def test_an_array_listing_an_objects_keys_is_said_to_be_them() -> None:
    # npm ls --long: a package's bundleDependencies are its _dependencies' keys, in order.
    deps = {f"dependency-{i:02d}": f"^{i}.0.0" for i in range(40)}
    pkg = {"name": "npm", "bundleDependencies": list(deps), "_dependencies": deps}
    r = compress(json.dumps({"dependencies": {"npm": pkg}}, indent=2))
    assert '"bundleDependencies":"<the keys of $.dependencies.npm._dependencies>"' in r.compressed
    assert all(f'"{k}":"{v}"' in r.compressed for k, v in deps.items())
    # Another order, or one name more, is a different list: shown.
    pkg["bundleDependencies"] = list(reversed(deps))
    r = compress(json.dumps({"dependencies": {"npm": pkg}}, indent=2))
    assert "the keys of" not in r.compressed


def test_nested_records_of_a_shown_record_get_a_section_of_rows() -> None:
    # A data package: each resource's schema lists its fields as records; in a shown record
    # they become rows of their own section instead of objects repeating every key.
    fields = [
        {"name": f"Column {i}", "type": "string", "description": f"What column {i} holds"}
        for i in range(10)
    ]
    doc = {
        "name": "pkg",
        "resources": [
            {"name": "a", "path": "data/a.csv", "schema": {"fields": fields[:2]}},
            {"name": "b", "path": "data/b.csv", "schema": {"fields": fields}},
        ],
    }
    r = compress(json.dumps(doc, indent=2))
    out = r.compressed
    assert '"schema":{"fields":"<$.resources[1].schema.fields: see below>"}' in out
    assert "$.resources[1].schema.fields: 10 records, 3 fields" in out
    for f in fields:
        assert f"{f['name']},{f['description']}" in out
    assert '"name":"Column 5"' not in out  # the big array's records are not objects


def test_an_object_of_records_keyed_by_name_is_rendered_as_rows() -> None:
    # A lockfile: "packages" maps a path to a record; optional fields (dev, os, cpu) vary.
    rng = random.Random(4)
    packages: dict[str, dict[str, object]] = {"": {"name": "app", "version": "1.0.0"}}
    for i in range(60):
        rec: dict[str, object] = {
            "version": f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
            "integrity": f"sha512-{i:04d}" + "Ab9+" * 20,
            "license": "MIT" if i % 7 else "ISC",
        }
        if i % 3 == 0:
            rec["dev"] = True
        if i % 5 == 0:
            rec["dependencies"] = {f"dep-{i}-{k}": f"^{k}.0.0" for k in range(i % 4 + 1)}
        packages[f"node_modules/pkg-{i:02d}"] = rec
    packages["node_modules/pkg-33"]["license"] = "WTFPL"
    doc = {"name": "app", "lockfileVersion": 3, "packages": packages}
    r = compress(json.dumps(doc, indent=2))
    out = r.compressed
    assert '"packages":"<$.packages: see below>"' in out
    assert "$.packages: 61 records by key," in out
    assert "columns: (key),name,version,integrity,license" in out
    assert "WTFPL" in out and "node_modules/pkg-33" in out
    assert r.savings_percent > 70
    # Each marker's records are the members it stands for, keys included.
    for o in r.omitted:
        if o.kind == "records":
            hidden = "".join(r.original[s:e] for s, e in o.spans)
            assert hidden.count('"node_modules/pkg-') == o.count


def test_small_objects_of_the_same_fields_become_dotted_columns() -> None:
    # ip -j -s link: each interface's stats64.rx/tx objects repeat their keys in every row.
    recs = []
    for i in range(12):
        stats = {"bytes": 1000 * i + 7, "packets": 10 * i + 1, "errors": 0, "dropped": i % 2}
        recs.append(
            {
                "ifindex": i + 1,
                "ifname": f"eth{i}",
                "mtu": 1500,
                "stats64": {"rx": dict(stats), "tx": {**stats, "bytes": 2000 * i}},
            }
        )
    recs[5]["stats64"]["rx"]["errors"] = 3  # type: ignore[index]
    r = compress(json.dumps(recs, indent=2))
    out = r.compressed
    assert "stats64.rx.bytes" in out and "stats64.tx.dropped" in out
    assert '"bytes":' not in out  # the keys are said once, in the columns line
    assert "5007,51,3" in out  # the rare error count is in its row
    shown = shown_records(out)["$"]
    assert shown, out
    for idx, rec in shown.items():
        assert same(rec, recs[idx]), (idx, rec)


def test_a_document_that_is_an_object_of_records_is_one_section() -> None:
    doc = {
        f"pkg-{i:02d}": {"version": f"1.{i}.0", "license": "MIT", "summary": f"Package {i} " * 6}
        for i in range(40)
    }
    doc["pkg-17"]["license"] = "GPL-3.0"
    r = compress(json.dumps(doc, indent=2))
    assert r.compressed.startswith("$: 40 records by key, 4 fields\ncolumns: (key),version")
    assert "GPL-3.0" in r.compressed and "pkg-17" in r.compressed


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([0.0, -0.0, 1.0, 2.0, 2.0, 7.5, -3.0, 1e300, -1e300, 0.1, 0.2, 0.3])
        | st.floats(allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=40,
    ),
    st.data(),
)
def test_a_deviation_found_by_halving_is_the_sorted_deviations_one(
    xs_in: list[float], data: st.DataObject
) -> None:
    # _anomalies reads the median deviation and the farthest ones off two sorted runs: the
    # same values as sorting every deviation.
    from transforms._json import _deviation

    xs = sorted(xs_in)
    med = xs[data.draw(st.integers(0, len(xs) - 1))]
    dev = sorted(abs(x - med) for x in xs)
    for k in range(len(xs)):
        assert _deviation(xs, med, k) == dev[k]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from([0, 1, 2, 3, 2**60 + 1, 2**60, -7, 1.0, -0.0, 0.0, 2.5, 1e15])
            | st.integers(-50, 50),
            min_size=2,
            max_size=2,
        ),
        min_size=8,
        max_size=60,
    ),
    st.sampled_from(["", "429.10", "1.50"]),
)
def test_table_outliers_from_the_counted_values_are_the_cells_ones(
    rows: list[list[int | float]], written: str
) -> None:
    # A table's numeric column is looked at through its population's counts (distinct values
    # sorted and repeated): the rows it finds far are those the cells give, one by one.
    from transforms._json import _outliers
    from transforms._rarity import Population, WrittenNumber, indexed_columns

    records: list[dict[str, object]] = [{"a": a, "b": b} for a, b in rows]
    if written:
        records[-1]["b"] = WrittenNumber(written)
    columns = indexed_columns(records)
    population = Population.of(records, columns={k: vs for k, (_, vs) in columns.items()})
    n = len(records)
    for key, (idx, vals) in columns.items():
        types = set(map(type, vals))
        tally = population.counts[key]
        assert _outliers(key, idx, vals, types, n, True, tally) == _outliers(
            key, idx, vals, types, n, True
        )


@settings(max_examples=300, deadline=None)
@given(
    st.integers()
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.lists(st.integers() | st.none(), max_size=3)
)
def test_a_cell_is_dumped_as_json_dumps_writes_it(value: object) -> None:
    # _dump writes ints, null and booleans itself (no encoder run per cell): as json does.
    from transforms._json import _dump

    assert _dump(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_a_sorted_list_like_an_earlier_records_is_said_as_it_with_names_more_or_fewer() -> None:
    # `go list -json` of several packages: each record's Deps nearly the one before.
    common = [f"internal/pkg{i:02d}" for i in range(30)]
    records = []
    for i, extra in enumerate(["bufio", "hash", "zlib", "bufio", "hash", "zlib"]):
        deps = sorted([*common[: 30 - (i == 4)], extra, f"own/{i}"])
        records.append({"ImportPath": f"example.com/p{i}", "Deps": deps, "Doc": f"Package {i}."})
    text = "\n".join(json.dumps(r, indent="\t") for r in records)
    r = compress(text)
    out = r.compressed.splitlines()
    first = next(ln for ln in out if ln.startswith("values[0].Deps: "))
    assert json.loads(first.split(": ", 1)[1]) == records[0]["Deps"]
    assert 'values[3].Deps: like values[0].Deps, with ["own/3"], without ["own/0"]' in out
    # (said as a list shown whole: values[0]'s, not values[1]'s, itself said so)
    assert (
        'values[4].Deps: like values[0].Deps, with ["hash","own/4"], '
        'without ["bufio","internal/pkg29","own/0"]' in out
    )
    # A list unlike any earlier one (more than a quarter of its names differ): whole.
    records[5]["Deps"] = sorted(f"other/{i}" for i in range(40))
    r = compress("\n".join(json.dumps(rec, indent="\t") for rec in records))
    assert 'values[5].Deps: ["other/0",' in r.compressed
    # Every name is still in the text.
    assert all(d in r.compressed for rec in records for d in rec["Deps"])


def test_a_constant_column_of_nested_records_is_said_once_not_pooled() -> None:
    # An eslint -f json report of clean files: every record holds the same nested records
    # (usedDeprecatedRules); they are in the head's constants, not again as a section.
    deprecated = [
        {"ruleId": "no-extra-semi", "replacedBy": []},
        {"ruleId": "no-mixed-spaces-and-tabs", "replacedBy": []},
    ]
    doc = [
        {
            "filePath": f"/src/lib/file{i:02d}.js",
            "messages": [],
            "errorCount": 0,
            "usedDeprecatedRules": deprecated,
        }
        for i in range(12)
    ]
    r = compress(json.dumps(doc))
    out = r.compressed
    assert '"usedDeprecatedRules":[{"ruleId":"no-extra-semi"' in out.splitlines()[0]
    assert "[*].usedDeprecatedRules" not in out
    assert out.count("no-mixed-spaces-and-tabs") == 1
    for i in range(12):
        assert f"/src/lib/file{i:02d}.js" in out
