"""Bookkeeping for omissions: ids, absolute spans and the markers left in the text.

A fresh :class:`Omitter` is made per :func:`transforms.compress` call, so nothing here is
global. Every compressor asks it for a marker when it drops material; the marker names the
omission id and what/how much was dropped, e.g. ``[omitted 120 lines; id=o3]``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from transforms._result import Omission
from transforms.tokens import _SAFE_CUT, raw_count

# Marker text: no line break; brackets balanced (a value such as ``Match[str]`` or
# ``Callable[[dict[str, Any]], None]`` is quoted as it is), nested at most this deep;
# other brackets are escaped (``\[``), so a marker's end stays unambiguous.
_NESTING = 3
_BRACKET = re.compile(r"[\[\]]")


def _described(depth: int) -> str:
    plain = r"\\[\[\]]|[^\[\]\n]"
    return plain if depth == 0 else rf"{plain}|\[(?:{_described(depth - 1)})*\]"


#: Matches every marker this package writes; group 1 is the description, group 2 the id.
MARKER_RE = re.compile(rf"\[omitted ((?:{_described(_NESTING)})+?); id=(o\d+)\]")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def consecutive_runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """``numbers`` as (first, last) runs of consecutive ones, in the order given:
    ``[19, 20, 21, 40]`` -> ``[(19, 21), (40, 40)]``."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(numbers):
        j = k
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        runs.append((numbers[k], numbers[j]))
        k = j + 1
    return runs


def number_runs(numbers: list[int]) -> str:
    """Sorted numbers with runs of consecutive ones joined: ``19-33, 40, 42-43``."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in consecutive_runs(numbers))


def name_counts(counts: Counter[str], top: int) -> str:
    """The ``top`` most common names, ``×n`` when repeated, then ``+N more``:
    ``urllib3×4, requests, +2 more``."""
    named = ", ".join(f"{p}×{c}" if c > 1 else p for p, c in counts.most_common(top))
    return named + (f", +{len(counts) - top} more" if len(counts) > top else "")


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort, drop empty spans and join touching ones (the omitted text is unchanged)."""
    if len(spans) == 1:  # most omissions (a body, a comment): nothing to sort or join
        s, e = spans[0]
        return ((s, e),) if e > s else ()
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def _escape_brackets(text: str) -> str:
    """``text`` with every bracket that is not part of a balanced pair (nested at most
    ``_NESTING`` deep) written ``\\[`` / ``\\]``; pairs stay as they are (a reader greps
    for ``Match[str]``), and so does a bracket already after a backslash."""
    escape: set[int] = set()
    opened: list[int] = []  # positions of the open brackets around
    for m in _BRACKET.finditer(text):  # (only the brackets: a description can be long)
        i = m.start()
        if i and text[i - 1] == "\\":
            continue
        if text[i] == "[":
            opened.append(i)
        elif opened:
            start = opened.pop()
            if len(opened) >= _NESTING:  # (the pair's depth is len(opened) + 1)
                escape.update((start, i))
        else:
            escape.add(i)
    escape.update(opened)
    if not escape:
        return text
    parts: list[str] = []
    last = 0
    for i in sorted(escape):
        parts.append(text[last:i])
        parts.append("\\")
        last = i
    parts.append(text[last:])
    return "".join(parts)


def _clean(description: str) -> str:
    # Marker text holds no line break and no unbalanced bracket, so MARKER_RE finds its end.
    if "\n" in description:
        description = description.replace("\n", " ")
    if "[" in description or "]" in description:
        description = _escape_brackets(description)
    return description.strip()


# Marker heads up to this long are counted once each (short descriptions repeat: "2
# sentences", "17 lines: T2×17").
_CACHED_HEAD_CHARS = 160


@lru_cache(maxsize=4096)
def _head_tokens(head: str) -> int:
    return raw_count(head)


# A run of ASCII letters (apostrophes inside it too: o200k's "'s", "'ll" join the word before),
# or up to three digits.
_PRETOKEN_FLOOR = re.compile(r"[A-Za-z][A-Za-z']*|[0-9]{1,3}")
# Characters of the material (times the marker's) whose floor is looked at.
_FLOOR_SAMPLE = 4


def pretoken_floor(text: str) -> int:
    """A lower bound on the o200k (and cl100k) token count of ASCII ``text``, and of any text
    it is a prefix of: its letter runs plus its digit runs in threes.

    Tokens never span two of o200k's pre-tokens, and no pre-token holds two of these: a
    pre-token with letters holds one run of them (after at most one other character; an
    apostrophe suffix, ``'s``, is counted in the run), digits go three at a time in pre-tokens
    of their own, punctuation and spaces in ones without letters or digits. (Not for
    non-ASCII text: there letters and marks outside ``A-Za-z`` join runs.)"""
    return len(_PRETOKEN_FLOOR.findall(text))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Distinct non-ASCII letters rewritten for the floor, at most (then no floor).
_FLOOR_LETTERS = 32


