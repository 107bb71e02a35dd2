"""Every shell command in README.md and docs/*.md, run the way a reader would run it.

The commands are taken from the fenced code blocks: every line of ``sh``/``shell``/``bash``
blocks, the ``$ `` lines of any block, and in unlabelled blocks the lines that start like a
command (``newscrawl``, ``scrapy``, ``.venv/bin/…``, ``python``). Backslash
continuations are joined and trailing ``# comments`` dropped.

Each one either runs — against a temporary archive, with the bundled sample web standing in
for port 8765, in a scratch directory that also stands in for ``/tmp/`` — and must exit 0, or matches one entry of :data:`SKIP`
with the reason it cannot run here (network, a system service, minutes long). A skip rule that
matches nothing fails the test, so the list stays honest as the docs change.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawl.samples.server import SampleServer

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
COMMAND_START = re.compile(r"^(newscrawl |scrapy |\.venv/bin/|python3? )")
DIAGRAM = re.compile("[─│├└┌┐┘►▼]")
SAMPLE_PORT = "8765"  # the port the docs use for `newscrawl serve-samples`

# (pattern, reason): commands that are not run here, and why.
SKIP: list[tuple[str, str]] = [
    (r"pip install|python3 -m venv", "installs into a new virtualenv: network and minutes"),
    (r"pytest", "runs test files: the test suite is its own check"),
    (r"\bsudo\b|systemctl|journalctl", "installs or inspects systemd units on the host"),
    (r"scrapyd-deploy|:6800/", "needs a running scrapyd (tests/test_scrapyd.py drives one)"),
    (
        r"benchmarks\.(crawl_throughput|per_page|archive_writes|dedup_lookup|many_sources"
        r"|reparse_throughput|crawl_log_size|link_discovery|header_flood)",
        "a benchmark of minutes (its results are in docs/benchmarks.md)",
    ),
    (
        r"benchmarks\.extraction|--corpus",
        "scores the shared corpus of real pages, not in the repository",
    ),
    (r"--format parquet", "needs the optional extra `parquet` (pyarrow), not in the test extra"),
    (r"example\.org|&$", "workers on other machines (tests/test_distributed.py runs two)"),
    (
        r"serve-samples|newscrawl\.samples\.many_sites",
        "serves until Ctrl-C; this test runs the sample web itself",
    ),
    (r"^newscrawl crawl (?!.*--sample-port)", "crawls the real sites over the network"),
    (
        r"^newscrawl sources add ",
        "onboards a real site over the network (tests/test_sources_add.py onboards the sample web)",
    ),
    (
        r"^newscrawl diff http://epaper",
        "output of the edited two-version archive of tests/test_diff.py, not a fresh archive",
    ),
]


@dataclass(frozen=True)
class DocCommand:
    path: Path
    line: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"


def fenced_blocks(text: str) -> Iterator[tuple[str, int, list[str]]]:
    """(language, line number of the first content line, lines) of each fenced block."""
    language, start, body = None, 0, []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            if language is None:
                language, start, body = line[3:].strip(), number + 1, []
            else:
                yield language, start, body
                language = None
        elif language is not None:
            body.append(line)


def commands_of(language: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    """(offset in the block, command) for each command line of one block."""
    joined: list[tuple[int, str]] = []
    pending = ""
    for offset, line in enumerate(lines):
        if not pending:
            first = offset
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        joined.append((first, pending + line))
        pending = ""
    for offset, line in joined:
        if line.startswith("$ "):  # a console transcript, labelled or not
            line = line[2:]
        elif language == "console":
            continue  # output
        elif language not in ("sh", "shell", "bash") and not COMMAND_START.match(line.strip()):
            continue
        if DIAGRAM.search(line):
            continue  # a box-drawing diagram that names commands
        command = re.sub(r"\s+#.*$", "", line).strip()
        command = re.sub(r"\s+", " ", command)
        if command and not command.startswith("#"):
            yield offset, command


def doc_commands() -> list[DocCommand]:
    found = []
    for path in DOCS:
        for language, start, lines in fenced_blocks(path.read_text(encoding="utf-8")):
            for offset, command in commands_of(language, lines):
                found.append(DocCommand(path, start + offset, command))
    return found


COMMANDS = doc_commands()


def skip_reason(command: str) -> str | None:
    for pattern, reason in SKIP:
        if re.search(pattern, command):
            return reason
    return None


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reader's working directory and /tmp, shared by the commands in document order."""
    return tmp_path_factory.mktemp("docs-scratch")


@pytest.fixture(scope="module")
def reader_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A reader's environment: the installed commands on PATH, a scratch home and archive."""
    home = tmp_path_factory.mktemp("docs-home")
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(REPO),
        "NEWSCRAWL_HOME": str(home),
        "NEWSCRAWL_DB_URL": f"sqlite:///{home / 'archive.sqlite3'}",
        # `scrapy` finds the project from any directory, as after `pip install .`
        "SCRAPY_SETTINGS_MODULE": "newscrawl.settings",
    }


def test_the_docs_have_commands_and_every_skip_rule_is_used() -> None:
    assert len(COMMANDS) > 10
    assert any(skip_reason(c.text) is None for c in COMMANDS)
    unused = [p for p, _ in SKIP if not any(re.search(p, c.text) for c in COMMANDS)]
    assert not unused, f"skip rules that match no command any more: {unused}"


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[c.id for c in COMMANDS])
def test_doc_command_runs(
    command: DocCommand,
    sample_web: SampleServer,
    reader_env: dict[str, str],
    scratch: Path,
) -> None:
    reason = skip_reason(command.text)
    if reason:
        pytest.skip(f"{command.text!r}: {reason}")
    line = command.text.replace(SAMPLE_PORT, str(sample_web.port))
    line = line.replace(".venv/bin/", "").replace("/tmp/", f"{scratch}/")
    # Scrapy's console telnet is not needed, and its port range runs out with many crawls.
    if line.startswith("scrapy crawl"):
        line += " -s TELNETCONSOLE_ENABLED=False"
    # Paths into the repository (benchmarks/…) are meant from its root; everything else runs
    # in a scratch directory, so that files a command writes (-O qdrb.csv) land there.
    done = subprocess.run(
        ["bash", "-c", line],
        cwd=REPO if re.search(r"(^| )(benchmarks|tests|deploy)/", line) else scratch,
        env=reader_env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{command.id}: {line}\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
