"""``newscrawl extract`` on HTML and text files, stdin, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.cli import main
from pipelines.parse import join_parts, parse_page

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "extraction"
KEYS = [
    "path",
    "url",
    "is_article",
    "not_article_reason",
    "title",
    "published",
    "author",
    "original_source",
    "source",
    "text",
    "facts",
]


def run_extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    status = main(["extract", *args])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    return status, records, captured.err


def test_html_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "reprint.html")
    status, [record], _ = run_extract(capsys, path, "--url", "https://zs.example.cn/news/88.html")
    assert status == 0
    assert list(record) == KEYS
    assert record["path"] == path
    assert record["url"] == "https://zs.example.cn/news/88.html"
    assert record["title"] == "西海岸新区一季度新开工项目155个"
    assert record["published"] == "2022-04-01T09:30:00+08:00"
    assert record["author"] == "董梅雪"
    assert record["original_source"] == record["source"] == "青岛日报"
    assert record["is_article"] is True and record["not_article_reason"] is None
    assert record["text"].startswith("今年以来，西海岸新区坚持“项目为王”")
    assert isinstance(record["facts"], list)
    for fact in record["facts"]:
        assert record["text"][fact["start"] : fact["end"]]


def test_text_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, [record], _ = run_extract(capsys, str(DATA / "jammer.txt"))
    assert status == 0
    assert record["title"] == "青岛西海岸新区营商环境再获肯定"
    assert record["published"] == "2022-03-30T10:20:00+08:00"
    assert record["author"] == "李宛遥"
    assert record["text"].split("\n") == [
        "3月29日，西海岸新区召开一季度项目建设推进会，企业家纷纷为营商环境点赞。”",
        "一季度新开工项目155个，同比增长21.1%；总投资421亿元，其中最大的单体项目投资超50亿元。",
        "新区将继续优化服务，为企业提供第一时间的帮助。",
    ]


def test_stdin_and_several_files_through_the_console_script(tmp_path: Path) -> None:
    gbk_text = tmp_path / "gbk.txt"
    gbk_text.write_bytes("今年以来，新区一季度新开工项目155个，同比增长21.1%。".encode("gbk"))
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "extract", "-", str(gbk_text)],
        input=(DATA / "reprint.html").read_bytes(),
        capture_output=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    first, second = (json.loads(line) for line in result.stdout.decode("utf-8").splitlines())
    assert first["path"] == "-" and first["title"] == "西海岸新区一季度新开工项目155个"
    assert second["text"] == "今年以来，新区一季度新开工项目155个，同比增长21.1%。"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty input"),
        (b"   \n\n", "empty input"),
        (b"\x00\x01\x02\x03PNG\x00" * 50, "binary input"),
        (bytes(range(128, 256)) * 40, "not valid text"),
    ],
)
def test_bad_input_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    status, records, err = run_extract(capsys, str(path))
    assert status != 0
    assert records == []
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_missing_and_huge_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    status, records, err = run_extract(capsys, str(tmp_path / "missing.html"), str(huge))
    assert status != 0 and records == []
    lines = err.splitlines()
    assert "no such file" in lines[0] and "larger than" in lines[1]


SITES = REPO / "newscrawl" / "samples" / "sites"
NANHAI = "http://www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260415_4520.html"
NANHAI_PARTS = [NANHAI, NANHAI.replace(".html", "_1.html"), NANHAI.replace(".html", "_2.html")]


def test_published_and_place_for_piped_text(tmp_path: Path) -> None:
    """全区 and 一季度 mean nothing without the source's place and the date: text input can
    give both."""
    text = "全区一季度新开工项目155个，同比增长21.1%。"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newscrawl",
            "extract",
            "-",
            "--published",
            "2026年4月9日",
            "--place",
            "西海岸新区",
        ],
        input=text.encode(),
        capture_output=True,
        cwd=REPO,
        check=True,
    )
    record = json.loads(result.stdout)
    assert record["published"] == "2026-04-09"
    assert [(f["period"], f["subject"]) for f in record["facts"]] == [
        ("2026-Q1", "西海岸新区"),
        ("2026-Q1", "西海岸新区"),
    ]
    bare = subprocess.run(
        [sys.executable, "-m", "newscrawl", "extract", "-"],
        input=text.encode(),
        capture_output=True,
        cwd=REPO,
        check=True,
    )
    assert [(f["period"], f["subject"]) for f in json.loads(bare.stdout)["facts"]] == [
        (None, None),
        (None, None),
    ]


def test_a_bad_published_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, records, err = run_extract(capsys, "--published", "someday", str(DATA / "jammer.txt"))
    assert status == 2 and records == []
    assert err == "newscrawl extract: --published: not a date: someday\n"


def test_no_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, records, err = run_extract(capsys)
    assert status == 2 and records == [] and err.count("\n") == 1


def test_a_stored_multi_page_article_is_extracted_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raw page as the archive stores a 下一页 article: every part's text, as reparse reads it."""
    raw = join_parts(
        [(url, (SITES / url.removeprefix("http://")).read_bytes()) for url in NANHAI_PARTS]
    )
    path = tmp_path / "raw.html"
    path.write_bytes(raw)
    status, [record], _ = run_extract(capsys, str(path), "--url", NANHAI)
    assert status == 0
    expected = parse_page(raw, NANHAI)
    assert record["text"] == expected.text and record["facts"] == expected.facts
    last_part = parse_page((SITES / NANHAI_PARTS[-1].removeprefix("http://")).read_bytes())
    assert last_part.text.splitlines()[-1] in record["text"]


def test_a_list_page_is_not_an_article(capsys: pytest.CaptureFixture[str]) -> None:
    path = SITES / "www.whnanhai.gov.cn" / "xwzx" / "gzdt" / "index_2.html"
    status, [record], _ = run_extract(capsys, str(path), "--url", "http://www.whnanhai.gov.cn/")
    assert status == 0
    assert record["is_article"] is False and record["not_article_reason"]
