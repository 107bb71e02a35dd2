"""Page furniture that must neither stay in the text nor make a new version."""

from __future__ import annotations

import pytest

from pipelines.cleaning import clean_text, content_hash

BODY = "一季度，西海岸新区新开工项目155个，同比增长21.1%。\n总投资421亿元，同比增加241亿元。"


@pytest.mark.parametrize(
    "noisy",
    [
        pytest.param(BODY + "\n【打印本页】【关闭窗口】", id="print-close-line"),
        pytest.param(BODY + "\n[打印本页] [关闭窗口]", id="print-close-ascii-brackets"),
        pytest.param(BODY.replace("21.1%。", "21.1%。 阅读(1234)"), id="glued-view-counter"),
        pytest.param(BODY + " 浏览次数：88", id="glued-counter-with-label"),
    ],
)
def test_furniture_is_removed_and_keeps_the_hash(noisy: str) -> None:
    assert clean_text(noisy) == clean_text(BODY)
    assert content_hash(noisy) == content_hash(BODY)


@pytest.mark.parametrize(
    "sentence",
    ["全市图书馆阅读量达到3000次。", "景区全年访问量120万人次，同比增长8%。"],
)
def test_figures_inside_sentences_are_kept(sentence: str) -> None:
    assert clean_text(sentence) == sentence


def test_a_counter_alone_on_its_line_is_furniture() -> None:
    assert clean_text(BODY + "\n阅读(1234)") == clean_text(BODY)
