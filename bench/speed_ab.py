"""1 MB per kind: this checkout's transforms against another checkout's, on the same texts.

    python bench/speed_ab.py /path/to/other/checkout [--kinds log prose json] [--rounds 2]

Timings on a shared machine move by a third from one minute to the next, so a figure from
another day says little; this runs both trees in turn, in the same window, on the same 1 MB
texts (built by ``compression.one_mb`` from this checkout's corpus), one process per tree and
round, and prints each kind's median wall and CPU seconds and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

# Run in a child process with the tree's transforms first on sys.path.
_CHILD = r"""
import json, statistics, sys, time
from pathlib import Path
tree, bench, kinds = sys.argv[1], sys.argv[2], sys.argv[3:]
sys.path.insert(0, bench)
import compression
sys.path.insert(0, tree)
for name in [m for m in sys.modules if m == "transforms" or m.startswith("transforms.")]:
    del sys.modules[name]
import transforms
assert transforms.__file__.startswith(tree), transforms.__file__
transforms.warm_up()
out = {}
for kind in kinds:
    text = compression.one_mb(Path(bench) / "corpus" / kind, kind)
    transforms.compress(text)
    walls, cpus = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        transforms.compress(text)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    out[kind] = [statistics.median(walls), statistics.median(cpus)]
print(json.dumps(out))
"""


def _run(tree: Path, kinds: list[str]) -> dict[str, list[float]]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(HERE), *kinds],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, list[float]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("other", type=Path, help="a checkout whose transforms/ is the baseline")
    ap.add_argument(
        "--kinds", nargs="+", default=sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    )
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    trees = {"other": args.other.resolve(), "this": HERE.parent}
    runs: dict[str, dict[str, list[list[float]]]] = {name: {} for name in trees}
    started = time.monotonic()
    for _ in range(args.rounds):
        for name, tree in trees.items():  # in turn: both see the same load
            for kind, timing in _run(tree, args.kinds).items():
                runs[name].setdefault(kind, []).append(timing)
    print(
        f"1 MB per kind, median of {args.rounds} rounds x 3 warm runs"
        f" ({time.monotonic() - started:.0f} s)"
    )
    print(
        f"{'kind':11} {'other wall':>10} {'this wall':>10} {'ratio':>6}"
        f" {'other cpu':>10} {'this cpu':>10}"
    )
    for kind in args.kinds:
        o = runs["other"][kind]
        t = runs["this"][kind]
        ow, tw = statistics.median(w for w, _ in o), statistics.median(w for w, _ in t)
        oc, tc = statistics.median(c for _, c in o), statistics.median(c for _, c in t)
        print(f"{kind:11} {ow:10.3f} {tw:10.3f} {tw / ow:6.2f} {oc:10.3f} {tc:10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
