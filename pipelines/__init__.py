"""Item pipelines and the pure text, dedup and fact logic they call.

Everything below ``pipelines.cleaning``, ``pipelines.facts`` and ``pipelines.dedup`` is plain
Python without a Scrapy import, so it is shared by the crawler, ``newscrawl extract``,
``newscrawl reparse`` and the tests.
"""
