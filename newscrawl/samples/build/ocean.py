"""The sample site: 吾爱海洋 52ocean.cn: Discuz! X3.4 forum, GBK, with jammer."""

from __future__ import annotations

import random

from newscrawl.samples import content as c
from newscrawl.samples.build.site import Site, esc

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
