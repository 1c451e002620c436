"""API descriptions: OpenAPI/Swagger, JSON Schema, botocore-style service definitions (JSON).

What a reader needs from one is its surface: every operation (path, method, operationId,
input/output/errors), every type (schema, definition, shape) with its fields and their types,
and the first sentence of each description. What makes these files big is documentation
prose and JSON punctuation. The output is an indented outline of the whole document (keys
bare where unambiguous, small objects and arrays inline as compact JSON), headed by a line
naming the kind and counts, in which every ``documentation``/``description``/``summary``
string longer than ``_LONG_DOC`` characters keeps its first sentence (HTML tags removed) and
a marker whose span is the whole string in the original; shown documentation loses its
markup tags (``<p>``, ``<code>``; the head line says so). Repeated containers and strings of
``_MIN_STR_ANCHOR`` or more characters are shown once with an anchor (``&aN``), then as its
alias (``*aN``); a botocore operation's ``name`` equal to its key is not repeated (the head
line says so); a small object with one documentation string shows the rest inline and the
documentation as a trailing ``# …`` comment, on one line (the head line says so). Nothing
else is left out: every key and value other than those long strings
and examples is shown. Keys of name maps (``properties``, ``$defs``, ``shapes``, …) are names:
a type named ``example`` or a property named ``description`` is shown like any other.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from transforms._json import Node, _expand, _parse
from transforms._omit import Omitter, plural
from transforms._rarity import describe_run

__all__ = ["Unreadable", "compress_api", "cut_doc", "is_api"]


class Unreadable(ValueError):
    """Input a reader here cannot follow (YAML with tab indentation, an unclosed quote).
    ``reason`` says why in a few words ("tab indentation"), ``line`` (1-based) where, if
    known; the message is both ("tab indentation line 3")."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason if line is None else f"{reason} line {line}")
        self.reason = reason
        self.line = line


_DOC_KEYS = ("documentation", "description", "summary", "markdownDescription")
_DOC_RE = re.compile(
    r'"(documentation|description|summary|markdownDescription)"\s*:\s*(?=")|"(examples?|x-codeSamples|x-code-samples)"\s*:\s*'
    r'|"(enumDescriptions)"\s*:\s*(?=\[)'
)
# A list of descriptions, one per enum value (Google API Discovery): items longer than this
# keep their first sentence, the whole list behind one marker.
_ENUM_DOCS = "enumDescriptions"
_LONG_ENUM_DOC = 100
# (Code samples, Redoc's ``x-codeSamples``: a list of ``lang``, ``label``, ``source``, are
# examples too.)
_EXAMPLE_KEYS = ("example", "examples", "x-codeSamples", "x-code-samples")
# Maps whose keys are names (a property or type named "example" or "description" is no
# example or documentation).
_NAME_MAPS = frozenset(
    [
        "properties",
        "patternProperties",
        "definitions",
        "$defs",
        "schemas",
        "shapes",
        "members",
        "operations",
        "dependentSchemas",
    ]
)
# An example value whose compact JSON is longer than this goes behind a marker.
_LONG_EXAMPLE = 200
_DECODER = json.JSONDecoder()
# A documentation string longer than this keeps its first sentence.
_LONG_DOC = 160
_FIRST_MIN, _FIRST_MAX = 30, 110
# A container whose compact JSON is at most this long is shown inline.
_INLINE = 200
# A list of more scalars than this, longer than _LONG_LIST_CHARS, keeps its first _LIST_HEAD
# and last _LIST_TAIL. (The code skeletons' long lists of constants, _treesitter, use the same
# sizes: these definitions.)
_LONG_LIST = 24
_LONG_LIST_CHARS = 1600
_LIST_HEAD, _LIST_TAIL = 8, 4
# A container repeated whose compact JSON is at least this long gets an anchor; so does a
# string of at least _MIN_STR_ANCHOR characters (a description shared by many properties).
_MIN_ANCHOR = 24
_MIN_STR_ANCHOR = 40
# Markup in shown documentation (botocore's <p>, <code>, …): removed, the head line says so.
_MARKUP = re.compile(
    r"</?(?:p|code|i|b|em|strong|note|important|ul|ol|li|br|para|fullname|dl|dt|dd)\s*/?>"
)
_BARE_KEY = re.compile(r"[A-Za-z0-9_$/.{}@+\-]+")
# ("{a: b}" in the outline is flow style: a value that starts with "{" or "[" is JSON-quoted.)
_BARE_VALUE = re.compile(r"[^\s\"'\[\]{},#:&*!|>%@`-][^\n\"]*")
_LITERALISH = re.compile(r"-?\d[\d.eE+-]*|true|false|null|~|yes|no|on|off", re.I)
_TAGS = re.compile(r"<[^>]{0,200}>")
_SENTENCE = re.compile(r"[.!?](?=\s|$)")

