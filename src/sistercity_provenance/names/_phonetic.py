"""Sound-alike comparison of a Chinese transliteration with a foreign name (托莱多 / Toledo).

The Mandarin reading of the transliteration is respelled with English letter values
(x → s, q → ch, zh → j, -ng → -n ...) and both sides are reduced to Metaphone consonant
skeletons, which are then compared by edit distance.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

import jellyfish

__all__ = ["transliteration_similarity"]

_INITIALS: Final = (("zh", "j"), ("ch", "ch"), ("sh", "sh"), ("x", "s"), ("q", "ch"), ("c", "ts"))
_FINALS: Final = (
    ("uo", "o"), ("ou", "o"), ("ao", "au"), ("ei", "e"), ("ui", "ui"), ("er", "r"),
    ("ng", "n"), ("v", "u"),
)  # fmt: skip


@functools.lru_cache(maxsize=65536)
def _respell(syllable: str) -> str:
    out = syllable
    for old, new in _INITIALS:
        if out.startswith(old):
            out = new + out[len(old) :]
            break
    for old, new in _FINALS:
        out = out.replace(old, new)
    return out


def _skeleton(text: str) -> str:
    return str(jellyfish.metaphone(re.sub(r"[^a-z]", "", text.lower())))


def transliteration_similarity(syllables: Sequence[str], foreign: str) -> float:
    """Similarity in [0, 1] of Mandarin ``syllables`` and a foreign word, by sound."""
    a = _skeleton("".join(_respell(s) for s in syllables))
    b = _skeleton(foreign)
    if len(a) < 2 or len(b) < 2:
        return 0.0
    return 1.0 - jellyfish.levenshtein_distance(a, b) / max(len(a), len(b))
