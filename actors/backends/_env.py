"""Where the backends' keys, base URLs and SDKs come from: the one place that reads the
environment (``env`` arguments default to ``os.environ``)."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping

__all__ = [
    "BASE_URLS",
    "KEY_VARS",
    "SDK_EXTRAS",
    "URL_VARS",
    "api_key",
    "base_url",
    "key_missing",
    "sdk_missing",
]

#: kind -> the variables holding its API key, in order of preference.
KEY_VARS: Mapping[str, tuple[str, ...]] = {
    "anthropic": ("ANTHROPIC_API_KEY",),
    # The SDK itself prefers GOOGLE_API_KEY; we pass ours explicitly.
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
}
#: kind -> the variable that moves its base URL (the SDKs honour the same ones).
URL_VARS: Mapping[str, str] = {
    "anthropic": "ANTHROPIC_BASE_URL",
    "gemini": "GOOGLE_GEMINI_BASE_URL",
}
BASE_URLS: Mapping[str, str] = {
    "anthropic": "https://api.anthropic.com",
    "gemini": "https://generativelanguage.googleapis.com/",
}
#: kind -> (the SDK's module, the ctxbus extra that installs it).
SDK_EXTRAS: Mapping[str, tuple[str, str]] = {
    "anthropic": ("anthropic", "anthropic"),
    "gemini": ("google.genai", "gemini"),
}


def _present(value: str | None) -> str | None:
    """A key or URL with surrounding blanks removed; None when missing or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def api_key(
    kind: str, given: str | None = None, env: Mapping[str, str] | None = None
) -> str | None:
    """``given``, else the first of ``KEY_VARS[kind]`` set in ``env``; None when none is."""
    environ: Mapping[str, str] = os.environ if env is None else env
    found = _present(given)
    for name in KEY_VARS.get(kind, ()):
        found = found or _present(environ.get(name))
    return found


def base_url(kind: str, given: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """``given``, else ``URL_VARS[kind]`` from ``env``, else the vendor's public URL."""
    environ: Mapping[str, str] = os.environ if env is None else env
    return _present(given) or _present(environ.get(URL_VARS[kind])) or BASE_URLS[kind]


def key_missing(kind: str) -> str:
    """The reason an agent of ``kind`` runs offline for lack of a key."""
    return "/".join(KEY_VARS[kind]) + " not set"


def sdk_missing(kind: str) -> str | None:
    """Why ``kind``'s SDK cannot be used (and the extra that installs it), or None if it can."""
    if kind not in SDK_EXTRAS:
        return None
    module, extra = SDK_EXTRAS[kind]
    try:
        found = importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package ("google") is missing
        found = False
    if found:
        return None
    return f"{module} SDK not installed: pip install 'ctxbus[{extra}]'"
