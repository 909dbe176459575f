"""Spelling-based comparison of names that are not read as Chinese.

Names in other scripts are transliterated to ASCII with ``anyascii``; words are aligned
one to one by similarity (Jaro–Winkler, with a phonetic check), numbers must agree, and
words left over count against the match.  Used for Western and other foreign names of
people and for organisation names written in Latin letters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

import jellyfish
from anyascii import anyascii

from sistercity_provenance.names._tables import read_tsv
from sistercity_provenance.names._text import PAIR_CACHE, fold_latin

__all__ = ["SAME_WORDS", "latin_similarity", "latin_tokens"]

_STOPWORDS: Final = frozenset({"of", "the", "and", "for", "de", "la", "le", "du", "des", "der"})
_NUMBERS: Final = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}  # fmt: skip
_ROMAN: Final = re.compile(r"^(?=[ivxlc])(x{0,3})(ix|iv|v?i{0,3})$")
_CAMEL: Final = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_MIN_PAIR: Final = 0.8
#: Words whose presence on one side only says little about identity (FABERLIC / FABERLIC EUROPE).
_GENERIC_EXTRA: Final = frozenset(
    {
        "europe", "asia", "africa", "america", "international", "global", "group",
        "holdings", "china", "chinese", "national", "company", "co", "the", "worldwide",
        "usa", "uk",
    }
)  # fmt: skip


def _roman_value(token: str) -> int | None:
    m = _ROMAN.match(token)
    if not m or not token:
        return None
    tens = len(m.group(1)) * 10
    units = {"": 0, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8,
             "ix": 9}[m.group(2)]  # fmt: skip
    return tens + units


@functools.cache
def _legal_forms() -> dict[tuple[str, ...], str]:
    return {tuple(row["form"].split()): row["canonical"] for row in read_tsv("legal_forms.tsv")}


def latin_tokens(text: str, *, split_camel: bool = False) -> list[str]:
    """Folded ASCII words of ``text``; number words become digits."""
    if not fold_latin(text).isascii():
        text = anyascii(text)
    if split_camel:
        text = _CAMEL.sub(" ", text)
    text = fold_latin(text).replace("&", " and ").replace("%", " percent ")
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in _TENS:
            value = _TENS[w]
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt in _NUMBERS and 0 < _NUMBERS[nxt] < 10:
                value += _NUMBERS[nxt]
                i += 1
            elif nxt.isdigit() and len(nxt) == 1:
                value += int(nxt)
                i += 1
            out.append(str(value))
        elif w in _NUMBERS:
            out.append(str(_NUMBERS[w]))
        elif w in _ORDINALS:
            out.append(str(_ORDINALS[w]))
        else:
            out.append(w)
        i += 1
    return out


def _split_legal(words: Sequence[str]) -> tuple[list[str], set[str]]:
    start, end, legal = legal_bounds(words)
    return list(words[start:end]), legal


def legal_bounds(words: Sequence[str]) -> tuple[int, int, set[str]]:
    """Where the name inside the legal forms at either end of folded ``words`` starts and
    ends (company limited in li ning company limited), and the forms' canonical short forms.
    At least one word is always left."""
    forms = _legal_forms()
    start, end = 0, len(words)
    legal: set[str] = set()
    changed = True
    while changed and end - start > 1:
        changed = False
        for n in (5, 4, 3, 2, 1):
            if end - start > n and tuple(words[end - n : end]) in forms:
                legal.add(forms[tuple(words[end - n : end])])
                end -= n
                changed = True
                break
            if end - start > n and tuple(words[start : start + n]) in forms:
                legal.add(forms[tuple(words[start : start + n])])
                start += n
                changed = True
                break
    return start, end, legal


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _roman_value(token) if len(token) <= 4 else None


def _allowed_edits(length: int) -> int:
    """Spelling differences tolerated in a word of this length (typos, transliteration)."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    if length <= 11:
        return 2
    return 3


#: Score of the same words written differently (case, spacing, accents, legal forms left
#: out): anything less from :func:`latin_similarity` is a near spelling.
SAME_WORDS: Final = 0.97
#: Spelling differences tolerated in a word of a place name, however long: near-namesake
#: places are common (Austria / Australia, Portland / Poland), misspelt ones rare.
_PLACE_EDITS: Final = 1


