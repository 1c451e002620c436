"""Keeper restart to serving, after many entries were written (issue 8).

    python bench/restart.py [--entries 100000] [--max-entries 1000] [--wait-markers]

One embedded nats-server and one worker process. An in-process keeper takes
``--entries`` puts (distinct keys, one namespace, ``--max-entries`` per namespace, so all
but the last ``--max-entries`` are evicted: each eviction leaves a delete marker), then
stops. Then, in the same run:

- restart right away: delete markers of the last minute are still in the bucket;
- with ``--wait-markers``: again once the server has dropped the markers (their TTL is
  ``bus.store.MARKER_TTL`` seconds), which is the steady state however long the history;
- a keeper *process* (``ctxbus keeper``) from launch to its first answered ``keys``.

"Restart to serving" is from ``ContextKeeper.start()`` being called to the first ``keys()``
answered by it (the restore is inside that).
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/bus.py is a file named bus.py: keep this folder off sys.path so `import bus` finds
# the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

from actors.keeper import ContextKeeper  # noqa: E402
from actors.logs import configure_logging  # noqa: E402
from actors.processes import keeper_command, worker_command  # noqa: E402
from bus import AsyncSharedContext, EmbeddedServer, NoKeeper, connect  # noqa: E402
from bus.jobs import wait_for_workers  # noqa: E402
from bus.store import ENTRIES_STREAM, MARKER_TTL  # noqa: E402


def spawn(command: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CTXBUS_LOG_LEVEL="warning")
    return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)


async def bucket_messages(url: str) -> int:
    nc = await connect(url)
    try:
        info = await nc.jetstream().stream_info(ENTRIES_STREAM)
        return int(info.state.messages)
    finally:
        await nc.close()


async def first_answer(ctx: AsyncSharedContext, timeout: float = 60.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await ctx.keys()
        except NoKeeper:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.005)


async def restart(url: str, ns: str) -> tuple[float, int]:
    async with AsyncSharedContext(url, ns, timeout=30) as ctx:
        started = time.perf_counter()
        keeper = ContextKeeper("bench-restarted", servers=url)
        await keeper.start()
        keys = await first_answer(ctx)
        seconds = time.perf_counter() - started
        await keeper.stop()
    return seconds, len(keys)


async def process_restart(url: str, ns: str) -> tuple[float, int]:
    async with AsyncSharedContext(url, ns, timeout=30) as ctx:
        started = time.perf_counter()
        proc = spawn(keeper_command(url))
        try:
            keys = await first_answer(ctx)
            seconds = time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(20)
    return seconds, len(keys)


async def run(args: argparse.Namespace) -> None:
    with EmbeddedServer() as server:
        url = server.url
        worker = spawn(worker_command(url, "w1"))
        try:
            nc = await connect(url)
            await wait_for_workers(nc.jetstream(), 1)
            await nc.close()
            keeper = ContextKeeper("bench-writer", servers=url)
            await keeper.start()
            ns = "restart"
            text = "an entry written for the restart benchmark " * 4
            written = 0
            started = time.perf_counter()
            async with AsyncSharedContext(
                url, ns, max_entries=args.max_entries, ttl=None, dedupe=False, timeout=30
            ) as ctx:

                async def writer(t: int) -> None:
                    nonlocal written
                    for i in range(t, args.entries, args.concurrency):
                        await ctx.put(f"k{i}", text)
                        written += 1

                await asyncio.gather(*(writer(t) for t in range(args.concurrency)))
            put_seconds = time.perf_counter() - started
            await keeper.stop()
            print(
                f"wrote {written:,} entries in {put_seconds:.1f} s "
                f"({written / put_seconds:,.0f} puts/s, max_entries {args.max_entries})"
            )
            messages = await bucket_messages(url)
            seconds, keys = await restart(url, ns)
            print(
                f"restart to serving, right after writing: {seconds:.3f} s "
                f"({keys} live entries; {messages:,} bucket messages incl. delete markers)"
            )
            if args.wait_markers:
                deadline = time.monotonic() + MARKER_TTL + 60
                while await bucket_messages(url) > keys and time.monotonic() < deadline:  # noqa: ASYNC110
                    await asyncio.sleep(1.0)
                messages = await bucket_messages(url)
                seconds, keys = await restart(url, ns)
                print(
                    f"restart to serving, markers dropped (TTL {MARKER_TTL} s): {seconds:.3f} s "
                    f"({keys} live entries; {messages:,} bucket messages)"
                )
            seconds, keys = await process_restart(url, ns)
            print(f"keeper process launch to serving: {seconds:.3f} s ({keys} live entries)")
        finally:
            worker.terminate()
            worker.wait(20)


def main() -> None:
    configure_logging("warning")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--max-entries", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--wait-markers", action="store_true")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
