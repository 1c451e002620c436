"""API descriptions written in YAML: OpenAPI 3.x, Swagger 2.0, AsyncAPI, Kubernetes
CustomResourceDefinitions (their ``openAPIV3Schema``).

No YAML library is used (none is a core dependency): the text is read line by line on YAML's
indentation. Every line is kept verbatim (every key, path, operationId, schema name,
``$ref``, enum, type; a quoted value that YAML reads as the same string plain is written
plain, ``type: "string"`` as ``type: string``: see :func:`_unquoted`) except the long
documentation values (``description``, ``summary``, ``x-…-description``; the JSON API
compressor's rules: ``cut_doc``), which keep their first
sentence and a marker standing for the whole value, and the example values of over
``_LONG_EXAMPLE`` characters (``example``, ``examples``, an Example Object's ``value``, code
samples ``x-codeSamples``, named by their languages: see
:func:`_example`), which a marker stands for whole (naming their lines and top-level keys or
items; the names and media types of ``examples`` stay); the one-line example values
(``example: 'email'``), when a marker for them all pays, are behind one marker on a comment
line at the top, each span a whole line (see :func:`_short_examples`). In YAML the
documentation limit is ``_LONG_DOC_YAML`` (100 characters), not the JSON outline's. A
mapping or list that is the value of more than one key (its lines the same, indentation
aside: repeated responses, schemas, property blocks) is shown once, its key line given a
YAML anchor (``responses: &a1``), and later as an alias of it (``responses: *a1``): standard
YAML, nothing hidden (see :func:`_repeats`). A mapping holding every entry of an earlier one
and more, or some with other values (messages that differ in one field, a schema's
properties that are another's and some more), is shown as a merge key (``<<: *m1``, YAML
1.1's, which most parsers read) and its own entries (see :func:`_merges`); a scalar of 16
characters or more shown on more than one line, as an anchor and aliases (``summary: &s1
…``, ``summary: *s1``). Four or more references differing only in their last name (an
AsyncAPI operation's list of ``- $ref: '#/channels/root/messages/hello'``, a channel's
mapping of messages to ``$ref: '#/components/messages/<its key>'``) are named by a marker:
the reference's head and every name, in order (see :func:`_refs`). A mapping whose one entry
is a reference of the document's form that saves the most (a head up to a ``/`` and a file
extension: ``$ref: '#/components/schemas/Pet'``, ``$ref: './resources/job/Jobs.yaml'``, the
name ``job/Jobs`` under ``'./resources/'``), at least four of them, is written on its key's
line as ``^Pet`` (a list item holding only it: ``- ^Pet``), a comment
line at the top saying what ``^X`` stands for (``# (^X: {$ref: './resources/X.yaml'})``), where
that saves tokens and no value reads ``^Name`` already: nothing is hidden (see
:func:`_abbreviated`). The output stays YAML: a
cut block scalar (``description: |``) stays one, its kept sentence and marker on one line at
its content's indentation; a cut plain or quoted value stays on its key's line. Comments and
quotes are read as YAML reads them: ``#`` opens a comment after a blank and outside quotes,
``''`` is a quote inside single quotes, a backslash escapes inside double quotes; a value
with a comment after it is shown as it is. Input this reader cannot follow (tab indentation,
a line that is neither a key, a list item nor the rest of a value, an unclosed quote, text
after a closing quote) raises ``_api.Unreadable`` with the reason.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right, insort
from functools import lru_cache
from typing import NamedTuple

from transforms._api import _DOC_KEYS, _LONG_EXAMPLE, _NAME_MAPS, Unreadable, cut_doc
from transforms._omit import Omitter, plural
from transforms.tokens import raw_count

__all__ = ["compress_yaml_api", "is_yaml_api"]

# Top-level keys naming an API description (the version opens with a digit).
_API_KEY = re.compile(r"^(?:openapi|swagger|asyncapi)\s*:\s*['\"]?\d", re.MULTILINE)
_CRD_KIND = re.compile(r"^kind\s*:\s*['\"]?CustomResourceDefinition['\"]?\s*$", re.MULTILINE)
_CRD_SCHEMA = re.compile(r"^\s+openAPIV3Schema\s*:", re.MULTILINE)
# A first line of YAML at the margin: a key (plain or quoted) and a colon.
_TOP_KEY = re.compile(r"""(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z_$][\w$.-]*)\s*:(?:\s|$)""")
# Where the top-level key naming the kind may stand.
_HEAD = 64_000

# Example values: these keys' (see _example), and the keys of an OpenAPI Example Object.
_EXAMPLE_KEYS = frozenset(
    ["example", "examples", "x-example", "x-examples", "x-codeSamples", "x-code-samples"]
)
# Code samples (Redoc's and others' ``x-codeSamples``: a list of ``lang``, ``label``,
# ``source``): example values; the marker names each sample's language and label.
_CODE_SAMPLE_KEYS = frozenset(["x-codeSamples", "x-code-samples"])
_EXAMPLE_OBJECT = frozenset(["summary", "description", "value", "externalValue", "$ref"])
# (An example value over _api's _LONG_EXAMPLE characters, its text with runs of blanks as one,
# may be cut: one limit for the JSON outline and the YAML reader.)

# A repeated mapping or list this long (its lines, indentation aside) may be an alias.
_MIN_REPEAT = 24
# A mapping may merge one of the latest this many mappings holding one of its entries (of
# _MIN_REPEAT characters or more).
_MERGE_BASES = 32
# A list or mapping of this many references differing in their last name is named by a
# marker (see _refs).
_MIN_REFS = 4
_REF_NAME = r"""(?P<q>['"]?)(?P<head>#/(?:[\w.{}-]+/)+)(?P<name>[\w.{}-]+)(?P=q)"""
_REF_ITEM = re.compile(rf"( *)- +\$ref: +{_REF_NAME} *")
_REF_KEY = re.compile(r"( *)([\w.{}-]+): *")
_REF_VALUE = re.compile(rf"( *)\$ref: +{_REF_NAME} *")
# A mapping whose one entry is a reference of the document's form saving the most (its head
# and tail the same, ``'#/components/schemas/<name>'``, ``'./resources/<name>.yaml'``) is written
# ``^<name>`` when this many are and that pays: a line at the top says what ``^X`` stands for
# (see _ref_form, _abbreviated).
_MIN_REF_FORM = 4
_REF_LINE = re.compile(
    r"""^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)\$ref:[ ]+(?P<q>['"]?)(?P<v>[^\s'"]+)(?P=q)[ ]*$""",
    re.MULTILINE,
)
_REF_FORM_NAME = re.compile(r"[A-Za-z0-9_][\w.-]*(?:/[A-Za-z0-9_][\w.-]*)*")
# A plain value ``^Name`` already in the text: ``^X`` would be ambiguous.
_CARET_VALUE = re.compile(r"""(?m)(?::|^[ ]*-)[ ]+['"]?\^[A-Za-z0-9_][\w./-]*['"]?[ ]*$""")
# A scalar this long (on an entry's line) shown more than once may be an alias.
_MIN_SCALAR_REPEAT = 16
# A documentation value over this many characters keeps its first sentence (if the rest
# pays for a marker): lower than the JSON outline's _LONG_DOC, as a YAML description shows
# every entry on a line of its own (a property's two-sentence description is most of it).
_LONG_DOC_YAML = 100
# One-line example values (``example: 'email'`` under a property or parameter): when at
# least this many, all behind one marker (a comment line at the top) if that pays, the
# marker naming the keys holding them within _SHORT_EXAMPLE_NAMES characters.
_SHORT_EXAMPLE_KEYS = frozenset(["example", "x-example"])
_MIN_SHORT_EXAMPLES = 4
_SHORT_EXAMPLE_NAMES = 160
# Quoted values written plain (see _unquoted) that alone make a change.
_MIN_UNQUOTED = 8
# A plain scalar YAML (1.1 or 1.2) may read as no string: null, a boolean, a number, a date,
# ``=`` (1.1's value key), ``<<`` (a merge key).
_RESOLVED = re.compile(
    r"(?i)null|~|true|false|yes|no|on|off|y|n|=|<<|[-+.0-9].*|\.(?:inf|nan)|[\s\S]*[\t\n][\s\S]*"
)
# An anchor or alias in a value (a repeat holding one is shown as it is).
_ANCHORS = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]", re.MULTILINE)

# A mapping entry: indentation, list dashes ("- - "), the key, the value after ": ".
_ENTRY = re.compile(
    r"""(?P<indent> *)(?P<dashes>(?:-[ ]+)*)"""
    r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"#\-?:,\[\]{}&*!|>%@`]"""
    r"""(?:[^ #]|(?<! )#|[ ](?! *#))*?|-[^\s#](?:[^ #]|(?<! )#|[ ](?! *#))*?)"""
    r"""[ ]*:(?:[ ]+(?P<value>.*?)|)[ ]*$"""
)
# A list item that is no mapping entry: "- value", "-".
_ITEM = re.compile(r"(?P<indent> *)(?P<dashes>(?:-[ ]+)*-)(?:[ ]+(?P<value>.*?)|)[ ]*$")
# A block scalar's header: | or >, chomping and indentation indicators, a comment.
_BLOCK = re.compile(r"[|>][-+]?[1-9]?[-+]?(?:[ ]+#.*)?")
# Documentation keys: the JSON API compressor's, and extensions such as x-displayName's
# kin "x-long-description".
_X_DOC = re.compile(r"x-[\w-]*description")
# Node properties before a value: an anchor or a tag (``&name``, ``!!str``).
_PROPS = re.compile(r"(?:[&!]\S*(?:[ ]+|$))+")
# A plain scalar's continuation line that is itself an entry: the value does not read.
_LOOKS_ENTRY = re.compile(r"\s*[^\s#'\"](?:[^ #]|(?<! )#|[ ](?! *#))*?:(?:\s|$)")
# Inside double quotes: the closing quote, or a backslash and what it escapes.
_DQ_STOP = re.compile(r'"|\\.', re.DOTALL)
# A comment in a plain scalar: "#" after a blank.
_PLAIN_COMMENT = re.compile(r"(?:^|[ \t\n])#")


def is_yaml_api(text: str) -> bool:
    """YAML whose top level names an API description (``openapi:``, ``swagger:``,
    ``asyncapi:`` with a version), or a Kubernetes ``kind: CustomResourceDefinition`` with
    an ``openAPIV3Schema``."""
    head = text[:_HEAD]
    if not any(w in head for w in ("openapi", "swagger", "asyncapi", "CustomResourceDefinition")):
        return False  # (told at memchr speed: most texts)
    if not (_API_KEY.search(head) or (_CRD_KIND.search(head) and _CRD_SCHEMA.search(text))):
        return False
    # The lines at the margin are the top-level keys (or document markers): prose opening
    # with "openapi: 3 …" is not YAML. (The last line of the head may be cut.)
    top = [
        ln
        for ln in head.splitlines()[:-1] or head.splitlines()
        if ln[:1] not in ("", " ", "\t", "#", "%") and not ln.startswith(("---", "..."))
    ]
    return bool(top) and all(_TOP_KEY.match(ln) for ln in top)


def _unquote(value: str) -> str:
    """A quoted scalar's text (enough of YAML's escapes to find its first sentence)."""
    inner = value[1:-1]
    if value[0] == "'":
        return " ".join(inner.replace("''", "'").split())
    inner = re.sub(r"\\\s*\n\s*", "", inner)  # an escaped line break joins the lines
    return " ".join(inner.replace('\\"', '"').replace("\\\\", "\\").replace("\\n", "\n").split())


def _quote_end(text: str, pos: int) -> int:
    """The index just past the quote closing the quoted scalar that opens at ``pos``, or -1
    if it is not closed in ``text``. In single quotes ``''`` is an escaped quote; in double
    quotes a backslash escapes the next character."""
    quote = text[pos]
    k = pos + 1
    while True:
        if quote == "'":
            k = text.find("'", k)
            if k < 0:
                return -1
            if text.startswith("''", k):
                k += 2
                continue
            return k + 1
        m = _DQ_STOP.search(text, k)
        if m is None:
            return -1
        if m.group() == '"':
            return m.end()
        k = m.end()  # (a backslash and the character it escapes)


def _without_comment(value: str) -> str:
    """A value on a key's or dash's line without a comment after it (a flow collection's
    comments are left to :func:`_closed`)."""
    if value[:1] in ('"', "'"):
        close = _quote_end(value, 0)
        if close > 0 and _comment_at(value, close):
            return value[:close]
        return value
    if value[:1] in ("[", "{"):
        return value
    m = _PLAIN_COMMENT.search(value)
    return value if m is None else value[: m.start()].rstrip()


def _comment_at(text: str, pos: int) -> bool:
    """Whether ``text[pos:]`` (what follows a closed quoted value) is only blanks, or blanks
    and a comment (``#`` after a blank)."""
    rest = text[pos:]
    stripped = rest.lstrip(" \t")
    return not stripped or (stripped[0] == "#" and len(stripped) < len(rest))


def _plain_ok(shown: str) -> bool:
    """Whether ``shown`` reads back as the same plain scalar on a key's line."""
    return not (
        ": " in shown or " #" in shown or shown.endswith(":") or shown[0] in "-?:,[]{}#&*!|>'\"%@`"
    )


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for ln in self.lines:
            self.starts.append(self.starts[-1] + len(ln))

    def indent(self, i: int) -> int:
        ln = self.lines[i]
        return len(ln) - len(ln.lstrip(" "))

    def blank(self, i: int) -> bool:
        return not self.lines[i].strip()

    def deeper(self, i: int, than: int) -> int:
        """The end of the lines after ``i`` indented more than ``than`` (blank lines inside
        the run included, those after it not)."""
        end = j = i + 1
        while j < len(self.lines):
            if not self.blank(j):
                if self.indent(j) <= than:
                    break
                end = j + 1
            j += 1
        return end

    def block_end(self, i: int, than: int) -> int:
        """The end of the block scalar whose header is on line ``i`` (content: the lines
        indented more than ``than``, from the first non-blank one's indentation on)."""
        j = i + 1
        while j < len(self.lines) and self.blank(j):
            j += 1
        if j == len(self.lines) or self.indent(j) <= than:
            return i + 1
        return self.deeper(i, self.indent(j) - 1)


class _Read(NamedTuple):
    """A line holding an entry (``key: value``) or a list item (``- value``)."""

    match: re.Match[str]
    key: str | None  # (unquoted; None: a list item without a key)
    column: int  # where the key (or the item's value) stands
    value: str  # the value on the line, without a comment after it
    core: str  # the value without its anchor or tag
    end: int  # the end of the value's lines (line + 1: children, if any, follow)


def _read(doc: _Lines, i: int) -> _Read:
    """Line ``i`` (neither blank nor a comment) as YAML reads it; ``Unreadable`` if it cannot."""
    line = doc.lines[i]
    if "\t" in line[: len(line) - len(line.lstrip())]:
        raise Unreadable("tab indentation", i + 1)
    body = line.rstrip("\r\n")
    m = _ENTRY.fullmatch(body)
    key: str | None
    if m is None:
        m = _ITEM.fullmatch(body)
        if m is None:
            raise Unreadable("ragged", i + 1)
        key = None
    else:
        key = m.group("key").strip("'\"")
    column = len(m.group("indent")) + len(m.group("dashes"))
    value = _without_comment(m.group("value") or "")
    props = _PROPS.match(value)
    core = value[props.end() :] if props else value
    # Where the value ends.
    than = column if key is not None else column - 1
    if _BLOCK.fullmatch(core):
        end = doc.block_end(i, than)
    elif core[:1] in ("[", "{", '"', "'"):
        end = doc.deeper(i, than)
        if not _closes_here(core):
            end = max(end, _closed(doc, i, core))
    elif core or (i + 1 < len(doc.lines) and _continues(doc, i + 1, column)):
        end = doc.deeper(i, than)
    else:
        end = i + 1  # (children, if any, are lines of their own)
    if core and core[0] not in "\"'[{|>" and end > i + 1:
        # A plain scalar over several lines: none of them may read as an entry.
        for j in range(i + 1, end):
            if not doc.blank(j) and _LOOKS_ENTRY.match(doc.lines[j]):
                raise Unreadable("ragged", j + 1)
    return _Read(m, key, column, value, core, end)


def _skipped(line: str) -> bool:
    """A blank line, a comment, a document marker or a directive: shown as it is."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or line.startswith(("---", "...", "%"))


def _repeats(
    doc: _Lines,
    reads: dict[int, _Read],
    form: tuple[str, str] | None = None,
    skipped: dict[str, int] | None = None,
) -> dict[int, tuple[str, int]]:
    """Mappings and lists repeated in the document: for the lines whose value (their children,
    nothing on the line) is the same as an earlier one's (the same lines, indentation
    aside), line -> (``*name``: an alias of the earlier, the end of its lines); for the
    earlier ones, line -> (``&name``, end). Outer repeats first; a repeat inside an example
    value (which may be cut whole) or within reach of another document (``---``) is none.
    Every line read is kept in ``reads``."""
    prefix = next(p for p in ("a", "r", "y", "yaml") if not re.search(rf"[&*]{p}\d", doc.text))
    lines = doc.lines
    # Each non-blank line's number, its text without indentation and the step of indentation
    # from the line before: a candidate's texts and steps (but the first) are the same at any
    # indentation; only candidates whose texts and steps meet are compared by their text.
    rows: list[int] = []
    row_of: dict[int, int] = {}
    texts: list[str] = []
    steps: list[int] = []
    last = 0
    for j, ln in enumerate(lines):
        stripped = ln.strip()
        if not stripped:
            continue
        ind = len(ln) - len(ln.lstrip(" "))
        row_of[j] = len(rows)
        rows.append(j)
        texts.append(stripped)
        steps.append(ind - last)
        last = ind
    candidates: dict[tuple[int, int, int, int], list[tuple[int, int]]] = {}
    open_: list[tuple[int, int, int]] = []  # (column, line, document) of candidates open
    parents: list[tuple[int, str, bool]] = []
    in_example: list[int] = []  # the columns of the example values around
    document = 0

    def close(upto_row: int, indent: int) -> None:
        """Candidates whose lines end before the row ``upto_row`` (indented ``indent``)."""
        while open_ and open_[-1][0] >= indent:
            _, i, doc_no = open_.pop()
            a, b = row_of[i] + 1, upto_row
            if b - a < 1:
                continue
            sig = (doc_no, b - a, hash(tuple(texts[a:b])), hash(tuple(steps[a + 1 : b])))
            candidates.setdefault(sig, []).append((i, rows[b - 1] + 1))

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip():
            close(row_of[i], len(line) - len(line.lstrip(" ")))
        if _skipped(line):
            document += line.startswith("---")
            i += 1
            continue
        r = reads[i] = _read(doc, i)
        if r.key is not None:
            while parents and parents[-1][0] >= r.column:
                parents.pop()
            while in_example and in_example[-1] >= r.column:
                in_example.pop()
            named = bool(parents) and parents[-1][1] in _NAME_MAPS and not parents[-1][2]
            parents.append((r.column, r.key, named))
            if not named and _example_like(parents):
                in_example.append(r.column)
            if not r.match.group("value") and r.end == i + 1 and not in_example:
                open_.append((r.column, i, document))
        i = r.end
    close(len(rows), -1)
    groups: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for (doc_no, *_), occ in candidates.items():
        if len(occ) < 2:
            continue
        for i, end in sorted(occ):
            ci = doc.indent(i + 1)
            body = doc.text[doc.starts[i + 1] : doc.starts[end]]
            content = re.sub(rf"(?m)^ {{{ci}}}", "", body) if ci else body
            if len(content) >= _MIN_REPEAT and not _ANCHORS.search(content):
                if form is not None and _one_ref(content, form):
                    # (written ^X: shorter than an alias)
                    if skipped is not None:
                        skipped[content] = skipped.get(content, 0) + 1
                    continue
                groups.setdefault((doc_no, content), []).append((i, end))
    found: dict[int, tuple[str, int]] = {}
    aliased: list[tuple[int, int]] = []  # (sorted by start) regions shown as an alias
    for (_, content), occ in sorted(groups.items(), key=lambda g: -len(g[0][1])):
        if len(occ) < 2:
            continue
        left = [(s, e) for s, e in occ if not _inside(aliased, s)]
        if len(left) < 2 or raw_count(content) * (len(left) - 1) <= 3 * len(left) + 2:
            continue
        name = f"{prefix}{sum(1 for v in found.values() if v[0][0] == '&') + 1}"
        found[left[0][0]] = (f"&{name}", left[0][1])
        for s, e in left[1:]:
            found[s] = (f"*{name}", e)
            insort(aliased, (s, e))
    # Anchors are named in the order they are shown (an alias always follows its anchor).
    names: dict[str, str] = {}
    for line_no in sorted(found):
        mark, end = found[line_no]
        if mark[0] == "&":
            names[mark[1:]] = f"{prefix}{len(names) + 1}"
    return {k: (m[0] + names[m[1:]], e) for k, (m, e) in found.items()}


class _Mapping(NamedTuple):
    """A block mapping: the value of an entry with nothing on its line (``opener``: that
    line) or a list item opening with an entry (``opener``: the dash line, ``dash``)."""

    opener: int
    column: int  # where its keys stand
    dash: bool
    start: int  # its first entry's line
    end: int
    entries: dict[str, tuple[int, int, str]]  # key -> (start, end, text without indentation)


class _Merges(NamedTuple):
    """What :func:`_merges` plans, by line of the input."""

    drops: dict[int, int]  # an entry shown by a merge key: its start -> its end
    inserts: dict[int, str]  # a line to show before this one (``<<: *m1``)
    dashes: dict[int, str]  # a list item's dash line -> what its dash holds on a line of its
    # own (``&m1`` or ``<<: *m1``); its entry moves to the next line
    anchors: dict[int, str]  # an opener line -> its anchor (`` &m1``)


@lru_cache(maxsize=64)
def _dedent(column: int) -> re.Pattern[str]:
    """The indentation of ``column`` blanks at the start of a line after the first."""
    return re.compile(rf"(?<=\n) {{{column}}}")


def _run_ends(doc: _Lines, wanted: dict[tuple[int, int], int]) -> None:
    """``wanted``: (line, than) -> the end of the lines after ``line`` indented more than
    ``than`` (:meth:`_Lines.deeper`'s), filled in one pass (lines in order of line number;
    the ``than`` of a line inside another's run is greater than that one's)."""
    order = sorted(wanted)
    stack: list[tuple[int, int]] = []  # (than, line), than increasing
    last = -1  # the last non-blank line seen
    k = 0
    for j in range(len(doc.lines)):
        if doc.blank(j):
            continue
        ind = doc.indent(j)
        while stack and stack[-1][0] >= ind:
            than, i = stack.pop()
            wanted[i, than] = max(last, i) + 1
        last = j
        while k < len(order) and order[k][0] == j:
            stack.append((order[k][1], j))  # (a line's thans in increasing order)
            k += 1
    for than, i in stack:
        wanted[i, than] = max(last, i) + 1


def _mappings(doc: _Lines, reads: dict[int, _Read]) -> list[_Mapping]:
    """The block mappings of the document that may merge or be merged: no comment, document
    marker, anchor or alias among their lines, not inside an example value."""
    lines = doc.lines
    found: list[_Mapping] = []
    parents: list[tuple[int, bool]] = []  # (column, whether in an example value)
    wanted: dict[tuple[int, int], int] = {}
    for i, r in reads.items():
        if r.key is not None:
            wanted[i, r.column] = 0
            if r.match.group("dashes"):
                wanted[i, r.column - 1] = 0
    _run_ends(doc, wanted)
    # (how many lines before each are comments, document markers or directives)
    odd = [0]
    for ln in lines:
        odd.append(odd[-1] + ("#" in ln or ln[:1] in "-.%") * _skipped(ln) * bool(ln.strip()))
    # (how many lines before each hold an anchor or an alias)
    flags = [0] * len(lines)
    for m in _ANCHORS.finditer(doc.text):
        flags[bisect_right(doc.starts, m.end() - 2) - 1] = 1
    marked = [0]
    for f in flags:
        marked.append(marked[-1] + f)
    for i in sorted(reads):
        r = reads[i]
        if r.key is None:
            continue
        while parents and parents[-1][0] >= r.column:
            parents.pop()
        parents.append((r.column, r.key in _EXAMPLE_KEYS or (parents[-1][1] if parents else False)))
        if parents[-1][1]:
            continue  # (in an example value)
        dashes = r.match.group("dashes")
        if dashes:
            if dashes != "- ":
                continue
            opener, column, first = i, r.column, i
            end = wanted[i, column - 1]
        elif not r.match.group("value") and r.end == i + 1:
            first = i + 1
            while first < len(lines) and doc.blank(first):
                first += 1
            if first == len(lines) or doc.indent(first) <= r.column or first not in reads:
                continue
            opener, column = i, doc.indent(first)
            end = wanted[i, r.column]
        else:
            continue
        if odd[end] != odd[first]:
            continue
        entries: dict[str, tuple[int, int, str]] = {}
        j = first
        while j < end:
            if doc.blank(j):
                j += 1
                continue
            rj = reads.get(j)
            if (
                rj is None
                or rj.key is None
                or rj.column != column
                or ((j != first or not dashes) and rj.match.group("dashes"))
            ):
                break
            e = max(rj.end, wanted[j, column])
            if rj.key in entries or marked[e] != marked[j]:
                break
            body = _dedent(column).sub("", doc.text[doc.starts[j] + column : doc.starts[e]])
            entries[rj.key] = (j, e, body)
            j = e
        else:
            if len(entries) >= 2:
                found.append(_Mapping(opener, column, bool(dashes), first, end, entries))
    return found


def _merges(doc: _Lines, reads: dict[int, _Read], repeats: dict[int, tuple[str, int]]) -> _Merges:
    """Mappings holding every entry of an earlier mapping (the same lines, indentation
    aside) and more, or some of them with other values: shown as a YAML merge key
    (``<<: *m1``, YAML 1.1's, which most parsers read: the entries of the mapping anchored
    ``&m1``, those written beside it winning) and their own entries, when that pays. A
    list of messages that differ in one field, a schema's properties that are another's
    and some more."""
    plan = _Merges({}, {}, {}, {})
    maps = _mappings(doc, reads)
    if len(maps) < 2:
        return plan
    taken = {m.group(1) for m in re.finditer(r"[&*]([A-Za-z]+)\d", doc.text)}
    prefix = next(p for p in ("m", "k", "merge") if p not in taken)
    regions: list[tuple[int, int]] = sorted(
        (i, e) for i, (mark, e) in repeats.items() if mark[0] == "*"
    )
    by_entry: dict[tuple[str, str], list[int]] = {}
    names: dict[int, str] = {}  # base (index in maps) -> its anchor's name
    made = 0
    costs: dict[int, int] = {}  # an entry's line -> the tokens of its lines as shown
    for n, mp in enumerate(maps):
        rep = None if mp.dash else repeats.get(mp.opener)
        if _inside(regions, mp.opener) or (rep is not None and rep[0][0] == "*"):
            continue  # (not shown, or shown as an alias)
        shared: dict[int, int] = {}
        for key, (_, _, body) in mp.entries.items():
            # (the latest bases holding a longer entry: a mapping's entries of a few
            # characters are held by thousands)
            for b in by_entry.get((key, body), ())[-_MERGE_BASES:]:
                shared[b] = shared.get(b, 0) + 1
        best, gain = -1, 0
        for b, count in shared.items():
            base = maps[b]
            if base.end > mp.opener or (
                not mp.dash and count == len(mp.entries) == len(base.entries)
            ):
                continue  # (around this one, or the same: an alias if it pays)
            if not set(base.entries) <= set(mp.entries):
                continue
            same = [k for k in base.entries if mp.entries[k][2] == base.entries[k][2]]
            cost = 0
            for k in same:
                at = mp.entries[k][0]
                if at not in costs:
                    costs[at] = _shown_cost(doc, repeats, at, mp.entries[k][1])
                cost += costs[at]
            g = cost - 4 - (0 if b in names else 3)
            if g > gain:
                best, gain = b, g
        if best < 0 or gain <= 6:
            for key, (_, _, body) in mp.entries.items():
                if len(body) >= _MIN_REPEAT:
                    by_entry.setdefault((key, body), []).append(n)
            continue
        base = maps[best]
        spans = [mp.entries[k][:2] for k in base.entries if mp.entries[k][2] == base.entries[k][2]]
        if any(repeats.get(j, ("*", 0))[0][0] == "&" for s0, e0 in spans for j in range(s0, e0)):
            continue  # (an anchor among the lines dropped)
        if best not in names:
            if not base.dash and base.opener in repeats:
                names[best] = repeats[base.opener][0][1:]  # (its anchor)
            else:
                made += 1
                names[best] = f"{prefix}{made}"
                if base.dash:
                    plan.dashes[base.opener] = f"&{names[best]}"
                else:
                    plan.anchors[base.opener] = f" &{names[best]}"
        alias = f"<<: *{names[best]}"
        if mp.dash:
            plan.dashes[mp.opener] = alias
        else:
            plan.inserts[mp.start] = " " * mp.column + alias + "\n"
        for s0, e0 in spans:
            plan.drops[s0] = e0
            insort(regions, (s0, e0))
    return plan


def _shown_cost(doc: _Lines, repeats: dict[int, tuple[str, int]], start: int, end: int) -> int:
    """About the tokens of lines ``start:end`` as shown (a repeat: its line and alias):
    a token for each 4 characters but blanks, and one a line (its break and indentation)."""
    rep = repeats.get(start)
    if rep is not None and rep[0][0] == "*":
        return len(doc.lines[start].strip()) // 4 + 4
    n = 0
    for ln in doc.lines[start:end]:
        n += (len(ln.strip()) + 3) // 4 + 1
    return n


def _inside(regions: list[tuple[int, int]], line: int) -> bool:
    """Whether ``line`` is inside one of ``regions`` (sorted, not overlapping)."""
    k = bisect_right(regions, (line, 1 << 62)) - 1
    return k >= 0 and regions[k][0] <= line < regions[k][1]


def _example_like(parents: list[tuple[int, str, bool]]) -> bool:
    """Whether the entry last in ``parents`` may hold an example value (see _example)."""
    key = parents[-1][1]
    if key in _EXAMPLE_KEYS:
        return True
    up = parents[-2] if len(parents) > 1 else None
    if up is not None and up[1] in _EXAMPLE_KEYS and not up[2]:
        return True
    up2 = parents[-3] if len(parents) > 2 else None
    return key == "value" and up2 is not None and up2[1] in _EXAMPLE_KEYS and not up2[2]


def compress_yaml_api(text: str, omitter: Omitter, base: int = 0) -> str | None:
    """The YAML with its long documentation values and examples cut and its repeated
    mappings and lists shown once (see the module docstring); None if nothing was cut;
    raises ``Unreadable`` (``.reason``, ``.line``) on YAML it cannot follow."""
    form = _ref_form(text)
    if form is not None:
        checkpoint = omitter.checkpoint()
        out, used, aliasable = _compress(text, omitter, base, form)
        if used or not aliasable:
            return out
        # (References written ^X did not pay: those mappings may be aliases instead.)
        omitter.rollback(checkpoint)
    return _compress(text, omitter, base, None)[0]


def _compress(
    text: str, omitter: Omitter, base: int, form: tuple[str, str] | None
) -> tuple[str | None, bool, bool]:
    """:func:`compress_yaml_api`'s output, with the mappings of one reference of ``form``
    written ``^X`` where that pays; whether any is, and whether any such mapping was not made
    an alias of a repeat for it (without ``form``, the output would differ)."""
    doc = _Lines(text)
    lines = doc.lines
    reads: dict[int, _Read] = {}
    skipped: dict[str, int] = {}  # mappings of one reference not made repeats
    repeats = _repeats(doc, reads, form, skipped)
    # References written ^X: (line of out, the lines it stands for)
    short_refs: list[tuple[int, str]] = []
    unquoted = 0  # quoted values written plain
    out: list[str] = []
    # (indentation, key, whether the key is a name) of the mappings around
    parents: list[tuple[int, str, bool]] = []
    cut = False
    # A scalar on an entry's line, shown as it is: its lines in out (see _alias_scalars).
    scalars: dict[str, list[tuple[int, int]]] = {}
    in_example: list[int] = []  # the columns of the example values around (shown as they are)
    # Anchors of repeats shown (name -> line of out) and the names aliased: an anchor whose
    # aliases all went with the entries a merge key stands for is dropped.
    anchored: dict[str, int] = {}
    plan = _merges(doc, reads, repeats)
    used = {
        v.split("*")[1].strip() for v in [*plan.inserts.values(), *plan.dashes.values()] if "*" in v
    }
    dashed: list[tuple[int, int, str]] = []  # (line of out, line, its dash's line)
    # One-line example entries shown: (line of out, its start in the text, the key holding it)
    short: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in plan.inserts:
            out.append(plan.inserts[i])
            cut = True
        if i in plan.dashes:
            r = reads[i]
            dashed.append((len(out), i, f"{line[: r.column - 2]}- {plan.dashes[i]}\n"))
            cut = True
        if i in plan.drops:
            i = plan.drops[i]
            continue
        if _skipped(line):
            out.append(line)
            i += 1
            continue
        r = reads.get(i) or _read(doc, i)
        m, key, column, value, end = r.match, r.key, r.column, r.value, r.end
        named = False
        if key is not None:
            while parents and parents[-1][0] >= column:
                parents.pop()
            named = bool(parents) and parents[-1][1] in _NAME_MAPS and not parents[-1][2]
            parents.append((column, key, named))
            while in_example and in_example[-1] >= column:
                in_example.pop()
            if not named and _example_like(parents):
                in_example.append(column)
        rep = repeats.get(i)
        if i in plan.anchors:
            body = line.rstrip("\r\n")
            out.append(f"{body}{plan.anchors[i]}{line[len(body) :]}")
            cut = True
            i += 1
            continue
        if rep is not None:
            body = line.rstrip("\r\n")
            if rep[0][0] == "&":
                anchored[rep[0][1:]] = len(out)
            else:
                used.add(rep[0][1:])
            out.append(f"{body} {rep[0]}{line[len(body) :]}")
            cut = True
            i = rep[1] if rep[0][0] == "*" else i + 1
            continue
        if (
            key is not None
            and not m.group("value")
            and end == i + 1
            and not in_example
            and i not in plan.anchors
        ):
            got = _refs(doc, i, column, omitter, base)
            if got is not None:
                out.append(got[0])
                cut = True
                i = got[1]
                continue
        # (an entry of a map of named examples is an Example Object: a reference there is one)
        example_ref = (
            key is not None
            and len(parents) > 1
            and parents[-2][1].endswith("examples")
            and in_example == [parents[-2][0], column]
        )
        if (
            form is not None
            and "$ref" in (lines[i + 1] if r.key != "$ref" and i + 1 < len(lines) else line)
            and (not in_example or example_ref)
            and i not in plan.dashes
        ):
            got = _abbreviated(doc, r, i, form)
            if got is not None:
                short_refs.append((len(out), "".join(lines[i : got[1]])))
                out.append(got[0])
                i = got[1]
                continue
        at = m.start("value") if value else -1
        if key is not None and not named and (value or not m.group("value")):
            # (not "key: # a comment")
            if _is_doc(key):
                shown = _cut(
                    doc, i, end, at if at >= 0 else len(line.rstrip("\r\n")), omitter, base
                )
                if shown is not None:
                    out.append(shown)
                    cut = True
                    i = end
                    continue
            ex = _example(doc, parents, i, end, at, omitter, base)
            if ex is not None:
                out.append(ex[0])
                cut = True
                i = ex[1]
                continue
        if (
            key in _SHORT_EXAMPLE_KEYS
            and not named
            and end == i + 1
            and at >= 0
            and in_example == [column]
            and doc.indent(i) == column
            and value[:1] not in "&*!|>"
        ):
            # (a one-line example value: hidden with the others behind one marker, if that pays)
            holder = parents[-2][1] if len(parents) > 1 else ""
            short.append((len(out), doc.starts[i], holder))
            out.append(line)
            i = end
            continue
        if end == i + 1 and key is not None and not in_example and _scalar_alias_ok(r):
            scalars.setdefault(r.value, []).append((len(out), m.start("value")))
        if end == i + 1 and not in_example:
            plain = _unquoted(line, r)
            if plain is not line:
                out.append(plain)
                unquoted += 1
                i = end
                continue
        out.extend(lines[i:end])
        i = end
    for name, k in anchored.items():
        if name not in used:
            out[k] = out[k].replace(f" &{name}", "", 1)
    cut = _alias_scalars(out, scalars, text) or cut
    top = _short_examples(out, short, omitter, base)
    cut = cut or top is not None
    refs_line = _ref_head(out, short_refs, form) if form is not None else None
    cut = cut or refs_line is not None or unquoted >= _MIN_UNQUOTED
    # A list item whose dash now holds an anchor or a merge key: its first entry (if shown)
    # moves under it, the dash written as a blank.
    for k, i, dash in reversed(dashed):
        column = reads[i].column
        if k < len(out) and out[k].startswith(lines[i][:column]) and (i not in plan.drops):
            out[k] = " " * column + out[k][column:]
        out.insert(k, dash)
    if top is not None:
        out.insert(_first_content(out), top)
    if refs_line is not None:
        out.insert(_first_content(out), refs_line)
    aliasable = any(n > 1 for n in skipped.values())
    return ("".join(out) if cut else None), refs_line is not None, aliasable


def _ref_head(
    out: list[str], short_refs: list[tuple[int, str]], form: tuple[str, str]
) -> str | None:
    """The comment line saying what ``^X`` stands for, if the references written so
    (``short_refs``: (line of out, the lines it stands for)) save more tokens than it
    costs; else None, their lines in ``out`` written back as they were."""
    newline = "\r\n" if out and out[0].endswith("\r\n") else "\n"
    head = f"# (^X: {{$ref: '{form[0]}X{form[1]}'}}){newline}"
    if len(short_refs) >= _MIN_REF_FORM:
        before = raw_count("".join(t for _, t in short_refs))
        after = raw_count("".join(out[k] for k, _ in short_refs))
        if before - after > raw_count(head) + 2:
            return head
    for k, t in short_refs:
        out[k] = t
    return None


def _first_content(out: list[str]) -> int:
    """Where a comment line goes at the top: after a ``%`` directive or ``---`` opening the
    text (none: 0)."""
    k = 0
    while k < len(out) and (out[k].startswith("%") or out[k].rstrip() == "---"):
        k += 1
    return k if k < len(out) else 0


def _short_examples(
    out: list[str], short: list[tuple[int, int, str]], omitter: Omitter, base: int
) -> str | None:
    """The comment line of one marker standing for the one-line example entries in ``short``
    ((line of out, where the line starts in the text, the key holding it)), their lines
    blanked in ``out``; None (shown) if they are fewer than ``_MIN_SHORT_EXAMPLES`` or the
    marker does not pay. The marker names the keys holding them, rarest first."""
    if len(short) < _MIN_SHORT_EXAMPLES:
        return None
    hidden = "".join(out[k] for k, _, _ in short)
    holders: dict[str, int] = {}
    for _, _, h in short:
        holders[h] = holders.get(h, 0) + 1
    named: list[str] = []
    size = 0
    ranked = sorted(holders, key=lambda h: holders[h])  # (stable: first seen first)
    for n, h in enumerate(ranked):
        shown = h if holders[h] == 1 else f"{h}×{holders[h]}"
        if size + len(shown) > _SHORT_EXAMPLE_NAMES:
            named.append(f"+{len(ranked) - n} more")
            break
        named.append(shown)
        size += len(shown) + 2
    what = (
        f"{plural(len(short), 'one-line example value')}, each its `example:` line"
        f" (of {', '.join(named)})"
    )
    if not omitter.pays(hidden, what):
        return None
    spans = [(base + start, base + start + len(out[k])) for k, start, _ in short]
    marker = omitter.mark("example", spans, len(short), what)
    for k, _, _ in short:
        out[k] = ""
    newline = "\r\n" if out and out[0].endswith("\r\n") else "\n"
    return f"# {marker}{newline}"


def _refs(doc: _Lines, i: int, column: int, omitter: Omitter, base: int) -> tuple[str, int] | None:
    """(The line standing for them, the end of their lines) if the value of the entry on
    line ``i`` (nothing on its line) is ``_MIN_REFS`` or more references differing only
    in their last name: a list of ``- $ref: '#/channels/root/messages/hello'`` (an AsyncAPI
    operation's messages), or a mapping of ``hello: {$ref: '…/messages/hello'}`` whose
    references end in their keys (a channel's messages); else None. A marker stands for
    them, naming the reference's head and every name, in order."""
    end = doc.deeper(i, column)
    body = [j for j in range(i + 1, end) if not doc.blank(j)]
    if len(body) < _MIN_REFS:
        return None
    names: list[str] = []
    head = quote = None
    items = _REF_ITEM.fullmatch(doc.lines[body[0]].rstrip("\r\n"))
    step = 1 if items else 2
    if len(body) % step or len(body) // step < _MIN_REFS:
        return None
    indents = set()
    for k in range(0, len(body), step):
        ln = doc.lines[body[k]].rstrip("\r\n")
        if step == 1:
            m = _REF_ITEM.fullmatch(ln)
            key = None
        else:
            km = _REF_KEY.fullmatch(ln)
            m = _REF_VALUE.fullmatch(doc.lines[body[k + 1]].rstrip("\r\n"))
            if km is None or m is None or len(m.group(1)) <= len(km.group(1)):
                return None
            key = km.group(2)
            indents.add((len(km.group(1)), len(m.group(1))))
        if m is None or m.group("q") != (m.group("q") if quote is None else quote):
            return None
        if key is not None and m.group("name") != key:
            return None
        if step == 1:
            indents.add((len(m.group(1)), 0))
        quote = m.group("q")
        if head is None:
            head = m.group("head")
        elif m.group("head") != head:
            return None
        names.append(m.group("name"))
    if len(indents) != 1 or head is None or quote is None:
        return None
    ref = f"{quote}{head}<name>{quote}"
    listed = ", ".join(names)
    if step == 1:
        desc = f"{len(names)} list items, each $ref {ref} with <name> one of {listed} in order"
    else:
        desc = f"{len(names)} entries <name> with $ref {ref}, <name> one of {listed} in order"
    start, stop = doc.starts[body[0]], doc.starts[body[-1] + 1]
    source = doc.text[start:stop]
    if not omitter.pays(source, desc):
        return None
    line = doc.lines[i]
    kept = line.rstrip("\r\n")
    marker = omitter.mark("refs", [(base + start, base + stop - 1)], len(names), desc)
    return f"{kept} {marker}{line[len(kept) :]}", end


def _ref_forms(value: str) -> list[tuple[str, str]]:
    """The forms (head, tail) a reference may be written in as ``^<name>``: its head up to
    any ``/`` (``'#/components/schemas/'``, ``'#/components/'``; ``'./resources/'``, the
    name ``job/Jobs``), its tail a file's extension (``.yaml``) or nothing; the name between
    them a plain name (or names joined by ``/``)."""
    last = value[value.rfind("/") + 1 :]
    dot = last.rfind(".")
    tail = last[dot:] if "#" not in value and dot > 0 else ""
    forms: list[tuple[str, str]] = []
    k = -1
    while True:
        name = value[k + 1 : len(value) - len(tail)]
        if _REF_FORM_NAME.fullmatch(name):
            forms.append((value[: k + 1], tail))
        k = value.find("/", k + 1)
        if k < 0:
            return forms


def _ref_form(text: str) -> tuple[str, str] | None:
    """The (head, tail) of the reference form that saves the most characters, written
    ``^<name>`` (how many references on lines of their own have it, times its length), if
    at least ``_MIN_REF_FORM`` have it and no value reads ``^Name`` already; else None."""
    if "$ref" not in text or _CARET_VALUE.search(text):
        return None
    counts: dict[tuple[str, str], int] = {}
    for m in _REF_LINE.finditer(text):
        for form in _ref_forms(m.group("v")):
            counts[form] = counts.get(form, 0) + 1
    forms = [f for f in counts if counts[f] >= _MIN_REF_FORM and f != ("", "")]
    if not forms:
        return None
    # (the first seen of those saving most)
    return max(forms, key=lambda f: counts[f] * (len(f[0]) + len(f[1])))


def _one_ref(content: str, form: tuple[str, str]) -> bool:
    """Whether ``content`` (a mapping's lines, unindented) is one reference of ``form``."""
    m = _REF_LINE.fullmatch(content.rstrip("\r\n"))
    return m is not None and not m.group("dashes") and _form_name(m.group("v"), form) is not None


def _form_name(value: str, form: tuple[str, str]) -> str | None:
    """The name of a reference of ``form`` (its text between the head and the tail), else
    None."""
    head, tail = form
    if not value.startswith(head) or not value.endswith(tail):
        return None
    name = value[len(head) : len(value) - len(tail)]
    return name if _REF_FORM_NAME.fullmatch(name) else None


def _abbreviated(doc: _Lines, r: _Read, i: int, form: tuple[str, str]) -> tuple[str, int] | None:
    """(The line standing for them, the end of their lines) if line ``i`` opens a mapping
    whose one entry is a reference of ``form``: a key with nothing on its line and only
    ``$ref: '<head><name><tail>'`` on the next (``schema: ^Pet``), or a list item holding
    only that entry (``- ^Pet``); else None. No anchor, tag or comment is among them."""
    line = doc.lines[i]
    body = line.rstrip("\r\n")
    newline = line[len(body) :]
    if r.key == "$ref" and r.match.group("dashes") and r.end == i + 1:
        m = _REF_LINE.fullmatch(body)
        if m is None or doc.deeper(i, r.column - 1) != i + 1:
            return None  # (the item has other entries)
        name = _form_name(m.group("v"), form)
        if name is None:
            return None
        return f"{m.group('indent')}{m.group('dashes')}^{name}{newline}", i + 1
    if r.key is None or r.match.group("value") or r.end != i + 1 or i + 1 >= len(doc.lines):
        return None
    m = _REF_LINE.fullmatch(doc.lines[i + 1].rstrip("\r\n"))
    if m is None or m.group("dashes") or len(m.group("indent")) <= r.column:
        return None
    if doc.deeper(i, r.column) != i + 2:
        return None  # (more entries)
    name = _form_name(m.group("v"), form)
    if name is None:
        return None
    after = doc.lines[i + 1]
    end_of_line = after[len(after.rstrip("\r\n")) :]
    return f"{body} ^{name}{end_of_line}", i + 2


def _unquoted(line: str, r: _Read) -> str:
    """``line`` (an entry or item on one line) with its quoted value written plain where YAML
    reads the plain one as the same string (``type: "string"``: ``type: string``; not
    ``"1.29"``, ``"true"``, ``"#/x"``, ``"a: b"``, a value with an escape or a comment after
    it); else ``line`` itself."""
    v = r.value
    if len(v) < 3 or v[0] not in "\"'" or v != r.core or v != r.match.group("value"):
        return line
    if not _closes_here(v):
        return line
    inner = v[1:-1]
    if (
        inner != inner.strip()
        or "\\" in inner
        or "'" in inner
        or '"' in inner
        or not _plain_ok(inner)
        or _RESOLVED.fullmatch(inner)
    ):
        return line
    at = r.match.start("value")
    return f"{line[:at]}{inner}{line[at + len(v) :]}"


def _scalar_alias_ok(r: _Read) -> bool:
    """Whether the entry ``r`` (on one line) holds a scalar that may be shown as an alias:
    plain or quoted, of ``_MIN_SCALAR_REPEAT`` characters or more, with no anchor, tag or
    comment."""
    v = r.value
    return (
        len(v) >= _MIN_SCALAR_REPEAT
        and v == r.core
        and v == r.match.group("value")
        and v[0] not in "[{|>&*!%@`"
        and (v[0] not in "\"'" or _closes_here(v))
    )


def _alias_scalars(out: list[str], scalars: dict[str, list[tuple[int, int]]], text: str) -> bool:
    """Scalars shown on more than one line (``scalars``: value -> (line of ``out``, where the
    value opens)) that pay for it: the first given an anchor (``summary: &s1 Subscribe only
    to…``), the others written as its alias (``summary: *s1``). Whether any was."""
    taken = {m.group(1) for m in re.finditer(r"[&*]([A-Za-z]+)\d", text)}
    prefix = next(p for p in ("s", "v", "w", "scalar") if p not in taken)
    groups = sorted((occ for occ in scalars.values() if len(occ) > 1), key=lambda o: o[0][0])
    n = 0
    for occ in groups:
        value = out[occ[0][0]][occ[0][1] :].rstrip("\r\n")
        name = f"{prefix}{n + 1}"
        # (each alias saves the value's tokens but its own; the anchor costs its name)
        if (len(occ) - 1) * (raw_count(" " + value) - raw_count(f" *{name}")) <= raw_count(
            f" &{name}"
        ) + 2:
            continue
        n += 1
        first, at = occ[0]
        out[first] = f"{out[first][:at]}&{name} {out[first][at:]}"
        for k, at in occ[1:]:
            line = out[k]
            body = line.rstrip("\r\n")
            out[k] = f"{line[:at]}*{name}{line[len(body) :]}"
    return n > 0


def _closes_here(core: str) -> bool:
    """Whether a quoted scalar or flow collection opening ``core`` plainly ends on its line
    (the common case, told without a scan): quoted with nothing after its closing quote, or
    a flow collection without quotes, comments or nesting."""
    if core[0] in "\"'":
        return (
            len(core) > 1
            and core[-1] == core[0]
            and core.count(core[0]) == 2
            and (core[0] == "'" or "\\" not in core)
        )
    close = "]" if core[0] == "[" else "}"
    return (
        core[-1] == close
        and core.count(core[0]) == 1
        and core.count(close) == 1
        and not any(c in core for c in "\"'#")
    )


def _closed(doc: _Lines, i: int, core: str) -> int:
    """The end of the lines holding a flow collection or quoted scalar that opens line
    ``i``'s value ``core`` (its closing line may stand at the key's indentation: ``}``)."""
    pos = doc.starts[i] + len(doc.lines[i]) - len(doc.lines[i].lstrip(" "))
    pos = doc.text.index(core, pos)
    depth, k = 0, pos
    text = doc.text
    while k < len(text):
        ch = text[k]
        if ch in "\"'" and (k == pos or text[k - 1] in " \t\n[{,:"):
            close = _quote_end(text, k)
            if close < 0:
                raise Unreadable("unclosed quote", i + 1)
            if not depth:
                return bisect_right(doc.starts, close - 1)
            k = close - 1
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if not depth:
                break
        elif ch == "#" and text[k - 1] in " \t\n":
            nl = text.find("\n", k)
            k = nl - 1 if nl >= 0 else len(text)
        k += 1
    if k >= len(text):
        raise Unreadable("unclosed flow collection", i + 1)
    return bisect_right(doc.starts, k)


def _continues(doc: _Lines, j: int, column: int) -> bool:
    """Whether the value of the entry above line ``j`` (empty on its own line) is a scalar
    on the lines after it rather than children: a deeper line that is no entry or item."""
    while j < len(doc.lines) and doc.blank(j):
        j += 1
    if j == len(doc.lines) or doc.indent(j) <= column:
        return False
    body = doc.lines[j].rstrip("\r\n")
    return not (body.lstrip().startswith("#") or _ENTRY.fullmatch(body) or _ITEM.fullmatch(body))


def _child_keys(doc: _Lines, i: int, end: int) -> list[str] | None:
    """The keys of the mapping on lines ``i+1:end`` (the value of line ``i``'s entry), or
    None if it is no block mapping (a list, a scalar)."""
    keys: list[str] = []
    at = -1
    for j in range(i + 1, end):
        ln = doc.lines[j]
        if doc.blank(j) or ln.lstrip().startswith("#"):
            continue
        if at < 0:
            at = doc.indent(j)
        if doc.indent(j) != at:
            continue
        m = _ENTRY.fullmatch(ln.rstrip("\r\n"))
        if m is None or m.group("dashes"):
            return None
        keys.append(m.group("key").strip("'\""))
    return keys if keys else None


def _example(
    doc: _Lines,
    parents: list[tuple[int, str, bool]],
    i: int,
    end: int,
    at: int,
    omitter: Omitter,
    base: int,
) -> tuple[str, int] | None:
    """(The line standing for it, the end of its lines) if the entry on line ``i`` (not a
    name; its value opens at column ``at``, or on the lines after it: -1) is an example
    value of over ``_LONG_EXAMPLE`` characters whose text pays for a marker; else None.
    Example values: those of ``example``/``x-example``, of ``examples`` when not a mapping
    (a list: JSON Schema, AsyncAPI), of each entry of an ``examples`` mapping (Swagger's,
    per media type) unless it is an Example Object (``summary``, ``value``, …: then its
    ``value``). The names and media types of ``examples`` stay."""
    key = parents[-1][1]
    up = parents[-2] if len(parents) > 1 else None
    up2 = parents[-3] if len(parents) > 2 else None
    if not _example_like(parents):
        return None
    column = parents[-1][0]
    if at < 0 and end == i + 1:
        end = doc.deeper(i, column)  # (the children are the value)
    if end == i + 1 and at < 0:
        return None
    children = _child_keys(doc, i, end) if at < 0 else None
    if key in _EXAMPLE_KEYS:
        if key.endswith("examples") and children is not None:
            return None  # (a map of named examples: each is looked at)
    elif up is not None and up[1] in _EXAMPLE_KEYS and up[1].endswith("examples") and not up[2]:
        if children is not None and set(children) <= _EXAMPLE_OBJECT:
            return None  # (an Example Object: its value is looked at)
    elif not (
        key == "value"
        and up2 is not None
        and up2[1] in _EXAMPLE_KEYS
        and up2[1].endswith("examples")
        and not up2[2]
    ):
        return None
    line = doc.lines[i].rstrip("\r\n")
    if at >= 0:
        start = doc.starts[i] + at
        head = line[:at]
    else:
        j = i + 1
        while doc.blank(j):
            j += 1
        start = doc.starts[j] + doc.indent(j)
        head = line.rstrip() + " "
    newline = doc.lines[end - 1][len(doc.lines[end - 1].rstrip("\r\n")) :]
    stop = doc.starts[end] - len(newline)
    raw = doc.text[start:stop]
    if len(" ".join(raw.split())) <= _LONG_EXAMPLE:
        return None
    n = sum(1 for j in range(i + 1 if at < 0 else i, end) if not doc.blank(j))
    name = key if key in _EXAMPLE_KEYS else "example value" if key == "value" else f"{key} example"
    what = f"{name} of {plural(n, 'line')}" if n > 1 else f"{name} of {len(raw)} chars"
    if children:
        more = f" +{plural(len(children) - 3, 'key')}" if len(children) > 3 else ""
        what += f" ({', '.join(children[:3])}{more})"
    elif at < 0 and _ITEM.fullmatch(doc.lines[i + 1].rstrip("\r\n")) is not None:
        items = sum(
            1
            for j in range(i + 1, end)
            if doc.lines[j].startswith("-", doc.indent(j)) and doc.indent(j) == doc.indent(i + 1)
        )
        langs = _sample_langs(doc, i + 1, end) if key in _CODE_SAMPLE_KEYS else []
        what += f" ({', '.join(langs)})" if len(langs) == items else f" ({plural(items, 'item')})"
    if not omitter.pays(raw, what):
        return None
    marker = omitter.mark("example", [(base + start, base + stop)], 1, what)
    return f"{head}{marker}{newline}", end


def _sample_langs(doc: _Lines, start: int, end: int) -> list[str]:
    """The ``lang`` and ``label`` of each item of the list of code samples on lines
    ``start:end`` (``JavaScript``, ``bash cURL``; ``?`` for an item without them)."""
    items: list[list[str]] = []
    at = doc.indent(start)
    for j in range(start, end):
        if doc.blank(j) or doc.indent(j) < at:
            continue
        m = _ENTRY.fullmatch(doc.lines[j].rstrip("\r\n"))
        if doc.indent(j) == at and doc.lines[j].startswith("-", at):
            items.append([])
        if m is None or not items:
            continue
        column = len(m.group("indent")) + len(m.group("dashes"))
        key = m.group("key").strip("'\"")
        value = _without_comment(m.group("value") or "")
        if column == at + 2 and key in ("lang", "label") and value:
            items[-1].append(_unquote(value) if value[0] in "'\"" else value)
    return [" ".join(parts) or "?" for parts in items]


def _is_doc(key: str) -> bool:
    return key in _DOC_KEYS or bool(_X_DOC.fullmatch(key))


def _cut(doc: _Lines, i: int, end: int, at: int, omitter: Omitter, base: int) -> str | None:
    """Lines ``i:end`` (a documentation entry; its value opens at column ``at`` of line
    ``i``, or on the next line) with the value cut, or None (kept whole)."""
    line = doc.lines[i].rstrip("\r\n")
    value = line[at:].strip()
    # (The last line of a text may have no line break.)
    newline = doc.lines[end - 1][len(doc.lines[end - 1].rstrip("\r\n")) :]
    stop = doc.starts[end] - len(newline)
    if _BLOCK.fullmatch(value):
        if end == i + 1:
            return None
        content = [doc.lines[j] for j in range(i + 1, end)]
        ci = min(doc.indent(j) for j in range(i + 1, end) if not doc.blank(j))
        first = next(j for j in range(i + 1, end) if not doc.blank(j))
        start = doc.starts[first] + ci
        # Paragraphs (blank-line separated) each on one line: a literal block is mostly prose
        # wrapped at a width (controller-gen's CRDs), whose first line ends mid-sentence.
        paragraphs = re.split(r"\n[ \t]*\n", "".join(content).strip())
        text = "\n".join(" ".join(p.split()) for p in paragraphs)
        got = cut_doc(text, omitter, (base + start, base + stop), _LONG_DOC_YAML)
        if got is None:
            return None
        return f"{line}{doc.lines[i][len(line) :]}{' ' * ci}{got[0]} {got[1]}{newline}"
    if value and value[0] in "[{&*!":
        return None  # (flow, anchor, alias or tag: shown as it is)
    if not value:
        if end == i + 1:
            return None  # (children, not a value)
        j = i + 1
        while doc.blank(j):
            j += 1
        start = doc.starts[j] + doc.indent(j)
        head = line.rstrip() + " "
    else:
        start = doc.starts[i] + at
        head = line[:at]
    raw = doc.text[start:stop]
    if raw[:1] in ('"', "'"):
        close = _quote_end(raw, 0)
        if close < 0:
            raise Unreadable("unclosed quote", i + 1)
        if raw[close:].strip():
            if not _comment_at(raw, close):
                raise Unreadable("text after a quoted value", i + 1)
            return None  # (a comment after it: shown as it is)
        stop = start + close
        raw = raw[:close]
        text = _unquote(raw)
    else:
        if _PLAIN_COMMENT.search(raw):
            return None  # (a comment in or after it: shown as it is)
        text = " ".join(raw.split())
    got = cut_doc(text, omitter, (base + start, base + stop), _LONG_DOC_YAML)
    if got is None:
        return None
    shown = f"{got[0]} {got[1]}"
    if raw[:1] in ('"', "'") or not _plain_ok(shown):
        shown = json.dumps(shown, ensure_ascii=False)
    return f"{head}{shown}{newline}"
