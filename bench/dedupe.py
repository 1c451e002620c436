"""Cross-entry dedupe benchmark: bytes on the bus and tokens stored, with and without.

    python bench/dedupe.py [--log bench/corpus/log/dpkg.log] [--steps 20]

Two scenarios, each run twice on a fresh embedded nats-server with an in-process keeper and
worker: once with the client's dedupe on (the default) and once with ``dedupe=False``.

* growing log: the log's first 1/N, 2/N, ... N/N lines put under one key in turn (a log
  that grew, N = ``--steps``);
* edited document: a release-notes file, then a section inserted in the middle, a sentence
  edited near the end, a section appended.

Reported per scenario and mode: bytes of every message on the bus (a monitor subscribed to
``>`` counts payloads and headers: puts, jobs, results, replies, JetStream traffic), of the
puts alone, characters the workers compressed, the final entry's compressed tokens (what a
reader is served), the compressed tokens summed over the steps, and wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actors.keeper import ContextKeeper  # noqa: E402
from actors.logs import configure_logging  # noqa: E402
from actors.worker import CompressionWorker  # noqa: E402
from bus import AsyncSharedContext, EmbeddedServer, connect  # noqa: E402
from bus.messages import CompressionJob, decode  # noqa: E402


def growing_log(path: Path, steps: int) -> list[str]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    return ["".join(lines[: len(lines) * (i + 1) // steps]) for i in range(steps)]


def edited_document(path: Path) -> list[str]:
    v1 = path.read_text(encoding="utf-8", errors="replace")
    middle = v1.index("\n\n", len(v1) // 2) + 2
    v2 = (
        v1[:middle] + " * A new section on the ledger: 42 hosts were upgraded on 2026-11-02 and\n"
        "   3 of them needed a manual restart of the index service.\n\n" + v1[middle:]
    )
    near_end = v2.rindex(" * ", 0, len(v2) - 200)
    v3 = v2[:near_end] + " * (edited) " + v2[near_end + 3 :]
    v4 = v3 + "\nAppendix\n--------\n\nThe follow-up ticket is OPS-4411; it closes on 2026-12-01.\n"
    return [v1, v2, v3, v4]


async def run(versions: list[str], key: str, dedupe: bool) -> dict[str, Any]:
    with EmbeddedServer() as server:
        keeper = ContextKeeper(servers=server.url, persist=True)
        worker = CompressionWorker("bench-worker", servers=server.url)
        await keeper.start()
        await worker.start()
        monitor = await connect(server.url, name="monitor")
        seen: dict[str, int] = defaultdict(int)

        async def count(msg: Any) -> None:
            size = len(msg.data) + sum(len(k) + len(v) for k, v in (msg.headers or {}).items())
            seen["all"] += size
            if msg.subject.startswith("ctxbus.req.") and msg.subject.endswith(".put"):
                seen["puts"] += size
            if msg.subject.startswith("ctxbus.job.") and (msg.reply or "").startswith("$JS.ACK"):
                # A delivery to a worker (the keeper's publish is seen on the bus as well).
                seen["job_chars"] += len(decode(msg.data, CompressionJob).content)

        sub = await monitor.subscribe(">", cb=count)
        await monitor.flush()
        compressed_sum = 0
        started = time.perf_counter()
        try:
            async with AsyncSharedContext(
                server.url, "bench", max_entries=None, dedupe=dedupe, put_timeout=120
            ) as ctx:
                for text in versions:
                    entry = await ctx.put(key, text)
                    compressed_sum += entry.compressed_tokens
                final = entry
                assert await ctx.get(key, full=True) == versions[-1]
            seconds = time.perf_counter() - started
            await monitor.flush()
        finally:
            await sub.unsubscribe()
            await monitor.close()
            await worker.stop()
            await keeper.stop()
    return {
        "dedupe": dedupe,
        "bus_bytes": seen["all"],
        "put_bytes": seen["puts"],
        "job_chars": seen["job_chars"],
        "original_tokens": final.original_tokens,
        "final_compressed_tokens": final.compressed_tokens,
        "compressed_tokens_summed": compressed_sum,
        "seconds": seconds,
    }


def _print(name: str, versions: list[str], rows: list[dict[str, Any]]) -> None:
    total = sum(len(v.encode()) for v in versions)
    print(f"\n{name}: {len(versions)} puts, {total:,} bytes of text in all")
    print(
        "| dedupe | bytes on the bus | put bytes | chars compressed | final entry "
        "(orig -> compressed tokens) | compressed tokens over the steps | seconds |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {'on' if r['dedupe'] else 'off'} | {r['bus_bytes']:,} | {r['put_bytes']:,} | "
            f"{r['job_chars']:,} | {r['original_tokens']:,} -> {r['final_compressed_tokens']:,} | "
            f"{r['compressed_tokens_summed']:,} | {r['seconds']:.1f} |"
        )


async def main_async(args: argparse.Namespace) -> None:
    scenarios = [
        (f"growing log ({args.log.name})", growing_log(args.log, args.steps), "log"),
        (f"edited document ({args.doc.name})", edited_document(args.doc), "doc"),
    ]
    for name, versions, key in scenarios:
        rows = [await run(versions, key, dedupe) for dedupe in (False, True)]
        _print(name, versions, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, default=ROOT / "bench/corpus/log/dpkg.log")
    parser.add_argument(
        "--doc", type=Path, default=ROOT / "bench/corpus/prose/git-relnotes-2.36.0.txt"
    )
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    configure_logging("error")
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
