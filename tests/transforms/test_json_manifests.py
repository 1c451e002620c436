"""Package metadata documents (cargo metadata, composer.lock, npm view): records with many
optional fields, nested lists of records and maps keyed by version (bench/corpus, dev)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.transforms._check import compress
from tests.transforms._jsoncheck import same, shown_records

CORPUS = Path(__file__).parents[2] / "bench" / "corpus" / "json"


def test_cargo_metadata_pooled_targets_say_their_package_and_count() -> None:
    # The packages' targets pooled into one section: every row there (sample rows too) names
    # its package in column (in), and each package row says how many targets it has there.
    # Target names holding an error word (io_panic, rt_panic) are names, not error records.
    text = (CORPUS / "cargo-metadata-no-deps-tokio.json").read_text()
    doc = json.loads(text)
    r = compress(text)
    for t in doc["packages"][0]["targets"] + doc["packages"][-1]["targets"]:
        assert t["name"] in r.compressed, t["name"]
    shown = shown_records(r.compressed)["$.packages[*].targets"]
    ins = [rec.get("(in)") for rec in shown.values()]
    assert all(isinstance(x, int) for x in ins), ins
    for k in set(ins):
        n = len(doc["packages"][k]["targets"])
        assert f"<{n} in $.packages[*].targets>" in r.compressed, k
    ends = (0, len(doc["packages"]) - 1)
    middle = [rec["name"] for rec in shown.values() if rec["(in)"] not in ends]
    assert not any("panic" in name for name in middle), middle


def test_composer_lock_optional_fields_of_few_packages_are_named_not_shown() -> None:
    # A value of a field few packages have (a `suggest` entry, `bin`): each one-off, no
    # category; it made its package a shown "rare" record.
    text = (CORPUS / "symfony-demo-composer.lock.json").read_text()
    doc = json.loads(text)
    r = compress(text)
    assert r.savings_percent > 76
    for section in ("packages", "packages-dev"):
        for p in doc[section]:
            assert p["name"] in r.compressed, p["name"]
            for b in p.get("bin", []):
                assert b in r.compressed, b


def test_npm_view_time_map_and_versions_say_what_they_hide() -> None:
    # `npm view express --json`: `time` (version -> publication time, 290 members) was dumped
    # whole, `versions` (262) named by shape only (`#.#.#×235`): 26 % saved.
    text = (CORPUS / "npm-view-express.json").read_text()
    doc = json.loads(text)
    r = compress(text)
    assert r.savings_percent > 80
    out = r.compressed
    times = list(doc["time"].items())
    assert f"$.time: object of {len(times)} members: " in out
    for k, v in times[:8] + times[-4:]:  # first and last members shown
        assert f"{json.dumps(k)}:{json.dumps(v)}" in out
    (marker,) = [o for o in r.omitted if o.kind == "members"]
    hidden = times[8:-4]
    assert f"{len(hidden)} members #9-#{len(times) - 4}" in marker.description
    # Every key hidden is named (a rare shape) or its shape is, with its count and range.
    for k, _ in hidden:
        assert k in marker.description or re.sub(r"\d+", "#", k) + "×" in marker.description, k
    assert "3.0.0alpha1" in marker.description and "#.#.#beta#×8 2.0.0beta2..3.0.0beta7" in out
    assert "#.#.#×240 1.0.1..5.1.0" in marker.description
    stamps = sorted(v for _, v in hidden)
    assert f"{stamps[0]}..{stamps[-1]}" in marker.description
    # The marker's spans are the members it hides, key and value.
    for (s, e), (k, v) in zip(marker.spans, hidden, strict=True):
        assert json.loads("{" + r.original[s:e] + "}") == {k: v}
    (items,) = [o for o in r.omitted if o.kind == "items"]
    assert "#.#.#×235 1.0.6..5.0.1" in items.description
    for v in (
        "4.0.0-rc1",
        "4.0.0-rc4",
        "5.0.0-beta.3",
        "#.#.#-alpha.#×8 5.0.0-alpha.1..5.0.0-alpha.8",
    ):
        assert v in items.description, v
    assert '"latest":"5.3.0"' in out and '"5.3.0":"' in out


def test_scalar_map_shows_word_keys_among_versions() -> None:
    # `created`/`modified` among version keys (the registry's full document) are shown; a map
    # keyed by names (a manifest's dependencies) is shown whole.
    times = {f"1.{i}.0": f"2024-01-{i % 28 + 1:02d}T10:00:00.000Z" for i in range(60)}
    doc = {
        "name": "x",
        "time": {
            "created": "2023-05-01T00:00:00.000Z",
            **times,
            "modified": "2025-01-01T00:00:00.000Z",
        },
    }
    deps = {f"dep-{i}": f"^{i}.0.0" for i in range(60)}
    doc["dependencies"] = deps
    r = compress(json.dumps(doc, indent=2))
    assert '"created":"2023-05-01T00:00:00.000Z"' in r.compressed
    assert '"modified":"2025-01-01T00:00:00.000Z"' in r.compressed
    assert json.dumps(deps, separators=(",", ":")) in r.compressed


def test_composer_lock_sample_rows_name_the_keys_of_long_maps() -> None:
    # A package shown as a sample (for a rare value, a field's first holder) showed its long
    # maps (require-dev: 18 package -> version range) whole; a marker names every key.
    text = (CORPUS / "symfony-demo-composer.lock.json").read_text()
    r = compress(text)
    maps = [o for o in r.omitted if o.kind == "members"]
    assert len(maps) >= 3  # (sample rows take at most 5 % of the packages' characters)
    for o in maps:
        ((s, e),) = o.spans
        source = json.loads(text[s:e])
        assert f"{len(source)} members: " in o.description
        for key in source:
            assert key in o.description, key
        if all(v[:1] in "^~<>=*0123456789v" for v in source.values()):
            assert o.description.endswith("(version ranges)")
    # The first and last packages are shown whole.
    doc = json.loads(text)
    for p in (doc["packages"][0], doc["packages"][-1]):
        assert json.dumps(p["require"], separators=(",", ":")) in r.compressed


def _packages(n: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(n):
        rec: dict[str, object] = {
            "name": f"vendor{i % 7}/pkg-{i}",
            "version": f"v5.3.{i % 4}",
            "type": "library",
            "require": {"php": ">=7.2.5", f"vendor{i % 5}/dep-{i % 9}": f"^{i % 3}.0"},
            "description": f"Package number {i} of the set",
        }
        if i % 10 == 3:
            rec["suggest"] = {f"vendor1/opt-{i}": f"For using option {i}"}
        out.append(rec)
    return out


def test_records_listed_by_name_and_version_show_no_row_for_a_rare_version() -> None:
    # Every marker lists the records' names and versions whole: a one-off version (the one
    # package not on v5.3.x) or a map column's entry (`suggest`) is named there, its record
    # not shown for it.
    recs = _packages(80)
    recs[40]["version"] = "1.11.99.2"
    r = compress(json.dumps(recs, indent=2))
    shown = shown_records(r.compressed)["$"]
    assert 40 not in shown and 33 not in shown and 43 not in shown, sorted(shown)
    descs = " ".join(o.description for o in r.omitted)
    assert "1.11.99.2" in descs
    for i, rec in enumerate(recs):
        assert rec["name"] in r.compressed, i


def test_small_population_shows_a_bounded_share_for_one_off_values() -> None:
    # 20 packages, a homepage and a licence shared by most and five one-off values of each:
    # each one-off value is "rare" (1 of 20); a quarter of the records at most are shown for
    # them (11 were), every one is named in a marker.
    recs = []
    for i in range(20):
        home = f"https://project{i}.example.org/" if i % 4 == 1 else "https://symfony.com"
        licence = f"LicenseRef-{i}" if i % 4 == 3 else "MIT"
        recs.append(
            {
                "name": f"acme/component-{chr(97 + i)}",
                "version": f"v6.4.{i % 3}",
                "homepage": home,
                "license": licence,
                "description": f"The {chr(97 + i)} component of a framework, with some words",
                "time": f"2024-0{i % 9 + 1}-1{i % 9}T10:00:00+00:00",
                "source": {
                    "type": "git",
                    "url": f"https://github.com/acme/component-{chr(97 + i)}.git",
                    "reference": f"{i:02d}6e7b7d5b45a2f2abc5460cc6396480b2b1d321f"[:40],
                },
                "require": {"php": ">=8.1", f"acme/contracts-{i % 3}": "^3.0|^4.0"},
                "autoload": {"psr-4": {f"Acme\\Component{i}\\": "src/"}},
            }
        )
    r = compress(json.dumps(recs, indent=2))
    shown = shown_records(r.compressed)["$"]
    assert len(shown) <= 2 + 20 // 4 + 1, sorted(shown)
    for rec in recs:
        assert rec["homepage"] in r.compressed, rec["homepage"]
        assert rec["license"] in r.compressed, rec["license"]
        assert rec["name"] in r.compressed


def test_a_column_equal_to_another_in_every_record_is_said_once() -> None:
    # composer.lock: dist.reference is source.reference (a 40-char hash) in every package.
    recs = []
    for i in range(40):
        ref = f"{i:04d}" + "9c307728cfacbd50914f0db28aee1e0ecd82"
        recs.append(
            {
                "name": f"acme/lib-{i}",
                "version": f"v2.{i % 5}.0",
                "source": {
                    "type": "git",
                    "url": f"https://github.com/acme/lib-{i}.git",
                    "reference": ref,
                },
                "dist": {"type": "zip", "reference": ref, "shasum": ""},
                "type": "library" if i != 17 else "composer-plugin",
            }
        )
    r = compress(json.dumps(recs, indent=4))
    assert 'derived in all: {"dist.reference":"{source.reference}"}' in r.compressed
    assert "dist.reference" not in r.compressed.split("columns: ")[1].split("\n")[0]
    shown = shown_records(r.compressed)["$"]
    assert 17 in shown and 0 in shown and 39 in shown
    for i, rec in shown.items():
        assert same(rec, recs[i]), i


def test_npm_view_prerelease_commit_ids_are_one_shape_and_the_main_range_is_said() -> None:
    # jest: pre-releases tagged with a commit id ("12.1.1-alpha.2935e14d") were each a shape
    # of their own, and the budget then cut the main shape's range.
    text = (CORPUS / "npm-view-jest.json").read_text()
    doc = json.loads(text)
    r = compress(text)
    assert r.savings_percent > 85
    (items,) = [o for o in r.omitted if o.kind == "items"]
    plain = [v for v in doc["versions"][8:-4] if re.fullmatch(r"\d+\.\d+\.\d+", v)]
    lo = min(plain, key=lambda v: tuple(map(int, v.split("."))))
    hi = max(plain, key=lambda v: tuple(map(int, v.split("."))))
    assert f"#.#.#×{len(plain)} {lo}..{hi}" in items.description
    assert "alpha.2935e14d" not in items.description


def test_a_few_big_records_are_sampled_and_named() -> None:
    # regex's workspace: 7 packages of about 3,000 chars each were all shown whole (fewer
    # than 8 records): 17 % saved. Sampled like more records, the markers naming the rest.
    text = (CORPUS / "cargo-metadata-no-deps-regex.json").read_text()
    doc = json.loads(text)
    r = compress(text)
    assert r.savings_percent > 40
    assert "$.packages: 7 records, " in r.compressed
    shown = shown_records(r.compressed)["$.packages"]
    assert 0 in shown and 6 in shown and len(shown) < 7
    for p in doc["packages"]:
        assert p["name"] in r.compressed, p["name"]
    # A few small records are still shown whole.
    small = [{"name": f"n{i}", "size": i * 10, "kind": "x" if i else "y"} for i in range(7)]
    assert compress(json.dumps(small, indent=2)).omitted == ()


def test_optional_scalar_fields_are_named_in_markers_without_a_record_each() -> None:
    # A lockfile's optional flags (dev, optional, peer, hasInstallScript, a funding URL):
    # the first record holding each was shown as its example; a marker says the value.
    recs = []
    for i in range(120):
        rec: dict[str, object] = {
            "name": f"pkg-{i}",
            "version": f"1.{i % 7}.{i % 3}",
            "resolved": f"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.{i % 7}.{i % 3}.tgz",
            "integrity": f"sha512-{i:03d}Abc" + "x" * 40,
            "license": "MIT",
        }
        if i % 3 == 0:
            rec["dev"] = True
        if i % 40 == 17:
            rec["optional"] = True
        if i % 50 == 23:
            rec["peer"] = True
        if i == 64:
            rec["hasInstallScript"] = True
        if i % 30 == 11:
            rec["funding"] = {"url": f"https://github.com/sponsors/dev{i}"}
        recs.append(rec)
    r = compress(json.dumps(recs, indent=2))
    shown = shown_records(r.compressed)["$"]
    assert sorted(shown) == [0, 119], sorted(shown)
    descs = " ".join(o.description for o in r.omitted)
    assert "optional" in descs
    assert "hasInstallScript" in r.compressed and "peer" in descs
    for i in (11, 41, 71, 101):
        assert f"https://github.com/sponsors/dev{i}" in r.compressed


def _suites() -> list[dict[str, object]]:
    # A test report: suites, each with its cases nested; one suite in the middle failed.
    words = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma", "theta"]
    suites: list[dict[str, object]] = []
    for s in range(14):
        cases = [
            {
                "name": f"test_{words[s % 8]}_{c}_{words[c % 8]}",
                "outcome": "passed",
                "duration_ms": 3 + (s * c) % 17,
                "file": f"tests/test_{words[s % 8]}{s}.py",
            }
            for c in range(30)
        ]
        suites.append(
            {"suite": f"tests/test_{words[s % 8]}{s}.py", "status": "passed", "cases": cases}
        )
    suites[6]["status"] = "failed"
    suites[6]["cases"][17]["outcome"] = "failed"  # type: ignore[index]
    return suites


def test_an_error_like_record_shows_all_its_nested_records() -> None:
    # Nested records of the shown rows are pooled into one section, of which only the first
    # and last rows' lists are shown whole: an error-like row (a failed suite) showed the
    # first and last of its cases, the rest behind markers. Error-like rows are shown whole.
    suites = _suites()
    r = compress(json.dumps({"suites": suites}, indent=2))
    assert r.savings_percent > 0
    shown = shown_records(r.compressed)["$.suites[*].cases"].values()
    cases = suites[6]["cases"]
    assert [{k: v for k, v in c.items() if k != "(in)"} for c in shown if c["(in)"] == 6] == cases


def test_error_words_in_nested_names_make_no_error_record() -> None:
    # tokio-util's test target `panic` (tests/panic.rs) names a test, not a failure: the
    # package is no error record (it would show its 50 targets and dependencies whole).
    from transforms._json import _errorish

    doc = json.loads((CORPUS / "cargo-metadata-no-deps-tokio.json").read_text())
    util = next(p for p in doc["packages"] if p["name"] == "tokio-util")
    assert any(t["name"] == "panic" for t in util["targets"])
    assert not _errorish(util)
    assert _errorish({**util, "targets": [{"name": "x", "status": "panic at x"}]})


def test_a_long_value_most_records_hold_is_said_once_and_rows_read_back() -> None:
    # cargo metadata: most dependencies come from crates.io (`source` is the registry URL),
    # path dependencies have null. The URL was written in every shown row (46 times); it is
    # said once after `columns:` and rows holding it write `#`. Every shown row still reads
    # back as its source record, the null sources included.
    text = (CORPUS / "cargo-metadata-no-deps-tokio.json").read_text()
    doc = json.loads(text)
    registry = "registry+https://github.com/rust-lang/crates.io-index"
    r = compress(text)
    assert r.compressed.count(registry) == 1
    assert f'usual values, written # in rows: {{"source":"{registry}"}}' in r.compressed
    shown = shown_records(r.compressed)["$.packages[*].dependencies"]
    sources = set()
    for rec in shown.values():
        rec = dict(rec)
        deps = doc["packages"][rec.pop("(in)")]["dependencies"]
        match = [d for d in deps if d["name"] == rec["name"] and d["kind"] == rec["kind"]]
        assert any(same(rec, d) for d in match), rec
        sources.add(rec["source"])
    assert sources == {registry, None}


def test_a_usual_value_stand_in_is_never_a_value() -> None:
    # A value that is itself "#" stays quoted: the bare cell # means the usual value only.
    url = "https://example.org/registry/index"
    recs = [{"id": i, "src": "#" if i == 3 else None if i in (5, 9) else url} for i in range(12)]
    r = compress(json.dumps(recs))
    assert f'usual values, written # in rows: {{"src":"{url}"}}' in r.compressed
    assert '3,"#"' in r.compressed
    shown = shown_records(r.compressed)["$"]
    assert sorted(shown) == list(range(12))
    assert all(shown[i] == recs[i] for i in shown)


def test_a_list_most_records_hold_is_said_once() -> None:
    # cargo metadata's targets: nearly all are ["test"] of crate type ["bin"], written in
    # each of the 174 rows of tokio's targets (3 tokens a cell). Like a long string, the
    # list most records hold is said once and rows holding it write `#`; rows read back.
    text = (CORPUS / "cargo-metadata-no-deps-tokio.json").read_text()
    doc = json.loads(text)
    r = compress(text)
    assert 'usual values, written # in rows: {"kind":["test"],"crate_types":["bin"]}' in (
        r.compressed
    )
    shown = shown_records(r.compressed)["$.packages[*].targets"]
    for rec in shown.values():
        rec = dict(rec)
        targets = doc["packages"][rec.pop("(in)")]["targets"]
        assert any(same(rec, t) for t in targets if t["name"] == rec["name"]), rec


def _components(n: int = 200) -> list[dict[str, object]]:
    """An SBOM's components: bom-ref and purl built from each one's name and version (one
    path component's bom-ref is not), an author of three values and a licence of eight (a
    category: the first component of each is shown)."""
    names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    licences = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MPL-2.0", "Zlib", "0BSD", "Unlicense"]
    out: list[dict[str, object]] = []
    for i in range(n):
        name, version = f"{names[i % 8]}-{names[(3 * i) % 8]}{i}", f"1.{i % 5}.{i}"
        ref = f"registry+https://github.com/rust-lang/crates.io-index#{name}@{version}"
        out.append(
            {
                "bom-ref": f"path+file:///src/{name}" if i == 17 else ref,
                "name": name,
                "version": version,
                "author": f"Dev {names[i % 3].title()} <dev{i % 3}@example.org>",
                "licenses": [{"expression": licences[(i * 7) % 8]}],
                "purl": f"pkg:cargo/{name}@{version}",
            }
        )
    return out


def test_a_string_most_records_build_from_their_fields_is_said_as_a_template() -> None:
    # cargo-cyclonedx: each component's purl is pkg:cargo/<name>@<version> and its bom-ref
    # the registry URL, '#', name@version: the name and version written three times a row,
    # and every marker listing the refs. The template is said once; rows it fits write `#`
    # but the first and last, which write every value (an example); markers name no value a
    # template gives.
    comps = _components()
    r = compress(json.dumps({"components": comps}, indent=2))
    registry = "registry+https://github.com/rust-lang/crates.io-index"
    assert (
        'derived, written # in rows: {"bom-ref":"' + registry + '#{name}@{version}",'
        '"purl":"pkg:cargo/{name}@{version}"}'
    ) in r.compressed
    shown = shown_records(r.compressed)["$.components"]
    assert all(same(rec, comps[i]) for i, rec in shown.items())
    for i in (0, len(comps) - 1):
        assert comps[i]["purl"] in r.compressed and comps[i]["bom-ref"] in r.compressed
    assert r.compressed.count("pkg:cargo/") == 3  # the template, the first and last rows
    assert re.search(r"^#,[^\n]*,#$", r.compressed, re.M)  # a sample row fits both
    markers = " ".join(o.description for o in r.omitted)
    assert "purl" not in markers and registry not in markers


def test_a_rare_value_a_template_gives_is_still_named() -> None:
    # A diagnostic's docs URL is https://…/rules/<rule>: a template of its rule's name. A
    # rule found once is rare for the URL field too, whose values repeat: the marker names
    # that URL as it did before (the contract: a rare value is never only implied).
    rules = [f"rule-{k}" for k in range(12) for _ in range(20)] + ["assert-used"]
    recs = [
        {
            "code": f"R{len(name)}",
            "file": f"src/m{i % 7}.py",
            "line": 3 + i,
            "name": name,
            "url": f"https://docs.example.org/rules/{name}",
        }
        for i, name in enumerate(rules[120:] + rules[:120])
    ]
    r = compress(json.dumps(recs))
    assert 'derived, written # in rows: {"url":"https://docs.example.org/rules/{name}"}' in (
        r.compressed
    )
    assert "https://docs.example.org/rules/assert-used" in r.compressed
    shown = shown_records(r.compressed)["$"]
    assert all(same(rec, recs[i]) for i, rec in shown.items())


def test_an_error_word_inside_a_name_makes_no_error_record() -> None:
    # pip's report: `exceptiongroup` and `pytest-timeout`-free requirements, a crate named
    # `thiserror`, a company "Warner Bros.": names holding an error word, not errors. A whole
    # word (any case, a plural or past form, a camel-case hump, a hyphenated part) still is.
    from transforms._json import _errorish

    assert not _errorish(
        {"name": "anyio", "requires_dist": ['exceptiongroup>=1.0.2; extra == "x"']}
    )
    assert not _errorish({"ref": "crates.io-index#thiserror@2.0.1", "about": "derive thiserror"})
    assert not _errorish({"company": "Warner Bros. Discovery", "note": "forewarned"})
    for bad in ("ValueError: x", "HTTPError", "ECONNREFUSED", "tests failed", "WARNING: y"):
        assert _errorish({"message": bad}), bad
    assert _errorish({"licenses": [{"expression": "Apache-2.0 WITH LLVM-exception"}]})


def test_sample_rows_take_a_bounded_share_and_markers_name_the_rest() -> None:
    # A lockfile's 20 packages of ~900 chars: in so small a population every one-off value
    # (a homepage, a licence) is "rare", and a quarter of the packages were shown for them,
    # ~230 tokens each where a marker names the value in a few. Sample rows take at most
    # 5 % of the packages' characters; every rare value is still shown or named.
    pkgs = []
    for i in range(20):
        pkgs.append(
            {
                "name": f"acme/lib-{i}",
                "version": f"2.{i}.0",
                "license": ["MIT"] if i % 7 else ["BSD-3-Clause"],
                "homepage": f"https://example.org/lib-{i}" if i in (4, 9) else "https://acme.dev",
                "require": {f"acme/dep-{k}": f"^{k}.{i}" for k in range(8)},
                "description": f"Library {i}: " + " ".join(["parses", "checks", "renders"] * 8),
                "authors": [{"name": f"Dev {k}", "email": f"dev{k}@acme.dev"} for k in range(3)],
            }
        )
    text = json.dumps({"packages": pkgs}, indent=2)
    r = compress(text)
    shown = shown_records(r.compressed)["$.packages"]
    samples = [i for i in shown if i not in (0, len(pkgs) - 1)]
    sizes = [len(json.dumps(p, separators=(",", ":"))) for p in pkgs]
    assert sum(sizes[i] for i in samples) <= 0.05 * sum(sizes), samples
    for value in ("https://example.org/lib-4", "https://example.org/lib-9", "BSD-3-Clause"):
        assert value in r.compressed, value


def test_a_text_of_a_category_is_shown_whatever_the_sample_share() -> None:
    # mypy's hints: five texts, each on a dozen diagnostics, differing only in a quoted
    # name. A marker counts them by template ("Use "…" …"), so each one's first record is
    # shown even past the sample rows' share: the texts are not only templates.
    hints = [
        f'Use "-> {t}" if function does not return a value' for t in ("None", "int", "A", "B", "C")
    ]
    recs = [
        {
            "file": f"pkg/mod{i % 9}.py",
            "line": 10 + 7 * i,
            "column": 4,
            "message": f"Function is missing a return type annotation (number {i % 4})",
            "hint": hints[(i * 3) % 5],
            "code": "no-untyped-def",
            "severity": "error",
        }
        for i in range(60)
    ]
    r = compress("\n".join(json.dumps(x) for x in recs) + "\n")
    for hint in hints:
        assert json.dumps(hint)[1:-1] in r.compressed, hint


def test_a_first_record_shows_its_long_list_of_scalars_whole() -> None:
    # pip's report: the first package (fastapi) requires 45 distributions; the list was cut
    # to its first 8 and last 4 items, though the first record is shown whole.
    text = (CORPUS / "pip-install-dry-run-report-fastapi.json").read_text()
    doc = json.loads(text)
    r = compress(text)
    for req in doc["install"][0]["metadata"]["requires_dist"]:
        assert json.dumps(req)[1:-1] in r.compressed, req


def test_a_document_naming_its_own_schema_is_data_not_a_schema() -> None:
    # npm's CycloneDX SBOM opens with "$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json"
    # (the schema it follows): it was outlined as a JSON Schema (24 % saved). A schema names
    # json-schema.org's meta-schema, or has schema keywords at its top level.
    from transforms._api import is_api

    text = (CORPUS / "npm-sbom-cyclonedx-lockdemo3.json").read_text()
    assert not is_api(text)
    r = compress(text)
    assert r.content_type == "json" and r.savings_percent > 75
    own = {"$schema": "https://example.org/meta/v1", "type": "object", "properties": {"a": {}}}
    assert is_api(json.dumps(own))
    assert is_api(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema"}))


def test_a_prefix_most_values_share_is_said_once_in_a_marker() -> None:
    # cargo-cyclonedx's dependencies: 37 refs, all crates.io's but the project's own path.
    # No prefix was shared by all, so each ref was cut at 48 chars to the same text
    # ("registry+https://github.com/rust-lang/crates.io…"), 37 times: the marker named none.
    registry = "registry+https://github.com/rust-lang/crates.io-index#"
    refs = [f"{registry}{chr(97 + i)}lib{i}@1.{i}.0" for i in range(20)]
    refs.insert(10, "path+file:///home/runner/work/app/app#0.1.0")
    deps = [
        {"ref": r, "dependsOn": [refs[(k + 1) % len(refs)]] if k % 3 else []}
        for k, r in enumerate(refs)
    ]
    r = compress(json.dumps({"dependencies": deps}, indent=2))
    (marker,) = [o for o in r.omitted if o.kind == "records"]
    assert f"ref (most {registry}…)" in marker.description
    assert "…blib1@1.1.0" in marker.description


def test_a_file_field_shows_no_first_record_per_file() -> None:
    # A linter's report over 8 files: the first diagnostic of each file was shown as its
    # category's example, cutting the runs into 8 markers that listed the same codes again.
    # Files are where, not what kind: every marker names them, no row is shown for one.
    recs = [
        {
            "filename": f"/src/pkg/mod{i // 25}.py",
            "code": ("D102", "ANN201", "E501")[i % 3],
            "message": ("Missing docstring", "Missing return type", "Line too long")[i % 3],
            "row": 3 + i % 25,
        }
        for i in range(200)
    ]
    r = compress(json.dumps(recs, indent=2))
    shown = shown_records(r.compressed)["$"]
    # (The first record of each code, a kind of diagnostic, is still shown: 0, 1, 2.)
    assert sorted(shown) == [0, 1, 2, 199], sorted(shown)
    for k in range(8):
        assert f"/src/pkg/mod{k}.py" in r.compressed, k


def test_rows_of_a_report_of_errors_only_are_samples() -> None:
    # ruff's JSON: every diagnostic has severity "error", so none is an anomaly; their rows
    # were still written as error rows (every value as it is), and the docs URL's template
    # (https://…/rules/{name}) was never said. Shown rows besides the first and last are
    # samples: the template is said and they write '#'.
    names = ["undocumented-public-method", "missing-return-type", "line-too-long", "assert-used"]
    recs = [
        {
            "code": f"X{i % 4}",
            "filename": f"src/mod{i % 3}.py",
            "name": names[i % 4],
            "row": i + 1,
            "severity": "error",
            "url": "https://docs.example.org/ruff/rules/" + names[i % 4],
        }
        for i in range(200)
    ]
    r = compress(json.dumps(recs, indent=2))
    assert 'derived, written # in rows: {"url":"https://docs.example.org/ruff/rules/{name}"}' in (
        r.compressed
    )
    shown = shown_records(r.compressed)["$"]
    assert len(shown) > 2
    for k, rec in shown.items():
        assert rec == recs[k], k


def test_a_long_list_of_versions_is_cut_by_its_tokens() -> None:
    # npm view's versions: 125 of them are under 1,600 chars but ~880 tokens (a digit or a
    # dot each), and were shown whole; a list of scalars is cut by its tokens too: its
    # first 8 and last 4 items, a marker naming the rest by shape and range.
    versions = [f"{a}.{b}.{c}" for a in range(5) for b in range(5) for c in range(5)]
    doc = {"name": "pkg", "versions": versions}
    assert len(json.dumps(versions, separators=(",", ":"))) < 1600
    r = compress(json.dumps(doc, indent=2))
    assert "$.versions: array of 125: [" in r.compressed
    assert "#.#.#×113 0.1.3..4.4.0" in r.compressed
    for v in versions[:8] + versions[-4:]:
        assert f'"{v}"' in r.compressed, v


def test_combinations_of_list_items_are_no_category() -> None:
    # A lockfile's authors (or funding URLs) joined per package: 20 combinations of e-mails,
    # each on 5 packages, were a "category", every one listed whole in every marker past
    # the budgets. A combination is no category: the rare one is named, the rest within
    # the budget ("+N more").
    recs = []
    for i in range(100):
        k = i % 20
        mails = [f"maintainer{k}@example-organisation-{k}.org", f"team{k}@lists.example.net"]
        if i == 57:
            mails = ["lonely.maintainer@rare-example.org", "team57@lists.example.net"]
        recs.append(
            {"name": f"pkg-{i}", "version": f"1.{i}.0", "authors": [{"email": m} for m in mails]}
        )
    r = compress(json.dumps({"packages": recs}, indent=2))
    assert "lonely.maintainer@rare-example.org|team57@lists.example.net" in r.compressed
    listing = re.search(r"authors\.\*\.email: ([^;]*)", r.compressed)
    assert listing is not None
    assert re.search(r"\+\d+ more$", listing.group(1)), listing.group(1)
