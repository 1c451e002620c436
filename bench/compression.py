"""Compression benchmark: ctxbus transforms vs the headroom-ai peer on a corpus of real files.

    /work/venv/bin/python bench/compression.py [--corpus bench/corpus] [--model MODEL]
                                               [--peer-python /work/headroom-venv/bin/python]
                                               [--setup-peer] [--json OUT]

The corpus (bench/corpus/<kind>/…, origins in bench/corpus/SOURCES.md) holds real files:
source code from installed packages, system and tool logs, package documentation and JSON
tool output. Per file it reports tokens before/after for both systems (one token counter,
``transforms.count_tokens`` for ``--model``, applied to both outputs), savings, retention of
facts derived by rule from the original (see ``facts()``), and compression time. Then the
time to compress 1 MB of each kind (built from the corpus files of that kind).

The peer runs in its own virtualenv, as a subprocess: headroom-ai's ``SharedContext().put()``
on the same files. ``--setup-peer`` creates that virtualenv (``python3 -m venv`` +
``pip install headroom-ai``); headroom is never a dependency of ctxbus.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import transforms  # noqa: E402
from transforms.tokens import count_tokens  # noqa: E402

KIND_OF_DIR = {
    "json": "json",
    "log": "log",
    "python": "code",
    "javascript": "code",
    "typescript": "code",
    "go": "code",
    "rust": "code",
    "java": "code",
    "prose": "prose",
}

PEER_SCRIPT = r"""
import json, sys, time, logging
logging.disable(logging.CRITICAL)
from headroom import SharedContext
ctx = SharedContext()
for i, path in enumerate(sys.argv[1:]):
    text = open(path, encoding="utf-8", errors="replace").read()
    t0 = time.perf_counter()
    entry = ctx.put(f"k{i}", text)
    dt = time.perf_counter() - t0
    print(json.dumps({"path": path, "compressed": entry.compressed, "seconds": dt,
                      "transforms": list(entry.transforms)}), flush=True)
