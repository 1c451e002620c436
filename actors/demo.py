"""``ctxbus demo``: two agents in two processes share compressed context over the bus.

Agent A puts a research report, a JSON tool output and a service log; agent B, another
OS process, reads them compressed, then fetches one original with ``full=True``. The
parent runs the embedded server, the keeper and the worker processes, and prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
from typing import Any

from actors.logs import configure_logging
from bus import AsyncSharedContext, EmbeddedServer
from bus.connection import connect
from bus.jobs import wait_for_workers

__all__ = ["demo_inputs", "run_demo"]


def demo_inputs(seed: int = 7) -> dict[str, str]:
    """Deterministic, realistic inputs: a report, a JSON tool output and a service log."""
    rng = random.Random(seed)
    services = ["auth", "billing", "search", "gateway", "ledger"]
    sections = []
    for i, svc in enumerate(services, 1):
        p99 = rng.randint(120, 900)
        sections.append(
            f"## {i}. The {svc} service\n\n"
            f"The {svc} service handled {rng.randint(10, 90)} million requests in Q3 2026 "
            f"with a p99 latency of {p99} ms. "
            + " ".join(
                f"Engineers reviewed the {svc} dashboards and found the behaviour consistent "
                f"with previous quarters, with no change in the overall trend."
                for _ in range(6)
            )
            + f"\n\nIncident INC-{4000 + i * 17} was traced to a stale cache in {svc}.\n"
        )
    report = "# Q3 2026 reliability review\n\n" + "\n".join(sections)
    records = []
    for i in range(400):
        records.append(
            {
                "id": f"req-{i:05d}",
                "service": rng.choice(services),
                "status": 200,
                "region": "eu-west-1",
                "latency_ms": rng.randint(5, 60),
            }
        )
    records[137].update(status=503, error="upstream timeout from ledger")
    tool_output = json.dumps(records, indent=2)
    lines = []
    for i in range(3000):
        ts = f"2026-11-24T10:{(i // 60) % 60:02d}:{i % 60:02d}Z"
        lines.append(f"{ts} INFO gateway request handled path=/api/v1/items status=200 ms={i % 40}")
        if i == 2100:
            lines.append(f"{ts} ERROR ledger write failed: deadlock detected txn=tx-88121")
    log = "\n".join(lines) + "\n"
    return {"research/report": report, "tools/search.json": tool_output, "logs/gateway": log}


async def _agent_a(servers: str, namespace: str) -> None:
    async with AsyncSharedContext(servers, namespace, agent="agent_a") as ctx:
        for key, text in demo_inputs().items():
            entry = await ctx.put(key, text)
            print(
                json.dumps(
                    {
                        "op": "put",
                        "agent": "agent_a",
                        "key": key,
                        "before": entry.original_tokens,
                        "after": entry.compressed_tokens,
                        "by_family": entry.tokens_by_family,
                        "transforms": entry.transforms,
                    }
                ),
                flush=True,
            )


async def _agent_b(servers: str, namespace: str) -> None:
    async with AsyncSharedContext(servers, namespace, agent="agent_b") as ctx:
        for key in await ctx.keys():
            entry = await ctx.get_entry(key)
            text = await ctx.get(key)
            assert entry is not None and text == entry.compressed
            print(
                json.dumps(
                    {
                        "op": "get",
                        "agent": "agent_b",
                        "key": key,
                        "full": False,
                        "before": entry.original_tokens,
                        "after": entry.compressed_tokens,
                    }
                ),
                flush=True,
            )
        original = await ctx.get("logs/gateway", full=True)
        entry = await ctx.get_entry("logs/gateway")
        assert entry is not None and original == entry.original
        print(
            json.dumps(
                {
                    "op": "get",
                    "agent": "agent_b",
                    "key": "logs/gateway",
                    "full": True,
                    "before": entry.original_tokens,
                    "after": entry.original_tokens,
                }
            ),
            flush=True,
        )


async def _run_agent(servers: str, namespace: str, which: str) -> list[dict[str, Any]]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "actors.demo",
        which,
        "--servers",
        servers,
        "--namespace",
        namespace,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{which} exited with {proc.returncode}")
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


async def _wait_for_workers(servers: str, count: int) -> None:
    nc = await connect(servers, name="demo-probe")
    try:
        await wait_for_workers(nc.jetstream(), count)
    finally:
        await nc.close()


async def run_demo(servers: str | None, workers: int = 2, namespace: str = "demo") -> int:
    from actors.cli import spawn_worker_processes, stop_processes
    from actors.keeper import ContextKeeper

    server = EmbeddedServer().start() if servers is None else None
    url = server.url if server else str(servers)
    procs = []
    keeper = ContextKeeper(servers=url)
    try:
        await keeper.start()
        procs = spawn_worker_processes(url, workers)
        await _wait_for_workers(url, workers)
        print(f"ctxbus demo on {url}: keeper + {workers} worker processes\n")
        rows = await _run_agent(url, namespace, "agent-a")
        rows += await _run_agent(url, namespace, "agent-b")
    finally:
        await keeper.stop()
        stop_processes(procs)
        if server:
            server.stop()
    header = ("op", "agent", "key", "full", "tokens before", "after", "saved")
    print(
        f"{header[0]:4} {header[1]:8} {header[2]:20} {header[3]:5} "
        + "{:>13} {:>7} {:>7}".format(*header[4:])
    )
    for r in rows:
        saved = 100.0 * (r["before"] - r["after"]) / r["before"] if r["before"] else 0.0
        print(
            f"{r['op']:4} {r['agent']:8} {r['key']:20} {r.get('full', '')!s:5} "
            f"{r['before']:>13} {r['after']:>7} {saved:>6.1f}%"
        )
    gets = [r for r in rows if r["op"] == "get"]
    before = sum(r["before"] for r in gets)
    after = sum(r["after"] for r in gets)
    print(
        f"\nagent_b read {after} tokens instead of {before}: {before - after} saved "
        f"({100.0 * (before - after) / max(1, before):.1f}%)."
    )
    return 0


def _main() -> None:
    parser = argparse.ArgumentParser(prog="python -m actors.demo")
    parser.add_argument("agent", choices=["agent-a", "agent-b"])
    parser.add_argument("--servers", required=True)
    parser.add_argument("--namespace", default="demo")
    args = parser.parse_args()
    configure_logging("warning")
    run = _agent_a if args.agent == "agent-a" else _agent_b
    asyncio.run(run(args.servers, args.namespace))


if __name__ == "__main__":
    _main()
