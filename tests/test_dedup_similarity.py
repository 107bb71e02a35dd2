"""Shingles, MinHash, LSH bands and the verdict, without a database."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from datasketch import MinHash

from pipelines.dedup.figures import figures
from pipelines.dedup.lsh import BANDS, band_keys, candidate_probability
from pipelines.dedup.minhash import (
    NUM_PERM,
    SHINGLE_SIZE,
    estimate_jaccard,
    shingle_hashes,
    shingle_text,
    text_signature,
)
from pipelines.dedup.verdict import TextProfile, judge
from tests.support.dedup import (
    ORIGINAL,
    REPRINT_KINDS,
    TEMPLATE_SIBLING,
    UNRELATED,
    truncated,
    with_editor_note,
    with_jammer,
    with_sohu_boilerplate,
    without_lead,
)


def exact_jaccard(first: str, second: str) -> float:
    a, b = shingle_hashes(first), shingle_hashes(second)
    return np.intersect1d(a, b).size / np.union1d(a, b).size


def test_shingles_ignore_punctuation_width_and_spaces() -> None:
    assert shingle_text("总投资 421 亿元,同比增长21.1%。\n") == shingle_text(
        "总投资421亿元，同比增长21.1％"
    )
    assert np.array_equal(
        shingle_hashes("ＳＭＴ产线，投资１５５亿元"), shingle_hashes("SMT产线,投资155亿元")
    )


def test_shingle_hashes_are_the_set_of_k_grams() -> None:
    text = "一季度新开工项目155个"
    folded = shingle_text(text)
    assert shingle_hashes(text).size == len(
        {folded[i : i + SHINGLE_SIZE] for i in range(len(folded) - SHINGLE_SIZE + 1)}
    )
    assert shingle_hashes("新区").size == 1  # shorter than a shingle: one shingle
    assert shingle_hashes("，。 ").size == 0


def test_signature_is_the_same_in_another_process() -> None:
    # The bands are persisted: a fresh interpreter (other hash seed) must compute the same.
    code = (
        "from pipelines.dedup.minhash import text_signature; from tests.support.dedup import ORIGINAL;"
        "print(','.join(map(str, text_signature(ORIGINAL))))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345"},
        cwd=".",
    ).stdout.strip()
    assert output == ",".join(map(str, text_signature(ORIGINAL)))


@pytest.mark.parametrize("other", [*REPRINT_KINDS, "sibling", "unrelated"])
def test_minhash_estimates_jaccard_like_datasketch(other: str) -> None:
    variant = {"sibling": TEMPLATE_SIBLING, "unrelated": UNRELATED}.get(other) or REPRINT_KINDS[
        other
    ](ORIGINAL)
    truth = exact_jaccard(ORIGINAL, variant)
    ours = estimate_jaccard(text_signature(ORIGINAL), text_signature(variant))

    def datasketch_minhash(text: str) -> MinHash:
        folded = shingle_text(text)
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch(
            [folded[i : i + SHINGLE_SIZE].encode() for i in range(len(folded) - SHINGLE_SIZE + 1)]
        )
        return minhash

    theirs = datasketch_minhash(ORIGINAL).jaccard(datasketch_minhash(variant))
    # Standard error of a 128-permutation estimate is at most 0.045: allow about 3 of them.
    assert abs(ours - truth) < 0.14
    assert abs(theirs - truth) < 0.14


def test_band_keys_are_stable_signed_64_bit() -> None:
    keys = band_keys(text_signature(ORIGINAL))
    assert [band for band, _ in keys] == list(range(BANDS))
    assert all(-(2**63) <= value < 2**63 for _, value in keys)
    assert keys == band_keys(text_signature(ORIGINAL + "\n"))


def test_candidate_probability_is_high_for_reprints_and_low_for_strangers() -> None:
    assert candidate_probability(0.6) > 0.98
    assert candidate_probability(0.5) > 0.85
    assert candidate_probability(0.2) < 0.05


@pytest.mark.parametrize("kind", list(REPRINT_KINDS))
def test_every_kind_of_reprint_is_a_candidate_and_the_same_story(kind: str) -> None:
    reprint = REPRINT_KINDS[kind](ORIGINAL)
    shared_bands = set(band_keys(text_signature(ORIGINAL))) & set(
        band_keys(text_signature(reprint))
    )
    assert shared_bands, "the LSH index would not propose the original"
    verdict = judge(TextProfile.of(reprint), TextProfile.of(ORIGINAL))
    assert verdict.same_story, verdict
    # and the other way round: the original arriving after its reprint
    assert judge(TextProfile.of(ORIGINAL), TextProfile.of(reprint)).same_story


def test_reprint_with_several_differences_matches_the_original() -> None:
    cut = with_jammer(with_sohu_boilerplate(truncated(ORIGINAL)))
    assert judge(TextProfile.of(cut), TextProfile.of(ORIGINAL)).same_story
    assert judge(
        TextProfile.of(with_editor_note(without_lead(ORIGINAL))), TextProfile.of(ORIGINAL)
    ).same_story


def test_template_sibling_is_another_story() -> None:
    verdict = judge(TextProfile.of(TEMPLATE_SIBLING), TextProfile.of(ORIGINAL))
    assert not verdict.same_story
    assert verdict.reason == "different figures"
    # They share most of their wording: containment alone would have merged them.
    assert verdict.containment > 0.5


def test_template_sibling_stays_apart_even_when_truncated_or_reprinted() -> None:
    for kind, reprint in REPRINT_KINDS.items():
        verdict = judge(TextProfile.of(reprint(TEMPLATE_SIBLING)), TextProfile.of(ORIGINAL))
        assert not verdict.same_story, (kind, verdict)


def test_unrelated_story_and_teaser_are_not_reprints() -> None:
    assert not judge(TextProfile.of(UNRELATED), TextProfile.of(ORIGINAL)).same_story
    teaser = ORIGINAL.split("\n")[0][:60]
    verdict = judge(TextProfile.of(teaser), TextProfile.of(ORIGINAL))
    assert not verdict.same_story
    assert verdict.reason == "one text is a small part of the other"


def test_declared_original_lowers_the_bar_but_figures_still_veto() -> None:
    # A mirror that kept only the lead paragraph (a quarter) and named the original's URL.
    excerpt = ORIGINAL.split("\n")[0]
    assert not judge(TextProfile.of(excerpt), TextProfile.of(ORIGINAL)).same_story
    assert judge(TextProfile.of(excerpt), TextProfile.of(ORIGINAL), declared=True).same_story
    # A copied canonical on another district's story does not make it a reprint.
    assert not judge(
        TextProfile.of(TEMPLATE_SIBLING), TextProfile.of(ORIGINAL), declared=True
    ).same_story


def test_figures_ignore_dates_ordinals_codes_and_jammer() -> None:
    text = "2022年3月30日10:30，第3次调度会：5G基站、G20峰会，一季度新开工项目155个，增长21.10%，投资1,200亿元 h9 u4"
    assert figures(text) == {"155", "21.1", "1200"}


def test_edited_figure_still_matches_a_reprint_of_the_first_version() -> None:
    corrected = ORIGINAL.replace("421亿元", "423亿元")
    assert judge(
        TextProfile.of(with_sohu_boilerplate(ORIGINAL)), TextProfile.of(corrected)
    ).same_story
