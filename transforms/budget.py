"""Reads that fit the reader: the most faithful form of an entry within a token budget.

A :class:`Ladder` holds one entry's forms, most faithful first, each computed once on first
use and then kept (counts too, per model):

``original``
    the text as put;
``compressed``
    :func:`transforms.compress`'s output;
``short_markers``
    omission markers cut to their count (``[omitted 120 lines; id=o3]``), ids kept, so
    ``get_omitted`` still finds every part;
``fewer_examples``
    lines that repeat the shape of an earlier line (digits, hex ids and quoted strings
    masked: table rows, log examples, code bodies' markers) dropped after the first, a run
    of them replaced by ``[… N similar lines]``; headings and short lines stay;
``outline``
    every block (lines between blank lines) reduced to its first line, prose to its first
    sentence, the rest replaced by ``[… N lines]``; headings stay;
``cut``
    the last resort: the outline's head up to the budget, then ``[cut: …]`` (or, for a
    budget too small for that marker, the head alone).

:meth:`Ladder.fit` serves the first form whose count, for the reader's model (exact for
OpenAI ids, the calibrated estimate of its family otherwise, see :mod:`transforms.tokens`),
is within ``max_tokens``: never more tokens than asked. Pure: no I/O, no global state.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from transforms._omit import MARKER_RE
from transforms._query import MAX_PIECES, QueryIndex, Spanned, render
from transforms.tokens import _encoding, count_tokens, resolve_model, token_kind

__all__ = ["EXPANDED", "LEVELS", "Fitted", "Ladder", "fit"]

LEVELS = ("original", "compressed", "short_markers", "fewer_examples", "outline", "cut")
#: A compressed read with the omitted pieces that match a query put back (between
#: ``original`` and ``compressed`` in faithfulness).
EXPANDED = "expanded"

_COUNT_HEAD = re.compile(r"^\d[\d,]*(?:\.\d+)?\s+[A-Za-z][\w-]*")
_SHAPE_MASKS = (
    (re.compile(r'"(?:[^"\\\n]|\\.)*"'), '""'),
    (re.compile(r"'(?:[^'\\\n]|\\.)*'"), "''"),
    (re.compile(r"\b0x[0-9a-fA-F]+\b|\b[0-9a-f]{7,}\b"), "#"),
    (re.compile(r"\d+(?:[.,:]\d+)*"), "0"),
    (re.compile(r"\s+"), " "),
)
_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s|={3,}\s*$|-{3,}\s*$)|^[A-Z][^a-z\n]{2,80}$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")
#: A line this short (braces, ``end``, blank-ish) is never worth a marker.
_SHORT_LINE = 4


@dataclass(frozen=True, slots=True)
class Fitted:
    """What a budgeted read serves: the text, which level, and its count for the model."""

    text: str
    level: str
    tokens: int
    exact: bool
    #: The original's count for the same model, to tell what the budget saved.
    original_tokens: int
    #: Omission ids expanded back into the text (query-aware reads).
    expanded: tuple[str, ...] = ()


def short_markers(text: str) -> str:
    def shorten(match: re.Match[str]) -> str:
        head = _COUNT_HEAD.match(match.group(1))
        return f"[omitted {head.group(0) if head else '…'}; id={match.group(2)}]"

    return MARKER_RE.sub(shorten, text)


def _shape(line: str) -> str:
    for pattern, replacement in _SHAPE_MASKS:
        line = pattern.sub(replacement, line)
    return line.strip()


def _similar_marker(n: int, indent: str) -> str:
    return f"{indent}[… {n} similar line{'s' if n != 1 else ''}]"


def fewer_examples(text: str) -> str:
    """Keep the first line of each shape; runs of later ones become one marker."""
    seen: set[str] = set()
    out: list[str] = []
    dropped = 0
    indent = ""
    for line in text.split("\n"):
        stripped = line.strip()
        keep = len(stripped) <= _SHORT_LINE or bool(_HEADING.match(line))
        if not keep:
            shape = _shape(line)
            keep = shape not in seen
            seen.add(shape)
        if keep:
            if dropped:
                out.append(_similar_marker(dropped, indent))
                dropped = 0
            out.append(line)
        else:
            if not dropped:
                indent = line[: len(line) - len(line.lstrip())]
            dropped += 1
    if dropped:
        out.append(_similar_marker(dropped, indent))
    return "\n".join(out)


def _first_sentence(line: str) -> str:
    parts = _SENTENCE_END.split(line, maxsplit=1)
    return parts[0] + (" […]" if len(parts) > 1 else "")


_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")


def outline(text: str) -> str:
    """Every block reduced to its first line (prose: first sentence); headings kept."""
    return "\n\n".join(outline_block(block) for block in _BLOCK_BREAK.split(text))


def outline_block(block: str) -> str:
    """One block (lines between blank lines) reduced to its first line and headings."""
    kept: list[str] = []
    dropped = 0
    for i, line in enumerate(block.split("\n")):
        if i == 0 or _HEADING.match(line) or not line.strip():
            if dropped:
                kept.append(f"[… {dropped} line{'s' if dropped != 1 else ''}]")
                dropped = 0
            kept.append(_first_sentence(line) if i == 0 else line)
        else:
            dropped += 1
    if dropped:
        kept.append(f"[… {dropped} line{'s' if dropped != 1 else ''}]")
    return "\n".join(kept)


def _block_head(block: str, room: int, model: str, kind: str) -> tuple[str, int] | None:
    """A block's first lines within ``room`` tokens, the rest counted as the outline counts
    them (``[… N lines]``); None when not even two lines fit (its outline says as much)."""
    lines = block.split("\n")
    used = 0
    k = 0
    while k < len(lines):
        cost = count_tokens(lines[k] + "\n", model, kind).tokens
        if used + cost + 8 > room:  # 8: the "[… N lines]" line
            break
        used += cost
        k += 1
    if k == len(lines):
        return None  # the whole block fits: given back whole above, or over by the joins
    if k < 2:
        return None
    rest = len(lines) - k
    text = "\n".join([*lines[:k], f"[… {rest} line{'s' if rest != 1 else ''}]"])
    return text, used + 8


def _cut_marker(shown: int, total: int) -> str:
    return f"\n[cut: {shown} of {total} tokens shown]"


def cut(text: str, max_tokens: int, model: str, content_type: str | None) -> tuple[str, int]:
    """The longest head of ``text`` that, with a cut marker, counts at most ``max_tokens``
    for ``model``; returns it with its count."""
    total = count_tokens(text, model, content_type).tokens
    if total <= max_tokens:
        return text, total
    if max_tokens <= 0:
        return "", 0
    info = resolve_model(model)
    encoding = _encoding(info.encoding)
    tokens = encoding.encode_ordinary(text)
    # Estimated families scale o200k's count by a factor: take it from the whole text.
    factor = 1.0 if info.exact or not tokens else max(1.0, total / len(tokens))
    marker = _cut_marker(max_tokens, total)
    marker_cost = count_tokens(marker, model, content_type).tokens
    with_marker = max_tokens > marker_cost + 2
    room = max_tokens - marker_cost if with_marker else max_tokens
    k = max(0, math.floor(room / factor) - 1)
    while True:
        head = encoding.decode_bytes(tokens[:k]).decode("utf-8", errors="ignore")
        newline = head.rfind("\n")
        if newline >= 0.8 * len(head):
            head = head[:newline]  # end on a whole line when that costs little
        candidate = head + _cut_marker(count_tokens(head, model, content_type).tokens, total)
        if not with_marker:
            candidate = head
        n = count_tokens(candidate, model, content_type).tokens
        if n <= max_tokens:
            return candidate, n
        if k == 0:
            return "", 0
        k = max(0, min(k - 1, int(k * 0.95)))


class Ladder:
    """One entry's forms, each computed once, and their counts per model."""

    def __init__(
        self,
        original: str,
        compressed: str,
        content_type: str | None = None,
        omissions: Sequence[Spanned] = (),
    ) -> None:
        self.content_type = content_type
        self.omissions = tuple(omissions)
        self._texts: dict[str, str] = {"original": original, "compressed": compressed}
        self._counts: dict[tuple[str, str], tuple[int, bool]] = {}
        self._index: QueryIndex | None = None
        self._block_forms: list[tuple[str, str]] | None = None
        self._block_costs: dict[str, list[tuple[int, int]]] = {}
        self._lock = threading.Lock()

    @property
    def original(self) -> str:
        return self._texts["original"]

    @property
    def compressed(self) -> str:
        return self._texts["compressed"]

    def text(self, level: str) -> str:
        """The form at ``level`` (not ``cut``, which depends on the budget)."""
        found = self._texts.get(level)
        if found is not None:
            return found
        if level == "short_markers":
            made = short_markers(self.compressed)
        elif level == "fewer_examples":
            made = fewer_examples(self.text("short_markers"))
        elif level == "outline":
            made = outline(self.text("fewer_examples"))
        else:
            raise ValueError(f"unknown level {level!r}; one of {', '.join(LEVELS[:-1])}")
        with self._lock:
            return self._texts.setdefault(level, made)

    def count(self, level: str, model: str) -> tuple[int, bool]:
        """``(tokens, exact)`` of the form at ``level`` for ``model``."""
        key = (level, model)
        found = self._counts.get(key)
        if found is None:
            counted = count_tokens(self.text(level), model, token_kind(self.content_type))
            found = self._counts[key] = (counted.tokens, counted.exact)
        return found

    def fit(self, max_tokens: int | None, model: str, query: str | None = None) -> Fitted:
        """The most faithful form within ``max_tokens`` for ``model`` (None: the compressed
        form, the default read).

        With a ``query``, a compressed read gets the omitted pieces that match it back in
        place (level ``expanded``, ``Fitted.expanded`` naming the omissions), as many as
        the budget allows, best matches first; the original still wins when it fits.
        """
        if max_tokens is not None and (
            not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 0
        ):
            raise ValueError(f"max_tokens must be an int >= 0 or None, got {max_tokens!r:.40}")
        original_tokens, exact = self.count("original", model)
        if query and query.strip() and self.omissions:
            fitted = self._expanded(query, max_tokens, model, original_tokens)
            if fitted is not None:
                return fitted
        levels = LEVELS[:-1] if max_tokens is not None else ("compressed",)
        previous = ""
        for level in levels:
            text = self.text(level)
            if text == previous:
                continue  # a level that changed nothing is not a new form
            previous = text
            tokens, exact = self.count(level, model)
            if level == "outline" and max_tokens is not None and tokens < max_tokens // 2:
                break  # an outline this far below the budget wastes it: cut instead
            if max_tokens is None or tokens <= max_tokens:
                return Fitted(text, level, tokens, exact, original_tokens)
            if level == "fewer_examples":
                partial = self._partial_outline(max_tokens, model)
                if partial is not None and partial[1] >= max_tokens // 2:
                    return Fitted(partial[0], "outline", partial[1], exact, original_tokens)
        assert max_tokens is not None
        kind = token_kind(self.content_type)
        # The outline when it is over the budget too, else the fuller form's head.
        source = "outline" if self.count("outline", model)[0] > max_tokens else "fewer_examples"
        text, tokens = cut(self.text(source), max_tokens, model, kind)
        return Fitted(text, "cut", tokens, exact, original_tokens)

    def _blocks(self) -> list[tuple[str, str]]:
        """The ``fewer_examples`` form's blocks, each whole and outlined (kept)."""
        blocks = self._block_forms
        if blocks is None:
            blocks = [
                (b, outline_block(b)) for b in _BLOCK_BREAK.split(self.text("fewer_examples"))
            ]
            self._block_forms = blocks
        return blocks

    def _partial_outline(self, max_tokens: int, model: str) -> tuple[str, int] | None:
        """Outline only as many blocks as the budget needs, those saving most first; None
        when even every block outlined is over (the full outline then decides)."""
        blocks = self._blocks()
        if len(blocks) < 2:
            return None
        kind = token_kind(self.content_type)
        costs = self._block_costs.get(model)
        if costs is None:
            costs = [
                (count_tokens(whole, model, kind).tokens, count_tokens(short, model, kind).tokens)
                for whole, short in blocks
            ]
            self._block_costs[model] = costs
        order = sorted(range(len(blocks)), key=lambda i: costs[i][1] - costs[i][0])
        estimate = self.count("fewer_examples", model)[0]
        reduced: set[int] = set()
        for i in order:
            saving = costs[i][0] - costs[i][1]
            if saving <= 0:
                break
            reduced.add(i)
            estimate -= saving
            if estimate > max_tokens:
                continue
            # Block counts do not add up exactly (joins): count the text itself.
            text = "\n\n".join(
                short if j in reduced else whole for j, (whole, short) in enumerate(blocks)
            )
            tokens = count_tokens(text, model, kind).tokens
            if tokens <= max_tokens:
                if len(reduced) == len(blocks):
                    return None
                return self._give_back(blocks, costs, reduced, (text, tokens), max_tokens, model)
        return None

    def _give_back(
        self,
        blocks: list[tuple[str, str]],
        costs: list[tuple[int, int]],
        reduced: set[int],
        fitted: tuple[str, int],
        max_tokens: int,
        model: str,
    ) -> tuple[str, int]:
        """Blocks outlined on the way that the budget does not need back whole (biggest
        first): outlining the block that saves most can overshoot, leaving the budget half
        used, and a bigger budget must not get less of the text than a smaller one."""
        tokens = fitted[1]
        estimate = tokens
        back = set(reduced)
        for i in sorted(reduced, key=lambda i: costs[i][1] - costs[i][0]):
            saving = costs[i][0] - costs[i][1]
            if estimate + saving <= max_tokens:
                back.discard(i)
                estimate += saving
        kind = token_kind(self.content_type)
        # The room still left goes to the head of the biggest block still outlined: its first
        # lines whole, the rest counted ("[… N lines]"), as in an outline.
        heads: dict[int, str] = {}
        for i in sorted(back, key=lambda i: costs[i][1] - costs[i][0]):
            head = _block_head(blocks[i][0], max_tokens - estimate + costs[i][1], model, kind)
            if head is not None:
                heads[i] = head[0]
                estimate += head[1] - costs[i][1]
                break
        if back == reduced and not heads:
            return fitted
        fuller = "\n\n".join(
            heads.get(j, short) if j in back else whole for j, (whole, short) in enumerate(blocks)
        )
        counted = count_tokens(fuller, model, kind).tokens
        return (fuller, counted) if tokens < counted <= max_tokens else fitted

    def _query_index(self) -> QueryIndex:
        index = self._index
        if index is None:
            prose = token_kind(self.content_type) in ("prose", "markdown")
            index = QueryIndex(self.original, self.omissions, prose)
            with self._lock:
                self._index = index
        return index

    def _expanded(
        self, query: str, max_tokens: int | None, model: str, original_tokens: int
    ) -> Fitted | None:
        kind = token_kind(self.content_type)
        if max_tokens is not None and original_tokens <= max_tokens:
            return None  # the original fits: nothing is left out at all
        base, _exact = self.count("compressed", model)
        if max_tokens is not None and base > max_tokens:
            return None  # not even the compressed form fits: the ladder decides
        ranked = self._query_index().ranked(query)
        if max_tokens is None:
            chosen = ranked[:MAX_PIECES]
        else:
            chosen, room = [], max_tokens - base
            for piece in ranked:
                cost = count_tokens(piece.text + "\n", model, kind).tokens
                if cost <= room:
                    chosen.append(piece)
                    room -= cost
        while chosen:
            text, expanded = render(self.compressed, chosen)
            counted = count_tokens(text, model, kind)
            if max_tokens is None or counted.tokens <= max_tokens:
                return Fitted(
                    text, EXPANDED, counted.tokens, counted.exact, original_tokens, expanded
                )
            chosen.pop()  # merged pieces counted more than their sum: drop the weakest
        return None


def fit(
    original: str,
    compressed: str,
    max_tokens: int,
    model: str,
    content_type: str | None = None,
    omissions: Sequence[Spanned] = (),
    query: str | None = None,
) -> Fitted:
    """One-shot :meth:`Ladder.fit` (keep a :class:`Ladder` to reuse the forms)."""
    return Ladder(original, compressed, content_type, omissions).fit(max_tokens, model, query)
