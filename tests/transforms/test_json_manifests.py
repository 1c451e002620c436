"""Package metadata documents (cargo metadata, composer.lock, npm view): records with many
optional fields, nested lists of records and maps keyed by version (bench/corpus, dev)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.transforms._check import compress
from tests.transforms._jsoncheck import shown_records

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
