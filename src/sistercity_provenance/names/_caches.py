"""Letting go of what the name engine has worked out and keeps for names it may meet again."""

from __future__ import annotations

import sys

__all__ = ["clear_name_caches"]


def clear_name_caches() -> int:
    """Empty the name engine's bounded caches: of parsed names, of their comparison views,
    of words, syllables and pairs of them. Each is an ``functools.lru_cache`` with a
    ``maxsize``; the unbounded ones, which hold the tables loaded once (surnames,
    syllables, the alias table), stay as they are. Nothing that the engine answers
    changes, only how much it has to work out again.

    Only the engine's modules that are loaded are looked at (one that is not has filled
    no cache), and a cache that several modules import is counted once. Returns the
    number of entries let go. A large resolution calls it once it has what it needs of
    its names: at a million mentions their caches held about a gigabyte that nothing
    would look up again.
    """
    seen: set[int] = set()
    dropped = 0
    prefix = f"{__package__}."
    for name, module in list(sys.modules.items()):
        if not name.startswith(prefix):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            clear = getattr(value, "cache_clear", None)
            if id(value) in seen or info is None or clear is None:
                continue
            found = info()
            if getattr(found, "maxsize", None) is None:
                continue  # a table, loaded once
            seen.add(id(value))
            dropped += int(found.currsize)
            clear()
    return dropped
