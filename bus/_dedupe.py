"""Client side of cross-entry dedupe: remember what was put, send only what is new.

A client remembers the texts it put in its namespace (bounded). A new put that shares a
long head and/or tail with one of them (a log that grew, a report with a section added
or edited in one place) is sent as that entry's key and hash, how much of its head and
tail to keep, and the middle that is new. The keeper rebuilds the whole text, checks its
hash and stores a normal entry.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["Delta", "SentMemory", "common_prefix", "common_suffix", "sha256"]

#: A delta must leave out at least this share of the text and this many characters.
MIN_SHARED = 0.5
MIN_SAVED_CHARS = 2048
#: Candidates tried per put (the same key first, then the most recent puts).
MAX_CANDIDATES = 8


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (binary search on C-level slice compares)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix, at most ``limit``."""
    lo, hi = 0, min(len(a), len(b), limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


@dataclass(frozen=True, slots=True)
class Delta:
    base_key: str
    base_sha256: str
    keep_head: int
    keep_tail: int
    middle: str


@dataclass(slots=True)
class _Sent:
    text: str
    sha: str


class SentMemory:
    """The last texts put by this client, by key, within ``max_chars`` in all."""

    def __init__(self, max_chars: int = 32 * 1024 * 1024, max_entries: int = 64) -> None:
        self.max_chars = max_chars
        self.max_entries = max_entries
        self._sent: OrderedDict[str, _Sent] = OrderedDict()
        self._chars = 0

    def remember(self, key: str, text: str) -> None:
        self.forget(key)
        if len(text) > self.max_chars:
            return
        self._sent[key] = _Sent(text, sha256(text))
        self._chars += len(text)
        while self._chars > self.max_chars or len(self._sent) > self.max_entries:
            _key, old = self._sent.popitem(last=False)
            self._chars -= len(old.text)

    def forget(self, key: str) -> None:
        old = self._sent.pop(key, None)
        if old is not None:
            self._chars -= len(old.text)

    def clear(self) -> None:
        self._sent.clear()
        self._chars = 0

    def delta(self, key: str, text: str) -> Delta | None:
        """The cheapest way to send ``text`` against a remembered text, if one pays."""
        candidates = [key] if key in self._sent else []
        candidates += [k for k in reversed(self._sent) if k != key][: MAX_CANDIDATES - 1]
        best: Delta | None = None
        for name in candidates:
            base = self._sent[name]
            head = common_prefix(base.text, text)
            tail = common_suffix(base.text, text, min(len(base.text), len(text)) - head)
            shared = head + tail
            if shared < MIN_SHARED * len(text) or shared < MIN_SAVED_CHARS:
                continue
            if best is None or shared > best.keep_head + best.keep_tail:
                middle = text[head : len(text) - tail]
                best = Delta(name, base.sha, head, tail, middle)
        return best
