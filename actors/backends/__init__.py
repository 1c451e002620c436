"""LLM model backends behind one small interface: Anthropic, Gemini and an offline stand-in.

Every backend answers ``await backend.complete(system, prompt, max_tokens=...)`` with a
:class:`Completion` (text, the model that answered, the usage the API reported, attempts,
seconds) or raises :class:`BackendError`. :func:`make_backend` picks a real backend when an API
key is available and otherwise an :class:`OfflineBackend` that says, in ``.offline`` and
``.describe()``, that no model is being called and why.

One module each: ``_interface`` (Backend, Completion, BackendError), ``_retry`` (the one
retry policy of the vendor backends and why it is ours), ``_anthropic``, ``_gemini``,
``_offline``, ``_env`` (the only place keys, base URLs and SDKs are looked up) and
``_factory`` (:func:`make_backend`). The SDKs take seconds to import (anthropic ~3 s,
google-genai ~1 s) and are optional extras: they are imported only when a backend that
needs them is built.
"""

from actors.backends._anthropic import DEFAULT_ANTHROPIC_MODEL, AnthropicBackend
from actors.backends._env import KEY_VARS, SDK_EXTRAS, sdk_missing
from actors.backends._factory import BACKEND_KINDS, DEFAULT_MODELS, make_backend
from actors.backends._gemini import DEFAULT_GEMINI_MODEL, GeminiBackend
from actors.backends._interface import Backend, BackendError, Completion
from actors.backends._offline import OfflineBackend
from actors.backends._retry import MAX_RETRY_AFTER, RETRY_STATUSES, retry_after

__all__ = [
    "BACKEND_KINDS",
    "DEFAULT_ANTHROPIC_MODEL",
    "DEFAULT_GEMINI_MODEL",
    "DEFAULT_MODELS",
    "KEY_VARS",
    "MAX_RETRY_AFTER",
    "RETRY_STATUSES",
    "SDK_EXTRAS",
    "AnthropicBackend",
    "Backend",
    "BackendError",
    "Completion",
    "GeminiBackend",
    "OfflineBackend",
    "make_backend",
    "retry_after",
    "sdk_missing",
]
