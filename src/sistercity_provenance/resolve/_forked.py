"""A helper process, forked from this one, that works while this process goes on.

The resolver's serial stages (listing the candidate pairs) leave a processor idle. A helper
forked at their start takes work that does not depend on them: it runs closures over this
process's data, which it inherits when it is forked, so that only the results travel back
(pickled). Where processes cannot be forked, or the helper dies, :meth:`ForkedHelper.result`
raises :class:`HelperError` and the caller does the work itself: the result is the same.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, cast

__all__ = ["ForkedHelper", "HelperError", "trim_heap"]

#: The calls of the helper being started: the helper inherits them when it is forked;
#: this process empties the list again at once.
_CALLS: list[Callable[[], Any]] = []


def _call(k: int) -> Any:
    """Run call ``k`` of :data:`_CALLS` (in the helper process)."""
    return _CALLS[k]()


class HelperError(Exception):
    """The helper could not run a call (it could not be forked, or it died)."""


class ForkedHelper:
    """One process forked from this one, running ``calls`` in order. Close it (or use it
    as a context manager) when done."""

    def __init__(self, pool: ProcessPoolExecutor, futures: list[Future[Any]]) -> None:
        self._pool: ProcessPoolExecutor | None = pool
        self._futures: list[Future[Any] | None] = list(futures)

    @classmethod
    def start(cls, calls: Sequence[Callable[[], Any]]) -> ForkedHelper | None:
        """Fork the helper and have it run ``calls``; ``None`` where processes cannot be
        forked."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        context = multiprocessing.get_context("fork")
        _CALLS[:] = calls
        try:
            pool = ProcessPoolExecutor(1, mp_context=context)
            # the helper is forked by the first submit, with the calls in _CALLS
            futures = [pool.submit(_call, k) for k in range(len(calls))]
        except (OSError, BrokenProcessPool):
            return None
        finally:
            _CALLS.clear()
        return cls(pool, futures)

    def result(self, k: int, timeout: float | None = None) -> Any:
        """The result of call ``k``, waiting for it (at most ``timeout`` seconds, then
        ``TimeoutError``); :class:`HelperError` if the helper died or is closed. An
        exception raised by the call itself is raised here.

        A result is handed over once: the helper then lets go of it (results can be
        large, such as arrays of pairs, and the caller decides how long they live), and
        asking for it again raises ``LookupError``."""
        if self._pool is None:
            raise HelperError
        future = self._futures[k]
        if future is None:
            raise LookupError(f"the result of call {k} was already handed over")
        try:
            found = future.result(timeout)
        except TimeoutError:  # an OSError, but the helper is alive
            raise
        except (OSError, BrokenProcessPool) as e:
            self.close()
            raise HelperError from e
        self._futures[k] = None
        return found

    def close(self) -> None:
        """Let the helper go: calls not started are dropped, a running one finishes."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ForkedHelper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def trim_heap() -> bool:
    """Hand the free memory of the C heap back to the system, where the C library can
    (glibc's ``malloc_trim``); ``False`` where it cannot, which changes nothing else.

    The resolver lets go of large arrays as it goes, but the C library keeps much of what
    they held for later use: after a large block is freed it serves blocks of up to that
    size (up to 32 MiB) from its heap, and the heap is not given back while it is in
    pieces. Forked processes, and the resolving process while they run, then hold memory
    that no one uses: at 100,000 mentions about 136 MiB of the resolving process's
    once the candidate pairs were listed. Called between the stages that let go of the
    most; each call took 1 to 4 ms at 100,000 mentions and 6 to 18 ms at 1,000,000.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return cast("Callable[[int], int]", ctypes.CDLL(name).malloc_trim)
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim with
        return None
