from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transforms
from transforms import tokens
from transforms.tokens import CALIBRATION, count_tokens, raw_count, resolve_model

TEXT = "The quick brown fox jumps over the lazy dog. 12345 tokens, please!\n" * 20


@pytest.mark.parametrize(
    ("model", "family", "encoding", "exact"),
    [
        ("gpt-4o", "openai", "o200k_base", True),
        ("openai/gpt-4o-mini", "openai", "o200k_base", True),
        ("azure/gpt-4.1", "openai", "o200k_base", True),
        ("o3-mini", "openai", "o200k_base", True),
        ("gpt-5", "openai", "o200k_base", True),
        ("gpt-4-turbo", "openai", "cl100k_base", True),
        ("gpt-3.5-turbo", "openai", "cl100k_base", True),
        ("text-embedding-3-small", "openai", "cl100k_base", True),
        ("ft:gpt-4o-mini:acme::abc", "openai", "o200k_base", True),
        ("claude-sonnet-4-5-20250929", "anthropic", "o200k_base", False),
        ("anthropic/claude-3-5-haiku-latest", "anthropic", "o200k_base", False),
        ("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic", "o200k_base", False),
        ("bedrock/us.anthropic.claude-opus-4-1-20250805-v1:0", "anthropic", "o200k_base", False),
        ("vertex_ai/claude-opus-4@20250514", "anthropic", "o200k_base", False),
        ("vertex_ai/gemini-2.5-pro", "google", "o200k_base", False),
        ("gemini/gemini-2.0-flash", "google", "o200k_base", False),
        ("models/gemini-1.5-flash", "google", "o200k_base", False),
        ("llama-3.1-70b", "other", "o200k_base", False),
    ],
)
def test_registry(model: str, family: str, encoding: str, exact: bool) -> None:
    info = resolve_model(model)
    assert (info.family, info.encoding, info.exact) == (family, encoding, exact)


def test_openai_counts_are_exact_and_differ_by_encoding() -> None:
    o200k = count_tokens(TEXT, "gpt-4o")
    cl100k = count_tokens(TEXT, "gpt-4")
    assert o200k.exact and cl100k.exact
    assert o200k.tokens == raw_count(TEXT, "o200k_base")
    assert cl100k.tokens == raw_count(TEXT, "cl100k_base")
    # Known exact counts (tiktoken reference values for these strings).
    assert count_tokens("hello world", "gpt-4o").tokens == 2
    assert count_tokens("tiktoken is great!", "gpt-4").tokens == 6


def test_estimates_are_flagged_and_calibrated_per_kind() -> None:
    base = raw_count(TEXT)
    claude = count_tokens(TEXT, "claude-sonnet-4-5-20250929", "prose")
    gemini_json = count_tokens(TEXT, "vertex_ai/gemini-2.5-pro", "json")
    assert not claude.exact and not gemini_json.exact
    # o200k undercounts Claude by ~8-21% and Gemini by ~5-27%: estimates stay in those ranges.
    assert base * 1.08 <= claude.tokens <= base * 1.21 + 1
    assert base * 1.05 <= gemini_json.tokens <= base * 1.27 + 1
    for family in ("anthropic", "google"):
        lo, hi = (1.08, 1.21) if family == "anthropic" else (1.05, 1.27)
        assert all(lo <= f <= hi for f in CALIBRATION[family].values())


def test_count_tokens_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        count_tokens(b"bytes", "gpt-4o")  # type: ignore[arg-type]


def test_tokens_for_other_families() -> None:
    r = transforms.compress(TEXT * 10, model="claude-sonnet-4-5-20250929")
    orig, comp = r.tokens_for("gpt-4o")
    assert orig == raw_count(r.original) and comp == raw_count(r.compressed)
    g_orig, _ = r.tokens_for("vertex_ai/gemini-2.5-flash")
    assert g_orig > orig
    assert r.tokens_for(r.model) == (r.original_tokens, r.compressed_tokens)


def test_exact_flag_follows_model() -> None:
    assert transforms.compress(TEXT, model="gpt-4o").token_counts_exact
    assert not transforms.compress(TEXT).token_counts_exact


def test_compress_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        transforms.compress(None)  # type: ignore[arg-type]


