"""Run a check in a worker process with a wall-clock limit.

Until every check function takes ``budget=``, a claim can keep a check busy
for many minutes; the benchmark must still finish and report it. One worker
process (forked, so it sees the same modules) runs each call; when the limit
passes, the worker is terminated and replaced, and the call reports a
timeout instead of a result.
"""

from __future__ import annotations

import multiprocessing
from typing import Any, Callable

__all__ = ["TimedRunner", "TimedOut"]


class TimedOut(Exception):
    """The call did not return within the limit."""


class TimedRunner:
    """``with TimedRunner() as run: run(fn, *args, limit=30.0)``."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("fork")
        self._pool = None

    def __enter__(self) -> "TimedRunner":
        self._pool = self._context.Pool(1)
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __call__(self, function: Callable, *args: Any, limit: float, **kwargs: Any) -> Any:
        pending = self._pool.apply_async(function, args, kwargs)
        try:
            return pending.get(timeout=limit)
        except multiprocessing.TimeoutError:
            self._pool.terminate()
            self._pool.join()
            self._pool = self._context.Pool(1)
            raise TimedOut(f"no result within limit={limit} s") from None
