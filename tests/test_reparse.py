"""``newscrawl reparse`` over an archive built by an older parser (SQLite and PostgreSQL)."""

from __future__ import annotations

import subprocess
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive.models import Article, ArticleVersion, Fact, RawPage, VersionParse
from archive.reparse import count_pending, reparse_all
from archive.store import Archive
from pipelines.items import ArticleItem, page_metadata
from pipelines.parse import PARSER_VERSION, join_parts, parse_page, split_parts

SITES = Path(__file__).resolve().parents[1] / "newscrawl" / "samples" / "sites"
OLD_PARSER = "extract-0+facts-0"
QDRB = "http://epaper.qingdaonews.com/qdrb/html/2026-06/02/content_144591_3494474.htm"
NANHAI = "http://www.whnanhai.gov.cn/xwzx/gzdt/202604/t20260415_4520.html"
NANHAI_PARTS = [NANHAI, NANHAI.replace(".html", "_1.html"), NANHAI.replace(".html", "_2.html")]


def sample_bytes(url: str) -> bytes:
    return (SITES / url.removeprefix("http://")).read_bytes()


def old_parse_item(url: str, raw: bytes) -> ArticleItem:
    """What an older, cruder parser archived: the first part's paragraphs, uncleaned, with
    no facts at all."""
    first_url, first_body = split_parts(raw, url)[0]
    page = parse_page(first_body, first_url).page
    text = "\n".join(page.paragraphs)
    return ArticleItem(
        url=url,
        source_key="whnanhai" if "whnanhai" in url else "qdrb",
        family=page.family,
        fetched_at=datetime(2026, 6, 2, 1, 0, tzinfo=UTC),
        raw_body=raw,
        encoding=page.encoding,
        title=page.title,
        published=page.published,
        paragraphs=page.paragraphs,
        text=text,
        content_hash=f"old:{hash(text)}",
        facts=[],
        parser_version=OLD_PARSER,
    )


@pytest.fixture
def old_archive(archive: Archive) -> Archive:
    archive.save_article(old_parse_item(QDRB, sample_bytes(QDRB)))
    raw = join_parts([(url, sample_bytes(url)) for url in NANHAI_PARTS])
    archive.save_article(old_parse_item(NANHAI, raw))
    return archive


def run_reparse(url: str, *options: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "reparse", "--db", url, "--quiet", *options],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_reparse_replaces_old_results_and_keeps_them(
    old_archive: Archive, archive_url: str
) -> None:
    assert count_pending(old_archive) == 2
    assert "reparsed 2 versions" in run_reparse(archive_url)
    with old_archive.sessions() as session:
        versions = session.scalars(select(ArticleVersion).order_by(ArticleVersion.id)).all()
        assert [v.version for v in versions] == [1, 1]  # a reparse is not a new version
        for version in versions:
            assert version.raw_page is not None
            expected = parse_page(zlib.decompress(version.raw_page.body_zlib), version.article.url)
            assert version.extractor_version == PARSER_VERSION
            assert version.text == expected.text
            assert version.content_hash == expected.content_hash
            current = [
                (f.metric, f.kind, f.norm_value, f.start, f.end) for f in version.facts if f.current
            ]
            assert current == [
                (f["metric"], f["kind"], f["norm_value"], f["start"], f["end"])
                for f in expected.facts
            ]
            assert current, "the sample articles are full of figures"
            for fact in version.facts:
                assert version.text[fact.start : fact.end]
        history = session.scalars(select(VersionParse).order_by(VersionParse.id)).all()
        assert [h.extractor_version for h in history] == [OLD_PARSER, OLD_PARSER]
        assert all(h.content_hash.startswith("old:") for h in history)
    # Nothing is left to do: a second run is a no-op.
    assert "reparsed 0 versions" in run_reparse(archive_url)


def test_multi_page_article_is_reparsed_from_all_its_parts(old_archive: Archive) -> None:
    list(reparse_all(old_archive))
    with old_archive.sessions() as session:
        new_text, old_text = session.execute(
            select(ArticleVersion.text, VersionParse.text)
            .join(VersionParse, VersionParse.version_id == ArticleVersion.id)
            .join(Article, Article.id == ArticleVersion.article_id)
            .where(Article.url == NANHAI)
        ).one()
    last_part = parse_page(sample_bytes(NANHAI_PARTS[-1]), NANHAI_PARTS[-1]).text
    assert last_part.splitlines()[-1] in new_text
    assert last_part.splitlines()[-1] not in old_text


def test_an_interrupted_reparse_resumes(old_archive: Archive) -> None:
    results = reparse_all(old_archive)
    next(results)
    results.close()  # stopped after the first committed version
    assert count_pending(old_archive) == 1
    assert len(list(reparse_all(old_archive))) == 1
    assert count_pending(old_archive) == 0
    with old_archive.sessions() as session:
        assert session.scalars(select(Fact).where(Fact.current.is_(False))).all() == []


XIHAIAN = "http://epaper.xihaiannews.com/html/2026-04/08/content_20836.htm"


def current_parse_item(url: str, parser_version: str) -> ArticleItem:
    """What the current parser makes of a page, stamped with ``parser_version``."""
    parsed = parse_page(sample_bytes(url), url)
    page = parsed.page
    return ArticleItem(
        url=url,
        source_key="xihaian",
        family=page.family,
        fetched_at=datetime(2026, 6, 2, 1, 0, tzinfo=UTC),
        raw_body=sample_bytes(url),
        encoding=page.encoding,
        **page_metadata(page),
        paragraphs=page.paragraphs,
        text=parsed.text,
        content_hash=parsed.content_hash,
        facts=parsed.facts,
        parser_version=parser_version,
    )


def row_counts(archive: Archive) -> dict[str, int]:
    with archive.sessions() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Article, ArticleVersion, RawPage, Fact, VersionParse)
        }


def test_reparse_writes_only_what_changed(old_archive: Archive, archive_url: str) -> None:
    """A version the new parser reads the same way gets no copies; three runs (the last two
    re-checking every version with --all) leave the row counts where the first one left them."""
    old_archive.save_article(current_parse_item(XIHAIAN, OLD_PARSER))
    before = row_counts(old_archive)
    assert before["article_versions"] == 3 and before["version_parses"] == 0
    first = run_reparse(archive_url)
    assert "reparsed 3 versions" in first and "1 unchanged (skipped" in first
    after_first = row_counts(old_archive)
    # The two old parses are kept (version_parses) and their facts written anew; the third
    # version is only stamped: no copy of its parse, none of its facts.
    assert after_first["version_parses"] == 2
    assert after_first["article_versions"] == 3 and after_first["raw_pages"] == 3
    with old_archive.sessions() as session:
        assert set(session.scalars(select(ArticleVersion.extractor_version))) == {PARSER_VERSION}
        assert set(session.scalars(select(Fact.extractor_version))) == {PARSER_VERSION}
        xihaian = session.scalar(
            select(ArticleVersion.id).join(Article).where(Article.url == XIHAIAN)
        )
        assert session.scalars(select(Fact).where(Fact.version_id == xihaian)).all()
        assert not session.scalars(
            select(Fact).where(Fact.version_id == xihaian, Fact.current.is_(False))
        ).all()
    for _ in range(2):
        again = run_reparse(archive_url, "--all")
        assert "reparsed 3 versions" in again and "3 unchanged (skipped" in again
        assert row_counts(old_archive) == after_first
    assert "reparsed 0 versions" in run_reparse(archive_url)
    assert row_counts(old_archive) == after_first
