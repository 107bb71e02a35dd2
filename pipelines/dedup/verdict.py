"""Is this text a copy of that one? The decision behind joining a story.

The LSH index only proposes candidates (texts with a similar shingle set). The verdict looks
at both texts in full:

- containment: the share of the smaller text's shingles found in the larger one. A reprint
  cut to 60%, or one with an editor's note or a site's boilerplate added, is contained in
  (or contains) the original, although their Jaccard similarity is only ~0.6;
- the figures of both texts: reprints repeat the original's numbers, while two stories written
  from one template (another district's 一季度新开工项目N个) share most of their wording but not
  their numbers. When both texts report figures, most of the smaller set must be in the larger.

A declared original (``rel=canonical`` / ``og:url`` on another site naming the candidate) is a
strong hint, so it lowers the containment needed; conflicting figures still veto it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.dedup.figures import figures
from pipelines.dedup.minhash import U64, shingle_hashes

# Smaller/larger shingle count below which the smaller text is a teaser or a roundup item,
# not a reprint (a reprint cut to 60% with boilerplate added elsewhere stays above 0.4).
MIN_LENGTH_RATIO = 0.3
# Containment needed when the figures of both texts agree.
CONTAINMENT_WITH_FIGURES = 0.6
# Containment needed when there are too few figures to tell template siblings apart.
CONTAINMENT_WITHOUT_FIGURES = 0.8
# Containment needed when the page names the candidate as its original.
CONTAINMENT_DECLARED = 0.4
# Share of the smaller figure set found in the larger one for the figures to agree.
FIGURE_AGREEMENT = 0.8
# Fewer figures than this in the smaller set tell nothing either way.
MIN_FIGURES = 2


@dataclass(frozen=True, slots=True)
class TextProfile:
    """What the verdict needs of a text, computed once per text."""

    shingles: U64
    figures: frozenset[str]

    @classmethod
    def of(cls, text: str) -> TextProfile:
        return cls(shingle_hashes(text), figures(text))


@dataclass(frozen=True, slots=True)
class Verdict:
    same_story: bool
    containment: float | None  # None when the figures decided before the texts were compared
    figure_agreement: float | None  # None when the smaller figure set is too small to judge
    reason: str


def containment(first: U64, second: U64) -> float:
    """Share of the smaller sorted-unique shingle set that is in the other one."""
    smaller = min(first.size, second.size)
    if smaller == 0:
        return 0.0
    shared = np.intersect1d(first, second, assume_unique=True).size
    return shared / smaller


def figure_agreement(first: frozenset[str], second: frozenset[str]) -> float | None:
    smaller = min(len(first), len(second))
    if smaller < MIN_FIGURES:
        return None
    return len(first & second) / smaller


def judge(new: TextProfile, candidate: TextProfile, *, declared: bool = False) -> Verdict:
    """Whether ``new`` tells the same story as ``candidate`` (symmetric except for
    ``declared``: ``new`` names ``candidate``'s URL as its original)."""
    sizes = sorted((new.shingles.size, candidate.shingles.size))
    if sizes[0] == 0:
        return Verdict(False, 0.0, None, "empty text")
    shared = containment(new.shingles, candidate.shingles)
    agreement = figure_agreement(new.figures, candidate.figures)
    if shared == 1.0 and sizes[0] == sizes[1]:
        return Verdict(True, shared, agreement, "same text")
    if agreement is not None and agreement < FIGURE_AGREEMENT:
        return Verdict(False, shared, agreement, "different figures")
    if new.figures and candidate.figures and not new.figures & candidate.figures:
        return Verdict(False, shared, agreement, "no figure in common")
    if sizes[0] / sizes[1] < MIN_LENGTH_RATIO and not declared:
        return Verdict(False, shared, agreement, "one text is a small part of the other")
    if declared:
        needed, basis = CONTAINMENT_DECLARED, "declared original"
    elif agreement is not None:
        needed, basis = CONTAINMENT_WITH_FIGURES, "figures agree"
    else:
        needed, basis = CONTAINMENT_WITHOUT_FIGURES, "too few figures to compare"
    if shared >= needed:
        return Verdict(True, shared, agreement, f"contained ({basis})")
    return Verdict(False, shared, agreement, f"containment {shared:.2f} < {needed} ({basis})")


def judge_text(new: TextProfile, candidate_text: str, *, declared: bool = False) -> Verdict:
    """:func:`judge` against a stored text, vetoing on figures before shingling it: most of
    the candidates the index proposes in a template-heavy archive are siblings, and their
    figures rule them out at a fraction of the cost."""
    candidate_figures = figures(candidate_text)
    agreement = figure_agreement(new.figures, candidate_figures)
    if agreement is not None and agreement < FIGURE_AGREEMENT:
        return Verdict(False, None, agreement, "different figures")
    return judge(
        new, TextProfile(shingle_hashes(candidate_text), candidate_figures), declared=declared
    )
