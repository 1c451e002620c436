"""Routing: one compressor per content kind, and mixed documents split into sections.

A mixed document (markdown with fenced code, fenced or bare JSON, pasted logs) is cut into
sections; each section goes to the compressor for its own kind, and prose between them to the
prose compressor. A section whose compressed form is not shorter is kept as it was.
"""

from __future__ import annotations

import json
import re

from transforms._detect import LANGUAGES, code_language, detect, normalize_content_type
from transforms._json import compress_json, compress_ndjson
from transforms._logs import compress_logs
from transforms._omit import Omitter
from transforms._prose import compress_prose
from transforms._python import compress_python
from transforms._treesitter import compress_code

__all__ = ["compress_as", "resolve_kind"]

_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*\n", re.MULTILINE)
_JSON_START = re.compile(r"^[\[{]", re.MULTILINE)
_DECODER = json.JSONDecoder()
# Sections shorter than this are not worth a compressor (or a marker).
_MIN_SECTION = 400


def resolve_kind(text: str, content_type: str | None) -> str:
    """The content kind to compress ``text`` as, honouring a valid caller hint."""
    if content_type:
        hint = normalize_content_type(content_type)
        if hint == "code":
            return code_language(text) or "python"
        if hint:
            return hint
    return detect(text)


def compress_as(kind: str, text: str, omitter: Omitter, base: int = 0) -> tuple[str, str] | None:
    """Compress ``text`` as ``kind``: (compressed, transform name), or None if not applicable."""
    out: str | None
    if kind == "json":
        out, name = compress_json(text, omitter, base), "json_records"
        if out is None:
            out, name = compress_ndjson(text, omitter, base), "ndjson_records"
    elif kind == "ndjson":
        out, name = compress_ndjson(text, omitter, base), "ndjson_records"
    elif kind == "python":
        out, name = compress_python(text, omitter, base), "python_ast_skeleton"
    elif kind in LANGUAGES:
        out, name = compress_code(text, kind, omitter, base), f"tree_sitter_skeleton:{kind}"
    elif kind == "log":
        out, name = compress_logs(text, omitter, base), "log_templates"
    elif kind in ("markdown", "mixed"):
        out, name = _compress_document(text, omitter, base), "sections"
    else:
        out, name = compress_prose(text, omitter, base), "prose_sentences"
    if out is None:
        return None
    return out, name


def _sections(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, kind) sections; kind None for prose."""
    out: list[tuple[int, int, str | None]] = []
    pos = 0
    prose_start = 0
    n = len(text)
    while pos < n:
        fence = _FENCE_OPEN.search(text, pos)
        js = _JSON_START.search(text, pos)
        if fence is None and js is None:
            break
        if js is not None and (fence is None or js.start() < fence.start()):
            try:
                _, end = _DECODER.raw_decode(text, js.start())
            except ValueError:
                pos = js.start() + 1
                continue
            if end - js.start() >= _MIN_SECTION:
                out.append((prose_start, js.start(), None))
                out.append((js.start(), end, "json"))
                prose_start = pos = end
            else:
                pos = end
            continue
        assert fence is not None
        marker = fence.group(2)
        close = re.compile(
            rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.MULTILINE
        )
        body_start = fence.end()
        m = close.search(text, body_start)
        body_end = m.start() if m else n
        lang = normalize_content_type(fence.group(3)) if fence.group(3) else None
        if body_end - body_start >= _MIN_SECTION:
            body = text[body_start:body_end]
            kind = lang if lang and lang not in ("prose", "markdown", "mixed") else None
            if kind == "code" or kind is None:
                kind = detect(body)
                if kind in ("prose", "markdown", "mixed"):
                    kind = "verbatim"
            out.append((prose_start, fence.start(), None))
            out.append((fence.start(), body_start, "verbatim"))
            out.append((body_start, body_end, kind))
            prose_start = body_end
        pos = m.end() if m else n
    out.append((prose_start, n, None))
    return [s for s in out if s[1] > s[0]]


def _compress_document(text: str, omitter: Omitter, base: int) -> str | None:
    parts: list[str] = []
    changed = False
    for s, e, kind in _sections(text):
        chunk = text[s:e]
        if kind == "verbatim":
            parts.append(chunk)
            continue
        mark = omitter.checkpoint()
        if kind is None:
            out = compress_prose(chunk, omitter, base + s)
        else:
            res = compress_as(kind, chunk, omitter, base + s)
            out = res[0] if res else None
            if out is not None and chunk.endswith("\n") and not out.endswith("\n"):
                out += "\n"
        if out is None or len(out) >= len(chunk):
            omitter.rollback(mark)
            parts.append(chunk)
        else:
            parts.append(out)
            changed = True
    return "".join(parts) if changed else None
