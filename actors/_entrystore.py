"""The keeper's store in memory: entries per namespace, eviction order, expiry, revisions.

Pure and synchronous (no NATS, no asyncio): the keeper decides with it and applies to it
what the JetStream bucket confirmed, so it can be tested without a server.

- Every entry carries its revision (the bucket revision of the write that stored it; in a
  memory-only keeper a local counter). Within a namespace entries are kept in revision
  order, oldest first: that is the eviction order.
- Nothing is removed on a decision alone: :meth:`next_victim` and :meth:`due` *choose*
  entries (and mark them leaving, so two concurrent puts never pick the same victim or
  evict more than needed); :meth:`removed` applies a removal the bucket confirmed, and only
  if the entry still has the revision that was decided on.
- :meth:`stored` applies a write the bucket confirmed.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bus.messages import ContextEntry

__all__ = ["EntryStore", "NamespaceStats"]


@dataclass
class _Namespace:
    #: Revision order, oldest first: eviction pops from the front.
    entries: OrderedDict[str, ContextEntry] = field(default_factory=OrderedDict)
    max_entries: int | None = None
    #: Keys chosen for removal (evict, expire) whose removal is not confirmed yet.
    leaving: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class NamespaceStats:
    entries: int
    original_tokens: int
    compressed_tokens: int
    max_entries: int | None


class EntryStore:
    """Entries of every namespace, as the bucket holds them (see the module docstring)."""

    def __init__(self) -> None:
        self._namespaces: dict[str, _Namespace] = {}
        #: (expires_at, namespace, key, revision): stale records are skipped when popped.
        self._expiry: list[tuple[float, str, str, int]] = []
        self._local_revision = 0

    # -- reading -----------------------------------------------------------------------

    def get(self, namespace: str, key: str) -> ContextEntry | None:
        """The entry as stored, expired or not."""
        ns = self._namespaces.get(namespace)
        return ns.entries.get(key) if ns else None

    @staticmethod
    def expired(entry: ContextEntry, now: float) -> bool:
        return entry.expires_at is not None and entry.expires_at <= now

    def live(self, namespace: str, key: str, now: float) -> ContextEntry | None:
        """The entry if it exists and has not expired."""
        entry = self.get(namespace, key)
        if entry is None or self.expired(entry, now):
            return None
        return entry

    def revision(self, namespace: str, key: str) -> int:
        """The stored revision of ``key`` (expired or not), 0 if there is none."""
        entry = self.get(namespace, key)
        return entry.revision if entry is not None else 0

    def keys(self, namespace: str, now: float) -> list[str]:
        ns = self._namespaces.get(namespace)
        if ns is None:
            return []
        return [k for k, e in ns.entries.items() if not self.expired(e, now)]

    def entries(self, namespace: str) -> list[ContextEntry]:
        ns = self._namespaces.get(namespace)
        return list(ns.entries.values()) if ns else []

    def all_entries(self) -> Iterator[ContextEntry]:
        for ns in self._namespaces.values():
            yield from ns.entries.values()

    def stats(self, namespace: str, now: float) -> NamespaceStats:
        ns = self._namespaces.get(namespace)
        if ns is None:
            return NamespaceStats(0, 0, 0, None)
        live = [e for e in ns.entries.values() if not self.expired(e, now)]
        return NamespaceStats(
            entries=len(live),
            original_tokens=sum(e.original_tokens for e in live),
            compressed_tokens=sum(e.compressed_tokens for e in live),
            max_entries=ns.max_entries,
        )

    def namespaces(self) -> list[str]:
        return list(self._namespaces)

    def over(self, namespace: str, max_entries: int) -> bool:
        """True if the namespace holds more than ``max_entries`` (leaving ones not counted)."""
        ns = self._namespaces.get(namespace)
        return ns is not None and len(ns.entries) - len(ns.leaving) > max_entries

    def __len__(self) -> int:
        return sum(len(ns.entries) for ns in self._namespaces.values())

    # -- applying what the bucket confirmed ----------------------------------------------

    def next_local_revision(self) -> int:
        """A revision for a keeper without a bucket (memory only): increasing."""
        self._local_revision += 1
        return self._local_revision

    def stored(self, entry: ContextEntry) -> ContextEntry | None:
        """Apply a confirmed write of ``entry`` (its ``revision`` set); returns the entry it
        replaced. A write older than the stored revision is ignored (returns ``entry``)."""
        ns = self._namespaces.setdefault(entry.namespace, _Namespace())
        old = ns.entries.get(entry.key)
        if old is not None and old.revision > entry.revision:
            return entry  # a newer revision is already in: memory follows the bucket's order
        if old is not None:
            del ns.entries[entry.key]
        ns.leaving.discard(entry.key)
        # Revision order: a write confirmed after a newer one goes before it (rare; the
        # walk from the newest end stops at the first older entry).
        later: list[str] = []
        for k, e in reversed(ns.entries.items()):
            if e.revision <= entry.revision:
                break
            later.append(k)
        ns.entries[entry.key] = entry
        for k in reversed(later):
            ns.entries.move_to_end(k)
        if entry.revision > self._local_revision:
            self._local_revision = entry.revision
        if entry.expires_at is not None:
            heapq.heappush(
                self._expiry, (entry.expires_at, entry.namespace, entry.key, entry.revision)
            )
        return old

    def removed(self, namespace: str, key: str, revision: int) -> ContextEntry | None:
        """Apply a confirmed removal of ``key`` at ``revision``; returns the entry removed,
        or None when the stored entry has another revision (it was written again)."""
        ns = self._namespaces.get(namespace)
        entry = ns.entries.get(key) if ns else None
        if ns is None or entry is None or entry.revision != revision:
            return None
        del ns.entries[key]
        ns.leaving.discard(key)
        if not ns.entries and not ns.leaving:
            del self._namespaces[namespace]
        return entry

    def forget(self, namespace: str, key: str) -> ContextEntry | None:
        """Drop ``key`` whatever its revision (the bucket has no record of it)."""
        entry = self.get(namespace, key)
        return self.removed(namespace, key, entry.revision) if entry else None

    # -- deciding ------------------------------------------------------------------------

    def set_limit(self, namespace: str, max_entries: int | None) -> None:
        if max_entries is not None:
            self._namespaces.setdefault(namespace, _Namespace()).max_entries = max_entries

    def next_victim(
        self,
        namespace: str,
        max_entries: int | None,
        keep: str,
        busy: Callable[[str], bool] = lambda key: False,
    ) -> ContextEntry | None:
        """The oldest entry to evict so the namespace holds at most ``max_entries``, or None.

        Entries already leaving count as gone; ``keep`` (the key just put) and keys that are
        ``busy`` (a change of theirs is on its way to the bucket) are never chosen. The
        victim is marked leaving until :meth:`removed` or :meth:`release`.
        """
        if max_entries is None:
            return None
        ns = self._namespaces.get(namespace)
        if ns is None or len(ns.entries) - len(ns.leaving) <= max_entries:
            return None
        for key, entry in ns.entries.items():
            if key != keep and key not in ns.leaving and not busy(key):
                ns.leaving.add(key)
                return entry
        return None

    def due(self, now: float) -> list[ContextEntry]:
        """Entries whose ttl has passed, marked leaving (each is returned once)."""
        out: list[ContextEntry] = []
        while self._expiry and self._expiry[0][0] <= now:
            _at, namespace, key, revision = heapq.heappop(self._expiry)
            ns = self._namespaces.get(namespace)
            entry = ns.entries.get(key) if ns else None
            # Skip records of entries since overwritten, deleted, evicted or leaving.
            stale = ns is None or entry is None or entry.revision != revision
            if not stale and ns is not None and entry is not None and key not in ns.leaving:
                ns.leaving.add(key)
                out.append(entry)
        return out

    def expired_in(self, namespace: str, now: float) -> list[ContextEntry]:
        """Expired entries of one namespace not yet leaving, marked leaving."""
        ns = self._namespaces.get(namespace)
        if ns is None:
            return []
        out = [e for k, e in ns.entries.items() if self.expired(e, now) and k not in ns.leaving]
        ns.leaving.update(e.key for e in out)
        return out

    def claim(self, entry: ContextEntry) -> bool:
        """Mark ``entry`` leaving (a removal decided elsewhere); False if it is already
        leaving or no longer stored at that revision."""
        ns = self._namespaces.get(entry.namespace)
        current = ns.entries.get(entry.key) if ns else None
        if ns is None or current is None or current.revision != entry.revision:
            return False
        if entry.key in ns.leaving:
            return False
        ns.leaving.add(entry.key)
        return True

    def release(self, namespace: str, key: str) -> None:
        """A removal that did not happen: the entry is no longer leaving."""
        ns = self._namespaces.get(namespace)
        if ns is not None:
            ns.leaving.discard(key)

    def restore(self, entries: list[ContextEntry]) -> None:
        """Load entries read back from the bucket (in revision order)."""
        for entry in sorted(entries, key=lambda e: e.revision):
            self.stored(entry)


def with_revision(entry: ContextEntry, revision: int) -> ContextEntry:
    return dataclasses.replace(entry, revision=revision)
