"""The benchmark itself still runs (one round, no timing asserted: see bench/run.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_benchmark_runs_every_case_and_writes_its_report(tmp_path):
    out = tmp_path / "performance.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDYPLAN_")}
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--runs", "1", "--output", str(out)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    for command in ("--help", "today", "plan", "concept perplexity", "report --week", "history"):
        assert f"| `studyplan {command}` |" in text
    assert "36,500 log entries" in text and "2,000 concepts" in text
    assert "Where today's memory goes" in text
