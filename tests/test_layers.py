"""Imports run one way: core ← archive ← glue ← CLI (docs/architecture.md).

Every module of the three packages is parsed (``ast``, nothing is imported) and each of its
imports — at the top, inside functions, under ``TYPE_CHECKING`` — is checked against the layer
rule:

- **core** (``pipelines/`` except the item pipelines): pure Python, imports only core;
- **archive** (``archive/``): core and SQLAlchemy/Alembic, never Scrapy or the glue;
- **glue** (``newscrawl/`` outside ``commands``, and the item pipelines under ``pipelines/``:
  ``*_pipeline.py``, ``archive_writer.py``, ``spool.py``): core and archive, never the CLI;
- **CLI** (``newscrawl/commands/``, ``newscrawl/cli.py``, ``newscrawl/__main__.py``): anything.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("pipelines", "archive", "newscrawl")
LAYERS = ("core", "archive", "glue", "cli")
# Third-party packages a layer may not use (the core is pure: lxml, numpy and the like only).
FORBIDDEN_LIBRARIES = {
    "core": {"scrapy", "twisted", "sqlalchemy", "alembic", "psycopg", "redis", "scrapy_redis"},
    "archive": {"scrapy", "twisted", "scrapy_redis"},
}
GLUE_UNDER_PIPELINES = {"archive_writer", "spool"}


def layer_of(module: str) -> str | None:
    """The layer of a project module (dotted name), None for anything else."""
    parts = module.split(".")
    if parts[0] == "pipelines":
        name = parts[1] if len(parts) > 1 else ""
        glue = name.endswith("_pipeline") or name in GLUE_UNDER_PIPELINES
        return "glue" if glue else "core"
    if parts[0] == "archive":
        return "archive"
    if parts[0] == "newscrawl":
        if len(parts) > 1 and parts[1] in {"commands", "cli", "__main__"}:
            return "cli"
        return "glue"
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(dotted: str) -> bool:
    base = REPO.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imported_modules(source: str, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every module that ``source`` imports."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            for alias in node.names:
                # ``from pipelines import parse`` imports the module pipelines.parse
                candidate = f"{base}.{alias.name}"
                yield node.lineno, candidate if is_module(candidate) else base


def violations(module: str, source: str, *, is_package: bool, where: str) -> Iterator[str]:
    own = layer_of(module)
    assert own is not None
    for line, target in imported_modules(source, module, is_package):
        target_layer = layer_of(target)
        if target_layer is not None and LAYERS.index(target_layer) > LAYERS.index(own):
            yield f"{where}:{line}: {own} module {module} imports {target_layer} module {target}"
        library = target.split(".")[0]
        if library in FORBIDDEN_LIBRARIES.get(own, ()):
            yield f"{where}:{line}: {own} module {module} imports {library}"


def file_violations(path: Path) -> Iterator[str]:
    yield from violations(
        module_name(path),
        path.read_text(encoding="utf-8"),
        is_package=path.name == "__init__.py",
        where=str(path.relative_to(REPO)),
    )


def project_files() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (REPO / package).rglob("*.py"))


def test_no_import_runs_upward() -> None:
    files = project_files()
    assert len(files) > 100  # the walk found the project
    found = [problem for path in files for problem in file_violations(path)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("pipelines.parse", "core"),
        ("pipelines.extraction.page", "core"),
        ("pipelines.items", "core"),
        ("pipelines.facts_pipeline", "glue"),
        ("pipelines.archive_writer", "glue"),
        ("pipelines.spool", "glue"),
        ("archive.store", "archive"),
        ("newscrawl.spiders.base", "glue"),
        ("newscrawl.process_pool", "glue"),
        ("newscrawl.commands.extract", "cli"),
        ("newscrawl.cli", "cli"),
        ("scrapy.http", None),
    ],
)
def test_layers_of_modules(module: str, layer: str | None) -> None:
    assert layer_of(module) == layer


def test_the_walk_sees_every_kind_of_import() -> None:
    """Absolute, relative, from-package and function-level imports are all resolved, and the
    upward ones (and a forbidden library) reported."""
    source = (
        "from . import dates\n"
        "from .. import parse\n"
        "from archive.store import Archive\n"
        "import sqlalchemy.orm\n"
        "def lazy():\n"
        "    from newscrawl.spiders import base\n"
    )
    module = "pipelines.extraction.page"
    found = [name for _, name in imported_modules(source, module, False)]
    assert found == [
        "pipelines.extraction.dates",
        "pipelines.parse",
        "archive.store",
        "sqlalchemy.orm",
        "newscrawl.spiders.base",
    ]
    assert list(violations(module, source, is_package=False, where="page.py")) == [
        "page.py:3: core module pipelines.extraction.page imports archive module archive.store",
        "page.py:4: core module pipelines.extraction.page imports sqlalchemy",
        "page.py:6: core module pipelines.extraction.page imports glue module "
        "newscrawl.spiders.base",
    ]


def test_tests_share_code_only_through_tests_support() -> None:
    """No test module imports another test module, the conftest or the benchmarks: what tests
    share lives in tests/support/."""
    found = []
    for path in sorted((REPO / "tests").rglob("*.py")):
        module = module_name(path)
        source = path.read_text(encoding="utf-8")
        for line, target in imported_modules(source, module, path.name == "__init__.py"):
            parts = target.split(".")
            shared = parts[:2] in (["tests", "support"], ["tests", "fixtures"])
            if parts[0] == "benchmarks" or (
                parts[0] == "tests" and not shared and target != "tests"
            ):
                found.append(f"{path.relative_to(REPO)}:{line}: imports {target}")
    assert found == [], "\n".join(found)
