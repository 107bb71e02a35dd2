"""Page extraction: raw page in, body paragraphs and metadata out (``extract_page``).

Plain Python over lxml, no Scrapy import: spiders, ``newscrawl extract`` and ``newscrawl
reparse`` share it. Family extractors (``families``) handle the CMSs the project crawls;
``generic`` handles everything else.
"""

from pipelines.extraction.page import detect_family, extract_page
from pipelines.extraction.types import ExtractedPage

__all__ = ["ExtractedPage", "detect_family", "extract_page"]
