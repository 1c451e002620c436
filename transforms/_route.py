"""Routing: one compressor per content kind, and mixed documents split into sections.

A mixed document (markdown with fenced code, fenced or bare JSON, pasted logs) is cut into
sections; each section goes to the compressor for its own kind, and prose between them to the
prose compressor. A section whose compressed form is not shorter is kept as it was.
"""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_left
from itertools import accumulate
from typing import NamedTuple

from transforms._api import Unreadable, compress_api
from transforms._derived import Unplaceable
from transforms._detect import LANGUAGES, code_language, detect, normalize_content_type
from transforms._diff import compress_diff
from transforms._fence import fences
from transforms._html import NoText, compress_html
from transforms._json import compress_json, compress_ndjson, json_values, value_cut
from transforms._logs import compress_logs
from transforms._notebook import compress_notebook
from transforms._omit import Omitter
from transforms._prose import compress_prose
from transforms._pypartial import compress_python_partial
from transforms._python import compress_python
from transforms._search import compress_search
from transforms._table import RaggedTable, compress_table
from transforms._testout import compress_test_output
from transforms._trace import compress_trace
from transforms._treesitter import compress_code
from transforms._yaml_api import compress_yaml_api, is_yaml_api
from transforms.tokens import CountAhead, raw_count

__all__ = ["Routed", "compress_as", "resolve_kind"]

# A line opening with one of these may start a bare JSON section.
_JSON_OPENERS = frozenset("[{")
_DECODER = json.JSONDecoder()
# Sections shorter than this are not worth a compressor (or a marker).
_MIN_SECTION = 400


def resolve_kind(text: str, content_type: str | None) -> str:
    """The content kind to compress ``text`` as, honouring a valid caller hint."""
    if content_type:
        hint = normalize_content_type(content_type)
        if hint == "code":
            return code_language(text) or "python"
        if hint == "config" and is_yaml_api(text):
            return "api"  # (a "yaml" hint on an OpenAPI or CRD document)
        if hint:
            return hint
    return detect(text)


class Routed(NamedTuple):
    """What :func:`compress_as` made.

    ``out``: the compressed text, None if nothing applied. ``notes``: why a compressor did
    not apply or applied in part (``fallback:<kind>:<reason>``, ``partial:<kind>:<what>``,
    ``unchanged:<kind>``), reported even when the original is returned. ``ran``: the names
    of what made ``out``. ``verbatim``: the text stays byte for byte as it is, not even its
    trailing blanks go (a configuration file, YAML: a value may end in a blank)."""

    out: str | None
    notes: tuple[str, ...] = ()
    ran: tuple[str, ...] = ()
    verbatim: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """``CompressResult.transforms``: the notes, then what ran."""
        return (*self.notes, *self.ran)


def compress_as(
    kind: str, text: str, omitter: Omitter, base: int = 0, ahead: CountAhead | None = None
) -> Routed:
    """Compress ``text`` as ``kind``. Never raises on bad input: a kind whose compressor
    cannot read ``text`` falls back to the generic kinds (code, log, markdown, prose), and
    the reason is named first in ``names``. ``ahead``, if given, may be fed the output as it
    is made (only by compressors that make it in order; the caller checks what it got)."""
    mark = omitter.checkpoint()
    try:
        return _compress_kind(kind, text, omitter, base, ahead)
    except _NotThisKind as exc:
        reason = exc.reason
    except (ValueError, RecursionError, MemoryError, IndexError, KeyError, TypeError) as exc:
        # A compressor that trips over input it was not written for: the input is still
        # served (generic compressor or unchanged), and the reason says what happened.
        reason = type(exc).__name__
    omitter.rollback(mark)
    note = f"fallback:{kind}:{reason}"
    generic = detect(text, special=False)
    if generic == kind:
        return Routed(None, (note,))
    done = compress_as(generic, text, omitter, base)
    return done._replace(notes=(note, *done.notes))


