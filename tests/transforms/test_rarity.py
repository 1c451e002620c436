"""The retention contract (transforms/README.md): a value rare for its field or slot, in any run
of similar units, is shown or named in the marker of the omission that hides it."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.transforms._check import compress
from transforms._rarity import (
    Population,
    describe_run,
    flatten,
    heading_line,
    rare_limit,
    spread_names,
)

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the shared API ----------------------------------------------------------------------------


def test_rare_limit_is_two_percent_and_at_least_one() -> None:
    assert rare_limit(10) == 1
    assert rare_limit(1000) == 20


def test_describe_run_names_rarest_first_and_counts_the_rest() -> None:
    units = [{"code": "E501", "file": f"f{i % 3}.py"} for i in range(40)]
    units[17]["code"] = "B006"
    pop = Population.of(units)
    text = describe_run(units, pop)
    assert text.startswith("code: B006, E501×39"), text
    # the digits of a name are part of it
    assert "file: f1.py×13, f2.py×13, f0.py×14" in text
    many = [{"name": f"pkg-{chr(97 + i % 26)}{chr(97 + i // 26)}x"} for i in range(200)]
    out = describe_run(many, field_budget=60)
    assert "+" in out and "more" in out and len(out) < 120


def test_describe_run_numbers_are_ranges() -> None:
    units = [{"ms": i * 3, "ok": True} for i in range(10)]
    assert describe_run(units) == "ok=true; ms 0..27"


def test_describe_run_names_a_value_once_per_output_when_asked() -> None:
    named: set[tuple[str, str | int | float | bool | None]] = set()
    a = describe_run([{"pkg": "libfoo"}, {"pkg": "libbar"}], named=named)
    b = describe_run([{"pkg": "libfoo"}, {"pkg": "libbaz"}], named=named)
    assert "libfoo" in a and "libfoo" not in b and "libbaz" in b and "+1 named above" in b


def test_a_field_the_run_budget_cuts_names_nothing_above() -> None:
    # ruff's diagnostics: a first marker has room for the codes only (its files are "+1 more
    # fields"); a later marker over the same files must name them, not count them as named
    # above: no marker said them.
    named: set[tuple[str, str | int | float | bool | None]] = set()
    files = ["src/app/models.py", "src/app/views.py", "src/app/forms.py"]
    first = [{"code": "E501", "filename": files[i % 3]} for i in range(60)]
    first[7]["code"] = "B006"
    a = describe_run(first, named=named, run_budget=40)
    assert "+1 more fields" in a and "models.py" not in a, a
    later = [{"code": "E501", "filename": files[i % 3]} for i in range(9)]
    b = describe_run(later, named=named)
    assert all(f in b for f in files) and "named above" not in b, b
    # A field cut to its off-type values (a sentinel among build numbers) named only those.
    builds: list[dict[str, str | int | float | bool | None]] = [
        {"code": "E501", "build": 1000 + i % 7} for i in range(200)
    ]
    builds[40]["code"] = "B006"
    builds[150]["build"] = "unknown"
    named.clear()
    c = describe_run(builds, named=named, run_budget=20)
    assert "build: unknown, +7 more" in c, c
    d = describe_run([{"build": 1003}, {"build": "unknown"}], named=named)
    assert "1003" in d and "unknown" not in d, d


def test_a_list_field_is_described_by_its_items_rarest_first() -> None:
    # A package's keywords: items counted by the units holding them (once per list), the
    # rarest first, empty lists as [], the rest counted past the budget.
    lists = [("cli", "parser"), ("cli",), (), ("cli", "yaml", "cli"), ("parser", "toml")]
    counts: Counter[str | int | float | bool | tuple[()] | None] = Counter(
        x for items in lists for x in (dict.fromkeys(items) or [()])
    )
    units: list[dict[str, str | int | float | bool | None]] = [{"name": f"p{i}"} for i in range(5)]
    text = describe_run(units, lists={"keywords": (counts, lists)}, fields=[])
    assert text == "keywords[*]: [], yaml, toml, parser×2, cli×3", text
    short = describe_run(units, lists={"keywords": (counts, lists)}, fields=[], field_budget=12)
    assert short == "keywords[*]: [], yaml, +3 more", short


def test_spread_names_lists_all_that_fit_else_names_spread_through_them() -> None:
    names = [f"internal/pkg{i:02d}" for i in range(60)]  # 14 chars + ", "
    assert spread_names(names[:5], 200) == (names[:5], 0)
    chosen, more = spread_names(names, 200)
    assert len(chosen) == 12 and more == 48
    assert chosen == sorted(chosen) and chosen[0] <= names[5] and chosen[-1] >= names[-6]
    gaps = [names.index(b) - names.index(a) for a, b in pairwise(chosen)]
    assert max(gaps) - min(gaps) <= 1, gaps


def test_an_empty_cell_among_strings_is_missing_data_not_off_type() -> None:
    # country-codes.csv: a territory without an ITU code (an empty cell) among 3-letter
    # codes. The field cut by the run budget named `ITU: "", +12 more`; empty is no type.
    letters = [chr(65 + i) for i in range(26)]
    units: list[dict[str, str | int | float | bool | None]] = [
        {
            "official_name_en": f"Country {a}{b}",
            "ISO3166-1-Alpha-3": f"{a}{b}Z",
            "ITU": f"{b}{a}X",
        }
        for a in letters[:10]
        for b in letters[:20]
    ]
    units[57]["ITU"] = ""
    run = units[50:63]
    text = describe_run(run, Population.of(units), run_budget=120)
    assert "more fields" in text and '""' not in text, text
    # A null among them (JSON's, written as such) is still another type: named.
    units[57]["ITU"] = None
    text = describe_run(units[50:63], Population.of(units), run_budget=120)
    assert "ITU: null, +12 more" in text, text


def test_a_string_among_distinct_numbers_is_ranked_first() -> None:
    units: list[dict[str, str | int | float | bool | None]] = [{"id": i} for i in range(300)]
    units[250] = {"id": "n/a"}
    assert describe_run(units, field_budget=40).startswith("id: n/a, ")


def test_rare_units_only_in_categorical_fields() -> None:
    units = [{"level": "info", "id": str(i)} for i in range(100)]
    units[42]["level"] = "notice"
    assert Population.of(units).rare_units() == {42: "level"}


def test_flatten_nested_fields() -> None:
    rec = {"a": {"b": 1, "c": {"d": 2}}, "tags": ["x", "y"], "deep": [{"k": 1}]}
    assert flatten(rec) == {"a.b": 1, "tags": "x|y", "deep.*.k": "1"}


def test_flatten_joins_a_list_of_records_per_field() -> None:
    # An SBOM component's licences and links: each field's values joined, so a rare licence
    # is a value of "licenses.expression" like any other field's.
    rec = {
        "name": "wit-bindgen",
        "licenses": [{"expression": "Apache-2.0 WITH LLVM-exception"}, {"expression": "MIT"}],
        "links": [{"type": "vcs", "url": "u1"}, {"type": "website", "url": None}],
    }
    assert flatten(rec) == {
        "name": "wit-bindgen",
        "licenses.*.expression": "Apache-2.0 WITH LLVM-exception|MIT",
        "links.*.type": "vcs|website",
        "links.*.url": "u1",
    }


def test_heading_lines() -> None:
    assert heading_line("0. Definitions.")
    assert heading_line("  1.2 Scope of this licence")
    assert heading_line("TERMS AND CONDITIONS")
    assert heading_line("Title", "=====")
    assert heading_line("## Usage")
    assert not heading_line("This is a sentence that runs on and on, and is not a title.")
    assert not heading_line("0. Definitions.", prev_blank=False)
    assert not heading_line("I")


# --- the contract, end to end ----------------------------------------------------------------


POOL = ["alpha", "bravo", "charlie", "delta"]


@SETTINGS
@given(
    n=st.integers(30, 300),
    where=st.floats(0, 1),
    field=st.sampled_from(["status", "region", "id", "note"]),
    ndjson=st.booleans(),
    rare=st.sampled_from(["zulu", "XRAY-9", "Protocol Violation"]),
)
def test_records_rare_value_is_shown_or_named(
    n: int, where: float, field: str, ndjson: bool, rare: str
) -> None:
    recs: list[dict[str, object]] = [
        {
            "id": 1000 + i,
            "status": POOL[i % 2],
            "region": POOL[(i // 3) % 4],
            "note": f"item {i} done",
            "ms": (i * 37) % 101,
        }
        for i in range(n)
    ]
    at = min(n - 1, int(where * n))
    recs[at][field] = rare
    text = "\n".join(map(json.dumps, recs)) if ndjson else json.dumps(recs, indent=1)
    r = compress(text)
    assert rare in r.compressed, (field, at, r.compressed[:3000])


SLOT_POOL = ["nginx", "redis", "postgres"]


@SETTINGS
@given(
    n=st.integers(40, 400),
    where=st.floats(0, 1),
    rare=st.sampled_from(["memcached", "kafka-broker-7", "Protocol-Violation"]),
    slot=st.sampled_from(["service", "user"]),
)
def test_log_rare_slot_value_is_shown_or_named(n: int, where: float, rare: str, slot: str) -> None:
    at = min(n - 1, int(where * n))
    lines = []
    for i in range(n):
        service = SLOT_POOL[i % 3]
        user = ["ann", "bob"][i % 2]
        if i == at:
            service, user = (rare, user) if slot == "service" else (service, rare)
        lines.append(
            f"2024-05-01 10:{i // 60 % 60:02d}:{i % 60:02d} INFO {service} served {user}"
            f" request {i * 7} in {i % 90}ms"
        )
    r = compress("\n".join(lines) + "\n", content_type="log")
    assert rare in r.compressed, r.compressed[:3000]


@SETTINGS
@given(n=st.integers(12, 43), where=st.floats(0, 1))
def test_log_slot_of_distinct_values_is_named_in_full(n: int, where: float) -> None:
    """43 lines of one apt "upgrade" template: every package name is in the output, and a
    one-off line of another template too."""
    names = [f"lib{w}{k}" for k, w in enumerate(["foo", "bar", "baz", "qux"] * 11)][:n]
    lines = [
        f"Preparing to unpack .../{p}_1.{k}-1_amd64.deb ...\nUnpacking {p}:amd64 (1.{k}-1)"
        f" over (1.{k}-0) ..."
        for k, p in enumerate(names)
    ]
    lines.insert(
        min(len(lines), int(where * len(lines))),
        "debconf: falling back to frontend: Readline",
    )
    text = "\n".join(lines) + "\n"
    r = compress(text, content_type="log")
    for p in names:
        assert p in r.compressed, (p, r.compressed[:3000])
    assert "falling back to frontend" in r.compressed


@SETTINGS
@given(
    n=st.integers(30, 600),
    where=st.floats(0, 1),
    field=st.sampled_from(["status", "region", "host", "note"]),
    tab=st.booleans(),
    header=st.booleans(),
    rare=st.sampled_from(["zulu", "XRAY-9", "Protocol Violation"]),
)
def test_table_rows_rare_value_is_shown_or_named(
    n: int, where: float, field: str, tab: bool, header: bool, rare: str
) -> None:
    """CSV/TSV rows (table mode: rows shown for rare values are bounded, the rest named)."""
    names = ["id", "status", "region", "host", "note", "ms"]
    rows = [
        {
            "id": 1000 + i,
            "status": POOL[i % 2],
            "region": POOL[(i // 3) % 4],
            "host": f"web-{i % 5}",
            "note": f"item {i} done",
            "ms": (i * 37) % 101,
        }
        for i in range(n)
    ]
    at = min(n - 1, int(where * n))
    rows[at][field] = rare
    sep = "\t" if tab else ","
    lines = [sep.join(names)] if header else []
    lines += [sep.join(str(r[k]) for k in names) for r in rows]
    r = compress("\n".join(lines) + "\n", content_type="csv")
    assert rare in r.compressed, (field, at, r.compressed[:3000])


def test_remapped_population_merges_counts_without_recounting() -> None:
    units = [{"m": f"call {w}"} for w in ("a", "b", "b", "c")] + [{"m": "other"}]
    pop = Population.of(units)

    def first_word(k: tuple[str, object]) -> tuple[str, object]:
        return ("str", str(k[1]).split()[0])

    coarse = pop.remapped(first_word)
    assert coarse.counts["m"] == {("str", "call"): 4, ("str", "other"): 1}
    assert coarse.key("call z") == ("str", "call")
    assert coarse.units is pop.units


def test_flatten_sets_scalar_leaves_as_the_recursion_did() -> None:
    # Scalar leaves are set in place (no call each): the same keys, values and order,
    # an empty key still "$", nested records and short lists still flattened.
    rec = {"a": 1, "": "e", "b": {"c": None, "d": [1, "x"]}, "f": [{"g": "h"}], "i": True}
    assert list(flatten(rec).items()) == [
        ("a", 1),
        ("$", "e"),
        ("b.c", None),
        ("b.d", "1|x"),
        ("f.*.g", "h"),
        ("i", True),
    ]


def _shapes_one_by_one(vals: list[Any]) -> tuple[Any, Any, Any, Any]:
    """_shapes' reference: every value keyed (value_key), counted and compared in turn."""
    from transforms._rarity import value_key

    run_counts: Counter[Any] = Counter()
    firsts: dict[Any, int] = {}
    originals: dict[Any, Any] = {}
    exacts: dict[Any, dict[Any, int]] = {}
    for i, v in enumerate(vals):
        k = value_key(v)
        run_counts[k] += 1
        if k not in firsts:
            firsts[k], originals[k] = i, v
            exacts[k] = {v: 1}
        else:
            exacts[k][v] = exacts[k].get(v, 0) + 1
            if originals[k] != v and isinstance(v, str):
                originals[k] = k[1]
    return run_counts, firsts, originals, exacts


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a1", "a2", "a22", "b", "a#", "#", "lib3-x", "lib4-x", ""])
        | st.sampled_from([1, 1.0, True, False, 0, None, 2.5])
    )
)
def test_shapes_keying_distinct_values_is_the_value_by_value_count(vals: list[Any]) -> None:
    # describe_run keys each distinct value (strings; other types with their type) once,
    # Counter first: the same counts, exact values (in order), shown values and order of
    # shapes as keying every value in turn (1, 1.0 and True stay apart).
    from transforms._rarity import _shapes, value_key

    fast = _shapes(vals, set(map(type, vals)) or {str}, value_key)
    plain = _shapes_one_by_one(vals)
    assert list(fast[0].items()) == list(plain[0].items())
    assert sorted(fast[1], key=fast[1].__getitem__) == sorted(plain[1], key=plain[1].__getitem__)
    assert fast[2] == plain[2]
    assert [list(d.items()) for d in fast[3].values()] == [
        list(d.items()) for d in plain[3].values()
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["f", "g"]),
            st.sampled_from(["a1", "a2", "b", "1", ""]) | st.sampled_from([1, 1.0, True, None]),
        ),
        max_size=15,
    )
)
def test_population_counts_as_keying_every_value(units: list[dict[str, object]]) -> None:
    # Population.of keys each distinct string of a field once: the same counts, in the same
    # order, as keying every value (mixed types included: 1, 1.0 and True stay apart).
    from collections import Counter

    from transforms._rarity import value_key

    pop = Population.of(units)  # type: ignore[arg-type]
    for name, c in pop.counts.items():
        plain = Counter(value_key(u[name]) for u in units if name in u)  # type: ignore[arg-type]
        assert list(c.items()) == list(plain.items())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "f": st.sampled_from(["a1", "a2", "b", "1", ""]) | st.sampled_from([1, 1.0, True]),
                "g": st.sampled_from([0, 1, 2, 0.0, -0.0, False, None, "x"]),
            }
        ),
        min_size=2,
        max_size=120,
    ),
    st.sampled_from([None, 1, 3]),
)
def test_rare_units_by_column_is_the_unit_by_unit_walk(
    units: list[dict[str, object]], max_units: int | None
) -> None:
    # Units of one field order (a table's rows) are searched column by column; any other key
    # function walks unit by unit: the same units, fields and order.
    from transforms._rarity import value_key

    by_column = Population.of(units).rare_units(max_units, max_distinct_numbers=99)
    walked = Population.of(units, key=lambda v: value_key(v)).rare_units(
        max_units, max_distinct_numbers=99
    )
    assert list(by_column.items()) == list(walked.items())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab1.-/٣", max_size=8), min_size=1, max_size=6))
