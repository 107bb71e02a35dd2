"""CPU cost of link discovery and of a whole page's extraction on list pages of N links.

A list page of N rows, each a link, every other one with a date (the shape of a hostile "many links" page and of
a big real list), for N in ``--sizes``. Times are CPU seconds of this process, the fastest of
``--repeat`` passes:

- ``page_links``: links with the date shown near each (``pipelines.extraction.links``), or of
  the same function in another file given with ``--links-module`` (e.g. the version before a
  change, ``git show REV:pipelines/extraction/links.py > /tmp/links_before.py``);
- ``extract_page(links=True)``: the whole extraction the crawl runs on the page.

    .venv/bin/python -m benchmarks.link_discovery [--sizes 1000 5000 10000 20000] [--repeat 3]
        [--links-module /tmp/links_before.py] [--no-extract]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from lxml.html import fromstring

from benchmarks.hot_paths import fastest
from pipelines.extraction import extract_page
from pipelines.extraction.links import page_links

URL = "http://news.example/list.html"


def list_page(links: int) -> bytes:
    """Every other row shows a date; for the others the date search climbs to the list."""
    date = " 2026-03-15"
    rows = "".join(
        f'<li><a href="/news/{n}.html">第{n}条 项目签约</a>{date if n % 2 else ""}</li>'
        for n in range(links)
    )
    return f"<html><body><ul>{rows}</ul></body></html>".encode()


def load_page_links(path: str | None) -> Callable[..., Any]:
    if path is None:
        return page_links
    spec = importlib.util.spec_from_file_location("links_under_test", Path(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.page_links


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--links-module", help="a links.py file to time instead of this tree's")
    parser.add_argument("--no-extract", action="store_true", help="time page_links only")
    args = parser.parse_args()
    links_of = load_page_links(args.links_module)
    print("| links | page KB | page_links s | per 1k links | extract_page(links=True) s |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        body = list_page(size)
        root = fromstring(body)
        discovery = fastest(partial(links_of, root, URL), args.repeat)
        whole = "–"
        if not args.no_extract:
            seconds = fastest(partial(extract_page, body, URL, links=True), args.repeat)
            whole = f"{seconds:.3f}"
        per_thousand = discovery / size * 1000
        print(f"| {size} | {len(body) // 1024} | {discovery:.3f} | {per_thousand:.3f} | {whole} |")


if __name__ == "__main__":
    main()
