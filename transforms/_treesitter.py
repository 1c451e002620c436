"""JavaScript, TypeScript, Go, Rust, Java, C and C++ skeletons via tree-sitter grammar wheels.

The grammars are compiled into their wheels, so nothing is fetched. Kept verbatim: imports,
package/use lines, type/struct/interface/enum/trait declarations, class headers and fields,
function and method signatures, the first line of every comment. Replaced: function and
method bodies of more than one line become ``{ /* [omitted N lines; id=oK] */ }``;
array/object literals longer than ``_MAX_LITERAL`` characters keep their brackets around a
marker; a block comment or a run of line comments keeps its first line with words, the rest
behind a marker (a long rest behind one of its own, short ones behind one marker at the end
of the file for all of them, each such comment ending in " …"). Within one class or impl
block (or at the top level of a file), the bodies of up to five lines of three or more
methods go behind one marker after its opening (each such method ends in ``;``), and so do
the comments at the ends of a member list's lines (an enum's, a struct's) when it has four
or more; a long list of constants keeps its ends, a marker names the others. Rust's hint
attribute lines (inlining, lints, docs-only) go behind one marker at the end naming each. A
function whose body is itself a module (holds classes, or several named functions: the
IIFE/module pattern) is walked into instead, so every top-level and class-level definition
name survives; so is an object literal of methods (a module's exports, a prototype, a
component's options: see _holds_methods), as a class body is; so is a test suite's callback
(``describe('x', () => { it('y', () => …) })``), and an elided callback's marker names what
its body defines (a test's components and helpers). C and C++ are parsed with what the grammar
misreads blanked (see _blank_macros, _blank_in_bodies); the skeleton is made of the text.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
from collections import Counter
from typing import Any

import tree_sitter

from transforms._api import _LIST_HEAD, _LIST_TAIL, _LONG_LIST
from transforms._omit import Omitter, name_counts, plural
from transforms.tokens import CountAhead

__all__ = ["Offsets", "compress_code", "error_regions", "load_grammars", "parser"]

_MAX_LITERAL = 400
# Block comments longer than this (bytes) may be shortened; nodes no longer than this and on
# fewer than four lines hold nothing to shorten.
_MIN_EDIT_BYTES = 200
_COMMENTS = {"comment", "block_comment", "line_comment"}

_FUNCTIONS = {
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "function",
    "generator_function",
    "arrow_function",
    "method_definition",
    "method_declaration",
    "constructor_declaration",
    "compact_constructor_declaration",
    "func_literal",
    "function_item",
    "function_definition",  # C, C++
    "lambda_expression",  # C++
}
_DECLARATIONS = {
    "class_declaration",
    "abstract_class_declaration",
    "class",
    "interface_declaration",
    "enum_declaration",
    "impl_item",
    "trait_item",
    "struct_item",
    "mod_item",
    "record_declaration",
}
# Nodes whose children are members (enumerators, fields, constants): comments at the ends of
# their lines, when a list has at least _MIN_END_COMMENTS of them, go behind one marker.
_MEMBER_LISTS = frozenset(
    (
        "enumerator_list",  # C, C++
        "field_declaration_list",  # C, C++, Rust, Go
        "enum_variant_list",  # Rust
        "enum_body",  # Java, TypeScript
        "class_body",  # Java, JavaScript, TypeScript
        "interface_body",  # Java
        "object_type",  # TypeScript interfaces
        "const_declaration",  # Go const ( … )
        "var_declaration",  # Go var ( … )
        "interface_type",  # Go
    )
)
_MIN_END_COMMENTS = 4
# A comment's tail (its lines after the first with words) of at most this many lines goes
# behind one marker for the whole file, at its end: the comment ends in " …" after its first
# line. A marker of its own would cost about as much as such a tail (a doc comment's second
# line, its tags); a longer tail keeps its own marker, so it can be fetched alone.
_SHARED_TAIL_LINES = 5
# Nodes whose children are methods: when at least _MIN_SHORT_BODIES of them have bodies of
# up to _SHORT_BODY_LINES lines, those bodies go behind one marker (not in a Rust trait,
# where a method without one would read as a required method).
_METHOD_LISTS = frozenset(
    (
        "declaration_list",  # Rust impl blocks
        "class_body",  # Java, TypeScript, JavaScript
        "interface_body",  # Java (default methods)
        "enum_body_declarations",  # Java
        "field_declaration_list",  # C++ classes and structs
    )
)
_MIN_SHORT_BODIES = 3
# Lists of named constants (enumerators, variants, a Go const block) and their members'
# types: one of more than _LONG_LIST members (a table of colours, of error codes) keeps its
# first _LIST_HEAD and last _LIST_TAIL, the others behind a marker naming each (the same
# sizes as an API description's long lists: one definition, in _api).
_ENUM_LISTS = {
    "enumerator_list": ("enumerator",),  # C, C++
    "enum_variant_list": ("enum_variant",),  # Rust
    "enum_body": ("enum_constant", "property_identifier", "enum_assignment"),  # Java, TS
    "const_declaration": ("const_spec",),  # Go
}
# A Rust macro_rules! with more rules than this is elided whole (see macro_rules).
_MAX_MACRO_RULES = 8
# (A builder's setter, ``self.x = x; self``, an accessor with a check: alone, such a body
# does not pay for a marker of its own, or barely, so it stayed or cost a marker each.)
_SHORT_BODY_LINES = 5
# (A Java constructor without a body does not parse.)
_NEEDS_BODY = frozenset(("constructor_declaration", "compact_constructor_declaration"))
# Go's function and method declarations (not a func literal, whose body is an expression's).
_GO_DECLARED = frozenset(("function_declaration", "method_declaration"))
_NAMED_FUNCS = {"function_declaration", "generator_function_declaration", "function_item"}
_LITERALS = {
    "array",
    "object",
    "composite_literal",
    "array_expression",
    "array_initializer",
    "literal_value",
    "initializer_list",  # C, C++ tables
}


# language -> (grammar module, function returning the language pointer)
_GRAMMARS = {
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "go": ("tree_sitter_go", "language"),
    "rust": ("tree_sitter_rust", "language"),
    "java": ("tree_sitter_java", "language"),
    "c": ("tree_sitter_c", "language"),
    "cpp": ("tree_sitter_cpp", "language"),
    "python": ("tree_sitter_python", "language"),  # for Python that ast cannot parse
}


@functools.cache
def _language(lang: str) -> tree_sitter.Language:
    module, func = _GRAMMARS[lang]
    return tree_sitter.Language(getattr(importlib.import_module(module), func)())


def load_grammars() -> None:
    """Load every grammar now (once per process; later calls are free)."""
    for lang in _GRAMMARS:
        _language(lang)


def parser(lang: str) -> tree_sitter.Parser:
    # A Parser is not safe to share between threads (the worker compresses in threads), and
    # making one is cheap; the Language is what is worth caching.
    return tree_sitter.Parser(_language(lang))


class Offsets:
    """Byte offsets (tree-sitter) to character offsets (Python str)."""

    def __init__(self, text: str) -> None:
        self.identity = text.isascii()
        self.byte_starts: list[int] = []
        self.extra: list[int] = [0]
        if not self.identity:
            extra = 0
            for m in re.finditer(r"[^\x00-\x7f]", text):
                self.byte_starts.append(m.start() + extra)
                extra += len(m.group().encode("utf-8")) - 1
                self.extra.append(extra)

    def char(self, byte: int) -> int:
        if self.identity:
            return byte
        k = bisect.bisect_left(self.byte_starts, byte)
        return byte - self.extra[k]


def _body(node: Any) -> Any:
    """A function's body in braces, or None (an arrow function's expression)."""
    return _braced(node.child_by_field_name("body"))


def _braced(body: Any) -> Any:
    # (An arrow function's body may be a leaf, "() => true": child(0) would raise.)
    if (
        body is None
        or not body.child_count
        or body.type in ("expression", "parenthesized_expression")
    ):
        return None
    first = body.child(0)  # (not .children: that makes a node of every statement)
    return body if first.type == "{" else None


def _is_module_like(body: Any, lang: str, data: bytes) -> bool:
    """Whether a function body is itself a module (holds a class, or three named functions,
    or is a test suite's callback): then it is walked into rather than elided."""
    if body.parent.parent.type == "arguments" and _is_suite(body):
        return True
    # Every such definition holds its keyword: a body without one is looked at no further.
    if not _holds_word(data, _module_keywords(lang), body.start_byte, body.end_byte):
        return False
    named = 0
    for child in body.named_children:
        node = child
        if node.type in _WRAPPERS:
            node = _first_definition(child) or child
        if node.type in _DECLARATIONS:
            return True
        if node.type in _NAMED_FUNCS:
            named += 1
            if named >= 3:
                return True
    return False


# A named function a function's body declares among its statements (JavaScript,
# TypeScript): its name is one a reader looks for, as a top-level one's.
_INNER_FUNCTIONS = frozenset(("function_declaration", "generator_function_declaration"))


def _inner_functions(body: Any, lang: str) -> list[Any]:
    """The named functions declared among the statements of a function's ``body`` in
    JavaScript or TypeScript, in order (none in other languages)."""
    if lang not in ("javascript", "typescript", "tsx"):
        return []
    return [c for c in body.named_children if c.type in _INNER_FUNCTIONS]


def _is_suite(body: Any) -> bool:
    """Whether a callback's body calls others with a name and a callback of their own,
    ``describe('x', () => { it('does y', () => …) })``: a test suite (jest, mocha, vitest,
    playwright), walked into so that each test's name and each definition in it shows."""
    for statement in body.named_children:
        call = statement.named_child(0) if statement.type == "expression_statement" else None
        args = call.child_by_field_name("arguments") if call is not None else None
        if (
            args is not None
            and args.named_child_count >= 2
            and args.named_child(0).type in ("string", "template_string")
            and any(a.type in _FUNCTIONS for a in args.named_children[1:])
        ):
            return True
    return False


# What a callback's body may define that a reader looks for by name: a component, a helper
# or a type declared inside a test (a body holding a class, an interface or an enum is
# walked into: a module).
_DEFINITIONS = frozenset(
    ("function_declaration", "generator_function_declaration", "type_alias_declaration")
)
_DEFINED_VALUES = frozenset(("arrow_function", "function_expression", "function", "class"))


def _is_defined_value(value: Any, name: bytes) -> bool:
    """Whether a variable's value is a function or class, or, for a capitalised name (a
    component's: JSX needs it), a call wrapping one (``React.memo(() => …)``,
    ``forwardRef(…)``; not ``renderHook(() => …)``'s result)."""
    if value is None:
        return False
    if value.type == "call_expression" and name[:1].isupper():
        args = value.child_by_field_name("arguments")
        return args is not None and any(a.type in _FUNCTIONS for a in args.named_children)
    return value.type in _DEFINED_VALUES


def _defined_names(body: Any, data: bytes) -> list[str]:
    """The names a function body defines among its statements, in order: ``function App``,
    ``const NumberInput = () => …`` (or ``= React.memo(…)``, ``= class …``), a type
    alias."""

    def name(node: Any) -> str:
        n = node.child_by_field_name("name")
        return "" if n is None else data[n.start_byte : n.end_byte].decode("utf-8", "replace")

    names: list[str] = []
    for statement in body.named_children:
        if statement.type in _DEFINITIONS:
            names.append(name(statement))
        elif statement.type in ("lexical_declaration", "variable_declaration"):
            for d in statement.named_children:
                n = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                # (not a destructuring pattern)
                if n is not None and n.type == "identifier":
                    label = data[n.start_byte : n.end_byte]
                    if _is_defined_value(d.child_by_field_name("value"), label):
                        names.append(label.decode("utf-8", "replace"))
    return [n for n in names if n]


_WRAPPERS = frozenset(("export_statement", "expression_statement", "lexical_declaration"))
_MODULE_TYPES = frozenset(_DECLARATIONS | _NAMED_FUNCS)
# The keyword every node of a module type holds (Go's function_declaration says "func").
_KEYWORDS_OF = {
    "class_declaration": ("class",),
    "abstract_class_declaration": ("class",),
    "class": ("class",),
    "interface_declaration": ("interface",),
    "enum_declaration": ("enum",),
    "record_declaration": ("record",),
    "impl_item": ("impl",),
    "trait_item": ("trait",),
    "struct_item": ("struct",),
    "mod_item": ("mod",),
    "function_item": ("fn",),
    "function_declaration": ("function", "func"),
    "generator_function_declaration": ("function",),
}


@functools.cache
def _module_keywords(lang: str) -> tuple[bytes, ...]:
    """The keywords of ``lang``'s module types (none: the grammar has no such type)."""
    language = _language(lang)
    named = (
        language.node_kind_for_id(i)
        for i in range(language.node_kind_count)
        if language.node_kind_is_named(i)
    )
    types = _MODULE_TYPES & frozenset(k for k in named if k)
    return tuple(sorted({w.encode() for t in types for w in _KEYWORDS_OF[t]}))


def _holds_word(data: bytes, words: tuple[bytes, ...], start: int, end: int) -> bool:
    """Whether one of ``words`` stands as a whole word in ``data[start:end]`` (``\\b`` on
    both sides: the byte before ``start`` counts, the end does not). Found with bytes.find
    (memchr speed): a regular expression opening with ``\\b`` tries every position, and
    function bodies are most of a file."""
    for w in words:
        p = data.find(w, start, end)
        while p >= 0:
            q = p + len(w)
            if (p == 0 or data[p - 1] not in _WORD_BYTE) and (
                q >= end or data[q] not in _WORD_BYTE
            ):
                return True
            p = data.find(w, p + 1, end)
    return False


# What a top-level function with its short body left out ends in (Go declares a function
# without one; JavaScript's keeps its braces; a Rust function ends in ";" as in an impl
# block's group).
_TOP_LEVEL_STUBS = {
    "go": "",
    "rust": ";",
    "c": ";",
    "cpp": ";",
    "typescript": ";",
    "tsx": ";",
    "javascript": " { /* … */ }",
}


def _function_member(member: Any) -> Any:
    """The function an object literal's member defines: a method (``get x() {…}``, ``f() {…}``)
    or a property whose value is a function (``f: function (…) {…}``, ``f: (…) => {…}``);
    else None."""
    if member.type == "method_definition":
        return member
    if member.type == "pair":
        value = member.child_by_field_name("value")
        if value is not None and value.type in _FUNCTIONS:
            return value
    return None


def _holds_methods(node: Any) -> bool:
    """Whether an object literal is a set of definitions (a module's exports, a prototype, a
    component's options: ``{ get header() {…}, accepts(…) {…}, toJSON() {…} }``): a quarter
    of its members or more are functions, or objects of functions. Such an object is walked
    into, as a class body is, not elided whole as a value (every method's name was lost with
    it)."""
    members = functions = 0
    for member in node.named_children:
        if member.type in _COMMENTS:
            continue
        members += 1
        if _function_member(member) is not None:
            functions += 1
        elif member.type == "pair":
            # (a group of them: a component's ``methods: { … }``, ``computed: { … }``)
            value = member.child_by_field_name("value")
            if value is not None and value.type == "object" and _holds_methods(value):
                functions += 1
    return functions > 0 and functions * 4 >= members


def _short_body(child: Any, offsets: Offsets) -> tuple[int, int] | None:
    """The span (from the end of the signature to the closing brace) of the body of the
    function ``child`` (or the one a C++ template declares) if it holds something on at
    most _SHORT_BODY_LINES lines of its own; None for a long body (it gets a marker of its
    own), an empty one (kept) or a function that needs one (a Java constructor)."""
    func = child
    t = child.type
    if t == "pair":  # an object literal's ``f: function (…) {…}``
        func = _function_member(child)
        if func is None:
            return None
        t = func.type
    if t == "template_declaration":  # C++
        func = next((c for c in child.named_children if c.type in _FUNCTIONS), None)
        if func is None:
            return None
        t = func.type
    if t not in _FUNCTIONS or t in _NEEDS_BODY:
        return None
    # The cheap tests first (most bodies are long), the look at its braces last.
    body = func.child_by_field_name("body")
    if (
        body is None
        or body.end_byte - body.start_byte > _MAX_LITERAL + 2
        or body.end_point[0] - body.start_point[0] > _SHORT_BODY_LINES + 1
        or body.named_child_count == 0
        or _braced(body) is None
    ):
        return None
    before = body.prev_sibling
    if before is None:
        return None
    return offsets.char(before.end_byte), offsets.char(body.end_byte)


_RUST_USES = frozenset(("use_declaration", "extern_crate_declaration"))
_INLINE_HINT = re.compile(rb"#\[inline(?:\((?:always|never)\))?\]")
# A Rust attribute line that changes neither what an item is nor whether it is compiled: a
# hint to the optimiser (``#[inline]``, ``#[cold]``), to the linter (``#[must_use]``,
# ``#[allow(clippy::…)]``), or a documentation-only one (``#[cfg_attr(docsrs, doc(cfg(feature
# = "fs")))]``: the feature note docs.rs shows). Such lines go behind one marker at the end of
# the file that names each (not a plain ``#[cfg(…)]`` or ``#[doc(hidden)]``: those say
# whether and how an item exists).
_HINT_LINE = re.compile(
    rb"^[ \t]*#\[(inline(?:\((?:always|never)\))?|cold|must_use(?:\s*=\s*\"[^\"\n]*\")?"
    rb"|allow\([\w:, ]+\)|cfg_attr\(\s*\w+\s*,\s*doc\s*\([^\n]*\)\s*\))\][ \t]*\r?\n",
    re.M,
)


def _member_end(node: Any, member: Any) -> int:
    """The byte where ``member`` (a named child of the list ``node``) ends with what follows
    it on its line: a comma, a comment (a block comment may run on over several lines)."""
    end: int = member.end_byte
    row: int = member.end_point[0]
    for c in node.children:
        if c.start_byte < end:
            continue
        if c.start_point[0] != row or (c.is_named and c.type not in _COMMENTS):
            break
        end, row = c.end_byte, c.end_point[0]
    return end


def _inline_hint(data: bytes, node: Any) -> bool:
    """Whether an attribute is Rust's ``#[inline]``, ``#[inline(always)]`` or
    ``#[inline(never)]``: a hint to the compiler, not part of what the item is."""
    return _INLINE_HINT.fullmatch(data, node.start_byte, node.end_byte) is not None


def _is_test_module(node: Any, data: bytes) -> bool:
    """Whether a Rust ``mod`` has ``#[cfg(test)]`` among the attributes right above it."""
    before = node.prev_named_sibling
    while before is not None and before.type == "attribute_item":
        if re.fullmatch(rb"#\[cfg\(test\)\]", data[before.start_byte : before.end_byte]):
            return True
        before = before.prev_named_sibling
    return False


def _opening(children: list[Any], types: tuple[str, ...], first: Any) -> Any:
    """The first of ``children`` of one of ``types`` (an opening bracket) if it ends before
    the node ``first``, else None."""
    opening = next((c for c in children if c.type in types), None)
    return None if opening is None or opening.end_byte > first.start_byte else opening


# A comment's first line longer than this (a paragraph on one line, as JSDoc and rustdoc
# often have) keeps its first sentence; the rest of the line joins the comment's tail.
_LONG_FIRST_LINE = 160
_SENTENCE_END = re.compile(r"[a-z0-9)\]`'\"][.!?](?=\s+[A-Z`\[(\"'])")


def _sentence_end(line: str) -> int | None:
    """Where the first sentence of a long comment line ends (after its stop), if 60
    characters or more follow it; else None."""
    if len(line) <= _LONG_FIRST_LINE:
        return None
    m = _SENTENCE_END.search(line, 20)
    if m is None or len(line) - m.end() < 60:
        return None
    return m.end()


def _is_attribute(root: Any, byte: int) -> bool:
    """Whether the ``#`` at ``byte`` opens an attribute (not a line of a string literal)."""
    node = root.descendant_for_byte_range(byte, byte + 1)
    return node is not None and node.type == "#"


def _first_definition(node: Any) -> Any:
    """The first class or named function among ``node``'s named descendants down to three
    levels (pre-order), or None."""
    stack = [(c, 1) for c in reversed(node.named_children)]
    while stack:
        n, depth = stack.pop()
        if n.type in _MODULE_TYPES:
            return n
        if depth < 3:
            stack.extend((c, depth + 1) for c in reversed(n.named_children))
    return None


def compress_code(
    text: str,
    lang: str,
    omitter: Omitter,
    base: int = 0,
    notes: list[str] | None = None,
    ahead: CountAhead | None = None,
) -> str | None:
    """Skeleton of a source file in ``lang``, or None if the grammar cannot make sense of it.
    Input the grammar cannot fully place (a slice, a text cut inside a comment, a syntax
    error) is still shortened where it has structure; the rest stays verbatim, and ``notes``
    gets ``unparsed lines a-b, … kept verbatim``. ``ahead`` is fed the skeleton as it is
    made (edits come in document order), to be counted meanwhile."""
    data = text.encode("utf-8")
    if lang == "typescript" and re.search(r"<\w+[^>]*/>|</\w+>", text[:50000]):
        lang = "tsx"
    # C/C++ macros the grammar cannot read (see _blank_macros, _blank_in_bodies) and
    # conditional directives in function bodies are parsed as blanks.
    source = _blank_in_bodies(_blank_macros(data)) if lang in ("c", "cpp") else data
    tree = parser(lang).parse(source)
    root = tree.root_node
    offsets = Offsets(text)
    if root.has_error:
        # (The walk stops once the share is certain to be too high: most text that is not
        # code, such as prose with a few prototypes in it, ends here.)
        limit = 0.2 * max(1, len(data))
        regions = _error_regions(root, limit)
        if regions is None or sum(e - s for s, e in regions) > limit:
            return None
        if notes is not None and regions:
            chars = [(offsets.char(s), offsets.char(e)) for s, e in regions]
            notes.append(unparsed_note(text, chars))
    out: list[str] = []  # the skeleton's pieces, in order
    pos = 0  # where the text after the last edit starts
    edited = False
    # (the markers at the end of the file end their lines as the file does)
    newline = "\r\n" if "\r\n" in text[:4000] else "\n"
    # Comment tails cut for the file's shared marker: (start, end, lines, index in out).
    tails: list[tuple[int, int, int, int]] = []
    # Rust's hint attribute lines (see _HINT_LINE) in the text kept: (start, end, the
    # attribute, index in out); those still ahead of the walk.
    hints: list[tuple[int, int, str, int]] = []
    hint_lines = (
        [
            (
                offsets.char(m.start()),
                offsets.char(m.end()),
                " ".join(m.group(1).decode().split()).replace("( ", "(").replace(" )", ")"),
            )
            for m in _HINT_LINE.finditer(data)
            if _is_attribute(root, m.start(1) - 2)
        ]
        if lang == "rust" and b"#[" in data
        else []
    )
    next_hint = 0

    def keep(s: int, e: int) -> None:
        """Put ``text[s:e]`` in the skeleton, without its hint attribute lines."""
        nonlocal next_hint
        while next_hint < len(hint_lines) and hint_lines[next_hint][0] < e:
            hs, he, attr = hint_lines[next_hint]
            next_hint += 1
            if hs < s or he > e:
                continue  # in (or across) what an edit replaced
            put(text[s:hs])
            put("")
            hints.append((hs, he, attr, len(out) - 1))
            s = he
        put(text[s:e])

    def put(piece: str) -> None:
        out.append(piece)
        if ahead is not None:
            ahead.feed(piece)

    def edit(s: int, e: int, replacement: str) -> None:
        """Replace ``text[s:e]`` (after every earlier edit) by ``replacement``."""
        nonlocal pos, edited
        keep(pos, s)
        put(replacement)
        pos = e
        edited = True

    def lines_of(start: int, end: int) -> int:
        return text.count("\n", start, end) + 1

    def shared_marker(kind: str, found: list[tuple[int, int, int]], what: str) -> str:
        """The line of the marker at the end of the file for the spans ``found`` (start,
        end, index in out of what stands for it), or "" (each put back) if it does not
        pay."""
        spans = [(s, e) for s, e, _ in found]
        if not omitter.pays("".join(text[s:e] for s, e in spans), what):
            for s, e, i in found:
                out[i] = text[s:e]
            return ""
        marker = omitter.mark(kind, [(base + s, base + e) for s, e in spans], len(found), what)
        return f"// {marker}{newline}"

    def cut_tail(s: int, e: int, n: int, replacement: str, opener: str) -> bool:
        """The tail ``text[s:e]`` (``n`` lines) of a comment: behind the file's shared marker
        (the comment ends in " …") when short, else behind a marker of its own (``opener``
        before it, ``replacement`` after) where that pays. True if it was cut."""
        if n <= _SHARED_TAIL_LINES:
            edit(s, e, " … " if replacement else " …")
            tails.append((s, e, n, len(out) - 1))
            return True
        what = plural(n, "comment line")
        if not omitter.pays(text[s:e], what):
            return False
        marker = omitter.mark("comment", [(base + s, base + e)], n, what)
        edit(s, e, f"{opener}{marker}{replacement}")
        return True

    def shorten(node: Any) -> bool:
        """Add the edit that shortens ``node`` itself, if any; True if it was shortened (its
        subtree is then not walked)."""
        t = node.type
        if t in _FUNCTIONS:
            body = _body(node)
            if body is not None and not _is_module_like(body, lang, data):
                if node.parent.type != "arguments" and (inner := _inner_functions(body, lang)):
                    return around(body, inner)
                s = offsets.char(body.start_byte) + 1
                e = offsets.char(body.end_byte) - 1
                n = lines_of(s, e) - 2
                # Minified code has long bodies on one line: measure those in characters.
                count, what = (n, plural(n, "line")) if n >= 2 else (e - s, f"{e - s} chars")
                # A callback's definitions (a test's components and helpers) are named: in a
                # test file they are the file's own definitions.
                if node.parent.type == "arguments" and (names := _defined_names(body, data)):
                    what += f": defines {', '.join(names)}"
                if (n >= 2 or e - s > _MAX_LITERAL) and omitter.pays(text[s:e].strip(), what):
                    if lang == "go" and t in _GO_DECLARED and body.prev_sibling is not None:
                        # Go declares a function without a body: the marker follows the
                        # signature as a comment, braces and all behind it.
                        s = offsets.char(body.prev_sibling.end_byte)
                        e += 1
                        marker = omitter.mark("body", [(base + s, base + e)], count, what)
                        edit(s, e, f" // {marker}")
                        return True
                    marker = omitter.mark("body", [(base + s, base + e)], count, what)
                    edit(s, e, f" /* {marker} */ ")
                    return True
        elif (
            t in _LITERALS
            and node.end_byte - node.start_byte > _MAX_LITERAL
            and not (t == "object" and _holds_methods(node))
        ):
            s = offsets.char(node.start_byte) + 1
            e = offsets.char(node.end_byte) - 1
            items = node.named_child_count
            what = f"{t.replace('_', ' ')} of {plural(items, 'item')}"
            if omitter.pays(text[s:e], what):
                marker = omitter.mark("value", [(base + s, base + e)], items, what)
                edit(s, e, f" /* {marker} */ ")
                return True
        elif t == "mod_item" and _is_test_module(node, data):
            return test_module(node)
        elif t == "macro_definition":
            return macro_rules(node)
        elif t == "token_tree" and node.parent.type == "macro_rule":
            # A rule's transcriber (what the macro expands to), if it is not the matcher:
            # like a function's body.
            s = offsets.char(node.start_byte) + 1
            e = offsets.char(node.end_byte) - 1
            n = lines_of(s, e) - 2
            what = plural(n, "line")
            if n >= 2 and omitter.pays(text[s:e].strip(), what):
                marker = omitter.mark("body", [(base + s, base + e)], n, what)
                edit(s, e, f" /* {marker} */ ")
                return True
        elif t in _COMMENTS:
            s = offsets.char(node.start_byte)
            e = offsets.char(node.end_byte)
            if text.startswith("/*", s) and text.endswith("*/", s, e):
                # Keep the first line with words (the opening line too when it is bare,
                # "/**"); the rest, two lines or more, behind a marker.
                lines = text[s : e - 2].split("\n")
                keep = 1 if _WORD.search(lines[0]) else 2
                if keep <= len(lines):
                    cut = s + sum(len(ln) + 1 for ln in lines[:keep]) - 1
                    # (the last line is the one closing it: " */" counts as no line)
                    n = len(lines) - keep - (keep < len(lines) and not lines[-1].strip(" \t\r*"))
                    # A long first line keeps its first sentence: the rest joins the tail.
                    part = _sentence_end(lines[keep - 1])
                    if part is not None:
                        cut -= len(lines[keep - 1]) - part
                        n += 1
                    if n > 0 and cut_tail(cut, e - 2, n, " ", " "):
                        return True
            else:
                while e > s and text[e - 1] in "\r\n":
                    e -= 1
                part = _sentence_end(text[s:e])
                if part is not None:  # one long // line: its first sentence stays
                    return cut_tail(s + part, e, 1, "", "")
        return False

    def around(body: Any, inner: list[Any]) -> bool:
        """A function body holding named functions of its own (``function outer() { …
        function helper(x) { … } … }``): each keeps its signature (its body shortened as any
        function's), the statements between them go behind markers, so that every
        definition's name shows. False (the body is walked) if one of them is itself a
        module (see _is_module_like)."""
        if any((b := _body(f)) is not None and _is_module_like(b, lang, data) for f in inner):
            return False
        start = offsets.char(body.start_byte) + 1
        for f in [*inner, None]:
            # The statements from ``start`` to the line of ``f`` (to the closing brace).
            if f is None:
                end = offsets.char(body.end_byte) - 1
            else:
                at = offsets.char(f.start_byte)
                end = text.rfind("\n", start, at) + 1 or at  # (minified: one line)
            gap = text[start:end]
            s = start + len(gap) - len(gap.lstrip())
            e = start + len(gap.rstrip())
            n = lines_of(s, e)
            # (on one line, minified: measured in characters)
            count, what = (n, plural(n, "line")) if n >= 2 else (e - s, f"{e - s} chars")
            if e > s and (n >= 2 or e - s > _MAX_LITERAL) and omitter.pays(text[s:e], what):
                marker = omitter.mark("body", [(base + s, base + e)], count, what)
                edit(s, e, f"/* {marker} */")
            if f is not None:
                shorten(f)
                start = offsets.char(f.end_byte)
        return True

    def long_list(node: Any) -> tuple[int, int] | None:
        """A list of more than _LONG_LIST named constants, each on a line of its own: the
        lines of all but the first _LIST_HEAD and last _LIST_TAIL go behind a marker on a
        line of its own that names every one of them (values and comments are in its
        span), made when the walk gets there. Returns the bytes it hides, or None."""
        types = _ENUM_LISTS[node.type]
        members = [c for c in node.named_children if c.type in types]
        if len(members) <= _LONG_LIST:
            return None
        rows = [m.start_point[0] for m in members]
        if len(set(rows)) < len(rows):
            return None  # several on a line
        hidden = members[_LIST_HEAD:-_LIST_TAIL]
        names: list[str] = []
        for m in hidden:
            found = m.children_by_field_name("name") or [m]
            names.extend(data[n.start_byte : n.end_byte].decode("utf-8", "replace") for n in found)
        # From the end of the last line shown to the end of the last hidden member's line
        # (a member's line ends after the comma and comment following it on that line, a
        # block comment running on over several lines included).
        s = text.find("\n", offsets.char(_member_end(node, members[_LIST_HEAD - 1])))
        last_end = _member_end(node, hidden[-1])
        e = text.find("\n", offsets.char(last_end))
        if s < 0 or e < 0:
            return None
        while e > s and text[e - 1] == "\r":
            e -= 1
        what = f"{plural(len(hidden), 'member')}: {', '.join(names)}"
        if not omitter.pays(text[s:e], what):
            return None
        line = text[text.rfind("\n", 0, offsets.char(hidden[0].start_byte)) + 1 :]
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        end = data.find(b"\n", last_end)
        lists[hidden[0].start_byte] = (s, e, len(hidden), what, indent, end)
        return hidden[0].start_byte, end

    def macro_rules(node: Any) -> bool:
        """A Rust ``macro_rules!`` of more than _MAX_MACRO_RULES rules (a muncher matching
        token by token: its rules are its workings, not a call's forms) goes behind one marker
        inside its braces; a shorter one is walked (its long transcribers are elided)."""
        rules = sum(c.type == "macro_rule" for c in node.children)
        if rules <= _MAX_MACRO_RULES:
            return False
        opening = next((c for c in node.children if c.type in ("{", "(", "[")), None)
        if opening is None:
            return False
        s = offsets.char(opening.end_byte)
        e = offsets.char(node.children[-1].start_byte)
        n = lines_of(s, e) - 2
        what = f"{plural(n, 'line')}: {rules} rules"
        if not omitter.pays(text[s:e], what):
            return False
        marker = omitter.mark("body", [(base + s, base + e)], rules, what)
        edit(s, e, f" /* {marker} */ ")
        return True

    def test_module(node: Any) -> bool:
        """A Rust ``#[cfg(test)] mod tests``: its ``use`` lines stay, the rest goes behind one
        marker naming every test and other item in it."""
        body = node.child_by_field_name("body")
        if body is None or body.named_child_count == 0:
            return False
        items = body.named_children
        uses = 0
        while uses < len(items) and items[uses].type in _RUST_USES:
            uses += 1
        if any(c.type in _RUST_USES for c in items[uses:]):
            return False  # imports further down: the module is walked like any other
        rest = items[uses:]
        if not rest:
            return False
        tests: list[str] = []
        others: list[str] = []
        for i, c in enumerate(rest):
            name = c.child_by_field_name("name")
            if name is None or c.type in _COMMENTS or c.type == "attribute_item":
                continue
            attrs = []
            j = uses + i - 1
            while j >= 0 and items[j].type == "attribute_item":
                attrs.append(data[items[j].start_byte : items[j].end_byte])
                j -= 1
            label = data[name.start_byte : name.end_byte].decode("utf-8", "replace")
            if c.type == "function_item" and any(re.search(rb"\btest\b", a) for a in attrs):
                tests.append(label)
            else:
                others.append(f"{c.type.removesuffix('_item')} {label}")
        s = offsets.char(rest[0].start_byte)
        e = offsets.char(body.end_byte) - 1
        while e > s and text[e - 1] in " \t\r\n":
            e -= 1
        n = lines_of(s, e)
        what = f"{plural(n, 'line')}: {plural(len(tests), 'test')}" + (
            f" ({', '.join(tests)})" if tests else ""
        )
        if others:
            what += f"; {', '.join(others)}"
        if not omitter.pays(text[s:e], what):
            return False
        marker = omitter.mark("body", [(base + s, base + e)], n, what)
        edit(s, e, f"/* {marker} */")
        return True

    def comment_run(children: list[Any], k: int) -> tuple[int, bool]:
        """A run of // comments of one kind (``//``, ``///``, ``//!``) on consecutive lines
        from ``children[k]``: keep its first line with words; the rest, two lines or more,
        behind a marker. Returns the index after the run, and whether it was shortened."""
        start = children[k].start_byte
        if data[data.rfind(b"\n", 0, start) + 1 : start].strip():
            return k + 1, False  # a comment at the end of a line of code opens no run
        opener = _opener(data, start)
        j = k + 1
        while (
            j < len(children)
            and children[j].type in _COMMENTS
            # the next line: one newline from the start of the (one-line) comment before
            and data.count(b"\n", children[j - 1].start_byte, children[j].start_byte) == 1
            and _line_comment(data, children[j])
            and _opener(data, children[j].start_byte) == opener
        ):
            j += 1
        if j - k < 2:
            return j, False
        first = children[k]
        keep = 1 if _WORD_BYTES.search(data, first.start_byte + len(opener), first.end_byte) else 2
        n = j - k - keep
        if n < 1:
            return j, False
        e = offsets.char(children[j - 1].end_byte)
        # (some grammars end a line comment after its newline: that stays)
        if n < _SHARED_TAIL_LINES:
            # From the end of the last line kept (of its first sentence, if long): that line
            # ends in " …".
            s = offsets.char(children[k + keep - 1].end_byte)
            while text[s - 1] in "\r\n":
                s -= 1
            line = text.rfind("\n", 0, s) + 1
            part = _sentence_end(text[line:s])
            if part is not None:
                s = line + part
                n += 1
        elif n == _SHARED_TAIL_LINES:
            s = offsets.char(children[k + keep - 1].end_byte)
            while text[s - 1] in "\r\n":
                s -= 1
        else:
            s = offsets.char(children[k + keep].start_byte)
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        return j, cut_tail(s, e, n, "", f"{opener.decode()} ")

    # Where the walk meets these nodes (by start byte) it replaces their span by the string:
    # what a marker made by group() already stands for.
    dropped: dict[int, tuple[int, int, str]] = {}
    # Markers that stand before a child (by start byte), made when the walk gets there (ids
    # follow the text): (the kind, the spans, their count, the description).
    pending: dict[int, tuple[str, list[tuple[int, int]], int, str]] = {}
    # Long lists of constants (see long_list), by the start byte of the first member hidden:
    # the span, count and description of their marker, its indentation, and the byte up to
    # which the walk skips what the marker hides.
    lists: dict[int, tuple[int, int, int, str, str, int]] = {}
    skip_to = 0

    def group(
        kind: str,
        found: list[tuple[Any, int, int]],
        stub: str,
        what: str,
        at: Any,
        extra: list[tuple[Any, int, int]] | None = None,
        before: bool = False,
    ) -> None:
        """Spans of several nodes (each a (node, start, end)) behind one marker, where it
        pays: each becomes ``stub`` (the ``extra`` ones go), and the marker, counting
        ``found``, stands after the opening token ``at`` (made now), or ``before`` the node
        ``at`` (made when the walk gets there)."""
        every = [(s, e) for _, s, e in found] + [(s, e) for _, s, e in extra or ()]
        if not omitter.pays("".join(text[s:e] for s, e in every), what):
            return
        if before:
            pending[at.start_byte] = (kind, every, len(found), what)
        else:
            marker = omitter.mark(kind, [(base + s, base + e) for s, e in every], len(found), what)
            pos = offsets.char(at.end_byte)
            edit(pos, pos, f" /* {marker} */")
        for node, s, e in found:
            dropped[node.start_byte] = (s, e, stub)
        for node, s, e in extra or ():
            dropped[node.start_byte] = (s, e, "")

    def end_of_line_comments(node: Any, hidden: tuple[int, int] | None) -> None:
        """The comments at the ends of a member list's lines (an enum's members, a struct's
        fields), when there are several: one marker for all of them after the list's
        opening brace; the members stay. Not those in ``hidden`` (bytes of members a
        long_list marker hides)."""
        children = node.children
        if hidden is not None:
            children = [c for c in children if not hidden[0] <= c.start_byte < hidden[1]]
        # (the comment, its span: from the end of the node before it to its own)
        found: list[tuple[Any, int, int]] = []
        for i in range(1, len(children)):
            c = children[i]
            if (
                c.type in _COMMENTS
                # (a line comment before it, "///" in Rust, may end after its newline)
                and children[i - 1].type not in _COMMENTS
                and children[i - 1].end_point[0] == c.start_point[0]
                and data.find(b"\n", c.start_byte, c.end_byte - 1) < 0
                and (i + 1 == len(children) or children[i + 1].start_point[0] > c.start_point[0])
            ):
                s, e = offsets.char(children[i - 1].end_byte), offsets.char(c.end_byte)
                while e > s and text[e - 1] in "\r\n":
                    e -= 1
                found.append((c, s, e))
        if len(found) < _MIN_END_COMMENTS:
            return
        opening = _opening(children, ("{", "("), found[0][0])
        if opening is not None:
            group("comment", found, "", plural(len(found), "end-of-line comment"), opening)

    def short_bodies(node: Any) -> None:
        """Short bodies of several methods of a class or impl block: each method ends
        in ``;`` after its signature (JavaScript: ``{ /* … */ }``), one marker after the
        block's opening holds the bodies (alone, each would not pay for its marker)."""
        found: list[tuple[Any, int, int]] = []  # (the member, body span)
        for child in node.children:
            short = _short_body(child, offsets)
            if short is not None:
                found.append((child, *short))
        if len(found) < _MIN_SHORT_BODIES:
            return
        opening = _opening(node.children, ("{",), found[0][0])
        if opening is None:
            return
        # A JavaScript method needs a body, and so does one of an object (in TypeScript too):
        # it keeps its braces around an ellipsis.
        braces = lang == "javascript" or node.type == "object"
        stub = " { /* … */ }" if braces else ";"
        shown = "shown as { … }" if braces else "methods ending in ;"
        what = f"{len(found)} short bodies ({shown})"
        # Rust's inlining hints in the block go with them, each a line of its own.
        hints = [c for c in node.children if c.type == "attribute_item" and _inline_hint(data, c)]
        lines = []
        for c in hints:
            s = offsets.char(c.start_byte)
            line = text.rfind("\n", 0, s) + 1
            e = offsets.char(c.end_byte)
            if not text[line:s].strip() and text.startswith("\n", e):
                lines.append((c, line, e + 1))
        if lines:
            what += f", {plural(len(lines), 'inline attribute')}"
        group("body", found, stub, what, opening, lines)

    def top_level_short_bodies(children: list[Any]) -> None:
        """Top-level functions with short bodies, wherever they stand (Go's methods are all
        top-level: a type's accessors among its longer methods): three or more end after
        their signature, one marker before the first, as in a class."""
        stub = _TOP_LEVEL_STUBS.get(lang)
        if stub is None:
            return
        run: list[tuple[Any, int, int]] = []
        lead: Any = None  # the first function's doc comment (its first line)
        for i, child in enumerate([*children, None]):
            if child is not None and child.type in _COMMENTS:
                continue
            short = _short_body(child, offsets) if child is not None else None
            if short is not None:
                if not run:
                    lead = child
                    j = i - 1
                    # comments (and Rust's attributes) right above it, line after line
                    while (
                        j >= 0
                        and (children[j].type in _COMMENTS or children[j].type == "attribute_item")
                        and children[j].end_point[0] + 1 >= lead.start_point[0]
                    ):
                        lead = children[j]
                        j -= 1
                run.append((child, *short))
                continue
            if child is not None:
                continue
            if len(run) >= _MIN_SHORT_BODIES:
                shown = (
                    "shown as { … }"
                    if lang == "javascript"
                    else ("functions ending in ;" if stub == ";" else "functions shown without one")
                )
                group("body", run, stub, f"{len(run)} short bodies ({shown})", lead, before=True)
            run = []

    # Pre-order, in document order (marker ids follow the text), over the nodes that can
    # hold an edit: small subtrees, most of a file's nodes, are never entered (walking them
    # in Python cost more than the parse). The children being walked, the next index and
    # the end of a comment run found too short (the runs starting inside it are too) are
    # locals; ``stack`` holds the same of each ancestor.
    stack: list[tuple[list[Any], int, int]] = []
    children: list[Any] = [] if shorten(root) else root.children
    top_level_short_bodies(children)
    k = short_run_end = 0
    while True:
        if k >= len(children):
            if not stack:
                break
            children, k, short_run_end = stack.pop()
            continue
        child = children[k]
        k += 1
        if child.start_byte < skip_to:
            continue  # behind a long list's marker
        if not child.is_named and not child.child_count:
            continue  # a keyword or punctuation token
        if pending and child.start_byte in pending:
            kind, spans, count, what = pending.pop(child.start_byte)
            marker = omitter.mark(kind, [(base + s, base + e) for s, e in spans], count, what)
            at = offsets.char(child.start_byte)
            # On a line of its own: before a macro read as blanks too (C/C++), which
            # stands on the node's line before it.
            line = text.rfind("\n", 0, at) + 1
            if line >= pos and text[line:at].strip():
                at = line
            edit(at, at, f"/* {marker} */\n")
        if lists and child.start_byte in lists:
            s, e, count, what, indent, skip_to = lists.pop(child.start_byte)
            marker = omitter.mark("value", [(base + s, base + e)], count, what)
            edit(s, e, f"\n{indent}/* {marker} */")
            continue
        if dropped and child.start_byte in dropped:
            edit(*dropped.pop(child.start_byte))
            continue
        if (
            k > short_run_end
            and child.type in _COMMENTS
            # A run has a comment next.
            and k < len(children)
            and children[k].type in _COMMENTS
            and _line_comment(data, child)
        ):
            after, shortened = comment_run(children, k - 1)
            short_run_end = after
            if shortened:
                k = after
                continue
        # Too short to hold anything shortened (inline: this runs for most nodes): every edit
        # needs a node of more than _MIN_EDIT_BYTES bytes (a long literal, body or comment)
        # or one spanning four lines or more (a body of two lines between its braces, a
        # block comment of four lines, a member list). Runs of line comments are found
        # above, from their first comment.
        if (
            child.end_byte - child.start_byte > _MIN_EDIT_BYTES
            or child.end_point[0] - child.start_point[0] >= 3
        ) and not shorten(child):
            if child.type in _MEMBER_LISTS:
                end_of_line_comments(child, long_list(child) if child.type in _ENUM_LISTS else None)
            if (
                child.type in _METHOD_LISTS and (lang != "rust" or child.parent.type == "impl_item")
            ) or child.type == "object":
                short_bodies(child)
            stack.append((children, k, short_run_end))
            children, k, short_run_end = child.children, 0, 0

    keep(pos, len(text))
    if not edited and not hints:
        return None
    # Markers at the end (ids follow the text) for what was cut all over the file, where
    # they pay; else it is put back (what was counted ahead is then not the output).
    end = "" if text.endswith("\n") else newline
    if tails:
        lines = sum(n for _, _, n, _ in tails)
        what = f"{plural(lines, 'comment line')} after … in {plural(len(tails), 'comment')}"
        end += shared_marker("comment", [(s, e, i) for s, e, _, i in tails], what)
    if hints:
        named = name_counts(Counter(attr for _, _, attr, _ in hints), 8)
        what = f"{plural(len(hints), 'hint attribute line')}: {named}"
        end += shared_marker("attribute", [(s, e, i) for s, e, _, i in hints], what)
    put(end.rstrip("\n") and end)
    return "".join(out)


# The tail of a word ending in an upper-case identifier's "_…" part, then the end of its line
# or another word: where a macro the grammar cannot read may be (see _blank_macros).
_MACRO_TAIL = re.compile(rb"_[A-Z0-9_]*[ \t]*(?:\r?\n|[ \t][A-Za-z_])")
_UPPER = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# After a macro used like a keyword: two more words ("inline auto", "int ZEXPORT deflate"),
# where a type is followed by one name and then "(", "=", ";" or ",".
_WORD_THEN_WORD = re.compile(rb"[ \t]+[A-Za-z_]\w*[ \t]+[A-Za-z_*&]")
# The next lines start with a name and "(": a function's name under its return type.
_NAME_CALLED = re.compile(rb"\s*[A-Za-z_]\w*\s*\(")
_WORD_BYTE = frozenset(b"abcdefghijklmnopqrstuvwxyz") | _UPPER


def _blank_macros(data: bytes) -> bytes:
    """``data`` with the C/C++ macros the grammar cannot read as blanks of the same length (so
    every offset holds; the skeleton is made from the text itself): an upper-case identifier
    with an underscore alone on its line (``FMT_BEGIN_NAMESPACE``, ``G_BEGIN_DECLS``, read as
    the start of a declaration that then swallows the enum or class after it into an error),
    or used like a keyword before two more words (``FMT_CONSTEXPR inline auto fg(…)``,
    ``ZEXTERN int ZEXPORT f``). Not a type before one name (``DWORD_PTR f(…)``, ``T x =``)
    or alone above a function's name (GNU style). Preprocessor lines stay as they are."""
    out: bytearray | None = None
    for m in _MACRO_TAIL.finditer(data):
        s = m.start()
        while s > 0 and data[s - 1] in _UPPER:
            s -= 1
        if not 65 <= data[s] <= 90 or (s > 0 and data[s - 1] in _WORD_BYTE):
            continue  # not a word of upper-case letters, digits and underscores
        e = m.start() + 1
        while data[e] in _UPPER:
            e += 1
        head = data[data.rfind(b"\n", 0, s) + 1 : s]
        if data[m.end() - 1] == 10:  # the word ends its line
            if head.strip(b" \t") or _NAME_CALLED.match(data, m.end()):
                continue  # not alone on it, or a return type (GNU style: the name below)
        elif head.lstrip().startswith(b"#") or not _WORD_THEN_WORD.match(data, e):
            continue  # a preprocessor line, or a type before a name ("DWORD_PTR f(", "T x =")
        if out is None:
            out = bytearray(data)
        out[s:e] = b" " * (e - s)
    return data if out is None else bytes(out)


# Braces, and what may hold one without opening a block: comments, strings, characters, and
# preprocessor lines (with their continuations; group 1 is the directive).
_C_TOKENS = re.compile(
    rb"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'"
    rb"|^[ \t]*#[ \t]*(\w*)(?:\\\r?\n|[^\n])*|[{}]",
    re.M | re.S,
)
# A macro call prefixing a statement on its line (see _blank_in_bodies).
_PREFIX_MACRO = re.compile(
    rb"^[ \t]*(?:else[ \t]+)?([A-Z][A-Z0-9_]*[ \t]*\((?:[^()\n]|\([^()\n]*\))*\))"
    rb"[ \t]*(?:\r?\n[ \t]*)?(?=[A-Za-z_{])",
    re.M,
)
# A macro call ending the line of a function's return type, its name on the next line
# (GNU style: ``static void PRINTF_FUNCTION(2,3)\nrespond_printf(int fd, …)``).
_ATTRIBUTE_MACRO = re.compile(
    rb"^[A-Za-z_][^#\n(]*[ \t*]([A-Z][A-Z0-9]*_[A-Z0-9_]*[ \t]*\([^()\n]*\))[ \t]*\r?\n"
    rb"(?=[A-Za-z_]\w*[ \t]*\()",
    re.M,
)
_CONDITIONALS = re.compile(rb"^[ \t]*#[ \t]*(?:if|ifdef|ifndef|elif|else|endif)\b", re.M)
# What stands before a brace that opens no function body: a struct, union, enum or class, a
# namespace, ``extern "C"``, an initialiser.
_NOT_A_BODY = re.compile(rb"(?:\b(?:struct|union|enum|class|namespace|extern)\b[^;{}()]*|=\s*)$")


_COMMENT_OR_DIRECTIVE = re.compile(rb"/\*.*?\*/|//[^\n]*|^[ \t]*#(?:\\\r?\n|[^\n])*", re.M | re.S)


def _in_signature(data: bytes, last: int, line: tuple[int, int], end: int) -> bool:
    """Whether the file-level conditional from the #if ``line`` to its #endif at ``end``
    stands inside a declaration's head: a declaration has started before it (since the brace
    at ``last`` and the last ";", past comments and directives: ``int``, ``f(int a,``), and
    its branches hold no ";", brace or nested #if (a part of a signature each)."""
    if re.search(rb"[;{}]|^[ \t]*#[ \t]*if", data[line[1] : end], re.M):
        return False
    head = _COMMENT_OR_DIRECTIVE.sub(b"", data[last : line[0]])
    head = head[head.rfind(b";") + 1 :].strip()
    return bool(head) and re.search(rb"[\w*&,(]$", head) is not None


def _blank_in_bodies(data: bytes) -> bytes:
    """``data`` with what the grammar misreads inside function bodies blanked (same length;
    the text itself is kept, a body elided whole as before):

    - conditional directives, and what an ``#elif`` or ``#else`` branch holds: the grammar
      reads a directive between statements, but not inside an expression (``if (\n#ifndef
      X\n a ? b :\n#endif\n c)``), nor two branches that each open the same block; it then
      lost the braces' pairing and took hundreds of lines after for one body (the first
      branch is what is parsed, braces are counted through it);
    - a macro call that prefixes a statement, ``DEBUG(D_dns) if (…) …;``, ``HDEBUG(D_acl)
      debug_printf(…);`` (upper case, at the start of its line, a word or ``{`` after it, on
      that line or the next): an error that, once the directives around it were gone, ended
      its body early;
    - outside them, a macro call after a function's return type (``_ATTRIBUTE_MACRO``), and
      the conditional directives and later branches of a conditional splitting a signature
      (see _in_signature): the grammar read no function there, and its body stayed whole."""
    if not _CONDITIONALS.search(data) and not _PREFIX_MACRO.search(data):
        return data
    # (and, outside bodies, a macro call after a return type: see _ATTRIBUTE_MACRO)
    blank: list[tuple[int, int]] = [m.span(1) for m in _ATTRIBUTE_MACRO.finditer(data)]
    stack: list[bool] = []  # per open brace: whether a function body is (or encloses) it
    # Per open #if: the open braces at it, whether it is in a body, and, from its first
    # #elif or #else there on, where that starts and the braces open at the end of the first
    # branch (what the grammar reads on with); the #if line's span.
    conds: list[tuple[list[bool], bool, int, list[bool], tuple[int, int]]] = []
    last = 0  # where the text since the last brace starts
    bodies: list[int] = []  # where each outermost function body starts and ends
    body_depth = -1  # the braces open outside the body being read, if any
    for m in _C_TOKENS.finditer(data):
        tok = m.group()
        if tok == b"{":
            body = bool(stack) and stack[-1]
            if not body:  # (at file level, in a namespace, a class, extern "C")
                head = data[last : m.start()]
                head = head[head.rfind(b";") + 1 :].strip()
                body = not _NOT_A_BODY.search(head)
                if body and not len(bodies) % 2:
                    bodies.append(m.start())
                    body_depth = len(stack)
            stack.append(body)
            last = m.end()
        elif tok == b"}":
            if stack:
                stack.pop()
            if len(stack) <= body_depth and len(bodies) % 2:
                bodies.append(m.end())
                body_depth = -1
            last = m.end()
        elif m.group(1) is None or (not conds and m.group(1) not in (b"if", b"ifdef", b"ifndef")):
            continue
        elif m.group(1) in (b"if", b"ifdef", b"ifndef"):
            inside = bool(stack) and stack[-1]
            conds.append((list(stack), inside, -1, [], m.span()))
            if inside:
                blank.append((m.start(), m.end()))
        elif m.group(1) in (b"elif", b"else"):
            saved, inside, since, first, line = conds[-1]
            if since < 0:
                conds[-1] = (saved, inside, m.start(), stack, line)
            # (each branch starts where the #if did)
            stack = list(saved)
        elif m.group(1) == b"endif":
            saved, inside, since, first, line = conds.pop()
            if inside:
                blank.append((m.start() if since < 0 else since, m.end()))
                if since >= 0:
                    stack = first
            elif _in_signature(data, last, line, m.start()):
                # (a signature split by them, ``int\n#ifdef X\nf(int a, long b)\n#else\n
                # f(int a)\n#endif\n{``: read as its first branch)
                blank.append(line)
                blank.append((m.start() if since < 0 else since, m.end()))
                if since >= 0:
                    stack = first
    for m in _PREFIX_MACRO.finditer(data):
        if bisect.bisect_right(bodies, m.start()) % 2:  # inside a body
            blank.append(m.span(1))
    if not blank:
        return data
    out = bytearray(data)
    for s, e in blank:
        # (newlines stay: the lines' numbers hold)
        out[s:e] = re.sub(rb"[^\r\n]", b" ", data[s:e])
    return bytes(out)


_WORD = re.compile(r"\w")
_WORD_BYTES = re.compile(rb"\w")


def _opener(data: bytes, start: int) -> bytes:
    """``//``, ``///`` or ``//!``: the kind of the line comment at ``start`` ("////" is a
    plain comment)."""
    third = data[start + 2 : start + 3]
    if third in (b"/", b"!") and data[start + 3 : start + 4] != b"/":
        return data[start : start + 3]
    return b"//"


def _line_comment(data: bytes, node: Any) -> bool:
    """A ``//`` comment on one line (some grammars end it after its newline)."""
    start, end = node.start_byte, node.end_byte
    return data.startswith(b"//", start) and data.find(b"\n", start, end - 1) < 0


def error_regions(root: Any) -> list[tuple[int, int]]:
    """Byte ranges the grammar could not place: the tokens directly inside ``ERROR`` nodes
    (structured children of an ERROR node, such as a whole function the parser recovered,
    are walked into, not counted), joined when on touching lines."""
    regions = _error_regions(root, None)
    assert regions is not None
    return regions


def _error_regions(root: Any, limit: float | None) -> list[tuple[int, int]] | None:
    """:func:`error_regions`, or None as soon as the tokens found add up to more than
    ``limit`` bytes (the regions, which cover them, would too)."""
    found: list[tuple[int, int, int, int]] = []
    # (The tokens found are disjoint: none is inside another, since the walk does not enter
    # what it counts. Joining them only adds the gaps between them.)
    bad = 0
    cap = float("inf") if limit is None else limit
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "ERROR":
            for c in n.children:
                if c.type != "ERROR" and c.is_named and c.child_count > 0:
                    if c.has_error:
                        stack.append(c)
                elif c.type == "ERROR":
                    stack.append(c)
                elif c.end_byte > c.start_byte and c.type not in _COMMENTS:
                    found.append((c.start_byte, c.end_byte, c.start_point[0], c.end_point[0]))
                    bad += c.end_byte - c.start_byte
            if bad > cap:
                return None
            continue
        if n.is_missing:
            found.append((n.start_byte, n.end_byte, n.start_point[0], n.end_point[0]))
            continue
        if n.has_error:
            # (a MISSING node has an error too: children without one hold none)
            stack.extend([c for c in n.children if c.has_error])
    found.sort()
    merged: list[list[int]] = []
    for s, e, r0, r1 in found:
        if merged and r0 <= merged[-1][3] + 1:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][3] = max(merged[-1][3], r1)
        else:
            merged.append([s, e, r0, r1])
    return [(m[0], m[1]) for m in merged]


def unparsed_note(text: str, regions: list[tuple[int, int]]) -> str:
    """``unparsed lines 3, 40-52 +2 more kept verbatim`` for character ranges of ``text``
    (sorted); the text is scanned once, up to the fourth region."""
    lines: list[tuple[int, int]] = []
    pos = 0
    row = 1
    for s, e in regions[:4]:
        row += text.count("\n", pos, s)
        first = row
        row += text.count("\n", s, max(s, e - 1))
        pos = max(s, e - 1)
        lines.append((first, row))
    shown = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in lines)
    more = f" +{len(regions) - 4} more" if len(regions) > 4 else ""
    return f"unparsed lines {shown}{more} kept verbatim"


def _error_share(root: Any) -> float:
    """Share of the text the grammar could not place (see :func:`error_regions`)."""
    bad = sum(e - s for s, e in error_regions(root))
    return bad / max(1, int(root.end_byte - root.start_byte))
