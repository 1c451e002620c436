"""Model backends against fake vendor servers on 127.0.0.1, through the real SDKs.

Nothing here touches the internet: every backend gets an explicit loopback ``base_url`` (or
no key at all, which makes it offline).
"""

from __future__ import annotations

import pickle
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from structlog.testing import capture_logs

from actors.backends import (
    BACKEND_KINDS,
    AnthropicBackend,
    Backend,
    BackendError,
    Completion,
    GeminiBackend,
    OfflineBackend,
    make_backend,
    retry_after,
    sdk_missing,
)
from tests.fake_llm import FakeAnthropic, FakeGemini, FakeServer, Reply, closed_port_url
from transforms import count_tokens

KEY = "test-key-123"
MODELS = {"anthropic": "claude-sonnet-4-6", "gemini": "gemini-2.5-flash"}


@pytest.fixture
def fake_anthropic() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as fake:
        yield fake


@pytest.fixture
def fake_gemini() -> Iterator[FakeGemini]:
    with FakeGemini() as fake:
        yield fake


@pytest.fixture(params=["anthropic", "gemini"])
def vendor(request: pytest.FixtureRequest) -> Iterator[tuple[str, FakeServer]]:
    """Each vendor with its fake server: the retry tests run once per vendor."""
    fake: FakeServer = FakeAnthropic() if request.param == "anthropic" else FakeGemini()
    with fake:
        yield request.param, fake


def backend_for(kind: str, url: str, **kwargs: Any) -> Backend:
    kwargs.setdefault("backoff", 0.001)
    if kind == "anthropic":
        return AnthropicBackend(MODELS[kind], api_key=KEY, base_url=url, **kwargs)
    return GeminiBackend(MODELS[kind], api_key=KEY, base_url=url, **kwargs)


def retry_events(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in logs if e["event"] == "model call failed, retrying"]


# --- success ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_anthropic_success(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.reply_text = "The ledger deadlock caused the outage."
    prompt = "Task: explain the outage.\n\nERROR ledger write failed: deadlock detected"
    async with AnthropicBackend(
        "claude-sonnet-4-6", api_key=KEY, base_url=fake_anthropic.url, max_tokens=321
    ) as backend:
        assert backend.describe() == "anthropic claude-sonnet-4-6"
        assert not backend.offline
        done = await backend.complete("You are an SRE.", prompt)

    assert done == Completion(
        text="The ledger deadlock caused the outage.",
        model="claude-sonnet-4-6",
        backend="anthropic",
        offline=False,
        input_tokens=len(prompt) // 4,
        output_tokens=6,
        attempts=1,
        seconds=done.seconds,
    )
    assert 0 < done.seconds < 5
    [req] = fake_anthropic.requests
    assert (req.method, req.path) == ("POST", "/v1/messages")
    assert req.body["model"] == "claude-sonnet-4-6"
    assert req.body["max_tokens"] == 321
    assert req.body["messages"] == [{"role": "user", "content": prompt}]
    assert fake_anthropic.last_system() == "You are an SRE."
    assert fake_anthropic.last_prompt() == prompt
    # anthropic 2.x sends the key as a bearer token; older SDKs used x-api-key.
    assert (
        req.headers.get("authorization") == f"Bearer {KEY}" or req.headers.get("x-api-key") == KEY
    )
    assert "anthropic-version" in req.headers


@pytest.mark.anyio
async def test_anthropic_per_call_max_tokens_and_no_empty_system(
    fake_anthropic: FakeAnthropic,
) -> None:
    fake_anthropic.reply_text = lambda body: f"echo {body['max_tokens']}"
    async with AnthropicBackend("claude-sonnet-4-6", api_key=KEY, base_url=fake_anthropic.url) as b:
        done = await b.complete("", "hello", max_tokens=17)
    assert done.text == "echo 17"
    body = fake_anthropic.last_request().body
    assert body["max_tokens"] == 17
    assert "system" not in body  # an empty system prompt is not sent at all


