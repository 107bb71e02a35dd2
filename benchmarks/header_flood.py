"""Peak memory of a crawl that meets a server sending megabytes of response headers.

A local server answers ``/flood.html`` with ``--megabytes`` MB of header lines of
``--line-bytes`` bytes each, then a small article. One ``scrapy crawl site`` of it with the project's header caps
(``NEWSCRAWL_MAX_HEADER_BYTES``, ``NEWSCRAWL_MAX_HEADERS``) and one with both set to 0 (no cap,
Twisted's own behaviour); for each, the crawl's peak RSS (Scrapy's ``memusage/max`` stat, which
includes the interpreter and Scrapy themselves) and what became of the page.

    .venv/bin/python -m benchmarks.header_flood [--megabytes 30] [--line-bytes 100]
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = (
    "<html><head><title>胶州市一季度新开工项目48个</title></head><body><div class='article'>"
    "<h1>胶州市一季度新开工项目48个</h1><p>发布时间：2026-04-02</p>"
    + "<p>今年一季度，胶州市新开工项目48个，同比增长12.5%；总投资216亿元。</p>" * 6
    + "</div></body></html>"
).encode()


def flood_server(megabytes: int, line_bytes: int) -> ThreadingHTTPServer:
    class Flood(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            try:
                value = "x" * max(line_bytes - 20, 1)
                for number in range(megabytes * 2**20 // line_bytes):
                    self.send_header(f"X-Flood-{number}", value)
                self.send_header("Content-Length", str(len(ARTICLE)))
                self.end_headers()
                self.wfile.write(ARTICLE)
            except OSError:
                pass  # the crawler hung up
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Flood)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def crawl(url: str, capped: bool) -> dict[str, object]:
    settings = {
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "LOG_LEVEL": "INFO",
        # ru_maxrss (a peak) read often enough to be read after the page
        "MEMUSAGE_CHECK_INTERVAL_SECONDS": "0.5",
    }
    if not capped:
        settings |= {"NEWSCRAWL_MAX_HEADER_BYTES": "0", "NEWSCRAWL_MAX_HEADERS": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"start_url={url}"]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        command += ["-s", f"NEWSCRAWL_SPOOL_DIR={tmp}/spool"]
        env = {
            **os.environ,
            "NEWSCRAWL_DB_URL": f"sqlite:///{tmp}/archive.db",
            "PYTHONPATH": str(REPO),
        }
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    log = done.stdout + done.stderr
    dump = log.split("Dumping Scrapy stats:", 1)[1]
    stats_text = dump[dump.index("{") : dump.index("}") + 1]
    stats_text = stats_text.replace("datetime.datetime", "").replace("tzinfo=datetime.", "")
    stats: dict[str, object] = {}
    for line in stats_text.strip("{}").splitlines():
        name, _, value = line.strip().rstrip(",").partition(": ")
        try:
            stats[ast.literal_eval(name)] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            continue
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=30)
    parser.add_argument("--line-bytes", type=int, default=100, help="bytes per header line")
    args = parser.parse_args()
    server = flood_server(args.megabytes, args.line_bytes)
    url = f"http://127.0.0.1:{server.server_address[1]}/flood.html"
    print(f"{args.megabytes} MB of response headers in lines of {args.line_bytes} bytes")
    print("| header caps | peak RSS (MB) | archived | failures |")
    print("| --- | ---: | ---: | --- |")
    for capped in (True, False):
        stats = crawl(url, capped)
        peak = int(stats.get("memusage/max", 0)) / 2**20
        reasons = sorted(
            key.removeprefix("newscrawl/failures/")
            for key in stats
            if isinstance(key, str) and key.startswith("newscrawl/failures/")
        )
        archived = stats.get("newscrawl/archive/new", 0)
        label = "on (64 KiB, 200 lines)" if capped else "off"
        print(f"| {label} | {peak:.0f} | {archived} | {', '.join(reasons) or '–'} |")
    server.shutdown()


if __name__ == "__main__":
    main()
