from __future__ import annotations

import re

import pytest

from tests.transforms._check import compress, omitted_text
from tests.transforms._data import read
from transforms import detect_content_type

CASES = {
    # file: (own frames that must stay, the exception line, the package a marker must name)
    "py-trace.txt": (
        ['File "<string>", line 4, in load_config'],
        "yaml.parser.ParserError: while parsing a flow sequence",
        "yaml",
    ),
    "java-trace.txt": (
        ["at Inventory.parseQty(Inventory.java:5)", "at Inventory.load(Inventory.java:7)"],
        'Caused by: java.lang.NumberFormatException: For input string: "x3"',
        "java.util",
    ),
    "go-panic.txt": (
        ["example.com/shop/cart.(*Cart).Total(0x0)", "/home/dev/shop/main.go:31"],
        "panic: runtime error: invalid memory address or nil pointer dereference",
        "net/http",
    ),
    "node-trace.txt": (
        ["at readConfig ([eval]:3:46)", "at start ([eval]:4:26)"],
        "Error: ENOENT: no such file or directory, open '/etc/nope.json'",
        "node internals",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_own_frames_kept_library_frames_collapsed(name: str) -> None:
    text = read(name)
    own, exception, package = CASES[name]
    assert detect_content_type(text) == "stacktrace"
    r = compress(text)
    assert r.transforms == ("stack_frames",)
    for frame in own:
        assert frame in r.compressed, frame
    assert exception in r.compressed.splitlines()
    assert any(package in o.description for o in r.omitted), [o.description for o in r.omitted]
    for o in r.omitted:
        assert o.kind == "frames" and re.match(r"\d+ library frames?: ", o.description)
        # The omitted text is whole frames of library code only.
        assert not any(f in omitted_text(r, o.id) for f in own)
