from __future__ import annotations

import json

import pytest

from tests.transforms import _samples as s
from transforms import detect_content_type


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (s.PYTHON_SOURCE, "python"),
        (s.TYPESCRIPT_SOURCE, "typescript"),
        (s.JAVASCRIPT_SOURCE, "javascript"),
        (s.GO_SOURCE, "go"),
        (s.RUST_SOURCE, "rust"),
        (s.JAVA_SOURCE, "java"),
        (s.api_records(400)[0], "json"),
        ("\n".join(json.dumps({"i": i, "ok": True}) for i in range(20)), "ndjson"),
        (s.app_log(200), "log"),
        (s.MARKDOWN_DOC, "markdown"),
        ("Plain words here. " * 50, "prose"),
        (s.MARKDOWN_DOC + "\n```python\n" + s.PYTHON_SOURCE + "```\n", "mixed"),
    ],
)
def test_detects(text: str, kind: str) -> None:
    assert detect_content_type(text) == kind


def test_code_with_long_comment_header_is_still_code() -> None:
    header = "".join(f"# Licence line {i}: some words about the terms of use.\n" for i in range(60))
    assert detect_content_type(header + s.PYTHON_SOURCE) == "python"
    c_header = "/*\n" + "".join(f" * Licence line {i} words.\n" for i in range(60)) + " */\n"
    assert detect_content_type(c_header + s.GO_SOURCE) == "go"


def test_hint_wins_and_bad_hint_falls_back() -> None:
    from tests.transforms._check import compress

    r = compress(s.api_records(400)[0], content_type="application/json")
    assert r.content_type == "json"
    # A wrong hint must not destroy content: the result is still valid and never inflates.
    r = compress(s.PYTHON_SOURCE, content_type="json")
    assert r.content_type == "python"
    assert "class Inventory" in r.compressed


def test_a_rust_file_of_macro_rules_arms_is_rust() -> None:
    # anyhow's ensure.rs: most lines are a macro's arms, "(atom $stack:tt …) => {", whose
    # "=> {" read as JavaScript's arrow functions (detected javascript, nothing cut).
    arms = "".join(
        f"    ({kw} $stack:tt $bail:tt (~$($fuel:tt)*) {{($($buf:tt)*) $($parse:tt)*}} "
        f"$($rest:tt)*) => {{\n        $crate::__parse_ensure!({kw} $stack $bail $($rest)*)\n"
        "    };\n"
        for kw in ("atom", "type", "epath", "cond", "0", "generic") * 5
    )
    src = (
        "use crate::Error;\nuse core::fmt::{self, Debug};\n\n"
        "#[doc(hidden)]\n#[macro_export]\nmacro_rules! __parse_ensure {\n"
        f"{arms}}}\n\nstruct Buf {{\n    written: usize,\n}}\n"
    )
    assert detect_content_type(src) == "rust"
