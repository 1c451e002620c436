"""Sending a task to an agent role and awaiting its outcome: the requester's half.

The protocol, in two steps so that a missing or busy role is told apart from a slow model:

1. The requester subscribes to ``ctxbus.taskdone.<namespace>.<task_id>`` (and flushes, so
   the outcome cannot be missed), then *requests* ``ctxbus.task.<namespace>.<role>``. An
   agent of that role (queue group ``ctxbus-agents-<role>``) replies at once with
   :class:`TaskAccepted`. No responders means no agent serves the role: :class:`NoAgent`.
2. The agent works (reads its inputs, calls its model, puts its answer) and publishes one
   :class:`TaskDone` on the task's done subject, whether it succeeded or not.

Agents never talk to each other: a pipeline is a requester sending tasks one by one.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import nats.errors
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg

from bus import tracing
from bus._errors import CtxbusError, NoAgent, RequestTimeout, error_for_code
from bus.connection import (
    NO_RESPONDERS_GRACE,
    request_checked,
    subscribe_checked,
    wait_for_responder,
)
from bus.messages import (
    AgentTask,
    TaskAccepted,
    TaskDone,
    TaskInput,
    decode,
    decode_reply,
    encode,
)
from bus.subjects import (
    agent_ping_subject,
    task_done_subject,
    task_subject,
    validate_key,
    validate_namespace,
    validate_role,
)

__all__ = [
    "TaskSpec",
    "build_task",
    "request_task",
    "task_error",
    "task_inputs",
    "wait_for_agents",
]


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """One step of a pipeline: what :meth:`AsyncSharedContext.run_task` takes."""

    role: str
    instruction: str
    inputs: Sequence[str | TaskInput]
    output_key: str
    options: Mapping[str, Any] = field(default_factory=dict)


def task_inputs(inputs: Sequence[str | TaskInput]) -> list[TaskInput]:
    """Plain keys mean "compressed"; pass ``TaskInput(key, full=True)`` for the original."""
    out = []
    for item in inputs:
        task_input = TaskInput(key=item) if isinstance(item, str) else item
        validate_key(task_input.key)
        out.append(task_input)
    return out


def build_task(spec: TaskSpec, namespace: str, task_id: str | None = None) -> AgentTask:
    validate_role(spec.role)
    validate_key(spec.output_key)
    return AgentTask(
        task_id=task_id or uuid.uuid4().hex,
        role=spec.role,
        instruction=spec.instruction,
        inputs=task_inputs(spec.inputs),
        output_key=spec.output_key,
        namespace=namespace,
        options=dict(spec.options),
    )


def task_error(done: TaskDone) -> CtxbusError:
    """The exception a failed :class:`TaskDone` stands for, carrying it as ``.task_done``."""
    error = error_for_code(
        done.error_code or 502,
        f"{done.error_name or 'agent_error'}: {done.role} task {done.task_id} "
        f"({done.agent or 'agent'}): {done.error}",
    )
    error.task_done = done  # type: ignore[attr-defined]
    return error


async def request_task(
    nc: NATS, task: AgentTask, *, accept_timeout: float = 5.0, timeout: float = 300.0
) -> TaskDone:
    """Send ``task`` to its role and wait for the :class:`TaskDone` (ok or not).

    Raises :class:`NoAgent` when no agent serves the role and :class:`RequestTimeout` when
    none accepts within ``accept_timeout`` or the outcome takes longer than ``timeout``.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    # Flushed (twice, see settle) before the task goes out, so its outcome cannot be missed;
    # PermissionDenied if these credentials may not watch this namespace's tasks.
    done_sub = await subscribe_checked(
        nc, task_done_subject(task.namespace, task.task_id), max_msgs=1
    )
    try:
        try:
            reply = await _request_accept(nc, task, min(accept_timeout, timeout))
        except nats.errors.NoRespondersError:
            raise NoAgent(f"no agent serves role {task.role!r}") from None
        except nats.errors.TimeoutError:
            raise RequestTimeout(
                f"no {task.role!r} agent accepted task {task.task_id} within {accept_timeout:g}s"
            ) from None
        decode_reply(reply.data, reply.headers, TaskAccepted)
        try:
            msg = await done_sub.next_msg(timeout=max(0.001, deadline - loop.time()))
        except nats.errors.TimeoutError:
            raise RequestTimeout(
                f"{task.role!r} task {task.task_id} not done within {timeout:g}s"
            ) from None
        return decode(msg.data, TaskDone)
    finally:
        # max_msgs=1 may have removed it already, or the connection is gone.
        with contextlib.suppress(Exception):
            await done_sub.unsubscribe()


async def _request_accept(nc: NATS, task: AgentTask, timeout: float) -> Msg:
    """Request the task; "no responders" only counts once it lasts (NO_RESPONDERS_GRACE)."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while True:
        try:
            reply: Msg = await request_checked(
                nc,
                task_subject(task.namespace, task.role),
                encode(task),
                timeout=timeout,
                headers=tracing.headers(),  # the agent continues a traced caller's trace
            )
            return reply
        except nats.errors.NoRespondersError:
            if loop.time() - started >= NO_RESPONDERS_GRACE:
                raise
            await asyncio.sleep(0.02)


async def wait_for_agents(
    nc: NATS, roles: Sequence[str], timeout: float = 30.0, namespace: str = "default"
) -> None:
    """Return once an agent answers the ping of every role in ``namespace``;
    :class:`NoAgent` after ``timeout``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    for role in roles:
        subject = agent_ping_subject(validate_namespace(namespace), validate_role(role))
        if await wait_for_responder(nc, subject, max(0.0, deadline - loop.time())) is None:
            raise NoAgent(f"no agent for role {role!r} after {timeout:g}s")
