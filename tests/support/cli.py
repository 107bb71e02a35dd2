"""Running the ``newscrawl`` console script as a user does, and reading its one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_module(
    module: str, *args: str, env: Mapping[str, str | None] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m MODULE ARGS`` from the repository root in a subprocess, with this process's
    environment changed by ``env`` (a ``None`` value removes the variable)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def newscrawl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m newscrawl ARGS`` in a subprocess, without the caller's NEWSCRAWL_DB_URL."""
    return run_module("newscrawl", *args, env={"NEWSCRAWL_DB_URL": None, **(env or {})})


def one_line(text: str) -> str:
    """The single line of an error output (asserted: one line, no traceback)."""
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]
