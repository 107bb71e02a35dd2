"""Article or not: teaser lists and about pages on hand-written pages, the bundled sample web
and the real corpus (where no article may be taken for one of them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.extraction import extract_page
from pipelines.extraction.blocks import Block, iter_blocks
from pipelines.extraction.dom import parse_html
from pipelines.extraction.pagetype import count_teasers, is_about_page

SITES = Path(__file__).resolve().parents[1] / "newscrawl" / "samples" / "sites"
CWCED = "chinese-web-content-extraction-dataset"
# Short news items on portal pages that are mostly link lists: the link-density rule calls them
# list pages (an open problem of that rule, not of the teaser and about rules).
KNOWN_LINK_HEAVY_ARTICLES = {
    "magic-html/article/htmls/3e863fa9ac3416188abb30733c0f2cfc54da8e55360d2a3747ba76cc638bb469.html",
    "magic-html/article/htmls/6558a82cd7af98f97783a125f84d6aefccd7ab723f58c5f4ee58c2e11523ac29.html",
}

NAV = (
    "<div class='nav'><a href='/'>首页</a> <a href='/news/'>新闻中心</a> "
    "<a href='/about/'>关于我们</a></div>"
)
SUMMARIES = [
    "今年以来，西海岸新区坚持项目为王，全力推动项目建设提速提效，一季度新开工项目155个，总投资421亿元",
    "即墨区一季度新开工项目68个，总投资137亿元，其中产业类项目51个，占比75%，开工率73.8%",
    "1-4月，西海岸新区实际使用外资5.6亿美元，同比增长15.3%；新设立外商投资企业71家，同比增加18家",
]
HEADLINES = [
    "西海岸新区一季度新开工项目155个",
    "即墨区一季度新开工项目68个 总投资137亿元",
    "西海岸新区前4个月实际使用外资5.6亿美元",
]


def page(body: str, title: str = "新闻中心") -> str:
    return f"<html><head><title>{title}</title></head><body>{NAV}{body}</body></html>"


def teaser_list(*, dates: bool, cut: bool) -> str:
    items = []
    for number, (headline, summary) in enumerate(zip(HEADLINES, SUMMARIES, strict=True)):
        date = f"<span class='time'>2026-05-{number + 10}</span>" if dates else ""
        ending = "……" if cut else "。"
        items.append(
            f"<div class='item'><h3><a href='/news/{number}.html'>{headline}</a></h3>{date}"
            f"<p>{summary}{ending}</p></div>"
        )
    return page("<div class='list'>" + "".join(items) + "</div>")


def article(body: str, title: str = "西海岸新区一季度新开工项目155个") -> str:
    return page(f"<div class='article'><h1>{title}</h1>{body}</div>", title)


def blocks_of(html: str) -> list[Block]:
    root = parse_html(html)
    return list(iter_blocks(root.find("body")))


# ---- teaser lists --------------------------------------------------------------------------


@pytest.mark.parametrize(("dates", "cut"), [(True, False), (False, True), (True, True)])
def test_column_of_teasers_is_a_list(dates: bool, cut: bool) -> None:
    extracted = extract_page(teaser_list(dates=dates, cut=cut), "http://www.example.com/news/")
    assert not extracted.is_article
    assert extracted.not_article_reason == "list"


def test_teasers_need_a_date_or_a_cut_summary() -> None:
    # Linked headlines over whole paragraphs, undated: a digest (要闻汇总) is an article.
    extracted = extract_page(teaser_list(dates=False, cut=False), "http://www.example.com/a/1.html")
    assert extracted.is_article


def test_teaser_count_counts_each_headed_paragraph() -> None:
    blocks = blocks_of(teaser_list(dates=True, cut=False))
    # the extractor may take the heads into the body too: they are not prose paragraphs
    body = [block for block in blocks if block.owner.tag != "div" or block.text[0].isdigit()]
    assert len(body) == 9
    assert count_teasers(blocks, body) == (3, 3)


def test_linked_title_and_related_link_do_not_make_a_list() -> None:
    html = page(
        "<div class='article'><h1><a href='/a/1.html'>西海岸新区一季度新开工项目155个</a></h1>"
        "<div class='info'>发布时间：2026-04-10 来源：青岛日报</div>"
        f"<p>{SUMMARIES[0]}。</p>"
        "<p><a href='/a/0.html'>相关阅读：即墨区一季度新开工项目68个</a></p>"
        f"<p>{SUMMARIES[1]}。</p><p>{SUMMARIES[2]}。</p></div>",
        "西海岸新区一季度新开工项目155个",
    )
    extracted = extract_page(html, "http://www.example.com/a/1.html")
    assert extracted.is_article, extracted.not_article_reason
    assert extracted.published == "2026-04-10"


def test_month_ranges_and_amounts_are_not_list_dates() -> None:
    # 1-4月 and 5.6亿 look like dates to a loose pattern; a headline holding them is no dated
    # headline, so whole (uncut) summaries under such headlines stay an article.
    html = page(
        "".join(
            f"<h3><a href='/a/{i}.html'>1-4月实际使用外资5.6亿美元 同比增长15.3%（{i}）</a></h3>"
            f"<p>{summary}。</p>"
            for i, summary in enumerate(SUMMARIES)
        )
    )
    assert extract_page(html, "http://www.example.com/a/1.html").is_article


# ---- about pages ---------------------------------------------------------------------------


INTRO = (
    "<p>南海新区位于威海市南部，规划面积398平方公里，海岸线长38.6公里，重点发展新能源装备、"
    "文旅康养、现代海洋三大产业，是省级重点开发区域。</p>"
    "<p>新区下辖两个街道，常住人口约12万人，先后获评省级生态工业园区、省级旅游度假区。</p>"
)


@pytest.mark.parametrize(
    "html",
    [
        page(f"<div class='intro'><h2>南海新区简介</h2>{INTRO}</div>", "走进南海"),
        page(f"<div class='intro'>{INTRO}</div>", "关于我们-园区产业招商"),
        page(f"<div class='intro'>{INTRO}</div>", "新区概况_威海南海新区"),
    ],
)
def test_undated_self_description_is_an_about_page(html: str) -> None:
    extracted = extract_page(html, "http://www.example.com/intro/")
    assert extracted.published is None
    assert extracted.not_article_reason == "about"


def test_dated_page_about_a_project_is_an_article() -> None:
    html = article(
        f"<div class='info'>2026-04-10 10:30</div>{INTRO}", "南海新区新能源装备产业园简介"
    )
    extracted = extract_page(html, "http://www.example.com/a/2.html")
    assert extracted.published == "2026-04-10T10:30:00+08:00"
    assert extracted.is_article


def test_about_labels_must_be_the_whole_title_part() -> None:
    # 关于我们区… opens a notice; only a part that is the label (or ends in 简介/概况) counts.
    assert not is_about_page("关于我们区招商引资工作的通知", [], [], None)
    assert is_about_page("联系我们 | 园区产业招商", [], [], None)
    assert not is_about_page("联系我们 | 园区产业招商", [], [], "2026-04-10")
    blocks = blocks_of(page(f"<h2>公司概况</h2>{INTRO}"))
    assert [block.tag for block in blocks[-3:]] == ["h2", "p", "p"]
    assert is_about_page("首页", blocks[-3:], blocks, None)
    assert is_about_page("首页", blocks[-2:], blocks, None)  # the heading just above the body
    assert not is_about_page("首页", blocks[-2:], blocks, "2026-04-10")


# ---- the sample web ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "reason"),
    [
        ("www.zngk.vip/index.html", "list"),
        ("www.zngk.vip/category-2.html", "list"),
        ("www.zngk.vip/tags-15.html", "list"),
        ("www.zngk.vip/about.html", "about"),
        ("www.whnanhai.gov.cn/zjnh/index.html", "about"),
        ("www.whnanhai.gov.cn/xwzx/gzdt/index.html", "list"),
        ("www.zngk.vip/post/1288.html", None),
        ("www.zngk.vip/post/1275.html", None),
        ("www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260410_4512.html", None),
    ],
)
def test_sample_web_pages(relative: str, reason: str | None) -> None:
    host, _, path = relative.partition("/")
    extracted = extract_page((SITES / relative).read_bytes(), f"http://{host}/{path}")
    assert extracted.not_article_reason == reason
    assert extracted.is_article == (reason is None)


# ---- real articles stay articles -----------------------------------------------------------


def real_article_pages(corpus_dir: Path) -> list[tuple[Path, str | None]]:
    """Every corpus page whose ground truth is an article body, with its URL where known."""
    pages: list[tuple[Path, str | None]] = [
        (path, None) for path in sorted((corpus_dir / CWCED / "original").glob("*.html"))
    ]
    base = corpus_dir / "magic-html" / "article"
    truth = json.loads((base / "base.json").read_text(encoding="utf-8"))
    pages += [(path, truth[path.stem].get("url")) for path in sorted(base.glob("htmls/*.html"))]
    pages += [(path, None) for path in sorted((corpus_dir / "trafilatura").rglob("*.html"))]
    return pages


def test_real_articles_are_articles(corpus_dir: Path) -> None:
    pages = real_article_pages(corpus_dir)
    assert len(pages) >= 100
    rejected = {}
    for path, url in pages:
        extracted = extract_page(path.read_bytes(), url)
        if not extracted.is_article:
            rejected[path.relative_to(corpus_dir).as_posix()] = extracted.not_article_reason
    assert set(rejected) <= KNOWN_LINK_HEAVY_ARTICLES, rejected
    assert set(rejected.values()) <= {"list"}
