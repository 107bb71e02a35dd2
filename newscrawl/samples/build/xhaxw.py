"""The sample site: 西海岸新闻 e-paper: older Founder layout of the 大河报 kind (font01 tables, mpproperty
after </html>), GBK bytes."""

from __future__ import annotations

from newscrawl.samples import content as c
from newscrawl.samples.build.site import Site, esc, paras
from newscrawl.samples.content import Story

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
