"""``ctxbus demo``: a Claude agent and a Gemini agent work together only through the bus.

Every part is its own OS process: an embedded nats-server, the keeper, N compression
workers, a ``researcher`` agent on the Anthropic backend and an ``analyst`` agent on the
Gemini backend. This process only plays the tools (it puts the bundled inputs) and the
requester (it sends three tasks and waits for each):

1. researcher: reads a large JSON tool output, a service log and a long report, all
   compressed, and writes a reliability brief to the bus;
2. analyst: reads that brief compressed and says which incident needs follow-up;
3. analyst: fetches the original review with ``full=True`` for the exact action items.

Then it prints every put and get with tokens before/after per model family, and two reads
that fit the reader: the gateway log within a small token budget of the Gemini model, and
the Q3 review with a question as the query (the omitted sentence that answers it comes
back). Without API keys the agents use the offline backend, and the demo says so.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from actors.backends import DEFAULT_MODELS, KEY_VARS, sdk_missing
from actors.processes import (
    Process,
    agent_command,
    keeper_command,
    spawn,
    spawn_worker_processes,
    stop_processes,
)
from actors.secure import insecure_line, record_server, role_options, secure_server
from bus import (
    AsyncSharedContext,
    ConnectOptions,
    EmbeddedServer,
    TaskDone,
    TaskInput,
    TaskSpec,
    ValidationError,
    connect,
    wait_for_agents,
)
from bus.auth import AuthDirectory
from bus.jobs import wait_for_workers
from bus.local import unregister_server
from bus.messages import ContextEntry

__all__ = ["DEMO_AGENTS", "demo_inputs", "demo_steps", "run_demo"]

#: role -> (backend, model family its tokens are counted in)
DEMO_AGENTS = {"researcher": ("anthropic", "claude"), "analyst": ("gemini", "gemini")}
#: (key, max_tokens, model, query): reads that fit the reader, shown after the tasks.
FITTED_READS = (
    # Counted for the models the demo's agents call, so each read fits its reader.
    ("inputs/gateway.log", 1000, DEFAULT_MODELS["gemini"], None),
    ("inputs/trace_query.json", 1500, DEFAULT_MODELS["anthropic"], None),
    (
        "inputs/q3_review.md",
        None,
        DEFAULT_MODELS["anthropic"],
        "How many times was an on-call engineer paged in one night?",
    ),
)
INPUT_FILES = {
    "inputs/trace_query.json": "trace_query.json",
    "inputs/gateway.log": "gateway.log",
    "inputs/q3_review.md": "q3_review.md",
}


def demo_inputs() -> dict[str, str]:
    """The bundled inputs (package data in ``actors/data``), by the key they are put under."""
    data = resources.files("actors") / "data"
    return {key: (data / name).read_text(encoding="utf-8") for key, name in INPUT_FILES.items()}


def demo_steps() -> list[TaskSpec]:
    return [
        TaskSpec(
            "researcher",
            "Write a reliability brief for the architecture council from these inputs: each "
            "incident with its ID, date, duration and impact, and the evidence for it in the "
            "request traces and the gateway log (trace IDs, transaction IDs, log lines).",
            list(INPUT_FILES),
            "reports/reliability-brief",
            {"max_tokens": 900},
        ),
        TaskSpec(
            "analyst",
            "Which incident most needs follow-up in Q4, and why? Five sentences at most.",
            ["reports/reliability-brief"],
            "analysis/priority",
            {"max_tokens": 400},
        ),
        TaskSpec(
            "analyst",
            "Quote the proposed Q4 work items exactly as the review words them, with owners "
            "and due dates.",
            [TaskInput("inputs/q3_review.md", full=True)],
            "analysis/q4-actions",
            {"max_tokens": 400},
        ),
    ]


@dataclass(frozen=True, slots=True)
class Row:
    op: str
    agent: str
    key: str
    form: str  # compressed | original
    #: family -> (tokens of the original, tokens moved: stored compressed / sent to the model)
    tokens: dict[str, tuple[int, int]]


def _put_row(entry: ContextEntry) -> Row:
    tokens = {f: (o, c) for f, (o, c) in entry.tokens_by_family.items()}
    return Row("put", entry.agent or "", entry.key, "compressed", tokens)


def _get_rows(done: TaskDone) -> list[Row]:
    rows = []
    for used in done.inputs_used:
        full = used.full
        tokens = {f: (o, o if full else c) for f, (o, c) in used.by_family.items()}
        rows.append(Row("get", done.agent, used.key, "original" if full else "compressed", tokens))
    return rows


def _for(url: str, auth: AuthDirectory | None, role: str) -> str | ConnectOptions:
    """How a part of the demo connects: the URL, or with its role's credentials."""
    return url if auth is None else role_options(ConnectOptions(), url, auth, role)


