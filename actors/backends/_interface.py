"""The backend interface: :class:`Backend`, :class:`Completion`, :class:`BackendError`."""

from __future__ import annotations

import abc
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

__all__ = ["Backend", "BackendError", "Completion", "check_max_tokens"]


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    model: str  # model id that answered (as reported by the API when it reports it)
    backend: str  # "anthropic" | "gemini" | "offline"
    offline: bool  # True only for OfflineBackend
    input_tokens: int  # as the API reports in its usage (offline: transforms estimate)
    output_tokens: int
    attempts: int  # 1 + number of retries made
    seconds: float


class BackendError(Exception):
    """A model call failed for good (after retries)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retryable: bool = False,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retryable = retryable
        self.attempts = attempts

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_backend_error,
            (self.message, self.status, self.retryable, self.attempts),
        )

    def __repr__(self) -> str:
        return (
            f"BackendError({self.message!r}, status={self.status!r}, "
            f"retryable={self.retryable!r}, attempts={self.attempts!r})"
        )


def _rebuild_backend_error(
    message: str, status: int | None, retryable: bool, attempts: int
) -> BackendError:
    return BackendError(message, status=status, retryable=retryable, attempts=attempts)


class Backend(abc.ABC):
    """One model behind ``complete()``. Use ``async with`` or call :meth:`aclose` when done."""

    kind: str
    model: str
    offline: bool = False

    @abc.abstractmethod
    async def complete(
        self, system: str, prompt: str, *, max_tokens: int | None = None
    ) -> Completion: ...

    async def aclose(self) -> None:  # noqa: B027 - a no-op by default, on purpose
        """Release network resources (no-op unless the backend holds any)."""

    @property
    def counting_model(self) -> str:
        """The model id whose token counts describe this backend's text."""
        return self.model

    def describe(self) -> str:
        return f"{self.kind} {self.model}"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()}>"


def check_max_tokens(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_tokens must be a positive int, got {value!r}")
    return value