def floor_text(text: str) -> str | None:
    """``text`` as :func:`pretoken_floor` may count it: each non-ASCII letter written ``a``
    (a name's ``é`` joins its letter run, as it joins o200k's pre-token), other non-ASCII
    characters as they are (punctuation, symbols, spaces, private use: they end a letter
    run and start none, as ASCII punctuation does). None if ``text`` holds a non-ASCII
    mark or number (a mark joins a run where no ASCII character would; a number joins
    digits), an unassigned character, or many distinct non-ASCII letters."""
    if text.isascii():
        return text
    letters = 0
    for c in set(_NON_ASCII.findall(text)):
        category = unicodedata.category(c)
        if category[0] == "L":
            letters += 1
            if letters > _FLOOR_LETTERS:
                return None
            text = text.replace(c, "a")
        elif category[0] in "MN" or category == "Cn":
            return None
    return text


def _marker(description: str, oid: str) -> str:
    return f"[omitted {description}; id={oid}]"


class Omitter:
    """Allocates omission ids and records what each marker stands for."""

    def __init__(self) -> None:
        self.omissions: list[Omission] = []
        # The last marker counted by pays, and its count: a caller asking whether one marker
        # pays for two forms of its material (rendered, then source) has it counted once.
        self._counted: tuple[str, int] = ("", 0)

    def mark(self, kind: str, spans: list[tuple[int, int]], count: int, description: str) -> str:
        """Record an omission (spans absolute in the original) and return its marker.

        Callers first ask :meth:`pays`: an omission is only made if it saves more than its
        marker costs; otherwise the material stays in the text.
        """
        oid = f"o{len(self.omissions) + 1}"
        description = _clean(description)
        self.omissions.append(Omission(oid, kind, merge_spans(spans), count, description))
        return _marker(description, oid)

    def pays(self, omitted: str, description: str) -> bool:
        """Whether omitting ``omitted`` behind a marker with ``description`` saves tokens: the
        material must count more tokens than the marker that would stand for it (id included).

        Counted with o200k: every model's count is o200k's exactly (OpenAI) or o200k's times
        one factor per content kind (estimates), so what pays under o200k pays for all of them
        and the output does not depend on the model. Material with more words than the marker
        has tokens is not encoded at all, and otherwise only a bounded prefix.
        """
        marker = _marker(_clean(description), f"o{len(self.omissions) + 1}")
        if len(omitted) <= len(marker):
            return False  # a token spans at least one character
        # Past that length check the answer is exact: the material counts more tokens than the
        # marker. Cheap bounds settle most cases, the cheapest first; the marker is encoded
        # before the material's letter runs are (its encoding costs less than their count
        # over a sample four times its length), and the material only when no bound tells.
        # Every token lies within one whitespace-separated word (o200k's pre-split never joins
        # text across whitespace), so the material counts at least as many tokens as words.
        # Words of a prefix first (a prefix holds no more words than the whole): a long body
        # is not split whole just to learn it has more words than the marker has characters.
        words = len(omitted[: 16 * len(marker)].split())
        if words <= len(marker) and len(omitted) > 16 * len(marker):
            words = len(omitted.split())
        if words > len(marker):
            return True  # the marker counts at most one token per character
        # ASCII text counts at least one token per letter run and per three digits (see
        # pretoken_floor); a few times the marker's length of it is enough to tell.
        sample = omitted[: _FLOOR_SAMPLE * len(marker)]
        ascii_sample = floor_left = sample.isascii()
        # The marker counts its text up to "; id" (cached: descriptions repeat) plus at most
        # one token per character of the rest ("=o12]"), where o200k's pre-split cuts. A
        # long description (a run's values) is one of a kind: its head is not counted apart
        # first (that would count the marker twice), and the marker is encoded before the
        # material's letter runs are counted (that costs more than encoding the marker).
        head = marker.rindex("; id") + 4
        if head <= _CACHED_HEAD_CHARS:
            if floor_left:
                words = max(words, pretoken_floor(sample))
                floor_left = False
                if words > len(marker):
                    return True
            if words > _head_tokens(marker[:head]) + len(marker) - head:
                return True
        if self._counted[0] == marker:
            need = self._counted[1]
        else:
            need = raw_count(marker)
            self._counted = (marker, need)
        if words > need:
            return True
        if floor_left and pretoken_floor(sample) > need:
            return True
        # Mostly ASCII (a record's name with an ``é``, the rows' private-use stand-ins): the
        # floor of its letters written in ASCII, before the material is counted.
        if not ascii_sample and 8 * (len(sample.encode()) - len(sample)) < len(sample):
            floorable = floor_text(sample)
            if floorable is not None and pretoken_floor(floorable) > need:
                return True
        limit = 4 * len(marker)
        # A prefix ending at a cut that does not change the count (tokens._SAFE_CUT: the
        # whole counts the prefix's tokens plus the rest's) counts no more than the whole: one of
        # four characters per token of the marker mostly outcounts it already, and a long body
        # (a run's rendered records) is not counted whole or four times the marker's length.
        start = 4 * need
        if len(omitted) > start:
            cut = _SAFE_CUT.search(omitted, start, min(limit, start + len(marker)))
            if cut is not None and raw_count(omitted[: cut.start()]) > need:
                return True
        if len(omitted) <= limit:
            return raw_count(omitted) > need
        # A cut can split a token in two: the prefix may count one token more than its share.
        return raw_count(omitted[:limit]) > need + 1 or raw_count(omitted) > need

    def checkpoint(self) -> int:
        return len(self.omissions)

    def rollback(self, checkpoint: int) -> None:
        """Forget omissions made since ``checkpoint`` (their output was discarded)."""
        del self.omissions[checkpoint:]
