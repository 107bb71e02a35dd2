"""Generate the sample web in ``newscrawl/samples/sites/`` (the output is committed).

Run ``python -m newscrawl.samples.build`` after editing ``content.py`` or a site's module here
(one module per sample site: ``qdrb``, ``xhaxw``, ``sohu``, ``zngk``, ``ocean``, ``nanhai``,
``jiaozhou``; ``site`` holds what they share). The output is deterministic: the same input
always gives byte-identical files.

The markup imitates the real systems, defects included (layout tables, inline scripts, share
widgets, hidden paragraphs, GBK bytes behind a lying or missing ``<meta charset>``), modelled on
the real pages in ``../shared/corpus/real``. It is written here, not copied.

Layout: ``sites/<real host>/<path>`` with ``@<query>`` appended for URLs with a query string,
and ``sites/<real host>/_site.json`` holding the site's HTTP behaviour (charset header,
status codes, URL rewrites, Last-Modified). A file named ``<name>~<variant>`` replaces
``<name>`` while the server runs that variant (how tests show an edited page).
"""

from __future__ import annotations

import shutil

from newscrawl.samples.build.jiaozhou import build_jiaozhou
from newscrawl.samples.build.nanhai import build_nanhai
from newscrawl.samples.build.ocean import build_ocean
from newscrawl.samples.build.qdrb import build_qdrb
from newscrawl.samples.build.site import SITES_DIR, Site
from newscrawl.samples.build.sohu import build_sohu
from newscrawl.samples.build.xhaxw import build_xhaxw
from newscrawl.samples.build.zngk import build_zngk


def build_all() -> list[Site]:
    return [
        build_qdrb(),
        build_xhaxw(),
        *build_sohu(),
        build_zngk(),
        build_ocean(),
        build_nanhai(),
        build_jiaozhou(),
    ]


def main() -> None:
    if SITES_DIR.exists():
        shutil.rmtree(SITES_DIR)
    sites = build_all()
    for site in sites:
        site.write(SITES_DIR)
    pages = sum(1 for site in sites for path in site.files if not path.endswith(".txt"))
    print(f"wrote {pages} pages for {len(sites)} hosts to {SITES_DIR}")
