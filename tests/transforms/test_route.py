"""Routing: what ``compress`` decides comes from fields of the routing result (``Routed``),
never from the transform names it reports; the names stay what callers see."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

import transforms
from transforms import compress
from transforms._api import Unreadable
from transforms._derived import Unplaceable
from transforms._html import NoText
from transforms._route import Routed

PACKAGE = Path(transforms.__file__).resolve().parent

SPEC = """\
openapi: 3.0.0
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      summary: List pets
"""
# Trailing blanks and a run of blank lines: what the whitespace squeeze would take.
LOOSE = "  \n\n\n\n"


def test_config_stays_byte_for_byte() -> None:
    text = "".join(f"KEY_{i}=value{i}   \n\n\n\n" for i in range(12))
    r = compress(text)
    assert r.content_type == "config"
    assert r.compressed == text and r.transforms == ("unchanged:config",)


def test_yaml_api_without_long_docs_stays_byte_for_byte() -> None:
    text = SPEC.replace("Pets\n", "Pets" + LOOSE)
    r = compress(text)
    assert r.content_type == "api"
    assert r.compressed == text and r.transforms == ("unchanged:api",)


def test_unreadable_yaml_api_stays_byte_for_byte() -> None:
    text = SPEC.replace("Pets\n", "Pets" + LOOSE).replace("    get:\n", "    get:\n\tx: 1\n")
    r = compress(text)
    assert r.content_type == "api"
    assert r.compressed == text
    assert r.transforms == ("fallback:api:tab-indentation", "unchanged:config")


def test_other_text_loses_trailing_blanks() -> None:
    # (The counterpart: where nothing kind-specific applied and nothing asks for the text
    # verbatim, the squeeze runs.)
    text = "".join(f"Line {i} of a note, said plainly. {LOOSE}" for i in range(30))
    r = compress(text, content_type="prose")
    assert r.transforms[-1:] == ("whitespace",)
    assert r.compressed == "".join(f"Line {i} of a note, said plainly.\n\n" for i in range(30))


def test_reason_of_unreadable_yaml_is_its_field(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(text: str, omitter: object, base: int = 0) -> str | None:
        raise Unreadable("odd thing", 7)

    monkeypatch.setattr("transforms._route.compress_yaml_api", unreadable)
    r = compress(SPEC)
    assert r.content_type == "api" and r.compressed == SPEC
    assert r.transforms == ("fallback:api:odd-thing", "unchanged:config")


PAGE = "<html><body>" + "<p>A sentence about the page, one of many.</p>" * 40 + "</body></html>"


def test_reason_of_a_page_without_text_is_its_field(monkeypatch: pytest.MonkeyPatch) -> None:
    # The note's reason is the exception's field, not its message.
    def no_text(text: str, omitter: object, base: int, fn: object) -> str:
        raise NoText("nothing here")

    monkeypatch.setattr("transforms._route.compress_html", no_text)
    assert compress(PAGE).transforms[0] == "fallback:html:nothing-here"
    empty = "<html><body>" + "<div><span></span></div>" * 500 + "</body></html>"
    monkeypatch.undo()
    assert compress(empty).transforms[0] == "fallback:html:no-text-in-the-page"


def test_an_html_reader_bug_is_named_by_its_type(monkeypatch: pytest.MonkeyPatch) -> None:
    # Any other ValueError is a bug of the reader, not a reason of the input: its message
    # (which may quote the input) is not the note.
    def buggy(text: str, omitter: object, base: int, fn: object) -> str:
        raise ValueError("secret words of the page")

    monkeypatch.setattr("transforms._route.compress_html", buggy)
    assert compress(PAGE).transforms[0] == "fallback:html:ValueError"


def test_unplaceable_omissions_are_named_by_their_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def unplaceable(text: str, omitter: object, base: int, fn: object) -> str:
        raise Unplaceable("omission has no place in the original", "o3")

    monkeypatch.setattr("transforms._route.compress_html", unplaceable)
    note = "fallback:html:omission-has-no-place-in-the-original"
    assert compress(PAGE).transforms[0] == note


def test_unreadable_message_and_fields() -> None:
    e = Unreadable("tab indentation", 3)
    assert (e.reason, e.line, str(e)) == ("tab indentation", 3, "tab indentation line 3")
    assert isinstance(e, ValueError) and str(Unreadable("cut")) == "cut"


def test_routed_names_are_notes_then_what_ran() -> None:
    done = Routed("x", ("fallback:csv:ragged",), ("log_templates",))
    assert done.names == ("fallback:csv:ragged", "log_templates")
    assert not done.verbatim and Routed(None).names == ()


def test_escapes_are_stripped_once_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real: Callable[[str], str] = transforms.without_escapes

    def counted(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(transforms, "without_escapes", counted)
    # A wrong hint: the hinted kind (config) keeps the text as it is, so it is compressed as
    # the kind detected.
    text = "\n".join(f"2024-01-01 12:00:{i:02d} INFO worker {i % 3} done" for i in range(60))
    r = compress(text, content_type="yaml")
    assert r.content_type == "log"
    assert len(calls) == 1


# --- no decision on a transform name ------------------------------------------------------

# The modules that name what ran; variables that hold such names there.
_NAMING = ("__init__.py", "_route.py")
_NOTE_FIELDS = ("name", "names", "note", "notes", "ran")


def _strings(node: ast.AST) -> set[str]:
    """String constants in ``node``; of an f-string, the constant it opens with."""
    if isinstance(node, ast.Constant):
        return {node.value} if isinstance(node.value, str) else set()
    if isinstance(node, ast.JoinedStr):
        first = node.values[0] if node.values else None
        return {first.value} if isinstance(first, ast.Constant) else set()
    found: set[str] = set()
    for child in ast.iter_child_nodes(node):
        found |= _strings(child)
    return found


def _names_made(tree: ast.AST) -> set[str]:
    """The transform names (and name prefixes, from f-strings) a module puts in a result:
    what is assigned to ``name``/``notes``/``ran``, or passed to ``Routed``, ``_replace`` or
    ``_with_notes``."""
    made: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    for t, v in zip(target.elts, node.value.elts, strict=False):
                        if isinstance(t, ast.Name) and t.id in _NOTE_FIELDS:
                            made |= _strings(v)
                elif isinstance(target, ast.Name) and target.id in _NOTE_FIELDS:
                    made |= _strings(node.value)
        elif isinstance(node, ast.Call):
            f = node.func
            if (isinstance(f, ast.Name) and f.id in ("Routed", "_with_notes")) or (
                isinstance(f, ast.Attribute) and f.attr == "_replace"
            ):
                for a in [*node.args, *(k.value for k in node.keywords)]:
                    made |= _strings(a)
    return made


def _is_name(s: str, made: set[str]) -> bool:
    return s in made or (s.endswith(":") and any(m.startswith(s) for m in made))


def _decisions(tree: ast.AST, made: set[str]) -> list[tuple[int, str]]:
    """(line, string) of each test of a string against a transform name: a comparison with
    one, or ``startswith``/``endswith`` a name or a note's prefix (``"unchanged:"``)."""
    bad: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        operands: list[ast.AST] = []
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("startswith", "endswith", "removeprefix", "count", "index")
        ):
            operands = list(node.args)
        for op in operands:
            elts = op.elts if isinstance(op, ast.Tuple | ast.List | ast.Set) else [op]
            for e in elts:
                if (
                    isinstance(e, ast.Constant)
                    and isinstance(e.value, str)
                    and _is_name(e.value, made)
                ):
                    bad.append((node.lineno, e.value))
    return bad