def test_shared_heads_are_the_character_by_character_walk(texts: list[str]) -> None:
    # common_prefix (paths, values) and _head_before_digit (a version's start: the walk
    # stops at a digit, any script's) against walking every text character by character.
    from transforms._rarity import _head_before_digit, common_prefix

    a, b = texts[0], texts[-1]
    same = 0
    while same < min(len(a), len(b)) and a[same] == b[same]:
        same += 1
    assert common_prefix(a, b) == same
    size = 0
    while all(size < len(t) and t[size] == texts[0][size] for t in texts) and not (
        texts[0][size].isdigit()
    ):
        size += 1
    assert _head_before_digit(texts) == size


OFF_TYPE = ["N/A-0x7", "unknown", True, None, 12345]


def _wide_records(rng: random.Random, n: int) -> list[dict[str, object]]:
    """Records of mostly distinct values in many fields (names, ids, numbers): a marker
    hiding a run of them cuts fields (``+N more fields``)."""
    return [
        {
            "id": i,
            "name": f"Company{rng.randrange(10**6)} Inc",
            "street": f"{rng.randrange(999)} Main St",
            "city": f"City{rng.randrange(10**5)}",
            "url": f"http://x{rng.randrange(10**6)}.com/a",
            "founded": 1900 + rng.randrange(120),
            "price": round(rng.random() * 100, 2),
            "volume": rng.randrange(10**7),
            "cik": 1000000 + rng.randrange(10**6),
        }
        for i in range(n)
    ]


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("kind", ["csv", "json"])
def test_an_off_type_value_in_a_distinct_field_is_shown_or_named(seed: int, kind: str) -> None:
    """A value of another type than its field's (a string or a bool among numbers, a
    number among names) is never hidden behind ``+N more fields``."""
    rng = random.Random(seed)
    recs = _wide_records(rng, 200)
    at = rng.randrange(2, 198)
    pool = OFF_TYPE if kind == "json" else ["N/A-0x7", "unknown", 12345]
    odd = pool[seed % len(pool)]
    # (a number among the names, the others among the numbers)
    field = ["city", "name"][seed % 2] if isinstance(odd, int) else ["cik", "volume"][seed % 2]
    recs[at][field] = odd
    if kind == "json":
        text = json.dumps(recs, indent=1)
        wanted = json.dumps(odd)
    else:
        text = "\n".join([",".join(recs[0])] + [",".join(map(str, r.values())) for r in recs])
        wanted = str(odd)
    r = compress(text + "\n")
    body = r.compressed
    # Named in the marker of the omission hiding its record, as its field's value.
    value = re.escape(wanted.strip('"'))
    assert re.search(rf"\b{field}: [^;]*?(?<![\w-]){value}\b", body), (
        field,
        at,
        odd,
        body[:3000],
    )
