"""``newscrawl extract`` on HTML and text files, stdin, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.cli import main

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "extraction"
KEYS = ["path", "url", "title", "published", "author", "source", "text", "facts"]


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
    assert record["source"] == "青岛日报"
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