# Sniffed on the opening of the text: which kind of API description it is.
_OPENAPI = re.compile(r'"(?:openapi|swagger)"\s*:\s*"\d')
_SCHEMA = re.compile(r'"\$schema"\s*:\s*"([^"\n]*)"')
# Keys only a schema has at its top level (a document naming its own schema in "$schema", a
# CycloneDX SBOM, a tsconfig, has none of them there).
_SCHEMA_TOP_KEYS = {
    "type",
    "properties",
    "definitions",
    "$defs",
    "$ref",
    "allOf",
    "anyOf",
    "oneOf",
    "items",
    "enum",
    "const",
    "$id",
    "patternProperties",
    "additionalProperties",
    "required",
    "not",
}
# A Google API Discovery document (its keys are often sorted: "kind" comes late).
_DISCOVERY = re.compile(r'"kind"\s*:\s*"discovery#restDescription"')
_BOTOCORE_META = re.compile(r'"metadata"\s*:\s*\{[^{}]*"(?:apiVersion|protocol|serviceId)"')


# A JSON Schema without "$schema" (what pydantic's model_json_schema()/schema() and many tools
# write): a map of definitions whose first member is a schema, or an object type whose first
# property is one.
_SCHEMA_KEYWORD = (
    r'"(?:type|properties|\$ref|anyOf|oneOf|allOf|enum|items|description|title|required|'
    r'additionalProperties|default|format|const)"\s*:'
)
_SCHEMA_DEFS = re.compile(
    r'"(?:\$defs|definitions)"\s*:\s*\{\s*"[^"\n]{1,200}"\s*:\s*\{\s*' + _SCHEMA_KEYWORD
)
_SCHEMA_PROPS = re.compile(r'"properties"\s*:\s*\{\s*"[^"\n]{1,200}"\s*:\s*\{\s*' + _SCHEMA_KEYWORD)
_OBJECT_TYPE = re.compile(r'"type"\s*:\s*"object"')


def is_api(text: str) -> bool:
    """An OpenAPI/Swagger document, a JSON Schema (with ``$schema``, or without: definitions
    that are schemas, or an object type whose properties are), a Google API Discovery
    document (``"kind": "discovery#restDescription"``), or a botocore-style service
    description (``metadata`` with ``apiVersion``/``protocol`` and ``operations`` and
    ``shapes``)."""
    head = text[:4000]
    if not head.lstrip().startswith("{"):
        return False
    if _OPENAPI.search(head):
        return True
    schema = _SCHEMA.search(head)
    if schema and "json-schema.org" in schema.group(1):
        return True
    if _SCHEMA_DEFS.search(head) or (_OBJECT_TYPE.search(head) and _SCHEMA_PROPS.search(head)):
        return True
    if _DISCOVERY.search(text):
        return True
    if (
        _BOTOCORE_META.search(head)
        and re.search(r'"operations"\s*:\s*\{', text)
        and re.search(r'"shapes"\s*:\s*\{', text)
    ):
        return True
    # (Parsed only when nothing above told: a "$schema" of another meta-schema, or data.)
    return schema is not None and _schema_at_top(text)


