"""Generate the sample web in ``newscrawl/samples/sites/`` (the output is committed).

Run ``python -m newscrawl.samples.build`` after editing ``content.py`` or a template here. The
output is deterministic: the same input always gives byte-identical files.

The markup imitates the real systems, defects included (layout tables, inline scripts, share
widgets, hidden paragraphs, GBK bytes behind a lying or missing ``<meta charset>``), modelled on
the real pages in ``../shared/corpus/real``. It is written here, not copied.

Layout: ``sites/<real host>/<path>`` with ``@<query>`` appended for URLs with a query string,
and ``sites/<real host>/_site.json`` holding the site's HTTP behaviour (charset header,
status codes, URL rewrites, Last-Modified). A file named ``<name>~<variant>`` replaces
``<name>`` while the server runs that variant (how tests show an edited page).
"""

from __future__ import annotations

import html
import json
import random
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newscrawl.samples import content as c
from newscrawl.samples.content import Story

SITES_DIR = Path(__file__).resolve().parent / "sites"


@dataclass
class Site:
    host: str
    charset_header: str | None  # charset in the Content-Type header; None: not sent
    last_modified: str  # HTTP date of every file (the variants are a day later)
    files: dict[str, bytes] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    content_type: dict[str, str] = field(default_factory=dict)
    rewrites: list[tuple[str, str]] = field(default_factory=list)

    def add(self, path: str, text: str, encoding: str = "utf-8", *, status: int = 200) -> None:
        # strict: a character the page's encoding cannot hold is a bug in the sample
        self.files[path] = text.encode(encoding)
        if status != 200:
            self.status[path] = status

    def write(self, root: Path) -> None:
        folder = root / self.host
        for path, body in sorted(self.files.items()):
            target = folder / file_name(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        meta = {
            "charset_header": self.charset_header,
            "last_modified": self.last_modified,
            "status": dict(sorted(self.status.items())),
            "content_type": dict(sorted(self.content_type.items())),
            "rewrites": self.rewrites,
        }
        (folder / "_site.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def file_name(path: str) -> str:
    """``/a/b.html`` → ``a/b.html``; ``/p?x=1`` → ``p@x=1``; ``/dir/`` → ``dir/index.html``."""
    path, _, query = path.partition("?")
    name = path.lstrip("/")
    if not name or name.endswith("/"):
        name += "index.html"
    return f"{name}@{query}" if query else name


def paras(story: Story | tuple[str, ...], indent: str = "") -> str:
    items = story.paragraphs if isinstance(story, Story) else story
    return "\n".join(f"<p>{indent}{html.escape(p, quote=False)}</p>" for p in items)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


# --------------------------------------------------------------------------------------------
# 青岛日报 e-paper: Founder (方正翔宇) layout of the 西藏日报 kind, UTF-8
# --------------------------------------------------------------------------------------------

QDRB_EDITIONS = [
    # (date, [(node, 版名, [(node_id, article_id, story), ...])])
    (
        "2026-06-02",
        [
            (
                1,
                "要闻",
                [(144591, 3494474, c.QD_SIGNED_5M), (144591, 3494475, c.QD_GROUNDBREAKING)],
            ),
            (2, "经济", [(144592, 3494480, c.SCO_FDI)]),
        ],
    ),
    (
        "2026-06-01",
        [
            (1, "要闻", [(144571, 3494420, c.QD_PORT)]),
            (2, "区市", [(144572, 3494431, c.PINGDU_INDUSTRY)]),
        ],
    ),
    (
        "2026-04-09",
        [
            (1, "要闻", [(144211, 3491102, None), (144211, 3491103, c.JIMO_Q1)]),
            (2, "经济", []),
        ],
    ),
]

# 青岛日报 runs the West Coast story a day later, shortened to its first four paragraphs.
QDRB_XIHAIAN = Story(
    title="西海岸新区一季度新开工项目155个",
    author="记者 董梅雪",
    paragraphs=(
        "本报讯（记者 董梅雪）" + c.XIHAIAN_Q1.paragraphs[0].split("讯 ", 1)[1],
        *c.XIHAIAN_Q1.paragraphs[1:4],
    ),
)


def qdrb_day_path(date: str) -> str:
    return f"/qdrb/html/{date[:7]}/{date[8:]}"


def qdrb_head(title: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=0.28">
<title>{esc(title)}</title>
<link rel="stylesheet" href="../../../assets/bootstrap/css/bootstrap.min.css">
<link rel="stylesheet" href="../../../assets/css/css.css">
<script src="../../../assets/js/jquery.min.js"></script>
<script type="text/javascript">//提交表单
function per_submit(){{ if(form1.contentKey.value==""){{ return; }} document.form1.submit(); }}</script>
</head>
"""


def qdrb_top(date: str, node: int, nodes: list[tuple[int, str]], prev_date: str | None) -> str:
    day = qdrb_day_path(date)
    current = ' class="curr"'
    tabs = "\n".join(
        f'<li><a href="{day}/node_{n}.htm"{current if n == node else ""}>'
        f"第{n:02d}版：{esc(name)}</a></li>"
        for n, name in nodes
    )
    prev = (
        f'<a href="{qdrb_day_path(prev_date)}/node_1.htm" class="t-btn btn-bg" id="goPrePeriod">'
        "<i></i>上<br />一<br />期</a>"
        if prev_date
        else '<a href="#" class="t-btn btn-bg" id="goPrePeriod"><i></i>上<br />一<br />期</a>'
    )
    y, m, d = date.split("-")
    return f"""<body>
<div class="top"><div class="container"><img src="../../../img/logo.png" />
<div class="wq-btn"><a href="/qdrb/search/history.htm" class="btn" target="_blank">往期数字报刊</a></div>
<p class="text-right"><a class='curr' href='/qdrb/html/index.htm'><span>《青岛日报》</span></a>
<a href='/qdwb/html/index.htm'><span>《青岛早报》</span></a></p></div></div>
<div class="container"><div class="center clearfix">
<div class="left-btn"><ul>
<li><a class="r-btn btn-bg" id="candler"><i></i>日<br />历</a><div class="time-control" style="display:none;"><div class="time-control-title text-center">按日期查询</div></div></li>
<li>{prev}</li>
<li><a href="#" class="b-btn btn-bg" id="goNextPeriod">下<br />一<br />期<i></i></a></li>
</ul></div>
<form name="form1" id="f1" action="/qdrb/search/SearchServlet.do" method="POST" target="_blank">
<span id="paperdate">{y}年{m}月{d}日</span><input type="text" name="content" id="contentKey"></form>
<div class="bmnav"><ul>
{tabs}
</ul></div>
"""


QDRB_FOOT = """<div class="footer"><p>青岛日报社出版<span>|</span>国内统一刊号：CN37—0018</p>
<p>所有内容为青岛日报社版权所有，未经授权不得复制转载或建立镜像<span>|</span>鲁ICP备05035291号</p></div>
</div></div>
<script>$("#candler").click(function(){ $(".time-control").toggle(); });</script>
</body></html>
"""


def qdrb_node_page(date: str, node: int, nodes, articles, prev_date: str | None) -> str:
    areas = "".join(
        f'<Area coords="0,{40 + i * 200},516,{220 + i * 200}" shape="polygon" '
        f'href="content_{node_id}_{art_id}.htm">'
        for i, (node_id, art_id, _story) in enumerate(articles)
    )
    titles = "\n".join(
        f'<li><a href="content_{node_id}_{art_id}.htm">{esc(story.title)}</a></li>'
        for node_id, art_id, story in articles
    )
    name = dict(nodes)[node]
    return (
        qdrb_head(f"青岛日报数字报-第{node:02d}版：{name}")
        + qdrb_top(date, node, nodes, prev_date)
        + f"""<div class="newspaper-pic" style="position: relative;">
<img class="preview" src="images/{date}/{node:02d}/page_b.jpg" usemap="#PagePicMap">
<MAP NAME="PagePicMap">{areas}</MAP></div>
<div class="news-list"><h3>本版标题</h3><ul>
{titles}
</ul></div>
<div class="pdf"><a href="/qdrb/resfile/{date}/{node:02d}/qdrb{date.replace("-", "")}{node:02d}.pdf">本版PDF</a></div>
"""
        + QDRB_FOOT
    )


def qdrb_content_page(date: str, node: int, nodes, node_id: int, art_id: int, story: Story) -> str:
    url = f"http://epaper.qingdaonews.com{qdrb_day_path(date)}/content_{node_id}_{art_id}.htm"
    author = story.author.replace("记者 ", "").replace("通讯员 ", "")
    body = paras(story, "\u3000\u3000")
    return (
        qdrb_head(story.title)
        + qdrb_top(date, node, nodes, None)
        + f"""<div class="right-btn"><li><a class="f-btn" href="node_{node}.htm"><i></i>返<br />回</a></li></div>
<div class="detail"><div class="detail-art">
<div class="totalTitle"><p class="introtitle text-center" id="PreTitle"></p>
<h2 id="Title" class="art-title text-center">{esc(story.title)}</h2>
<p class="subtitle text-center" id="SubTitle">{esc(story.subtitle)}</p></div>
<div class="attachment" align="center"><!--高级资源列表--></div>
<div id="ozoom" style="zoom:100%;" class="content">
<founder-content>
<!--enpcontent--><p> </p>{body}<p> </p><!--/enpcontent--><!--enpproperty <articleid>{art_id}</articleid><date>{date} 00:00:00:0</date><author>{esc(author)}</author><subtitle>{esc(story.subtitle)}</subtitle><introtitle></introtitle><keyword></keyword><paperarticleid>{art_id}</paperarticleid><channel>1</channel><nodeid>{node_id}</nodeid><nodename>第{node:02d}版</nodename><url>{url}</url><siteid>1</siteid><paperid>1</paperid><title>{esc(story.title)}</title>/enpproperty-->
</founder-content>
</div></div></div>
"""
        + QDRB_FOOT
    )


def build_qdrb() -> Site:
    site = Site("epaper.qingdaonews.com", "utf-8", "Tue, 02 Jun 2026 06:00:00 GMT")
    site.add(
        "/robots.txt",
        "User-agent: *\nDisallow: /qdrb/search/\nDisallow: /qdrb/resfile/\n",
    )
    latest = QDRB_EDITIONS[0][0]
    site.add(
        "/qdrb/html/index.htm",
        f"""<html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={qdrb_day_path(latest)}/node_1.htm">
<title>青岛日报数字报</title></head>
<body><a href="{qdrb_day_path(latest)}/node_1.htm">进入今日青岛日报</a></body></html>
""",
    )
    for i, (date, nodes_spec) in enumerate(QDRB_EDITIONS):
        prev_date = QDRB_EDITIONS[i + 1][0] if i + 1 < len(QDRB_EDITIONS) else None
        nodes = [(n, name) for n, name, _ in nodes_spec]
        for node, _name, articles in nodes_spec:
            articles = [(nid, aid, story or QDRB_XIHAIAN) for nid, aid, story in articles]
            site.add(
                f"{qdrb_day_path(date)}/node_{node}.htm",
                qdrb_node_page(date, node, nodes, articles, prev_date),
            )
            for node_id, art_id, story in articles:
                site.add(
                    f"{qdrb_day_path(date)}/content_{node_id}_{art_id}.htm",
                    qdrb_content_page(date, node, nodes, node_id, art_id, story),
                )
    return site


# --------------------------------------------------------------------------------------------
# 西海岸新闻 e-paper: older Founder layout of the 大河报 kind (font01 tables, mpproperty
# after </html>), GBK bytes
# --------------------------------------------------------------------------------------------

XHAXW_EDITIONS = [
    (
        "2026-04-08",
        [
            (2, "A01", "要闻", [(20831, c.XIHAIAN_Q1)]),
            (3, "A02", "经济", [(20836, c.XHA_FILM)]),
        ],
    ),
    (
        "2026-04-07",
        [
            (2, "A01", "要闻", [(20802, c.XHA_PORT)]),
            (3, "A02", "经济", [(20807, c.XHA_DOUBLE)]),
        ],
    ),
]
# content_20836: the meta says utf-8 but the bytes are GBK; content_20802: no meta charset at all
XHAXW_LYING_META = {20836}
XHAXW_NO_META = {20802}


def xhaxw_meta(art_id: int | None) -> str:
    if art_id in XHAXW_NO_META:
        return ""
    charset = "utf-8" if art_id in XHAXW_LYING_META else "gb2312"
    return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'


def xhaxw_nav(date: str, nodes, prev_date: str | None) -> str:
    tabs = "".join(
        f'<tr><td class="default"><a id="pageLink" href="node_{n}.htm">{page}：{esc(name)}</a></td></tr>'
        for n, page, name, _ in nodes
    )
    prev = (
        f'<a href="../../{prev_date[:7]}/{prev_date[8:]}/node_2.htm">上一期</a>'
        if prev_date
        else ""
    )
    return f"""<table width="100%" border="0" cellspacing="0" cellpadding="0" class="bmnav">
<tr><td><span class="default">{date[:4]}年{date[5:7]}月{date[8:]}日</span> {prev}
<a href="/html/index.htm">返回首页</a> <a href="/bak/">往期回顾</a></td></tr>{tabs}</table>"""


def xhaxw_node_page(date: str, node: int, nodes, prev_date: str | None) -> str:
    page, name, articles = next((p, nm, a) for n, p, nm, a in nodes if n == node)
    links = "".join(
        f'<tr><td><img src="../../../tplimg/dot.gif"><a href="content_{aid}.htm">'
        f'<div style="display:inline" id="mp{aid}">{esc(story.title)}</div></a></td></tr>'
        for aid, story in articles
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>西海岸新闻数字报-{page}：{esc(name)}</title>
<link href="../../../tplimg/css_epaper.css" rel="stylesheet" type="text/css" />
<SCRIPT language=Javascript src="../../../tplimg/mp.js"></SCRIPT>
</head><body>
{xhaxw_nav(date, nodes, prev_date)}
<table width="100%" class="list"><tr><td class="px12">本版新闻</td></tr>{links}</table>
<div class="foot">西海岸新闻社主办 版权所有 鲁ICP备10012345号</div>
</body></html>
"""


def xhaxw_content_page(date: str, node: int, page: str, nodes, art_id: int, story: Story) -> str:
    body = paras(story, "&nbsp;&nbsp;&nbsp;&nbsp;")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
{xhaxw_meta(art_id)}
<title>{esc(story.title)}--西海岸新闻网</title>
<link href="../../../tplimg/css_epaper.css" rel="stylesheet" type="text/css" />
<SCRIPT language=Javascript src="../../../tplimg/prototype.js"></SCRIPT>
<style type="text/css"><!-- .STYLE2 {{ color: #FFFFFF; font-weight: bold; }} --></style>
</head><body>
{xhaxw_nav(date, nodes, None)}
<div class="dTit2"><h1><table cellspacing=0 cellpadding=5 width=100% border=0><tbody>
<tr valign=top><td class="font02" align=center style="color: #827E7B;"></td></TR>
<tr valign=top><td class="font01" align=center style="color: #0205FF;">{esc(story.title)}</td></TR>
<tr valign=top><td class="font02" align=center style="color: #827E7B;">{esc(story.subtitle)}</td></TR>
</tbody></table></h1>
<strong><a href="/html/index.htm" target="_blank">返回首页</a></strong><span><a href="node_{node}.htm">返回本版</a></span></div>
<div class="dContents"><p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(story.author)}</p>
<DIV id=ozoom style="zoom:100%;FLOAT: left;height:700px; overflow-y:scroll; width:100%;"><!--enpcontent--><P>{body}</P><!--/enpcontent--></DIV></div>
<script language=javascript>if(picResCount>0){{document.getElementById("picres").style.display="block";}}</script>
</body>
</html>
<!--mpproperty <founder-date> {date} </founder-date> <founder-author> {esc(story.author)} </founder-author> <founder-title>{esc(story.title)} </founder-title> <founder-nodename></founder-nodename> <founder-subtitle>{esc(story.subtitle)}</founder-subtitle> <founder-type>1</founder-type> <founder-pagenum>{page}</founder-pagenum> <founder-papername>西海岸新闻</founder-papername> <founder-nodeid>{node}</founder-nodeid> /mpproperty-->
"""


def build_xhaxw() -> Site:
    # The server names no charset: the browser (and we) must work it out from the bytes.
    site = Site("epaper.xihaiannews.com", None, "Wed, 08 Apr 2026 05:30:00 GMT")
    site.add("/robots.txt", "User-agent: *\nDisallow: /bak/\n")
    latest = XHAXW_EDITIONS[0][0]
    site.add(
        "/html/index.htm",
        f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta http-equiv="refresh" content="0; url=../html/{latest[:7]}/{latest[8:]}/node_2.htm">
<title>西海岸新闻数字报</title></head>
<body><a href="/html/{latest[:7]}/{latest[8:]}/node_2.htm">进入今日西海岸新闻</a></body></html>
""",
        "gbk",
    )
    for i, (date, nodes) in enumerate(XHAXW_EDITIONS):
        prev_date = XHAXW_EDITIONS[i + 1][0] if i + 1 < len(XHAXW_EDITIONS) else None
        day = f"/html/{date[:7]}/{date[8:]}"
        for node, page, _name, articles in nodes:
            site.add(f"{day}/node_{node}.htm", xhaxw_node_page(date, node, nodes, prev_date), "gbk")
            for art_id, story in articles:
                site.add(
                    f"{day}/content_{art_id}.htm",
                    xhaxw_content_page(date, node, page, nodes, art_id, story),
                    "gbk",
                )
    return site


# --------------------------------------------------------------------------------------------
# 青岛西海岸发布 on Sohu: the account's profile list (mp.sohu.com) and /a/ pages (www.sohu.com)
# --------------------------------------------------------------------------------------------

SOHU_ACCOUNT = "121106994"
SOHU_XPT = "eGloYWlmYWJ1QHNvaHUuY29t"
SOHU_ARTICLES = [
    # (article id, "YYYY-MM-DD HH:MM", story, 来源 or None, kind)
    ("868523456", "2026-05-12 20:15", c.XHA_SHENZHEN, None, "article"),
    ("868534567", "2026-05-20 09:40", None, None, "video"),
    ("868512345", "2026-04-18 10:05", c.XHA_Q2_START, None, "article"),
    ("868501234", "2026-04-08 18:32", c.XIHAIAN_Q1, "西海岸新闻", "article"),
    ("868400001", "2026-04-02 08:00", None, None, "deleted"),
    ("860012345", "2025-11-03 17:20", c.XHA_FIXED_INVEST_2025, None, "article"),
]
SOHU_PAGE_SIZE = 5


def epoch_ms(stamp: str) -> int:
    # Sohu's data-val is the Beijing time as epoch milliseconds
    from datetime import timedelta, timezone

    dt = datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=timezone(timedelta(hours=8)))
    return int(dt.timestamp() * 1000)


def sohu_article_page(art_id: str, stamp: str, story: Story, origin: str | None) -> str:
    url = f"www.sohu.com/a/{art_id}_{SOHU_ACCOUNT}"
    original_link = (
        f'<span data-role="original-link">来源:<a href="http://epaper.xihaiannews.com/html/index.htm" target="_blank">{origin}</a></span>'
        if origin
        else ""
    )
    original_title = (
        f'<p data-role="original-title" style="display:none">原标题：{esc(story.title)}</p>'
        if origin
        else ""
    )
    return f"""<!DOCTYPE html>
<html data-log-pv='{{"mpc":8}}' lang="en">
<head>
<title>{esc(story.title)}_新区_项目_投资</title>
<meta http-equiv="Cache-Control" content="no-transform" />
<meta name="copyright" content="Copyright © 2026 Sohu.com Inc. All Rights Reserved." />
<meta name="mediaid" content="青岛西海岸发布"/>
<meta property="og:type" content="news"/>
<meta property="og:url" content="{url}"/>
<meta property="og:release_date" content="{stamp}"/>
<meta itemprop="datePublished" content="{stamp}" />
<link rel="canonical" href="http://{url}"/>
<meta property="og:title" content="{esc(story.title)}"/>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1,maximum-scale=1" />
<script>var _sohu_page_info = {{"news_id":"{art_id}","media_id":"{SOHU_ACCOUNT}"}};</script>
</head>
<body class="article-page">
<div class="wrapper-box"><header id="main-header"><div class="area"><a href="//www.sohu.com">搜狐首页</a>
<a href="//news.sohu.com">新闻</a><a href="//business.sohu.com">财经</a></div></header>
<div class="location area"><a href="//www.sohu.com/c/8/1460">新闻</a> &gt; 正文</div>
<div class="area clearfix" id="article-container"><div class="left main" data-spm="content">
<div class="text"><div class="text-title"><h1> {esc(story.title)} <span class="article-tag"> </span></h1>
<div class="article-info"><span class="time" id="news-time" data-val="{epoch_ms(stamp)}">{stamp}</span>
{original_link}<div id="abroad-share-box" class="abroad-share-box"></div></div></div>
<article class="article" id="mp-editor">
{original_title}
{paras(story)}
<p data-role="editor-name">责任编辑：<span>刘婷</span></p>
<a href="//www.sohu.com/?strategyid=00001 " target="_blank" title="点击进入搜狐首页" id="backsohucom" style="white-space: nowrap;"><span class="backword"><i class="backsohu"></i>返回搜狐，查看更多</span></a>
</article>
<div id="articleTransfer"><span>声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。</span></div>
<div class="statement">平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。</div>
<div class="bottom-relate-wrap clear type-3"><h3>推荐阅读</h3><ul>
<li><a href="/a/{SOHU_ARTICLES[2][0]}_{SOHU_ACCOUNT}">{esc(c.XHA_Q2_START.title)}</a></li></ul></div>
</div></div>
<div class="sidebar right" id="right-side-bar"><div class="user-info"><a href="https://mp.sohu.com/profile?xpt={SOHU_XPT}">青岛西海岸发布</a>
<p>文章 1268 总阅读 3462万</p></div></div>
</div></div>
<script src="//js.sohu.com/pv.js"></script>
</body></html>
"""


def sohu_video_page(art_id: str, stamp: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/>
<title>视频｜航拍西海岸：重点项目建设正酣_新区_画面</title>
<meta property="og:type" content="video"/>
<meta property="og:url" content="www.sohu.com/a/{art_id}_{SOHU_ACCOUNT}"/>
<link rel="canonical" href="http://www.sohu.com/a/{art_id}_{SOHU_ACCOUNT}"/>
</head><body class="article-page">
<div class="text"><div class="text-title"><h1> 视频｜航拍西海岸：重点项目建设正酣 </h1>
<div class="article-info"><span class="time" id="news-time" data-val="{epoch_ms(stamp)}">{stamp}</span></div></div>
<article class="article" id="mp-editor">
<div id="sohuplayer"></div>
<script type="text/javascript" src="//js.tv.itc.cn/base/plugin/showPlayer.js"></script>
<script type="text/javascript">showPlayer({{ el: '#sohuplayer', bid:'236540981', autoplay: false, width:'640', height:'360' }});</script>
<p class="video-title"><span class="video-ionc"></span>航拍西海岸</p>
<a href="//www.sohu.com/?strategyid=00001" id="backsohucom"><span class="backword">返回搜狐，查看更多</span></a>
</article></div></body></html>
"""


SOHU_404 = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>404 - 搜狐</title></head>
<body><div class="error-page"><img src="//statics.itc.cn/web/static/images/404.png">
<p>非常抱歉，您访问的页面不存在或已被删除</p><a href="//www.sohu.com">返回搜狐首页</a></div></body></html>
"""


def sohu_profile_page(page: int, pages: int, entries) -> str:
    items = "\n".join(
        f"""<div class="feed-item"><h4 class="feed-title"><a href="https://www.sohu.com/a/{aid}_{SOHU_ACCOUNT}" target="_blank">{esc(title)}</a></h4>
<div class="feed-info"><span class="feed-time" data-time="{stamp}">{stamp}</span><span class="feed-read">阅读 {1200 + i * 317}</span></div></div>"""
        for i, (aid, stamp, title) in enumerate(entries)
    )
    more = (
        f'<a class="page-next" href="/profile?xpt={SOHU_XPT}&amp;pageNumber={page + 1}">下一页</a>'
        if page < pages
        else ""
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>青岛西海岸发布的主页 - 搜狐号</title></head>
<body><div class="profile-head"><h1 class="profile-name">青岛西海岸发布</h1>
<p class="profile-desc">青岛西海岸新区官方发布平台</p></div>
<div class="feed-list" data-page="{page}">
{items}
</div>
<div class="pagination"><span class="page-cur">{page}</span>{more}</div>
</body></html>
"""


def build_sohu() -> tuple[Site, Site]:
    www = Site("www.sohu.com", "utf-8", "Wed, 20 May 2026 02:00:00 GMT")
    mp = Site("mp.sohu.com", "utf-8", "Wed, 20 May 2026 02:00:00 GMT")
    www.add("/robots.txt", "User-agent: *\nDisallow: /api/\nDisallow: /upload/\n")
    mp.add("/robots.txt", "User-agent: *\nDisallow: /mpbp/\n")
    www.add("/_404.html", SOHU_404, status=404)
    entries = []
    for aid, stamp, story, origin, kind in SOHU_ARTICLES:
        path = f"/a/{aid}_{SOHU_ACCOUNT}"
        if kind == "article":
            www.add(path, sohu_article_page(aid, stamp, story, origin))
            entries.append((aid, stamp, story.title))
        elif kind == "video":
            www.add(path, sohu_video_page(aid, stamp))
            entries.append((aid, stamp, "视频｜航拍西海岸：重点项目建设正酣"))
        else:  # deleted since: still listed on the profile, 404 on the site
            entries.append((aid, stamp, "西海岸新区召开重点项目推进会"))
    pages = (len(entries) + SOHU_PAGE_SIZE - 1) // SOHU_PAGE_SIZE
    for page in range(1, pages + 1):
        chunk = entries[(page - 1) * SOHU_PAGE_SIZE : page * SOHU_PAGE_SIZE]
        query = f"xpt={SOHU_XPT}" + (f"&pageNumber={page}" if page > 1 else "")
        mp.add(f"/profile?{query}", sohu_profile_page(page, pages, chunk))
    return www, mp


# --------------------------------------------------------------------------------------------
# 园区产业招商 zngk.vip: Z-BlogPHP reprint site, UTF-8
# --------------------------------------------------------------------------------------------

ZNGK_CONTACT = (
    "更多园区招商信息请联系：招商部 张经理 138 6398 5217（微信同号），"
    "专业提供厂房土地、落户政策咨询。"
)
ZNGK_POSTS = [
    # (id, date, title, story or paragraphs, source)
    (1291, "2026-05-15 09:12:40", c.XHA_FDI_4M.title, c.XHA_FDI_4M, "青岛西海岸发布"),
    (
        1290,
        "2026-05-06 16:30:05",
        c.PARK_POLICY_PART1.title,
        c.PARK_POLICY_PART1,
        "西海岸新区投资促进中心",
    ),
    (1289, "2026-04-11 08:45:17", "[园区招商]" + c.JIMO_Q1.title, c.JIMO_Q1, "青岛日报"),
    (
        1288,
        "2026-04-10 10:02:33",
        "[园区招商]" + c.XIHAIAN_Q1.title,
        c.XIHAIAN_Q1,
        "青岛西海岸发布",
    ),
    (1275, "2025-12-28 15:20:00", c.PARK_REVIEW_2025.title, c.PARK_REVIEW_2025, "园区产业招商"),
]
ZNGK_PAGE_SIZE = 4


def zngk_head(title: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh-CN" lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="Content-Language" content="zh-CN">
<!--TDK--><title>{esc(title)}</title><!--TDK end-->
<meta name="generator" content="Z-BlogPHP 1.7.3">
<link rel="stylesheet" href="http://www.zngk.vip/zb_users/theme/coolseo4/style/style.css" type="text/css" media="all">
<script src="http://www.zngk.vip/zb_system/script/common.js" type="text/javascript"></script>
<script src="http://www.zngk.vip/zb_system/script/c_html_js_add.php" type="text/javascript"></script>
</head><body>
<div id="header"><div class="logo"><a href="http://www.zngk.vip/">园区产业招商</a></div>
<ul id="nav"><li><a href="http://www.zngk.vip/">首页</a></li><li><a href="http://www.zngk.vip/category-2.html">招商资讯</a></li>
<li><a href="http://www.zngk.vip/about.html">关于我们</a></li></ul>
<form method="post" action="http://www.zngk.vip/zb_system/cmd.php?act=search"><input type="text" name="q"></form></div>
"""


ZNGK_FOOT = """<div id="sidebar"><div class="function" id="divContorPanel"><h3>控制面板</h3>
<a href="http://www.zngk.vip/zb_system/login.php">登录</a></div>
<div class="function" id="divTags"><h3>标签列表</h3><a href="http://www.zngk.vip/tags-15.html">新开工项目</a></div></div>
<div id="footer">Copyright © 2026 园区产业招商 版权所有 | Powered By Z-BlogPHP | 鲁ICP备2024012345号-1</div>
</body></html>
"""


def zngk_post_page(
    post_id: int, date: str, title: str, body: str, source: str, *, related, pagebar: str = ""
) -> str:
    related_html = "".join(
        f'<li><a href="http://www.zngk.vip/post/{rid}.html">{esc(rtitle)}</a></li>'
        for rid, rtitle in related
    )
    return (
        zngk_head(f"{title}-园区产业招商")
        + f"""<div id="content"><div class="breadcrumb">当前位置：<a href="http://www.zngk.vip/" class="map2">首页</a> &gt;
<a href="http://www.zngk.vip/category-2.html" class="map2">招商资讯</a> &gt; 正文</div>
<div class="post single"><h2 class="post-title">{esc(title)}</h2>
<h6 class="post-footer"><a class="post-date">{date[:4]}年{date[5:7]}月{date[8:10]}日</a>
<i class="fa fa-user"></i>园区产业招商 <i class="fa fa-list"></i>招商资讯 <i class="fa fa-eye"></i>{post_id * 3 % 997}</h6>
<div class="post-body">{body}
<p>来源：{esc(source)}</p>
<p>{esc(ZNGK_CONTACT)}</p>
<p>该文章来源互联网，如有侵权请联系删除。</p>
{pagebar}</div>
<div class="post-tags">标签：<a href="http://www.zngk.vip/tags-15.html">新开工项目</a></div>
<div class="related"><h3>相关文章</h3><ul>{related_html}</ul></div>
<p class="post-nav">本文链接：<a href="http://www.zngk.vip/post/{post_id}.html">http://www.zngk.vip/post/{post_id}.html</a></p>
</div></div>
"""
        + ZNGK_FOOT
    )


def zngk_list_page(title: str, posts, pagebar: str) -> str:
    items = "\n".join(
        f"""<div class="post multi"><h2 class="post-title"><a href="http://www.zngk.vip/post/{pid}.html">{esc(ptitle)}</a></h2>
<h6 class="post-footer"><a class="post-date">{date[:10]}</a></h6>
<div class="post-intro">{esc(story.paragraphs[0][:60])}……</div></div>"""
        for pid, date, ptitle, story, _source in posts
    )
    return (
        zngk_head(title)
        + f'<div id="content">\n{items}\n<div class="pagebar">{pagebar}</div></div>\n'
        + ZNGK_FOOT
    )


def build_zngk() -> Site:
    site = Site("www.zngk.vip", "utf-8", "Fri, 15 May 2026 01:30:00 GMT")
    site.add(
        "/robots.txt",
        "User-agent: *\nDisallow: /zb_system/\nDisallow: /zb_users/\n"
        "Sitemap: http://www.zngk.vip/sitemap.xml\n",
    )
    site.add(
        "/_404.html",
        zngk_head("页面未找到-园区产业招商")
        + '<div id="content"><h2>404</h2><p>对不起，您访问的页面不存在。</p></div>'
        + ZNGK_FOOT,
        status=404,
    )
    titles = {pid: title for pid, _d, title, _s, _src in ZNGK_POSTS}
    for pid, date, title, story, source in ZNGK_POSTS:
        related = [(rid, titles[rid]) for rid in titles if rid != pid][:3]
        if pid == 1290:  # the policy digest is split over two pages by a pagination plugin
            first = zngk_post_page(
                pid,
                date,
                title,
                paras(story),
                source,
                related=related,
                pagebar='<div class="pagebar">1 <a href="http://www.zngk.vip/post/1290_2.html">2</a> <a href="http://www.zngk.vip/post/1290_2.html">下一页</a></div>',
            )
            second = zngk_post_page(
                pid,
                date,
                title,
                paras(c.PARK_POLICY_PART2),
                source,
                related=related,
                pagebar='<div class="pagebar"><a href="http://www.zngk.vip/post/1290.html">上一页</a> <a href="http://www.zngk.vip/post/1290.html">1</a> 2</div>',
            )
            site.add(f"/post/{pid}.html", first)
            site.add(f"/post/{pid}_2.html", second)
        else:
            site.add(
                f"/post/{pid}.html",
                zngk_post_page(pid, date, title, paras(story), source, related=related),
            )
    first, rest = ZNGK_POSTS[:ZNGK_PAGE_SIZE], ZNGK_POSTS[ZNGK_PAGE_SIZE:]
    site.add("/", zngk_list_page("园区产业招商-产业园区招商引资信息平台", first, ""))
    site.add(
        "/category-2.html",
        zngk_list_page(
            "招商资讯-园区产业招商",
            first,
            '<span class="now-page">1</span> <a href="http://www.zngk.vip/category-2_2.html">2</a> <a href="http://www.zngk.vip/category-2_2.html">下一页</a>',
        ),
    )
    site.add(
        "/category-2_2.html",
        zngk_list_page(
            "招商资讯-第2页-园区产业招商",
            rest,
            '<a href="http://www.zngk.vip/category-2.html">上一页</a> <a href="http://www.zngk.vip/category-2.html">1</a> <span class="now-page">2</span>',
        ),
    )
    site.add(
        "/tags-15.html",
        zngk_list_page(
            "新开工项目-标签-园区产业招商", [p for p in ZNGK_POSTS if p[0] in (1288, 1289)], ""
        ),
    )
    site.add(
        "/about.html",
        zngk_head("关于我们-园区产业招商")
        + """<div id="content"><div class="post single"><h2 class="post-title">关于我们</h2>
<div class="post-body"><p>园区产业招商专注产业园区招商引资信息服务，汇集全国重点产业园区的政策、载体与项目资讯。</p>
<p>商务合作：138 6398 5217（微信同号）</p><p>地址：山东省青岛市黄岛区长江中路</p></div></div></div>
"""
        + ZNGK_FOOT,
    )
    urls = "\n".join(
        f"<url><loc>http://www.zngk.vip/post/{pid}.html</loc><lastmod>{date[:10]}</lastmod></url>"
        for pid, date, *_ in ZNGK_POSTS
    )
    site.add(
        "/sitemap.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://www.zngk.vip/</loc></url>
{urls}
<url><loc>http://www.zngk.vip/about.html</loc></url>
</urlset>
""",
    )
    site.content_type["/sitemap.xml"] = "application/xml"
    return site


# --------------------------------------------------------------------------------------------
# 吾爱海洋 52ocean.cn: Discuz! X3.4 forum, GBK, with jammer
# --------------------------------------------------------------------------------------------

JAMMER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!$&()*+,-.'|"


def jammer(rng: random.Random) -> str:
    """A Discuz anti-copy jammer, as the forum inserts after line breaks."""
    noise = " ".join(
        rng.choice(JAMMER_CHARS) + rng.choice("!$&'()*+,-.") for _ in range(rng.randint(3, 6))
    )
    if rng.random() < 0.5:
        return f'<font class="jammer">{esc(noise)}</font>'
    return f'<span style="display:none">{esc(noise)}</span>'


def jammed(paragraphs: tuple[str, ...], rng: random.Random) -> str:
    lines = []
    for p in paragraphs:
        # the jammer also lands inside long paragraphs, at a comma
        if len(p) > 60 and rng.random() < 0.6:
            cut = p.find("，", 30) + 1 or len(p)
            p_html = esc(p[:cut]) + jammer(rng) + esc(p[cut:])
        else:
            p_html = esc(p)
        lines.append(f"{p_html}{jammer(rng)}<br />\r\n")
    return "".join(lines)


OCEAN_THREADS = [
    # (tid, posted, author, title, story, edited_by)
    (6103, "2026-4-16 14:05", "蓝色海湾", c.BLUE_VALLEY.title, c.BLUE_VALLEY, None),
    (
        6102,
        "2026-4-13 09:30",
        "海洋观察员",
        c.OCEAN_GDP_Q1.title,
        c.OCEAN_GDP_Q1,
        "admin 于 2026-4-20 10:12",
    ),
    (6101, "2026-4-11 09:23", "海边的风", "【转】" + c.XIHAIAN_Q1.title, c.XIHAIAN_Q1, None),
    (6104, "2026-4-10 16:48", "潮汐", "青岛海洋装备产业链招商对接会举行", None, None),
    (5890, "2025-8-27 11:02", "渔港老张", c.OCEAN_RANCH_2025.title, c.OCEAN_RANCH_2025, None),
]
OCEAN_PAGE_SIZE = 4
OCEAN_CHALLENGE_TID = 6104


def ocean_head(title: str, tid: int | None = None) -> str:
    canonical = (
        f'<link href="https://www.52ocean.cn/forum.php?mod=viewthread&amp;tid={tid}" rel="canonical" />'
        if tid
        else ""
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{esc(title)} -  吾爱海洋论坛 -  Powered by Discuz!</title>
<meta name="generator" content="Discuz! X3.4" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2021 Tencent Cloud." />
{canonical}
<base href="https://www.52ocean.cn/" /><link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?Kx7" />
<script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Kx7', charset = 'gbk', discuz_uid = '0', cookiepre = 'Oc3a_2132_', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0';</script>
<script src="data/cache/common.js?Kx7" type="text/javascript"></script>
</head>
<body id="nv_forum" class="pg_viewthread" onkeydown="if(event.keyCode==27) return false;">
<div id="toptb" class="cl"><div class="wp"><div class="z"><a href="https://www.52ocean.cn/">吾爱海洋</a></div>
<div class="y"><a href="member.php?mod=register">注册</a> <a href="member.php?mod=logging&amp;action=login">登录</a></div></div></div>
<div id="hd"><div class="wp"><h2><a href="./" title="吾爱海洋论坛">吾爱海洋</a></h2>
<form id="scbar_form" method="post" action="search.php?searchsubmit=yes" target="_blank"><input type="text" name="srchtxt" /></form></div></div>
"""


OCEAN_FOOT = """<div id="ft" class="wp cl"><div id="flk" class="y"><p><a href="archiver/">Archiver</a><span class="pipe">|</span>
<a href="forum.php?mobile=yes">手机版</a><span class="pipe">|</span><strong><a href="https://www.52ocean.cn/" target="_blank">吾爱海洋</a></strong>
( <a href="http://beian.miit.gov.cn/" target="_blank">鲁ICP备19023456号-1</a> )</p></div>
<div id="frt"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.4</em></p></div></div>
</body></html>
"""


def ocean_post(
    pid: int,
    floor: int,
    author: str,
    posted: str,
    body_html: str,
    *,
    edited: str | None = None,
    sign: str = "",
) -> str:
    status = (
        f'<i class="pstatus"> 本帖最后由 {edited} 编辑 </i><br />\r\n<br />\r\n' if edited else ""
    )
    signature = (
        f'<div class="sign" style="max-height:100px;maxHeightIE:100px;">{esc(sign)}</div>'
        if sign
        else ""
    )
    return f"""<div id="post_{pid}"><table id="pid{pid}" class="plhin" summary="pid{pid}" cellspacing="0" cellpadding="0">
<tr><td class="pls" rowspan="2"><div class="pi"><div class="authi"><a href="space-uid-{pid % 977}.html" target="_blank" class="xw1">{esc(author)}</a></div></div></td>
<td class="plc"><div class="pi"><strong><a href="forum.php?mod=redirect&amp;goto=findpost&amp;ptid=0&amp;pid={pid}" id="postnum{pid}">{"楼主" if floor == 1 else f"{floor}#"}</a></strong>
<div class="pti"><div class="authi"><em id="authorposton{pid}">发表于 {posted}</em><span class="pipe">|</span><a href="forum.php?mod=viewthread&amp;tid=0&amp;page=1&amp;authorid=1" rel="nofollow">只看该作者</a></div></div></div>
<div class="pct"><div class="pcb"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{pid}">
{status}{body_html}</td></tr></table></div></div></div>
{signature}</td></tr></table></div>
"""


def ocean_thread_page(tid: int, page: int, pages: int, title: str, posts_html: str) -> str:
    pager = ""
    if pages > 1:
        links = "".join(
            f'<a href="thread-{tid}-{p}-1.html">{p}</a>' if p != page else f"<strong>{p}</strong>"
            for p in range(1, pages + 1)
        )
        nxt = (
            f'<a href="thread-{tid}-{page + 1}-1.html" class="nxt">下一页</a>'
            if page < pages
            else ""
        )
        pager = f'<div class="pg">{links}{nxt}</div>'
    return (
        ocean_head(title, tid)
        + f"""<div id="wp" class="wp"><div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm" title="首页">吾爱海洋</a> <em>&rsaquo;</em>
<a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="forum-58-1.html">海洋经济</a> <em>&rsaquo;</em> <a href="thread-{tid}-1-1.html">{esc(title)}</a></div></div>
<div id="ct" class="wp cl"><div id="pgt" class="pgs mbm cl">{pager}</div>
<div id="postlist" class="pl bm"><table cellspacing="0" cellpadding="0"><tr><td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">查看:</span> <span class="xi1">{tid % 1000 + 321}</span></div></td>
<td class="plc ptm pbn vwthd"><h1 class="ts"><span id="thread_subject">{esc(title)}</span></h1>
<span class="xg1"><a href="forum.php?mod=viewthread&amp;tid={tid}" onclick="return copyThreadUrl(this, '吾爱海洋')" >[复制链接]</a></span></td></tr></table>
{posts_html}</div></div></div>
"""
        + OCEAN_FOOT
    )


OCEAN_CHALLENGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" /></head><body>
<script>var x="cookie";var _0x1a2b=["__jsl_clearance_s=1776000000.123|0|f0e1d2c3b4a5","; max-age=3600; path=/"];document[x]=_0x1a2b[0]+_0x1a2b[1];location.href=location.pathname+location.search;</script>
</body></html>
"""


def build_ocean() -> Site:
    site = Site("www.52ocean.cn", "gbk", "Mon, 20 Apr 2026 02:12:00 GMT")
    # Discuz's shipped robots.txt, abridged
    site.add(
        "/robots.txt",
        "User-agent: *\nDisallow: /api/\nDisallow: /data/\nDisallow: /source/\nDisallow: /install/\n"
        "Disallow: /template/\nDisallow: /config/\nDisallow: /uc_client/\nDisallow: /uc_server/\n"
        "Disallow: /static/\nDisallow: /admin.php\nDisallow: /search.php\nDisallow: /member.php\n"
        "Disallow: /api.php\nDisallow: /misc.php\nDisallow: /connect.php\nDisallow: /forum.php?mod=redirect*\n"
        "Disallow: /forum.php?mod=post*\nDisallow: /home.php?mod=spacecp*\nDisallow: /userapp.php?mod=app&*\n"
        "Disallow: /*?mod=misc*\nDisallow: /*?mod=attachment*\nDisallow: /*mobile=yes*\n",
    )
    # Discuz's own URL rewrite: both URL forms reach the same thread or forum page.
    site.rewrites = [
        (r"^/forum\.php\?mod=viewthread&tid=(\d+)&page=(\d+)$", r"/thread-\1-\2-1.html"),
        (r"^/forum\.php\?mod=viewthread&tid=(\d+)$", r"/thread-\1-1-1.html"),
        (r"^/forum\.php\?mod=forumdisplay&fid=(\d+)&page=(\d+)$", r"/forum-\1-\2.html"),
        (r"^/forum\.php\?mod=forumdisplay&fid=(\d+)$", r"/forum-\1-1.html"),
    ]
    rng = random.Random(6101)
    replies = [
        "支持一下，西海岸发展越来越快了。",
        "数据很亮眼，期待上半年突破300个。",
        "mark，收藏了",
    ]
    for tid, posted, author, title, story, edited in OCEAN_THREADS:
        if tid == OCEAN_CHALLENGE_TID:
            site.add(f"/thread-{tid}-1-1.html", OCEAN_CHALLENGE, "gbk", status=521)
            continue
        body = (
            jammed(story.paragraphs, rng)
            if tid == 6101
            else "<br />\r\n".join(esc(p) for p in story.paragraphs)
        )
        posts = ocean_post(
            tid * 10, 1, author, posted, body, edited=edited, sign="海洋强国，从我做起"
        )
        posts += "".join(
            ocean_post(tid * 10 + i, i + 1, f"网友{tid % 100 + i}", posted, esc(text))
            for i, text in enumerate(replies[:2], start=1)
        )
        pages = 2 if tid == 6103 else 1
        site.add(f"/thread-{tid}-1-1.html", ocean_thread_page(tid, 1, pages, title, posts), "gbk")
        if pages == 2:  # page 2 of a thread holds only replies: it is not part of the article
            more = "".join(
                ocean_post(
                    tid * 10 + i,
                    i + 1,
                    f"网友{i}",
                    "2026-4-18 20:11",
                    esc(f"第{i}楼：蓝谷的项目落地速度确实快。"),
                )
                for i in range(3, 6)
            )
            site.add(f"/thread-{tid}-2-1.html", ocean_thread_page(tid, 2, 2, title, more), "gbk")

    def forum_list(page: int, threads) -> str:
        rows = "\n".join(
            f"""<tbody id="normalthread_{tid}"><tr><th class="common"><a href="thread-{tid}-1-1.html" onclick="atarget(this)" class="s xst">{esc(title)}</a></th>
<td class="by"><cite><a href="space-uid-1.html">{esc(author)}</a></cite><em><span>{posted.split()[0]}</span></em></td>
<td class="num"><a href="thread-{tid}-1-1.html" class="xi2">{tid % 17}</a><em>{tid % 400}</em></td></tr></tbody>"""
            for tid, posted, author, title, _s, _e in threads
        )
        nxt = (
            '<a href="forum-58-2.html" class="nxt">下一页</a>'
            if page == 1
            else '<a href="forum-58-1.html" class="prev">上一页</a>'
        )
        return (
            ocean_head("海洋经济")
            + f"""<div id="wp" class="wp"><div id="pt" class="bm cl"><a href="./">吾爱海洋</a> &rsaquo; <a href="forum.php">论坛</a> &rsaquo; 海洋经济</div>
<div id="pgt" class="bm bw0 pgs cl"><span id="fd_page_top"><div class="pg"><strong>{page}</strong>{nxt}</div></span>
<a href="forum.php?mod=post&amp;action=newthread&amp;fid=58" id="newspecial" title="发新帖">发新帖</a></div>
<div id="threadlist" class="tl bm bmw"><form method="post" name="moderate" id="moderate" action="forum.php?mod=topicadmin&amp;action=moderate&amp;fid=58">
<table summary="forum_58" cellspacing="0" cellpadding="0" id="threadlisttableid">
{rows}
</table></form></div></div>
"""
            + OCEAN_FOOT
        )

    site.add("/forum-58-1.html", forum_list(1, OCEAN_THREADS[:OCEAN_PAGE_SIZE]), "gbk")
    site.add("/forum-58-2.html", forum_list(2, OCEAN_THREADS[OCEAN_PAGE_SIZE:]), "gbk")
    site.add(
        "/forum.php",
        ocean_head("吾爱海洋论坛")
        + """<div id="wp" class="wp"><div class="fl bm"><div class="bm_h"><h2>海洋论坛</h2></div>
<table class="fl_tb"><tr><td class="fl_g"><dl><dt><a href="forum-58-1.html">海洋经济</a></dt><dd>主题: 5, 帖数: 17</dd></dl></td>
<td class="fl_g"><dl><dt><a href="forum-36-1.html">海洋科普</a></dt><dd>主题: 0</dd></dl></td></tr></table></div></div>
"""
        + OCEAN_FOOT,
        "gbk",
    )
    return site


# --------------------------------------------------------------------------------------------
# 威海南海新区 government portal: TRS WCM templates, UTF-8 (one GBK page without a charset)
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# jiaozhou-news.example: a site no registry entry knows (the generic spider's test ground)
# --------------------------------------------------------------------------------------------

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


def build_all() -> list[Site]:
    return [
        build_qdrb(),
        build_xhaxw(),
        *build_sohu(),
        build_zngk(),
        build_ocean(),
        build_nanhai(),
        build_jiaozhou(),
    ]


def main() -> None:
    if SITES_DIR.exists():
        shutil.rmtree(SITES_DIR)
    sites = build_all()
    for site in sites:
        site.write(SITES_DIR)
    pages = sum(1 for site in sites for path in site.files if not path.endswith(".txt"))
    print(f"wrote {pages} pages for {len(sites)} hosts to {SITES_DIR}")


if __name__ == "__main__":
    main()
