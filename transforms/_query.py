"""Query-aware reads: omitted parts that match a query, put back where they were left out.

Every omitted part of an entry (its spans in the original) is cut into pieces: lines, and
long lines into sentences. The pieces are ranked against the query with BM25 (Lucene's
variant, as ``bm25s`` computes it: k1 1.5, b 0.75, scikit-learn's word pattern, lower case,
English stop words), built once per entry on its first query. It is written out here rather
than taken from ``bm25s`` because that library needs numpy, which alone would double the
size of a plain install (71 of 140 MB) for thirty lines of arithmetic. A read then puts the
best-ranked pieces back in place of their omission's marker, in the original's order,
within the read's token budget. The marker stays after them: the whole part is still one
``get_omitted`` away.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from transforms._omit import MARKER_RE

__all__ = ["Piece", "QueryIndex", "Spanned"]

#: A piece scoring below this share of the best piece's score is not worth showing.
RELATIVE_FLOOR = 0.3
#: Without a budget, at most this many pieces come back.
MAX_PIECES = 40
_LONG_LINE = 400
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")
_WORD = re.compile(r"(?u)\b\w\w+\b")
#: bm25s's English stop words.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
_K1 = 1.5
_B = 0.75


def _terms(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]


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
        self._counts = [Counter(_terms(p.text)) for p in self.pieces]
        self._lengths = [sum(c.values()) for c in self._counts]
        self._average = sum(self._lengths) / len(self._lengths) if self._lengths else 0.0
        documents: Counter[str] = Counter()
        for counts in self._counts:
            documents.update(counts.keys())
        n = len(self.pieces)
        self._idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in documents.items()}

    def scores(self, query: str) -> list[float]:
        """One BM25 score per piece (query terms absent from every piece count nothing)."""
        terms = [t for t in _terms(query) if t in self._idf]
        out = [0.0] * len(self.pieces)
        if not terms or not self._average:
            return out
        for i, counts in enumerate(self._counts):
            norm = _K1 * (1 - _B + _B * self._lengths[i] / self._average)
            for term in terms:
                tf = counts.get(term, 0)
                if tf:
                    out[i] += self._idf[term] * tf / (tf + norm)
        return out

    def ranked(self, query: str) -> list[Piece]:
        """Pieces that match ``query``, best first (ties: earlier first)."""
        scores = self.scores(query)
        best = max(scores, default=0.0)
        if best <= 0.0:
            return []
        order = sorted(
            (i for i, s in enumerate(scores) if s >= best * RELATIVE_FLOOR and s > 0),
            key=lambda i: (-scores[i], i),
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
