"""Pure, synchronous compression of LLM context. Knows nothing of the bus.

:func:`compress` detects what ``text`` is (JSON/NDJSON, source code by language, logs,
prose/markdown or a mixed document), runs the compressor for that kind and reports token
counts for the target model: exact for OpenAI ids, calibrated estimates otherwise (see
:mod:`transforms.tokens`). Whatever is left out is listed in ``CompressResult.omitted`` with
its spans in the original, and a marker ``[omitted …; id=oN]`` stands in its place. The result
is never larger than the input: if compression does not save tokens the original is returned.
Deterministic: the same input gives the same output. No I/O beyond loading bundled data once.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from transforms._ansi import without_escapes
from transforms._detect import LANGUAGES
from transforms._gc import collector_paused
from transforms._omit import MARKER_RE, Omitter
from transforms._result import CompressResult, Omission
from transforms._route import Routed, compress_as, resolve_kind
from transforms.tokens import (
    CountAhead,
    TokenCount,
    aside,
    count_tokens,
    resolve_model,
    scaled_count,
)

__all__ = [
    "DEFAULT_MODEL",
    "MARKER_RE",
    "CompressResult",
    "Omission",
    "TokenCount",
    "compress",
    "count_tokens",
    "detect_content_type",
    "resolve_model",
    "warm_up",
]

DEFAULT_MODEL = "claude-sonnet-4-5-20250929"

_TRAILING_WS = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")
# From this many characters on, the original is counted on a second thread while it is being
# compressed: the tokenizer releases the GIL, so on two cores the count costs no wall time.
_COUNT_ASIDE_CHARS = 100_000
# Kinds whose compressor makes its output in order and can feed a CountAhead (Python's
# skeleton is made from its ast, not in one pass; a document section by section).
_MADE_IN_ORDER = (frozenset(LANGUAGES) - {"python"}) | {"markdown", "mixed"}


def _count_aside(text: str, model: str, kind: str) -> Callable[[], TokenCount]:
    """``count_tokens(text, model, kind)``, on a second thread if ``text`` is long: call the
    returned function for the count (it waits for the thread)."""
    if len(text) < _COUNT_ASIDE_CHARS:
        done = count_tokens(text, model, kind)
        return lambda: done
    count_tokens("", model, kind)  # the encoder is built here, once, not in two threads at once
    return aside(lambda: count_tokens(text, model, kind), "count")


def warm_up(model: str = DEFAULT_MODEL) -> dict[str, float]:
    """Do the one-time set-up now (at import or worker start) rather than in the first call:
    build the token encoders (o200k, and ``model``'s own) and load every tree-sitter grammar.
    Returns the seconds each part took; a second call costs nothing."""
    import time

    from transforms._treesitter import load_grammars

    times: dict[str, float] = {}
    t0 = time.perf_counter()
    count_tokens("warm", model)
    count_tokens("warm", "gpt-4o")
    times["encoders"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    load_grammars()
    times["grammars"] = time.perf_counter() - t0
    return times


def detect_content_type(text: str) -> str:
    """What :func:`compress` would treat ``text`` as (json, ndjson, python, …, log, prose)."""
    return resolve_kind(without_escapes(text), None)


def compress(
    text: str, model: str = DEFAULT_MODEL, content_type: str | None = None
) -> CompressResult:
    """Compress ``text`` for ``model``; ``content_type`` is an optional hint (e.g. "json")."""
    if not isinstance(text, str):
        raise TypeError(f"compress() needs str, got {type(text).__name__}")
    if content_type is not None and not isinstance(content_type, str):
        raise TypeError(f"content_type must be str or None, got {type(content_type).__name__}")
    # (Terminal colour codes break every line pattern: the kind is told without them.)
    plain = without_escapes(text)
    kind = resolve_kind(plain, content_type)
    counted = _count_aside(text, model, kind)
    original: TokenCount | None = None
    omitter = Omitter()
    # A long code skeleton is made in document order: counted while it is being made.
    ahead = (
        CountAhead(resolve_model(model).encoding)
        if kind in _MADE_IN_ORDER and len(text) >= _COUNT_ASIDE_CHARS
        else None
    )
    try:
        # Compressors build many short-lived objects and no cycles worth a collection
        # midway (1 MB csv 0.288 -> 0.250 s, prose 0.363 -> 0.349 s, cpp 0.343 -> 0.331 s).
        with collector_paused():
            done = compress_as(kind, text, omitter, 0, ahead) if text.strip() else Routed(None)
    finally:
        fed, fed_count = ahead.finish() if ahead is not None else (None, 0)
    if done.out is None and content_type is not None:
        # A wrong hint must not cost the compression: fall back to detection.
        detected = resolve_kind(plain, None)
        if detected != kind:
            omitter = Omitter()
            with collector_paused():
                retry = compress_as(detected, text, omitter, 0)
            if retry.out is not None:
                done, kind = retry, detected
                original = count_tokens(text, model, kind)
    if done.out is None and text.strip() and not done.verbatim:
        # Nothing kind-specific applied: trailing blanks and blank-line runs still go (not in
        # a configuration file, where a value may end in a blank, nor in YAML: ``verbatim``).
        squeezed = _BLANK_RUNS.sub("\n\n", _TRAILING_WS.sub("\n", text))
        if squeezed != text:
            done = done._replace(out=squeezed, ran=(*done.ran, "whitespace"))
    if original is None:
        original = counted()
    if done.out is not None:
        # The original's count is done by now (or nearly): the output's can have both cores.
        after = (
            scaled_count(fed_count, model, kind)
            if fed == done.out
            else count_tokens(done.out, model, kind, parallel=True)
        )
        if after.tokens < original.tokens:
            return CompressResult(
                compressed=done.out,
                original_tokens=original.tokens,
                compressed_tokens=after.tokens,
                transforms=done.names,
                content_type=kind,
                model=model,
                token_counts_exact=original.exact,
                omitted=tuple(omitter.omissions),
                original=text,
            )
    # Never inflate: nothing saved means the original, unchanged (with the reason, if a
    # compressor could not read the input).
    return CompressResult(
        compressed=text,
        original_tokens=original.tokens,
        compressed_tokens=original.tokens,
        transforms=done.notes,
        content_type=kind,
        model=model,
        token_counts_exact=original.exact,
        omitted=(),
        original=text,
    )
