"""The sample site: 威海南海新区 government portal: TRS WCM templates, UTF-8 (one GBK page without a
charset)."""

from __future__ import annotations

from newscrawl.samples import content as c
from newscrawl.samples.build.site import Site, esc, paras

NANHAI_ARTICLES = [
    # (path, "YYYY-MM-DD HH:MM", story, 来源)
    (
        "/xwzx/gzdt/202606/t20260611_4603.html",
        "2026-06-11 16:20",
        c.NANHAI_NEV_PARK,
        "南海新区经济发展局",
    ),
    (
        "/xwzx/gzdt/202605/t20260506_4561.html",
        "2026-05-06 17:45",
        c.NANHAI_POWERCHINA,
        "南海新区投资促进局",
    ),
    ("/xwzx/gzdt/202604/t20260415_4520.html", "2026-04-15 09:00", None, "南海新区发展改革局"),
    (
        "/xwzx/gzdt/202604/t20260410_4512.html",
        "2026-04-10 10:30:12",
        c.NANHAI_Q1,
        "南海新区发展改革局",
    ),
    (
        "/xwzx/gzdt/202603/t20260302_4490.html",
        "2026-03-02 15:08",
        c.NANHAI_MEETING,
        "南海新区投资促进局",
    ),
    ("/xwzx/gzdt/202602/t20260226_4470.html", "2026-02-26 08:52", None, None),  # dead link
    (
        "/xwzx/gzdt/202509/t20250918_4301.html",
        "2025-09-18 11:00:00",
        c.NANHAI_2025,
        "南海新区统计局",
    ),
]
NANHAI_PROGRESS_TITLE = "南海新区2026年重点项目建设推进情况"
NANHAI_GBK = "/xwzx/gzdt/202603/t20260302_4490.html"
NANHAI_DRAFT_PATH = "/preview/xwzx/gzdt/202606/t20260620_4620.html"
NANHAI_PAGE_SIZE = 3


def trs_head(
    title: str, *, column: str, pub: str = "", source: str = "", url: str = "", charset: bool = True
) -> str:
    meta = (
        f"""<meta name="SiteName" content="威海南海新区">
<meta name="SiteDomain" content="www.whnanhai.gov.cn">
<meta name="SiteIDCode" content="3710000031">
<meta name="ColumnName" content="{esc(column)}">
<meta name="ColumnType" content="工作动态">
<meta name="ArticleTitle" content="{esc(title)}">
<meta name="PubDate" content="{pub}">
<meta name="ContentSource" content="{esc(source)}">
<meta name="Url" content="{url}">"""
        if pub
        else f'<meta name="SiteName" content="威海南海新区">\n<meta name="ColumnName" content="{esc(column)}">'
    )
    charset_meta = (
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">' if charset else ""
    )
    return f"""<!DOCTYPE html>
<html><head>
{charset_meta}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{esc(title)}_威海南海新区</title>
<!-- ↓不同栏目调用不同说明 -->
{meta}
<!-- ↑不同栏目调用不同说明 -->
<link href="/images/common.css" rel="stylesheet">
<style type="text/css">.TRS_Editor p {{font-size: 16px!important;line-height:2!important;}}</style>
<script type="text/javascript">
function browserRedirect() {{ var sUserAgent = navigator.userAgent.toLowerCase(); if (sUserAgent.match(/iphone os/i) == "iphone os") {{ window.location.href='/m/'; }} }}
browserRedirect();
</script>
</head>
<body>
<div class="top"><div class="w1200"><span>欢迎访问威海南海新区门户网站</span> <a href="/wza/">无障碍</a></div></div>
<div class="header w1200"><img src="/images/logo.png" alt="威海南海新区"></div>
<div class="nav"><ul class="w1200"><li><a href="/">首页</a></li><li><a href="/xwzx/gzdt/index.html">工作动态</a></li>
<li><a href="/zjnh/index.html">走进南海</a></li><li><a href="/search/index.html">站内搜索</a></li></ul></div>
"""


TRS_FOOT = """<div class="footer"><p>主办：威海南海新区管理委员会 承办：南海新区党政办公室</p>
<p>网站标识码：3710000031 鲁ICP备05012345号 <a href="http://www.beian.gov.cn/">鲁公网安备 37109102000123号</a></p>
<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script></div>
</body></html>
"""


def trs_article(
    path: str,
    pub: str,
    title: str,
    body_html: str,
    source: str,
    *,
    pager: str = "",
    charset: bool = True,
) -> str:
    return (
        trs_head(
            title,
            column="工作动态",
            pub=pub,
            source=source,
            url=f".{path.rsplit('/', 1)[1]}",
            charset=charset,
        )
        + f"""<div class="w1200 main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/xwzx/gzdt/index.html">工作动态</a></div>
<div class="article"><h1 class="title">{esc(title)}</h1>
<div class="info"><span>发布时间：{pub[:16]}</span><span>来源：{esc(source)}</span><span>浏览次数：<script src="/trs/count.jsp?id={path[-9:-5]}"></script></span>
<span class="font">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
<div class="content" id="zoom"><div class="TRS_Editor"><div class="Custom_UnionStyle">
{body_html}
</div></div></div>
{pager}
<div class="share"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div></div>
"""
        + TRS_FOOT
    )


def trs_pager(base: str, part: int, parts: int) -> str:
    """TRS splits long articles into base.html, base_1.html, …, with a createPageHTML script."""

    def name(i: int) -> str:
        return f"{base}.html" if i == 0 else f"{base}_{i}.html"

    links = " ".join(
        f'<a href="{name(i)}">{i + 1}</a>' if i != part else f"<span>{i + 1}</span>"
        for i in range(parts)
    )
    prev = f'<a href="{name(part - 1)}">上一页</a> ' if part > 0 else ""
    nxt = f' <a href="{name(part + 1)}">下一页</a>' if part < parts - 1 else ""
    return f"""<div class="page" id="pages"><script language="JavaScript">createPageHTML({parts}, {part}, "{base}", "html");</script>
{prev}{links}{nxt}</div>"""