@pytest.mark.anyio
async def test_gemini_success(fake_gemini: FakeGemini) -> None:
    fake_gemini.reply_text = "Two incidents hit the ledger."
    fake_gemini.model_version = "gemini-2.5-flash-001"
    prompt = "Question: what happened?\n\nINC-4117 upstream timeout from ledger"
    async with GeminiBackend(
        "gemini-2.5-flash", api_key=KEY, base_url=fake_gemini.url, max_tokens=222
    ) as backend:
        assert backend.describe() == "gemini gemini-2.5-flash"
        done = await backend.complete("Be brief.", prompt)

    assert done.text == "Two incidents hit the ledger."
    assert done.model == "gemini-2.5-flash-001"  # as the API reported it
    assert (done.backend, done.offline, done.attempts) == ("gemini", False, 1)
    assert done.input_tokens == len(prompt) // 4
    assert done.output_tokens == 5
    [req] = fake_gemini.requests
    assert req.method == "POST"
    assert req.path == "/v1beta/models/gemini-2.5-flash:generateContent"
    assert req.headers["x-goog-api-key"] == KEY
    assert req.body["generationConfig"]["maxOutputTokens"] == 222
    assert fake_gemini.last_system() == "Be brief."
    assert fake_gemini.last_prompt() == prompt
    assert req.body["contents"][0]["role"] == "user"
    assert "tools" not in req.body


# --- retries ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_429_then_success_honoursretry_after(vendor: tuple[str, FakeServer]) -> None:
    kind, fake = vendor
    fake.script([fake.error(429, "slow down", headers={"Retry-After": "0"})])
    backend = backend_for(kind, fake.url, backoff=0.01, max_retries=3)
    with capture_logs() as logs:
        done = await backend.complete("sys", "hello there")
    await backend.aclose()

    assert done.attempts == 2
    assert done.text == fake.reply_for({})
    assert len(fake.requests) == 2
    [event] = retry_events(logs)
    assert event["backend"] == kind
    assert event["model"] == MODELS[kind]
    assert event["attempt"] == 1
    assert event["status"] == 429
    assert event["retry_after"] == 0.0
    assert event["delay"] == 0.0  # the header, not backoff (0.01 s and up)


@pytest.mark.anyio
async def test_retry_after_seconds_are_waited(vendor: tuple[str, FakeServer]) -> None:
    kind, fake = vendor
    fake.script([fake.error(503, "busy", headers={"retry-after": "0.3"})])
    backend = backend_for(kind, fake.url, backoff=0.0)  # without the header: no wait at all
    started = time.monotonic()
    with capture_logs() as logs:
        done = await backend.complete("sys", "hello")
    elapsed = time.monotonic() - started
    await backend.aclose()
    assert done.attempts == 2
    assert [e["delay"] for e in retry_events(logs)] == [0.3]
    assert 0.3 <= elapsed < 2


@pytest.mark.anyio
async def test_server_errors_forever_give_up_after_max_retries(
    vendor: tuple[str, FakeServer],
) -> None:
    kind, fake = vendor
    fake.fail_always(500, "the fake is broken")
    backend = backend_for(kind, fake.url, max_retries=2)
    with capture_logs() as logs, pytest.raises(BackendError) as info:
        await backend.complete("sys", "hello")
    await backend.aclose()

    err = info.value
    assert err.status == 500
    assert err.retryable
    assert err.attempts == 3
    assert len(fake.requests) == 3  # the SDK made no retries of its own
    assert kind in err.message and "500" in err.message and "the fake is broken" in err.message
    assert [e["attempt"] for e in retry_events(logs)] == [1, 2]


