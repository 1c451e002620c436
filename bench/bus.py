"""Bus benchmark: ctxbus get/put against raw nats-py request-reply, in one run.

    python bench/bus.py [--requests 3000] [--puts 3000] [--rounds 3]

Starts one embedded nats-server, then as separate processes: a raw echo responder
(replies with a 2 KB payload, the size of the compressed entry), a ContextKeeper and
compression workers. The client side runs in this process. Prints throughput, p50/p99
and the ratios the foundation issue targets:
  get p50 <= 1.3x raw p50; get throughput >= 75% of raw (sequential), >= 60% (64 concurrent);
  >= 1,000 small puts/s end to end. Also what the keeper's Prometheus metrics add per request.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named bus.py: keep its folder off sys.path so `import bus` finds the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Awaitable, Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from actors.processes import keeper_command, worker_command  # noqa: E402
from bus import AsyncSharedContext, EmbeddedServer, connect  # noqa: E402
from bus.jobs import wait_for_workers  # noqa: E402

ECHO_SUBJECT = "bench.echo"
REPLY = b"x" * 2048

ECHO_RESPONDER = f"""
import asyncio, nats
async def main():
    nc = await nats.connect({{url!r}})
    reply = b"x" * 2048
    async def cb(msg):
        await msg.respond(reply)
    await nc.subscribe({ECHO_SUBJECT!r}, cb=cb)
    await nc.flush()
    print("ready", flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""


@dataclass
class Result:
    name: str
    count: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def row(self) -> str:
        return (
            f"{self.name:34} {self.rate:>10,.0f}/s   p50 {self.pct(0.5):6.3f} ms"
            f"   p99 {self.pct(0.99):6.3f} ms"
        )


async def measure(
    name: str, call: Callable[[int], Awaitable[object]], total: int, concurrency: int
) -> Result:
    latencies: list[float] = []
    per_task = total // concurrency

    async def runner(t: int) -> None:
        for i in range(per_task):
            start = time.perf_counter()
            await call(t * per_task + i)
            latencies.append(time.perf_counter() - start)

    for i in range(min(200, total)):  # warm-up
        await call(i)
    started = time.perf_counter()
    await asyncio.gather(*(runner(t) for t in range(concurrency)))
    return Result(name, per_task * concurrency, time.perf_counter() - started, latencies)


def median_round(rounds: list[Result]) -> Result:
    """The round with the median throughput."""
    return sorted(rounds, key=lambda r: r.rate)[len(rounds) // 2]


def spawn(args: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CTXBUS_LOG_LEVEL="warning")
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)


async def wait_workers(url: str, count: int) -> None:
    nc = await connect(url)
    try:
        await wait_for_workers(nc.jetstream(), count)
    finally:
        await nc.close()


async def run(args: argparse.Namespace) -> None:
    procs: list[subprocess.Popen[bytes]] = []
    with EmbeddedServer() as server:
        url = server.url
        try:
            echo = spawn([sys.executable, "-c", ECHO_RESPONDER.format(url=url)])
            procs.append(echo)
            assert echo.stdout is not None and echo.stdout.readline().strip() == b"ready"
            procs.append(spawn(keeper_command(url)))
            procs.append(spawn(worker_command(url, "w1")))
            await wait_workers(url, 1)

            nc = await connect(url)
            async with AsyncSharedContext(url, "bench", max_entries=None, nc=nc) as ctx:
                # A 2 KB compressed entry (text the transforms leave as it is).
                words = " ".join(f"w{i:04d}" for i in range(400))[:2048]
                deadline = time.monotonic() + 30
                while True:  # the keeper process may still be subscribing
                    try:
                        entry = await ctx.put("doc", words)
                        break
                    except Exception:
                        if time.monotonic() > deadline:
                            raise
                        await asyncio.sleep(0.1)
                print(f"server {url}; get returns {len(entry.compressed)} chars\n")

                async def raw(_: int) -> object:
                    return await nc.request(ECHO_SUBJECT, b"doc", timeout=5)

                async def get(_: int) -> object:
                    return await ctx.get("doc")

                n = args.requests
                # Rounds alternate raw and get, so drift in machine load hits both alike;
                # each row reports its median round.
                rounds: dict[str, list[Result]] = {
                    k: [] for k in ("raw1", "get1", "raw64", "get64")
                }
                for _ in range(args.rounds):
                    rounds["raw1"].append(await measure("raw request-reply, sequential", raw, n, 1))
                    rounds["get1"].append(await measure("ctxbus get, sequential", get, n, 1))
                    rounds["raw64"].append(
                        await measure("raw request-reply, 64 concurrent", raw, n * 4, 64)
                    )
                    rounds["get64"].append(
                        await measure("ctxbus get, 64 concurrent", get, n * 4, 64)
                    )
                results = {k: median_round(v) for k, v in rounds.items()}
                prefix = f"p{os.getpid()}-"

                async def put1(i: int) -> object:
                    return await ctx.put(f"{prefix}a{i}", f"small payload number {i} for w1")

                results["put1"] = await measure("put end to end, 1 worker", put1, args.puts, 64)
                procs.append(spawn(worker_command(url, "w2")))
                await wait_workers(url, 2)

                async def put2(i: int) -> object:
                    return await ctx.put(f"{prefix}b{i}", f"small payload number {i} for w1+w2")

                results["put2"] = await measure("put end to end, 2 workers", put2, args.puts, 64)
            await nc.close()
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(10)

    for result in results.values():
        print(result.row())
    r = results
    print()
    ratios = [
        ("get p50 / raw p50 (sequential)", r["get1"].pct(0.5) / r["raw1"].pct(0.5), "<= 1.30"),
        ("get / raw throughput (sequential)", r["get1"].rate / r["raw1"].rate, ">= 0.75"),
        ("get / raw throughput (64 concurrent)", r["get64"].rate / r["raw64"].rate, ">= 0.60"),
    ]
    for label, value, target in ratios:
        print(f"{label:40} {value:6.2f}   target {target}")
    print(f"{'small puts/s, 1 worker':40} {r['put1'].rate:8,.0f}   target >= 1,000")
    print(f"{'small puts/s, 2 workers':40} {r['put2'].rate:8,.0f}")
    per_request = metrics_cost()
    share = per_request * 1000 / r["raw1"].pct(0.5)  # pct() is in ms
    print(
        f"{'metrics per request (keeper)':40} {per_request * 1e6:6.2f} us = "
        f"{100 * share:.1f} % of raw p50"
    )
    print(
        f"\n(get/raw rows: median of {args.rounds} alternating rounds of "
        f"{statistics.median([len(x.latencies) for x in r.values()]):.0f} requests)"
    )


def metrics_cost(n: int = 100_000) -> float:
    """Seconds the Prometheus books add to one request (counter, histogram) in the keeper."""
    from actors.metrics import ActorMetrics

    endpoint = ActorMetrics("ctxbus-keeper").endpoint("get")
    started = time.perf_counter()
    for _ in range(n):
        endpoint.observe(0.0002, None)
    return (time.perf_counter() - started) / n


def main() -> None:
    from actors.logs import configure_logging

    configure_logging("warning")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--puts", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3, help="alternating raw/get rounds")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
