"""The sample site: 园区产业招商 zngk.vip: Z-BlogPHP reprint site, UTF-8."""

from __future__ import annotations

from newscrawl.samples import content as c
from newscrawl.samples.build.site import Site, esc, paras

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