@pytest.mark.anyio
async def test_overloaded_529_is_retried(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script([fake_anthropic.error(529, "Overloaded")] * 2)
    backend = backend_for("anthropic", fake_anthropic.url)
    done = await backend.complete("sys", "hello")
    await backend.aclose()
    assert done.attempts == 3


@pytest.mark.anyio
async def test_client_error_fails_at_once(vendor: tuple[str, FakeServer]) -> None:
    kind, fake = vendor
    fake.script([fake.error(400, "model is not a thing")])
    backend = backend_for(kind, fake.url, max_retries=3)
    with pytest.raises(BackendError) as info:
        await backend.complete("sys", "hello")
    await backend.aclose()

    assert info.value.status == 400
    assert not info.value.retryable
    assert info.value.attempts == 1
    assert "model is not a thing" in info.value.message
    assert len(fake.requests) == 1


@pytest.mark.anyio
async def test_no_retries_means_one_request(vendor: tuple[str, FakeServer]) -> None:
    kind, fake = vendor
    fake.script([fake.error(429, "slow down")])
    backend = backend_for(kind, fake.url, max_retries=0)
    with pytest.raises(BackendError) as info:
        await backend.complete("sys", "hello")
    await backend.aclose()
    assert (info.value.status, info.value.retryable, info.value.attempts) == (429, True, 1)
    assert len(fake.requests) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["anthropic", "gemini"])
async def test_connection_refused_is_retryable(kind: str) -> None:
    url = closed_port_url()
    backend = backend_for(kind, url, max_retries=1)
    with pytest.raises(BackendError) as info:
        await backend.complete("sys", "hello")
    await backend.aclose()
    err = info.value
    assert err.status is None
    assert err.retryable
    assert err.attempts == 2
    assert "connection error" in err.message and url in err.message


@pytest.mark.anyio
async def test_timeout_is_retryable(vendor: tuple[str, FakeServer]) -> None:
    kind, fake = vendor
    fake.script([Reply(delay=5.0)])  # released when the fake stops
    backend = backend_for(kind, fake.url, timeout=0.2, max_retries=0)
    started = time.monotonic()
    with pytest.raises(BackendError) as info:
        await backend.complete("sys", "hello")
    await backend.aclose()
    assert time.monotonic() - started < 2
    assert info.value.retryable and info.value.status is None
    assert "timed out" in info.value.message


def test_retry_after_parsing() -> None:
    assert retry_after({"retry-after": "2.5"}) == 2.5
    assert retry_after({"retry-after": "120"}) == 30.0  # capped
    assert retry_after({"retry-after": "-3"}) == 0.0
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None
    assert retry_after(None) is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=10), usegmt=True)
    seconds = retry_after({"retry-after": later})
    assert seconds is not None and 8 <= seconds <= 10


def test_backend_error_survives_pickling() -> None:
    err = BackendError("gemini failed", status=503, retryable=True, attempts=4)
    back = pickle.loads(pickle.dumps(err))
    assert (back.message, back.status, back.retryable, back.attempts) == (
        "gemini failed",
        503,
        True,
        4,
    )
    assert str(back) == "gemini failed"


# --- make_backend --------------------------------------------------------------------


def test_make_backend_without_keys_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "must-not-leak")
    monkeypatch.setenv("GEMINI_API_KEY", "must-not-leak")
    claude = make_backend("anthropic", env={})
    assert isinstance(claude, OfflineBackend) and claude.offline
    assert claude.reason == "ANTHROPIC_API_KEY not set"
    assert claude.stands_in_for == "claude-sonnet-4-6"
    assert claude.describe() == (
        "offline (stand-in for anthropic claude-sonnet-4-6: ANTHROPIC_API_KEY not set)"
    )
    gemini = make_backend("gemini", "gemini-2.5-pro", env={})
    assert isinstance(gemini, OfflineBackend)
    assert gemini.reason == "GEMINI_API_KEY/GOOGLE_API_KEY not set"
    assert gemini.describe() == (
        "offline (stand-in for gemini gemini-2.5-pro: GEMINI_API_KEY/GOOGLE_API_KEY not set)"
    )
    # A base URL alone is not a key.
    assert make_backend("anthropic", base_url="http://127.0.0.1:9", env={}).offline
    assert make_backend("gemini", env={"GEMINI_API_KEY": "  "}).offline


