"""The fixtures every test module may use, from tests/support/ (one module per concern):

- ``services``: real PostgreSQL and SQLite archives (``archive_url`` runs a test on both),
  Redis, the shared real-page corpus;
- ``crawl``: the sample web in a thread (``sample_web``), a crawl's SQLite archive.

Helpers that are not fixtures are imported from tests/support/ (``tests.support.crawl``,
``.dedup``, ``.fault_server``, ``.health``, ``.pages``); a test module never imports another.
"""

import os
from pathlib import Path

# The suite sees the bundled source registry only, not the developer's own sources
# ($NEWSCRAWL_HOME/sources): a folder that does not exist holds no entries. Tests of the user
# registry point NEWSCRAWL_SOURCES at their own folder.
os.environ["NEWSCRAWL_SOURCES"] = str(Path(__file__).parent / "data" / "no-user-sources")

pytest_plugins = [
    "tests.support.services",
    "tests.support.crawl",
]
