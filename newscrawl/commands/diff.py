"""``newscrawl diff ARTICLE``: what changed between two versions of an archived article.

ARTICLE is the article's id or its URL (any spelling: it is canonicalized like the crawler
does). Prints the unified diff of the cleaned text (one line per paragraph), the changed
passages inside long paragraphs, and the facts that appeared, disappeared or changed value::

    newscrawl diff https://www.sohu.com/a/533412345_121106902      # latest vs previous
    newscrawl diff 42 --to 3                                        # v3 vs v2
    newscrawl diff 42 --from 1 --to 4
    newscrawl diff 42 --all                                         # every version in turn
"""

from __future__ import annotations

import argparse
import difflib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleVersion, Fact
from newscrawl.commands._archive import add_db_option, open_archive
from newscrawl.commands._errors import CommandError
from pipelines.dedup.urls import canonical_url

# A fact is "the same figure" across versions when these agree; its value may change.
FACT_KEY_FIELDS = ("metric", "kind", "period", "subject", "basis", "estimate")
# Characters of unchanged text shown around an inline change.
INLINE_CONTEXT = 8


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="show what changed between versions of an archived article",
        description="Text diff and changed facts between two versions of an article "
        "(default: the latest version against the one before).",
    )
    parser.add_argument("article", metavar="ARTICLE", help="article id or URL")
    # No `--version N` here: it would shadow the program's own --version; `--to N` says it.
    parser.add_argument("--all", action="store_true", help="every version against the previous")
    parser.add_argument(
        "--from", dest="from_version", type=int, metavar="N", help="old version (default: M-1)"
    )
    parser.add_argument(
        "--to", dest="to_version", type=int, metavar="M", help="new version (default: the latest)"
    )
    parser.add_argument("--context", type=int, default=1, help="paragraphs of context (1)")
    add_db_option(parser)
    parser.set_defaults(func=run)


# -- pure parts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactChange:
    sign: str  # "+" added, "-" removed, "~" value changed
    key: tuple[Any, ...]
    old: str | None
    new: str | None

    def render(self) -> str:
        metric, kind, period, subject, basis, estimate = self.key
        where = ", ".join(
            str(part)
            for part in (kind, period, subject, basis, "estimate" if estimate else None)
            if part
        )
        label = f"{metric or '(no metric)'} [{where}]"
        if self.sign == "~":
            return f"~ {label}: {self.old} → {self.new}"
        return f"{self.sign} {label}: {self.new if self.sign == '+' else self.old}"


def _amount(fact: dict[str, Any]) -> str:
    value = fact.get("value")
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    approx = fact.get("approx") or ""
    return f"{approx}{shown}{fact.get('unit') or ''}"


def _fact_key(fact: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(fact.get(name) for name in FACT_KEY_FIELDS)


def _fact_value(fact: dict[str, Any]) -> tuple[Any, ...]:
    return (fact.get("norm_value"), fact.get("norm_unit"), fact.get("approx"))


def fact_changes(old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]) -> list[FactChange]:
    """Facts added, removed or changed in value between two versions.

    Facts are matched on what they measure (metric, kind, period, subject, basis, estimate);
    when a text reports several figures under one key they are paired in text order.
    """
    old_by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    new_by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for fact in old:
        old_by_key[_fact_key(fact)].append(fact)
    for fact in new:
        new_by_key[_fact_key(fact)].append(fact)
    changes = []
    for key in sorted(old_by_key.keys() | new_by_key.keys(), key=repr):
        before, after = old_by_key.get(key, []), new_by_key.get(key, [])
        unchanged = {_fact_value(fact) for fact in before} & {_fact_value(fact) for fact in after}
        before = [fact for fact in before if _fact_value(fact) not in unchanged]
        after = [fact for fact in after if _fact_value(fact) not in unchanged]
        for was, now in zip(before, after, strict=False):
            changes.append(FactChange("~", key, _amount(was), _amount(now)))
        changes.extend(FactChange("-", key, _amount(f), None) for f in before[len(after) :])
        changes.extend(FactChange("+", key, None, _amount(f)) for f in after[len(before) :])
    return changes


