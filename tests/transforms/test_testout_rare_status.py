"""The retention contract (transforms/README.md) for test output: a test of a rare status
(an XPASS, a skip, an ignored test among passes) is shown or named with its id, not only
counted in the passing marker (before: ``status: XPASS; … test=test_case_#``)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms._check import compress
from tests.transforms.test_rarity import SETTINGS


def _pytest(n: int, odd: dict[int, str]) -> str:
    lines = [
        "============================= test session starts ==============================",
        "platform linux -- Python 3.12.1, pytest-8.0.0, pluggy-1.4.0",
        "rootdir: /src",
        f"collected {n} items",
        "",
    ]
    for i in range(n):
        status = odd.get(i, "PASSED")
        lines.append(f"tests/test_mod.py::test_case_{i} {status} [{(i + 1) * 100 // n:3d}%]")
    lines += ["", f"================= {n} passed in 2.31s ================="]
    return "\n".join(lines) + "\n"


def _cargo(n: int, odd: dict[int, str]) -> str:
    lines = ["     Running unittests src/lib.rs (target/debug/deps/mylib-0a1b2c3d)", ""]
    lines.append(f"running {n} tests")
    for i in range(n):
        lines.append(f"test tests::case_{i} ... {odd.get(i, 'ok')}")
    lines += ["", f"test result: ok. {n} passed; 0 failed; 0 ignored; 0 measured", ""]
    return "\n".join(lines) + "\n"


def _named(compressed: str, test: str) -> bool:
    return re.search(rf"{re.escape(test)}(?![\w#])", compressed) is not None


def test_an_xpass_and_a_skip_are_named_with_their_tests() -> None:
    r = compress(_pytest(200, {77: "XPASS", 131: "SKIPPED"}))
    assert r.omitted
    assert _named(r.compressed, "test_case_77")
    assert _named(r.compressed, "test_case_131")


def test_an_ignored_cargo_test_is_named() -> None:
    r = compress(_cargo(150, {40: "ignored"}))
    assert r.omitted
    assert _named(r.compressed, "case_40")


@SETTINGS
@given(
    n=st.sampled_from([30, 120, 400]),
    where=st.floats(0, 1),
    status=st.sampled_from(["XPASS", "SKIPPED", "XFAIL"]),
    cargo=st.booleans(),
)
def test_a_rare_status_anywhere_names_its_test(
    n: int, where: float, status: str, cargo: bool
) -> None:
    at = min(n - 1, int(where * n))
    text = _cargo(n, {at: "ignored"}) if cargo else _pytest(n, {at: status})
    r = compress(text)
    assert _named(r.compressed, f"case_{at}"), r.compressed
