"""The retention contract (transforms/README.md) for numbers in log lines: a number standing
alone in a line is a slot like any other word. Few distinct values (status and exit codes,
ports): a rare one is shown or named; many (sizes, durations): the marker gives their range."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_rarity import SETTINGS


def _access_log(rng: random.Random, n: int, rare: tuple[int, int] | None) -> str:
    lines = []
    for i in range(n):
        status = rng.choice([200] * 8 + [404])
        if rare is not None and i == rare[0]:
            status = rare[1]
        lines.append(
            f"10.0.{rng.randint(0, 9)}.{rng.randint(1, 250)} - - GET "
            f"/api/items/{rng.randint(1000, 9999)} HTTP/1.1 {status} {rng.randint(100, 99999)}"
        )
    return "\n".join(lines) + "\n"


def _holds(text: str, value: int) -> bool:
    return re.search(rf"(?<![\w.]){value}(?![\w.])", text) is not None


def test_one_status_code_among_common_ones_is_shown_or_named() -> None:
    """A 503 among 200s and 404s is rare for its slot (before: every number was one value,
    ``#``, and the marker said ``"<*> … HTTP/<*> <*> <*>"×294`` with no value)."""
    text = _access_log(random.Random(1), 300, (137, 503))
    r = compress(text)
    assert r.savings_percent > 50
    assert _holds(r.compressed, 503)


def test_many_distinct_numbers_get_their_range() -> None:
    """A slot of byte counts (nearly every value distinct) is described by its range."""
    text = _access_log(random.Random(2), 300, None)
    r = compress(text)
    assert r.omitted
    assert any(re.search(r"\d\.\.\d", o.description) for o in r.omitted), r.omitted


@SETTINGS
@given(
    n=st.sampled_from([60, 150, 400]),
    where=st.floats(0, 1),
    rare=st.sampled_from([503, 301, 0, 1, 418, 8443]),
    seed=st.integers(0, 10**6),
)
def test_a_rare_number_anywhere_is_shown_or_named(
    n: int, where: float, rare: int, seed: int
) -> None:
    rng = random.Random(seed)
    at = min(n - 1, int(where * n))
    # A job log: the exit code (0 or 2 but for one line) and the port are categorical.
    lines = []
    for i in range(n):
        code = rng.choice([0, 0, 0, 2])
        port = rng.choice([80, 443])
        if i == at:
            code, port = (rare, port) if rare < 100 else (code, rare)
        lines.append(
            f"2024-05-01T10:{i // 60 % 60:02d}:{i % 60:02d}Z job {rng.randint(1000, 9999)} "
            f"exited with code {code} on port {port} after {rng.randint(10, 9999)} ms"
        )
    text = "\n".join(lines) + "\n"
    r = compress(text)
    if rare in (0,):  # common: nothing to look for
        return
    assert _holds(r.compressed, rare), r.compressed


def _service_log(n: int, at: int, rare: str | None) -> str:
    lines = []
    for i in range(n):
        region = "eu-west-1" if i % 3 else "us-east-2"
        if i == at and rare is not None:
            region = rare
        lines.append(
            f'2024-05-01T10:{i // 60 % 60:02d}:{i % 60:02d}Z INFO request served region="{region}" '
            f"worker=worker-{i} latency={(i * 37) % 900}ms"
        )
    return "\n".join(lines) + "\n"


def test_one_region_differing_in_its_digit_is_shown_or_named() -> None:
    """``eu-west-9`` among ``eu-west-1`` is a value of its own (before: both were
    ``region="eu-west-#"``, the odd one lost), while ``worker-17``, ``worker-18``… (all
    distinct) stay one value."""
    r = compress(_service_log(120, 61, "eu-west-9"))
    assert r.savings_percent > 50
    assert "eu-west-9" in r.compressed


@SETTINGS
@given(
    n=st.sampled_from([60, 150, 400]),
    where=st.floats(0, 1),
    rare=st.sampled_from(["eu-west-9", "us-east-1", "eu_west_1", "eu-west-1.5"]),
)
def test_a_rare_dashed_value_anywhere_is_shown_or_named(n: int, where: float, rare: str) -> None:
    r = compress(_service_log(n, min(n - 1, int(where * n)), rare))
    assert rare in r.compressed


# A marker's slot: ``*k`` then its values (``*2 200..404``, ``*1=#.#.#.#``, ``*1: a, b``).
_SLOT_REF = re.compile(r"\*(\d+)[ =:]")


def _printed_slot_tokens(template: str) -> list[int]:
    """Per ``<*>`` of ``template`` in order, the index of the token holding it."""
    return [i for i, tok in enumerate(template.split(" ")) for _ in range(tok.count("<*>"))]


def test_slot_numbers_count_every_wildcard_of_the_template_as_printed() -> None:
    """The legend says ``*k`` holds the values of the k-th ``<*>`` of the template. In an
    access log whose timestamp and IP come first, and whose ``HTTP/<*>`` and ``<*>ms`` are
    wildcards inside words, the status code is not ``*1`` (before: ``"<*>T<*>Z <*> GET
    /api/items/<*> HTTP/<*> <*> <*>ms"×294 (*1=#.#.#.#; *2 200..404)``, the IP named ``*1``
    though the first ``<*>`` is the timestamp's)."""
    rng = random.Random(1)
    lines = []
    for _ in range(300):
        status = rng.choice([200] * 8 + [404])
        lines.append(
            f"2024-01-0{rng.randint(1, 9)}T10:{rng.randint(10, 59)}:{rng.randint(10, 59)}Z "
            f"10.0.{rng.randint(0, 9)}.{rng.randint(1, 250)} GET /api/items/"
            f"{rng.randint(1000, 9999)} HTTP/1.1 {status} {rng.randint(1, 999)}ms"
        )
    text = "\n".join(lines) + "\n"
    r = compress(text)
    (o,) = [o for o in r.omitted if "×" in o.description]
    m = re.search(r'"([^"]*)"×\d+ \(([^)]*)\)', o.description)
    assert m, o.description
    template, named = m.groups()
    toks = template.split(" ")
    at = _printed_slot_tokens(template)
    refs = [int(k) for k in _SLOT_REF.findall(named)]
    assert refs, o.description
    for k in refs:
        assert 1 <= k <= len(at), (k, o.description)
        assert toks[at[k - 1]] == "<*>", (k, o.description)  # a slot is a whole word
    # The status code's values name the status code's wildcard.
    status = toks.index("<*>", toks.index("HTTP/<*>"))
    assert re.search(rf"\*{at.index(status) + 1} 200\.\.404", named), o.description
