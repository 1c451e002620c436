"""Agent actors against a real nats-server, with the real SDKs talking to fake API servers."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import AsyncIterator, Iterator

import msgpack
import pytest

from actors.agent import AgentActor
from actors.backends import AnthropicBackend, GeminiBackend, OfflineBackend
from actors.processes import agent_command
from bus import (
    AgentError,
    AsyncSharedContext,
    EmbeddedServer,
    MissingInput,
    NoAgent,
    TaskInput,
    connect,
)
from bus._tasks import TaskSpec, build_task, request_task, wait_for_agents
from bus.messages import SCHEMA_VERSION, ErrorReply, InputUsed, decode
from bus.subjects import task_subject
from tests.conftest import stop_all
from tests.fake_llm import FakeAnthropic, FakeGemini

pytestmark = pytest.mark.anyio

LOG = (
    "\n".join(
        f"2026-11-24T10:{i // 60 % 60:02d}:{i % 60:02d}Z INFO gateway request handled "
        f"path=/api/v1/items status=200 ms={i % 40} req=r-{i:05d}"
        for i in range(1500)
    )
    + "\n2026-11-24T11:00:00Z ERROR ledger write failed: deadlock detected txn=tx-88121\n"
)
REPORT = "# Findings\n\nThe ledger deadlock (txn tx-88121) caused INC-4117 on 2026-09-15.\n"


@pytest.fixture
def fake_anthropic() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(reply_text="Brief: INC-4117 was a ledger deadlock (tx-88121).") as fake:
        yield fake


@pytest.fixture
def fake_gemini() -> Iterator[FakeGemini]:
    with FakeGemini(reply_text="Priority: INC-4117, because the deadlock recurs.") as fake:
        yield fake


@pytest.fixture
async def researcher(
    nats_server: EmbeddedServer, fake_anthropic: FakeAnthropic
) -> AsyncIterator[AgentActor]:
    backend = AnthropicBackend(
        api_key="test-key", base_url=fake_anthropic.url, max_retries=2, backoff=0.01
    )
    agent = AgentActor("researcher", backend, servers=nats_server.url)
    await agent.start()
    yield agent
    await agent.stop()


def _agent_process(url: str, role: str, backend: str, base_url: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(ANTHROPIC_API_KEY="test-anthropic", GEMINI_API_KEY="test-gemini")
    env["CTXBUS_LOG_LEVEL"] = "warning"
    return subprocess.Popen(
        agent_command(url, role, backend, extra=("--base-url", base_url, "--backoff", "0.01")),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


async def test_claude_and_gemini_agents_in_two_processes_share_only_the_bus(
    nats_server: EmbeddedServer,
    ctx: AsyncSharedContext,
    fake_anthropic: FakeAnthropic,
    fake_gemini: FakeGemini,
) -> None:
    url = nats_server.url
    procs = [
        _agent_process(url, "researcher", "anthropic", fake_anthropic.url),
        _agent_process(url, "analyst", "gemini", fake_gemini.url),
    ]
    try:
        nc = await connect(url)
        try:
            await wait_for_agents(nc, ["researcher", "analyst"], timeout=30)
        finally:
            await nc.close()
        log_entry = await ctx.put("inputs/gateway.log", LOG, agent="tools")
        assert log_entry.compressed_tokens < log_entry.original_tokens / 5

        done = await ctx.run_task(
            "researcher", "Summarise the incidents.", ["inputs/gateway.log"], "reports/brief"
        )
        # The Claude model got the compressed log, not the original.
        prompt = fake_anthropic.last_prompt()
        assert "Summarise the incidents." in prompt
        assert log_entry.compressed.strip() in prompt
        assert "req=r-00700" in LOG and "req=r-00700" not in prompt
        assert "deadlock detected txn=tx-88121" in prompt  # the error line survived
        assert "researcher" in fake_anthropic.last_system()
        request = fake_anthropic.last_request()
        # anthropic 2.x sends the key as a bearer token; older SDKs used x-api-key.
        assert "test-anthropic" in (
            request.headers.get("authorization", "") + request.headers.get("x-api-key", "")
        )
        assert request.body["model"] == "claude-sonnet-4-6"
        # The answer is stored with the agent's name and the model's usage is reported.
        assert done.ok and done.backend == "anthropic" and not done.offline
        assert done.agent == "researcher-anthropic" and done.attempts == 1
        assert done.input_tokens > 0 and done.output_tokens > 0
        assert done.inputs_used == [
            InputUsed(
                key="inputs/gateway.log",
                full=False,
                tokens=log_entry.compressed_tokens,
                original_tokens=log_entry.original_tokens,
                compressed_tokens=log_entry.compressed_tokens,
                by_family=log_entry.tokens_by_family,
                agent="tools",
            )
        ]
        brief = await ctx.get_entry("reports/brief")
        assert brief is not None
        assert brief.original == "Brief: INC-4117 was a ledger deadlock (tx-88121)."
        assert brief.agent == "researcher-anthropic"

        await ctx.put("inputs/report.md", REPORT, agent="tools")
        done = await ctx.run_task(
            "analyst",
            "Which incident needs follow-up?",
            ["reports/brief", TaskInput("inputs/gateway.log", full=True)],
            "analysis/priority",
        )
        # The Gemini model got the brief and, where full was asked, the exact original.
        prompt = fake_gemini.last_prompt()
        assert brief.compressed in prompt
        assert LOG.rstrip() in prompt
        assert fake_gemini.last_request().headers["x-goog-api-key"] == "test-gemini"
        assert done.ok and done.backend == "gemini" and done.agent == "analyst-gemini"
        assert [u.full for u in done.inputs_used] == [False, True]
        assert done.inputs_used[1].tokens == log_entry.original_tokens
        answer = await ctx.get_entry("analysis/priority")
        assert answer is not None and answer.agent == "analyst-gemini"
        assert answer.original == "Priority: INC-4117, because the deadlock recurs."
        # Only one model call each: the agents never called each other.
        assert len(fake_anthropic.requests) == 1 and len(fake_gemini.requests) == 1
    finally:
        stop_all(procs)


async def test_rate_limited_call_is_retried(
    ctx: AsyncSharedContext, researcher: AgentActor, fake_anthropic: FakeAnthropic
) -> None:
    await ctx.put("in", REPORT)
    fake_anthropic.script([fake_anthropic.error(429, "slow down", headers={"retry-after": "0"})])
    done = await ctx.run_task("researcher", "Summarise.", ["in"], "out")
    assert done.ok and done.attempts == 2
    assert len(fake_anthropic.requests) == 2
    assert await ctx.get("out", full=True) == "Brief: INC-4117 was a ledger deadlock (tx-88121)."
    assert researcher.statistics().model_calls == 2


async def test_backend_failing_for_good_stores_nothing(
    ctx: AsyncSharedContext, researcher: AgentActor, fake_anthropic: FakeAnthropic
) -> None:
    await ctx.put("in", REPORT)
    fake_anthropic.fail_always(500, "overloaded")
    with pytest.raises(AgentError) as caught:
        await ctx.run_task("researcher", "Summarise.", ["in"], "out")
    done = caught.value.task_done  # type: ignore[attr-defined]
    assert not done.ok and done.error_name == "agent_error" and done.error_code == 502
    assert "500" in done.error and done.attempts == 3  # max_retries=2
    assert len(fake_anthropic.requests) == 3
    assert "out" not in await ctx.keys()
    # check=False returns the outcome instead of raising.
    done = await ctx.run_task("researcher", "Summarise.", ["in"], "out", check=False)
    assert not done.ok and researcher.statistics().failed == 2


async def test_missing_input_is_a_clear_error_and_calls_no_model(
    ctx: AsyncSharedContext, researcher: AgentActor, fake_anthropic: FakeAnthropic
) -> None:
    await ctx.put("present", REPORT)
    with pytest.raises(MissingInput, match="'absent'"):
        await ctx.run_task("researcher", "Summarise.", ["present", "absent"], "out")
    assert fake_anthropic.requests == []
    assert "out" not in await ctx.keys()


async def test_task_for_a_role_nobody_serves(ctx: AsyncSharedContext) -> None:
    with pytest.raises(NoAgent, match="'nobody'"):
        await ctx.run_task("nobody", "Anything.", [], "out")


async def test_bad_task_frames_get_error_replies_and_the_agent_keeps_serving(
    nats_server: EmbeddedServer, ctx: AsyncSharedContext, researcher: AgentActor
) -> None:
    nc = await connect(nats_server.url)
    try:
        # Not msgpack; and a current-version frame without a type tag.
        for payload in (b"\x00garbage", msgpack.packb({"v": SCHEMA_VERSION})):
            reply = await nc.request(task_subject("default", "researcher"), payload, timeout=5)
            assert reply.headers and reply.headers["Nats-Service-Error-Code"] == "400"
            assert decode(reply.data, ErrorReply).name == "malformed_frame"
    finally:
        await nc.close()
    await ctx.put("in", REPORT)
    done = await ctx.run_task("researcher", "Summarise.", ["in"], "out")
    assert done.ok


async def test_a_repeated_task_is_answered_once(
    nats_server: EmbeddedServer,
    ctx: AsyncSharedContext,
    researcher: AgentActor,
    fake_anthropic: FakeAnthropic,
) -> None:
    # A request replayed after a reconnect arrives twice with the same task id.
    await ctx.put("in", REPORT)
    task = build_task(TaskSpec("researcher", "Summarise.", ["in"], "out"), "default")
    nc = await connect(nats_server.url)
    try:
        first, second = await asyncio.gather(request_task(nc, task), request_task(nc, task))
        third = await request_task(nc, task)
    finally:
        await nc.close()
    assert first.ok and first == second == third
    assert len(fake_anthropic.requests) == 1


async def test_gemini_backend_in_process(
    nats_server: EmbeddedServer, ctx: AsyncSharedContext, fake_gemini: FakeGemini
) -> None:
    backend = GeminiBackend(api_key="k", base_url=fake_gemini.url, backoff=0.01)
    fake_gemini.script([fake_gemini.error(503, "unavailable")])
    async with AgentActor("analyst", backend, servers=nats_server.url, name="analyst-1"):
        await ctx.put("in", REPORT)
        done = await ctx.run_task("analyst", "Prioritise.", [TaskInput("in", full=True)], "out")
    assert done.ok and done.attempts == 2 and done.model.startswith("gemini")
    assert REPORT.strip() in fake_gemini.last_prompt()
    entry = await ctx.get_entry("out")
    assert entry is not None and entry.agent == "analyst-1"


async def test_offline_backend_is_labelled(
    nats_server: EmbeddedServer, ctx: AsyncSharedContext
) -> None:
    backend = OfflineBackend(stands_in_for="gemini-2.5-flash", reason="GEMINI_API_KEY not set")
    async with AgentActor("analyst", backend, servers=nats_server.url):
        await ctx.put("in", LOG)
        done = await ctx.run_task("analyst", "Which errors occurred?", ["in"], "out")
    assert done.ok and done.offline and done.backend == "offline"
    answer = await ctx.get("out", full=True)
    assert answer is not None and "offline" in answer.lower()
    assert "deadlock detected txn=tx-88121" in answer


async def test_pipeline_passes_outputs_along(
    nats_server: EmbeddedServer, ctx: AsyncSharedContext
) -> None:
    url = nats_server.url
    researcher = AgentActor("researcher", OfflineBackend(), servers=url, name="r1")
    analyst = AgentActor("analyst", OfflineBackend(stands_in_for="gemini-2.5-flash"), servers=url)
    async with researcher, analyst:
        await ctx.put("logs", LOG, agent="tools")
        steps = [
            TaskSpec("researcher", "List the errors.", ["logs"], "brief"),
            TaskSpec("analyst", "Which error matters?", ["brief"], "answer"),
        ]
        first, second = await ctx.run_pipeline(steps)
    assert first.ok and second.ok
    assert second.inputs_used[0].key == "brief" and second.inputs_used[0].agent == "r1"
    answer = await ctx.get("answer", full=True)
    assert answer is not None and "Which error matters?" in answer
    assert "deadlock detected txn=tx-88121" in answer  # carried through both agents
    assert researcher.statistics().tasks == 1 and analyst.statistics().tasks == 1


def test_sync_client_and_cli_send_tasks(process_stack: str) -> None:
    from bus import SharedContext
    from tests.conftest import run_ctxbus

    url = process_stack
    procs = [_agent_process(url, "researcher", "offline", "http://127.0.0.1:9")]
    try:
        with SharedContext(url, put_timeout=30) as sync_ctx:
            sync_ctx.put("logs", LOG)
            asyncio.run(_wait_agents(url, ["researcher"]))
            done = sync_ctx.run_task("researcher", "List the errors.", ["logs"], "brief")
            assert done.ok and done.offline and done.inputs_used[0].key == "logs"
            with pytest.raises(MissingInput):
                sync_ctx.run_task("researcher", "List the errors.", ["nope"], "brief2")
        result = run_ctxbus(
            *("task", "researcher", "List the errors.", "--input", "logs"),
            *("--output", "cli-brief", "--servers", url),
        )
        assert result.returncode == 0, result.stderr
        assert "(offline backend)" in result.stdout and "deadlock detected" in result.stdout
        failed = run_ctxbus(
            *("task", "researcher", "List.", "--input", "missing", "--output", "x"),
            *("--servers", url),
        )
        assert failed.returncode == 2 and "missing_input" in failed.stderr
        nobody = run_ctxbus("task", "nobody", "Hi.", "--output", "x", "--servers", url)
        assert nobody.returncode == 2 and "no_agent" in nobody.stderr
    finally:
        stop_all(procs)


async def _wait_agents(url: str, roles: list[str]) -> None:
    nc = await connect(url)
    try:
        await wait_for_agents(nc, roles, timeout=30)
    finally:
        await nc.close()