class _NotThisKind(Exception):
    """``text`` turned out not to be of the kind it was routed as; ``reason`` says why (the
    ``<reason>`` of the ``fallback:<kind>:<reason>`` note)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _yaml_reason(exc: ValueError) -> str:
    """The ``fallback:api:<reason>`` of YAML the reader could not follow."""
    # (Any other ValueError is a bug of the reader, not the input: named by its type.)
    return exc.reason.replace(" ", "-") if isinstance(exc, Unreadable) else type(exc).__name__


def _compress_kind(
    kind: str, text: str, omitter: Omitter, base: int, ahead: CountAhead | None = None
) -> Routed:
    out: str | None
    if kind in ("binary", "config"):
        # A script or configuration file: every line may be a setting or a command that
        # matters, and no compressor here reads its grammar.
        return Routed(None, (f"unchanged:{kind}",), verbatim=True)
    if kind == "json":
        out, name = compress_json(text, omitter, base), "json_records"
        if out is None:
            out, name = compress_ndjson(text, omitter, base), "ndjson_records"
    elif kind == "api" and not text.lstrip().startswith(("{", "[")):
        try:
            out, name = compress_yaml_api(text, omitter, base), "api_yaml_docs"
            if out is None:
                # (No documentation long enough.)
                return Routed(None, ("unchanged:api",), verbatim=True)
        except ValueError as exc:
            # YAML this reader cannot follow: every line may matter, so it stays as it is.
            notes = (f"fallback:api:{_yaml_reason(exc)}", "unchanged:config")
            return Routed(None, notes, verbatim=True)
    elif kind == "api":
        try:
            out, name = compress_api(text, omitter, base), "api_outline"
        except (ValueError, AttributeError, TypeError, KeyError, RecursionError) as exc:
            raise _NotThisKind("unparsable") from exc
    elif kind == "ndjson":
        out, name = compress_ndjson(text, omitter, base), "ndjson_records"
        if out is None:
            return _ndjson_cut(text, omitter, base)
    elif kind == "csv":
        try:
            out, name = compress_table(text, omitter, base), "table_records"
        except RaggedTable as exc:
            raise _NotThisKind("ragged") from exc
        except csv.Error as exc:
            raise _NotThisKind("unparsable") from exc
    elif kind == "diff":
        out, name = compress_diff(text, omitter, base), "diff_hunks"
        if out is None:
            raise _NotThisKind("no hunks")
    elif kind == "search":
        out, name = compress_search(text, omitter, base), "search_by_file"
        if out is None:
            raise _NotThisKind("no hits")
    elif kind == "html":
        try:
            out = compress_html(text, omitter, base, _compress_for_derived)
        except (NoText, Unplaceable) as exc:
            raise _NotThisKind(exc.reason.replace(" ", "-")) from exc
        name = "html_markdown"
    elif kind == "notebook":
        try:
            out = compress_notebook(text, omitter, base, _compress_for_derived)
        except (ValueError, IndexError, KeyError, RecursionError) as exc:
            raise _NotThisKind("unparsable") from exc
        name = "notebook_cells"
    elif kind == "test_output":
        # None: nothing to count or collapse; every line stays (no generic fallback, which
        # could drop a failure line).
        out, name = compress_test_output(text, omitter, base), "test_results"
    elif kind == "stacktrace":
        # Nothing to collapse (only the caller's own frames): every line matters, so the
        # trace stays as it is rather than going to a generic compressor.
        out, name = compress_trace(text, omitter, base), "stack_frames"
    elif kind == "python":
        unread: list[str] = []
        out, name = compress_python(text, omitter, base, unread), "python_ast_skeleton"
        if out is None and unread:
            # ast could not read it (a slice, a cut, a syntax error): the tolerant grammar.
            out, name = compress_python_partial(text, omitter, base, unread), "python_tolerant"
        return _with_notes(out, name, kind, unread)
    elif kind in LANGUAGES:
        unread = []
        out = compress_code(text, kind, omitter, base, unread, ahead)
        return _with_notes(out, f"tree_sitter_skeleton:{kind}", kind, unread)
    elif kind == "log":
        out, name = compress_logs(text, omitter, base), "log_templates"
    elif kind in ("markdown", "mixed"):
        out, name = _compress_document(text, omitter, base, ahead), "sections"
    else:
        out, name = compress_prose(text, omitter, base), "prose_sentences"
    return Routed(out, (), (name,) if out is not None else ())


def _ndjson_cut(text: str, omitter: Omitter, base: int) -> Routed:
    """NDJSON that the compressor could not read whole. Its last line cut (a truncated tool
    output): the lines before it as records, the cut line as it is. Otherwise a line further
    on than detection looked is not JSON: the lines go to the log compressor. (Values
    pretty-printed one after another: the last one cut short, where reading stopped.)"""
    cut = text.rstrip().rfind("\n") + 1
    stop = json_values(text)[1]
    if stop < len(text) and value_cut(text, stop):
        cut = stop
    mark = omitter.checkpoint()
    out = compress_ndjson(text[:cut], omitter, base) if cut else None
    if out is not None:
        out = out.rstrip("\n") + "\n" + text[cut:]
        what = "line" if text.find("\n", cut, len(text.rstrip())) < 0 else "value"
        return Routed(out, (f"partial:ndjson:last {what} cut",), ("ndjson_records",))
    omitter.rollback(mark)
    out = compress_logs(text, omitter, base)
    ran = ("log_templates",) if out is not None else ()
    return Routed(out, ("fallback:ndjson:unparsable",), ran)


def _with_notes(out: str | None, name: str, kind: str, unread: list[str]) -> Routed:
    """``partial:<kind>:<what>`` notes (what the parser could not read), and the name of
    what ran."""
    notes = tuple(f"partial:{kind}:{n}" for n in unread)
    return Routed(out, notes, (name,) if out is not None else ())


def _compress_for_derived(kind: str, text: str, omitter: Omitter) -> str | None:
    return compress_as(kind, text, omitter, 0).out


def _sections(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, kind) sections; kind None for prose."""
    out: list[tuple[int, int, str | None]] = []
    lines = text.splitlines(keepends=True)
    starts = [0, *accumulate(map(len, lines))]
    # Where a line (after a "\n") opens with "[" or "{", found once for the whole text.
    json_starts = [
        starts[i]
        for i, ln in enumerate(lines)
        if ln[:1] in _JSON_OPENERS and (i == 0 or lines[i - 1].endswith("\n"))
    ]
    # Closed fences only (CommonMark pairing, see _fence). Fences indented 4+ spaces sit in
    # list items: they are skipped here and kept verbatim by the prose compressor.
    blocks = [f for f in fences(lines) if f.indent <= 3]
    pos = 0
    prose_start = 0
    n = len(text)
    k = 0
    while pos < n:
        while k < len(blocks) and starts[blocks[k].open_line] < pos:
            k += 1
        fence = blocks[k] if k < len(blocks) else None
        fence_start = starts[fence.open_line] if fence else n
        j = bisect_left(json_starts, pos)
        js = json_starts[j] if j < len(json_starts) and json_starts[j] < fence_start else None
        if js is not None:
            end = json_end(text, js)
            if end is None:
                pos = js + 1
                continue
            if end - js >= _MIN_SECTION:
                out.append((prose_start, js, None))
                out.append((js, end, "json"))
                prose_start = end
            pos = end
            continue
        if fence is None:
            break
        body_start = starts[fence.open_line + 1]
        body_end = starts[fence.close_line]
        close_end = starts[fence.close_line + 1]
        if body_end - body_start >= _MIN_SECTION:
            kind = _fenced_kind(text[body_start:body_end], fence.info)
            out.append((prose_start, fence_start, None))
            out.append((fence_start, body_start, "verbatim"))
            out.append((body_start, body_end, kind))
            out.append((body_end, close_end, "verbatim"))
            prose_start = close_end
        pos = close_end
    out.append((prose_start, n, None))
    return [s for s in out if s[1] > s[0]]


