"""A scaled-up sample web: generated articles of regional investment news rendered with the
sample web's own page templates (``newscrawl.samples.build``), served from memory.

Used by ``benchmarks/scaled_web.py`` (thousands of articles on three sites, for throughput) and
``newscrawl.samples.many_sites`` (hundreds of small sites, for runs over many sources); see
docs/benchmarks.md. Articles come from a small grammar of the genre (new projects, signed deals,
key-project progress, foreign capital, with their figures) mixed with real sentences read at run
time from ``../shared/corpus/real`` when it is present (never copied; without it the grammar
alone is used). Pages are routed by the Host header (``<real-host>.localhost:PORT``) like
``newscrawl.samples.server``.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newscrawl.samples.build.nanhai import TRS_FOOT, trs_article, trs_head
from newscrawl.samples.build.qdrb import qdrb_content_page, qdrb_day_path, qdrb_node_page
from newscrawl.samples.build.site import esc, paras
from newscrawl.samples.build.zngk import zngk_list_page, zngk_post_page
from newscrawl.samples.content import Story
from newscrawl.samples.urls import real_host

TRS_HOST = "www.whnanhai.gov.cn"
ZBLOG_HOST = "www.zngk.vip"
EPAPER_HOST = "epaper.qingdaonews.com"
HOSTS = (TRS_HOST, ZBLOG_HOST, EPAPER_HOST)
# Where the generic spider starts on each host (real URLs).
START_URLS = {
    TRS_HOST: f"http://{TRS_HOST}/xwzx/gzdt/index.html",
    ZBLOG_HOST: f"http://{ZBLOG_HOST}/category-2.html",
    EPAPER_HOST: f"http://{EPAPER_HOST}/qdrb/html/index.htm",
}
LIST_PAGE_SIZE = 25
EPAPER_NODES = ((1, "要闻"), (2, "经济"), (3, "区市"), (4, "综合"))
EPAPER_PER_NODE = 4
LAST_DAY = date(2026, 6, 10)

# ---- the article grammar ------------------------------------------------------------------

PLACES = (
    "西海岸新区", "即墨区", "胶州市", "平度市", "莱西市", "城阳区", "崂山区", "李沧区",
    "市北区", "市南区", "南海新区", "荣成市", "文登区", "乳山市", "环翠区", "高新区",
)  # fmt: skip
INDUSTRIES = (
    "新能源汽车", "集成电路", "海洋生物医药", "高端装备", "新材料", "现代物流", "数字经济",
    "氢能", "智能家电", "航空航天", "轨道交通", "精细化工", "食品加工", "文旅康养",
)  # fmt: skip
FIRMS = (
    "海信", "卫华", "中车", "双星", "赛轮", "国轩", "比亚迪", "京东方", "芯恩", "歌尔",
    "万华", "华电", "国电投", "中石化", "青啤", "海尔", "澳柯玛", "软控",
)  # fmt: skip
WORKS = ("产业园", "生产基地", "研发中心", "智能工厂", "总部基地", "配套产业园", "二期工程")
PERIODS = ("一季度", "上半年", "前5个月", "1-4月", "前三季度", "今年以来", "1-8月")
BUREAUS = ("区发展和改革局", "市投资促进局", "区商务局", "区统计局", "区住房城乡建设局")
REPORTERS = ("董梅雪", "李宛遥", "张晓鹏", "于波", "王凯", "孙欣", "刘涛", "陈晓", "丁洁", "周密")


def _pct(rng: random.Random) -> str:
    return f"{rng.uniform(1, 60):.1f}"


def _sentence(rng: random.Random, place: str) -> str:
    industry, firm, work = rng.choice(INDUSTRIES), rng.choice(FIRMS), rng.choice(WORKS)
    period, bureau = rng.choice(PERIODS), rng.choice(BUREAUS)
    n, m = rng.randint(20, 400), rng.randint(3, 90)
    money, money2 = rng.randint(12, 1800), round(rng.uniform(1, 90), 1)
    templates = (
        f"记者从{bureau}获悉，{period}全区新开工项目{n}个，同比增长{_pct(rng)}%；"
        f"总投资{money}亿元，同比增加{money2}亿元。",
        f"{period}，{place}新签约过亿元项目{m}个，总投资{money}亿元，"
        f"其中{industry}项目{rng.randint(2, 30)}个。",
        f"截至{rng.randint(3, 11)}月底，{n}个市级以上重点项目已开工{min(n, n - m)}个，"
        f"开工率{_pct(rng)}%，完成投资{money}亿元。",
        f"{firm}{industry}{work}项目总投资{money2}亿元，占地{rng.randint(50, 900)}亩，"
        f"建成后预计年产值{rng.randint(10, 300)}亿元，新增就业{rng.randint(3, 60) * 100}人。",
        f"实际使用外资{money2}亿美元，同比增长{_pct(rng)}%；新设外资企业{m}家。",
        f"规模以上工业增加值同比增长{_pct(rng)}%，工业投资同比增长{_pct(rng)}%，"
        f"新增规模以上工业企业{m}家。",
        f"{industry}产业链加快集聚，已落地上下游配套企业{m}家，产业规模突破{money}亿元。",
        f"{place}坚持“项目为王”，围绕{industry}、{rng.choice(INDUSTRIES)}等主导产业精准招商，"
        f"全力推动项目早落地、早开工、早投产。",
        f"在{firm}{work}施工现场，{rng.randint(2, 12)}台塔吊同时作业，"
        f"{rng.randint(2, 9) * 100}余名工人正在加紧施工，项目预计{rng.randint(2026, 2028)}年投产。",
        f"下一步，{place}将持续优化营商环境，强化土地、资金、能耗等要素保障，"
        f"力争全年完成固定资产投资同比增长{rng.randint(5, 15)}%以上。",
    )
    return rng.choice(templates)


def _prose(rng: random.Random, place: str) -> str:
    industry, firm, work = rng.choice(INDUSTRIES), rng.choice(FIRMS), rng.choice(WORKS)
    templates = (
        f"{place}把招商引资作为经济工作的“一号工程”，聚焦{industry}等重点产业链，"
        f"开展以商招商、产业链招商和基金招商，推动一批延链补链强链项目签约落地。",
        f"项目建设现场，{firm}{work}的厂房主体已经封顶，设备安装和调试工作正在有序推进，"
        f"企业负责人表示将确保项目按期投产达效。",
        f"为加快项目落地，{place}建立了“一个项目、一名领导、一个专班”的推进机制，"
        f"对重点项目实行清单化管理、节点化推进，及时协调解决用地、用工等难题。",
        f"在审批服务方面，{place}推行“拿地即开工”“容缺受理”等改革举措，"
        f"企业办事由“多头跑”变为“一次办”，项目审批时间大幅压缩。",
        f"业内人士认为，{industry}产业正处在快速成长期，{place}的区位、港口和人才优势"
        f"为相关企业集聚发展提供了良好条件。",
        f"{firm}相关负责人介绍，选择在{place}投资，看中的是这里完善的产业配套和高效的政务服务，"
        f"企业将进一步扩大在当地的投资规模。",
        f"下一步，{place}将坚持招商引资和项目建设两手抓，持续优化营商环境，"
        f"为高质量发展注入强劲动能。",
    )
    return rng.choice(templates)


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
_SENTENCE_RE = re.compile(r"[^。！？\n]+[。！？]")


@cache
def corpus_sentences() -> tuple[str, ...]:
    """Sentences of the real articles in ``../shared/corpus/real`` (read, never copied).

    Articles made only of the templates above share so many word runs that the near-duplicate
    index sees most of them as candidate reprints of each other, which real news does not do;
    real sentences drawn from a pool of thousands keep the texts as distinct as real ones.
    Empty when the corpus is absent: the templates alone are used then.
    """
    texts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(
            (CORPUS / "chinese-web-content-extraction-dataset" / "cleaned").glob("*.txt")
        )
    ]
    truth = CORPUS / "magic-html" / "article" / "base.json"
    if truth.is_file():
        entries = json.loads(truth.read_text(encoding="utf-8"))
        texts += [entries[key]["content"] for key in sorted(entries)]
    found = dict.fromkeys(
        sentence.strip()
        for text in texts
        for sentence in _SENTENCE_RE.findall(text)
        if 12 <= len(sentence.strip()) <= 120
        and sum("\u4e00" <= char <= "\u9fff" for char in sentence) >= 10
    )
    return tuple(found)


def _prose_sentence(rng: random.Random, place: str) -> str:
    pool = corpus_sentences()
    return rng.choice(pool) if pool and rng.random() < 0.8 else _prose(rng, place)


def make_story(article_id: int) -> Story:
    """A deterministic article for ``article_id``: 4-9 paragraphs of 2-4 sentences."""
    rng = random.Random(article_id)
    place = rng.choice(PLACES)
    reporter = rng.choice(REPORTERS)
    # About one sentence in three is a generated figure sentence; the others are real prose.
    paragraphs = [
        "".join(
            _sentence(rng, place) if rng.random() < 0.35 else _prose_sentence(rng, place)
            for _ in range(rng.randint(2, 4))
        )
        for _ in range(rng.randint(4, 9))
    ]
    paragraphs[0] = f"本报讯（记者 {reporter}）" + paragraphs[0]
    first = paragraphs[0]
    title = (
        f"{place}{rng.choice(PERIODS)}新开工项目{rng.randint(20, 400)}个"
        if "新开工" in first
        else f"{place}{rng.choice(INDUSTRIES)}{rng.choice(WORKS)}项目加快建设"
    )
    return Story(title=f"{title}（{article_id}）", paragraphs=tuple(paragraphs), author=reporter)


# ---- the sites ----------------------------------------------------------------------------


@dataclass
class ScaledWeb:
    """Rendered pages by (host, path); ``articles`` lists each host's article URLs."""

    pages: dict[tuple[str, str], bytes] = field(default_factory=dict)
    articles: dict[str, list[str]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)

    def add(self, host: str, path: str, text: str, *, article: bool = False) -> None:
        self.pages[(host, path)] = text.encode("utf-8")
        kind = self.articles if article else self.lists
        kind.setdefault(host, []).append(f"http://{host}{path}")

    def urls(self, host: str) -> list[str]:
        """Every page of ``host`` a complete crawl from its start URL fetches."""
        return self.lists.get(host, []) + self.articles.get(host, [])


