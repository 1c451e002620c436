"""Large-payload benchmark: put/get of 1 MB and 64 MB end to end, as ratios, in one run.

    python bench/large.py [--repeat 3] [--mib 64]

One embedded nats-server; a ContextKeeper and a CompressionWorker as separate processes,
the client in this process. Prints:

- 1 MB put end to end / local ``transforms.compress`` of the same text, per kind (median
  of ``--repeat``; every put carries a fresh first line so no result cache helps).
  Target: <= 1.5.
- 64 MB transfer rate: a 64 MiB put through a worker whose compressor only keeps the first
  64 KiB (so the time is the transfer, not the compression: client upload, the worker's
  read, the keeper's bookkeeping, the reply), and get(full=True) / get_entry of it.
  Target: put >= 50 MB/s.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This folder holds bus.py: keep it off sys.path so `import bus` finds the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import transforms  # noqa: E402
from bus import AsyncSharedContext, EmbeddedServer, connect  # noqa: E402
from bus.jobs import wait_for_workers  # noqa: E402

HERE = Path(__file__).parent
MIB = 1024 * 1024

#: A worker process whose compressor keeps the first 64 KiB: measures the data path alone.
QUICK_WORKER = """
import asyncio, transforms
from actors.base import run_until_signalled
from actors.worker import CompressionWorker

def head(text, model=transforms.DEFAULT_MODEL, content_type=None):
    kept = text[: 64 * 1024]
    return transforms.CompressResult(
        compressed=kept, original_tokens=len(text) // 4 + 1, compressed_tokens=len(kept) // 4,
        transforms=("head",), content_type="text", model=model, token_counts_exact=False,
        original=text)

asyncio.run(run_until_signalled(CompressionWorker("quick", servers={url!r}, compress_fn=head)))
"""


def _compression_bench() -> object:
    spec = importlib.util.spec_from_file_location("bench_compression", HERE / "compression.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spawn(args: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CTXBUS_LOG_LEVEL="warning")
    return subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL)


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def wait_workers(url: str, count: int) -> None:
    nc = await connect(url)
    try:
        await wait_for_workers(nc.jetstream(), count, timeout=60)
    finally:
        await nc.close()


def timed(fn: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    fn(text)
    return time.perf_counter() - started


def json_mb() -> str:
    """About 1 MB of JSON: an array of the corpus's JSON documents, repeated."""
    docs = [
        json.dumps(json.loads(p.read_text(encoding="utf-8")), indent=1)
        for p in sorted((HERE / "corpus" / "json").glob("*.json"))
    ]
    out: list[str] = []
    size = i = 0
    while size < 1_000_000:
        out.append(docs[i % len(docs)])
        size += len(out[-1]) + 2
        i += 1
    return "[\n" + ",\n".join(out) + "\n]\n"


def big_log(size: int) -> str:
    line = "2026-01-01T00:00:{:02d}Z INFO request {} served in {} ms by node {} path=/api/v{}\n"
    parts: list[str] = []
    total = i = 0
    while total < size:
        parts.append(line.format(i % 60, i, i % 97, i % 3, i % 5))
        total += len(parts[-1])
        i += 1
    return "".join(parts)[:size]


async def run(args: argparse.Namespace) -> None:
    comp = _compression_bench()
    kinds = ["prose", "log", "json"]
    texts = {k: comp.one_mb(HERE / "corpus" / k, k) for k in kinds if k != "json"}  # type: ignore[attr-defined]
    texts["json"] = json_mb()
    ratios: list[tuple[str, float, float]] = []
    with EmbeddedServer() as server:
        url = server.url
        keeper = spawn([sys.executable, "-m", "actors", "keeper", "--servers", url])
        worker = spawn([sys.executable, "-m", "actors", "worker", "--servers", url])
        procs = [keeper, worker]
        try:
            await wait_workers(url, 1)
            async with AsyncSharedContext(url, "bench", max_entries=None, put_timeout=300) as ctx:
                await ctx.wait_for_keeper(60)
                # Warm both sides alike (encoders, grammars, connections) on other texts.
                for kind, text in texts.items():
                    warm = text[len(text) // 2 :] + text[: len(text) // 2]
                    transforms.compress(warm)
                    await ctx.put(f"warm-{kind}", warm)
                print(
                    f"server {url}\n\n1 MB put end to end vs local compress (median of "
                    f"{args.repeat}):"
                )
                for kind, text in texts.items():
                    # The same fresh texts locally and through the bus, in the same order
                    # (the transforms keep small memos: both sides see the same sequence).
                    fresh = [f"run {n} {time.time_ns()}\n{text}" for n in range(args.repeat)]
                    local = statistics.median(timed(transforms.compress, t) for t in fresh)
                    puts = []
                    for n, t in enumerate(fresh):
                        started = time.perf_counter()
                        await ctx.put(f"{kind}-{n}", t)
                        puts.append(time.perf_counter() - started)
                    put = statistics.median(puts)
                    ratios.append((kind, put, local))
                    print(
                        f"  {kind:6} {len(text) / 1e6:.2f} MB  put {put:6.3f} s   "
                        f"compress {local:6.3f} s   ratio {put / local:5.2f}   target <= 1.50"
                    )
            stop([worker])
            procs.remove(worker)
            quick = spawn([sys.executable, "-c", QUICK_WORKER.format(url=url)])
            procs.append(quick)
            await wait_workers(url, 1)
            size = args.mib * MIB
            text = big_log(size)
            async with AsyncSharedContext(
                url, "bench", max_entries=None, put_timeout=300, timeout=300
            ) as ctx:
                started = time.perf_counter()
                entry = await ctx.put("big", text)
                put = time.perf_counter() - started
                assert entry.original_ref is not None
                started = time.perf_counter()
                got = await ctx.get("big", full=True)
                get = time.perf_counter() - started
                assert got == text
                started = time.perf_counter()
                full = await ctx.get_entry("big")
                get_entry = time.perf_counter() - started
                assert full is not None and full.original == text
                await ctx.delete("big")
            mb = size / 1e6
            print(f"\n{args.mib} MiB ({mb:.1f} MB) transfer (compressor keeps 64 KiB):")
            print(f"  put            {put:6.3f} s   {mb / put:6.1f} MB/s   target >= 50 MB/s")
            print(f"  get full=True  {get:6.3f} s   {mb / get:6.1f} MB/s")
            print(f"  get_entry      {get_entry:6.3f} s   {mb / get_entry:6.1f} MB/s")
        finally:
            stop(procs)
    worst = max(put / local for _k, put, local in ratios)
    print(f"\nworst 1 MB ratio {worst:.2f} (target <= 1.50); 64 MiB put {mb / put:.1f} MB/s")


def main() -> None:
    from actors.logs import configure_logging

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mib", type=int, default=64, help="size of the large put")
    args = parser.parse_args()
    configure_logging("warning")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
