"""Definitions inside a Python function's body (a decorator's wrapper, closures, a local
class, a ``def`` under an ``if``): every one keeps its name in the skeleton."""

from __future__ import annotations

import ast

import pytest

from tests.transforms._check import compress, omitted_text

_DECORATOR = '''import functools


def retry(times: int):
    """Retry the decorated function.

    It is called up to ``times`` times until it does not raise.
    """
    attempts = []
    limit = max(times, 1)

    def decorator(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            for attempt in range(limit):
                attempts.append(attempt)
                try:
                    return await func(*args, **kwargs)
                except Exception:
                    continue
            raise RuntimeError("no attempt left")

        return wrapper

    # A local class: its methods are shown as a class's are.
    class Counter:
        start = 0

        def bump(self, by: int) -> int:
            self.start += by
            total = self.start * 2
            return total

    # Count what was tried.
    tried = len(attempts)
    attempts.clear()

    if tried:
        def fallback(value):
            first = value + 1
            second = first * 2
            return second
    else:
        fallback = None
    return decorator
'''


def test_nested_definitions_keep_their_signatures_with_bodies_elided() -> None:
    r = compress(_DECORATOR, content_type="python")
    out = r.compressed
    ast.parse(out)
    for name in ("decorator", "wrapper", "Counter", "bump", "fallback"):
        assert f" {name}(" in out or f"class {name}:" in out, name
    assert (
        'def retry(times: int):\n    """Retry the decorated function."""  # [omitted 6 lines;'
        in out
    )
    assert (
        "    def decorator(func):\n        @functools.wraps(func)\n"
        "        async def wrapper(*args, **kwargs):\n            ...  # [omitted 7 lines;"
    ) in out
    assert "\n        return wrapper\n" in out and "\n    return decorator\n" in out
    assert "    class Counter:\n        start = 0\n\n        def bump(self, by: int) -> int:" in out
    assert "    if tried:\n        def fallback(value):\n            ...  # [omitted 3" in out
    assert "    else:\n        fallback = None\n" in out
    # Bodies and the statements between definitions are gone, each behind its own marker;
    # the comment before the class goes with the statements before it.
    for gone in ("limit = max", "attempts.append", "total = self.start", "second = first"):
        assert gone not in out, gone
    # A comment before a definition stays (as at module level), one before other statements
    # goes with them.
    assert "    # A local class: its methods are shown as a class's are.\n    class" in out
    (run,) = [o for o in r.omitted if "tried = len" in omitted_text(r, o.id)]
    assert omitted_text(r, run.id).strip().startswith("# Count what was tried.")
    assert "Count what" not in out
    first = next(o for o in r.omitted if "limit = max" in omitted_text(r, o.id))
    assert omitted_text(r, first.id).lstrip().startswith('"""Retry the decorated function.')
    assert omitted_text(r, first.id).rstrip().endswith("limit = max(times, 1)")


def test_a_body_without_definitions_is_one_marker_as_before() -> None:
    src = _DECORATOR.split("    def decorator")[0] + "    return attempts\n"
    out = compress(src, content_type="python").compressed
    assert out.count("# [omitted") == 1
    assert '"""Retry the decorated function."""  # [omitted 8 lines;' in out


def test_nested_definitions_at_any_depth_and_short_runs_stay() -> None:
    # A closure inside a closure; a run of one line (``return inner``) stays as it is.
    body = "".join(f"            v{i} = x * {i} + offset\n" for i in range(6))
    src = (
        "def outer(offset):\n"
        "    def middle(x):\n"
        "        def inner(y):\n"
        f"{body}            return v5 + y\n"
        "        return inner\n"
        "    return middle\n"
    )
    r = compress(src, content_type="python")
    out = r.compressed
    ast.parse(out)
    assert out.rstrip("\n") + "\n" == (
        "def outer(offset):\n"
        "    def middle(x):\n"
        "        def inner(y):\n"
        f"            ...  # [omitted 7 lines; id={r.omitted[0].id}]\n"
        "        return inner\n"
        "    return middle\n"
    )


def test_a_decorated_first_statement_shows_its_decorators_once() -> None:
    # A class (or function) body starting with a decorated definition: its header ends
    # above the decorators (they were shown twice).
    body = "".join(f"        part_{i} = self.value * {i}\n" for i in range(5))
    src = f"class Box:\n    @property\n    def total(self):\n{body}        return part_4\n"
    out = compress(src, content_type="python").compressed
    ast.parse(out)
    assert out.count("@property") == 1
    assert out.startswith("class Box:\n    @property\n    def total(self):\n        ...  # [")


def test_code_ast_cannot_read_keeps_nested_definitions_too() -> None:
    # The tolerant (tree-sitter) skeleton does as the ast one: a line ast rejects at the end.
    r = compress(_DECORATOR + "def broken(:\n    pass\n", content_type="python")
    assert r.transforms[-1] == "python_tolerant"
    out = r.compressed
    assert (
        "    def decorator(func):\n        @functools.wraps(func)\n"
        "        async def wrapper(*args, **kwargs):\n            ...  # [omitted 7 lines;"
    ) in out
    assert "    if tried:\n        def fallback(value):\n            ...  # [omitted 3" in out
    assert "        def bump(self, by: int) -> int:\n            ...  # [omitted 3" in out
    for gone in ("limit = max", "attempts.append", "total = self.start", "tried = len"):
        assert gone not in out, gone
    assert "\n        return wrapper\n" in out and "\n    return decorator\n" in out


@pytest.mark.parametrize("tail", ["", "def broken(:\n"])
def test_a_definition_in_a_match_case_keeps_its_signature(tail: str) -> None:
    body = "".join(f"                v{i} = x + {i}\n" for i in range(5))
    src = (
        "def handle(event):\n    match event:\n        case {'kind': 'click'}:\n"
        f"            def on_click(x):\n{body}                return v4\n"
        "            return on_click\n        case _:\n            return None\n"
    )
    out = compress(src + tail, content_type="python").compressed
    assert (
        "        case {'kind': 'click'}:\n            def on_click(x):\n"
        "                ...  # [omitted 6 lines;"
    ) in out
    assert "v3 = x" not in out and "            return on_click\n        case _:\n" in out


def test_several_tiny_nested_functions_show_their_signatures_only() -> None:
    helpers = "".join(
        f"    def {n}(x, y):\n        return (x {op} y) * scale\n\n"
        for n, op in (("add", "+"), ("sub", "-"), ("mul", "*"), ("div", "/"))
    )
    src = (
        f'def build_ops(scale):\n    """Helpers bound to ``scale``."""\n\n{helpers}    return add\n'
    )
    r = compress(src, content_type="python")
    out = r.compressed
    ast.parse(out)
    (o,) = r.omitted
    assert out.startswith(
        "def build_ops(scale):\n"
        f"    # [omitted 4 short bodies (functions ending in : ...); id={o.id}]\n"
        '    """Helpers bound to ``scale``."""\n\n    def add(x, y): ...\n'
    )
    assert "    def div(x, y): ...\n\n    return add\n" in out and "scale\n" not in out
    assert omitted_text(r, o.id).count("* scale") == 4
