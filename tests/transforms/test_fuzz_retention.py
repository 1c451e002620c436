"""Adversarial cases of the retention contract (transforms/README.md): a rare value placed
where the shared generators of test_rarity.py do not put it."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.transforms._check import compress

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pod(i: int) -> dict[str, Any]:
    return {
        "id": f"pod-{i:04d}",
        "status": ["Running", "Pending"][i % 7 == 0],
        "spec": {
            "containers": [
                {
                    "name": "app",
                    "image": "nginx:1.25",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                    "env": {"LEVEL": "info", "MODE": "prod"},
                    "resources": {"limits": {"cpu": "500m"}},
                }
            ],
            "labels": {"app": "web", "tier": "front"},
            "node": f"node-{i % 4}",
        },
        "created": f"2024-05-{1 + i % 28:02d}T10:{i % 60:02d}:00Z",
    }


# Leaves three to five levels down a record, through objects and lists of objects.
_DEEP_PATHS: list[tuple[str | int, ...]] = [
    ("spec", "containers", 0, "env", "LEVEL"),
    ("spec", "containers", 0, "ports", 0, "protocol"),
    ("spec", "containers", 0, "resources", "limits", "cpu"),
]


@SETTINGS
@given(
    n=st.sampled_from([10, 30, 51, 200]),
    where=st.floats(0, 1),
    path=st.sampled_from(_DEEP_PATHS),
    rare=st.sampled_from(["debug", "UDP", "501m", "NGINX:1.25", "🚀"]),
    indent=st.sampled_from([None, 2]),
)
def test_a_rare_value_deep_in_a_record_is_shown_or_named(
    n: int, where: float, path: tuple[str | int, ...], rare: str, indent: int | None
) -> None:
    """A pod's ``spec.containers[0].env.LEVEL`` is a field like any other: the one pod whose
    value differs is shown, or its value named in the marker hiding it (flatten read two
    levels, so a marker said nothing of it: ``+1 more fields`` at most)."""
    pods = [_pod(i) for i in range(n)]
    at = min(n - 1, int(where * n))
    node: Any = pods[at]
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = rare
    r = compress(json.dumps(pods, indent=indent))
    assert rare in r.compressed, (path, at, r.compressed[:3000])


@SETTINGS
@given(
    n=st.sampled_from([10, 51, 200]),
    where=st.floats(0, 1),
    inside=st.sampled_from(["container", "env"]),
    whole_object=st.booleans(),
)
def test_a_key_one_record_has_deep_in_it_is_shown_or_named(
    n: int, where: float, inside: str, whole_object: bool
) -> None:
    """A rare field set below the second level: a key only one pod's container (or its
    ``env``) has, alone or in an object only it has, is named with its value; a map's keys
    (each record's own, composer's ``autoload.psr-4``) are no rare fields."""
    pods = [_pod(i) for i in range(n)]
    at = min(n - 1, int(where * n))
    container = pods[at]["spec"]["containers"][0]
    node = container if inside == "container" else container["env"]
    if whole_object:
        node["securityCtx"] = {"privilegedX": True, "runAsUser": "root0"}
        wanted = ["privilegedX", "root0"]
    else:
        node["privilegedX"] = "yes"
        wanted = ["privilegedX"]
    r = compress(json.dumps(pods, indent=2))
    for w in wanted:
        assert w in r.compressed, (inside, at, r.compressed[:3000])


@SETTINGS
@given(n=st.sampled_from([51, 200]), where=st.floats(0, 1))
def test_a_field_one_record_adds_to_a_spread_object_is_named(n: int, where: float) -> None:
    """``spec`` is spread into columns (``spec.node``, ``spec.labels.app``); an object only one
    pod's spec has becomes a column ``spec.securityCtx`` of one record: an optional field
    every marker names past its budgets (the run budget cut ``privilegedX`` behind ``+2 more
    fields``: the field was taken for a part of ``spec``, which every record holds)."""
    pods = [_pod(i) for i in range(n)]
    at = min(n - 1, int(where * n))
    pods[at]["spec"]["securityCtx"] = {"privilegedX": True, "runAsUser": "root0"}
    r = compress(json.dumps(pods, indent=2))
    for w in ("privilegedX", "root0"):
        assert w in r.compressed, (at, r.compressed[:3000])