def _schema_at_top(text: str) -> bool:
    """Whether the document's top level holds a schema keyword (its ``$schema`` names a
    meta-schema of its own, not json-schema.org's: a schema; or the document's own schema:
    data)."""
    try:
        doc = json.loads(text)
    except ValueError:
        return False
    return isinstance(doc, dict) and not _SCHEMA_TOP_KEYS.isdisjoint(doc)


def _obj(doc: Any, key: str) -> dict[str, Any]:
    v = doc.get(key) if isinstance(doc, dict) else None
    return v if isinstance(v, dict) else {}


def _discovery_methods(resources: Any) -> int:
    """How many methods a Discovery document's (nested) resources hold."""
    if not isinstance(resources, dict):
        return 0
    n = 0
    for r in resources.values():
        if isinstance(r, dict):
            n += len(_obj(r, "methods")) + _discovery_methods(r.get("resources"))
    return n


def _describe(doc: dict[str, Any]) -> str:
    """The head line: kind, title and counts of operations and types."""
    if doc.get("kind") == "discovery#restDescription":
        n_methods = _discovery_methods(doc.get("resources"))
        return (
            f"[api: Google API Discovery {json.dumps(doc.get('name', ''))} "
            f"{doc.get('version', '')}: {plural(n_methods, 'method')}, "
            f"{plural(len(_obj(doc, 'schemas')), 'schema')}]"
        )
    if isinstance(doc.get("operations"), dict) and isinstance(doc.get("shapes"), dict):
        meta = _obj(doc, "metadata")
        title = meta.get("serviceFullName") or meta.get("serviceId") or "service"
        return (
            f"[api: service description {json.dumps(title)} {meta.get('apiVersion', '')}: "
            f"{plural(len(doc['operations']), 'operation')}, "
            f"{plural(len(doc['shapes']), 'shape')}]"
        )
    if "openapi" in doc or "swagger" in doc:
        version = doc.get("openapi") or doc.get("swagger")
        paths = _obj(doc, "paths")
        methods = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
        ops = sum(1 for p in paths.values() if isinstance(p, dict) for m in p if m in methods)
        schemas = _obj(_obj(doc, "components"), "schemas") or _obj(doc, "definitions")
        return (
            f"[api: OpenAPI {version} {json.dumps(_obj(doc, 'info').get('title', ''))}: "
            f"{plural(len(paths), 'path')}, {plural(ops, 'operation')}, "
            f"{plural(len(schemas), 'schema')}]"
        )
    defs = _obj(doc, "definitions") or _obj(doc, "$defs")
    return (
        f"[api: JSON Schema {json.dumps(doc.get('title', doc.get('$id', '')))}: "
        f"{len(_obj(doc, 'properties'))} properties, {plural(len(defs), 'definition')}]"
    )


_REF_PREFIX = re.compile(r'"\$ref"\s*:\s*"(#/(?:[\w$-]+/)+)')


def _ref_style(doc: dict[str, Any], text: str) -> _Ref | None:
    """How references look in this document: botocore ``{"shape": "Name"}``, or the most
    common ``{"$ref": "#/components/schemas/Name"}`` prefix."""
    if isinstance(doc.get("operations"), dict) and isinstance(doc.get("shapes"), dict):
        return ("shape", "")
    if doc.get("kind") == "discovery#restDescription":
        return ("$ref", "")  # {"$ref": "SchemaName"}
    prefixes = Counter(m.group(1) for m in _REF_PREFIX.finditer(text))
    if not prefixes:
        return None
    return ("$ref", prefixes.most_common(1)[0][0])


def _big(value: Any) -> bool:
    """Worth locating the children of (it may hold a long list)."""
    return isinstance(value, dict | list) and len(_compact(value)) > _LONG_LIST_CHARS


def _first_sentence(text: str) -> str:
    """The first sentence (or first line) of a documentation string, HTML tags removed."""
    plain = _TAGS.sub(" ", text).strip()
    line = plain.find("\n")
    if _FIRST_MIN <= line <= _FIRST_MAX:
        plain = plain[:line]
    plain = " ".join(plain.split())
    for m in _SENTENCE.finditer(plain, _FIRST_MIN):
        if m.end() <= _FIRST_MAX:
            return plain[: m.end()]
        break
    if len(plain) <= _FIRST_MAX:
        return plain
    cut = plain.rfind(" ", 0, _FIRST_MAX - 40)
    return plain[: cut if cut > _FIRST_MIN else _FIRST_MAX - 40] + "…"


