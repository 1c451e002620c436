"""AgentActor: an LLM agent that works only through the bus.

It takes :class:`~bus.messages.AgentTask`s from ``ctxbus.task.<namespace>.<role>`` (queue group
``ctxbus-agents-<role>``: start several agents of a role and they share the work), replies
:class:`~bus.messages.TaskAccepted` at once, then:

1. reads each input entry through :class:`~bus.AsyncSharedContext` (the compressed text by
   default, the exact original where the task asks for ``full``);
2. builds the prompt and calls its model backend (Claude, Gemini or offline);
3. puts the answer under the task's output key with ``agent=<its name>``;
4. publishes one :class:`~bus.messages.TaskDone` on
   ``ctxbus.taskdone.<namespace>.<task_id>``: ok with the model's usage and the tokens of
   every input, or the error. A failed task stores nothing.

A task delivered twice (a request replayed after a reconnect) is answered from memory, not
run twice.
"""

from __future__ import annotations

import dataclasses
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg

from actors.backends import Backend, BackendError
from actors.base import Actor, ReportedFailure
from bus import (
    AgentError,
    AsyncSharedContext,
    ConnectOptions,
    CtxbusError,
    InternalError,
    MissingInput,
    ValidationError,
)
from bus.messages import (
    SCHEMA_VERSION,
    AgentTask,
    ContextEntry,
    InputUsed,
    TaskAccepted,
    TaskDone,
    decode,
    encode,
)
from bus.subjects import (
    AGENT_QUEUE_PREFIX,
    agent_ping_subject,
    task_done_subject,
    task_subject,
    validate_key,
    validate_namespace,
    validate_role,
    validate_task_id,
)

__all__ = ["AgentActor", "AgentStatistics", "build_prompt"]

#: Outcomes kept to answer a repeated task without running it again.
REMEMBERED_TASKS = 1024

DEFAULT_SYSTEM = (
    "You are the {role} agent ({name}) in a team of agents that share context through a "
    "store. Work only from the context you are given; quote keys, figures and IDs exactly. "
    "Context items are compressed: markers like [omitted 120 lines ...; id=o3] stand for "
    "material left out, and saying which marker you would need is better than guessing."
)


@dataclass(frozen=True, slots=True)
class AgentStatistics:
    tasks: int
    failed: int
    in_flight: int
    input_tokens: int
    output_tokens: int
    model_calls: int


def build_prompt(instruction: str, inputs: Sequence[tuple[ContextEntry, bool]]) -> str:
    """The user message: the instruction, then each input in a tagged block."""
    parts = [f"Task: {instruction.strip()}", ""]
    for entry, full in inputs:
        text = entry.original if full else entry.compressed
        tokens = entry.original_tokens if full else entry.compressed_tokens
        form = "original" if full else "compressed"
        parts.append(
            f'<context key="{entry.key}" form="{form}" type="{entry.content_type}" '
            f'tokens="{tokens}" from="{entry.agent or "unknown"}">\n{text.rstrip()}\n</context>'
        )
    return "\n".join(parts) + "\n"


