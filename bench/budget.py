"""Budget ladder benchmark: what a budgeted read keeps at 10, 25 and 50 % of the original.

    python bench/budget.py [--corpus bench/corpus] [--model MODEL] [--json OUT]

Per corpus file and budget (a share of the original's tokens for ``--model``): the level
``transforms.budget.Ladder.fit`` serves, its tokens, and the share of the file's facts it keeps
(the same rule-derived facts as ``bench/compression.py``: JSON record counts, field names and
values; code definitions and imports; log first/last lines and distinct errors; prose headings
and numbers). Then per kind and overall: tokens served / budget, facts kept (mean and min),
and which levels were served. The peer (headroom-ai) has no budgeted read, so it is not run.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms import compress  # noqa: E402
from transforms.budget import Ladder  # noqa: E402
from transforms.tokens import count_tokens  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "bench_compression", ROOT / "bench" / "compression.py"
)
assert _spec is not None and _spec.loader is not None
_compression = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_compression)
facts, retention, KIND_OF_DIR = _compression.facts, _compression.retention, _compression.KIND_OF_DIR

PERCENTS = (10, 25, 50)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--model", default="claude-sonnet-4-5-20250929")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for path in sorted(args.corpus.glob("*/*")):
        subdir = path.parent.name
        if subdir not in KIND_OF_DIR:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        result = compress(text, model=args.model)
        ladder = Ladder(text, result.compressed, result.content_type, result.omitted)
        file_facts = facts(text, subdir)
        original = count_tokens(text, args.model, result.content_type).tokens
        for percent in PERCENTS:
            budget = original * percent // 100
            started = time.perf_counter()
            fitted = ladder.fit(budget, args.model)
            seconds = time.perf_counter() - started
            assert fitted.tokens <= budget, (path, percent)
            rows.append(
                {
                    "file": f"{subdir}/{path.name}",
                    "kind": KIND_OF_DIR[subdir],
                    "percent": percent,
                    "budget": budget,
                    "tokens": fitted.tokens,
                    "level": fitted.level,
                    "facts": len(file_facts),
                    "kept": retention(file_facts, fitted.text),
                    "seconds": seconds,
                }
            )
    _print(rows, args.model)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


def _print(rows: list[dict[str, Any]], model: str) -> None:
    print(f"model {model}; facts kept = share of rule-derived facts in the served text\n")
    print(f"{'file':38} " + " ".join(f"{p:>3}%: level        tok  facts" for p in PERCENTS))
    by_file: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        by_file[row["file"]].append(row)
    for name, file_rows in by_file.items():
        cells = [f"     {r['level'][:12]:12} {r['tokens']:6d} {r['kept']:5.1f}%" for r in file_rows]
        print(f"{name[:38]:38} " + " ".join(cells))
    print()
    print("| kind | budget | files | tokens served / budget | facts kept mean | min | levels |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    kinds = [*sorted({r["kind"] for r in rows}), "all"]
    for kind in kinds:
        for percent in PERCENTS:
            sel = [r for r in rows if r["percent"] == percent and kind in (r["kind"], "all")]
            served = sum(r["tokens"] for r in sel) / max(1, sum(r["budget"] for r in sel))
            levels = collections.Counter(r["level"] for r in sel)
            print(
                f"| {kind} | {percent} % | {len(sel)} | {100 * served:.1f} % | "
                f"{statistics.mean(r['kept'] for r in sel):.1f} % | "
                f"{min(r['kept'] for r in sel):.1f} % | "
                + ", ".join(f"{k} {v}" for k, v in levels.most_common())
                + " |"
            )
    slowest = max(rows, key=lambda r: r["seconds"])
    print(f"\nslowest first fit: {slowest['seconds']:.2f} s ({slowest['file']})")


if __name__ == "__main__":
    sys.exit(main())
