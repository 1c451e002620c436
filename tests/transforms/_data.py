"""Real files produced by tools on a development machine (see data/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")
