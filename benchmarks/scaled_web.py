"""The sample web scaled up: thousands of generated articles in the sample sites' markup.

The bundled sample web (``newscrawl/samples``) has a few dozen pages; a throughput benchmark
needs thousands. This module writes articles from a small grammar of regional investment news
(new projects, signed deals, key-project progress, foreign capital, with their figures) and
renders them with the sample web's own page templates, one site per CMS family:

- ``www.whnanhai.gov.cn``: TRS WCM government portal, column pages ``index_N.html``;
- ``www.zngk.vip``: Z-Blog reprint site, ``category-2_N.html`` list pages, ``/post/N.html``;
- ``epaper.qingdaonews.com``: Founder e-paper, 往期 index → 版面 pages → content pages.

Every list page's pager links every other list page (as the TRS ``createPageHTML`` pager
does), so discovery stays a few links deep however large the site is. Pages are rendered once
into memory and served by one threaded HTTP server on 127.0.0.1, routing by the Host header like
``newscrawl.samples.server`` (``<real-host>.localhost:PORT``).

Run it on its own (the crawl benchmark starts it in a separate process, so that serving does
not compete with the crawler for the GIL)::

    .venv/bin/python -m benchmarks.scaled_web --articles 3000 [--port 8800]
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

from newscrawl.samples.scaled import (  # noqa: F401 (the benchmarks import them from here)
    BUREAUS,
    CORPUS,
    EPAPER_HOST,
    EPAPER_NODES,
    EPAPER_PER_NODE,
    FAMILIES,
    FIRMS,
    HOSTS,
    INDUSTRIES,
    LAST_DAY,
    LIST_PAGE_SIZE,
    PERIODS,
    PLACES,
    REPORTERS,
    ROBOTS,
    START_URLS,
    TRS_HOST,
    WORKS,
    ZBLOG_HOST,
    ScaledWeb,
    ScaledWebHandler,
    ScaledWebServer,
    add_epaper,
    add_trs,
    add_zblog,
    build_web,
    corpus_sentences,
    make_story,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="delay per answer, seconds")
    parser.add_argument("--urls-file", type=Path, help="write each site's page URLs here (JSON)")
    parser.add_argument(
        "--hosts", nargs="+", choices=HOSTS, default=list(HOSTS), help="the sites to serve"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    web = build_web(args.articles, tuple(args.hosts))
    server = ScaledWebServer(web, ("127.0.0.1", args.port), args.latency)
    if args.urls_file:
        urls = {host: web.urls(host) for host in args.hosts}
        args.urls_file.write_text(json.dumps(urls), encoding="utf-8")
    size = sum(len(body) for body in web.pages.values())
    print(
        f"# {len(web.pages)} pages ({size / 1e6:.1f} MB) rendered in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    # The first stdout line is the port: the crawl benchmark reads it.
    print(server.port, flush=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        thread.join()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
