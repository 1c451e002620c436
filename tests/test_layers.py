"""The layers of docs/architecture.md, enforced on the source: ``transforms`` imports neither
``bus`` nor ``actors``; ``bus`` never imports ``actors``; ``actors`` (and the ``ctxbus``
facade) use only bus's public surface: no ``bus._private`` module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(package: str) -> list[tuple[str, int, str]]:
    """(file, line, imported module) for every import in ``package``, relative ones resolved."""
    found: list[tuple[str, int, str]] = []
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT)
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(str(rel), node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = parts[
                        : len(parts) - node.level + (1 if path.name == "__init__.py" else 0)
                    ]
                    module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
                else:
                    module = node.module or ""
                found.append((str(rel), node.lineno, module))
                # "from bus import _client" imports a private module too.
                found += [
                    (str(rel), node.lineno, f"{module}.{alias.name}")
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
    return found


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def test_the_scan_sees_imports() -> None:
    # Guards the test itself: an empty scan would pass every rule below.
    modules = {m for _f, _l, m in _imports("actors")}
    assert "bus" in modules and "transforms" in modules


def test_transforms_imports_neither_bus_nor_actors() -> None:
    bad = [i for i in _imports("transforms") if _top(i[2]) in ("bus", "actors", "ctxbus")]
    assert bad == []


def test_bus_never_imports_actors() -> None:
    bad = [i for i in _imports("bus") if _top(i[2]) in ("actors", "ctxbus")]
    assert bad == []


@pytest.mark.parametrize("package", ["actors", "ctxbus"])
def test_only_the_public_surface_of_bus_is_used(package: str) -> None:
    bad = [
        i
        for i in _imports(package)
        if _top(i[2]) == "bus" and any(p.startswith("_") for p in i[2].split(".")[1:])
    ]
    assert bad == []


def test_one_default_model() -> None:
    import bus
    import transforms
    from actors.cli import build_parser

    assert bus.DEFAULT_MODEL == transforms.DEFAULT_MODEL
    parser = build_parser()
    for command in ("put", "compress"):
        args = parser.parse_args([command, "k", "f"] if command == "put" else [command, "f"])
        assert args.model == transforms.DEFAULT_MODEL
