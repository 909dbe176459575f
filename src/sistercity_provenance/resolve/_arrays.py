"""Sort-based set operations on integer arrays.

numpy 2's ``np.unique`` without extra outputs goes through a hash table that is many times
slower than sorting on arrays of millions of distinct 64-bit codes (12 s against 0.2 s on
8 million); these helpers sort instead and give the same results.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["distinct", "distinct_first_inverse"]

IntArray = npt.NDArray[np.int64]


def distinct(values: IntArray) -> IntArray:
    """The distinct values, sorted (as ``np.unique(values)``).

    >>> distinct(np.asarray([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def distinct_first_inverse(values: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """The distinct values (sorted), the index of each one's first occurrence, and for each
    value the index of its distinct value (as ``np.unique`` with ``return_index`` and
    ``return_inverse``).

    >>> [a.tolist() for a in distinct_first_inverse(np.asarray([3, 1, 3, 2]))]
    [[1, 2, 3], [1, 3, 0], [2, 0, 2, 1]]
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    if not len(ordered):
        return ordered, order.astype(np.int64), order.astype(np.int64)
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return ordered[starts], order[starts].astype(np.int64), inverse
