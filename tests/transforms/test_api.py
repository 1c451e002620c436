"""API descriptions (OpenAPI, JSON Schema, botocore service JSON): detected, every operation
and type name kept, every other key and short value shown, long documentation and examples
behind markers that stand for their exact source text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read as read_data
from transforms import detect_content_type

CORPUS = Path(__file__).parents[2] / "bench" / "corpus" / "api"
FILES = sorted(p.name for p in CORPUS.glob("*.json"))  # (YAML ones: test_yaml_api.py)


def _names(doc: dict[str, Any]) -> list[str]:
    """Operations and types: botocore operations/shapes, OpenAPI paths/operationIds/schemas,
    JSON Schema definitions, Discovery method ids and schemas."""
    out: list[str] = []
    for key in ("operations", "shapes", "definitions", "$defs"):
        if isinstance(doc.get(key), dict):
            out.extend(doc[key])
    for path, ops in (doc.get("paths") or {}).items():
        out.append(path)
        if isinstance(ops, dict):
            out.extend(
                o["operationId"] for o in ops.values() if isinstance(o, dict) and "operationId" in o
            )
    schemas = (doc.get("components") or {}).get("schemas") or {}
    out.extend(schemas)
    if doc.get("kind") == "discovery#restDescription":  # Google API Discovery
        out.extend(doc.get("schemas") or {})
        stack = [doc.get("resources") or {}]
        while stack:
            for res in stack.pop().values():
                out.extend(m["id"] for m in (res.get("methods") or {}).values())
                stack.append(res.get("resources") or {})
    return out


def _strings(value: Any, key: str | None = None) -> list[tuple[str | None, str]]:
    if isinstance(value, dict):
        out = [(None, k) for k in value]
        for k, v in value.items():
            out.extend(_strings(v, k))
        return out
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return [(key, value)] if isinstance(value, str) else []


@pytest.mark.parametrize("name", FILES)
def test_api_file_keeps_every_operation_and_type(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    doc = json.loads(text)
    assert detect_content_type(text) == "api"
    r = compress(text)
    assert r.transforms == ("api_outline",)
    assert r.content_type == "api"
    names = _names(doc)
    assert names
    for n in names:
        assert n in r.compressed or json.dumps(n) in r.compressed, n
    # Long documentation: its first sentence shown, the whole string behind the marker.
    for o in r.omitted:
        if o.kind == "documentation":
            value = json.loads(omitted_text(r, o.id))
            assert isinstance(value, str) and len(value) > 160
    # A floor against regressions, not a target (bench/compression.py reports savings): a
    # schema of a config format, mostly distinct property names each with a short
    # description, saves about 30 % (compose-spec, an unseen file, 30.0 %).
    assert r.savings_percent > 25


def test_api_outline_shows_every_key_and_short_value() -> None:
    text = (CORPUS / "botocore-sqs-service-2.json").read_text(encoding="utf-8")
    r = compress(text)
    doc = json.loads(text)
    for key, s in _strings(doc):
        if key in ("documentation", "description", "summary") and len(s) > 160:
            continue
        if key in ("documentation", "description", "summary"):
            s = " ".join(re.sub(r"</?(?:p|code|i|b|note|important)\s*/?>", " ", s).split())
        if len(s) <= 60:
            assert s in r.compressed or json.dumps(s) in r.compressed, (key, s)
    docs = [o for o in r.omitted if o.kind == "documentation"]
    assert len(docs) > 50
    # Nothing but documentation is left out of this file.
    assert {o.kind for o in r.omitted} == {"documentation"}


def test_openapi_refs_repeats_and_examples() -> None:
    long_doc = "Returns the pets the caller may see.\n" + "Lorem ipsum dolor sit amet. " * 20
    error = {
        "description": "unexpected error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    example = {"pets": [{"id": i, "name": f"pet-{i}", "tag": "dog"} for i in range(12)]}
    spec = {
        "openapi": "3.0.0",
        "info": {"title": "Pets", "version": "1.0.0"},
        "paths": {
            f"/pets{i}": {
                "get": {
                    "operationId": f"listPets{i}",
                    "description": long_doc,
                    "responses": {
                        "200": {"description": "ok", "example": example},
                        "default": error,
                    },
                }
            }
            for i in range(4)
        },
        "components": {"schemas": {"Error": {"type": "object", "required": ["code"]}}},
    }
    text = json.dumps(spec, indent=2)
    r = compress(text)
    assert r.content_type == "api"
    out = r.compressed
    assert out.startswith('[api: OpenAPI 3.0.0 "Pets": 4 paths, 4 operations, 1 schema]')
    assert "^Error" in out and '"#/components/schemas/X"' in out.splitlines()[0]
    assert "*a1" in out  # the repeated error response
    # The repeated description: shown once (first sentence, marker) with an anchor, then
    # its alias.
    assert out.count("Returns the pets the caller may see.") == 1
    (anchor,) = re.findall(
        r"description: &(a\d+) Returns the pets the caller may see\. \[omitted", out
    )
    assert out.count(f"description: *{anchor}\n") == 3
    for i in range(4):
        assert f"listPets{i}" in out
    # The example is long: behind a marker (once; the responses holding it repeat as aliases).
    examples = [o for o in r.omitted if o.kind == "example"]
    assert examples
    assert json.loads(omitted_text(r, examples[0].id)) == example
    assert '"pet-3"' not in out and "pet-3" not in out


def test_long_enum_keeps_head_and_tail_and_names_the_rest() -> None:
    values = [f"m{k}.{size}" for k in range(5, 9) for size in ("large", "xlarge", "2xlarge")] * 12
    values = [f"{v}-{i}" for i, v in enumerate(values)]
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {"InstanceType": {"type": "string", "enum": values}},
    }
    text = json.dumps(schema, indent=1)
    r = compress(text)
    out = r.compressed
    assert values[0] in out and values[-1] in out
    (items,) = [o for o in r.omitted if o.kind == "items"]
    assert json.loads("[" + omitted_text(r, items.id) + "]") == values[8:-4]
    assert f"{len(values) - 12} items #9-#{len(values) - 4}" in items.description


def test_json_whose_strings_hold_html_is_json_not_html() -> None:
    doc = {
        "items": [{"id": i, "body": f"<p>Item <b>{i}</b> is <i>fine</i></p>"} for i in range(30)]
    }
    assert detect_content_type(json.dumps(doc, indent=1)) == "json"


def test_broken_api_description_falls_back() -> None:
    text = (CORPUS / "openapi-uspto.json").read_text(encoding="utf-8")
    r = compress(text[: len(text) // 2])
    assert r.content_type != "api" or any(t.startswith("fallback:api") for t in r.transforms)


def test_repeated_description_is_shown_once_then_aliased() -> None:
    """A description shared by many properties (cibuildwheel's container image settings)
    is shown once with an anchor; every other property carrying it shows the alias."""
    text = (CORPUS / "cibuildwheel-schema.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    r = compress(text)
    out = r.compressed
    shared = "Specify alternative manylinux / musllinux container images"
    props = [k for k, v in doc["properties"].items() if v.get("description") == shared]
    assert len(props) > 10
    assert out.count(shared) == 1
    (anchor,) = re.findall(r"&(a\d+) " + re.escape(shared), out)
    for k in props:
        (line,) = [ln for ln in out.splitlines() if ln.startswith(f" {k}: ")]
        assert re.search(
            rf"(?:description: |  # )(?:&{anchor} {re.escape(shared)}|\*{anchor})\b", line
        )


def test_botocore_markup_and_operation_names() -> None:
    """Shown documentation loses its markup tags (the head line says so); an operation's
    "name" equal to its key is not repeated (the head line says so too)."""
    text = (CORPUS / "botocore-iotdeviceadvisor-service-2.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    r = compress(text)
    out = r.compressed
    head = out.splitlines()[0]
    assert "(an operation's name: its key)" in head
    assert "(documentation: markup tags removed)" in head
    assert "<p>" not in out and "</p>" not in out
    (line,) = [ln for ln in out.splitlines() if ln.startswith(" GetEndpoint:")]
    assert line.endswith("}  # Gets information about an Device Advisor endpoint.")
    for name, op in doc["operations"].items():
        assert op["name"] == name
        assert f"\n {name}:\n" in out or f"\n {name}: {{http: " in out  # (small: one line)
    assert "  name: " not in out


def test_type_named_example_is_shown_not_cut_as_an_example() -> None:
    """A definition (or property) named "example" is a name, not an example value: its
    fields are shown (OpenAPI 3.2's schema has a $defs type "example")."""
    text = (CORPUS / "openapi-spec-validator-v3.2-schema.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    r = compress(text)
    fields = list(doc["$defs"]["example"]["properties"])
    assert "externalValue" in fields and "dataValue" in fields
    block = r.compressed.split("\n example:", 1)[1]
    block = re.split(r"\n [^ ]", block, maxsplit=1)[0]  # up to the next definition
    assert "omitted" not in block
    for f in fields:
        assert re.search(rf"[ {{]{f}: ", block), f


def test_refs_into_dollar_defs_are_short() -> None:
    """A 2020-12 schema's references into ``$defs`` are shown as ``^Name`` (the head line
    says what ``^X`` stands for)."""
    text = (CORPUS / "rustc-target-spec-json-schema.json").read_text(encoding="utf-8")
    r = compress(text)
    head, *lines = r.compressed.splitlines()
    assert '(^X: {$ref: "#/$defs/X"})' in head
    assert " arch: ^Arch" in lines
    assert "#/$defs/" not in "\n".join(lines)


def test_small_documented_values_carry_their_documentation_as_a_comment() -> None:
    """A small object with one documentation string (a botocore member, a schema property)
    is shown inline with the documentation as a trailing comment (head line says so)."""
    text = (CORPUS / "botocore-pipes-service-2.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    r = compress(text)
    out = r.compressed
    assert "(# …: its documentation)" in out.splitlines()[0]
    members = doc["shapes"]["AwsVpcConfiguration"]["members"]
    sub = members["Subnets"]
    assert set(sub) == {"shape", "documentation"} and len(sub["documentation"]) <= 160
    plain = " ".join(re.sub(r"</?p>", " ", sub["documentation"]).split())
    assert f"   Subnets: ^{sub['shape']}  # {plain}\n" in out
    groups = members["SecurityGroups"]
    (line,) = [ln for ln in out.splitlines() if ln.startswith("   SecurityGroups: ^")]
    oid = re.search(r"id=(o\d+)\]$", line).group(1)  # type: ignore[union-attr]
    assert json.loads(omitted_text(r, oid)) == groups["documentation"]


def test_json_schema_without_dollar_schema_is_an_api_description() -> None:
    """pydantic's schema output has no "$schema": it is still a JSON Schema (definitions
    that are schemas, an object type whose properties are), so every type and field name
    is kept, and long markdownDescriptions keep their first sentence."""
    text = (CORPUS / "samtranslator-statemachine-pydantic-schema.json").read_text("utf-8")
    doc = json.loads(text)
    assert "$schema" not in doc
    assert detect_content_type(text) == "api"
    r = compress(text)
    for name, d in doc["definitions"].items():
        assert name in r.compressed
        for field in d.get("properties", {}):
            assert field in r.compressed, (name, field)
    cut = [o for o in r.omitted if o.kind == "documentation"]
    assert cut
    longest = max(
        (d for d in _strings(doc) if d[0] == "markdownDescription"), key=lambda d: len(d[1])
    )
    assert any(json.loads(omitted_text(r, o.id)) == longest[1] for o in cut)


def test_data_with_a_properties_member_is_not_a_schema() -> None:
    """GeoJSON: features with "properties" holding data, no object type: JSON records."""
    rows = [ln.split(",") for ln in read_data("ubuntu.csv").splitlines()[1:]]
    features = [
        {
            "type": "Feature",
            "properties": {"version": r[0], "codename": r[1]},
            "geometry": {"type": "Point", "coordinates": [k, k]},
        }
        for k, r in enumerate(rows)
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, indent=1)
    assert detect_content_type(text) == "json"


def test_google_discovery_document_is_an_api_description() -> None:
    """A Discovery document re-serialized with sorted keys (auth scopes and parameters
    first, no "$schema", no schema in its opening): detected by its kind, every method id,
    schema and field kept, references ({"$ref": "Name"}) shown as ^Name."""
    doc = json.loads((CORPUS / "gcloud-bigqueryreservation-discovery.json").read_text("utf-8"))
    text = json.dumps(doc, indent=2, sort_keys=True)
    assert detect_content_type(text) == "api"
    r = compress(text)
    head = r.compressed.splitlines()[0]
    assert head.startswith('[api: Google API Discovery "bigqueryreservation" v1: ')
    assert "(^X: {$ref: X})" in head
    stack, ids = [doc["resources"]], []
    while stack:
        for res in stack.pop().values():
            ids.extend(m["id"] for m in res.get("methods", {}).values())
            stack.append(res.get("resources", {}))
    assert len(ids) > 20
    for name in ids + list(doc["schemas"]):
        assert name in r.compressed, name
    for schema in doc["schemas"].values():
        for field in schema.get("properties", {}):
            assert field in r.compressed, field


def test_long_enum_descriptions_keep_their_first_sentence() -> None:
    """A Discovery enum's descriptions (one per value): the long ones keep their first
    sentence; one marker stands for the whole list."""
    text = (CORPUS / "gcloud-bigqueryreservation-discovery.json").read_text("utf-8")
    doc = json.loads(text)
    policy = doc["schemas"]["Reservation"]["properties"]["idleSlotsPolicy"]
    long_item = max(policy["enumDescriptions"], key=len)
    assert len(long_item) > 160
    r = compress(text)
    assert long_item not in r.compressed
    assert long_item.split(". ")[0] + "." in r.compressed
    lists = [json.loads(omitted_text(r, o.id)) for o in r.omitted if o.kind == "enum descriptions"]
    assert policy["enumDescriptions"] in lists
    for v in policy["enum"]:
        assert v in r.compressed


def test_code_samples_are_examples_named_by_their_languages() -> None:
    sample = (
        "import pets\n\nclient = pets.Client(api_key='My API Key')\nprint(client.pets.list())\n"
    )
    doc = {
        "openapi": "3.0.0",
        "info": {"title": "Pets", "version": "1"},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "responses": {"200": {"description": "OK"}},
                    "x-codeSamples": [
                        {"lang": "Python", "label": "SDK", "source": sample * 3},
                        {"lang": "Shell", "source": "curl https://pets.example/pets " * 4},
                    ],
                },
                "post": {
                    "operationId": "addPet",
                    "responses": {"200": {"description": "OK"}},
                    "x-codeSamples": [{"lang": "Shell", "source": "curl -X POST"}],
                },
            }
        },
    }
    text = json.dumps(doc, indent=2)
    r = compress(text)
    (o,) = r.omitted
    assert o.kind == "example"
    samples = doc["paths"]["/pets"]["get"]["x-codeSamples"]
    size = len(json.dumps(samples, separators=(",", ":")))
    marker = f"[omitted x-codeSamples of {size} chars (Python SDK, Shell); id={o.id}]"
    assert f"x-codeSamples: {marker}" in r.compressed
    assert json.loads(omitted_text(r, o.id)) == samples
    # A short one is shown.
    assert "curl -X POST" in r.compressed
