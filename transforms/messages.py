"""headroom's one-call ``compress(messages, model=...)``, over :func:`transforms.compress`.

headroom users write ``from headroom import compress`` and pass a chat transcript (OpenAI or
Anthropic message dicts); ``from ctxbus import compress`` takes the same call and returns a
result with headroom's field names. Each message text is compressed on its own by
:func:`transforms.compress`, under headroom's rules for which messages to touch:

* tool output is always eligible: ``role`` ``"tool"``/``"function"`` messages and Anthropic
  ``tool_result`` blocks (headroom's ``SharedContext.put`` compresses a lone tool message);
* ``system`` messages unless ``compress_system_messages=False``;
* ``user`` text only with ``compress_user_messages=True`` (default off, as in headroom);
* ``assistant`` text, except in the last ``protect_recent`` messages (the live turn);
* a text under ``min_tokens_to_compress`` tokens (counted for ``model``) stays as it is.

The input is never modified; untouched messages are passed through as the same objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from transforms import DEFAULT_MODEL, compress
from transforms.tokens import count_tokens

__all__ = ["MESSAGE_OPTIONS", "MessagesResult", "compress_messages"]

#: headroom's ``CompressConfig`` fields this function understands, with headroom's defaults.
MESSAGE_OPTIONS: dict[str, Any] = {
    "compress_user_messages": False,
    "compress_system_messages": True,
    "protect_recent": 4,
    "min_tokens_to_compress": 250,
}
_TOOL_ROLES = ("tool", "function")


@dataclass
class MessagesResult:
    """headroom's ``CompressResult``: the messages (same format) and token counts."""

    messages: list[dict[str, Any]]
    tokens_before: int = 0
    tokens_after: int = 0
    tokens_saved: int = 0
    #: Share of tokens saved: 0.35 means 35 % fewer (headroom's meaning).
    compression_ratio: float = 0.0
    transforms_applied: list[str] = field(default_factory=list)


@dataclass
class _Run:
    model: str
    min_tokens: int
    before: int = 0
    after: int = 0
    applied: list[str] = field(default_factory=list)

    def text(self, text: str, eligible: bool) -> str:
        if not eligible:
            n = count_tokens(text, self.model).tokens
            self.before += n
            self.after += n
            return text
        result = compress(text, model=self.model)
        self.before += result.original_tokens
        if result.original_tokens < self.min_tokens or not result.transforms:
            self.after += result.original_tokens
            return text
        self.after += result.compressed_tokens
        for name in result.transforms:
            if name not in self.applied:
                self.applied.append(name)
        return result.compressed


def _options(config: Any, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    options = dict(MESSAGE_OPTIONS)
    for name in options:
        if config is not None and hasattr(config, name):
            options[name] = getattr(config, name)
        if name in kwargs:
            options[name] = kwargs[name]
    return options


def compress_messages(
    messages: Sequence[Mapping[str, Any]],
    model: str = DEFAULT_MODEL,
    model_limit: int = 200_000,
    optimize: bool = True,
    hooks: Any = None,
    config: Any = None,
    **kwargs: Any,
) -> MessagesResult:
    """Compress the text of a chat transcript for ``model`` (headroom's ``compress``).

    ``model_limit`` is accepted for headroom's signature and not needed here: every
    eligible text is compressed whatever the window. ``optimize=False`` passes the
    messages through. ``config`` (any object with headroom ``CompressConfig`` attributes)
    and keyword options override :data:`MESSAGE_OPTIONS`; other headroom options (model
    variants, target ratios) have no counterpart and are ignored, as headroom ignores
    unknown ones. ``hooks`` are not supported: passing them raises ``ValueError``.
    """
    if hooks is not None:
        raise ValueError("compress hooks are not supported by ctxbus; compress without them")
    if isinstance(messages, str | bytes) or not isinstance(messages, Sequence):
        raise TypeError(f"messages must be a list of dicts, got {type(messages).__name__}")
    out = [m if isinstance(m, dict) else _message(m) for m in messages]
    if not out or not optimize:
        return MessagesResult(messages=out)
    options = _options(config, kwargs)
    run = _Run(model, int(options["min_tokens_to_compress"]))
    protect_from = len(out) - max(0, int(options["protect_recent"]))
    for index, message in enumerate(out):
        role = message.get("role")
        if role in _TOOL_ROLES:
            eligible = True
        elif role == "system":
            eligible = bool(options["compress_system_messages"])
        elif role == "user":
            eligible = bool(options["compress_user_messages"]) and index < protect_from
        else:
            eligible = index < protect_from
        content = message.get("content")
        if isinstance(content, str):
            new: Any = run.text(content, eligible)
        elif isinstance(content, list):
            new = [_block(block, eligible, run) for block in content]
            if all(a is b for a, b in zip(new, content, strict=True)):
                new = content
        else:
            continue
        if new is not content:
            out[index] = {**message, "content": new}
    saved = run.before - run.after
    return MessagesResult(
        messages=out,
        tokens_before=run.before,
        tokens_after=run.after,
        tokens_saved=saved,
        compression_ratio=saved / run.before if run.before else 0.0,
        transforms_applied=run.applied,
    )


def _message(message: object) -> dict[str, Any]:
    if not isinstance(message, Mapping):
        raise TypeError(f"each message must be a dict, got {type(message).__name__}")
    return dict(message)


def _block(block: Any, eligible: bool, run: _Run) -> Any:
    """One Anthropic content block: text by the message's rule, tool results always."""
    if not isinstance(block, dict):
        return block
    kind = block.get("type")
    if kind == "text" and isinstance(block.get("text"), str):
        text = run.text(block["text"], eligible)
        return block if text is block["text"] else {**block, "text": text}
    if kind == "tool_result":
        inner = block.get("content")
        if isinstance(inner, str):
            text = run.text(inner, True)
            return block if text is inner else {**block, "content": text}
        if isinstance(inner, list):
            new = [_block(b, True, run) for b in inner]
            if all(a is b for a, b in zip(new, inner, strict=True)):
                return block
            return {**block, "content": new}
    return block
