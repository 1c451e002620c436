"""Claude through the official ``anthropic`` SDK, imported only when a backend is built.

Anthropic: ``POST {base_url}/v1/messages``; key from the argument or
``ANTHROPIC_API_KEY``, base URL from the argument, ``ANTHROPIC_BASE_URL`` or
https://api.anthropic.com. The key is always passed explicitly, so the SDK never falls
back to its profile files or workload-identity federation.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from actors.backends import _env
from actors.backends._interface import Completion
from actors.backends._retry import RETRY_STATUSES, Failure, RemoteBackend, retry_after

if TYPE_CHECKING:
    import anthropic

__all__ = ["DEFAULT_ANTHROPIC_MODEL", "AnthropicBackend"]

# claude-sonnet-4-5 reaches end of life on 2026-11-30 (the SDK warns): use its successor.
DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-6"


class AnthropicBackend(RemoteBackend):
    """Claude through the official ``anthropic`` SDK (Messages API), retries ours."""

    default_model = DEFAULT_ANTHROPIC_MODEL

    def __init__(
        self,
        model: str = DEFAULT_ANTHROPIC_MODEL,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        max_tokens: int = 1024,
        timeout: float = 60.0,
        max_retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        key = _env.api_key("anthropic", api_key)
        if key is None:
            raise ValueError("AnthropicBackend needs an API key (argument or ANTHROPIC_API_KEY)")
        import anthropic

        super().__init__(
            "anthropic",
            model,
            base_url=_env.base_url("anthropic", base_url),
            max_tokens=max_tokens,
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
        )
        self._client: anthropic.AsyncAnthropic = anthropic.AsyncAnthropic(
            api_key=key,
            base_url=self.base_url,
            timeout=self.timeout,
            max_retries=0,  # the retry loop is ours (module docstring)
        )

    async def complete(
        self, system: str, prompt: str, *, max_tokens: int | None = None
    ) -> Completion:
        import anthropic

        limit = self._max(max_tokens)
        started = time.perf_counter()

        async def attempt() -> anthropic.types.Message:
            return await self._client.messages.create(
                model=self.model,
                max_tokens=limit,
                system=system if system else anthropic.omit,
                messages=[{"role": "user", "content": prompt}],
            )

        message, attempts = await self._call(attempt)
        text = "".join(b.text for b in message.content if isinstance(b, anthropic.types.TextBlock))
        return Completion(
            text=text,
            model=message.model or self.model,
            backend=self.kind,
            offline=False,
            input_tokens=message.usage.input_tokens,
            output_tokens=message.usage.output_tokens,
            attempts=attempts,
            seconds=time.perf_counter() - started,
        )

    def _classify(self, exc: Exception) -> Failure | None:
        import anthropic

        if isinstance(exc, anthropic.APIStatusError):
            status = exc.status_code
            return Failure(
                status=status,
                message=exc.api_message or exc.message,
                retryable=status in RETRY_STATUSES,
                retry_after=retry_after(exc.response.headers),
            )
        if isinstance(exc, anthropic.APITimeoutError):
            return Failure(None, f"request timed out after {self.timeout:g} s", True)
        if isinstance(exc, anthropic.APIConnectionError):
            cause = exc.__cause__
            detail = f"{exc.message} {cause!r}" if cause is not None else exc.message
            return Failure(None, f"connection error to {self.base_url}: {detail}", True)
        if isinstance(exc, anthropic.APIResponseValidationError):
            return Failure(exc.status_code, f"unexpected response: {exc.message}", False)
        if isinstance(exc, anthropic.AnthropicError):
            return Failure(None, str(exc), False)
        return None

    async def aclose(self) -> None:
        await self._client.close()
