from __future__ import annotations

import random

from transforms._omit import merge_spans


def _reference(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Merged spans by brute force: the positions covered, as maximal touching runs."""
    covered = sorted({p for s, e in spans for p in range(s, e)})
    runs: list[list[int]] = []
    for p in covered:
        if runs and p == runs[-1][1]:
            runs[-1][1] = p + 1
        else:
            runs.append([p, p + 1])
    # Touching spans join ((0, 2) and (2, 4) cover 0..3 with no gap: one run above too).
    return tuple((s, e) for s, e in runs)


def test_merge_spans_matches_the_covered_positions() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        spans = []
        for _ in range(rng.choice((1, 1, 1, 2, 3, 6))):
            s = rng.randrange(0, 40)
            spans.append((s, s + rng.randrange(-3, 12)))  # some empty or reversed
        assert merge_spans(spans) == _reference(spans), spans


def test_merge_spans_single_and_empty() -> None:
    assert merge_spans([(5, 9)]) == ((5, 9),)
    assert merge_spans([(5, 5)]) == ()
    assert merge_spans([(9, 5)]) == ()
    assert merge_spans([]) == ()


def test_name_counts_says_how_many_names_it_leaves_out() -> None:
    from collections import Counter

    from transforms._omit import name_counts

    counts = Counter(["urllib3"] * 4 + ["requests", "idna", "certifi", "chardet"])
    assert name_counts(counts, 3) == "urllib3×4, requests, idna, +2 more"
    assert name_counts(counts, 5) == "urllib3×4, requests, idna, certifi, chardet"
