"""Letting go of what the name engine has worked out and keeps for names it may meet again."""

from __future__ import annotations

import importlib
from typing import Final

__all__ = ["clear_name_caches"]

#: The modules of the name engine whose functions keep what they worked out.
_MODULES: Final = (
    "_compare",
    "_knowledge",
    "_latin",
    "_orgs",
    "_parse",
    "_phonetic",
    "_readings",
    "_tables",
    "_text",
)


def clear_name_caches() -> int:
    """Empty the name engine's bounded caches: of parsed names, of their comparison views,
    of words, syllables and pairs of them. Each is an ``functools.lru_cache`` with a
    ``maxsize``; the unbounded ones, which hold the tables loaded once (surnames,
    syllables, the alias table), stay as they are. Nothing that the engine answers
    changes, only how much it has to work out again.

    Returns the number of entries let go. A large resolution calls it once it has what
    it needs of its names: a million mentions leave their hundreds of thousands of
    distinct names in these caches, some gigabytes that nothing would look up again.
    """
    seen: set[int] = set()
    dropped = 0
    for name in _MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
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
