"""``newscrawl extract`` on input that is not a page: it exits non-zero with one line on stderr
naming the input and the reason, never a traceback, and prints no record for it.

Through the real console entry point (a subprocess) for the named cases, and in-process under
hypothesis for arbitrary bytes (where it may also succeed, with one valid JSON record).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.cli import main
from tests.support.fault_server import PDF

REPO = Path(__file__).resolve().parents[1]


def garbled() -> bytes:
    rng = random.Random(8)
    return bytes(rng.choice([rng.randrange(0x80, 0x100), rng.randrange(1, 9)]) for _ in range(4000))


BAD_INPUTS = {
    "empty": b"",
    "whitespace": b" \r\n\t\n",
    "pdf": PDF * 20,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "garbled": garbled(),
    "utf16-without-bom": "<html><body><p>一季度新开工项目155个</p></body></html>".encode(
        "utf-16-le"
    ),
}


def run_cli(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", "extract", *argv],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], name: str) -> None:
    err = result.stderr.decode("utf-8")
    assert result.returncode != 0, err
    assert result.stdout == b""
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith(f"newscrawl extract: {name}: "), err


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_file(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.html"
    path.write_bytes(BAD_INPUTS[kind])
    assert_one_line_error(run_cli(str(path)), str(path))


@pytest.mark.parametrize("kind", ["empty", "pdf", "garbled"])
def test_bad_stdin(kind: str) -> None:
    assert_one_line_error(run_cli("-", stdin=BAD_INPUTS[kind]), "-")


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: 64 MiB of NULs
    result = run_cli(str(path))
    assert_one_line_error(result, str(path))
    assert "larger than" in result.stderr.decode()


def test_huge_stdin(tmp_path: Path) -> None:
    page = b"<html><body>" + "<p>新开工项目155个，总投资421亿元。</p>".encode() * 700_000
    result = run_cli("-", stdin=page)
    assert_one_line_error(result, "-")
    assert "larger than" in result.stderr.decode()


def test_a_directory_and_a_missing_file(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path), str(tmp_path / "missing.html"))
    err = result.stderr.decode().splitlines()
    assert result.returncode != 0 and result.stdout == b""
    assert "Traceback" not in result.stderr.decode()
    assert err == [
        f"newscrawl extract: {tmp_path}: no such file",
        f"newscrawl extract: {tmp_path / 'missing.html'}: no such file",
    ]


def test_good_input_after_bad_input_is_still_extracted(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.html", tmp_path / "good.html"
    bad.write_bytes(PDF)
    good.write_bytes(
        "<html><head><title>新开工项目155个</title></head><body><div><h1>新开工项目155个</h1>"
        "<p>今年一季度，西海岸新区新开工项目155个，同比增长21.1%；总投资421亿元。</p>"
        "<p>新区坚持项目为王，一批投资规模大、带动能力强的项目加快落地，为全年稳增长打下基础。</p>"
        "</div></body></html>".encode("gbk")
    )
    result = run_cli(str(bad), str(good))
    assert result.returncode != 0
    assert result.stderr.decode().count("\n") == 1
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["path"] == str(good) and "155个" in record["text"]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.one_of(
        st.binary(max_size=4000),
        st.text(max_size=400).map(lambda t: t.encode("utf-8")),
        st.text(max_size=400).map(lambda t: f"<html><body><p>{t}".encode("gb18030", "replace")),
    )
)
def test_any_bytes(
    data: bytes, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "input.html"
    path.write_bytes(data)
    capsys.readouterr()
    status = main(["extract", str(path)])
    out, err = capsys.readouterr()
    if status == 0:
        (record,) = [json.loads(line) for line in out.splitlines()]
        assert record["path"] == str(path) and err == ""
    else:
        assert err.count("\n") == 1 and err.startswith(f"newscrawl extract: {path}: "), err