def cut_doc(
    value: str, omitter: Omitter, span: tuple[int, int], limit: int = _LONG_DOC
) -> tuple[str, str] | None:
    """(first sentence, marker) for a documentation string over ``limit`` characters
    whose rest pays for a marker standing for ``span`` (absolute: the whole string in the
    original); else None (shown whole)."""
    if len(value) <= limit:
        return None
    first = _first_sentence(value)
    what = f"{len(value)} chars"
    if not omitter.pays(value[len(first) :], what):
        return None
    return first, omitter.mark("documentation", [span], 1, what)


def _comment(text: str) -> str:
    """Documentation as comment text: one line, unquoted."""
    return " ".join(text.split())


def _holds_docs(value: Any) -> bool:
    """Whether documentation strings or examples are anywhere inside ``value``."""
    if isinstance(value, dict):
        return any(
            (k in _DOC_KEYS and isinstance(v, str))
            or k in _EXAMPLE_KEYS
            or (k == _ENUM_DOCS and isinstance(v, list))
            or _holds_docs(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_holds_docs(v) for v in value)
    return False


def _key(k: str) -> str:
    return k if _BARE_KEY.fullmatch(k) else json.dumps(k, ensure_ascii=False)


def _scalar(v: Any) -> str:
    if (
        isinstance(v, str)
        and _BARE_VALUE.fullmatch(v)
        and v == v.strip()
        and not _LITERALISH.fullmatch(v)
        and ": " not in v
        and " #" not in v
        and not v.endswith(":")
    ):
        return v
    return json.dumps(v, ensure_ascii=False)


def _compact(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


_FLOW_BARE = re.compile(r"[^\s\"'\[\]{},#:&*!|>%@`^-][^\n\"\[\]{},]*")


@functools.lru_cache(maxsize=1 << 16)
def _flow_bare(v: str) -> bool:
    """A plain scalar in flow style: no flow punctuation, no ": " or " #", not ending in
    ":", not a number or literal, no surrounding spaces."""
    return bool(
        _FLOW_BARE.fullmatch(v)
        and v == v.strip()
        and ": " not in v
        and " #" not in v
        and not v.endswith(":")
        and not _LITERALISH.fullmatch(v)
    )


_Ref = tuple[str, str]  # (key, prefix): {key: prefix + NAME} is shown as ^NAME


def _ref(v: dict[str, Any], ref: _Ref | None) -> str | None:
    if ref is None or len(v) != 1:
        return None
    target = v.get(ref[0])
    if isinstance(target, str) and target.startswith(ref[1]):
        name = target[len(ref[1]) :]
        if name and _flow_bare(name) and "/" not in name and " " not in name:
            return "^" + name
    return None


def _flow(v: Any, ref: _Ref | None = None) -> str:
    """``v`` in YAML-like flow style: ``{type: string, enum: [a, b]}``, strings bare where
    no flow punctuation makes them ambiguous, JSON-quoted otherwise; references as ``^Name``."""
    if isinstance(v, dict):
        short = _ref(v, ref)
        if short is not None:
            return short
        return "{" + ", ".join(f"{_flow_key(k)}: {_flow(x, ref)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_flow(x, ref) for x in v) + "]"
    if isinstance(v, str) and _flow_bare(v):
        return v
    return json.dumps(v, ensure_ascii=False)


def _flow_key(k: str) -> str:
    return k if _flow_bare(k) or _BARE_KEY.fullmatch(k) else json.dumps(k, ensure_ascii=False)


class _Render:
    def __init__(self, text: str, omitter: Omitter, base: int) -> None:
        self.text = text
        self.omitter = omitter
        self.base = base
        self.lines: list[str] = []
        # Every documentation string in the text, in order: (key, start, end, value).
        self.docs: list[tuple[str, int, int, str]] = []
        self.examples: list[tuple[int, int]] = []
        self.enum_docs: list[tuple[int, int]] = []  # enumDescriptions lists: (start, end)
        self.next_enum_doc = 0
        for m in _DOC_RE.finditer(text):
            value, end = _DECODER.raw_decode(text, m.end())
            if m.group(1) and isinstance(value, str):
                self.docs.append((m.group(1), m.end(), end, value))
            elif m.group(2):
                self.examples.append((m.end(), end))
            elif m.group(3):
                self.enum_docs.append((m.end(), end))
        self.next_example = 0
        self.next_doc = 0
        self.ref: _Ref | None = None
        # Containers that occur more than once (compared by content): the first occurrence
        # is shown with an anchor (``&a1``), later ones as its alias (``*a1``).
        self.repeats: dict[str, int] = {}
        self.anchors: dict[str, str] = {}
        self.keys: dict[int, str] = {}  # id of a container -> its content key
        self.long_lists = False  # a list that long_list() may cut: positions needed
        self.markup = False  # markup was removed from shown documentation
        self.named_ops: set[int] = set()  # botocore operations whose "name" is their key
        self.commented_docs = False  # documentation shown as a trailing comment

    def count_repeats(self, value: Any) -> None:
        seen: dict[str, int] = {}

        def visit(v: Any) -> str:
            if isinstance(v, dict):
                key = "{" + ",".join(f"{json.dumps(k)}:{visit(x)}" for k, x in v.items()) + "}"
            elif isinstance(v, list):
                key = "[" + ",".join(visit(x) for x in v) + "]"
                if (
                    len(v) > _LONG_LIST
                    and len(key) > _LONG_LIST_CHARS
                    and not any(isinstance(x, dict | list) for x in v)
                ):
                    self.long_lists = True
            else:
                key = json.dumps(v)
                if isinstance(v, str) and len(v) >= _MIN_STR_ANCHOR:
                    seen[key] = seen.get(key, 0) + 1
                return key
            if len(key) >= _MIN_ANCHOR:
                seen[key] = seen.get(key, 0) + 1
                self.keys[id(v)] = key
            return key

        visit(value)
        self.repeats = {k: c for k, c in seen.items() if c > 1}

    def anchor(self, key: str | None) -> tuple[str, bool]:
        """(``&aN `` the first time / ``*aN`` later, is an alias) for the content key of a
        repeated value, else ("", False)."""
        if key is None or key not in self.repeats:
            return "", False
        name = self.anchors.get(key)
        if name is not None:
            return f"*{name}", True
        name = self.anchors[key] = f"a{len(self.anchors) + 1}"
        return f"&{name} ", False

    def anchored(self, value: Any) -> tuple[str, bool]:
        """:meth:`anchor` of a container (an alias consumes the documentation in it)."""
        if not self.repeats or not isinstance(value, dict | list) or not value:
            return "", False
        anchor, alias = self.anchor(self.keys.get(id(value)))
        if alias:
            self.skip_docs(value)
        return anchor, alias

    def string_anchor(self, value: str) -> tuple[str, bool]:
        """:meth:`anchor` of a string."""
        if len(value) < _MIN_STR_ANCHOR or not self.repeats:
            return "", False
        return self.anchor(json.dumps(value))

    def doc(self, key: str, value: str, show: bool = True, comment: bool = False) -> str:
        """The rendering of a documentation string (cut when long), consuming its span;
        ``comment``: as the text of a trailing ``# …`` comment (unquoted, one line)."""
        show_as = _comment if comment else _scalar
        if self.next_doc >= len(self.docs):
            raise ValueError("documentation strings out of step")
        k, s, e, v = self.docs[self.next_doc]
        self.next_doc += 1
        if k != key or v != value:
            raise ValueError("documentation strings out of step")
        if not show:
            return _scalar(value)
        anchor, alias = self.string_anchor(value)
        if alias:
            return anchor
        cut = cut_doc(value, self.omitter, (self.base + s, self.base + e))
        if cut is None:
            return anchor + show_as(self.plain(value))
        return f"{anchor}{show_as(cut[0])} {cut[1]}"

    def commented(self, value: Any) -> str | None:
        """A small object with one documentation string and nothing else that is one (no
        examples either), not repeated: the rest inline, the documentation as a trailing
        comment (``{type: string}  # The name.``, ``^Shape  # The name.``); else None."""
        if not isinstance(value, dict) or len(value) > 12:
            return None
        docs = [k for k in _DOC_KEYS if isinstance(value.get(k), str)]
        if len(docs) != 1 or (self.repeats and self.keys.get(id(value)) in self.repeats):
            return None
        named = id(value) in self.named_ops  # (its "name" not repeated)
        rest = {k: v for k, v in value.items() if k != docs[0] and not (named and k == "name")}
        if _holds_docs(rest) or len(_flow(rest, self.ref)) > _INLINE:
            return None
        # (The rest holds no documentation or example: this is the only one to consume.)
        doc = self.doc(docs[0], value[docs[0]], comment=True)
        self.commented_docs = True
        return f"{self.aflow(rest) if rest else '{}'}  # {doc}"

    def plain(self, doc: str) -> str:
        """A shown documentation string without its markup tags."""
        if "<" not in doc:
            return doc
        plain = " ".join(_MARKUP.sub(" ", doc).split())
        if plain != doc:
            self.markup = True
        return plain

    def string(self, value: str, show: Callable[[str], str]) -> str:
        """A string shown as ``show(value)``, with an anchor or as an alias if repeated."""
        anchor, alias = self.string_anchor(value)
        return anchor if alias else anchor + show(value)

    def scalar(self, value: Any) -> str:
        return self.string(value, _scalar) if isinstance(value, str) else _scalar(value)

    def example(self, key: str, value: Any) -> str | None:
        """Consumes an example's span; a marker standing for it when it is long, else None
        (the value is then shown like any other)."""
        if self.next_example >= len(self.examples):
            raise ValueError("examples out of step")
        s, e = self.examples[self.next_example]
        self.next_example += 1
        size = len(_compact(value))
        what = f"{key} of {size} chars"
        if key in _EXAMPLE_KEYS[2:] and isinstance(value, list):
            # (code samples: each one's language and label)
            langs = [
                " ".join(str(x.get(k)) for k in ("lang", "label") if x.get(k)) or "?"
                if isinstance(x, dict)
                else "?"
                for x in value
            ]
            what += f" ({', '.join(langs)})"
        if size <= _LONG_EXAMPLE or not self.omitter.pays(self.text[s:e], what):
            return None
        self.skip_docs(value)
        return self.omitter.mark("example", [(self.base + s, self.base + e)], 1, what)

    def enum_descriptions(self, value: list[Any], named: bool) -> str | None:
        """Consumes an enumDescriptions list's span; its items (the long ones cut to their
        first sentence) and a marker for the whole list, or None (shown like any list)."""
        if self.next_enum_doc >= len(self.enum_docs):
            raise ValueError("enum descriptions out of step")
        s, e = self.enum_docs[self.next_enum_doc]
        self.next_enum_doc += 1
        if named or not value or not all(isinstance(x, str) for x in value):
            return None
        if self.repeats and self.keys.get(id(value)) in self.repeats:
            return None
        shown = [_first_sentence(x) if len(x) > _LONG_ENUM_DOC else x for x in value]
        cut = sum(1 for x, y in zip(value, shown, strict=True) if x != y)
        removed = "".join(x[len(y) :] for x, y in zip(value, shown, strict=True) if x != y)
        what = f"{plural(cut, 'enum description')} cut, {len(self.text[s:e])} chars"
        if not cut or not self.omitter.pays(removed, what):
            return None
        marker = self.omitter.mark("enum descriptions", [(self.base + s, self.base + e)], 1, what)
        return "[" + ", ".join(_flow(x) for x in shown) + "] " + marker

    def skip_docs(self, value: Any) -> None:
        """Documentation strings and examples inside a value shown inline or not at all:
        consumed, in document order."""
        if isinstance(value, dict):
            for k, v in value.items():
                if k in _DOC_KEYS and isinstance(v, str):
                    self.doc(k, v, show=False)
                    continue
                if k in _EXAMPLE_KEYS:
                    self.next_example += 1
                elif k == _ENUM_DOCS and isinstance(v, list):
                    self.next_enum_doc += 1
                self.skip_docs(v)
        elif isinstance(value, list):
            for v in value:
                self.skip_docs(v)

    def inline(self, value: Any) -> str | None:
        if not isinstance(value, dict | list) or not value:
            return (
                self.scalar(value) if not isinstance(value, dict | list) else _flow(value, self.ref)
            )
        scalars = isinstance(value, list) and not any(isinstance(v, dict | list) for v in value)
        if scalars or len(_flow(value, self.ref)) <= _INLINE:
            self.skip_docs(value)
            return self.aflow(value)
        return None

    def aflow(self, v: Any) -> str:
        """:func:`_flow` with anchors and aliases for repeated containers."""
        if isinstance(v, dict | list) and v:
            plain = not isinstance(v, dict) or _ref(v, self.ref) is None
            anchor, alias = self.anchor(self.keys.get(id(v)) if plain else None)
            return anchor if alias else anchor + self.aflow_inner(v)
        return self.aflow_inner(v)

    def aflow_inner(self, v: Any) -> str:
        if isinstance(v, dict):
            short = _ref(v, self.ref)
            if short is not None:
                return short
            return (
                "{"
                + ", ".join(f"{_flow_key(k)}: {self.flow_member(k, x)}" for k, x in v.items())
                + "}"
            )
        if isinstance(v, list):
            return "[" + ", ".join(self.aflow(x) for x in v) + "]"
        return self.string(v, _flow) if isinstance(v, str) else _flow(v)

    def flow_member(self, k: str, x: Any) -> str:
        if k in _DOC_KEYS and isinstance(x, str):
            return self.string(x, lambda d: _flow(self.plain(d)))
        return self.aflow(x)

    def long_list(self, value: list[Any], node: Node) -> str | None:
        """A long list of scalars (a big enum): its first and last items around a marker
        naming how many it hides and which (rarest first, ``describe_run``)."""
        node = _expand(self.text, node)
        items = node.items
        if items is None or len(items) != len(value):
            return None
        n = len(value)
        hidden = value[_LIST_HEAD : n - _LIST_TAIL]
        summary = describe_run([{"value": v} for v in hidden], field_budget=200)
        what = f"{n - _LIST_HEAD - _LIST_TAIL} items #{_LIST_HEAD + 1}-#{n - _LIST_TAIL}"
        if summary:
            what += f" ({summary})"
        s, e = items[_LIST_HEAD].start, items[n - _LIST_TAIL - 1].end
        if not self.omitter.pays(self.text[s:e], what):
            return None
        self.skip_docs(value)
        marker = self.omitter.mark("items", [(self.base + s, self.base + e)], len(hidden), what)
        head = ", ".join(_flow(v) for v in value[:_LIST_HEAD])
        tail = ", ".join(_flow(v) for v in value[n - _LIST_TAIL :])
        return f"[{head}, {marker}, {tail}]"

    def member(
        self,
        prefix: str,
        key: str | None,
        value: Any,
        indent: str,
        node: Node | None = None,
        named: bool = False,
    ) -> None:
        """One member; ``named``: its key is a name (a property, definition, shape), never
        documentation or an example."""
        if key in _DOC_KEYS and isinstance(value, str) and not named:
            self.lines.append(f"{indent}{prefix}{self.doc(key, value)}")
            return
        if key == _ENUM_DOCS and isinstance(value, list):
            shown_docs = self.enum_descriptions(value, named)
            if shown_docs is not None:
                self.lines.append(f"{indent}{prefix}{shown_docs}")
                return
        if key in _EXAMPLE_KEYS and named:
            self.next_example += 1  # (a type or property named "example": shown)
        elif key in _EXAMPLE_KEYS:
            marker = self.example(key, value)
            if marker is not None:
                self.lines.append(f"{indent}{prefix}{marker}")
                return
        shown = None
        if (
            node is not None
            and isinstance(value, list)
            and len(value) > _LONG_LIST
            and not any(isinstance(v, dict | list) for v in value)
            and len(_compact(value)) > _LONG_LIST_CHARS
        ):
            shown = self.long_list(value, node)
        if shown is None:
            shown = self.commented(value)
        if shown is None:
            shown = self.inline(value)  # (anchors and aliases of inline values: aflow)
        if shown is not None:
            self.lines.append(f"{indent}{prefix}{shown}")
            return
        anchor, alias = self.anchored(value)
        if alias:
            self.lines.append(f"{indent}{prefix}{anchor}")
            return
        prefix += anchor
        if prefix == "- " and isinstance(value, dict):
            # A list item's first key on its dash line (YAML style).
            start = len(self.lines)
            self.walk(value, indent + "  ", node)
            self.lines[start] = f"{indent}- {self.lines[start][len(indent) + 2 :]}"
            return
        self.lines.append(f"{indent}{prefix.rstrip()}")
        self.walk(value, indent + " ", node, key in _NAME_MAPS)

    def walk(self, value: Any, indent: str, node: Node | None = None, names: bool = False) -> None:
        """``names``: the keys of ``value`` are names (see :meth:`member`)."""
        if node is not None and node.items is None and node.members is None:
            node = _expand(self.text, node) if _big(value) else None
        if isinstance(value, dict):
            members = node.members if node is not None else None
            nodes = [m for _, m in members] if members and len(members) == len(value) else None
            named = id(value) in self.named_ops
            for i, (k, v) in enumerate(value.items()):
                if named and k == "name":
                    continue
                self.member(f"{_key(k)}: ", k, v, indent, nodes[i] if nodes else None, names)
        else:
            items = node.items if node is not None else None
            ok = items is not None and len(items) == len(value)
            for i, v in enumerate(value):
                self.member("- ", None, v, indent, items[i] if ok and items else None)


def compress_api(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """The outline of an API description (see the module docstring); raises ValueError if
    the text is not one (not JSON, or not an object)."""
    doc = json.loads(text)
    if not isinstance(doc, dict):
        raise ValueError("not an object")
    r = _Render(text, omitter, base)
    r.ref = _ref_style(doc, text)
    r.count_repeats(doc)
    root: Node | None = None
    if r.long_lists:
        # Positions (the spans of list items) only when a long list may be cut.
        start = len(text) - len(text.lstrip())
        root = _parse(text, start, 0)
        doc = root.value
        r.count_repeats(doc)  # (the containers are new objects)
    ops = doc.get("operations") if isinstance(doc.get("shapes"), dict) else None
    if isinstance(ops, dict):
        r.named_ops = {id(v) for k, v in ops.items() if isinstance(v, dict) and v.get("name") == k}
    r.walk(doc, "", root)
    if (
        r.next_doc != len(r.docs)
        or r.next_example != len(r.examples)
        or r.next_enum_doc != len(r.enum_docs)
    ):
        raise ValueError("documentation strings out of step")
    head = _describe(doc)
    lines = r.lines
    if r.anchors:
        # Anchors of values only repeated inside a repeated parent are never used: dropped.
        used = set(re.findall(r"\*(a\d+)\b", "\n".join(lines)))
        unused = re.compile(r"&(a\d+) ")
        lines = [unused.sub(lambda m: m.group(0) if m.group(1) in used else "", ln) for ln in lines]
        if used:
            head += " (*aN: repeats &aN)"
    if r.ref is not None:
        head += f" (^X: {{{r.ref[0]}: {_scalar(r.ref[1] + 'X')}}})"
    if r.named_ops:
        head += " (an operation's name: its key)"
    if r.markup:
        head += " (documentation: markup tags removed)"
    if r.commented_docs:
        head += " (# …: its documentation)"
    return "\n".join([head, *lines]) + "\n"
