"""make_backend(): a real backend when its key and SDK are there, else offline saying why."""

from __future__ import annotations

from collections.abc import Mapping

from actors.backends import _env
from actors.backends._anthropic import AnthropicBackend
from actors.backends._gemini import GeminiBackend
from actors.backends._interface import Backend
from actors.backends._offline import OfflineBackend

__all__ = ["BACKEND_KINDS", "DEFAULT_MODELS", "make_backend"]

BACKEND_KINDS = ("anthropic", "gemini", "offline")
#: kind -> the model its backend calls when none is given (the classes' defaults).
DEFAULT_MODELS: Mapping[str, str] = {
    "anthropic": AnthropicBackend.default_model,
    "gemini": GeminiBackend.default_model,
}


def make_backend(
    kind: str,
    model: str | None = None,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    max_tokens: int = 1024,
    timeout: float = 60.0,
    max_retries: int = 3,
    backoff: float = 0.5,
    env: Mapping[str, str] | None = None,
) -> Backend:
    """The backend for ``kind``; offline (and saying why) when no API key is available.

    Keys and base URLs come from the arguments, else from ``env`` (default ``os.environ``):
    ``ANTHROPIC_API_KEY``/``ANTHROPIC_BASE_URL`` for anthropic;
    ``GEMINI_API_KEY``, then ``GOOGLE_API_KEY``, and ``GOOGLE_GEMINI_BASE_URL`` for gemini.
    """
    name = kind.strip().lower()
    if name not in BACKEND_KINDS:
        raise ValueError(f"unknown backend kind {kind!r}; expected one of {BACKEND_KINDS}")
    if name == "offline":
        return OfflineBackend(
            stands_in_for=model, reason="offline backend chosen", max_tokens=max_tokens
        )
    chosen = model or DEFAULT_MODELS[name]
    key = _env.api_key(name, api_key, env)
    missing = _env.sdk_missing(name)
    if key is None or missing:
        reasons = [_env.key_missing(name) if key is None else None, missing]
        why = "; ".join(r for r in reasons if r)
        return OfflineBackend(stands_in_for=chosen, reason=why, max_tokens=max_tokens)
    vendor = AnthropicBackend if name == "anthropic" else GeminiBackend
    return vendor(
        chosen,
        api_key=key,
        base_url=_env.base_url(name, base_url, env),
        max_tokens=max_tokens,
        timeout=timeout,
        max_retries=max_retries,
        backoff=backoff,
    )