@functools.lru_cache(maxsize=PAIR_CACHE)
def _token_similarity(x: str, y: str, initials: bool, place: bool = False) -> float:
    if x == y:
        return 1.0
    nx, ny = _number(x), _number(y)
    if nx is not None and ny is not None:
        return -1.0  # different numbers: a hard conflict
    if len(x) == 1 or len(y) == 1:
        return 0.9 if initials and x[0] == y[0] else 0.0
    short, long_ = sorted((x, y), key=len)
    if initials and len(short) >= 3 and long_.startswith(short):
        return 0.85  # a short form of the same given name (Ben, Benjamin)
    edits = jellyfish.damerau_levenshtein_distance(x, y)
    allowed = _allowed_edits(max(len(x), len(y)))
    if not initials and max(len(x), len(y)) <= 4:
        allowed = 0  # short organisation words are often acronyms: exact only
    if jellyfish.metaphone(x) == jellyfish.metaphone(y):
        allowed += 1
    if place:
        allowed = min(allowed, _PLACE_EDITS)
    if edits > allowed or (x[0] != y[0] and edits > 1):
        return 0.0
    return max(0.0, 1.0 - 0.08 * edits)


def _join_letters(words: Sequence[str]) -> list[str]:
    """Join runs of single letters (``s a`` → ``sa``, ``l l c`` → ``llc``, ``u s`` → ``us``)."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if run:
            out.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if w:
            out.append(w)
    return out


def _order_penalty(pairs: Sequence[tuple[int, int]]) -> float:
    """0 for the same order, 0.1 for a rotation (surname moved), 0.2 per other inversion."""
    ordered = [j for _i, j in sorted(pairs)]
    inversions = sum(1 for k in range(len(ordered)) for m in range(k) if ordered[m] > ordered[k])
    if not inversions:
        return 0.0
    ranks = sorted(ordered)
    rotations = {tuple(ranks[r:] + ranks[:r]) for r in range(1, len(ranks))}
    if tuple(ordered) in rotations:
        return 0.1
    return 0.2 * inversions


def latin_similarity(
    a: Sequence[str], b: Sequence[str], *, organization: bool = False, place: bool = False
) -> tuple[float, str]:
    """Score two word lists in [0, 1] with a short explanation. Words of a ``place`` name
    may differ by one edit at most (:data:`_PLACE_EDITS`)."""
    if organization:
        a, legal_a = _split_legal(_join_letters([w for w in a if w not in _STOPWORDS]))
        b, legal_b = _split_legal(_join_letters([w for w in b if w not in _STOPWORDS]))
    else:
        legal_a = legal_b = set()
    if not a or not b:
        return 0.0, "nothing left to compare"
    if not organization and (all(len(w) == 1 for w in a) or all(len(w) == 1 for w in b)):
        return 0.0, "initials only"
    if "".join(a) == "".join(b):
        # a legal form left out is not a different one (Nanshan Group / Nanshan Group Co Ltd)
        score = SAME_WORDS if legal_a <= legal_b or legal_b <= legal_a else 0.75
        return score, "same words (spacing, case, accents and legal forms aside)"
    swapped = len(a) > len(b)
    short, long_ = (list(b), list(a)) if swapped else (list(a), list(b))
    pairs = sorted(
        (
            (_token_similarity(x, y, not organization, place), i, j)
            for i, x in enumerate(short)
            for j, y in enumerate(long_)
        ),
        reverse=True,
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    matched: list[float] = []
    links: list[tuple[int, int]] = []
    for sim, i, j in pairs:
        if i in used_i or j in used_j:
            continue
        if sim < 0:
            return 0.1, f"different numbers ({short[i]} / {long_[j]})"
        if sim < _MIN_PAIR:
            continue
        used_i.add(i)
        used_j.add(j)
        matched.append(sim)
        links.append((i, j))
    if not matched:
        return 0.0, "no word matches"
    unmatched_short = len(short) - len(matched)
    extra = [w for j, w in enumerate(long_) if j not in used_j]
    score = sum(matched) / len(matched)
    score -= 0.25 * unmatched_short
    score -= _order_penalty(links)
    if organization:
        score -= sum(0.08 if w in _GENERIC_EXTRA else 0.25 for w in extra)
        if legal_a and legal_b and not (legal_a & legal_b):
            score -= 0.2
    else:
        score -= 0.04 * len(extra) if len(matched) >= 2 else 0.3 * len(extra)
    score = max(0.0, min(1.0, score))
    return score, f"words aligned by spelling ({len(matched)} matched, {len(extra)} extra)"
