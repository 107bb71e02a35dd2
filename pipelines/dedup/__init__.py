"""Near-duplicate detection: page identity, text fingerprints and the same-story verdict.

Pure logic, no Scrapy and no database: ``urls`` (canonical URL, declared original),
``minhash`` (character shingles, MinHash signatures), ``lsh`` (band keys of the persistent
index), ``figures`` (the numbers a text reports) and ``verdict`` (does a candidate tell the same
story). ``archive.stories`` combines them with the index stored in the archive database.
"""

from pipelines.dedup.lsh import BANDS, ROWS, band_keys
from pipelines.dedup.minhash import NUM_PERM, SHINGLE_SIZE, shingle_hashes, text_signature
from pipelines.dedup.urls import canonical_url, page_identity, same_origin
from pipelines.dedup.verdict import TextProfile, Verdict, judge

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "SHINGLE_SIZE",
    "TextProfile",
    "Verdict",
    "band_keys",
    "canonical_url",
    "judge",
    "page_identity",
    "same_origin",
    "shingle_hashes",
    "text_signature",
]
