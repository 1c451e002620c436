"""What authentication and permissions cost: ctxbus with the roles of ``ctxbus auth`` vs
without, in one run.

    python bench/auth.py [--gets 3000] [--puts 300] [--rounds 3]

Each round starts two embedded nats-servers, one with the generated nkey users and
allow-lists (as ``ctxbus up`` runs) and one without, each with an in-process keeper and
worker, and measures on each: sequential 1 KiB gets (throughput, p50) and small puts of
new texts (throughput). Rounds alternate the order; the ratios (auth / no auth) are of the
medians over rounds. Prints numbers, never fails on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds a bus.py: keep this folder off sys.path so `import bus` finds the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from actors.keeper import ContextKeeper  # noqa: E402
from actors.logs import configure_logging  # noqa: E402
from actors.worker import CompressionWorker  # noqa: E402
from bus import AsyncSharedContext, ConnectOptions, EmbeddedServer  # noqa: E402
from bus.auth import AuthDirectory  # noqa: E402


async def measure(auth_on: bool, gets: int, puts: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="ctxbus-bench-auth-"))
    auth = AuthDirectory.init(folder / "auth") if auth_on else None
    config = auth.include_line(folder / "nats") if auth else ""
    server = EmbeddedServer(data_dir=folder / "nats", config=config).start()

    def options(role: str) -> ConnectOptions:
        nkey = auth.credentials()[role] if auth else None
        return ConnectOptions(server.url, nkey=nkey, discover=False)

    keeper = ContextKeeper(servers=options("keeper"), persist=False)
    worker = CompressionWorker(servers=options("worker"))
    await keeper.start()
    await worker.start()
    try:
        async with AsyncSharedContext(options("agent"), "bench", max_entries=None) as ctx:
            await ctx.put("k", "x" * 1024)
            for _ in range(200):  # warm up
                await ctx.get("k")
            latencies = []
            began = time.perf_counter()
            for _ in range(gets):
                start = time.perf_counter()
                await ctx.get("k")
                latencies.append(time.perf_counter() - start)
            get_seconds = time.perf_counter() - began
            began = time.perf_counter()
            for i in range(puts):
                await ctx.put(f"p{i}", f"small text number {i}\n" * 4)
            put_seconds = time.perf_counter() - began
        return {
            "gets/s": gets / get_seconds,
            "get p50 ms": statistics.median(latencies) * 1e3,
            "puts/s": puts / put_seconds,
        }
    finally:
        await worker.stop()
        await keeper.stop()
        server.stop(remove_data=True)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gets", type=int, default=3000)
    parser.add_argument("--puts", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    configure_logging("error")
    results: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    for round_ in range(args.rounds):
        order = (False, True) if round_ % 2 == 0 else (True, False)
        for auth_on in order:
            found = await measure(auth_on, args.gets, args.puts)
            results[auth_on].append(found)
            shown = ", ".join(f"{k} {v:,.3f}" for k, v in found.items())
            print(f"round {round_ + 1} auth {'on ' if auth_on else 'off'}: {shown}", flush=True)
    print()
    for metric in results[False][0]:
        off = statistics.median(r[metric] for r in results[False])
        on = statistics.median(r[metric] for r in results[True])
        ratio = on / off
        print(f"{metric:12} auth off {off:10,.3f}  auth on {on:10,.3f}  ratio on/off {ratio:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