def _mixed_text() -> str:
    """Long text of every kind the cut has to survive: code, prose, CRLF lines, blank-line
    runs, punctuation before newlines, non-ASCII words, digits at line starts."""
    from tests.transforms import _samples as s

    parts = [
        s.PYTHON_SOURCE,
        s.GO_SOURCE.replace("\n", "\r\n"),
        s.RUST_SOURCE,
        s.tech_doc(6),
        "Größe: 12 Ärger\n\n\n  indented\n;\nx\n}\nfoo()\n123 items\nÉtat final\n",
        s.app_log(300),
    ]
    return "".join(parts) * 12


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_parallel_count_equals_the_whole_count(encoding: str) -> None:
    from transforms.tokens import _SAFE_CUT, raw_count_parallel

    text = _mixed_text()
    assert len(text) > 200_000
    assert raw_count_parallel(text, encoding) == raw_count(text, encoding)
    # Not only the middle: every safe cut of one round of the mix splits the count exactly.
    one = text[: len(text) // 12]
    whole = raw_count(one, encoding)
    cuts = [m.start() for m in _SAFE_CUT.finditer(one)]
    assert len(cuts) > 30
    for cut in cuts:
        assert raw_count(one[:cut], encoding) + raw_count(one[cut:], encoding) == whole, cut


def test_parallel_count_of_short_or_uncuttable_text_is_the_plain_count() -> None:
    from transforms.tokens import raw_count_parallel

    assert raw_count_parallel(TEXT) == raw_count(TEXT)
    no_cut = "1 2 3\n" * 50_000  # no line starts with a letter
    assert raw_count_parallel(no_cut) == raw_count(no_cut)
    assert count_tokens(no_cut, "gpt-4o", parallel=True) == count_tokens(no_cut, "gpt-4o")


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_count_ahead_of_pieces_equals_the_whole_count(encoding: str) -> None:
    import random

    from transforms.tokens import CountAhead

    text = _mixed_text()
    rng = random.Random(7)
    ahead = CountAhead(encoding)
    pos = 0
    while pos < len(text):  # pieces of every size: cut anywhere, handed over at safe cuts
        step = rng.choice((1, 7, 300, 5000, 60_000))
        ahead.feed(text[pos : pos + step])
        pos += step
    fed, n = ahead.finish()
    assert fed == text
    assert n == raw_count(text, encoding)


def test_count_ahead_of_uncuttable_or_no_text() -> None:
    from transforms.tokens import CountAhead

    no_cut = "1 2 3\n" * 30_000  # no line starts with a letter: all counted at the end
    ahead = CountAhead()
    for k in range(0, len(no_cut), 1000):
        ahead.feed(no_cut[k : k + 1000])
    assert ahead.finish() == (no_cut, raw_count(no_cut))
    assert CountAhead().finish() == ("", 0)


def test_count_ahead_recounts_if_its_worker_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from transforms import tokens
    from transforms.tokens import CountAhead

    real = tokens.raw_count

    def failing_in_worker(text: str, encoding: str = "o200k_base") -> int:
        if threading.current_thread().name == "count-ahead":
            raise MemoryError
        return real(text, encoding)

    monkeypatch.setattr(tokens, "raw_count", failing_in_worker)
    text = _mixed_text()
    ahead = CountAhead()
    ahead.feed(text)
    assert ahead.finish() == (text, real(text))


def test_raw_count_is_encode_ordinary() -> None:
    from transforms.tokens import _encoding

    for text in (TEXT, "x <|endoftext|> y <|endofprompt|>", "", "Größe ✓ 東京", "a\ud800b"):
        for encoding in ("o200k_base", "cl100k_base"):
            assert raw_count(text, encoding) == len(_encoding(encoding).encode_ordinary(text))


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4", "claude-sonnet-4-5-20250929"])
def test_long_code_output_counted_while_made(model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long code skeleton is counted as it is made: the count is the output's own, and the
    text the counter was fed is the output (else it would be counted again)."""
    from tests.transforms import _samples as s
    from transforms.tokens import CountAhead

    seen: list[tuple[str, int]] = []

    class Spy(CountAhead):
        def finish(self) -> tuple[str, int]:
            seen.append(super().finish())
            return seen[-1]

    monkeypatch.setattr(transforms, "CountAhead", Spy)
    text = s.GO_SOURCE + s.GO_SOURCE.split("\n", 2)[2] * 100
    assert len(text) > 100_000
    r = transforms.compress(text, model)
    assert r.content_type == "go" and r.omitted
    assert [fed for fed, _ in seen] == [r.compressed]
    assert r.compressed_tokens == count_tokens(r.compressed, model, "go").tokens
    assert r.original_tokens == count_tokens(text, model, "go").tokens


def test_long_document_output_counted_while_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long Markdown document is compressed section by section, in order: each section's
    output is counted while the next ones are compressed (the main thread no longer counts
    half the output at the end), and the count is the output's own."""
    from pathlib import Path

    from transforms.tokens import CountAhead

    seen: list[tuple[str, int]] = []

    class Spy(CountAhead):
        def finish(self) -> tuple[str, int]:
            seen.append(super().finish())
            return seen[-1]

    monkeypatch.setattr(transforms, "CountAhead", Spy)
    # A real README (bench/corpus, dev): prose with fenced code, repeated past 100 K.
    one = (Path(__file__).parents[2] / "bench/corpus/prose/fmt-README.md").read_text()
    text = "\n".join([one] * (100_000 // len(one) + 1))
    model = "claude-sonnet-4-5-20250929"
    r = transforms.compress(text, model)
    assert r.content_type in ("markdown", "mixed") and r.omitted
    assert [fed for fed, _ in seen] == [r.compressed]
    assert r.compressed_tokens == count_tokens(r.compressed, model, r.content_type).tokens
    assert r.original_tokens == count_tokens(text, model, r.content_type).tokens


_FLOOR_PIECES = [
    *"aZ'’s019 .-_/\t\n:#é",
    *"ñÅ²½٣…“\ue000\ue001",
    "'s",
    "'ll",
    "don't",
    "12345",
    "x86_64",
    "\u0301",
    "日本",
]
_FLOOR_TEXT = st.lists(st.sampled_from(_FLOOR_PIECES), max_size=60).map("".join) | st.text(
    max_size=60
)


@settings(max_examples=400, deadline=None)
@given(_FLOOR_TEXT, _FLOOR_TEXT)
def test_pretoken_floor_never_exceeds_the_count(head: str, tail: str) -> None:
    # Omitter.pays trusts the floor of an ASCII prefix as a lower bound on the count of the
    # whole material, whatever follows the prefix.
    from transforms._omit import pretoken_floor

    if head.isascii():
        assert pretoken_floor(head) <= raw_count(head)
        assert pretoken_floor(head) <= raw_count(head + tail)


@settings(max_examples=150, deadline=None)
@given(_FLOOR_TEXT, _FLOOR_TEXT)
def test_floor_text_floor_never_exceeds_the_count(head: str, tail: str) -> None:
    # Omitter.pays trusts the floor of a mostly ASCII prefix, its non-ASCII letters written
    # ``a``, when floor_text gives one (no mark, no non-ASCII number in it).
    from transforms._omit import floor_text, pretoken_floor

    floorable = floor_text(head)
    if floorable is not None:
        assert pretoken_floor(floorable) <= raw_count(head)
        assert pretoken_floor(floorable) <= raw_count(head + tail)


def test_floor_text_joins_non_ascii_letters_and_refuses_marks_and_numbers() -> None:
    from transforms._omit import floor_text, pretoken_floor

    assert floor_text("abc") == "abc"
    # (one run: o200k's pre-token "Tomás" holds the letter)
    assert floor_text("Tomás, café") == "Tomas, cafa"
    assert pretoken_floor(floor_text("Tomás, café") or "") == 2
    # Private-use stand-ins and typographic quotes cut runs as ASCII punctuation does.
    assert floor_text("a\ue000b “c”") == "a\ue000b “c”"
    for text in ("e\u0301", "x²", "١٢٣", "a\U000e0080"):
        assert floor_text(text) is None


_ASCII_PIECES = [p for p in _FLOOR_PIECES if p.isascii()]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ASCII_PIECES), max_size=60).map(lambda ps: "".join(ps) * 3),
    st.sampled_from(
        [
            "3 lines",
            "40 lines: T3×40 (*1: a, b)",
            # A long description (a run's values): the marker is counted before the
            # material's letter runs.
            "90 lines: T2×90 (*1: "
            + ", ".join(f"lib{w}{k}-dev" for k, w in enumerate("abcdefghijklmnopqrst"))
            + ")",
        ]
    ),
)
def test_pays_is_the_counted_answer(material: str, desc: str) -> None:
    # Whatever bound lets pays skip counting, its answer is the counted one. (ASCII material:
    # pays takes a character for at least one token, which a 4-byte character is not.)
    from transforms._omit import Omitter, _marker

    marker = _marker(desc, "o1")
    # (Material no longer than the marker never pays, counted or not.)
    expected = len(material) > len(marker) and raw_count(material) > raw_count(marker)
    assert Omitter().pays(material, desc) == expected


_LONG_DESC = (
    "90 lines: T2×90 (*1: "
    + ", ".join(f"lib{w}{k}-dev" for k, w in enumerate("abcdefghijklmnopqrst"))
    + ")"
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*_FLOOR_PIECES, "\nab", "\nZ", "x\n"]), min_size=1, max_size=80).map(
        lambda ps: "".join(ps) * 12
    ),
    st.sampled_from(["3 lines", _LONG_DESC]),
)
def test_pays_is_the_counted_answer_past_a_counted_prefix(material: str, desc: str) -> None:
    # Non-ASCII material with safe cuts (a line break after a non-space, before a letter):
    # pays may count a prefix ending at one instead of the whole; its answer is unchanged.
    from transforms._omit import Omitter, _marker

    marker = _marker(desc, "o1")
    if not all(len(c.encode()) < 4 for c in marker + material):
        return  # (pays takes a character for at least one token)
    expected = len(material) > len(marker) and raw_count(material) > raw_count(marker)
    assert Omitter().pays(material, desc) == expected


