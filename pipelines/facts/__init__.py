"""Fact extraction: the figures of Chinese regional economic news, with spans.

>>> [f.to_dict()["metric"] for f in extract_facts("一季度新开工项目155个，同比增长21.1%")]
['新开工项目', '新开工项目']

Plain Python, no Scrapy: shared by the facts pipeline, ``newscrawl extract``, ``newscrawl
reparse`` and the benchmark in ``benchmarks/facts_score.py``. See docs/facts.md.
"""

from pipelines.facts.extractor import FACTS_VERSION, KINDS, Fact, extract_facts
from pipelines.facts.numbers import ParsedNumber, parse_number

__all__ = ["FACTS_VERSION", "KINDS", "Fact", "ParsedNumber", "extract_facts", "parse_number"]