def text_diff(old: str, new: str, old_label: str, new_label: str, context: int = 1) -> list[str]:
    """Unified diff of two cleaned texts, one line per paragraph."""
    return list(
        difflib.unified_diff(
            old.split("\n"), new.split("\n"), old_label, new_label, n=context, lineterm=""
        )
    )


def inline_changes(old: str, new: str) -> Iterator[str]:
    """The changed passages of two texts at character level (Chinese has no word breaks, so
    a changed figure inside a 300-character paragraph is shown as ``…3260亩 → 3300亩…``)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = old[max(0, old_start - INLINE_CONTEXT) : old_start].replace("\n", "¶")
        after = old[old_end : old_end + INLINE_CONTEXT].replace("\n", "¶")
        removed = old[old_start:old_end].replace("\n", "¶")
        added = new[new_start:new_end].replace("\n", "¶")
        yield f"…{before}[-{removed}-]{{+{added}+}}{after}…"


# -- database ----------------------------------------------------------------------------------


class ArticleNotFound(LookupError):
    pass


def find_article(session: Session, reference: str) -> Article:
    if reference.isdigit():
        article = session.get(Article, int(reference))
    else:
        article = session.scalar(
            select(Article).where(Article.url.in_({reference, canonical_url(reference)}))
        )
    if article is None:
        raise ArticleNotFound(f"no archived article {reference}")
    return article


def version_facts(session: Session, version: ArticleVersion) -> list[dict[str, Any]]:
    facts = session.scalars(
        select(Fact).where(Fact.version_id == version.id, Fact.current.is_(True)).order_by(Fact.id)
    )
    return [
        {
            column: getattr(fact, column)
            for column in (*FACT_KEY_FIELDS, "value", "unit", "norm_value", "norm_unit", "approx")
        }
        for fact in facts
    ]


def version_pairs(available: Sequence[int], args: argparse.Namespace) -> list[tuple[int, int]]:
    if args.all:
        return list(itertools.pairwise(available))
    newest = available[-1]
    to_version = args.to_version if args.to_version is not None else newest
    from_version = args.from_version if args.from_version is not None else to_version - 1
    return [(from_version, to_version)]


def render_pair(session: Session, old: ArticleVersion, new: ArticleVersion, context: int) -> str:
    lines = [
        f"--- version {old.version} (fetched {old.fetched_at:%Y-%m-%d %H:%M}Z)",
        f"+++ version {new.version} (fetched {new.fetched_at:%Y-%m-%d %H:%M}Z)",
    ]
    if old.title != new.title:
        lines.append(f"title: {old.title} → {new.title}")
    diff = text_diff(old.text, new.text, f"v{old.version}", f"v{new.version}", context)
    if diff:
        lines.extend(diff[2:])  # the ---/+++ header is already printed
        lines.append("changed passages:")
        lines.extend(f"  {change}" for change in inline_changes(old.text, new.text))
    else:
        lines.append("text: unchanged (the facts were re-extracted)")
    changes = fact_changes(version_facts(session, old), version_facts(session, new))
    lines.append("facts: " + ("unchanged" if not changes else f"{len(changes)} changed"))
    lines.extend(f"  {change.render()}" for change in changes)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    archive = open_archive(args, "read")
    try:
        with archive.sessions() as session:
            article = find_article(session, args.article)
            versions = {
                version.version: version
                for version in session.scalars(
                    select(ArticleVersion).where(ArticleVersion.article_id == article.id)
                )
            }
            print(f"article {article.id}: {article.url} ({len(versions)} versions)")
            available = sorted(versions)
            if len(available) < 2 and not (args.to_version or args.from_version):
                print("only one version: nothing to compare")
                return 0
            for old_number, new_number in version_pairs(available, args):
                missing = [n for n in (old_number, new_number) if n not in versions]
                if missing:
                    raise CommandError(
                        f"article {article.id} has no version "
                        f"{missing[0]} (versions {available[0]}–{available[-1]})"
                    )
                print(
                    render_pair(session, versions[old_number], versions[new_number], args.context)
                )
        return 0
    except ArticleNotFound as error:
        raise CommandError(str(error)) from None
    finally:
        archive.close()