def build_nanhai() -> Site:
    site = Site("www.whnanhai.gov.cn", "utf-8", "Thu, 11 Jun 2026 08:20:00 GMT")
    site.add("/robots.txt", "User-agent: *\nDisallow: /preview/\nDisallow: /trs/\n")
    site.add(
        "/_404.html",
        trs_head("页面不存在", column="")
        + '<div class="w1200 main"><div class="err404"><h2>404</h2><p>您访问的页面不存在或已删除！</p><a href="/">返回首页</a></div></div>'
        + TRS_FOOT,
        status=404,
    )
    listed = []
    for path, pub, story, source in NANHAI_ARTICLES:
        if story is None and source is None:  # listed, but the page was taken down
            listed.append((path, pub, "南海新区召开一季度经济运行分析会"))
            continue
        if story is None:  # the three-part progress report
            base = path.rsplit("/", 1)[1].removesuffix(".html")
            for part, part_paras in enumerate(c.NANHAI_PROGRESS_PARTS):
                part_path = path if part == 0 else path.replace(".html", f"_{part}.html")
                site.add(
                    part_path,
                    trs_article(
                        path,
                        pub,
                        NANHAI_PROGRESS_TITLE,
                        paras(part_paras, "\u3000\u3000"),
                        source,
                        pager=trs_pager(base, part, len(c.NANHAI_PROGRESS_PARTS)),
                    ),
                )
            listed.append((path, pub, NANHAI_PROGRESS_TITLE))
            continue
        gbk = path == NANHAI_GBK
        page = trs_article(
            path, pub, story.title, paras(story, "\u3000\u3000"), source, charset=not gbk
        )
        site.add(path, page, "gbk" if gbk else "utf-8")
        if gbk:
            site.content_type[path] = "text/html"
        listed.append((path, pub, story.title))
        if story is c.NANHAI_Q1:
            edited = trs_article(
                path, pub, story.title, paras(c.NANHAI_Q1_EDITED, "\u3000\u3000"), source
            )
            site.files[path + "~edited"] = edited.encode("utf-8")

    def list_page(page: int, pages: int, entries) -> str:
        items = "\n".join(
            f'<li><a href="{p}" target="_blank" title="{esc(t)}">{esc(t)}</a><span class="date">{d[:10]}</span></li>'
            for p, d, t in entries
        )
        if page == 0:
            items += f'\n<li class="preview"><a href="{NANHAI_DRAFT_PATH}" target="_blank">[预览] {esc(c.NANHAI_DRAFT.title)}</a><span class="date">2026-06-20</span></li>'
        links = " ".join(
            f'<a href="index{"" if i == 0 else f"_{i}"}.html">{i + 1}</a>'
            if i != page
            else f"<span>{i + 1}</span>"
            for i in range(pages)
        )
        nxt = f' <a href="index_{page + 1}.html">下一页</a>' if page < pages - 1 else ""
        return (
            trs_head("工作动态", column="工作动态")
            + f"""<div class="w1200 main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; 工作动态</div>
<div class="list"><ul class="list-ul">
{items}
</ul>
<div class="page"><script language="JavaScript">var currentPage = {page};var countPage = {pages};createPageHTML(countPage, currentPage, "index", "html");</script>
{links}{nxt}</div></div></div>
"""
            + TRS_FOOT
        )

    pages = (len(listed) + NANHAI_PAGE_SIZE - 1) // NANHAI_PAGE_SIZE
    for page in range(pages):
        chunk = listed[page * NANHAI_PAGE_SIZE : (page + 1) * NANHAI_PAGE_SIZE]
        name = "index.html" if page == 0 else f"index_{page}.html"
        site.add(f"/xwzx/gzdt/{name}", list_page(page, pages, chunk))
    site.add(
        NANHAI_DRAFT_PATH,
        trs_article(
            NANHAI_DRAFT_PATH,
            "2026-06-20 09:00",
            c.NANHAI_DRAFT.title,
            paras(c.NANHAI_DRAFT),
            "南海新区党政办公室",
        ),
    )
    site.add(
        "/",
        trs_head("威海南海新区", column="首页")
        + """<div class="w1200 main"><div class="focus"><h3><a href="/xwzx/gzdt/index.html">工作动态</a></h3><ul>"""
        + "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, _d, t in listed[:3])
        + """</ul></div><div class="links"><a href="/zjnh/index.html">走进南海</a></div></div>
"""
        + TRS_FOOT,
    )
    site.add(
        "/zjnh/index.html",
        trs_head("走进南海", column="走进南海")
        + """<div class="w1200 main"><div class="position">当前位置：<a href="/">首页</a> &gt; 走进南海</div>
<div class="intro"><h2>南海新区简介</h2><p>威海南海新区位于威海市南部，规划面积398平方公里，海岸线长38.6公里。</p>
<p>新区重点发展新能源装备、文旅康养、现代海洋三大产业。</p></div></div>
"""
        + TRS_FOOT,
    )
    site.add(
        "/search/index.html",
        trs_head("站内搜索", column="站内搜索")
        + """<div class="w1200 main"><form action="/search/index.html" method="get"><input name="searchword" type="text"><input type="submit" value="搜索"></form>
<div class="search-result"><p>请输入关键词进行检索。</p></div></div>
"""
        + TRS_FOOT,
    )
    return site
