"""The loop a ``newscrawl.process_pool`` child runs, and the CPU budget of one call. Its own
module, importing nothing heavy: a spawned child imports the module of its target, and Scrapy's
import alone costs a quarter of a second of CPU per child and crawl."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from types import FrameType
from typing import Any

# Signals that stop a crawl (Scrapy's shutdown handlers listen to these).
SHUTDOWN_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class CpuBudgetExceeded(Exception):
    """One call (the extraction of one page, the cleaning of one article…) used more CPU time
    than its budget (``NEWSCRAWL_PAGE_CPU_SECONDS``)."""


class Interrupted(Exception):
    """A shutdown signal arrived during a call made in the crawling process itself."""


class _OutOfTime(BaseException):
    # Raised by the timer's signal handler: a BaseException, so that no ``except Exception``
    # inside the parsing code can swallow it; turned into CpuBudgetExceeded on the way out.
    pass


class _Stop(BaseException):
    pass


def _out_of_time(signum: int, frame: FrameType | None) -> None:
    raise _OutOfTime


@contextmanager
def cpu_budget(seconds: float | None) -> Iterator[None]:
    """Raise CpuBudgetExceeded in the block once the process has used ``seconds`` of CPU time
    in it (ITIMER_PROF: user and system time of the whole process). Only in the main thread
    (where Python runs signal handlers); a no-op elsewhere or without a budget.

    The check happens between Python bytecodes: one long call into C (lxml parsing a document)
    finishes before the budget can stop it.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _out_of_time)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    except _OutOfTime:
        raise CpuBudgetExceeded(f"more than {seconds:g} s of CPU") from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@contextmanager
def stop_on_shutdown_signal() -> Iterator[None]:
    """Abort the block with Interrupted when SIGINT or SIGTERM arrives, after passing the signal
    to the handler that was there (Scrapy's, which schedules the crawl's stop for when the
    event loop runs again: without this, that would be after the block). Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def stop(signum: int, frame: FrameType | None) -> None:
        handler = previous.get(signum)
        if callable(handler):
            handler(signum, frame)
            # Scrapy's handler installs the one for a second Ctrl-C (kill): restore that one.
            for number in SHUTDOWN_SIGNALS:
                current = signal.getsignal(number)
                if current is not stop:
                    previous[number] = current
        raise _Stop

    for number in SHUTDOWN_SIGNALS:
        previous[number] = signal.signal(number, stop)
    try:
        yield
    except _Stop:
        raise Interrupted("stopped by a shutdown signal") from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def call_bounded(
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    cpu_seconds: float | None,
) -> Any:
    """``function(*args, **kwargs)`` within its CPU budget, stopped by shutdown signals."""
    with stop_on_shutdown_signal(), cpu_budget(cpu_seconds):
        return function(*args, **kwargs)


def serve(connection: Connection, cpu_seconds: float | None = None) -> None:
    """The child's loop: run each call received (each within ``cpu_seconds`` of CPU time), send
    back its result or its exception."""
    # Ctrl-C reaches the whole process group: the crawling process decides when to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            call_id, function, args, kwargs = connection.recv()
        except EOFError:
            return
        try:
            with cpu_budget(cpu_seconds):
                reply = (call_id, True, function(*args, **kwargs))
        except Exception as error:
            reply = (call_id, False, error)
        try:
            connection.send(reply)
        except Exception as error:  # a result or an exception that does not pickle
            connection.send((call_id, False, RuntimeError(f"{type(error).__name__}: {error}")))
