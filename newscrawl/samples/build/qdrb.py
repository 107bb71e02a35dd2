"""The sample site: 青岛日报 e-paper: Founder (方正翔宇) layout of the 西藏日报 kind, UTF-8."""

from __future__ import annotations

from newscrawl.samples import content as c
from newscrawl.samples.build.site import Site, esc, paras
from newscrawl.samples.content import Story

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