# A bare JSON candidate is first decoded within this many characters of its start.
_JSON_PROBE = 8192
# An error this close to the probe's end may be the cut, not the text (a literal or escape
# cut in two: "nu", "\\u00").
_CUT_MARGIN = 16


def json_end(text: str, start: int) -> int | None:
    """Where the JSON value opening at ``start`` ends, or None if none does.

    A failed decode costs as much as the text before the failure: the error counts the lines
    up to it. Most candidates in a document ("[1] see…", "{placeholder}") fail within a few
    characters, so they are decoded in a short probe first; only a value running past the
    probe, or one the probe's end may have cut, is decoded in the whole text."""
    probe = text[start : start + _JSON_PROBE]
    try:
        return start + _DECODER.raw_decode(probe)[1]
    except json.JSONDecodeError as exc:
        if len(probe) < _JSON_PROBE:
            return None  # the probe was the whole rest of the text
        cut = exc.pos >= len(probe) - _CUT_MARGIN or exc.msg.startswith("Unterminated string")
        if not cut:
            return None  # failed inside the probe: the whole text fails there too
    try:
        return _DECODER.raw_decode(text, start)[1]
    except ValueError:
        return None


def _fenced_kind(body: str, info: str) -> str:
    """The kind a fenced block's body is compressed as; "verbatim" keeps it as it is."""
    word = re.match(r"[\w+#.-]*", info)
    tag = word.group(0).lower() if word else ""
    lang = normalize_content_type(tag) if tag else None
    kind = lang if lang and lang not in ("prose", "markdown", "mixed") else None
    if kind == "code" or kind is None:
        kind = detect(body)
        if kind in ("prose", "markdown", "mixed"):
            # Program output too short or too varied for log detection (a README's "sample
            # output") is still lines, not sentences: the log compressor gets to try it (the
            # block stays verbatim if that does not shrink it).
            kind = "log" if tag in _OUTPUT_TAGS and _line_output(body) else "verbatim"
    return kind


