"""The keeper's store in memory (actors/_entrystore.py): no server needed."""

from __future__ import annotations

from actors._entrystore import EntryStore, with_revision
from bus.messages import ContextEntry


def entry(key: str, revision: int, ns: str = "n", expires_at: float | None = None) -> ContextEntry:
    return ContextEntry(
        key=key,
        original=f"original {key}",
        compressed=f"c {key}",
        original_tokens=10,
        compressed_tokens=4,
        agent=None,
        timestamp=float(revision),
        transforms=[],
        namespace=ns,
        expires_at=expires_at,
        revision=revision,
    )


def test_revision_order_is_eviction_order() -> None:
    store = EntryStore()
    for key, rev in (("a", 1), ("b", 2), ("c", 3)):
        store.stored(entry(key, rev))
    store.stored(entry("a", 4))  # an overwrite becomes newest
    assert store.keys("n", 0) == ["b", "c", "a"]
    victim = store.next_victim("n", 2, keep="a")
    assert victim is not None and victim.key == "b"
    # Chosen but not confirmed: still stored, but not chosen twice, and counted as gone.
    assert store.keys("n", 0) == ["b", "c", "a"]
    assert store.next_victim("n", 2, keep="a") is None
    assert store.removed("n", "b", 2) is not None
    assert store.keys("n", 0) == ["c", "a"]


def test_a_write_confirmed_late_goes_in_revision_order() -> None:
    store = EntryStore()
    store.stored(entry("a", 1))
    store.stored(entry("c", 3))
    store.stored(entry("b", 2))
    assert store.keys("n", 0) == ["a", "b", "c"]
    # An older revision of a key never replaces a newer one.
    assert store.stored(entry("c", 1)) is not None
    assert store.revision("n", "c") == 3


def test_removal_applies_only_to_the_revision_decided_on() -> None:
    store = EntryStore()
    store.stored(entry("y", 1))
    victim = store.next_victim("n", 0, keep="")
    assert victim is not None and victim.revision == 1
    store.stored(entry("y", 5))  # put again before the eviction was confirmed
    assert store.removed("n", "y", 1) is None
    live = store.live("n", "y", 0)
    assert live is not None and live.revision == 5


def test_busy_keys_and_the_kept_key_are_never_victims() -> None:
    store = EntryStore()
    for key, rev in (("a", 1), ("b", 2), ("c", 3)):
        store.stored(entry(key, rev))
    victim = store.next_victim("n", 1, keep="c", busy=lambda k: k == "a")
    assert victim is not None and victim.key == "b"
    assert store.next_victim("n", 1, keep="c", busy=lambda k: k == "a") is None
    store.release("n", "b")
    assert store.next_victim("n", 5, keep="") is None


def test_expiry() -> None:
    store = EntryStore()
    store.stored(entry("a", 1, expires_at=10.0))
    store.stored(entry("b", 2, expires_at=20.0))
    store.stored(entry("c", 3))
    assert store.live("n", "a", 5.0) is not None
    assert store.live("n", "a", 10.0) is None
    assert store.get("n", "a") is not None  # memory keeps it until the bucket lost it
    assert store.keys("n", 15.0) == ["b", "c"]
    assert store.stats("n", 15.0).entries == 2
    due = store.due(15.0)
    assert [e.key for e in due] == ["a"]
    assert store.due(15.0) == []  # each due entry is handed out once
    # An entry overwritten after its heap record was made is not due under the old ttl.
    store.stored(entry("b", 4))
    assert store.due(25.0) == []
    assert [e.key for e in store.expired_in("n", 25.0)] == []
    assert store.removed("n", "a", 1) is not None
    assert store.keys("n", 100.0) == ["c", "b"]


def test_claim_and_local_revisions() -> None:
    store = EntryStore()
    first = with_revision(entry("a", 0), store.next_local_revision())
    store.stored(first)
    assert store.claim(first)
    assert not store.claim(first)  # already leaving
    store.release("n", "a")
    assert store.claim(first)
    assert store.forget("n", "a") is not None
    assert store.get("n", "a") is None and len(store) == 0
    store.restore([entry("x", 9), entry("w", 7)])
    assert store.keys("n", 0) == ["w", "x"]
    assert store.next_local_revision() == 10