def _spawn_stack(
    url: str, workers: int, force_offline: bool, auth: AuthDirectory | None = None
) -> list[Process]:
    """The keeper, the workers and one process per agent (each with its role's
    credentials, given in its environment, when the demo's server has auth on)."""

    def options(role: str) -> ConnectOptions | None:
        chosen = _for(url, auth, role)
        return chosen if isinstance(chosen, ConnectOptions) else None

    keeper = _for(url, auth, "keeper")
    procs = [spawn(keeper_command(keeper, memory_only=True), options=options("keeper"))]
    procs += spawn_worker_processes(_for(url, auth, "worker"), workers)
    for role, (backend, _family) in DEMO_AGENTS.items():
        # Without a key (or SDK) the agent falls back to offline by itself, and says why.
        kind, model = ("offline", DEFAULT_MODELS[backend]) if force_offline else (backend, None)
        agent = _for(url, auth, "agent")
        command = agent_command(agent, role, kind, model=model, name=f"{role}-{backend}")
        procs.append(spawn(command, stdout=subprocess.DEVNULL, options=options("agent")))
    return procs


def _backend_note(backend: str, offline: bool) -> str:
    if not offline:
        return f"{backend} (real API)"
    names = KEY_VARS[backend]
    missing = sdk_missing(backend)
    if any(os.environ.get(n) for n in names):
        return f"offline stand-in for {backend} ({missing or '--offline'})"
    note = f"offline stand-in for {backend} ({' / '.join(names)} not set)"
    return f"{note}; for the real API: {missing}" if missing else note


async def _ready(url: str | ConnectOptions, workers: int) -> None:
    nc = await connect(url, name="demo-probe")
    try:
        await wait_for_workers(nc.jetstream(), workers)
        await wait_for_agents(nc, list(DEMO_AGENTS))
    finally:
        await nc.close()


async def run_demo(
    servers: str | None,
    workers: int = 2,
    namespace: str = "demo",
    offline: bool = False,
    json_output: bool = False,
    insecure: bool = False,
) -> int:
    """Run the demo; prints a report (``json_output``: one JSON object) and returns 0.

    Without ``servers`` it runs its own server, with auth on unless ``insecure``: each
    part gets its role's credentials, generated in the server's temporary directory."""
    if servers is not None and insecure:
        raise ValidationError("--insecure is for the demo's own server, not one given with -s")
    server: EmbeddedServer | None = None
    auth: AuthDirectory | None = None
    record: Path | None = None
    if servers is None:
        server = EmbeddedServer()
        auth = secure_server(server, insecure=insecure)
        server.start()
        record = record_server(server, auth, "demo")
    url = server.url if server else str(servers)
    client = _for(url, auth, "agent")
    procs: list[Process] = []
    offline_by_role = {
        role: offline
        or sdk_missing(backend) is not None
        or not any(os.environ.get(n) for n in KEY_VARS[backend])
        for role, (backend, _family) in DEMO_AGENTS.items()
    }
    started = time.perf_counter()
    try:
        procs = _spawn_stack(url, workers, offline, auth)
        await _ready(client, workers)
        notes = {
            role: _backend_note(backend, offline_by_role[role])
            for role, (backend, _family) in DEMO_AGENTS.items()
        }
        if not json_output:
            noun = "worker" if workers == 1 else "workers"
            print(f"ctxbus demo on {url}: keeper, {workers} {noun} and 2 agents, one process each")
            for role, note in notes.items():
                print(f"  {role:10} -> {note}")
            if auth is not None:
                print(f"  auth on: each part has its role's credentials, in {auth.path}")
                print("           (removed with the demo's server; --insecure turns auth off)")
            elif server is not None:
                print(f"  {insecure_line(url)}")
            print()
        rows: list[Row] = []
        answers: dict[str, str] = {}
        async with AsyncSharedContext(client, namespace, agent="tools", put_timeout=120) as ctx:
            await ctx.wait_for_keeper()
            for key, text in demo_inputs().items():
                rows.append(_put_row(await ctx.put(key, text)))
            for step in demo_steps():
                done = await ctx.run_task(
                    step.role,
                    step.instruction,
                    step.inputs,
                    step.output_key,
                    options=step.options,
                    timeout=300,
                )
                rows += _get_rows(done)
                stored = await ctx.get_entry(done.output_key)
                if stored is not None:
                    rows.append(_put_row(stored))
                    answers[f"{done.agent} -> {done.output_key}"] = stored.original
            fitted = await _fitted_reads(ctx)
    finally:
        stop_processes(procs)
        if server:
            server.stop()
        if record is not None:
            unregister_server(record)
    if json_output:
        report = _report(url, notes, rows, answers, started)
        report["fitted_reads"] = fitted
        report["auth"] = "nkey roles" if auth else ("off" if server else "given")
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    _print_table(rows)
    _print_fitted(fitted)
    for title, answer in answers.items():
        lines = answer.strip().splitlines()
        shown = "\n  ".join(line[:160] for line in lines[:8])
        more = f"\n  ... ({len(lines) - 8} more lines)" if len(lines) > 8 else ""
        print(f"\n{title}:\n  {shown}{more}")
    print(f"\ndone in {time.perf_counter() - started:.1f}s")
    return 0


