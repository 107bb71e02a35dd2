"""``newscrawl crawl`` over many sources: the generated web of ``newscrawl.samples.many_sites``.

For each run: a fresh SQLite archive, the generated sites served from their own process, and
``newscrawl crawl KEY… --sample-port PORT`` over all of them (entries in a user registry folder,
``NEWSCRAWL_SOURCES``) with the project's settings (politeness included: DOWNLOAD_DELAY,
AutoThrottle, robots.txt). Measured:

- wall time of the command, against the sum of the sources' own crawl times (spider opened →
  closed, from each summary line) — what running them one after another would cost;
- peak RSS of the crawl's process tree (sampled every 0.1 s), CPU (user + system) of the
  crawl process and its children, per fetched page.

    .venv/bin/python -m benchmarks.many_sources --sites 300 [--window 16] [--sites 30 --window 1]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.crawl_throughput import TreeSampler

ROOT = Path(__file__).resolve().parents[1]
LINE_RE = re.compile(r"^(\S+)\s+pages=(\d+)\s+articles=(\d+).*time=([\d.]+)s(.*)$")


@contextmanager
def many_sites_server(sites: int, registry: Path, slow_delay: float) -> Iterator[int]:
    command = [
        sys.executable, "-m", "newscrawl.samples.many_sites", "--sites", str(sites),
        "--registry", str(registry), "--slow-delay", str(slow_delay),
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        yield int(server.stdout.readline())
    finally:
        server.terminate()
        server.wait()


def run(sites: int, window: int, slow_delay: float, log: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newscrawl-many-") as tmp:
        registry = Path(tmp) / "sources"
        db_url = f"sqlite:///{tmp}/archive.db"
        env = {
            **os.environ,
            "NEWSCRAWL_SOURCES": str(registry),
            "NEWSCRAWL_DB_URL": db_url,
            "PYTHONPATH": str(ROOT),
        }
        with many_sites_server(sites, registry, slow_delay) as port:
            subprocess.run(
                [sys.executable, "-m", "newscrawl", "db", "upgrade"], env=env, check=True,
                capture_output=True,
            )  # fmt: skip
            keys = sorted(path.stem for path in registry.glob("*.toml"))
            command = [
                sys.executable, "-m", "newscrawl", "crawl", *keys, "--sample-port", str(port),
                "-s", "LOG_LEVEL=WARNING", "-s", f"NEWSCRAWL_CONCURRENT_SOURCES={window}",
            ]  # fmt: skip
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.monotonic()
            crawl = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True,
            )  # fmt: skip
            sampler = TreeSampler(crawl.pid)
            sampler.start()
            output, _ = crawl.communicate()
            wall = time.monotonic() - started
            peak_kb = sampler.stop()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if log is not None:
        log.write_text(output, encoding="utf-8")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [m for m in map(LINE_RE.match, output.splitlines()) if m]
    pages = sum(int(m.group(2)) for m in lines)
    return {
        "sites": sites,
        "window": window,
        "wall_s": wall,
        "sum_of_source_times_s": sum(float(m.group(4)) for m in lines),
        "slowest_source_s": max((float(m.group(4)) for m in lines), default=0.0),
        "failed_sources": sum(1 for m in lines if "FAILED" in m.group(5)),
        "archived_articles": sum(int(m.group(3)) for m in lines),
        "pages": pages,
        "peak_rss_mb": peak_kb / 1024,
        "cpu_s": cpu,
        "cpu_ms_per_page": 1000 * cpu / pages if pages else 0.0,
        "exit_status": crawl.returncode,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, nargs="+", default=[300])
    parser.add_argument("--window", type=int, default=16, help="NEWSCRAWL_CONCURRENT_SOURCES")
    parser.add_argument("--slow-delay", type=float, default=1.0)
    parser.add_argument("--logs", type=Path, help="save each run's command output in this folder")
    args = parser.parse_args(argv)
    for sites in args.sites:
        log = args.logs / f"many_sources_{sites}_w{args.window}.txt" if args.logs else None
        result = run(sites, args.window, args.slow_delay, log)
        print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                       for k, v in result.items()), flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
