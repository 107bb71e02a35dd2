"""The loop a ``newscrawl.process_pool`` child runs. Its own module, importing nothing heavy:
a spawned child imports the module of its target, and Scrapy's import alone costs a quarter of
a second of CPU per child and crawl."""

from __future__ import annotations

import signal
from multiprocessing.connection import Connection


def serve(connection: Connection) -> None:
    """The child's loop: run each call received, send back its result or its exception."""
    # Ctrl-C reaches the whole process group: the crawling process decides when to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            call_id, function, args, kwargs = connection.recv()
        except EOFError:
            return
        try:
            reply = (call_id, True, function(*args, **kwargs))
        except Exception as error:
            reply = (call_id, False, error)
        try:
            connection.send(reply)
        except Exception as error:  # a result or an exception that does not pickle
            connection.send((call_id, False, RuntimeError(f"{type(error).__name__}: {error}")))