# Info strings of fenced blocks that may hold program output.
_OUTPUT_TAGS = frozenset(
    ("", "text", "txt", "plain", "plaintext", "console", "output", "terminal", "shell-session")
)
_SENTENCE_LINE = re.compile(r"^\s*[A-Z][\w'-]*(?: [\w'(),;:-]+){4,}[.!?]\s*$")


def _line_output(body: str) -> bool:
    """Ten or more lines, hardly any of them a sentence: output, not text."""
    nonblank = [ln for ln in body.splitlines() if ln.strip()]
    if len(nonblank) < 10:
        return False
    sentences = sum(1 for ln in nonblank if _SENTENCE_LINE.match(ln))
    return sentences <= 0.2 * len(nonblank)


def _compress_document(
    text: str, omitter: Omitter, base: int, ahead: CountAhead | None = None
) -> str | None:
    """Each section (prose, fenced code, JSON) compressed as its kind, in order: ``ahead``,
    if given, is fed each section's output as it is made (counted while the next ones are
    compressed)."""
    parts: list[str] = []

    def add(part: str) -> None:
        parts.append(part)
        if ahead is not None:
            ahead.feed(part)

    changed = False
    # Sections that stayed as they were: the same text of the same kind stays again.
    unchanged: set[tuple[str | None, str]] = set()
    for s, e, kind in _sections(text):
        chunk = text[s:e]
        if kind == "verbatim" or (kind, chunk) in unchanged:
            add(chunk)
            continue
        mark = omitter.checkpoint()
        if kind is None:
            out = compress_prose(chunk, omitter, base + s)
        else:
            out = compress_as(kind, chunk, omitter, base + s).out
            if out is not None and chunk.endswith("\n") and not out.endswith("\n"):
                out += "\n"
        if out is None or not _shrinks(chunk, out):
            omitter.rollback(mark)
            add(chunk)
            unchanged.add((kind, chunk))
        else:
            add(out)
            changed = True
    return "".join(parts) if changed else None


def _shrinks(chunk: str, out: str) -> bool:
    """Whether ``out`` is fewer tokens than ``chunk`` (o200k, which every model's count
    scales). Only a near miss in characters is worth counting."""
    if len(out) >= len(chunk):
        return False
    if len(out) < 0.7 * len(chunk):
        return True
    return raw_count(out) < raw_count(chunk)
