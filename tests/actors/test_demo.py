"""``ctxbus demo`` end to end: every part its own process, no API keys needed."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from actors.backends import DEFAULT_MODELS
from actors.demo import demo_inputs


def _run_demo(**env_vars: str) -> str:
    """``ctxbus demo`` with no API keys from our environment, plus ``env_vars``; its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(CTXBUS_LOG_LEVEL="warning", **env_vars)
    proc = subprocess.run(
        [sys.executable, "-m", "actors", "demo", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_demo_runs_offline_and_reports_every_put_and_get() -> None:
    out = _run_demo()
    # Says which backends were offline, and why.
    assert "researcher -> offline stand-in for anthropic (ANTHROPIC_API_KEY not set)" in out
    assert "analyst    -> offline stand-in for gemini" in out
    # Secure by default: every part connected with its own role's credentials.
    assert "auth on: each part has its role's credentials" in out
    rows = [line.split() for line in out.splitlines() if re.match(r"(put|get) ", line)]
    keys = {(r[0], r[1], r[2], r[3]) for r in rows}
    for key in demo_inputs():
        assert ("put", "tools", key, "compressed") in keys
        assert ("get", "researcher-anthropic", key, "compressed") in keys
    assert ("put", "researcher-anthropic", "reports/reliability-brief", "compressed") in keys
    assert ("get", "analyst-gemini", "reports/reliability-brief", "compressed") in keys
    assert ("get", "analyst-gemini", "inputs/q3_review.md", "original") in keys
    assert ("put", "analyst-gemini", "analysis/q4-actions", "compressed") in keys
    # The big inputs shrink a lot for both families: "before → after" cells.
    log_row = next(r for r in rows if r[:3] == ["put", "tools", "inputs/gateway.log"])
    claude_before, claude_after = int(log_row[4]), int(log_row[6])
    gemini_before, gemini_after = int(log_row[7]), int(log_row[9])
    assert claude_after < claude_before / 20 and gemini_after < gemini_before / 20
    saved = re.search(r"agents read (\d+) tokens instead of (\d+)", out)
    assert saved is not None and int(saved.group(1)) < int(saved.group(2)) / 10
    assert "analyst-gemini read inputs/q3_review.md in full" in out
    # Claude and Gemini publish no tokenizer: the table says its counts are estimates.
    assert "claude* before→after" in out and "calibrated estimates" in out
    # The analyst answered from the original: the exact action items reached it.
    assert "1. Enforce lock ordering in ledger batch jobs" in out
    # Reads that fit the reader: a budget never exceeded, a query bringing a fact back.
    gemini = re.escape(DEFAULT_MODELS["gemini"])
    budget = re.search(rf"gateway\.log +max_tokens=1000 \({gemini}\) -> \w+: (\d+) tokens", out)
    assert budget is not None and int(budget.group(1)) <= 1000
    assert re.search(r"q3_review\.md +query=.* -> expanded: ", out)
    assert "no engineer was paged more than twice in one night." in out


def test_demo_with_keys_calls_the_apis() -> None:
    from tests.fake_llm import FakeAnthropic, FakeGemini

    with (
        FakeAnthropic(reply_text="Brief: INC-4117, ledger deadlock tx-88121.") as claude,
        FakeGemini(reply_text="Follow up INC-4117 first.") as gemini,
    ):
        out = _run_demo(
            ANTHROPIC_API_KEY="demo-key",
            ANTHROPIC_BASE_URL=claude.url,
            GEMINI_API_KEY="demo-key",
            GOOGLE_GEMINI_BASE_URL=gemini.url,
        )
        assert "researcher -> anthropic (real API)" in out
        assert "analyst    -> gemini (real API)" in out
        assert "Brief: INC-4117, ledger deadlock tx-88121." in out
        assert len(claude.requests) == 1 and len(gemini.requests) == 2
        # The researcher got compressed inputs; the analyst the original review once.
        review = demo_inputs()["inputs/q3_review.md"]
        assert review.strip() not in claude.last_prompt()
        assert review.strip() in gemini.last_prompt()
