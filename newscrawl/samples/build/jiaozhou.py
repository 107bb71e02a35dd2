"""The sample site: jiaozhou-news.example: a site no registry entry knows (the generic spider's
test ground)."""

from __future__ import annotations

from newscrawl.samples import content as c
from newscrawl.samples.build.site import Site, esc, paras

JIAOZHOU_ARTICLES = [
    ("/news/2026/0520/1215.shtml", "2026-05-20 14:36", c.JIAOZHOU_BAY, "胶州市融媒体中心"),
    ("/news/2026/0518/1210.shtml", "2026-05-18 09:05", c.JIAOZHOU_AIRPORT, "胶州日报"),
    ("/news/2026/0512/1203.shtml", "2026-05-12 18:20", c.JIAOZHOU_SIGNED, "胶州市商务局"),
]


def jz_page(title: str, main: str) -> str:
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)} - 胶州新闻</title>
<meta name="keywords" content="胶州,新闻,招商"><link rel="stylesheet" href="/static/site.css"></head>
<body><header class="site-header"><a class="logo" href="/">胶州新闻</a>
<nav><a href="/">首页</a><a href="/news/list.html">本地要闻</a><a href="/video/2026/0519/88.shtml">视频</a><a href="/about.shtml">关于我们</a><a href="/search.shtml?kw=">搜索</a></nav></header>
<main class="container">
{main}
</main>
<aside class="hot"><h4>热点推荐</h4><ul>{"".join(f'<li><a href="{p}">{esc(s.title)}</a></li>' for p, _d, s, _src in JIAOZHOU_ARTICLES)}</ul></aside>
<footer>胶州新闻 版权所有 鲁ICP备2025000001号 联系电话：0532-8xxx0000</footer></body></html>
"""


def build_jiaozhou() -> Site:
    site = Site("jiaozhou-news.example", "utf-8", "Wed, 20 May 2026 07:00:00 GMT")
    site.add("/robots.txt", "User-agent: *\nDisallow: /admin/\n")
    site.add(
        "/_404.html",
        jz_page("页面不存在", "<h1>404 页面不存在</h1><p>您要找的页面已删除或从未存在。</p>"),
        status=404,
    )
    for path, stamp, story, source in JIAOZHOU_ARTICLES:
        site.add(
            path,
            jz_page(
                story.title,
                f"""<div class="crumb"><a href="/">首页</a> / <a href="/news/list.html">本地要闻</a></div>
<article class="news-detail"><h1>{esc(story.title)}</h1>
<div class="meta">发布时间：{stamp}　来源：{esc(source)}</div>
<div class="article-content">{paras(story)}</div>
<div class="editor">（编辑：孙莉）</div></article>""",
            ),
        )
    items = "".join(
        f'<li><a href="{p}">{esc(s.title)}</a> <time>{d[:10]}</time></li>'
        for p, d, s, _src in JIAOZHOU_ARTICLES
    )
    site.add(
        "/news/list.html",
        jz_page(
            "本地要闻",
            f'<h2>本地要闻</h2><ul class="news-list">{items}<li><a href="/news/2026/0401/1100.shtml">胶州召开一季度项目观摩会</a> <time>2026-04-01</time></li>'
            '<li><a href="/admin/preview/1220.shtml">[待审] 胶州5月经济运行简况</a></li></ul>',
        ),
    )
    site.add(
        "/",
        jz_page(
            "首页",
            f'<section class="top-news"><h2>今日要闻</h2><ul>{items}</ul><a href="/news/list.html">更多</a></section>',
        ),
    )
    site.add(
        "/about.shtml",
        jz_page(
            "关于我们",
            "<h1>关于我们</h1><p>胶州新闻是胶州市融媒体中心主办的新闻网站。</p><p>联系电话：0532-8xxx0000</p>",
        ),
    )
    site.add(
        "/search.shtml?kw=",
        jz_page(
            "搜索",
            '<form action="/search.shtml"><input name="kw"><button>搜索</button></form><p>共找到 0 条结果</p>',
        ),
    )
    site.add(
        "/video/2026/0519/88.shtml",
        jz_page(
            "视频：航拍胶东临空经济示范区",
            '<div class="video-player"><video src="/upload/video/88.mp4" controls poster="/upload/video/88.jpg"></video></div>'
            '<h1>视频：航拍胶东临空经济示范区</h1><div class="meta">发布时间：2026-05-19 10:00</div>',
        ),
    )
    site.add(
        "/admin/preview/1220.shtml",
        jz_page(
            "胶州5月经济运行简况（待审）",
            "<article><h1>胶州5月经济运行简况</h1><p>稿件待审核，请勿转载。</p></article>",
        ),
    )
    return site
