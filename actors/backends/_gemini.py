"""Gemini through the official ``google-genai`` SDK, imported only when a backend is built.

Gemini (Developer API, never Vertex AI): ``POST {base_url}/v1beta/models/{model}:
generateContent``; key from the argument, ``GEMINI_API_KEY`` or ``GOOGLE_API_KEY`` (the
SDK itself prefers ``GOOGLE_API_KEY``; we pass ours explicitly), base URL from the
argument, ``GOOGLE_GEMINI_BASE_URL`` (the variable the SDK honours too) or
https://generativelanguage.googleapis.com/. The client is pinned to ``vertexai=False``
(so ``GOOGLE_GENAI_USE_VERTEXAI``/``_ENTERPRISE`` cannot switch it to Vertex, application
default credentials or the metadata server), to API version ``v1beta`` (the SDK's default
is ``v1`` and ``GOOGLE_GENAI_API_VERSION`` would move it) and to a debug config without
record/replay (``GOOGLE_GENAI_CLIENT_MODE`` is ignored).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from actors.backends import _env
from actors.backends._interface import BackendError, Completion
from actors.backends._retry import (
    RETRY_STATUSES,
    Failure,
    RemoteBackend,
    is_timeout,
    is_transport_error,
    retry_after,
)

if TYPE_CHECKING:
    from google import genai
    from google.genai import types as genai_types

__all__ = ["DEFAULT_GEMINI_MODEL", "GEMINI_API_VERSION", "GeminiBackend"]

DEFAULT_GEMINI_MODEL = "gemini-2.5-flash"
GEMINI_API_VERSION = "v1beta"


class GeminiBackend(RemoteBackend):
    """Gemini through the official ``google-genai`` SDK (Developer API), retries ours."""

    default_model = DEFAULT_GEMINI_MODEL

    def __init__(
        self,
        model: str = DEFAULT_GEMINI_MODEL,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        max_tokens: int = 1024,
        timeout: float = 60.0,
        max_retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        key = _env.api_key("gemini", api_key)
        if key is None:
            raise ValueError(
                "GeminiBackend needs an API key (argument, GEMINI_API_KEY or GOOGLE_API_KEY)"
            )
        from google import genai
        from google.genai import types as genai_types
        from google.genai.client import DebugConfig

        super().__init__(
            "gemini",
            model,
            base_url=_env.base_url("gemini", base_url),
            max_tokens=max_tokens,
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
        )
        self._client: genai.Client = genai.Client(
            vertexai=False,  # Developer API only: no ADC, no metadata server, no mTLS switch
            api_key=key,
            debug_config=DebugConfig(client_mode=None, replays_directory=None, replay_id=None),
            http_options=genai_types.HttpOptions(
                base_url=self.base_url,
                api_version=GEMINI_API_VERSION,
                timeout=max(1, round(self.timeout * 1000)),  # milliseconds
                retry_options=genai_types.HttpRetryOptions(attempts=1),  # retries are ours
            ),
        )

    async def complete(
        self, system: str, prompt: str, *, max_tokens: int | None = None
    ) -> Completion:
        from google.genai import types as genai_types

        limit = self._max(max_tokens)
        config = genai_types.GenerateContentConfig(
            system_instruction=system if system else None,
            max_output_tokens=limit,
            automatic_function_calling=genai_types.AutomaticFunctionCallingConfig(disable=True),
        )
        started = time.perf_counter()

        async def attempt() -> genai_types.GenerateContentResponse:
            return await self._client.aio.models.generate_content(
                model=self.model, contents=prompt, config=config
            )

        response, attempts = await self._call(attempt)
        text = response.text or ""
        feedback = response.prompt_feedback
        if not text and feedback is not None and feedback.block_reason is not None:
            reason = feedback.block_reason_message or str(feedback.block_reason)
            raise BackendError(
                f"gemini call to {self.model} returned no text: prompt blocked ({reason})",
                status=None,
                retryable=False,
                attempts=attempts,
            )
        usage = response.usage_metadata
        return Completion(
            text=text,
            model=response.model_version or self.model,
            backend=self.kind,
            offline=False,
            input_tokens=(usage.prompt_token_count or 0) if usage else 0,
            output_tokens=(usage.candidates_token_count or 0) if usage else 0,
            attempts=attempts,
            seconds=time.perf_counter() - started,
        )

    def _classify(self, exc: Exception) -> Failure | None:
        from google.genai import errors as genai_errors

        if isinstance(exc, genai_errors.APIError):
            status = exc.code if isinstance(exc.code, int) else None
            message = exc.message or str(exc)
            if exc.status:
                message = f"{exc.status}: {message}"
            return Failure(
                status=status,
                message=message,
                retryable=status in RETRY_STATUSES,
                retry_after=retry_after(getattr(exc.response, "headers", None)),
            )
        if is_transport_error(exc):
            if is_timeout(exc):
                return Failure(None, f"request timed out after {self.timeout:g} s", True)
            return Failure(None, f"connection error to {self.base_url}: {exc!r}", True)
        return None

    async def aclose(self) -> None:
        await self._client.aio.aclose()
        self._client.close()  # the SDK also built a sync HTTP client; never used, now closed