class AgentActor(Actor):
    service_name = "ctxbus-agent"
    service_description = (
        "ctxbus agent: takes tasks on ctxbus.task.<namespace>.<role>, reads its inputs from "
        "the keeper, calls its model, puts the answer and publishes a TaskDone"
    )

    def __init__(
        self,
        role: str,
        backend: Backend,
        *,
        name: str | None = None,
        servers: str | Sequence[str] | ConnectOptions | None = None,
        nc: NATS | None = None,
        max_concurrency: int = 4,
        system_prompt: str | None = None,
        ttl: float | None = 3600.0,
        put_timeout: float = 120.0,
        namespaces: Sequence[str] | None = None,
    ) -> None:
        self.role = validate_role(role)
        #: The namespaces whose tasks this agent takes (None: every namespace; credentials
        #: limited to some namespaces need them listed, or NATS refuses the subscription).
        self.namespaces = [validate_namespace(ns) for ns in namespaces] if namespaces else ["*"]
        super().__init__(
            name or f"{role}-{backend.kind}",
            servers=servers,
            nc=nc,
            max_concurrency=max_concurrency,
        )
        self.backend = backend
        self.system_prompt = system_prompt or DEFAULT_SYSTEM
        self.ttl = ttl
        self.put_timeout = put_timeout
        self.log = self.log.bind(role=role, backend=backend.kind, offline=backend.offline)
        self._contexts: dict[str, AsyncSharedContext] = {}
        #: task_id -> its outcome, or None while it runs.
        self._outcomes: OrderedDict[str, TaskDone | None] = OrderedDict()
        self._tasks_done = 0
        self._tasks_failed = 0
        self._input_tokens = 0
        self._output_tokens = 0
        self._model_calls = 0

    def service_metadata(self) -> dict[str, str]:
        return {
            **super().service_metadata(),
            "role": self.role,
            "backend": self.backend.kind,
            "model": self.backend.model,
            "offline": str(self.backend.offline).lower(),
        }

    async def setup(self) -> None:
        for namespace in self.namespaces:
            await self.subscribe(
                task_subject(namespace, self.role),
                self._on_task,
                queue=AGENT_QUEUE_PREFIX + self.role,
                endpoint="task" if namespace == "*" else f"task-{namespace}",
                metadata={
                    "request": AgentTask.TAG,
                    "reply": TaskAccepted.TAG,
                    "result": f"{TaskDone.TAG} on ctxbus.taskdone.<namespace>.<task_id>",
                    "schema": str(SCHEMA_VERSION),
                },
            )
            await self.subscribe(
                agent_ping_subject(namespace, self.role), self._on_ping, inline=True
            )
        self.log.info("agent serving", describe=self.backend.describe())

    async def _on_ping(self, msg: Msg, log: Any) -> None:
        if msg.reply:
            await self.nc.publish(msg.reply, self.name.encode())

    async def cleanup(self) -> None:
        await self.backend.aclose()

    def statistics(self) -> AgentStatistics:  # type: ignore[override]
        return AgentStatistics(
            tasks=self._tasks_done,
            failed=self._tasks_failed,
            in_flight=sum(1 for v in self._outcomes.values() if v is None),
            input_tokens=self._input_tokens,
            output_tokens=self._output_tokens,
            model_calls=self._model_calls,
        )

    # -- tasks -----------------------------------------------------------------------

    async def _on_task(self, msg: Msg, log: Any) -> None:
        task = decode(msg.data, AgentTask)
        if task.role != self.role:
            raise ValidationError(f"task for role {task.role!r} sent to {self.role!r}")
        validate_namespace(task.namespace)
        validate_task_id(task.task_id)
        if msg.subject != task_subject(task.namespace, self.role):
            # The subject is what NATS permissions checked: a task must not reach into a
            # namespace its sender may not use.
            raise ValidationError(
                f"task for namespace {task.namespace!r} arrived on {msg.subject!r}"
            )
        validate_key(task.output_key)
        for task_input in task.inputs:
            validate_key(task_input.key)
        log = log.bind(task_id=task.task_id, namespace=task.namespace)
        if msg.reply:
            await self.nc.publish(msg.reply, encode(TaskAccepted(task.task_id, self.name)))
        if task.task_id in self._outcomes:
            previous = self._outcomes[task.task_id]
            log.info("repeated task", running=previous is None)
            if previous is not None:  # finished: say it again; running: it will be said
                await self.nc.publish(
                    task_done_subject(task.namespace, task.task_id), encode(previous)
                )
            return
        self._outcomes[task.task_id] = None
        while len(self._outcomes) > REMEMBERED_TASKS:
            self._outcomes.popitem(last=False)
        done = await self._perform(task, log)
        self._outcomes[task.task_id] = done
        await self.nc.publish(task_done_subject(task.namespace, task.task_id), encode(done))
        if not done.ok:  # answered by the TaskDone; counted as the endpoint's error
            raise ReportedFailure(done.error_code, done.error_name)

    async def _perform(self, task: AgentTask, log: Any) -> TaskDone:
        started = time.perf_counter()
        base: dict[str, Any] = {
            "task_id": task.task_id,
            "role": self.role,
            "agent": self.name,
            "output_key": task.output_key,
            "backend": self.backend.kind,
            "model": self.backend.model,
            "offline": self.backend.offline,
        }
        inputs_used: list[InputUsed] = []
        try:
            ctx = self._context(task.namespace)
            read = await self._read_inputs(ctx, task)
            entries = [(entry, full) for entry, full, _level, _sent in read]
            for entry, full, level, sent in read:
                inputs_used.append(
                    InputUsed(
                        key=entry.key,
                        full=full,
                        tokens=sent,
                        original_tokens=entry.original_tokens,
                        compressed_tokens=entry.compressed_tokens,
                        by_family=entry.tokens_by_family,
                        agent=entry.agent,
                        level=level,
                    )
                )
            system = str(task.options.get("system") or self.system_prompt).format(
                role=self.role, name=self.name
            )
            prompt = build_prompt(task.instruction, entries)
            max_tokens = task.options.get("max_tokens")
            completion = await self.backend.complete(
                system, prompt, max_tokens=int(max_tokens) if max_tokens else None
            )
            self._model_calls += completion.attempts
            self._input_tokens += completion.input_tokens
            self._output_tokens += completion.output_tokens
            self.metrics.model_tokens.labels(self.role, "input").inc(completion.input_tokens)
            self.metrics.model_tokens.labels(self.role, "output").inc(completion.output_tokens)
            ttl = task.options.get("ttl", self.ttl)
            stored = await ctx.put(
                task.output_key,
                completion.text,
                self.name,
                ttl=float(ttl) if ttl is not None else None,
                timeout=self.put_timeout,
            )
        except BackendError as exc:
            self._model_calls += exc.attempts
            log.warning("model call failed", status=exc.status, attempts=exc.attempts)
            return self._failure(
                base, AgentError(exc.message), inputs_used, started, attempts=exc.attempts
            )
        except CtxbusError as error:
            log.info("task failed", error=error.name, detail=error.message[:200])
            return self._failure(base, error, inputs_used, started)
        except Exception as error:  # never die on a task: report it
            log.exception("task crashed")
            internal = InternalError(f"{type(error).__name__}: {error}")
            return self._failure(base, internal, inputs_used, started)
        self._tasks_done += 1
        log.info(
            "task done",
            input_tokens=completion.input_tokens,
            output_tokens=completion.output_tokens,
            attempts=completion.attempts,
        )
        return TaskDone(
            ok=True,
            input_tokens=completion.input_tokens,
            output_tokens=completion.output_tokens,
            inputs_used=inputs_used,
            entry_original_tokens=stored.original_tokens,
            entry_compressed_tokens=stored.compressed_tokens,
            seconds=time.perf_counter() - started,
            attempts=completion.attempts,
            **{**base, "model": completion.model or self.backend.model},
        )

    async def _read_inputs(
        self, ctx: AsyncSharedContext, task: AgentTask
    ) -> list[tuple[ContextEntry, bool, str, int]]:
        """Per input: the entry (its compressed text replaced by what a query or budget
        chose), whether the original goes to the model, the level chosen ("" when neither
        was asked for) and the tokens sent."""
        entries = []
        for task_input in task.inputs:
            entry = await ctx.get_entry(task_input.key)
            fitted = None
            if (
                entry is not None
                and not task_input.full
                and (task_input.query or task_input.max_tokens is not None)
            ):
                # The instruction is the query: what it asks about comes back in place.
                fitted = await ctx.get_fitted(
                    task_input.key,
                    task_input.max_tokens,
                    model=self.backend.counting_model,
                    query=task.instruction if task_input.query else None,
                )
            if entry is None or (fitted is None and task_input.query):
                raise MissingInput(
                    f"input {task_input.key!r} has no entry in namespace {task.namespace!r} "
                    "(never put, deleted, evicted or expired)"
                )
            level = ""
            sent = entry.original_tokens if task_input.full else entry.compressed_tokens
            if fitted is not None and fitted.text is not None:
                entry = dataclasses.replace(entry, compressed=fitted.text)
                level, sent = fitted.level, fitted.tokens
            entries.append((entry, task_input.full, level, sent))
        return entries

    def _failure(
        self,
        base: dict[str, Any],
        error: CtxbusError,
        inputs_used: list[InputUsed],
        started: float,
        attempts: int = 0,
    ) -> TaskDone:
        self._tasks_failed += 1
        return TaskDone(
            ok=False,
            inputs_used=inputs_used,
            seconds=time.perf_counter() - started,
            attempts=attempts,
            error_code=error.code,
            error_name=error.name,
            error=error.message,
            **base,
        )

    def _context(self, namespace: str) -> AsyncSharedContext:
        ctx = self._contexts.get(namespace)
        if ctx is None:
            # One connection for everything; the agent declares no max_entries of its own.
            ctx = AsyncSharedContext(
                namespace=namespace,
                model=self.backend.counting_model,
                ttl=self.ttl,
                max_entries=None,
                agent=self.name,
                put_timeout=self.put_timeout,
                nc=self.nc,
            )
            self._contexts[namespace] = ctx
        return ctx