def test_make_backend_without_the_sdk_is_offline_and_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A None in sys.modules makes the import machinery report the module as absent.
    monkeypatch.setitem(sys.modules, "anthropic", None)
    monkeypatch.setitem(sys.modules, "google.genai", None)
    assert sdk_missing("anthropic") == (
        "anthropic SDK not installed: pip install 'ctxbus[anthropic]'"
    )
    assert sdk_missing("offline") is None
    claude = make_backend("anthropic", env={"ANTHROPIC_API_KEY": "k"})
    assert isinstance(claude, OfflineBackend)
    assert claude.reason == "anthropic SDK not installed: pip install 'ctxbus[anthropic]'"
    gemini = make_backend("gemini", env={})
    assert isinstance(gemini, OfflineBackend)
    assert gemini.reason == (
        "GEMINI_API_KEY/GOOGLE_API_KEY not set; "
        "google.genai SDK not installed: pip install 'ctxbus[gemini]'"
    )


@pytest.mark.anyio
async def test_make_backend_kinds_and_defaults() -> None:
    assert BACKEND_KINDS == ("anthropic", "gemini", "offline")
    with pytest.raises(ValueError, match=r"anthropic.*gemini.*offline"):
        make_backend("openai", env={})
    offline = make_backend("offline", env={"ANTHROPIC_API_KEY": "k"})
    assert isinstance(offline, OfflineBackend) and offline.describe().startswith("offline")
    claude = make_backend("anthropic", env={"ANTHROPIC_API_KEY": "k"})
    assert isinstance(claude, AnthropicBackend)
    assert (claude.model, claude.base_url) == (
        "claude-sonnet-4-6",
        "https://api.anthropic.com",
    )
    gemini = make_backend("gemini", env={"GOOGLE_API_KEY": "k"})
    assert isinstance(gemini, GeminiBackend)
    assert gemini.model == "gemini-2.5-flash"
    assert gemini.base_url == "https://generativelanguage.googleapis.com/"
    await claude.aclose()  # built, never called: nothing here goes to the internet
    await gemini.aclose()


@pytest.mark.anyio
async def test_make_backend_reads_keys_and_urls_from_env(
    fake_anthropic: FakeAnthropic, fake_gemini: FakeGemini
) -> None:
    claude = make_backend(
        "anthropic",
        "claude-sonnet-4-6",
        env={"ANTHROPIC_API_KEY": "env-key", "ANTHROPIC_BASE_URL": fake_anthropic.url},
    )
    gemini = make_backend(
        "gemini",
        env={
            "GEMINI_API_KEY": "gemini-key",
            "GOOGLE_API_KEY": "google-key",
            "GOOGLE_GEMINI_BASE_URL": fake_gemini.url,
        },
        max_tokens=50,
    )
    async with claude, gemini:
        assert (await claude.complete("s", "p")).backend == "anthropic"
        assert (await gemini.complete("s", "p")).backend == "gemini"
    auth = fake_anthropic.last_request().headers
    assert "env-key" in (auth.get("authorization", "") + auth.get("x-api-key", ""))
    req = fake_gemini.last_request()
    assert req.headers["x-goog-api-key"] == "gemini-key"  # GEMINI_API_KEY first
    assert req.body["generationConfig"]["maxOutputTokens"] == 50


def test_constructors_need_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        AnthropicBackend()
    with pytest.raises(ValueError, match="GEMINI_API_KEY"):
        GeminiBackend()


# --- offline ------------------------------------------------------------------------

INCIDENT_PROMPT = "\n".join(
    [
        "Task: Which service caused the outage, and when?",
        "",
        "## logs/gateway",
        *[
            f"2026-11-24T10:00:{i:02d}Z INFO gateway request handled path=/api/v1/items ms={i}"
            for i in range(50)
        ],
        "2026-11-24T10:00:51Z ERROR ledger write failed: deadlock detected txn=tx-88121",
        "[omitted 400 lines of gateway INFO; id=o1]",
        "## research/report",
        "The billing service handled 42 million requests with a p99 latency of 310 ms.",
        "The weather was pleasant and nobody minded the quiet afternoon.",
        "The outage lasted 47 minutes and was traced to the ledger service.",
    ]
)


