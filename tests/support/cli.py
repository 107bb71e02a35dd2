"""Running the ``newscrawl`` console script as a user does, and reading its one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def newscrawl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m newscrawl ARGS`` in a subprocess, without the caller's NEWSCRAWL_DB_URL."""
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    environment.pop("NEWSCRAWL_DB_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line(text: str) -> str:
    """The single line of an error output (asserted: one line, no traceback)."""
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]
