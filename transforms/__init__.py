"""Pure, synchronous compression of LLM context. Knows nothing of the bus.

Placeholder implementation: collapses runs of blank lines. The full
content-aware transforms replace this module body (same public surface).
"""

from __future__ import annotations

import re

from transforms._result import CompressResult, Omission
from transforms.tokens import count_tokens

__all__ = ["CompressResult", "Omission", "compress", "count_tokens"]

DEFAULT_MODEL = "claude-sonnet-4-5-20250929"


def compress(
    text: str, model: str = DEFAULT_MODEL, content_type: str | None = None
) -> CompressResult:
    if not isinstance(text, str):
        raise TypeError(f"compress() needs str, got {type(text).__name__}")
    original = count_tokens(text, model)
    squeezed = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text))
    after = count_tokens(squeezed, model)
    if after.tokens >= original.tokens:
        squeezed, after = text, original
    return CompressResult(
        compressed=squeezed,
        original_tokens=original.tokens,
        compressed_tokens=after.tokens,
        transforms=("whitespace",) if squeezed != text else (),
        content_type=content_type or "text",
        model=model,
        token_counts_exact=original.exact,
        original=text,
    )