@pytest.mark.anyio
async def test_offline_backend_is_deterministic_and_extractive() -> None:
    backend = OfflineBackend(stands_in_for="claude-sonnet-4-6", reason="ANTHROPIC_API_KEY not set")
    first = await backend.complete("You are an SRE.", INCIDENT_PROMPT, max_tokens=200)
    again = await OfflineBackend(
        stands_in_for="claude-sonnet-4-6", reason="ANTHROPIC_API_KEY not set"
    ).complete("You are an SRE.", INCIDENT_PROMPT, max_tokens=200)
    assert first.text == again.text
    assert (first.input_tokens, first.output_tokens) == (again.input_tokens, again.output_tokens)

    lines = first.text.splitlines()
    assert lines[0] == "[offline backend: no model was called (ANTHROPIC_API_KEY not set)]"
    assert lines[1] == "Task: Which service caused the outage, and when?"
    text = first.text
    assert "ERROR ledger write failed: deadlock detected txn=tx-88121" in text
    assert "The outage lasted 47 minutes and was traced to the ledger service." in text
    assert "p99 latency of 310 ms" in text  # a number-heavy fact
    assert "weather" not in text
    assert "[omitted" not in text
    assert sum("INFO gateway request handled" in line for line in lines) <= 1  # one per shape
    assert first.offline and first.backend == "offline" and first.model == "offline"
    assert first.attempts == 1
    sent = "You are an SRE.\n\n" + INCIDENT_PROMPT
    assert first.input_tokens == count_tokens(sent, "claude-sonnet-4-6").tokens
    assert first.output_tokens == count_tokens(text, "claude-sonnet-4-6").tokens
    assert first.output_tokens <= 200


@pytest.mark.anyio
async def test_offline_backend_respects_the_token_budget() -> None:
    def name(i: int) -> str:  # distinct letters, so no two lines share a shape
        return "".join(chr(ord("g") + (i // 20**k) % 20) for k in range(2))

    errors = "\n".join(f"ERROR worker {name(i)} crashed: queue {name(i)} lost" for i in range(300))
    prompt = f"Summarize the failures.\n\n{errors}"
    backend = OfflineBackend()
    tiny = await backend.complete("", prompt, max_tokens=40)
    assert tiny.output_tokens <= 40
    assert "Relevant context: 300 matching lines did not fit in the token budget." in tiny.text
    small = await backend.complete("", prompt, max_tokens=150)
    assert small.output_tokens <= 150
    assert "ERROR worker" in small.text
    assert "more matching lines did not fit in the token budget" in small.text
    big = await backend.complete("", prompt, max_tokens=2000)
    assert big.output_tokens <= 2000 and len(big.text) > len(small.text)
    assert backend.describe() == "offline"
    with pytest.raises(ValueError):
        await backend.complete("", prompt, max_tokens=0)


@pytest.mark.anyio
async def test_offline_backend_without_labelled_task() -> None:
    prompt = "What failed in the ledger?\n\nledger: all good\nledger write failed at 10:02"
    done = await OfflineBackend(reason="testing").complete("", prompt)
    assert done.text.splitlines()[1] == "Task: What failed in the ledger?"
    assert "- ledger write failed at 10:02" in done.text


@pytest.mark.anyio
async def test_offline_backend_quotes_context_keys() -> None:
    prompt = (
        "Which incident hit the ledger?\n\n"
        '<context key="logs/gateway" form="compressed" type="log" tokens="40" from="a">\n'
        "2026-11-24T10:35:00Z ERROR ledger write failed: deadlock detected txn=tx-88121\n"
        "</context>\n"
        '<context key="research/report" form="original" type="prose" tokens="20" from="a">\n'
        "Incident INC-4117 was traced to a stale cache in ledger.\n"
        "</context>\n"
    )
    done = await OfflineBackend().complete("", prompt)
    assert done.text.splitlines()[1] == "Task: Which incident hit the ledger?"
    assert "- [logs/gateway] 2026-11-24T10:35:00Z ERROR ledger write failed" in done.text
    assert "- [research/report] Incident INC-4117 was traced" in done.text
    assert "<context" not in done.text