def _sources() -> dict[str, ast.AST]:
    return {p.name: ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.glob("*.py")}


def _vocabulary(sources: dict[str, ast.AST]) -> set[str]:
    return set().union(*(_names_made(sources[name]) for name in _NAMING))


def test_the_scan_knows_the_names() -> None:
    # Guards the scan: an empty vocabulary would pass the test below.
    made = _vocabulary(_sources())
    for name in (
        "json_records",
        "api_yaml_docs",
        "whitespace",
        "sections",
        "tree_sitter_skeleton:",
    ):
        assert name in made
    for prefix in ("fallback:", "partial:", "unchanged:"):
        assert prefix in made
    # What routing used to do, found.
    before = ast.parse(
        'ok = not any(n.startswith("unchanged:") for n in done.names)\n'
        'notes = [n for n in names if n.startswith(("fallback:", "unchanged:", "partial:"))]\n'
        'if names[0] == "api_yaml_docs": pass\n'
    )
    assert sorted(s for _l, s in _decisions(before, made)) == [
        "api_yaml_docs",
        "fallback:",
        "partial:",
        "unchanged:",
        "unchanged:",
    ]


def test_no_module_decides_on_a_transform_name() -> None:
    sources = _sources()
    made = _vocabulary(sources)
    bad = {name: _decisions(tree, made) for name, tree in sources.items()}
    assert {k: v for k, v in bad.items() if v} == {}
