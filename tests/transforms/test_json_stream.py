"""JSON values pretty-printed one after another (``jq .`` over several inputs, ``jq '.[]'``,
``go list -json``): detected as ``ndjson`` and compressed as records, as an array of the same
values would be; a value rare for its field is shown or named in a marker; input that is not
such a stream falls back without an exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transforms
from tests.transforms._check import compress, omitted_text
from transforms._json import is_json_stream, json_values, value_cut

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def packages(n: int) -> list[dict[str, Any]]:
    """Records shaped like ``go list -json``'s."""
    return [
        {
            "Dir": f"/src/example.com/m{i}",
            "ImportPath": f"example.com/m{i}",
            "Name": f"m{i}",
            "Stale": i % 7 == 0,
            "Goos": "linux",
            "Module": {"Path": "example.com", "GoVersion": "1.22"},
            "Imports": ["errors", "fmt", "os"][: 1 + i % 3],
            "Deps": ["errors", "fmt", "internal/abi", "os", "unsafe"],
        }
        for i in range(n)
    ]


def stream(values: list[Any], indent: int | str = 4) -> str:
    return "\n".join(json.dumps(v, indent=indent) for v in values) + "\n"


def test_pretty_stream_is_records_not_a_log() -> None:
    r = compress(stream(packages(30)))
    assert r.content_type == "ndjson"
    assert r.transforms == ("ndjson_records",)
    assert r.compressed.startswith("values: 30 records")
    # Nothing of the log compressor: no line templates.
    assert "T1 " not in r.compressed and "[log:" not in r.compressed


def test_stream_renders_as_the_same_values_in_one_array() -> None:
    recs = packages(40)
    recs[23]["Error"] = {"Err": "no Go files in /src/example.com/m23"}
    as_stream = compress(stream(recs, indent=2))
    as_array = compress(json.dumps(recs, indent=2))
    assert as_array.content_type == "json"
    # The same rows and markers; only the head's name differs (and the omitted spans).
    assert as_stream.compressed == as_array.compressed.replace("$", "values", 1)
    assert "no Go files in /src/example.com/m23" in as_stream.compressed


def test_marker_spans_are_the_values_it_hides() -> None:
    recs = packages(60)
    text = stream(recs)
    r = compress(text)
    record_markers = [o for o in r.omitted if "records" in o.description]
    assert record_markers
    for o in record_markers:
        hidden = omitted_text(r, o.id)
        values, stop = json_values(hidden)
        assert stop == len(hidden) and len(values) == o.count
        assert all(v.value in recs for v in values)


@SETTINGS
@given(
    n=st.integers(20, 200),
    where=st.floats(0, 1),
    # Fields whose values repeat (the contract's rare values; a name among distinct names
    # is named while the marker's budget lasts): a constant, a flag, nested, a list.
    field=st.sampled_from(["Goos", "Stale", "GoVersion", "Imports"]),
    rare=st.sampled_from(["zulu", "XRAY-9", "cgo-disabled"]),
    indent=st.sampled_from([2, 4, "\t"]),
)
def test_rare_value_in_a_stream_is_shown_or_named(
    n: int, where: float, field: str, rare: str, indent: int | str
) -> None:
    recs = packages(n)
    at = min(n - 1, int(where * n))
    if field == "GoVersion":
        recs[at]["Module"] = {"Path": "example.com", "GoVersion": rare}
    elif field == "Imports":
        recs[at]["Imports"] = ["errors", rare]
    else:
        recs[at][field] = rare
    r = compress(stream(recs, indent=indent))
    assert r.content_type == "ndjson" and r.transforms == ("ndjson_records",)
    assert rare in r.compressed, (field, at, r.compressed[:3000])


def test_last_value_cut_keeps_the_others_as_records_and_the_cut_as_it_is() -> None:
    text = stream(packages(30))
    cut_at = text.rindex('"Deps"') + 12
    r = compress(text[:cut_at])
    assert r.content_type == "ndjson"
    assert r.transforms == ("partial:ndjson:last value cut", "ndjson_records")
    assert r.compressed.startswith("values: 29 records")
    tail = text[text.rindex("{\n") : cut_at]
    assert r.compressed.endswith(tail)


def test_compact_ndjson_cut_last_line_is_unchanged() -> None:
    lines = [json.dumps(p) for p in packages(30)]
    r = compress("\n".join(lines[:-1]) + "\n" + lines[-1][:50])
    assert r.transforms == ("partial:ndjson:last line cut", "ndjson_records")


def test_a_broken_value_in_the_middle_falls_back_without_error() -> None:
    text = stream(packages(30))
    broken = text.replace('"ImportPath": "example.com/m12",', '"ImportPath": example.com/m12,')
    assert not is_json_stream(broken)
    r = compress(broken)
    assert r.content_type == "log"  # lines of output, as before this kind was read
    assert "m12" in r.compressed  # the broken value's path shown or named


@SETTINGS
@given(where=st.floats(0, 1), how=st.sampled_from(["drop-brace", "garbage", "comma"]))
def test_any_broken_value_never_raises(where: float, how: str) -> None:
    values = [stream([p], indent=2) for p in packages(25)]
    at = min(24, int(where * 25))
    if how == "drop-brace":
        values[at] = values[at].rstrip().removesuffix("}") + "\n"
    elif how == "garbage":
        values[at] = values[at].replace('"Stale"', "Stale", 1)
    else:
        values[at] = values[at].replace("\n}", ",\n}", 1)
    text = "".join(values)
    r = compress(text)  # no exception, and the invariants of every result hold (_check)
    if at == 24:  # the last value: the others as records, it as it is
        assert r.transforms == ("partial:ndjson:last value cut", "ndjson_records")
        assert r.compressed.endswith(values[at])
    else:  # another value opens after the broken one: lines of output
        assert r.content_type != "ndjson"


def test_compact_ndjson_with_lines_longer_than_the_sample_is_ndjson() -> None:
    # Lines of 60 kB each: detection's line sample (40,000 chars) holds none whole.
    recs = [{"name": f"pkg{i}", "files": [f"src/f{j}.rs" for j in range(4000)]} for i in range(6)]
    text = "\n".join(json.dumps(r) for r in recs) + "\n"
    assert transforms.detect_content_type(text) == "ndjson"
    r = compress(text)
    assert r.transforms == ("ndjson_records",)
    assert r.compressed.startswith("lines: 6 records")


def test_what_is_not_a_stream() -> None:
    two = stream(packages(2))
    assert is_json_stream(two)
    assert not is_json_stream(stream(packages(1)))  # one value: a JSON document
    assert not is_json_stream(two + "42\n")  # a scalar among them
    assert not is_json_stream(two + "done.\n")  # text after the values
    assert not is_json_stream('{"a": 1} trailing words\n{"b": 2}\n')
    assert transforms.detect_content_type(two + "Build finished.\n") != "ndjson"
    # A log whose lines open with brackets is not read as JSON values.
    log = "".join(f"[{i}] step {i} done\n" for i in range(50))
    assert transforms.detect_content_type(log) == "log"


def test_value_cut_needs_the_rest_indented_under_its_opener() -> None:
    text = '{"a": 1}\n{"a": 2}\n{\n  "a": 3,\n  "b": [\n'
    stop = json_values(text)[1]
    assert text[stop:].startswith("{\n") and value_cut(text, stop)
    again = text + '{"a": 4}\n'  # another value opens after the broken one: not a cut
    assert not value_cut(again, json_values(again)[1])
