"""What every sample site is built from: the ``Site`` (its files and HTTP behaviour) and the
small HTML helpers the site modules share."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

from newscrawl.samples.content import Story

SITES_DIR = Path(__file__).resolve().parents[1] / "sites"


@dataclass
class Site:
    host: str
    charset_header: str | None  # charset in the Content-Type header; None: not sent
    last_modified: str  # HTTP date of every file (the variants are a day later)
    files: dict[str, bytes] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    content_type: dict[str, str] = field(default_factory=dict)
    rewrites: list[tuple[str, str]] = field(default_factory=list)

    def add(self, path: str, text: str, encoding: str = "utf-8", *, status: int = 200) -> None:
        # strict: a character the page's encoding cannot hold is a bug in the sample
        self.files[path] = text.encode(encoding)
        if status != 200:
            self.status[path] = status

    def write(self, root: Path) -> None:
        folder = root / self.host
        for path, body in sorted(self.files.items()):
            target = folder / file_name(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        meta = {
            "charset_header": self.charset_header,
            "last_modified": self.last_modified,
            "status": dict(sorted(self.status.items())),
            "content_type": dict(sorted(self.content_type.items())),
            "rewrites": self.rewrites,
        }
        (folder / "_site.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def file_name(path: str) -> str:
    """``/a/b.html`` → ``a/b.html``; ``/p?x=1`` → ``p@x=1``; ``/dir/`` → ``dir/index.html``."""
    path, _, query = path.partition("?")
    name = path.lstrip("/")
    if not name or name.endswith("/"):
        name += "index.html"
    return f"{name}@{query}" if query else name


def paras(story: Story | tuple[str, ...], indent: str = "") -> str:
    items = story.paragraphs if isinstance(story, Story) else story
    return "\n".join(f"<p>{indent}{html.escape(p, quote=False)}</p>" for p in items)


def esc(text: str) -> str:
    return html.escape(text, quote=True)
