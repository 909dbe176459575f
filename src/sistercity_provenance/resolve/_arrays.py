"""Sort-based set operations on integer arrays.

numpy 2's ``np.unique`` without extra outputs goes through a hash table that is many times
slower than sorting on arrays of millions of distinct 64-bit codes (12 s against 0.2 s on
8 million); these helpers sort instead and give the same results.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["distinct", "distinct_first_inverse", "run_starts", "summed"]

IntArray = npt.NDArray[np.int64]


def run_starts(ordered: npt.NDArray[np.integer]) -> IntArray:
    """Where each run of equal values starts in a sorted (or grouped) array.

    >>> run_starts(np.asarray([1, 1, 2, 5, 5, 5])).tolist()
    [0, 2, 3]
    """
    if not len(ordered):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])


def distinct(values: IntArray) -> IntArray:
    """The distinct values, sorted (as ``np.unique(values)``).

    >>> distinct(np.asarray([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    ordered = np.sort(values)
    return ordered[run_starts(ordered)]


def distinct_first_inverse(values: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """The distinct values (sorted), the index of each one's first occurrence, and for each
    value the index of its distinct value (as ``np.unique`` with ``return_index`` and
    ``return_inverse``).

    >>> [a.tolist() for a in distinct_first_inverse(np.asarray([3, 1, 3, 2]))]
    [[1, 2, 3], [1, 3, 0], [2, 0, 2, 1]]
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = run_starts(ordered)
    is_start = np.zeros(len(ordered), dtype=bool)
    is_start[starts] = True
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(is_start) - 1
    return ordered[starts], order[starts].astype(np.int64), inverse


def summed(code: IntArray, weight: IntArray) -> tuple[IntArray, IntArray]:
    """Each distinct code once (sorted), with the sum of its weights.

    >>> [a.tolist() for a in summed(np.asarray([7, 3, 7]), np.asarray([1, 2, 4]))]
    [[3, 7], [2, 5]]
    """
    if not len(code):
        return code, weight
    order = np.argsort(code, kind="stable")
    code, weight = code[order], weight[order]
    starts = run_starts(code)
    return code[starts], np.add.reduceat(weight, starts)
