"""LLM model backends behind one small interface: Anthropic, Gemini and an offline stand-in.

Every backend answers ``await backend.complete(system, prompt, max_tokens=...)`` with a
:class:`Completion` (text, the model that answered, the usage the API reported, attempts,
seconds) or raises :class:`BackendError`. :func:`make_backend` picks a real backend when an API
key is available and otherwise an :class:`OfflineBackend` that says, in ``.offline`` and
``.describe()``, that no model is being called and why.

Why the retries are ours
    Both SDKs retry on their own, differently: anthropic retries 408/409/429/5xx twice with
    its own backoff (and obeys an ``x-should-retry`` header); google-genai retries only when
    ``HttpOptions.retry_options`` is set (tenacity, 408/429/5xx) and, on its aiohttp transport
    without retry options, silently retries connection errors after sleeping 1–10 s. Two
    vendors with two policies would make agents behave differently per model and make
    ``attempts`` unknowable. So both SDK clients are built with retries off (anthropic
    ``max_retries=0``; genai ``HttpRetryOptions(attempts=1)``, which also turns that implicit
    aiohttp retry off) and one loop here does them for both: HTTP 429, 500, 502, 503, 504, 529
    and connection errors/timeouts are retried up to ``max_retries`` times, waiting
    ``backoff * 2**n`` with a small seeded jitter, or the server's ``Retry-After`` (seconds or
    an HTTP date, capped at :data:`MAX_RETRY_AFTER`) when it sends one. Any other status fails
    at once. Every retry is logged on ``ctxbus.backend``.

Where the calls go
    Anthropic: ``POST {base_url}/v1/messages``; key from the argument or
    ``ANTHROPIC_API_KEY``, base URL from the argument, ``ANTHROPIC_BASE_URL`` or
    https://api.anthropic.com. The key is always passed explicitly, so the SDK never falls
    back to its profile files or workload-identity federation.

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

import abc
import email.utils
import importlib.util
import math
import os
import random
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import anyio
import structlog

from transforms import MARKER_RE, count_tokens, resolve_model

if TYPE_CHECKING:
    # The SDKs take seconds to import (anthropic ~3 s, google-genai ~1 s): they are imported
    # when a backend that needs them is built, so offline use and the other ctxbus processes
    # that import this module never pay for them.
    import anthropic
    from google import genai
    from google.genai import types as genai_types

__all__ = [
    "BACKEND_KINDS",
    "SDK_EXTRAS",
    "AnthropicBackend",
    "Backend",
    "BackendError",
    "Completion",
    "GeminiBackend",
    "OfflineBackend",
    "make_backend",
    "sdk_missing",
]

BACKEND_KINDS = ("anthropic", "gemini", "offline")

# claude-sonnet-4-5 reaches end of life on 2026-11-30 (the SDK warns): use its successor.
DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-6"
DEFAULT_GEMINI_MODEL = "gemini-2.5-flash"
DEFAULT_MODELS: Mapping[str, str] = {
    "anthropic": DEFAULT_ANTHROPIC_MODEL,
    "gemini": DEFAULT_GEMINI_MODEL,
}
#: kind -> (the SDK's module, the ctxbus extra that installs it).
SDK_EXTRAS: Mapping[str, tuple[str, str]] = {
    "anthropic": ("anthropic", "anthropic"),
    "gemini": ("google.genai", "gemini"),
}
ANTHROPIC_BASE_URL = "https://api.anthropic.com"
GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/"
GEMINI_API_VERSION = "v1beta"

#: HTTP statuses worth another attempt (529 is Anthropic's "overloaded").
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 529})
#: Longest wait a ``Retry-After`` header (or the backoff) can impose, in seconds.
MAX_RETRY_AFTER = 30.0

_T = TypeVar("_T")


def _logger() -> Any:
    # Looked up per use, not at import: the host process configures structlog later.
    return structlog.get_logger("ctxbus.backend")


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


# --- retries ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Failure:
    """An SDK exception, classified: what went wrong and whether trying again may help."""

    status: int | None
    message: str
    retryable: bool
    retry_after: float | None = None


def _retry_after(headers: object) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date), capped; else None."""
    if not isinstance(headers, Mapping):
        return None
    value = headers.get("retry-after")
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - time.time()
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _is_transport_error(exc: BaseException) -> bool:
    """Connection failures and timeouts as the genai SDK raises them, whichever HTTP library
    it runs on: httpx2 (its default here), httpx or aiohttp. Matched by class, not imported."""
    if isinstance(exc, TimeoutError | ConnectionError):
        return True
    for cls in type(exc).__mro__:
        root = cls.__module__.split(".", 1)[0]
        if (root in ("httpx", "httpx2") and cls.__name__ == "TransportError") or (
            root == "aiohttp" and cls.__name__ == "ClientError"
        ):
            return True
    return False


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError) or any("Timeout" in c.__name__ for c in type(exc).__mro__)


