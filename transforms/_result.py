"""Result types returned by :func:`transforms.compress`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Omission:
    """One part of the original left out of the compressed text.

    ``spans`` are ``(start, end)`` character offsets into the original string, so
    ``"".join(original[s:e] for s, e in spans)`` is exactly what was omitted. The
    compressed text carries a marker naming ``id``.
    """

    id: str
    kind: str
    spans: tuple[tuple[int, int], ...]
    count: int
    description: str


@dataclass(frozen=True, slots=True)
class CompressResult:
    compressed: str
    original_tokens: int
    compressed_tokens: int
    transforms: tuple[str, ...]
    content_type: str
    model: str
    token_counts_exact: bool
    omitted: tuple[Omission, ...] = field(default=())
    # Kept so counts for other model families can be computed on demand.
    original: str = field(default="", repr=False)

    def tokens_for(self, model: str) -> tuple[int, int]:
        """``(original_tokens, compressed_tokens)`` as ``model`` would count them.

        Lets an entry put for one model family tell a consumer on another what it costs.
        """
        from transforms.tokens import count_tokens

        kind = self.content_type
        return (
            count_tokens(self.original, model, kind).tokens,
            count_tokens(self.compressed, model, kind).tokens,
        )

    @property
    def tokens_saved(self) -> int:
        return max(0, self.original_tokens - self.compressed_tokens)

    @property
    def savings_percent(self) -> float:
        if self.original_tokens <= 0:
            return 0.0
        return round(100.0 * self.tokens_saved / self.original_tokens, 1)
