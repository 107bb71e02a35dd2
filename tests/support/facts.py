"""The fact fields of the ``newscrawl extract`` contract (docs/facts.md), written out so that
the tests pin them: the facts-1.0 fields and the series fields facts-2.0 appended."""

from __future__ import annotations

CONTRACT_KEYS = [
    "metric",
    "kind",
    "value",
    "unit",
    "norm_value",
    "norm_unit",
    "approx",
    "basis",
    "period",
    "subject",
    "estimate",
    "start",
    "end",
]
# tests/test_periods.py, test_regions.py and test_indicators.py cover the series fields.
SERIES_KEYS = [
    "period_start",
    "period_end",
    "region_code",
    "region",
    "entity_kind",
    "indicator",
    "qualifier",
]
