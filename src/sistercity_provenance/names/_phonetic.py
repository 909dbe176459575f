"""Sound-alike comparison of a Chinese transliteration with a foreign name (托莱多 / Toledo).

The Mandarin reading of the transliteration is respelled with English letter values
(x → s, q → ch, zh → j, g → k, -ng → -n ...) and both sides are reduced to Metaphone
consonant skeletons, which are then compared by edit distance. The skeletons are folded
into the classes that Mandarin transliteration does not tell apart: r and l (罗 for Ro
and Lo; 尔 for a final r or l), j, g and k (基 for Kee, Gi and Ji), w, v and f (维 for Vi
and Wi), b and p (彼得 Peter), th and t; a first vowel or y is one class (伊丽莎白
Elizabeth). Sh, ch and s are kept apart: folded too, they let romanized Chinese place
names that are not read as such (Sandouao) sound like a dozen other places.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

import jellyfish

__all__ = ["reading_skeleton", "transliteration_similarity", "word_skeleton"]

_INITIALS: Final = (
    ("zh", "j"), ("ch", "ch"), ("sh", "sh"), ("x", "s"), ("q", "ch"), ("c", "ts"), ("g", "k"),
)  # fmt: skip
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


#: Metaphone letters that Mandarin transliteration does not tell apart, folded together.
_FOLD: Final = str.maketrans({"R": "L", "J": "K", "W": "F", "B": "P", "0": "T"})
#: What Metaphone keeps of a first vowel (and y), all one class.
_FIRST_VOWELS: Final = frozenset("AEIOUY")


def _skeleton(text: str) -> str:
    skeleton = str(jellyfish.metaphone(re.sub(r"[^a-z]", "", text.lower()))).translate(_FOLD)
    if skeleton[:1] in _FIRST_VOWELS:
        return "A" + skeleton[1:]
    return skeleton


def reading_skeleton(syllables: Sequence[str]) -> str:
    """The folded consonant skeleton of Mandarin ``syllables`` (luo bo te: LPT)."""
    return _skeleton("".join(_respell(s) for s in syllables))


def word_skeleton(word: str) -> str:
    """The folded consonant skeleton of a foreign word (Robert: LPLT)."""
    return _skeleton(word)


def transliteration_similarity(
    syllables: Sequence[str], foreign: str, *, shortest: int = 2
) -> float:
    """Similarity in [0, 1] of Mandarin ``syllables`` and a foreign word, by sound; 0.0 when
    either skeleton has fewer than ``shortest`` consonant classes (too little to go by)."""
    a = reading_skeleton(syllables)
    b = word_skeleton(foreign)
    if len(a) < shortest or len(b) < shortest:
        return 0.0
    return 1.0 - jellyfish.levenshtein_distance(a, b) / max(len(a), len(b))
