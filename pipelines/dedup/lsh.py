"""LSH banding of MinHash signatures: the keys of the persistent near-duplicate index.

The signature is cut into ``BANDS`` bands of ``ROWS`` values; two texts become candidates when
they agree on every value of at least one band. With Jaccard similarity ``s`` that happens with
probability ``1 - (1 - s**ROWS)**BANDS``: for 32 × 4 it is 0.56 at s = 0.4, 0.87 at 0.5, 0.99
at 0.6 and 0.04 at 0.2. A reprint truncated to 60% of the original has s ≈ 0.6, so it is found
with near certainty; the false candidates this generous threshold lets in are cheap, because
the verdict (``pipelines.dedup.verdict``) decides, not the index.

Each band is stored as one ``(band, hash)`` row per article, so a lookup is ``BANDS`` indexed
equality matches whatever the size of the archive.
"""

from __future__ import annotations

import hashlib

from pipelines.dedup.minhash import NUM_PERM, U64

BANDS = 32
ROWS = 4
assert BANDS * ROWS == NUM_PERM

BandKey = tuple[int, int]


def band_keys(signature: U64) -> list[BandKey]:
    """``(band number, band hash)`` per band; the hash is a signed 64-bit integer (the range
    of a database BIGINT)."""
    values = signature.astype("<u8", copy=False).tobytes()
    width = ROWS * 8
    return [
        (
            band,
            int.from_bytes(
                hashlib.blake2b(values[band * width : (band + 1) * width], digest_size=8).digest(),
                "little",
                signed=True,
            ),
        )
        for band in range(BANDS)
    ]


def candidate_probability(similarity: float, bands: int = BANDS, rows: int = ROWS) -> float:
    """Probability that two texts of Jaccard ``similarity`` share at least one band."""
    return 1.0 - (1.0 - similarity**rows) ** bands
