"""Unicode normalisation, script detection and Latin folding for names."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from typing import Any, Final

__all__ = [
    "APOSTROPHES",
    "EMPTY_SET",
    "HAN_CHAR",
    "NAME_CACHE",
    "PAIR_CACHE",
    "QUALIFIER",
    "fold_latin",
    "fold_syllable",
    "is_han",
    "normalize_text",
    "scripts_of",
    "tone_of",
]

#: How many distinct names (or their parts) each of the name engine's caches holds what it
#: worked out of: parses, comparison views, alias groups, blocking values. The distinct
#: names of a corpus should fit, or every stage that meets them again parses them again
#: (a million mentions of the benchmark's generator hold about 296,000; at 2**18, their
#: clustering spent about 20 of its 120 s under py-spy parsing names anew). About 2.5 KB
#: a parsed name.
NAME_CACHE: Final = 1 << 19

#: The one empty set that the records the engine and the resolver keep hold (each
#: ``frozenset()`` is an object of its own, of 216 bytes, and most names and mentions have
#: no value of most kinds: a million mentions have about 300,000 names).
EMPTY_SET: Final[frozenset[Any]] = frozenset()

#: How many pairs each of the name engine's caches of pairs (of syllables, of words) holds.
#: Such pairs grow with the pairs of names compared, and most are met once: comparing the
#: 167,417 pairs of names of one of two processes at 100,000 generated mentions made
#: 213,340 distinct pairs of syllables, which kept up to 2**18 would hold about 54 MiB more
#: in each process; kept to 2**14, the most recently met, they missed 299,323 times
#: instead of 215,262 in 1,314,899 look-ups, in no more time.
PAIR_CACHE: Final = 1 << 14

#: A qualifier in brackets, round, square or full-width (Bank of China (Hong Kong),
#: 外交部（台湾）): group 1 is what it says. The parser keeps it apart from the name.
QUALIFIER: Final = re.compile(r"[(\[（【]([^)\]）】]*)[)\]）】]")

#: Characters that stand for an apostrophe in romanized names (Xi'an, Ch'en, Ch‘en, Chʼen).
APOSTROPHES: Final = "'’‘ʼ`´ʹ′"

_TONE_MARKS: Final = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
#: Characters removed before names are read: controls, zero-width and bidi controls, the
#: byte-order mark, and lone surrogates (half of a UTF-16 pair, not a character).
_CONTROL = re.compile(
    r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_SPACES = re.compile(r"\s+")


def is_han(ch: str) -> bool:
    """Whether ``ch`` is a Han character (CJK unified or compatibility ideograph)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x323AF
        or cp == 0x3007
    )


#: One Han character: the characters for which :func:`is_han` is true.
HAN_CHAR: Final = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U000323af\u3007]")


_FOLD_PUNCTUATION: Final = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES, "'"),
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u00b7": " ",
        "\u30fb": " ",
        "\u2027": " ",
    }
)


def normalize_text(text: str) -> str:
    """NFKC, control and bidi characters removed, whitespace collapsed, apostrophes unified.

    >>> normalize_text("  Ch\u2018en\u200b  I ")
    "Ch'en I"
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    text = text.translate(_FOLD_PUNCTUATION)
    if "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text)
    return text.strip()


def scripts_of(text: str) -> frozenset[str]:
    """The writing systems used in ``text``: ``han``, ``latin``, ``other``."""
    if text.isascii():
        return _LATIN if any(c.isalpha() for c in text) else _NO_SCRIPT
    rest = HAN_CHAR.sub("", text)
    found: set[str] = {"han"} if len(rest) < len(text) else set()
    for ch in rest:
        if ch.isalpha():
            found.add(_letter_script(ch))
    return _SCRIPT_SETS[frozenset(found)]


_NO_SCRIPT: Final = frozenset[str]()
_LATIN: Final = frozenset({"latin"})
#: The possible results of :func:`scripts_of`, shared rather than built for every name.
_SCRIPT_SETS: Final = {
    s: s
    for s in (
        frozenset(c)
        for c in itertools.chain.from_iterable(
            itertools.combinations(("han", "latin", "other"), n) for n in range(4)
        )
    )
}


@functools.lru_cache(maxsize=4096)
def _letter_script(ch: str) -> str:
    """``latin`` or ``other`` for a letter that is not Han."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        name = ""
    return "latin" if name.startswith("LATIN") else "other"


#: The ASCII characters of APOSTROPHES, removed by fold_latin.
_ASCII_APOSTROPHES: Final = str.maketrans(dict.fromkeys([c for c in APOSTROPHES if c.isascii()]))


@functools.lru_cache(maxsize=NAME_CACHE)
def fold_latin(text: str) -> str:
    """Lowercase, marks removed (ü → u), apostrophes removed: for general comparison."""
    if text.isascii():  # no marks or special letters: the common case, done at once
        return text.lower().translate(_ASCII_APOSTROPHES)
    return _fold_decomposed(text)


def _fold_decomposed(text: str) -> str:
    """:func:`fold_latin`'s rule, for any text: decomposed with compatibility forms resolved
    as :func:`normalize_text` resolves them (POJ's superscript ⁿ is n), marks and apostrophes
    removed, a few letters spelled out."""
    decomposed = unicodedata.normalize("NFKD", text).lower()
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    kept = kept.replace("ø", "o").replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    kept = kept.replace("đ", "d").replace("ł", "l").replace("ı", "i")
    for apostrophe in APOSTROPHES:
        kept = kept.replace(apostrophe, "")
    return kept


@functools.lru_cache(maxsize=65536)
def fold_syllable(text: str) -> str:
    """Lowercase ASCII for a romanized syllable, keeping ü as ``v`` and apostrophes.

    >>> fold_syllable("Lǚ"), fold_syllable("Hsüeh"), fold_syllable("Ch'en")
    ('lv', 'hsveh', "ch'en")
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    out: list[str] = []
    for ch in decomposed:
        if ch == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif not unicodedata.combining(ch):
            out.append("'" if ch in APOSTROPHES else ch)
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def tone_of(text: str) -> int | None:
    """The pinyin tone written with a mark in ``text`` (1–4), or None."""
    if text.isascii():
        return None
    for ch in unicodedata.normalize("NFD", text):
        tone = _TONE_MARKS.get(ch)
        if tone is not None:
            return tone
    return None
