"""A valid registry entry, and writing entries to files, for the registry's tests."""

from __future__ import annotations

from pathlib import Path

GOOD = """
key = "demo"
name = "演示"
place = "青岛市"
family = "trs"
base_url = "http://www.example.gov.cn/"
start_urls = ["http://www.example.gov.cn/xwzx/index.html"]
allowed_domains = ["example.gov.cn"]
url_confirmed = false

[patterns]
list = ['/xwzx/index(_\\d+)?\\.html$']
article = ['/t\\d{8}_\\d+\\.html$']

[policy]
revisit_ladder = ["2h", "1d"]
"""


def write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
