"""Input that no compressor can read: a clear fallback, never an exception."""

from __future__ import annotations

import random

import pytest

from tests.transforms._check import compress


def test_binary_is_returned_unchanged_with_the_reason() -> None:
    rnd = random.Random(5)
    blob = bytes(rnd.randrange(256) for _ in range(20000)).decode("latin-1")
    r = compress(blob)
    assert r.compressed == blob and r.content_type == "binary"
    assert r.transforms == ("unchanged:binary",)
    r = compress("header\x00\x00\x01" + "payload " * 500)
    assert r.content_type == "binary" and r.compressed.startswith("header\x00")


def test_undecodable_bytes_as_surrogates_do_not_raise() -> None:
    raw = ("print('hi')\n" * 50).encode() + bytes(range(128, 256)) * 40
    text = raw.decode("utf-8", errors="surrogateescape")
    r = compress(text)
    assert r.compressed_tokens <= r.original_tokens


@pytest.mark.parametrize("hint", ["csv", "diff", "json", "python", "c", "cpp", "binary"])
def test_every_hint_on_the_wrong_input_never_raises(hint: str) -> None:
    for text in ("a,b\n1\n1,2,3,4,5\n" * 40, "{not json" * 300, "@@ broken @@\n" * 200):
        r = compress(text, content_type=hint)
        assert r.compressed_tokens <= r.original_tokens


@pytest.mark.parametrize(
    "text",
    [
        '{"$schema": "x", "a": ' + "[" * 3000 + "]" * 3000 + "}",  # nested past recursion
        '{"openapi": "3.0.0", "paths": [], "components": 5}',  # API keys of the wrong types
        '{"metadata": {"apiVersion": "1"}, "operations": {"A": {"http": 1}}, "shapes": []}',
        '{"openapi": "3.1.0", "info": {"title": "cut',
    ],
)
def test_odd_json_and_api_descriptions_never_raise(text: str) -> None:
    for hint in (None, "api", "json"):
        r = compress(text * 3, content_type=hint)  # (compress checks the result's invariants)
        assert r.compressed_tokens <= r.original_tokens
