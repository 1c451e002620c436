from __future__ import annotations

import ast
import re

import pytest

from tests.transforms import _samples as s
from tests.transforms._check import compress, omitted_text


def _python_names(src: str) -> set[str]:
    tree = ast.parse(src)
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            if isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                        names.add(sub.name)
                    elif isinstance(sub, ast.AnnAssign) and isinstance(sub.target, ast.Name):
                        names.add(sub.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def test_python_skeleton_keeps_structure_and_parses() -> None:
    r = compress(s.PYTHON_SOURCE)
    assert r.content_type == "python" and r.transforms == ("python_ast_skeleton",)
    out = r.compressed
    ast.parse(out)
    for name in _python_names(s.PYTHON_SOURCE):
        assert name in out, name
    for kept in (
        "from collections.abc import Iterable",
        "@dataclasses.dataclass(frozen=True)",
        "class Reservation:",
        "class StockError(RuntimeError):",
        "async def reserve(self, sku: str, quantity: int, *, order_id: str) -> Reservation:",
        '"""Hold ``quantity`` units of ``sku`` for ``order_id``."""',
        "@staticmethod",
        "ttl_minutes: int = MAX_RESERVATION_MINUTES",
        "MAX_RESERVATION_MINUTES = 45",
        # The rest of this short docstring is no longer than its marker would be: it stays.
        '"""Inventory service: reservations, stock levels and the HTTP handlers.',
        'if __name__ == "__main__":',
    ):
        assert kept in out, kept
    assert "raise StockError" not in out  # bodies are gone
    assert r.savings_percent > 30
    bodies = [o for o in r.omitted if o.kind == "body"]
    assert bodies
    # The body omission is exactly the source lines of a function body.
    reserve = [o for o in bodies if "raise StockError" in omitted_text(r, o.id)]
    assert len(reserve) == 1


def test_python_skeleton_of_real_module_parses() -> None:
    import inspect

    import transforms._json as mod

    src = inspect.getsource(mod)
    r = compress(src)
    ast.parse(r.compressed)
    for name in _python_names(src):
        assert name in r.compressed
    assert r.savings_percent > 40


LANG_CASES = [
    (
        s.TYPESCRIPT_SOURCE,
        "typescript",
        [
            "PaymentGateway",
            "OrderState",
            "Priority",
            "OrderPipeline",
            "pay",
            "cancel",
            "totalCents",
            "formatCents",
            "MAX_RETRIES",
            'import { EventEmitter } from "events";',
        ],
        'this.emit("retry"',
    ),
    (
        s.JAVASCRIPT_SOURCE,
        "javascript",
        ["Router", "get", "handle", "listen", "DEFAULT_PORT", "module.exports", "require('http')"],
        "res.statusCode = 404",
    ),
    (
        s.GO_SOURCE,
        "go",
        ["package cache", "DefaultTTL", "entry", "Cache", "New", "Get", "Put", '"container/list"'],
        "c.ll.MoveToFront(el)",
    ),
    (
        s.RUST_SOURCE,
        "rust",
        [
            "DEFAULT_RATE",
            "Bucket",
            "Clock",
            "Decision",
            "Limiter",
            "fn new",
            "fn check",
            "helper_refill",
            "#[derive(Debug, Clone)]",
            "use std::collections::HashMap;",
        ],
        "bucket.tokens -= 1.0",
    ),
    (
        s.JAVA_SOURCE,
        "java",
        [
            "package com.example.billing;",
            "InvoiceService",
            "MAX_LINES",
            "total",
            "toString",
            "TaxTable",
            "Line",
            "@Override",
            "import java.util.List;",
        ],
        "sum = sum.add",
    ),
]


@pytest.mark.parametrize(("src", "lang", "names", "body_line"), LANG_CASES)
def test_tree_sitter_skeletons(src: str, lang: str, names: list[str], body_line: str) -> None:
    r = compress(src)
    assert r.content_type == lang
    assert r.transforms == (f"tree_sitter_skeleton:{lang}",)
    for name in names:
        assert name in r.compressed, name
    assert body_line not in r.compressed
    assert any(body_line in omitted_text(r, o.id) for o in r.omitted)
    # (Go declares a function without a body: the marker follows its signature)
    form = (
        r"\) [\w.*]+ // \[omitted \d+ lines; id=o\d+\]\n"
        if lang == "go"
        else r"\{ /\* \[omitted \d+ lines; id=o\d+\] \*/ \}"
    )
    assert re.search(form, r.compressed)


def test_tree_sitter_skeleton_still_parses() -> None:
    from transforms._treesitter import parser

    for src, lang, *_ in LANG_CASES:
        out = compress(src).compressed
        tree = parser(lang).parse(out.encode())
        assert not tree.root_node.has_error, lang


def test_iife_module_pattern_is_walked_into() -> None:
    inner = "\n".join(
        f"  function step{i}(x) {{\n    const y = x + {i};\n    return y * 2;\n  }}"
        for i in range(5)
    )
    src = f"(function () {{\n  'use strict';\n{inner}\n  window.api = {{ step0, step1 }};\n}})();\n"
    r = compress(src, content_type="javascript")
    for i in range(5):
        assert f"function step{i}(x)" in r.compressed


# Short methods of two statements: each method node is under 200 bytes (the walk's smallest
# subtree worth entering), yet its body spans two lines and pays for a marker.
_SMALL_METHODS = {
    "javascript": (
        "class Cart {\n"
        "  total(items) {\n"
        "    const sum = items.reduce((acc, item) => acc + item.price * item.qty, 0);\n"
        "    return Math.round(sum * 100 + this.shippingCostInCents) / 100;\n"
        "  }\n"
        "}\n"
    ),
    "go": (
        "package cart\n\n"
        "func Total(items []Item) float64 {\n"
        "\tsum := reduce(items, func(acc float64, it Item) float64 { return acc + it.Price })\n"
        "\treturn math.Round(sum*100+float64(shippingCostInCents)) / 100\n"
        "}\n"
    ),
    "cpp": (
        "class Cart {\n public:\n"
        "  double total(const std::vector<Item>& items) const {\n"
        "    double sum = std::accumulate(items.begin(), items.end(), 0.0, add_price);\n"
        "    return std::round(sum * 100 + shipping_cost_in_cents_) / 100;\n"
        "  }\n"
        "};\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(_SMALL_METHODS))
def test_short_multiline_bodies_are_still_shortened(lang: str) -> None:
    method = _SMALL_METHODS[lang]
    src = method * 3
    r = compress(src, content_type=lang)
    assert r.transforms == (f"tree_sitter_skeleton:{lang}",)
    # (Go's functions are top-level: three short ones share a marker, wherever they stand.)
    shared = lang == "go" and "[omitted 3 short bodies" in r.compressed
    assert shared or r.compressed.count("[omitted 2 lines;") == 3
    assert "sum * 100" not in r.compressed and "sum*100" not in r.compressed


def test_markers_are_numbered_in_document_order() -> None:
    # A run of line comments inside a class comes after a method body of the same class:
    # ids follow the text, whichever node of the tree each omission hangs from.
    comments = "".join(
        f"  // note {i}: the cache is rebuilt when the schema changes\n" for i in range(7)
    )
    body = "\n".join(f"    const v{i} = compute(input, {i});" for i in range(4))
    src = (
        f"class Store {{\n  load(input) {{\n{body}\n    return v0;\n  }}\n{comments}"
        f"  save(input) {{\n{body}\n    return v1;\n  }}\n}}\n"
    )
    r = compress(src, content_type="javascript")
    ids = [int(m) for m in re.findall(r"id=o(\d+)\]", r.compressed)]
    assert len(ids) == 3 and ids == sorted(ids)
    assert "comment lines" in r.compressed


def test_deeply_nested_expression_does_not_stop_the_skeleton() -> None:
    # A generated 4,000-term expression nests the tree thousands of levels deep: the walk is
    # iterative, so the functions around it are still shortened (it used to fall back).
    funcs = "\n".join(
        f"function f{i}(a) {{\n  const b = a * {i};\n  const c = b + {i};\n"
        f"  return [b, c, a].join(',');\n}}\n"
        for i in range(30)
    )
    chain = " +\n  ".join(f"x{i}" for i in range(4000))
    src = funcs + f"const total =\n  {chain};\n" + funcs.replace("function f", "function g")
    r = compress(src, content_type="javascript")
    assert r.transforms == ("tree_sitter_skeleton:javascript",)
    for i in range(30):
        assert f"function f{i}(a)" in r.compressed and f"function g{i}(a)" in r.compressed
    assert "const c = b + 7;" not in r.compressed


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_comment_runs_keep_their_first_line(newline: str) -> None:
    long_run = "".join(
        f"// Step {i}: the retry budget is shared by every caller of this client{newline}"
        for i in range(8)
    )
    short_run = "".join(f"// short note {i} about the cache{newline}" for i in range(3))
    body = "".join(f"\tv{i} := compute(input, {i}){newline}" for i in range(4))
    funcs = "".join(
        f"{long_run}{newline}{short_run}func Step{k}(input int) int {{{newline}{body}"
        f"\treturn v0 // the first value{newline}}}{newline}{newline}"
        for k in range(4)
    )
    src = f"package retry{newline}{newline}{funcs}"
    r = compress(src, content_type="go")
    assert r.transforms == ("tree_sitter_skeleton:go",)
    out = r.compressed
    # The long run: its first line, then one marker for the other seven.
    assert out.count("// Step 0: the retry budget") == 4
    assert out.count("// Step 1:") == 0
    assert len(re.findall(r"// \[omitted 7 comment lines; id=o\d+\]", out)) == 4
    # A run of three keeps its first line too, ending in " …": its two others go behind the
    # file's marker at its end, with every short tail; it is not joined to the run above
    # across a blank line.
    assert out.count(f"// short note 0 about the cache …{newline}func Step") == 4
    assert out.count("// short note 2 about the cache") == 0
    assert "10 comment lines" not in out
    tails = [o for o in r.omitted if " after … in " in o.description]
    assert len(tails) == 1 and tails[0].count == 4
    # (ending its line as the file does)
    marker = f"// [omitted 8 comment lines after … in 4 comments; id={tails[0].id}]"
    assert out.endswith(f"{newline}{marker}{newline}")
    assert omitted_text(r, tails[0].id).count("short note 2 about the cache") == 4
    for k in range(4):
        assert f"func Step{k}(input int) int" in out


def test_comment_tails_are_cut_whatever_their_length() -> None:
    # Doc comments of 4-5 lines, each under 200 bytes: the summary line stays, the tags
    # (@return, @since) and the blank comment lines go behind a marker that holds them.
    doc = (
        "    /**\n"
        "     * Returns the number of elements in the {name} list.\n"
        "     *\n"
        "     * @return the number of elements in the {name} list, never negative\n"
        "     * @since 21\n"
        "     */\n"
    )
    methods = "".join(
        doc.format(name=name)
        + f"    public int {name}Size() {{\n        return {name}.size;\n    }}\n\n"
        for name in ("head", "tail", "spare")
    )
    src = f"package demo;\n\npublic class Lists {{\n{methods}}}\n"
    r = compress(src, content_type="java")
    out = r.compressed
    for name in ("head", "tail", "spare"):
        assert f"* Returns the number of elements in the {name} list." in out
        assert f"public int {name}Size()" in out
    assert "@return" not in out and "@since" not in out
    # Tails of up to 5 lines: each comment ends in " … */", one marker at the end holds them.
    for name in ("head", "tail", "spare"):
        assert f"* Returns the number of elements in the {name} list. … */" in out
    assert "[omitted 9 comment lines after … in 3 comments; id=" in out
    held = "".join(omitted_text(r, o.id) for o in r.omitted)
    assert held.count("@return the number of elements") == 3


def test_rust_doc_run_before_an_attribute_keeps_the_attribute_on_its_line() -> None:
    # tree-sitter-rust ends a line comment after its newline: the marker that replaces the
    # run's tail must not swallow it, or the attribute below would be read as comment text.
    doc = "".join(f"/// Line {i} of the description of the verbosity levels.\n" for i in range(8))
    src = (
        "use std::fmt;\n\n"
        f"{doc}#[repr(usize)]\n#[derive(Copy, Eq, Debug, Hash)]\npub enum Level {{\n"
        "    Error = 1,\n    Warn,\n    Info,\n}\n\n"
        f"impl Level {{\n{doc.replace('///', '    ///')}    #[inline]\n"
        "    pub fn max() -> Level {\n        let x = 1;\n        Level::Info\n    }\n}\n"
    )
    r = compress(src, content_type="rust")
    out = r.compressed
    assert "\n#[repr(usize)]\n" in out and "\n    #[inline]\n" in out
    assert re.search(r"^/// \[omitted 7 comment lines; id=o\d+\]$", out, re.M)
    from transforms._treesitter import parser

    assert not parser("rust").parse(out.encode()).root_node.has_error


def test_line_comment_runs_of_another_kind_are_not_joined() -> None:
    # A plain // note right above a /// doc run: the doc run is a run of its own, so its
    # first line (what the item is) stays.
    note = "".join(f"// Note {i}: kept for the benefit of older callers.\n" for i in range(3))
    doc = "".join(f"/// Parses the level {i} from a string of any case.\n" for i in range(3))
    src = f"{note}{doc}pub fn parse(s: &str) -> u8 {{\n    let a = 1;\n    a\n}}\n"
    out = compress(src, content_type="rust").compressed
    assert "// Note 0:" in out and "/// Parses the level 0 from" in out


def test_a_run_of_plain_comments_gets_a_plain_marker() -> None:
    # "////" opens a plain comment, not a doc comment: the marker of its run is "//" too (a
    # "///" marker would become the doc comment of the item below it).
    rule = "".join(f"//// Section {i}: the parser's error recovery rules.\n" for i in range(8))
    src = f"{rule}pub fn parse(s: &str) -> u8 {{\n    let a = 1;\n    a\n}}\n"
    out = compress(src, content_type="rust").compressed
    assert "//// Section 0:" in out and "Section 1" not in out
    assert re.search(r"^// \[omitted 7 comment lines; id=o\d+\]$", out, re.M), out


def test_end_of_line_comments_of_a_member_list_go_behind_one_marker() -> None:
    # A Go const block and a Rust enum whose every member carries a comment at its line's
    # end: the members stay, one marker after the opening holds the comments; a list with
    # only a few such comments keeps them.
    consts = "".join(f"\tCode{i} = {i}  // the server answered with status {i}\n" for i in range(8))
    src = (
        "package codes\n\nconst (\n" + consts + ")\n\nconst (\n"
        "\tA = 1 // first\n\tB = 2 // second\n\tC = 3\n)\n"
    )
    r = compress(src, content_type="go")
    out = r.compressed
    assert "const ( /* [omitted 8 end-of-line comments; id=o1] */\n" in out
    for i in range(8):
        assert f"\tCode{i} = {i}\n" in out
    assert "// the server answered" not in out
    assert "\tA = 1 // first\n" in out  # two are too few
    assert omitted_text(r, "o1").count("// the server answered with status") == 8

    variants = "".join(
        f"    Level{i}, // verbosity level {i}, for the {i}th stage\n" for i in range(6)
    )
    src = f"pub enum Level {{\n{variants}}}\n\nfn main() {{\n    let a = 1;\n    run(a);\n}}\n"
    r = compress(src, content_type="rust")
    out = r.compressed
    assert "pub enum Level { /* [omitted 6 end-of-line comments; id=o1] */\n    Level0,\n" in out
    assert "verbosity level" not in out
    from transforms._treesitter import parser

    assert not parser("rust").parse(out.encode()).root_node.has_error


_SHORT_BODY_CLASSES = {
    "rust": (
        "pub struct Level(usize);\n\nimpl PartialOrd for Level {\n"
        + "".join(
            f"    #[inline]\n    fn {op}(&self, other: &Level) -> bool {{\n"
            f"        (self.0 as usize) {sign} other.0 as usize\n    }}\n\n"
            for op, sign in (("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">="))
        )
        + "}\n",
        ["fn lt(&self, other: &Level) -> bool;", "fn ge(&self, other: &Level) -> bool;"],
    ),
    "java": (
        "public class Box {\n    private final int width;\n\n"
        "    public Box(int width) {\n        this.width = width;\n    }\n\n"
        + "".join(
            f"    public int {name}() {{\n        return width * {k} + {k};\n    }}\n\n"
            for k, name in enumerate(("area", "perimeter", "diagonal", "volume"))
        )
        + "}\n",
        ["public int area();", "public int volume();", "this.width = width;"],
    ),
    "typescript": (
        "export class Query {\n  state: number = 0\n\n"
        + "".join(
            f"  {name}(): boolean {{\n    return this.state === {k} || this.state > {k * 7}\n"
            "  }\n\n"
            for k, name in enumerate(("isActive", "isDisabled", "isStale", "isFetching"))
        )
        + "}\n",
        ["  isActive(): boolean;", "  isFetching(): boolean;"],
    ),
}


@pytest.mark.parametrize("lang", sorted(_SHORT_BODY_CLASSES))
def test_short_bodies_of_a_class_go_behind_one_marker(lang: str) -> None:
    # Methods with bodies of one line, too short to pay for a marker each: the methods end
    # in ";" after their signature, one marker after the class's opening holds every body.
    # The skeleton still parses; a Java constructor keeps its body (it cannot end in ";").
    from transforms._treesitter import parser

    src, kept = _SHORT_BODY_CLASSES[lang]
    r = compress(src, content_type=lang)
    out = r.compressed
    (o,) = [o for o in r.omitted if "short bodies (methods ending in ;)" in o.description]
    # (Rust's #[inline] hints of the block go behind the same marker, whole lines.)
    hints = ", 4 inline attributes" if lang == "rust" else ""
    assert f"{{ /* [omitted 4 short bodies (methods ending in ;){hints}; id={o.id}] */\n" in out
    assert "#[inline]" not in out
    for line in kept:
        assert line in out
    held = omitted_text(r, o.id)
    assert held.count("}") == 4
    assert held.count("#[inline]") == (4 if lang == "rust" else 0)
    assert not parser(lang).parse(out.encode()).root_node.has_error


def test_short_bodies_of_a_javascript_class_keep_braces_and_rust_traits_keep_theirs() -> None:
    # A JavaScript method needs a body: each keeps its braces around an ellipsis comment
    # (the group marker must not hold "*/", which would end its own comment). A Rust trait
    # method without a body would read as a required method: a trait keeps them.
    from transforms._treesitter import parser

    methods = "".join(
        f"  get {name} () {{\n    return this.state === {k} || this.state > {k * 7}\n  }}\n\n"
        for k, name in enumerate(("active", "disabled", "stale", "fetching"))
    )
    src = f"class Query {{\n{methods}}}\n"
    r = compress(src, content_type="javascript")
    out = r.compressed
    assert "class Query { /* [omitted 4 short bodies (shown as { … }); id=o1] */\n" in out
    assert "  get stale () { /* … */ }\n" in out and "return this.state" not in out
    assert omitted_text(r, "o1").count("return this.state ===") == 4
    assert not parser("javascript").parse(out.encode()).root_node.has_error
    fns = "".join(
        f"    fn {op}(&self, other: &Self) -> bool {{\n        self.key() {sign} other.key()\n"
        "    }\n\n"
        for op, sign in (("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">="))
    )
    out = compress(f"pub trait Ordered {{\n{fns}}}\n", content_type="rust").compressed
    assert "short bodies" not in out and "self.key() >= other.key()" in out


def test_rust_test_module_becomes_one_marker_naming_every_test() -> None:
    # `#[cfg(test)] mod tests`: its imports stay, the rest (tests, helpers) goes behind one
    # marker that names every test and every other item, so each is still found by name.
    tests = "".join(
        f"    #[test]\n    fn parses_level_{i}() {{\n        let l = parse({i});\n"
        f"        assert_eq!(l.as_str(), NAMES[{i}]);\n    }}\n\n"
        for i in range(12)
    )
    src = (
        "pub fn parse(n: usize) -> Level {\n    let l = Level(n);\n    l.check();\n    l\n}\n\n"
        "#[cfg(test)]\nmod tests {\n"
        "    use super::{parse, Level};\n    use std::string::ToString;\n\n"
        "    struct Probe {\n        seen: usize,\n    }\n\n"
        f"{tests}}}\n"
    )
    r = compress(src, content_type="rust")
    out = r.compressed
    assert "    use super::{parse, Level};\n    use std::string::ToString;\n" in out
    (o,) = [o for o in r.omitted if "12 tests" in o.description]
    names = ", ".join(f"parses_level_{i}" for i in range(12))
    assert f"12 tests ({names}); struct Probe" in o.description
    assert f"[omitted {o.description}; id={o.id}]" in out
    assert "assert_eq!" not in out and "#[test]" not in out
    assert omitted_text(r, o.id).count("#[test]") == 12
    assert "pub fn parse(n: usize) -> Level {" in out


def test_rust_module_without_cfg_test_is_walked_as_before() -> None:
    fns = "".join(
        f"    pub fn level_{i}() -> usize {{\n        let a = compute_the_level({i}, LIMIT);\n"
        "        a.saturating_add(OFFSET_OF_LEVELS)\n    }\n\n"
        for i in range(6)
    )
    out = compress(f"mod levels {{\n    use super::*;\n\n{fns}}}\n", content_type="rust").compressed
    for i in range(6):
        assert f"    pub fn level_{i}() -> usize {{ /* [omitted 2 lines;" in out


@pytest.mark.parametrize("broken", [False, True])
def test_python_body_whose_docstring_line_stays_is_only_cut_if_the_rest_pays(
    broken: bool,
) -> None:
    # A method of a docstring and one short statement: its docstring's first line would be
    # shown above the marker anyway, so the marker must pay for the rest alone; it does
    # not, and the body stays as it is (it was a docstring line plus a longer marker).
    methods = "".join(
        f"    def has_{name}(self, name: str) -> bool:\n"
        f'        """Return whether a {name} with the given name is registered."""\n'
        f"        return name in self._{name}s\n\n"
        for name in ("plugin", "hook", "spec", "caller")
    )
    src = "class Manager:\n    def __init__(self) -> None:\n        self._plugins = {}\n\n"
    src += methods
    src += "\n" + s.PYTHON_SOURCE.replace("from __future__ import annotations\n", "")
    if broken:  # a syntax error: the tolerant grammar's skeleton
        src += "\ndef cut_here(:\n"
    r = compress(src)
    assert r.transforms[-1] == ("python_tolerant" if broken else "python_ast_skeleton")
    for name in ("plugin", "hook", "spec", "caller"):
        assert f"        return name in self._{name}s\n" in r.compressed


@pytest.mark.parametrize("broken", [False, True])
def test_python_docstring_line_carries_the_body_marker(broken: bool) -> None:
    # A docstring is a body of its own: the marker goes on its first line, with no "..."
    # line under it (as a class's docstring marker does); the skeleton still parses.
    funcs = "".join(
        f"def load_{i}(path: str) -> dict:\n"
        f'    """Load the settings file number {i} and return its sections."""\n'
        f"    with open(path) as f:\n        text = f.read()\n"
        f"    sections = parse_sections(text, strict=True, index={i})\n    return sections\n\n"
        for i in range(5)
    )
    src = funcs + ("def cut_here(:\n" if broken else "")
    r = compress(src)
    out = r.compressed
    assert re.search(
        r'^    """Load the settings file number 3 and return its sections\."""'
        r"  # \[omitted 5 lines; id=o\d+\]$",
        out,
        re.M,
    )
    assert "    ...  # [omitted" not in out
    if not broken:
        ast.parse(out)


def test_python_attribute_docstrings_and_definitions_inside_if_and_try_blocks() -> None:
    # A string standing after an assignment (Sphinx's attribute docstring) keeps its first
    # line, as a class docstring does; an `if`/`try` at module level holding definitions (a
    # fallback for older Pythons) keeps its headers and has its functions' bodies cut like
    # any other. Every name stays and the skeleton parses.
    body = "".join(f"        step_{i} = transform(value, {i})\n" for i in range(8))
    fallback = f"    def deprecated(message: str) -> object:\n{body}        return step_7\n"
    doc = "".join(
        f"    Line {i} of what this pattern matches and how to use it.\n" for i in range(8)
    )
    src = (
        "import sys\n\n"
        f'VERSION_PATTERN = r"v?[0-9]+"\n"""\nThe version pattern.\n\n{doc}"""\n\n'
        "if sys.version_info >= (3, 13):\n    from warnings import deprecated\n"
        "elif TYPE_CHECKING:\n    from typing_extensions import deprecated\n"
        f"else:  # older Pythons\n    import functools\n\n{fallback}\n"
        "try:\n    import fast_parser\nexcept ImportError:\n"
        + fallback.replace("deprecated", "parse")
        + f'\n\nclass Version:\n    __match_args__ = (\'_str\',)\n    """\n{doc}    """\n'
    )
    r = compress(src)
    out = r.compressed
    ast.parse(out)
    assert "step_3 = transform" not in out and "Line 5 of what" not in out
    assert "else:  # older Pythons\n    import functools\n\n    def deprecated(" in out
    assert (
        "except ImportError:\n    def parse(message: str) -> object:\n        ...  # [omitted"
        in out
    )
    assert "elif TYPE_CHECKING:\n    from typing_extensions import deprecated\n" in out
    assert re.search(
        r'^"""The version pattern\."""  # \[omitted docstring, 12 lines; id=o\d+\]$', out, re.M
    )
    assert "    __match_args__ = ('_str',)\n" in out


def test_runs_of_top_level_functions_with_short_bodies_go_behind_one_marker() -> None:
    # Go methods of one line each, one after another (doc comments between them): they end
    # after their signature (Go declares a function without a body), one marker above the
    # first one's doc comment holds every body; a C run ends in ";" (a prototype).
    from transforms._treesitter import parser

    methods = "".join(
        f"// {name} returns the object's {name.lower()}.\n"
        f"func (obj *object) {name}() {kind} {{ return obj.checked().{name.lower()}_.value }}\n\n"
        for name, kind in (
            ("Parent", "*Scope"),
            ("Pos", "token.Pos"),
            ("Name", "string"),
            ("Pkg", "*Package"),
            ("Exported", "bool"),
        )
    )
    src = (
        "package types\n\n"
        "// colorFor returns the color.\nfunc colorFor(t Type) color {\n"
        "\tif t == nil {\n\t\treturn white\n\t}\n\treturn black\n}\n\n"
        f"{methods}func (obj *object) Type() Type {{\n\treturn obj.typ\n}}\n"
    )
    r = compress(src, content_type="go")
    out = r.compressed
    (o,) = [o for o in r.omitted if "short bodies" in o.description]
    # (colorFor's body of four lines is short too: the marker stands above its comment)
    assert (
        f"/* [omitted 7 short bodies (functions shown without one); id={o.id}] */\n"
        "// colorFor returns the color.\nfunc colorFor(t Type) color\n\n"
        "// Parent returns the object's parent.\nfunc (obj *object) Parent() *Scope\n"
    ) in out
    assert "func (obj *object) Type() Type\n" in out and "return obj." not in out
    assert omitted_text(r, o.id).count("return obj.") == 6
    assert not parser("go").parse(out.encode()).root_node.has_error

    funcs = "".join(
        f"static int is_{n}(int c) {{ return c == '{ch}' || c == {ord(ch) + 100} || c < 0; }}\n"
        for n, ch in (("comma", ","), ("semi", ";"), ("colon", ":"), ("dot", "."), ("bar", "|"))
    )
    r = compress(f"#include <ctype.h>\n\n{funcs}", content_type="c")
    assert "static int is_semi(int c);\n" in r.compressed
    assert not parser("c").parse(r.compressed.encode()).root_node.has_error


def test_python_short_method_bodies_of_a_class_go_behind_one_marker() -> None:
    # Methods of one to four lines without a docstring: each ends in ": ..." on its header's
    # last line, one marker line at the top of the class holds every body; a method whose
    # header ends in a comment keeps its own form; the skeleton parses.
    methods = "".join(
        f"    def __{op}__(self, other: object) -> bool:\n"
        f"        if not isinstance(other, Version):\n            return NotImplemented\n"
        f"        return self._key {sign} other._key\n\n"
        for op, sign in (("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">="))
    )
    src = (
        'class Version:\n    """A version."""\n\n    _key: tuple[int, ...]\n\n'
        f"{methods}"
        "    def __hash__(self) -> int:  # pragma: no cover\n"
        "        return hash((self._key, type(self).__name__, len(self._key)))\n"
    )
    r = compress(src)
    out = r.compressed
    ast.parse(out)
    (o,) = [o for o in r.omitted if "short bodies" in o.description]
    assert (
        '    """A version."""\n\n'
        f"    # [omitted 4 short bodies (methods ending in : ...); id={o.id}]\n"
        "    _key: tuple[int, ...]\n"
    ) in out
    assert "    def __ge__(self, other: object) -> bool: ...\n" in out
    assert "return NotImplemented" not in out
    assert omitted_text(r, o.id).count("return NotImplemented") == 4
    assert "    def __hash__(self) -> int:  # pragma: no cover\n" in out


def test_tsx_runs_of_top_level_functions_with_short_bodies_go_behind_one_marker() -> None:
    # A TSX file (JSX in TypeScript: parsed with the tsx grammar) groups its runs of short
    # top-level functions as a .ts file does: each ends in ";" (an overload signature).
    from transforms._treesitter import parser

    helpers = "".join(
        f"function {name}(user: User): {kind} {{ return user.profile.{name.lower()} ?? {dflt}; }}\n"
        for name, kind, dflt in (
            ("Name", "string", '""'),
            ("Email", "string", '""'),
            ("Age", "number", "0"),
            ("Admin", "boolean", "false"),
        )
    )
    src = (
        'import React from "react";\n\ninterface User {\n  profile: Record<string, any>;\n}\n\n'
        f"{helpers}\n"
        "export function Card({ user }: { user: User }) {\n"
        "  const name = Name(user);\n"
        '  return (\n    <div className="card">\n      <h2>{name}</h2>\n'
        "      <p>{Email(user)}</p>\n    </div>\n  );\n}\n"
    )
    r = compress(src, content_type="typescript")
    out = r.compressed
    (o,) = [o for o in r.omitted if "short bodies" in o.description]
    assert f"/* [omitted 4 short bodies (functions ending in ;); id={o.id}] */\n" in out
    assert "function Admin(user: User): boolean;\n" in out and "?? false" not in out
    assert omitted_text(r, o.id).count("return user.profile.") == 4
    assert not parser("tsx").parse(out.encode()).root_node.has_error


def test_an_arrow_function_whose_body_is_a_leaf_does_not_stop_the_skeleton() -> None:
    # "() =>\n …\n true": the body is a leaf (no children); looking for its brace raised
    # IndexError and the whole file fell back to the generic compressor.
    funcs = "".join(
        f"function f{i}(a) {{\n  const b = a * {i};\n  const c = b + 7;\n  return c;\n}}\n"
        for i in range(30)
    )
    src = f"const isReady = () =>\n  // always\n  // for now\n  true;\n{funcs}"
    r = compress(src, content_type="javascript")
    assert r.transforms == ("tree_sitter_skeleton:javascript",)
    assert "const isReady = () =>" in r.compressed and "const c = b + 7;" not in r.compressed


# A test file's describe/it callbacks, adapted from react-hook-form's
# src/__tests__/useForm/setFocus.test.tsx (MIT): the suite's helpers, a component defined in
# a test, types declared in one.
_SUITE_TSX = """\
import React from 'react';
import { fireEvent, render, renderHook, screen } from '@testing-library/react';

import { useForm } from '../../useForm';

describe('setFocus', () => {
  const NumberInput = ({ name }: { name: string }) => {
    const { register } = useForm<Record<string, number>>();
    return <input type="number" {...register(name, { valueAsNumber: true })} />;
  };

  interface FormValues {
    input: string;
  }

  it('should focus input when called after setError', async () => {
    function App() {
      const { register, setFocus } = useForm<FormValues>();
      React.useEffect(() => {
        setFocus('input');
      }, [setFocus]);
      return <input {...register('input')} />;
    }

    render(<App />);

    expect(screen.getByRole('textbox')).toHaveFocus();
  });

  describe('with a select', () => {
    test('should select the field value when shouldSelect is true', () => {
      type Values = { input: string };
      function Label() {
        return <label htmlFor="select">Pick</label>;
      }
      const Select = React.forwardRef<HTMLSelectElement>((_, ref) => <select ref={ref} />);
      const { result } = renderHook(() => useForm<Values>());
      render(
        <form>
          <Label />
          <Select />
          <NumberInput name="count" />
        </form>,
      );
      fireEvent.focus(screen.getByRole('combobox'));
      fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '2' } });
      expect(result.current.formState.isDirty).toBeFalsy();
    });
  });
});
"""


@pytest.mark.parametrize("lang", ["typescript", "javascript"])
def test_a_test_suite_keeps_each_test_name_and_names_what_its_callbacks_define(
    lang: str,
) -> None:
    # describe('x', () => { … }) was one body marker: every it()/test() name went, and the
    # components and types defined in the callbacks with it. A suite's callback (one calling
    # others with a name and a callback) is walked into; a test's body goes, its marker
    # naming what it defines. TypeScript (the tsx grammar) and JavaScript keep the same.
    src = _SUITE_TSX
    if lang == "javascript":
        for typed, plain in (
            (": { name: string }", ""),
            ("<Record<string, number>>", ""),
            ("<FormValues>", ""),
            ("<HTMLSelectElement>", ""),
            ("<Values>", ""),
            ("  interface FormValues {\n    input: string;\n  }\n\n", ""),
            ("      type Values = { input: string };\n", ""),
        ):
            src = src.replace(typed, plain)
    r = compress(src, content_type=lang)
    assert r.transforms == (f"tree_sitter_skeleton:{lang}",)
    out = r.compressed
    for kept in (
        "describe('setFocus', () => {",
        "  const NumberInput = ({ name",
        "  it('should focus input when called after setError', async () => { /* [omitted ",
        "  describe('with a select', () => {",
        "    test('should select the field value when shouldSelect is true', () => { /* [",
    ):
        assert kept in out, kept
    assert "toHaveFocus" not in out and "valueAsNumber" not in out
    (focus,) = [o for o in r.omitted if "setFocus('input')" in omitted_text(r, o.id)]
    assert focus.description.endswith(": defines App")
    (select,) = [o for o in r.omitted if "combobox" in omitted_text(r, o.id)]
    defined = "Label, Select"
    if lang == "typescript":
        assert "  interface FormValues {\n    input: string;\n  }\n" in out
        defined = f"Values, {defined}"
    # (result, destructured from a call, is no definition)
    assert select.description.endswith(f": defines {defined}")


def test_a_callback_that_calls_no_named_callbacks_still_goes_whole() -> None:
    # Only a suite is walked into: a server's start-up callback (its calls take no name and
    # callback) stays one marker, as before.
    body = "".join(f"  console.log('listening on', port, {i});\n" for i in range(12))
    src = (
        "import express from 'express';\n\nconst app = express();\nconst port = 3000;\n\n"
        f"app.listen(port, () => {{\n  db.connect(() => ready());\n{body}}});\n"
    )
    r = compress(src, content_type="javascript")
    (o,) = r.omitted
    assert "app.listen(port, () => { /* [omitted 13 lines; id=" in r.compressed
    assert "db.connect" not in r.compressed and o.description == "13 lines"


def test_a_test_holding_a_class_interface_or_enum_keeps_their_names() -> None:
    # Such a test's body is a module (walked into): the class, its methods, the interface
    # and the enum stay by name; the longer bodies in it go.
    steps = "".join(f"      this.items.push({i});\n" for i in range(6))
    src = (
        "describe('store', () => {\n"
        "  it('saves', () => {\n"
        "    interface Item { id: number }\n"
        "    enum Mode { Edit, View }\n"
        "    class Store {\n      items: Item[] = [];\n"
        f"      load(mode: Mode) {{\n{steps}      }}\n"
        "      save() { return this.items; }\n    }\n"
        "    expect(new Store().save()).toEqual([]);\n"
        "  });\n});\n"
    )
    r = compress(src, content_type="typescript")
    out = r.compressed
    for name in ("interface Item", "enum Mode", "class Store", "load(mode: Mode)", "save()"):
        assert name in out, name
    assert "this.items.push(3)" not in out


def test_short_comment_tails_share_one_marker_at_the_end() -> None:
    # Go doc comments of two and three lines (each tail alone would not pay for a marker of
    # its own, so they were kept whole): each keeps its first line, ending in " …"; one marker
    # at the end holds every tail, exactly; a long tail keeps a marker of its own.
    funcs = "".join(
        f"// Step{k} advances the retry state machine of client {k} by one\n"
        f"// transition, after checking the shared budget of every caller.\n"
        + ("// It never blocks.\n" if k % 2 else "")
        + f"func Step{k}(input int) int {{\n\tv := compute(input, {k})\n\tw := v * 2\n"
        f"\treturn w + v\n}}\n\n"
        for k in range(4)
    )
    long_doc = "".join(f"// Line {i} of the package overview, kept apart.\n" for i in range(9))
    src = f"{long_doc}package retry\n\n{funcs}"
    r = compress(src, content_type="go")
    out = r.compressed
    for k in range(4):
        assert f"// Step{k} advances the retry state machine of client {k} by one …\n" in out
        assert f"func Step{k}(input int) int" in out
    assert "transition, after checking" not in out and "It never blocks" not in out
    assert "// Line 0 of the package overview, kept apart.\n// [omitted 8 comment lines;" in out
    (tails,) = [o for o in r.omitted if " after … in " in o.description]
    assert tails.description == "6 comment lines after … in 4 comments"
    assert out.endswith(f"// [omitted {tails.description}; id={tails.id}]\n")
    assert tails.id == r.omitted[-1].id  # ids follow the text
    held = omitted_text(r, tails.id)
    assert held.count("// transition, after checking the shared budget") == 4
    assert held.count("// It never blocks.") == 2
    from transforms._treesitter import parser

    assert not parser("go").parse(out.encode()).root_node.has_error


def test_bodies_of_up_to_three_lines_of_a_block_share_one_marker() -> None:
    # A builder's setters (two lines each: assign, return self) and a Java class's accessors
    # of three lines: no marker of their own pays for such a body, so they stayed verbatim.
    setters = "".join(
        f"    /// Set the {f}.\n    pub fn {f}(&mut self, v: u32) -> &mut Builder {{\n"
        f"        self.{f} = v;\n        self\n    }}\n\n"
        for f in ("width", "height", "depth")
    )
    r = compress(
        f"pub struct Builder {{\n    width: u32,\n}}\n\nimpl Builder {{\n{setters}}}\n",
        content_type="rust",
    )
    out = r.compressed
    assert "impl Builder { /* [omitted 3 short bodies (methods ending in ;); id=o1] */" in out
    for f in ("width", "height", "depth"):
        assert f"pub fn {f}(&mut self, v: u32) -> &mut Builder;" in out
    assert "self.width = v;" not in out and "self.width = v;" in omitted_text(r, "o1")
    getters = "".join(
        f"    public int {f}() {{\n        int v = this.{f};\n        return v;\n    }}\n\n"
        for f in ("width", "height", "depth")
    )
    out = compress(f"public class Box {{\n{getters}}}\n", content_type="java").compressed
    assert "public class Box { /* [omitted 3 short bodies (methods ending in ;); id=o1] */" in out
    assert "public int depth();" in out and "return v;" not in out


def test_rust_hint_attributes_go_behind_one_marker_naming_them() -> None:
    # Inlining hints and docs.rs feature notes say nothing about what an item is or whether
    # it is compiled: their lines go, one marker at the end names each; a #[cfg(…)], a
    # #[doc(hidden)] and a line of a string literal that looks like an attribute stay.
    items = "".join(
        f"/// Returns the {n} of the level.\n#[inline]\n"
        f'#[cfg_attr(docsrs, doc(cfg(feature = "std")))]\n#[must_use]\n#[cold]\n'
        "#[allow(clippy::cast_possible_truncation)]\n"
        f"pub fn {n}(level: u32) -> u32 {{\n    let v = level * 3;\n    v + 1\n}}\n\n"
        for n in ("weight", "height", "depth", "width")
    )
    src = (
        'pub const HELP: &str = "\n#[inline]\n";\n\n'
        '#[cfg(feature = "std")]\n#[doc(hidden)]\npub fn hidden() -> u32 {\n    let a = 1;\n'
        f"    a + 1\n}}\n\n{items}"
    )
    r = compress(src, content_type="rust")
    out = r.compressed
    assert 'pub const HELP: &str = "\n#[inline]\n";' in out
    assert '#[cfg(feature = "std")]\n#[doc(hidden)]\npub fn hidden() -> u32' in out
    assert "\n#[inline]\npub fn" not in out and "cfg_attr" not in out.split("// [omitted")[0]
    (hints,) = [o for o in r.omitted if o.kind == "attribute"]
    assert hints.description == (
        '20 hint attribute lines: inline×4, cfg_attr(docsrs, doc(cfg(feature = "std")))×4, '
        "must_use×4, cold×4, allow(clippy::cast_possible_truncation)×4"
    )
    assert out.endswith(f"// [omitted {hints.description}; id={hints.id}]\n")
    held = omitted_text(r, hints.id)
    assert held.count("#[inline]\n") == 4 and held.count("#[cfg_attr(docsrs") == 4
    for n in ("weight", "height", "depth", "width"):
        assert f"/// Returns the {n} of the level.\npub fn {n}(level: u32) -> u32" in out


def test_rust_doc_comments_over_variants_are_no_end_of_line_comments() -> None:
    # tree-sitter-rust ends a "///" comment after its newline, so the next comment seemed to
    # stand at the end of its line: the variants' doc comments went behind an "end-of-line
    # comments" marker, leaving blank lines. Each keeps its first line.
    variants = "".join(
        f'    /// The "{v}" level.\n    ///\n    /// Designates {v} messages.\n    {v.title()},\n'
        for v in ("error", "warn", "info", "debug", "trace")
    )
    out = compress(f"pub enum Level {{\n{variants}}}\n", content_type="rust").compressed
    assert "end-of-line" not in out
    for v in ("error", "warn", "info", "debug", "trace"):
        assert f'    /// The "{v}" level. …\n    {v.title()},\n' in out


def test_rust_macro_rules_keep_their_matchers_a_muncher_goes_whole() -> None:
    # A macro's rules are its call forms: each matcher stays, a transcriber of two lines or
    # more goes like a function's body. A muncher of more than 8 rules (matching token by
    # token) goes behind one marker naming its count of rules; its name stays.
    impls = "".join(
        f"        impl Clone for $ty{i} {{\n"
        "            fn clone(&self) -> Self { *self }\n        }\n"
        for i in range(3)
    )
    muncher = "".join(
        f"    (step{i} $stack:tt ($($buf:tt)*) $($rest:tt)*) => {{\n"
        f"        $crate::__parse!(step{i + 1} $stack ($($buf)* {i}) $($rest)*)\n    }};\n"
        for i in range(10)
    )
    src = (
        "#[macro_export]\nmacro_rules! wrappers {\n"
        f"    ($ty:ident) => {{\n{impls}    }};\n"
        "    ($ty:ident, $other:ident) => { wrappers!($ty); wrappers!($other); };\n}\n\n"
        f"#[doc(hidden)]\nmacro_rules! __parse {{\n{muncher}}}\n\n"
        "pub fn parse(s: &str) -> u8 {\n    let a = 1;\n    a\n}\n"
    )
    r = compress(src, content_type="rust")
    out = r.compressed
    assert "    ($ty:ident) => { /* [omitted 9 lines; id=o1] */ };\n" in out
    assert "($ty:ident, $other:ident) => { wrappers!($ty); wrappers!($other); };" in out
    assert "macro_rules! __parse { /* [omitted 30 lines: 10 rules; id=o2] */ }" in out
    assert "step3" not in out and "step3 $stack:tt" in omitted_text(r, "o2")
    assert "pub fn parse(s: &str) -> u8" in out
    from transforms._treesitter import parser

    assert not parser("rust").parse(out.encode()).root_node.has_error


def test_a_comment_ending_a_line_of_code_opens_no_comment_run() -> None:
    # "interface X { // eslint-disable-line …" with a comment on the next line: the two are
    # no run (the next comment was cut as the first one's tail, behind "… ").
    members = "".join(
        f"\t// The {f} of the request, set before it is sent.\n\t{f}: string;\n"
        for f in ("method", "credentials", "mode", "cache")
    )
    docs = "".join(
        f"/**\nThe {n} options.\nSee the guide for the details of {n}.\n*/\n"
        f"export type {n.title()}Options = {{{n}: string}};\n\n"
        for n in ("retry", "hooks", "fetch")
    )
    src = (
        f"{docs}export interface Normalized extends RequestInit {{ // eslint-disable-line no-x\n"
        f"{members}}}\n"
    )
    out = compress(src, content_type="typescript").compressed
    assert (
        "{ // eslint-disable-line no-x\n\t// The method of the request, set before it is sent.\n"
        in out
    )


@pytest.mark.parametrize(
    ("lang", "head", "member", "tail"),
    [
        ("cpp", "enum class color : uint32_t {\n", "  c{i} = 0x{i:06X},  // rgb({i})\n", "};\n"),
        ("rust", "pub enum Code {\n", "    /// Code {i}.\n    C{i} = {i},\n", "}\n"),
        ("typescript", "export enum Code {\n", "  C{i} = 'code-{i}',\n", "}\n"),
        ("go", "package codes\n\nconst (\n", "\tC{i} Code = {i} // code {i}\n", ")\n"),
        ("java", "public enum Code {\n", "    C{i}({i}),\n", "    ;\n    Code(int v) {}\n}\n"),
    ],
)
def test_a_long_list_of_constants_keeps_its_ends_and_names_the_rest(
    lang: str, head: str, member: str, tail: str
) -> None:
    # A table of 40 colours or codes: the first 8 and last 4 members stay, the others go
    # behind one marker on a line of its own naming each (their values are in its span).
    src = head + "".join(member.format(i=i) for i in range(40)) + tail
    r = compress(src, content_type=lang)
    out = r.compressed
    (o,) = [o for o in r.omitted if o.kind == "value"]
    names = ", ".join(f"{'c' if lang == 'cpp' else 'C'}{i}" for i in range(8, 36))
    assert o.description == f"28 members: {names}" and o.count == 28
    for i in (0, 7, 36, 39):
        # (the comments at the ends of the lines shown go behind the list's marker for them)
        assert re.sub(r"(?<=\S) +//.*", "", member.format(i=i)).strip() in out
    assert member.format(i=8).strip() not in out
    held = omitted_text(r, o.id)
    assert member.format(i=8).strip() in held and member.format(i=35).strip() in held
    from transforms._treesitter import parser

    assert not parser(lang).parse(out.encode()).root_node.has_error


def test_go_short_bodies_share_one_marker_wherever_they_stand() -> None:
    # Go's methods are all top-level: a type's accessors stand among its longer methods, so
    # no three came one after another and each cost a marker of its own (or stayed whole).
    long_body = "".join(f"\tv{i} := compute(input, {i})\n" for i in range(8))
    parts = []
    for name in ("Len", "Size", "Cap"):
        parts.append(
            f"// {name} returns the reader's {name.lower()}.\n"
            f"func (r *Reader) {name}() int {{\n\tif r.closed {{\n\t\treturn 0\n\t}}\n"
            f"\treturn r.{name.lower()}\n}}\n\n"
            f"func (r *Reader) read{name}(input int) int {{\n{long_body}\treturn v0\n}}\n\n"
        )
    src = "package strings\n\n" + "".join(parts)
    r = compress(src, content_type="go")
    out = r.compressed
    (o,) = [o for o in r.omitted if "short bodies" in o.description]
    assert out.startswith(
        f"package strings\n\n/* [omitted 3 short bodies (functions shown without one); id={o.id}]"
        " */\n// Len returns the reader's len.\nfunc (r *Reader) Len() int\n"
    )
    for name in ("Size", "Cap"):
        assert f"func (r *Reader) {name}() int\n" in out
        assert f"func (r *Reader) read{name}(input int) int // [omitted 9 lines; id=" in out
    assert omitted_text(r, o.id).count("if r.closed") == 3
    # A long body's marker follows the signature as a comment; it holds the braces too.
    (m,) = re.findall(r"readCap\(input int\) int // \[omitted 9 lines; id=(o\d+)\]\n", out)
    assert omitted_text(r, m) == " {\n" + long_body + "\treturn v0\n}"
    from transforms._treesitter import parser

    assert not parser("go").parse(out.encode()).root_node.has_error


def test_a_long_first_comment_line_keeps_its_first_sentence() -> None:
    # JSDoc and rustdoc often hold a paragraph on one line: the first sentence stays, the
    # rest of the line joins the comment's tail (behind the file's marker, or its own).
    para = (
        "Per-attempt timeout in milliseconds for getting a response, applied to each retry. "
        "Ky shortcut methods also use this value as a separate timeout for reading the body. "
        "Cannot be greater than 2147483647."
    )
    fields = "".join(
        f"\t/**\n\t{para.replace('timeout', name)}\n\t*/\n\t{name}?: number;\n\n"
        for name in ("timeout", "totalTimeout", "readTimeout")
    )
    long_tail = "".join(f"\tLine {i} of the notes on the hooks option.\n" for i in range(8))
    src = (
        f"export type KyOptions = {{\n{fields}\t/**\n\t{para}\n{long_tail}\t*/\n"
        "\thooks?: Hooks;\n};\n"
    )
    r = compress(src, content_type="typescript")
    out = r.compressed
    for name in ("timeout", "totalTimeout", "readTimeout"):
        first = para.split(". ")[0].replace("timeout", name)
        assert f"\t{first}. … */\n\t{name}?: number;" in out
    assert "applied to each retry. [omitted 9 comment lines; id=" in out
    assert "shortcut methods" not in out
    (tails,) = [o for o in r.omitted if " after … in " in o.description]
    assert tails.description == "3 comment lines after … in 3 comments"
    assert omitted_text(r, tails.id).count("Ky shortcut methods also use") == 3


def test_rust_top_level_short_bodies_share_one_marker_above_attributes() -> None:
    # Wrappers delegating to a backend, one line each: they end in ";" as an impl block's
    # do, one marker above the first one's doc comment and attributes (not between them
    # and the function).
    funcs = "".join(
        f"/// `getsockopt(fd, SOL_SOCKET, SO_{n.upper()})`\n#[cfg(linux_kernel)]\n"
        f'#[doc(alias = "SO_{n.upper()}")]\n'
        f"pub fn socket_{n}<Fd: AsFd>(fd: Fd) -> io::Result<bool> {{\n"
        f"    backend::net::sockopt::socket_{n}(fd.as_fd())\n}}\n\n"
        for n in ("broadcast", "keepalive", "passcred")
    )
    r = compress(f"use crate::io;\n\n{funcs}", content_type="rust")
    out = r.compressed
    (o,) = [o for o in r.omitted if "short bodies" in o.description]
    assert out.startswith(
        f"use crate::io;\n\n/* [omitted 3 short bodies (functions ending in ;); id={o.id}] */\n"
        "/// `getsockopt(fd, SOL_SOCKET, SO_BROADCAST)`\n#[cfg(linux_kernel)]\n"
    )
    for n in ("broadcast", "keepalive", "passcred"):
        assert f"pub fn socket_{n}<Fd: AsFd>(fd: Fd) -> io::Result<bool>;\n" in out
    assert "backend::" not in out and omitted_text(r, o.id).count("backend::") == 3


_OUTER_JS = """import { parse } from './parser';

export function compileInput(input, options) {
  const env = options.env || {};
  const data = options.data || {};
  let compiled = null;
  if (!input) {
    throw new Error('You must pass a string or AST to compile');
  }
  function helper(x) {
    const y = x + 1;
    const z = y * 2;
    const w = z - 3;
    return w;
  }
  function* walk(node) {
    yield node;
    for (const c of node.children) {
      yield* walk(c);
    }
  }
  const ast = parse(input, options);
  const environment = new env.Compiler().compile(ast, options);
  compiled = helper(environment);
  return compiled;
}
"""


@pytest.mark.parametrize("lang", ["javascript", "typescript"])
def test_named_functions_declared_in_a_function_body_keep_their_signatures(lang: str) -> None:
    # A reader needs every definition's name: a helper declared inside another function's
    # body keeps its signature line (its body elided as any function's); the statements
    # around it go behind markers of their own.
    from transforms._treesitter import parser

    r = compress(_OUTER_JS, content_type=lang)
    out = r.compressed
    assert (
        "export function compileInput(input, options) {\n  /* [omitted 6 lines; id=o1] */\n" in out
    )
    assert "  function helper(x) { /* [omitted 4 lines; id=o2] */ }\n" in out
    assert "  function* walk(node) { /* [omitted 4 lines; id=o3] */ }\n" in out
    assert "  /* [omitted 4 lines; id=o4] */\n}\n" in out
    assert "const data" not in out and "compiled = helper" not in out
    assert "const data = options.data" in omitted_text(r, "o1")
    assert omitted_text(r, "o4").startswith("const ast = parse(input")
    assert not parser(lang).parse(out.encode()).root_node.has_error
    # Without one, the body is one marker, as before.
    plain = "\n".join([*_OUTER_JS.split("\n")[:9], "  return data;", "}", ""])
    out = compress(plain, content_type=lang).compressed
    assert "export function compileInput(input, options) { /* [omitted" in out


def test_a_class_declared_in_a_function_body_is_shown_with_its_methods() -> None:
    src = _OUTER_JS.replace(
        "  function* walk",
        "  class Visitor {\n    visit(n) {\n      return n;\n    }\n  }\n  function* walk",
    )
    out = compress(src, content_type="javascript").compressed
    assert "  class Visitor {\n    visit(n) {" in out and "function helper(x) {" in out


def test_a_minified_function_body_keeps_the_names_of_its_inner_functions() -> None:
    stmts = "".join(f"v{i}=g(v{i - 1},{i});" for i in range(1, 40))
    src = f"function outer(a){{var v0=a;{stmts}function inner(b){{{stmts}return b}}{stmts}}}\n"
    r = compress(src * 3, content_type="javascript")
    out = r.compressed
    assert out.count("function inner(b){ /* [omitted") == 3
    assert out.count("function outer(a){/* [omitted") == 3 and "v20=g" not in out