def test_pays_counts_a_prefix_not_the_whole_long_material(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from transforms import _omit

    counted: list[int] = []
    real = _omit.raw_count

    def spy(text: str, *args: str) -> int:
        counted.append(len(text))
        return real(text, *args)

    monkeypatch.setattr(_omit, "raw_count", spy)
    # Few words and a combining mark (no floor, see floor_text): only counting tells; the
    # material is under four times the marker's length, which was counted whole.
    material = "".join(
        "".join(f"pkg{i}/e\u0301-{i * 7919:x}:{{x:{j}}}," for j in range(8)) + "\n"
        for i in range(7)
    )
    assert _omit.Omitter().pays(material, _LONG_DESC)
    assert counted and len(material) not in counted
    assert max(counted) < len(material)


def test_count_ahead_searches_each_fed_character_once_when_no_cut_comes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A skeleton with no safe cut (every line indented inside one class): each feed must
    not search the whole pending text again (that was quadratic: minutes for 660 KB)."""
    scanned: list[int] = []
    real = tokens._last_safe_cut

    def spy(text: str, *floor: int) -> int | None:
        scanned.append(len(text) - sum(floor))
        return real(text, *floor)

    monkeypatch.setattr(tokens, "_last_safe_cut", spy)
    pieces = [f"    public int m{i}(int a) {{ return a; }}\n" for i in range(20000)]
    ahead = tokens.CountAhead()
    for piece in pieces:
        ahead.feed(piece)
    text, count = ahead.finish()
    whole = "".join(pieces)
    assert text == whole and count == tokens.raw_count(whole)
    assert sum(scanned) <= 2 * len(whole)


def test_aside_gives_the_threads_result_or_the_callers_error() -> None:
    threads: list[str] = []

    def count() -> int:
        import threading

        threads.append(threading.current_thread().name)
        return 42

    assert tokens.aside(count, "count-test")() == 42
    assert threads == ["count-test"]  # made on the second thread, not again on the caller's

    calls: list[int] = []

    def failing() -> int:
        calls.append(1)
        raise ValueError("bad text")

    result = tokens.aside(failing, "count-test")
    # The thread's failure is not lost: the call is made again where the result is awaited.
    with pytest.raises(ValueError, match="bad text"):
        result()
    assert len(calls) == 2
