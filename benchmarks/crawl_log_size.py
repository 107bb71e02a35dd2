"""How much a scheduled crawl writes to stderr (what cron mails): ``newscrawl crawl --all`` over
the bundled sample web into a fresh SQLite archive, at the default log level.

    python -m benchmarks.crawl_log_size                       # this checkout
    python -m benchmarks.crawl_log_size --code /tmp/old       # another revision's source tree
    python -m benchmarks.crawl_log_size -- -q                 # extra arguments for the command

``--code`` puts another checkout first on ``sys.path`` (``git archive REV | tar -x -C DIR``), so
two revisions are measured the same way. Prints bytes and lines of stderr and stdout.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from newscrawl.samples.server import serving

REPO = Path(__file__).resolve().parents[1]


def measure(code: Path, extra: list[str]) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as home, serving() as server:
        env = {
            **os.environ,
            "PYTHONPATH": str(code),
            "NEWSCRAWL_HOME": home,
            "NEWSCRAWL_DB_URL": f"sqlite:///{home}/archive.sqlite3",
        }
        command = [sys.executable, "-m", "newscrawl", "crawl", "--all"]
        command += ["--sample-port", str(server.port), "-s", "DOWNLOAD_DELAY=0", *extra]
        done = subprocess.run(
            command, cwd=code, env=env, capture_output=True, text=True, timeout=600, check=False
        )
    return {
        "status": done.returncode,
        "stderr_bytes": len(done.stderr.encode()),
        "stderr_lines": len(done.stderr.splitlines()),
        "stdout_lines": len(done.stdout.splitlines()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--code", type=Path, default=REPO, help="source tree to run (default: this)"
    )
    parser.add_argument("extra", nargs="*", help="more arguments for newscrawl crawl")
    args = parser.parse_args()
    for name, value in measure(args.code.resolve(), args.extra).items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
