"""A realistic Jupyter notebook (nbformat 4, as Jupyter writes it: indent 1, sorted keys)."""

from __future__ import annotations

import base64
import json
import random
from typing import Any

ANSI_TRACEBACK = [
    "\x1b[0;31m---------------------------------------------------------------------------\x1b[0m",
    "\x1b[0;31mKeyError\x1b[0m                                  Traceback (most recent call last)",
    "Cell \x1b[0;32mIn[7], line 3\x1b[0m\n\x1b[1;32m      1\x1b[0m summary \x1b[38;5;241m=\x1b[39m "
    "load_summary(df)\n\x1b[0;32m----> 3\x1b[0m \x1b[38;5;28mprint\x1b[39m(summary[\x1b[38;5;124m"
    '"p95_latency"\x1b[39m])\n',
    "\x1b[0;31mKeyError\x1b[0m: 'p95_latency'",
]


def _src(text: str) -> list[str]:
    lines = text.split("\n")
    return [ln + "\n" for ln in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _md(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": _src(text)}


def _code(text: str, n: int, outputs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": n,
        "metadata": {},
        "outputs": outputs,
        "source": _src(text),
    }


def notebook(sections: int = 6, seed: int = 3) -> tuple[str, dict[str, list[str]]]:
    """(notebook JSON, facts): headings, function names and error names that must survive."""
    rnd = random.Random(seed)
    cells: list[dict[str, Any]] = [
        _md(
            "# Latency study of the checkout service\n\n"
            "We load a week of request logs and look at p50/p95."
        )
    ]
    facts: dict[str, list[str]] = {
        "headings": ["# Latency study of the checkout service"],
        "functions": [],
        "errors": [],
    }
    png = base64.b64encode(bytes(rnd.randrange(256) for _ in range(30000))).decode()
    for k in range(sections):
        step = ["Loading", "Cleaning", "Grouping", "Plotting", "Testing", "Reporting"][k % 6]
        heading = f"## Step {k + 1}: {step} the data"
        facts["headings"].append(heading)
        cells.append(
            _md(
                f"{heading}\n\nThis step prepares the frame for the next one. "
                f"It keeps rows with status 200 and drops the warm-up minute."
            )
        )
        fname = f"step_{k + 1}_transform"
        facts["functions"].append(fname)
        body = "\n".join(f"    frame = frame[frame['col_{j}'] >= {j}]" for j in range(12))
        code = (
            f"import pandas as pd\n\n\ndef {fname}(frame: pd.DataFrame) -> pd.DataFrame:\n"
            f'    """Filter step {k + 1}."""\n{body}\n    return frame\n\n\n'
            f"class Step{k + 1}Report:\n    def render(self) -> str:\n"
            + "".join(f"        line_{j} = '{j}'\n" for j in range(8))
            + "        return 'ok'\n\n"
            f"result_{k} = {fname}(df)\nresult_{k}.head()"
        )
        facts["functions"].append(f"Step{k + 1}Report")
        stream = [f"row {i}: latency={rnd.randrange(20, 900)}ms status=200\n" for i in range(60)]
        outputs: list[dict[str, Any]] = [
            {"name": "stdout", "output_type": "stream", "text": stream},
            {
                "data": {"image/png": png, "text/plain": ["<Figure size 640x480 with 1 Axes>"]},
                "metadata": {},
                "output_type": "display_data",
            },
        ]
        cells.append(_code(code, k + 1, outputs))
    cells.append(
        _code(
            'summary = load_summary(df)\n\nprint(summary["p95_latency"])',
            7,
            [
                {
                    "ename": "KeyError",
                    "evalue": "'p95_latency'",
                    "output_type": "error",
                    "traceback": ANSI_TRACEBACK,
                }
            ],
        )
    )
    facts["errors"].append("KeyError: 'p95_latency'")
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.7"},
            "widgets": {
                "application/vnd.jupyter.widget-state+json": {
                    "state": {
                        f"model-{i}": {
                            "model_name": "FloatProgressModel",
                            "state": {"value": i, "max": 100},
                        }
                        for i in range(200)
                    },
                    "version_major": 2,
                    "version_minor": 0,
                }
            },
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", facts
