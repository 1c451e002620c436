"""Query-aware reads: omitted parts that match a query, put back where they were left out.

Every omitted part of an entry (its spans in the original) is cut into pieces: lines, and
long lines into sentences. The pieces are ranked against the query with BM25 (``bm25s``,
English stop words, built once per entry on its first query). A read then puts the
best-ranked pieces back in place of their omission's marker, in the original's order,
within the read's token budget. The marker stays after them: the whole part is still one
``get_omitted`` away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import bm25s

from transforms._omit import MARKER_RE

__all__ = ["Piece", "QueryIndex", "Spanned"]

#: A piece scoring below this share of the best piece's score is not worth showing.
RELATIVE_FLOOR = 0.3
#: Without a budget, at most this many pieces come back.
MAX_PIECES = 40
_LONG_LINE = 400
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


class Spanned(Protocol):
    """An omission as :func:`transforms.compress` or the wire describes it."""

    @property
    def id(self) -> str: ...

    @property
    def spans(self) -> Sequence[Sequence[int]]: ...


@dataclass(frozen=True, slots=True)
class Piece:
    omission_id: str
    order: int  # pieces are shown in the original's order
    text: str


def _pieces(original: str, omissions: Sequence[Spanned], prose: bool) -> list[Piece]:
    """Each omitted part as pieces in the original's order: sentences for prose (a wrapped
    paragraph read as one line), lines otherwise; long ones split further."""
    pieces: list[Piece] = []
    for omission in omissions:
        for span in omission.spans:
            part = original[int(span[0]) : int(span[1])]
            if prose:
                units = [
                    " ".join(block.split())
                    for block in re.split(r"\n[ \t]*\n", part)
                    if block.strip()
                ]
            else:
                units = part.splitlines()
            for unit in units:
                for text in _split_long(unit) if len(unit) > _LONG_LINE or prose else [unit]:
                    if text.strip():
                        pieces.append(Piece(omission.id, len(pieces), text.strip()))
    return pieces


def _split_long(line: str) -> list[str]:
    """A long line as sentences, and a sentence still long (a package list, a data dump)
    as chunks of about ``_LONG_LINE`` characters ending at a separator."""
    out: list[str] = []
    for sentence in _SENTENCE.split(line):
        while len(sentence) > _LONG_LINE:
            cut = max(sentence.rfind(sep, 0, _LONG_LINE) for sep in (", ", "; ", " "))
            cut = cut + 1 if cut > 0 else _LONG_LINE
            out.append(sentence[:cut])
            sentence = sentence[cut:]
        out.append(sentence)
    return out


class QueryIndex:
    """BM25 over one entry's omitted pieces."""

    def __init__(self, original: str, omissions: Sequence[Spanned], prose: bool = False) -> None:
        self.pieces = _pieces(original, omissions, prose)
        self._retriever: bm25s.BM25 | None = None
        if self.pieces:
            corpus = bm25s.tokenize(
                [p.text for p in self.pieces], stopwords="en", show_progress=False
            )
            retriever = bm25s.BM25()
            retriever.index(corpus, show_progress=False)
            self._retriever = retriever

    def ranked(self, query: str) -> list[Piece]:
        """Pieces that match ``query``, best first (ties: earlier first)."""
        if self._retriever is None:
            return []
        terms = bm25s.tokenize(query, stopwords="en", return_ids=False, show_progress=False)
        if not terms or not terms[0]:
            return []
        scores = self._retriever.get_scores(terms[0])
        best = float(scores.max()) if len(scores) else 0.0
        if best <= 0.0:
            return []
        order = sorted(
            (i for i, s in enumerate(scores) if s >= best * RELATIVE_FLOOR and s > 0),
            key=lambda i: (-float(scores[i]), i),
        )
        return [self.pieces[i] for i in order]


def render(compressed: str, chosen: Sequence[Piece]) -> tuple[str, tuple[str, ...]]:
    """``compressed`` with the chosen pieces before their omission's marker, in order."""
    by_id: dict[str, list[Piece]] = {}
    for piece in chosen:
        by_id.setdefault(piece.omission_id, []).append(piece)
    if not by_id:
        return compressed, ()

    def expand(match: re.Match[str]) -> str:
        pieces = by_id.get(match.group(2))
        if not pieces:
            return match.group(0)
        shown = "\n".join(p.text for p in sorted(pieces, key=lambda p: p.order))
        return f"{shown}\n{match.group(0)}"

    text = MARKER_RE.sub(expand, compressed)
    expanded = tuple(sorted(by_id, key=lambda oid: int(oid[1:]) if oid[1:].isdigit() else 0))
    return text, expanded