def _check_max_tokens(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_tokens must be a positive int, got {value!r}")
    return value


class _RemoteBackend(Backend):
    """The retry loop and bookkeeping shared by the vendor backends."""

    offline = False

    def __init__(
        self,
        kind: str,
        model: str,
        *,
        base_url: str,
        max_tokens: int,
        timeout: float,
        max_retries: int,
        backoff: float,
    ) -> None:
        if not model:
            raise ValueError("model must be a non-empty model id")
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout!r}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries!r}")
        if backoff < 0:
            raise ValueError(f"backoff must be >= 0, got {backoff!r}")
        self.kind = kind
        self.model = model
        self.base_url = base_url
        self.max_tokens = _check_max_tokens(max_tokens)
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.backoff = float(backoff)
        # Seeded, so the same backend retries on the same schedule every run.
        self._rng = random.Random(f"ctxbus:{kind}:{model}")

    @abc.abstractmethod
    def _classify(self, exc: Exception) -> _Failure | None:
        """Map an SDK exception to a failure, or None to let it propagate unchanged."""

    def _delay(self, retry: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        if retry_after is not None:
            return retry_after
        base = self.backoff * 2.0 ** min(retry, 30)
        return min(base * (1.0 + 0.25 * self._rng.random()), MAX_RETRY_AFTER)

    async def _call(self, attempt: Callable[[], Awaitable[_T]]) -> tuple[_T, int]:
        """Run ``attempt`` with our retry policy; return its result and the attempts made."""
        attempts = 0
        while True:
            attempts += 1
            try:
                return await attempt(), attempts
            except Exception as exc:
                failure = self._classify(exc)
                if failure is None:
                    raise
                log = _logger().bind(
                    backend=self.kind, model=self.model, attempt=attempts, status=failure.status
                )
                if not failure.retryable or attempts > self.max_retries:
                    log.warning(
                        "model call failed",
                        retryable=failure.retryable,
                        error=failure.message[:300],
                    )
                    raise BackendError(
                        self._message(failure, attempts),
                        status=failure.status,
                        retryable=failure.retryable,
                        attempts=attempts,
                    ) from exc
                delay = self._delay(attempts - 1, failure.retry_after)
                log.warning(
                    "model call failed, retrying",
                    delay=round(delay, 3),
                    retry_after=failure.retry_after,
                    error=failure.message[:300],
                )
                await anyio.sleep(delay)

    def _message(self, failure: _Failure, attempts: int) -> str:
        what = f"HTTP {failure.status}" if failure.status is not None else "no HTTP response"
        tries = f"{attempts} attempt" + ("s" if attempts != 1 else "")
        return (
            f"{self.kind} call to {self.model} failed ({what}, {tries}): "
            f"{failure.message or 'no error message'}"
        )

    def _max(self, max_tokens: int | None) -> int:
        return self.max_tokens if max_tokens is None else _check_max_tokens(max_tokens)


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


def _reasons(*reasons: str | None) -> str:
    return "; ".join(r for r in reasons if r)


def _present(value: str | None) -> str | None:
    """A key or URL with surrounding blanks removed; None when missing or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


# --- Anthropic ------------------------------------------------------------------------


class AnthropicBackend(_RemoteBackend):
    """Claude through the official ``anthropic`` SDK (Messages API), retries ours."""

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
        key = _present(api_key) or _present(os.environ.get("ANTHROPIC_API_KEY"))
        if key is None:
            raise ValueError("AnthropicBackend needs an API key (argument or ANTHROPIC_API_KEY)")
        url = _present(base_url) or _present(os.environ.get("ANTHROPIC_BASE_URL"))
        import anthropic

        super().__init__(
            "anthropic",
            model,
            base_url=url or ANTHROPIC_BASE_URL,
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

    def _classify(self, exc: Exception) -> _Failure | None:
        import anthropic

        if isinstance(exc, anthropic.APIStatusError):
            status = exc.status_code
            return _Failure(
                status=status,
                message=exc.api_message or exc.message,
                retryable=status in RETRY_STATUSES,
                retry_after=_retry_after(exc.response.headers),
            )
        if isinstance(exc, anthropic.APITimeoutError):
            return _Failure(None, f"request timed out after {self.timeout:g} s", True)
        if isinstance(exc, anthropic.APIConnectionError):
            cause = exc.__cause__
            detail = f"{exc.message} {cause!r}" if cause is not None else exc.message
            return _Failure(None, f"connection error to {self.base_url}: {detail}", True)
        if isinstance(exc, anthropic.APIResponseValidationError):
            return _Failure(exc.status_code, f"unexpected response: {exc.message}", False)
        if isinstance(exc, anthropic.AnthropicError):
            return _Failure(None, str(exc), False)
        return None

    async def aclose(self) -> None:
        await self._client.close()


# --- Gemini ---------------------------------------------------------------------------


class GeminiBackend(_RemoteBackend):
    """Gemini through the official ``google-genai`` SDK (Developer API), retries ours."""

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
        key = (
            _present(api_key)
            or _present(os.environ.get("GEMINI_API_KEY"))
            or _present(os.environ.get("GOOGLE_API_KEY"))
        )
        if key is None:
            raise ValueError(
                "GeminiBackend needs an API key (argument, GEMINI_API_KEY or GOOGLE_API_KEY)"
            )
        url = _present(base_url) or _present(os.environ.get("GOOGLE_GEMINI_BASE_URL"))
        from google import genai
        from google.genai import types as genai_types
        from google.genai.client import DebugConfig

        super().__init__(
            "gemini",
            model,
            base_url=url or GEMINI_BASE_URL,
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

    def _classify(self, exc: Exception) -> _Failure | None:
        from google.genai import errors as genai_errors

        if isinstance(exc, genai_errors.APIError):
            status = exc.code if isinstance(exc.code, int) else None
            message = exc.message or str(exc)
            if exc.status:
                message = f"{exc.status}: {message}"
            return _Failure(
                status=status,
                message=message,
                retryable=status in RETRY_STATUSES,
                retry_after=_retry_after(getattr(exc.response, "headers", None)),
            )
        if _is_transport_error(exc):
            if _is_timeout(exc):
                return _Failure(None, f"request timed out after {self.timeout:g} s", True)
            return _Failure(None, f"connection error to {self.base_url}: {exc!r}", True)
        return None

    async def aclose(self) -> None:
        await self._client.aio.aclose()
        self._client.close()  # the SDK also built a sync HTTP client; never used, now closed


# --- Offline --------------------------------------------------------------------------

_LABEL = re.compile(
    r"^\s*(?:#+\s*)?\**(?:task|instructions?|question|goal)\**\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*%?")
_ALPHA_WORD = re.compile(r"[A-Za-z]{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])")
_ALERT = re.compile(
    r"\b(?:errors?|err|fail(?:s|ed|ure|ures|ing)?|fatal|exceptions?|traceback|panic(?:ked)?"
    r"|critical|crit|emerg(?:ency)?|alert|incidents?|outages?|deadlock(?:ed)?|time[d ]?out"
    r"|timeouts|refused|denied|unavailable|crash(?:ed|es)?|oom|killed|degraded|rollback"
    r"|rolled back|sev[0-4])\b"
    r"|\binc-?\d+\b"
    r"|(?:\"status\"|\bstatus|\bcode)\W{0,3}[45]\d\d\b"
    r"|\b5\d\d\s+(?:internal|bad gateway|service unavailable|gateway timeout)",
    re.IGNORECASE,
)
#: Summary lines the transforms write into compressed text (not facts of the context).
_ANNOTATION = re.compile(r"^\[(?:log|omitted)\b")
#: A line that is only an XML-ish tag, like the agents' ``<context key="..." ...>`` wrappers.
_TAG = re.compile(r"^<(?P<close>/)?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>$")
_KEY_ATTR = re.compile(r"""\bkey=["']([^"']*)["']""")
_WARN = re.compile(r"\bwarn(?:ing|ings)?\b", re.IGNORECASE)
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could did didn do does doesn doing don
    down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is isn it its itself just let me more most my myself no nor
    not now of off on once only or other ought our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was wasn we were weren what when where which while who
    whom why will with won would you your yours yourself yourselves please give list tell
    using use based each every find show summarize summarise summary describe explain write
    answer question task context input inputs following below above one two three make sure
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_MAX_UNIT_CHARS = 400
_MAX_INSTRUCTION_CHARS = 600
#: Prompts longer than this are scanned in a worker thread, off the event loop.
_THREAD_THRESHOLD = 100_000


def _norm_word(word: str) -> str:
    word = word.strip("'-_")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _words(text: str) -> set[str]:
    return {
        w
        for w in (_norm_word(t) for t in _WORD.findall(text.lower()))
        if len(w) >= 3 and w not in _STOPWORDS
    }


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shape(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[0-9a-f]*\d[0-9a-f]*", "#", text.lower())).strip()


@dataclass(frozen=True, slots=True)
class _Unit:
    pos: int
    text: str
    #: 2 per instruction word shared, +3 if it reads as an error or incident, +1 for a
    #: warning or a number-heavy fact; 0 means "not worth quoting".
    priority: int


def _split_instruction(prompt: str) -> tuple[str, set[int]]:
    """The instruction (whitespace collapsed) and the prompt line numbers it occupies."""
    lines = prompt.splitlines()
    for i, line in enumerate(lines):
        m = _LABEL.match(line)
        if m is None:
            continue
        used = {i}
        parts = [m.group("rest").strip()] if m.group("rest").strip() else []
        j = i + 1
        while j < len(lines) and (lines[j].strip() or not parts):
            if lines[j].strip():
                parts.append(lines[j].strip())
            used.add(j)
            j += 1
        text = " ".join(parts)
        if text:
            return text, used
    paragraphs: list[tuple[str, set[int]]] = []
    current: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line.strip() and not _TAG.match(line.strip()):  # a tag line ends a paragraph
            current.append(i)
        elif current:
            paragraphs.append((" ".join(lines[k].strip() for k in current), set(current)))
            current = []
    if not paragraphs:
        return "", set()
    for text, used in (paragraphs[0], paragraphs[-1]):
        if len(text) <= _MAX_INSTRUCTION_CHARS:
            return text, used
    return _clip(paragraphs[0][0], 300), set()  # all context: keep every line as context


def _units(prompt: str, skip: set[int], wanted: set[str]) -> list[_Unit]:
    units: list[_Unit] = []
    source = ""  # the key of the <context key="..."> block we are in, quoted with each line
    for i, raw in enumerate(prompt.splitlines()):
        line = raw.strip()
        tag = _TAG.match(line)
        if tag is not None:
            if tag.group("close"):
                source = ""
            else:
                key = _KEY_ATTR.search(line)
                source = f"[{key.group(1)}] " if key else ""
            continue
        if i in skip:
            continue
        if (
            not any(c.isalnum() for c in line)
            or MARKER_RE.fullmatch(line)
            or _ANNOTATION.match(line)
        ):
            continue
        pieces = _SENTENCE_END.split(line) if len(line) > _MAX_UNIT_CHARS else [line]
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            priority = 2 * len(wanted & _words(piece))
            if _ALERT.search(piece):
                priority += 3
            elif _WARN.search(piece) or (
                len(_NUMBER.findall(piece)) >= 2 and len(_ALPHA_WORD.findall(piece)) >= 4
            ):
                priority += 1
            units.append(_Unit(len(units), source + _clip(piece, _MAX_UNIT_CHARS), priority))
    return units


def _render(header: list[str], chosen: list[_Unit], total: int, left_out: int) -> str:
    lines = list(header)
    if chosen:
        lines.append(
            f"Relevant context ({len(chosen)} of {total} lines, picked by overlap with "
            "the task and for errors, incidents and figures):"
        )
        lines.extend(f"- {u.text}" for u in sorted(chosen, key=lambda u: u.pos))
        if left_out:
            lines.append(f"({left_out} more matching lines did not fit in the token budget)")
    elif left_out:
        lines.append(
            f"Relevant context: {left_out} matching lines did not fit in the token budget."
        )
    else:
        lines.append("Relevant context: nothing in the prompt matched the task.")
    return "\n".join(lines) + "\n"


def _offline_answer(header: str, prompt: str, budget: int, count_model: str) -> str:
    instruction, used = _split_instruction(prompt)
    units = _units(prompt, used, _words(instruction))

    def tokens(text: str) -> int:
        return count_tokens(text, count_model).tokens

    head = [header, f"Task: {_clip(instruction, 500)}" if instruction else "Task: (none given)"]
    spent = tokens("\n".join(head)) + 30  # + the two summary lines
    ranked = sorted((u for u in units if u.priority > 0), key=lambda u: (-u.priority, u.pos))
    chosen: list[_Unit] = []
    shapes: set[str] = set()
    left_out = 0
    for unit in ranked:
        shape = _shape(unit.text)
        if shape in shapes:
            continue  # one line stands for its repeats (log lines differing in numbers)
        cost = tokens(f"- {unit.text}\n")
        if spent + cost > budget:
            left_out += 1
            continue
        shapes.add(shape)
        chosen.append(unit)
        spent += cost
    text = _render(head, chosen, len(units), left_out)
    while chosen and tokens(text) > budget:  # per-line estimates can undercount the whole
        chosen.pop()  # the lowest-priority line goes first
        left_out += 1
        text = _render(head, chosen, len(units), left_out)
    return text


class OfflineBackend(Backend):
    """No model at all: a deterministic, extractive answer built from the prompt.

    The first line says that no model was called and why. Then comes the instruction (a line
    labelled ``Task:``/``Instruction:``/``Question:``…, else the prompt's first short
    paragraph, else its last), then the context lines that matter most, ranked by the words
    they share with the instruction and whether they read as an error or incident, a warning
    or a number-heavy fact; one line stands for all lines of the same shape (log lines that
    differ only in numbers); all within ``max_tokens`` (estimated with
    :func:`transforms.count_tokens` for ``stands_in_for``). Same input, same bytes out.
    """

    kind = "offline"
    offline = True

    def __init__(
        self,
        model: str = "offline",
        *,
        stands_in_for: str | None = None,
        reason: str = "",
        max_tokens: int = 1024,
    ) -> None:
        self.model = model
        self.stands_in_for = stands_in_for
        self.reason = reason
        self.max_tokens = _check_max_tokens(max_tokens)
        self._count_model = stands_in_for or DEFAULT_ANTHROPIC_MODEL

    @property
    def counting_model(self) -> str:
        """The model it stands in for (a Claude model when it stands in for none)."""
        return self._count_model

    def describe(self) -> str:
        detail = []
        if self.stands_in_for:
            family = resolve_model(self.stands_in_for).family
            vendor = {"anthropic": "anthropic ", "google": "gemini "}.get(family, "")
            detail.append(f"stand-in for {vendor}{self.stands_in_for}")
        if self.reason:
            detail.append(self.reason)
        return f"offline ({': '.join(detail)})" if detail else "offline"

    def _header(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"[offline backend: no model was called{why}]"

    def answer(self, system: str, prompt: str, *, max_tokens: int | None = None) -> str:
        """The text :meth:`complete` returns, synchronously."""
        budget = self.max_tokens if max_tokens is None else _check_max_tokens(max_tokens)
        return _offline_answer(self._header(), prompt, budget, self._count_model)

    async def complete(
        self, system: str, prompt: str, *, max_tokens: int | None = None
    ) -> Completion:
        started = time.perf_counter()
        if len(prompt) > _THREAD_THRESHOLD:
            text = await anyio.to_thread.run_sync(
                lambda: self.answer(system, prompt, max_tokens=max_tokens)
            )
        else:
            text = self.answer(system, prompt, max_tokens=max_tokens)
        sent = f"{system}\n\n{prompt}" if system else prompt
        return Completion(
            text=text,
            model=self.model,
            backend=self.kind,
            offline=True,
            input_tokens=count_tokens(sent, self._count_model).tokens,
            output_tokens=count_tokens(text, self._count_model).tokens,
            attempts=1,
            seconds=time.perf_counter() - started,
        )


# --- factory --------------------------------------------------------------------------


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
    environ: Mapping[str, str] = os.environ if env is None else env
    name = kind.strip().lower()
    if name not in BACKEND_KINDS:
        raise ValueError(f"unknown backend kind {kind!r}; expected one of {BACKEND_KINDS}")
    if name == "offline":
        return OfflineBackend(
            stands_in_for=model, reason="offline backend chosen", max_tokens=max_tokens
        )
    chosen = model or DEFAULT_MODELS[name]
    missing = sdk_missing(name)
    common: dict[str, Any] = {
        "max_tokens": max_tokens,
        "timeout": timeout,
        "max_retries": max_retries,
        "backoff": backoff,
    }
    if name == "anthropic":
        key = _present(api_key) or _present(environ.get("ANTHROPIC_API_KEY"))
        if key is None or missing:
            why = _reasons("ANTHROPIC_API_KEY not set" if key is None else None, missing)
            return OfflineBackend(stands_in_for=chosen, reason=why, max_tokens=max_tokens)
        url = _present(base_url) or _present(environ.get("ANTHROPIC_BASE_URL"))
        return AnthropicBackend(chosen, api_key=key, base_url=url or ANTHROPIC_BASE_URL, **common)
    key = (
        _present(api_key)
        or _present(environ.get("GEMINI_API_KEY"))
        or _present(environ.get("GOOGLE_API_KEY"))
    )
    if key is None or missing:
        why = _reasons("GEMINI_API_KEY/GOOGLE_API_KEY not set" if key is None else None, missing)
        return OfflineBackend(stands_in_for=chosen, reason=why, max_tokens=max_tokens)
    url = _present(base_url) or _present(environ.get("GOOGLE_GEMINI_BASE_URL"))
    return GeminiBackend(chosen, api_key=key, base_url=url or GEMINI_BASE_URL, **common)