async def _fitted_reads(ctx: AsyncSharedContext) -> list[dict[str, Any]]:
    """The :data:`FITTED_READS`, each with what it served and the tokens it saved."""
    reads = []
    for key, max_tokens, model, query in FITTED_READS:
        fitted = await ctx.get_fitted(key, max_tokens, model=model, query=query)
        plain = await ctx.get_fitted(key, None, model=model)  # the default read, same model
        if fitted is None or plain is None:
            continue
        reads.append(
            {
                "key": key,
                "max_tokens": max_tokens,
                "model": model,
                "query": query,
                "level": fitted.level,
                "tokens": fitted.tokens,
                "compressed_tokens": plain.tokens,
                "original_tokens": fitted.original_tokens,
                "expanded": fitted.expanded,
                "text": fitted.text,
            }
        )
    return reads


def _print_fitted(reads: list[dict[str, Any]]) -> None:
    print("\nreads that fit the reader (forms computed once by the keeper, counted per family*):")
    for r in reads:
        saved = r["original_tokens"] - r["tokens"]
        ask = f"max_tokens={r['max_tokens']}" if r["max_tokens"] else f"query={r['query']!r}"
        print(
            f"get  {r['key']:25} {ask} ({r['model']}) -> {r['level']}: {r['tokens']} tokens "
            f"(compressed {r['compressed_tokens']}, original {r['original_tokens']}): "
            f"{saved} saved ({100.0 * saved / max(1, r['original_tokens']):.1f}%)"
        )
        if r["query"]:
            extra = r["tokens"] - r["compressed_tokens"]
            back = ", ".join(r["expanded"]) or "nothing matched"
            print(f"     {extra} tokens more than the compressed read bring back {back}, e.g.:")
            # The sentence that answers the demo's question, left out of the compressed read.
            found = re.search(r"[^.\n\]]*\bpaged\b[^.\n]*\.", r["text"])
            if found:
                print(f"       {found.group(0).strip()}")


#: Claude and Gemini publish no local tokenizer: their counts are estimates.
ESTIMATE_NOTE = (
    "* Claude and Gemini token counts are calibrated estimates (o200k_base scaled per model "
    "family and content kind; neither vendor publishes a local tokenizer), not measurements."
)


def _read_totals(rows: list[Row]) -> tuple[int, int, list[str]]:
    """Tokens the agents read, what the originals would have cost, and the full reads; each
    agent in its own model family's tokens."""
    family_of = {f"{role}-{backend}": fam for role, (backend, fam) in DEMO_AGENTS.items()}
    read = before_total = 0
    full_keys = []
    for r in rows:
        if r.op != "get":
            continue
        before, after = r.tokens.get(family_of.get(r.agent, "claude"), (0, 0))
        before_total += before
        read += after
        if r.form == "original":
            full_keys.append(f"{r.agent} read {r.key} in full")
    return read, before_total, full_keys


def _report(
    url: str, notes: dict[str, str], rows: list[Row], answers: dict[str, str], started: float
) -> dict[str, Any]:
    read, before_total, _full = _read_totals(rows)
    return {
        "servers": url,
        "agents": notes,
        "token_counts": "calibrated estimates",
        "rows": [
            {
                "op": r.op,
                "agent": r.agent,
                "key": r.key,
                "form": r.form,
                "tokens": {f: {"before": b, "after": a} for f, (b, a) in r.tokens.items()},
            }
            for r in rows
        ],
        "agents_read_tokens": read,
        "originals_tokens": before_total,
        "answers": answers,
        "seconds": round(time.perf_counter() - started, 3),
    }


def _print_table(rows: list[Row]) -> None:
    families = ("claude", "gemini")
    header = f"{'op':4} {'agent':20} {'key':27} {'form':10} " + " ".join(
        f"{f + '* before→after':>22}" for f in families
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        cells = []
        for f in families:
            before, after = r.tokens.get(f, (0, 0))
            cells.append(f"{before:>9} → {after:<9} ".rjust(22))
        print(f"{r.op:4} {r.agent:20} {r.key:27} {r.form:10} " + " ".join(cells))
    print(ESTIMATE_NOTE)
    read, before_total, full_keys = _read_totals(rows)
    saved = before_total - read
    print(
        f"\nagents read {read} tokens instead of {before_total} (each in its own model "
        f"family's tokens, estimated*): {saved} saved "
        f"({100.0 * saved / max(1, before_total):.1f}%)."
    )
    if full_keys:
        print("full=True used where the exact wording mattered: " + "; ".join(full_keys) + ".")
