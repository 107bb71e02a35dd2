"""The sample site: 青岛西海岸发布 on Sohu: the account's profile list (mp.sohu.com) and /a/ pages
(www.sohu.com)."""

from __future__ import annotations

from datetime import datetime

from newscrawl.samples import content as c
from newscrawl.samples.build.site import Site, esc, paras
from newscrawl.samples.content import Story

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