"""


# --- facts derived by rule from the original ------------------------------------------------

_SEVERE = re.compile(
    r"\b(?:errors?|fail(?:ed|ure)?|warn(?:ing)?|exception|fatal|panic|traceback|denied)\b", re.I
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,:/-]\d+)*(?![\w])")


def _scalar_texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _scalar_texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _scalar_texts(v)
    elif isinstance(value, str):
        if 0 < len(value) <= 80:
            yield value
    elif value is not None and not isinstance(value, bool):
        yield json.dumps(value)


def _record_arrays(value: Any, depth: int = 0) -> Iterator[list[dict[str, Any]]]:
    if depth > 4:
        return
    if isinstance(value, list):
        if len(value) >= 2 and all(isinstance(v, dict) for v in value):
            yield value
            return
        for v in value:
            yield from _record_arrays(v, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _record_arrays(v, depth + 1)


def json_facts(text: str) -> list[str]:
    """Record count, every field name, first/last record values, every error-like record."""
    doc = json.loads(text)
    facts: list[str] = []
    for records in _record_arrays(doc):
        facts.append(str(len(records)))
        keys: dict[str, None] = {}
        for r in records:
            keys.update(dict.fromkeys(r))
        facts.extend(keys)
        for r in (records[0], records[-1]):
            facts.extend(_scalar_texts(r))
        # Error-like records, while they are the exception (at most a quarter of the records).
        errorish = [r for r in records if any(_SEVERE.search(s) for s in _scalar_texts(r))]
        if len(errorish) * 4 <= len(records):
            for r in errorish:
                facts.extend(_scalar_texts(r))
        # Every value of a categorical string field (at most 20 distinct values, repeated).
        for key in keys:
            values = {r[key] for r in records if isinstance(r.get(key), str)}
            if 1 < len(values) <= 20 and len(values) * 2 < len(records):
                facts.extend(sorted(values))
    if not facts and isinstance(doc, dict):
        facts.extend(doc)
    return facts


_DEF_RULES = {
    "javascript": [
        r"^\s{0,4}(?:export\s+)?(?:default\s+)?(?:async\s+)?function\*?\s+(\w+)",
        r"^\s{0,4}(?:export\s+)?class\s+(\w+)",
        r"^\s{0,2}(?:static\s+)?(?:async\s+)?#?(\w+)\s*\([^)]*\)\s*\{\s*$",
    ],
    "typescript": [
        r"^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s+(\w+)",
        r"^(?:export\s+)?(?:abstract\s+)?class\s+(\w+)",
        r"^(?:export\s+)?(?:interface|type|enum)\s+(\w+)",
        r"^\s{2}(?:public\s+|private\s+|protected\s+|static\s+|async\s+|readonly\s+)*#?(\w+)\s*(?:<[^>]*>)?\(",
    ],
    "go": [r"^func\s+(?:\([^)]*\)\s*)?(\w+)", r"^type\s+(\w+)"],
    "rust": [
        r"^\s{0,4}(?:pub(?:\([\w:]+\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)",
        r"^\s{0,4}(?:pub(?:\([\w:]+\))?\s+)?(?:struct|enum|trait|type|mod)\s+(\w+)",
        r"^\s{0,4}(?:pub(?:\([\w:]+\))?\s+)?(?:const|static)\s+(\w+)",
    ],
    "java": [
        r"^\s{0,4}(?:public|protected|private|static|final|abstract|\s)*(?:class|interface|enum|record)\s+(\w+)",
        r"^\s{4}(?:(?:public|protected|private|static|final|abstract|synchronized|default)\s+)+"
        r"[\w<>\[\],.? ]+\s(\w+)\s*\(",
    ],
}


def code_facts(text: str, lang: str) -> list[str]:
    """Every top-level and class-level definition name, and every import line's module."""
    if lang == "python":
        tree = ast.parse(text)
        names: list[str] = []
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.append(node.name)
                if isinstance(node, ast.ClassDef):
                    names.extend(
                        s.name
                        for s in node.body
                        if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                    )
            elif isinstance(node, ast.Import):
                names.extend(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
        return names
    out: list[str] = []
    if lang == "rust":
        # Top-level items, and items directly inside impl/trait/mod blocks (not fns nested
        # inside function bodies, which are implementation detail).
        container = False
        for line in text.splitlines():
            if re.match(r"^(?:pub(?:\([\w:]+\))?\s+)?(?:unsafe\s+)?(?:impl|trait|mod)\b", line):
                container = True
            elif line.startswith("}"):
                container = False
            if line.startswith((" " * 4,)) and not container:
                continue
            for rule in _DEF_RULES[lang]:
                m = re.match(rule, line)
                if m:
                    out.append(m.group(1))
        return out
    for rule in _DEF_RULES[lang]:
        out.extend(m.group(1) for m in re.finditer(rule, text, re.M))
    keywords = {"if", "for", "while", "switch", "catch", "return", "function", "new", "else"}
    return [n for n in out if n not in keywords]


def log_facts(text: str) -> list[str]:
    """First and last line; one line per distinct error/warning message (digits masked)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    facts = [lines[0], lines[-1]]
    seen: dict[str, list[str]] = {}
    for ln in lines:
        if _SEVERE.search(ln):
            seen.setdefault(re.sub(r"\d+", "0", ln), []).append(ln)
    # A fact is satisfied if any line of that message shape is present; keep one candidate.
    facts.extend("|".join(("ANY", *group)) for group in seen.values())
    return facts


def prose_facts(text: str) -> list[str]:
    """Every heading (markdown, setext or RST-underlined) and every number."""
    facts: list[str] = []
    lines = text.splitlines()
    for i, ln in enumerate(lines):
        if re.match(r"^ {0,3}#{1,6}\s+\S", ln) or (
            i + 1 < len(lines) and ln.strip() and re.fullmatch(r"([=\-~^])\1{2,}\s*", lines[i + 1])
        ):
            facts.append(ln.strip())
    facts.extend(_NUMBER.findall(text))
    return facts


def facts(text: str, subdir: str) -> list[str]:
    if subdir == "json":
        return json_facts(text)
    if subdir == "log":
        return log_facts(text)
    if subdir == "prose":
        return prose_facts(text)
    return code_facts(text, subdir)


def retention(facts_: list[str], output: str) -> float:
    if not facts_:
        return 100.0
    hit = 0
    for f in facts_:
        if f.startswith("ANY|"):
            hit += any(c in output for c in f.split("|")[1:])
        else:
            hit += f in output or json.dumps(f)[1:-1] in output
    return 100.0 * hit / len(facts_)


# --- runs ------------------------------------------------------------------------------------


def run_peer(python: str, paths: list[Path]) -> dict[str, dict[str, Any]]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(PEER_SCRIPT)
        script = f.name
    proc = subprocess.run(
        [python, script, *map(str, paths)], capture_output=True, text=True, timeout=900
    )
    Path(script).unlink()
    if proc.returncode != 0:
        print(f"peer failed: {proc.stderr[-2000:]}", file=sys.stderr)
    out: dict[str, dict[str, Any]] = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            out[rec["path"]] = rec
    return out


def setup_peer(venv: Path) -> None:
    subprocess.run(
        [sys.executable.replace("venv/bin/python", "venv/bin/python"), "-m", "venv", str(venv)],
        check=True,
    )
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "headroom-ai"], check=True)


def one_mb(kind_dir: Path, subdir: str) -> str:
    """About 1 MB of one kind, built from that kind's corpus files (still valid of its kind)."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(kind_dir.iterdir())]
    target = 1_000_000
    if subdir == "json":
        records: list[Any] = []
        for t in texts:
            records.extend(r for arr in _record_arrays(json.loads(t)) for r in arr)
        out: list[Any] = []
        while len(json.dumps(out)) < target:
            out.extend(records[: max(1, len(records))])
            if len(out) > 200_000:
                break
        text = json.dumps(out, indent=1)
        while len(text) > target * 1.05 and len(out) > 10:
            out = out[: int(len(out) * 0.95)]
            text = json.dumps(out, indent=1)
        return text
    parts: list[str] = []
    size = 0
    i = 0
    while size < target:
        t = texts[i % len(texts)]
        if subdir == "python":
            t = re.sub(r"^from __future__ import .*$", "", t, flags=re.M)
        parts.append(t if t.endswith("\n") else t + "\n")
        size += len(parts[-1])
        i += 1
    return "".join(parts)[: target + 200_000]


def _time(fn: Callable[[], object], repeat: int = 3) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT / "bench" / "corpus"))
    ap.add_argument("--model", default=transforms.DEFAULT_MODEL)
    ap.add_argument("--peer-python", default="/work/headroom-venv/bin/python")
    ap.add_argument("--setup-peer", action="store_true", help="create the peer's virtualenv")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--json", help="write all rows as JSON here")
    args = ap.parse_args()

    corpus = Path(args.corpus)
    files = sorted(p for d in sorted(corpus.iterdir()) if d.is_dir() for p in d.iterdir())
    peer_python = Path(args.peer_python)
    if args.setup_peer and not peer_python.exists():
        setup_peer(peer_python.parent.parent)
    peer: dict[str, dict[str, Any]] = {}
    if not args.no_peer and peer_python.exists():
        peer = run_peer(str(peer_python), files)
    elif not args.no_peer:
        print(f"peer not found at {peer_python}: run with --setup-peer", file=sys.stderr)

    transforms.compress("warm up the encoders")
    rows: list[dict[str, Any]] = []
    for path in files:
        subdir = path.parent.name
        text = path.read_text(encoding="utf-8", errors="replace")
        t0 = time.perf_counter()
        res = transforms.compress(text, model=args.model)
        dt = time.perf_counter() - t0
        kind = res.content_type

        def tok(s: str, kind: str = kind) -> int:
            return count_tokens(s, args.model, kind).tokens

        fs = facts(text, subdir)
        row: dict[str, Any] = {
            "file": f"{subdir}/{path.name}",
            "kind": KIND_OF_DIR[subdir],
            "detected": kind,
            "bytes": len(text.encode()),
            "tokens": tok(text),
            "ours": res.compressed_tokens,
            "ours_saved": _pct(tok(text), res.compressed_tokens),
            "ours_retention": retention(fs, res.compressed),
            "ours_s": dt,
            "facts": len(fs),
        }
        p = peer.get(str(path))
        if p is not None:
            row.update(
                peer=tok(p["compressed"]),
                peer_saved=_pct(tok(text), tok(p["compressed"])),
                peer_retention=retention(fs, p["compressed"]),
                peer_s=p["seconds"],
            )
        rows.append(row)

    _print_table(rows, bool(peer))
    mb_rows = []
    for d in sorted(corpus.iterdir()):
        if not d.is_dir():
            continue
        text = one_mb(d, d.name)
        times = _time(lambda text=text: transforms.compress(text, model=args.model))
        r = transforms.compress(text, model=args.model)
        mb_rows.append(
            {
                "kind": d.name,
                "bytes": len(text.encode()),
                "median_s": statistics.median(times),
                "max_s": max(times),
                "saved": r.savings_percent,
                "detected": r.content_type,
            }
        )
    print("\n1 MB per kind (3 runs; target < 0.5 s)")
    print(f"{'kind':12} {'bytes':>9} {'detected':>12} {'median s':>9} {'max s':>7} {'saved%':>7}")
    for m in mb_rows:
        print(
            f"{m['kind']:12} {m['bytes']:>9} {m['detected']:>12} {m['median_s']:>9.3f}"
            f" {m['max_s']:>7.3f} {m['saved']:>7.1f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps({"files": rows, "one_mb": mb_rows}, indent=2))
    return 0


def _pct(before: int, after: int) -> float:
    return 0.0 if before <= 0 else round(100.0 * (before - after) / before, 1)


def _print_table(rows: list[dict[str, Any]], with_peer: bool) -> None:
    head = f"{'file':40} {'type':10} {'tokens':>8} {'ours':>7} {'saved%':>7} {'ret%':>6} {'sec':>6}"
    if with_peer:
        head += f" | {'peer':>7} {'saved%':>7} {'ret%':>6} {'sec':>6}"
    print(head)
    print("-" * len(head))
    for r in rows:
        line = (
            f"{r['file'][:40]:40} {r['detected'][:10]:10} {r['tokens']:>8} {r['ours']:>7}"
            f" {r['ours_saved']:>7.1f} {r['ours_retention']:>6.1f} {r['ours_s']:>6.3f}"
        )
        if with_peer and "peer" in r:
            line += (
                f" | {r['peer']:>7} {r['peer_saved']:>7.1f} {r['peer_retention']:>6.1f}"
                f" {r['peer_s']:>6.3f}"
            )
        print(line)
    print()
    kinds = [*sorted({r["kind"] for r in rows}), "ALL"]
    print(
        f"{'kind':8} {'files':>5} {'tokens':>9} {'ours saved%':>12} {'ours ret%':>10}"
        + (f" {'peer saved%':>12} {'peer ret%':>10}" if with_peer else "")
    )
    for k in kinds:
        sel = [r for r in rows if k in ("ALL", r["kind"])]
        before = sum(r["tokens"] for r in sel)
        ours = sum(r["ours"] for r in sel)
        line = (
            f"{k:8} {len(sel):>5} {before:>9} {_pct(before, ours):>12.1f}"
            f" {min(r['ours_retention'] for r in sel):>10.1f}"
        )
        if with_peer and all("peer" in r for r in sel):
            pe = sum(r["peer"] for r in sel)
            line += f" {_pct(before, pe):>12.1f} {min(r['peer_retention'] for r in sel):>10.1f}"
        print(line)
    print("(ret% per kind = lowest retention of any file of that kind)")


if __name__ == "__main__":
    raise SystemExit(main())
