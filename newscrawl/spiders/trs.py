"""TRS WCM government portals: column lists ``index.html``, ``index_1.html`` … and articles
``/YYYYMM/tYYYYMMDD_N.html`` whose long texts continue in ``tYYYYMMDD_N_1.html`` … parts."""

from __future__ import annotations

from newscrawl.spiders.source import SourceSpider


class TrsSpider(SourceSpider):
    family = "trs"