def _day(index: int, per_day: int) -> date:
    return LAST_DAY - timedelta(days=index // per_day)


def _pager(names: list[str], current: int) -> str:
    links = " ".join(
        f'<a href="{name}">{i + 1}</a>' if i != current else f"<span>{i + 1}</span>"
        for i, name in enumerate(names)
    )
    nxt = f' <a href="{names[current + 1]}">下一页</a>' if current < len(names) - 1 else ""
    return links + nxt


def _chunks(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(start + size, count))


def add_trs(web: ScaledWeb, first_id: int, count: int, host: str = TRS_HOST) -> None:
    entries = []
    for index in range(count):
        article_id = first_id + index
        day = _day(index, 6)
        path = f"/xwzx/gzdt/{day:%Y%m}/t{day:%Y%m%d}_{article_id}.html"
        story = make_story(article_id)
        pub = f"{day.isoformat()} {9 + index % 8:02d}:{index % 60:02d}"
        body = paras(story, "\u3000\u3000")
        web.add(host, path, trs_article(path, pub, story.title, body, "南海新区"), article=True)
        entries.append((path, pub, story.title))
    chunks = list(_chunks(len(entries), LIST_PAGE_SIZE))
    names = ["index.html"] + [f"index_{i}.html" for i in range(1, len(chunks))]
    for page, chunk in enumerate(chunks):
        items = "\n".join(
            f'<li><a href="{entries[i][0]}" target="_blank" title="{esc(entries[i][2])}">'
            f'{esc(entries[i][2])}</a><span class="date">{entries[i][1][:10]}</span></li>'
            for i in chunk
        )
        web.add(
            host,
            f"/xwzx/gzdt/{names[page]}",
            trs_head("工作动态", column="工作动态")
            + f"""<div class="w1200 main"><div class="position">当前位置：<a href="/">首页</a> &gt; 工作动态</div>
<div class="list"><ul class="list-ul">
{items}
</ul>
<div class="page">{_pager(names, page)}</div></div></div>
"""
            + TRS_FOOT,
        )


def add_zblog(web: ScaledWeb, first_id: int, count: int, host: str = ZBLOG_HOST) -> None:
    posts = []
    for index in range(count):
        post_id = first_id + index
        day = _day(index, 5).isoformat()
        story = make_story(post_id)
        related = [(post_id - k, f"相关文章{post_id - k}") for k in (1, 2, 3) if index >= k]
        web.add(
            host,
            f"/post/{post_id}.html",
            zngk_post_page(post_id, day, story.title, paras(story), "青岛日报", related=related),
            article=True,
        )
        posts.append((post_id, day, story.title, story, "青岛日报"))
    chunks = list(_chunks(len(posts), LIST_PAGE_SIZE))
    names = ["category-2.html"] + [f"category-2_{i + 1}.html" for i in range(1, len(chunks))]
    for page, chunk in enumerate(chunks):
        pagebar = _pager([f"http://{host}/{name}" for name in names], page)
        web.add(
            host,
            f"/{names[page]}",
            zngk_list_page(
                f"招商资讯-第{page + 1}页-园区产业招商", [posts[i] for i in chunk], pagebar
            ),
        )


def add_epaper(web: ScaledWeb, first_id: int, count: int, host: str = EPAPER_HOST) -> None:
    per_edition = len(EPAPER_NODES) * EPAPER_PER_NODE
    editions = []
    for edition, chunk in enumerate(_chunks(count, per_edition)):
        day = (LAST_DAY - timedelta(days=edition)).isoformat()
        articles_by_node: dict[int, list[tuple[int, int, Story]]] = {}
        for offset, index in enumerate(chunk):
            node = EPAPER_NODES[offset // EPAPER_PER_NODE][0]
            node_id = 140000 + edition * 10 + node
            article_id = first_id + index
            articles_by_node.setdefault(node, []).append(
                (node_id, article_id, make_story(article_id))
            )
        nodes = [(n, name) for n, name in EPAPER_NODES if n in articles_by_node]
        for node, articles in articles_by_node.items():
            day_path = qdrb_day_path(day)
            web.add(
                host,
                f"{day_path}/node_{node}.htm",
                qdrb_node_page(day, node, nodes, articles, None),
            )
            for node_id, article_id, story in articles:
                web.add(
                    host,
                    f"{day_path}/content_{node_id}_{article_id}.htm",
                    qdrb_content_page(day, node, nodes, node_id, article_id, story),
                    article=True,
                )
        editions.append(day)
    # The 往期 (back issues) page: every edition's first 版面.
    links = "\n".join(
        f'<li><a href="{qdrb_day_path(day)}/node_1.htm">{day}</a></li>' for day in editions
    )
    web.add(
        host,
        "/qdrb/html/index.htm",
        f"""<html><head><meta charset="utf-8"><title>青岛日报数字报 往期回顾</title></head>
<body><h1>往期回顾</h1><ul class="history">
{links}
</ul></body></html>
""",
    )


FAMILIES = {TRS_HOST: add_trs, ZBLOG_HOST: add_zblog, EPAPER_HOST: add_epaper}
ROBOTS = b"User-agent: *\nDisallow: /preview/\n"


def build_web(articles: int, hosts: tuple[str, ...] = HOSTS) -> ScaledWeb:
    """``articles`` articles split evenly over ``hosts``; article ids never repeat."""
    web = ScaledWeb()
    per_host, extra = divmod(articles, len(hosts))
    first_id = 100000
    for i, host in enumerate(hosts):
        count = per_host + (1 if i < extra else 0)
        FAMILIES[host](web, first_id, count)
        web.pages[(host, "/robots.txt")] = ROBOTS
        first_id += count
    return web


# ---- serving ------------------------------------------------------------------------------


class ScaledWebHandler(BaseHTTPRequestHandler):
    server: ScaledWebServer
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write: written separately on a kept-alive connection,
    # Nagle's algorithm holds the body back until the client's delayed ACK (~40 ms), and
    # every answer would carry that stall.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        if self.server.latency:
            time.sleep(self.server.latency)
        host = real_host(self.headers.get("Host", ""))
        body = self.server.web.pages.get((host, self.path))
        status = 200 if body is not None else 404
        body = body if body is not None else b"404 Not Found\n"
        self.send_response(status)
        kind = "text/plain" if self.path.endswith(".txt") else "text/html"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", self.server.etags.get((host, self.path), '""'))
        self.send_header("Last-Modified", "Wed, 10 Jun 2026 08:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a log line per request would cost more than serving it


class ScaledWebServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, web: ScaledWeb, address: tuple[str, int] = ("127.0.0.1", 0), latency: float = 0.0
    ) -> None:
        super().__init__(address, ScaledWebHandler)
        self.web = web
        self.latency = latency
        self.etags = {
            key: '"' + hashlib.sha1(body).hexdigest()[:20] + '"' for key, body in web.pages.items()
        }

    @property
    def port(self) -> int:
        return self.server_address[1]
