"""headroom's ``compress(messages, model=...)`` as ``ctxbus.compress``."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ctxbus import compress
from transforms import compress as compress_text

# One fixed file (a directory listing's order differs between filesystems).
LOG = (Path(__file__).parents[2] / "bench" / "corpus" / "log" / "dpkg.log").read_text()


def test_tool_output_is_compressed_like_transforms_compress() -> None:
    messages = [{"role": "user", "content": "what failed?"}, {"role": "tool", "content": LOG}]
    before = copy.deepcopy(messages)
    result = compress(messages, model="gpt-4o")
    direct = compress_text(LOG, model="gpt-4o")
    assert result.messages[1]["content"] == direct.compressed
    assert result.messages[0] is messages[0]  # untouched messages pass through
    assert messages == before  # the input is not modified
    assert result.tokens_before > direct.original_tokens  # the question counts too
    assert result.tokens_saved == direct.original_tokens - direct.compressed_tokens
    assert result.tokens_after == result.tokens_before - result.tokens_saved
    assert result.compression_ratio == pytest.approx(result.tokens_saved / result.tokens_before)
    assert result.transforms_applied == list(direct.transforms)


def test_user_messages_only_when_asked_and_recent_ones_protected() -> None:
    messages = [{"role": "user", "content": LOG}]
    assert compress(messages).messages[0]["content"] == LOG  # headroom's default skips users
    assert compress(messages, compress_user_messages=True).messages[0]["content"] == LOG
    opened = compress(messages, compress_user_messages=True, protect_recent=0)
    assert opened.messages[0]["content"] != LOG and opened.tokens_saved > 0
    chat = [{"role": "assistant", "content": LOG}] + [{"role": "user", "content": "ok"}] * 4
    assert compress(chat).messages[0]["content"] != LOG
    assert compress(chat, protect_recent=5).messages[0]["content"] == LOG


def test_anthropic_tool_result_blocks() -> None:
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "t1", "content": LOG},
                {"type": "text", "text": "summarise this"},
            ],
        }
    ]
    out = compress(messages).messages[0]["content"]
    assert out[0]["content"] != LOG and out[0]["tool_use_id"] == "t1"
    assert out[1] is messages[0]["content"][1]


def test_small_texts_passthrough_and_options() -> None:
    text = "value    \n\n\n\n\n" * 10
    small = [{"role": "tool", "content": text}]
    assert compress(small).messages[0]["content"] == text  # under 250 tokens
    squeezed = compress(small, min_tokens_to_compress=0).messages[0]["content"]
    assert squeezed == compress_text(text).compressed != text
    off = compress([{"role": "tool", "content": LOG}], optimize=False)
    assert off.messages[0]["content"] == LOG and off.tokens_before == 0
    assert compress([]).messages == []


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        compress("not a list")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compress(["not a dict"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="hooks"):
        compress([{"role": "tool", "content": LOG}], hooks=object())
