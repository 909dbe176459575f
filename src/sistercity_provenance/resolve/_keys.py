"""Blocking keys of a mention, from the name engine's parse."""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import multiprocessing
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Final

import jellyfish

from sistercity_provenance.names import NameKind, ParsedName, PartRole, parse
from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._compare import _chinese as reads_as_chinese
from sistercity_provenance.names._compare import _mandarin_spelled, hong_kong_style, separated_han
from sistercity_provenance.names._knowledge import _alias_groups as alias_groups
from sistercity_provenance.names._knowledge import (
    abbreviation_aliases,
    alias_variants,
    knowledge_views,
    reading_aliases,
)
from sistercity_provenance.names._model import Part, Unit
from sistercity_provenance.names._orgs import (
    _ETHNIC,
    _LEVELS,
    _OFFICE_UNITS,
    _PARENT_BODIES,
    NATIONAL_PREFIXES,
    HanSplit,
    LatinSplit,
    _bag,
    _concept_words,
    _han_canonical,
    _han_concepts,
    _han_segments,
    _latin_concepts,
    _plain_initials,
    _strip_han_legal,
    _term_tables,
    han_acronyms,
    han_acronyms_less_one_term,
    han_cores,
    han_reading,
    mixed_han_splits,
    mixed_latin_splits,
    names_a_local_place,
    romanized_readings,
)
from sistercity_provenance.names._parse import (
    _MANDARIN_LIKE,
    _han_parts,
    is_known_surname,
    maiden_name,
)
from sistercity_provenance.names._phonetic import reading_skeleton, word_skeleton
from sistercity_provenance.names._readings import spellings_of
from sistercity_provenance.names._tables import surnames
from sistercity_provenance.names._text import NAME_CACHE, fold_latin

__all__ = [
    "InitialBlocks",
    "NameKeys",
    "blocking_keys",
    "coarse_syllable",
    "initial_blocks",
    "keys_of_names",
    "sort_value",
]

#: :func:`initial_blocks` of a name: whether its given name is initials only, and its
#: ``initial`` blocks with their sort values.
InitialBlocks = tuple[bool, tuple[tuple[str, str], ...]]
#: What blocking needs of one name: its blocking keys (sorted) and its ``initial`` blocks.
#: Strings, tuples and a flag only: cheap to send between processes.
NameKeys = tuple[tuple[str, ...], InitialBlocks]

#: The families of :func:`blocking_keys`, the second field of each key.
KEY_FAMILIES: Final = frozenset(
    {
        "han", "alias", "coarse", "sorted", "words", "sound", "acronym", "surname", "given",
        "first", "lead", "typo", "syllable", "hokkien", "cantonese", "proper", "head",
        "initials", "bag", "spelt", "western", "foreign", "sounds", "term", "run",
        "translated", "national", "readlead", "short", "skipped",
    }
)  # fmt: skip

#: Initial consonants folded into classes that survive romanization (zh/ch/j/q/z/c → z).
_INITIAL_CLASSES: Final = (
    ("zh", "z"), ("ch", "z"), ("sh", "s"), ("z", "z"), ("c", "z"), ("s", "s"), ("j", "z"),
    ("q", "z"), ("x", "s"), ("b", "b"), ("p", "b"), ("d", "d"), ("t", "d"), ("g", "g"),
    ("k", "g"), ("h", "h"), ("f", "f"), ("m", "m"), ("n", "n"), ("l", "l"), ("r", "r"),
    ("w", ""), ("y", ""),
)  # fmt: skip
_STOP: Final = frozenset({"of", "the", "and", "for", "de", "la", "le"})
#: Terms too common in organisation names to say anything on their own.
_GENERIC_TERMS: Final = frozenset(
    {
        "china", "office", "people", "province", "city", "government", "committee",
        "department", "association", "national", "nation", "state", "council", "central",
        "company", "group", "bank", "university", "institute", "ministry", "bureau",
        "federation", "party", "limited", "international", "affair", "general", "union",
    }
)  # fmt: skip


@functools.lru_cache(maxsize=65536)
def coarse_syllable(syllable: str) -> str:
    """A Mandarin syllable folded to a class that most romanizations agree on.

    >>> coarse_syllable("zhang"), coarse_syllable("chang"), coarse_syllable("jiang")
    ('zan', 'zan', 'zian')
    """
    s = syllable.rstrip("012345")
    for initial, cls in _INITIAL_CLASSES:
        if s.startswith(initial):
            s = cls + s[len(initial) :]
            break
    return s.replace("ng", "n").replace("v", "u")


def _view_syllables(parsed: ParsedName) -> list[list[str]]:
    """Usual readings of the Chinese-name parts, per view (Han, romanized), in order."""
    views: list[list[str]] = []
    core = [p for p in parsed.core if p.segmentations and p.role is not PartRole.INITIALS]
    for han in (True, False):
        parts = [p for p in core if bool(p.segmentations[0][0].han) == han]
        syllables = [u.primary for p in parts for u in p.segmentations[0] if u.primary]
        if syllables and len(syllables) == sum(len(p.segmentations[0]) for p in parts):
            views.append(syllables)
    for _label, chars in knowledge_views(parsed):
        parts = _han_parts(chars, parsed.kind)
        views.append([u.primary for p in parts for u in p.segmentations[0] if u.primary])
    maiden = maiden_name(parsed)
    if maiden:  # 叶刘淑仪 is also indexed as 刘淑仪
        units = [u for p in maiden[1] if p.segmentations for u in p.segmentations[0]]
        if units and all(u.primary for u in units):
            views.append([u.primary for u in units])
    return views


@functools.lru_cache(maxsize=65536)
def _surname_coarse(parsed: ParsedName) -> frozenset[str]:
    """Coarse readings of the surname, and of the other edge word if it is a surname too
    (asked twice per name: for the ``surname`` keys and the ``initial`` blocks)."""
    found: set[str] = set()
    core = [p for p in parsed.core if p.role is not PartRole.INITIALS and p.segmentations]
    edges = {id(core[0]), id(core[-1])} if core else set()
    for p in core:
        if p.role is PartRole.SURNAME or (id(p) in edges and is_known_surname(p)):
            found |= _part_coarse(p)
    return frozenset(found)


def _given_coarse(parsed: ParsedName) -> set[str]:
    """Coarse readings of a given name of two or more syllables (Jie / Xie Zhenhua)."""
    found = set()
    for p in parsed.parts:
        if p.role is not PartRole.GIVEN or not p.segmentations:
            continue
        syllables = [u.primary for u in p.segmentations[0] if u.primary]
        found.add(" ".join(coarse_syllable(s) for s in syllables))
    given_words = [p for p in parsed.parts if p.role is PartRole.GIVEN]
    if len(given_words) > 1:  # given name written as several words (Zhou En Lai)
        syllables = [u.primary for p in given_words if p.segmentations for u in p.segmentations[0]]
        found.add(" ".join(coarse_syllable(s) for s in syllables if s))
    return {g for g in found if " " in g}


@functools.lru_cache(maxsize=65536)
def _coarse_readings(unit: Unit) -> frozenset[str]:
    """Coarse forms of every reading of a unit, or of its usual one if it has none (units
    recur across names: 王, wong, wai)."""
    return frozenset(coarse_syllable(r) for r in unit.readings or {unit.primary} if r)


def _surname_first_syllable(parsed: ParsedName) -> set[str]:
    """Surname, first syllable of the given name and the initial of its second, in every
    Mandarin reading that each may stand for (Wong Guen-gam and 王娟金 share ``an|zuan|g``):
    names in Cantonese, Hokkien or Wade-Giles spelling, whose usual reading is only one
    guess, still meet the characters they stand for."""
    surnames: set[str] = set()
    given: list[set[str]] = []
    core = [p for p in parsed.core if p.role is not PartRole.INITIALS and p.segmentations]
    for p in core:
        if p.role is PartRole.SURNAME and not surnames:
            for seg in p.segmentations:
                if len(seg) == 1:
                    surnames |= _coarse_readings(seg[0])
                else:
                    surnames.add(" ".join(coarse_syllable(u.primary) for u in seg))
        elif p.role is PartRole.GIVEN and len(given) < 2:
            for unit in p.segmentations[0][: 2 - len(given)]:
                given.append(set(_coarse_readings(unit)))
    if not given:
        return set()
    second = {g[:1] or "-" for g in given[1]} if len(given) > 1 else {"-"}
    return {f"{s}|{g}|{x}" for s in surnames for g in given[0] for x in second if s and g}


def _first_letters(parsed: ParsedName) -> set[str]:
    """Letters the given name can start with, in any romanization of its first syllable.

    Western given names count too (James P. Smith may be cited as J. Smith).
    """
    western = {p.text[:1].lower() for p in parsed.parts if p.role is PartRole.WESTERN_GIVEN}
    return western | _chinese_first_letters(parsed)


def _chinese_first_letters(parsed: ParsedName) -> set[str]:
    for p in parsed.parts:
        if p.role not in (PartRole.GIVEN, PartRole.INITIALS) or not p.segmentations:
            continue
        unit = p.segmentations[0][0]
        letters = {unit.text[:1]} if unit.text and not unit.han else set()
        if unit.han or unit.initial:
            letters |= {s[:1] for r in unit.readings for s in spellings_of(r)}
            letters |= {d[:1] for d in unit.dialect}
        if unit.initial:
            letters = {unit.text[:1]} | _syllable_letters(unit.text[:1])
        return {x for x in letters if x.isalpha()}
    return set()


@functools.lru_cache(maxsize=64)
def _syllable_letters(letter: str) -> frozenset[str]:
    """First letters of the spellings of what a one-letter initial reads as a syllable in a
    Mandarin system: I is yi in Wade-Giles, so Wang I also meets Wang Yi in the ``initial``
    blocks (y); none for most letters."""
    return frozenset(s[:1] for r in _mandarin_spelled(letter) for s in spellings_of(r))


#: Most spellings of a name's given-name initials that are keys (see _given_initials).
_INITIALS_MAX: Final = 8


def _given_initials(parsed: ParsedName) -> set[str]:
    """The first letters of every syllable of a given name of two syllables or more, in the
    romanizations it may be cited in (Q.C. Wang, Wang Qiangchen, 王强晨: qc): with the
    surname, a small block where a name cited by its initials meets the full name, which the
    large ``initial`` blocks of one letter offer only among many (at most
    :data:`_INITIALS_MAX` spellings)."""
    letters: list[frozenset[str]] = []
    for p in parsed.parts:
        if p.role not in (PartRole.GIVEN, PartRole.INITIALS):
            continue
        if not p.segmentations:
            return set()
        letters.extend(_unit_letters(u) for u in p.segmentations[0])
    if len(letters) < 2 or not all(letters) or math.prod(map(len, letters)) > _INITIALS_MAX:
        return set()
    return {"".join(c) for c in itertools.product(*letters)}


@functools.lru_cache(maxsize=65536)
def _unit_letters(unit: Unit) -> frozenset[str]:
    """The letters a syllable is cited by: its own first letter if romanized; for a Han
    character, the first letters of its usual reading in the Mandarin romanizations and of
    its Hong Kong spellings (强: q, c, k)."""
    if not unit.han:
        return frozenset(unit.text[:1]) if unit.text[:1].isalpha() else frozenset()
    spellings = spellings_of(unit.primary) if unit.primary else frozenset()
    found = {s[:1] for s in spellings} | {d[:1] for d in unit.dialect if d.isalpha()}
    return frozenset(x for x in found if x.isalpha())


#: Shortest word whose one-letter-less spellings are keys: in shorter ones (Wang: ang, wng,
#: wag, wan) a letter left out makes another common name.
_TYPO_MIN: Final = 5


def _end_word_typos(parsed: ParsedName) -> set[str]:
    """Each end word of a romanized name (the surname comes first or last) of at least
    ``_TYPO_MIN`` letters, and each spelling of it with one letter left out, with the word at
    the other end: a name mistyped by one letter in such a word (Michael Bakzr, Yegng
    Man-peng) shares a key with the right spelling (bakr|michael; yeng|manpeng), as a
    symmetric-deletion index does. The other word is kept whole, so that common surnames
    make no large blocks."""
    words = [w for w in (re.sub(r"[^a-z]", "", w) for w in parsed.words) if w]
    if len(words) < 2:
        return set()
    found: set[str] = set()
    for word, other in ((words[0], words[-1]), (words[-1], words[0])):
        if len(word) < _TYPO_MIN or len(other) < 2:
            continue
        spellings = {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
        found |= {f"{s}|{other}" for s in spellings}
    return found


def _surname_initial(parsed: ParsedName) -> set[str]:
    """Surname with the first letter of the given name (J. Smith / James Smith; 邝艳 / Y. Kuang)."""
    letters = _first_letters(parsed)
    if not letters:
        return set()
    surnames = _surname_coarse(parsed)
    if not surnames and parsed.words:  # a name not read as Chinese: its last word
        words = [w for w in parsed.words if len(w) > 1]
        if words:
            surnames = frozenset({words[-1] if "," not in parsed.normalized else words[0]})
    return {f"{s}|{x}" for s in surnames for x in letters}


@functools.lru_cache(maxsize=NAME_CACHE)
def initial_blocks(name: str, kind: NameKind) -> InitialBlocks:
    """The ``initial`` blocks of a person's mention (surname + a first letter of the given
    name), each with the value the block is sorted by, and whether the given name is
    written as initials only (J. Wang, Y.L. Wang).

    Such blocks grow with the data (every Wang whose given name starts with J), so the
    resolver does not compare all their members: it compares each member with its
    neighbours in the block's order, which puts near spellings of the rest of the name side
    by side (Geore / George Johnson), and a name written with initials with every member.

    >>> initial_blocks("J. Wang", NameKind.PERSON)
    (True, (('person|initial|an|j', ''), ('person|initial|hon|j', '')))
    >>> initial_blocks("Wang Jing", NameKind.PERSON)[1]
    (('person|initial|an|j', 'zin'), ('person|initial|zin|j', 'an'))
    """
    if kind is not NameKind.PERSON:
        return False, ()
    try:
        parsed = parse(name, kind)
    except ValueError:
        return False, ()
    roles = {p.role for p in parsed.parts}
    initials_only = PartRole.INITIALS in roles and not (
        roles & {PartRole.GIVEN, PartRole.WESTERN_GIVEN}
    )
    words: list[str] = []
    surname_at = -1
    for p in parsed.parts:
        if p.role is PartRole.INITIALS:
            continue
        if p.role is PartRole.SURNAME and surname_at < 0:
            surname_at = len(words)
        if p.segmentations and all(u.primary for u in p.segmentations[0]):
            words.append(" ".join(coarse_syllable(u.primary) for u in p.segmentations[0]))
        else:
            words.append(p.text.lower())
    blocks = []
    for key in sorted(_surname_initial(parsed)):
        surname = key.rsplit("|", 1)[0]
        # the rest of the name: without the word read as the block's surname, or else
        # without the surname (a dialect spelling whose usual reading is another one)
        at = words.index(surname) if surname in words else surname_at
        rest = [w for i, w in enumerate(words) if i != at]
        blocks.append((f"{kind.value}|initial|{key}", " ".join(rest)))
    return initials_only, tuple(blocks)


@functools.lru_cache(maxsize=NAME_CACHE)
def sort_value(name: str, kind: NameKind) -> str:
    """The value by which a name is placed in a large block's order: its coarse reading
    where it reads as Chinese (so that 王伟, Wang Wei and Wong Wai sit near each other),
    else its folded words.

    >>> sort_value("王伟", NameKind.PERSON), sort_value("Wang Wei", NameKind.PERSON)
    ('an ei', 'an ei')
    """
    try:
        parsed = parse(name, kind)
    except ValueError:
        return ""
    for syllables in _view_syllables(parsed):
        if syllables:
            return " ".join(coarse_syllable(s) for s in syllables)
    return " ".join(parsed.words)


#: Most Hokkien readings of one Han name that are keys: a name whose characters have more
#: combinations of readings is left to the other keys.
_HOKKIEN_VIEWS_MAX: Final = 16


def _hokkien_views(parsed: ParsedName) -> list[tuple[str, ...]]:
    """Hokkien syllables of a name (one form for POJ and Tâi-lô): of a romanized name read
    as Hokkien, its syllables; of a Han name, each combination of its characters' readings
    (廈門: e bun, e mng, ha bun, ha mng), so that Ē-mn̂g meets 廈門 though its Mandarin
    readings are only guesses."""
    read = [k.value for k in parsed.keys if k.system == "hokkien"]
    if read:  # the parse's own key (:func:`~sistercity_provenance.names._parse._keys`)
        return [tuple(rd.hokkien_coarse(s) for s in read[0].split())]
    units = [u for p in parsed.core if p.segmentations for u in p.segmentations[0]]
    if not units or not all(u.han for u in units):
        return _everyday_views(parsed)
    readings = [sorted({rd.hokkien_coarse(r) for r in u.hokkien}) for u in units]
    if not all(readings) or math.prod(len(r) for r in readings) > _HOKKIEN_VIEWS_MAX:
        return []
    return list(itertools.product(*readings))


#: Most Hong Kong Cantonese spellings of one Han name that are keys (as
#: :data:`_HOKKIEN_VIEWS_MAX`).
_CANTONESE_VIEWS_MAX: Final = 16

#: What a Hong Kong spelling writes in more than one way, and the form a key takes: ts (and
#: tz) as ch, ee as i, oo as u; an initial g, d or b as k, t or p (Git for 傑, kit).
_HK_SPELLINGS: Final = (("tz", "ch"), ("ts", "ch"), ("ee", "i"), ("oo", "u"))
_HK_INITIALS: Final = {"g": "k", "d": "t", "b": "p"}


@functools.lru_cache(maxsize=16384)
def _hk_coarse(spelling: str) -> str:
    """A Hong Kong Cantonese spelling in the one form of :data:`_HK_SPELLINGS`.

    >>> _hk_coarse("tsun"), _hk_coarse("chee"), _hk_coarse("git"), _hk_coarse("gwok")
    ('chun', 'chi', 'kit', 'kwok')
    """
    out = spelling.lower()
    for written, form in _HK_SPELLINGS:
        out = out.replace(written, form)
    if len(out) > 1 and out[0] in _HK_INITIALS:
        out = _HK_INITIALS[out[0]] + out[1:]
    return out


def _cantonese_views(parsed: ParsedName) -> list[tuple[str, ...]]:
    """Hong Kong Cantonese spellings of a person's name (:func:`_hk_coarse`), so that Wong
    Wai-chun meets 王伟俊 though their Mandarin keys differ (wai is not wei): of a Han
    name, each combination of its characters' spellings (at most
    :data:`_CANTONESE_VIEWS_MAX`); of a romanized name, its syllables as written, when
    every one is a Hong Kong spelling of some character."""
    units = [u for p in parsed.core if p.segmentations for u in p.segmentations[0]]
    if not units or any(u.initial for u in units):
        return []
    if all(u.han for u in units):
        spellings = [sorted({_hk_coarse(s) for s in rd.char_cantonese(u.han)[0]}) for u in units]
        if not all(spellings) or math.prod(len(s) for s in spellings) > _CANTONESE_VIEWS_MAX:
            return []
        return list(itertools.product(*spellings))
    if any(u.han for u in units):
        return []
    words = [w for p in parsed.core for w in _GIVEN_PIECES.split(fold_latin(p.text)) if w]
    if len(words) < 2 or not all(rd.cantonese_chars(w) for w in words):
        return []
    return [tuple(_hk_coarse(w) for w in words)]


def _foreign_sounds(parsed: ParsedName) -> list[str]:
    """The folded consonant skeletons (``names._phonetic``) of the words of a person's
    foreign name, as the comparison word by word reads them: of a name in characters with
    separators (罗伯特·泰勒: LPT, TL), each word by its characters' usual readings; of a
    Latin name that does not read as a Chinese name (Robert Taylor: LPLT, TLL), each
    word, when none is an initial and neither a comma nor a surname in capitals turns the
    order. Empty for any other name, or where a character has no reading."""
    if parsed.kind is not NameKind.PERSON:
        return []
    if separated_han(parsed):
        found = []
        for segment in parsed.normalized.split():
            readings = rd.usual_readings(segment)
            if readings is None:
                return []
            found.append(reading_skeleton(readings))
        return found
    if parsed.han or reads_as_chinese(parsed):
        return []
    written = parsed.original.split()
    turned = "," in parsed.original or any(w.isupper() and len(w) > 1 for w in written)
    if turned or any(p.role is PartRole.INITIALS for p in parsed.parts):
        # a rendering in characters gives whole words, given name first: J. Jones, Smith,
        # Robert or SMITH Robert would only meet other Latin names by this key
        return []
    return [word_skeleton(w) for w in parsed.words]


#: Parts that give a person's English name (Sally Cheung, "Forest" Rong Lei).
_ENGLISH_NAMES: Final = frozenset({PartRole.WESTERN_GIVEN, PartRole.NICKNAME})

#: Most Mandarin readings of one romanized Hong Kong name that are keys
#: (:func:`_hong_kong_mandarin_views`).
_HONG_KONG_MANDARIN_MAX: Final = 64


def _dialect_surname_coarse(spelling: str) -> list[str]:
    """Coarse usual readings of the single-character surnames that the surname table
    spells so in a dialect (Chan: 陈, 田; Heng: 王, 邢), sorted."""
    table = surnames()
    chars = rd.surname_dialect_index().get(rd.fold_word(spelling), frozenset())
    return sorted(
        {coarse_syllable(table[c].pinyin[0][0]) for c in chars if c in table and len(c) == 1}
    )


def _usual_coarse(chars: Iterable[str]) -> list[str]:
    """Coarse usual (first) Mandarin readings of characters, sorted: those by which the
    comparison bridges a dialect spelling to a Mandarin one."""
    return sorted({coarse_syllable(m) for c in chars for m, _t in rd.char_mandarin(c)[:1]})


def _hong_kong_mandarin_views(parsed: ParsedName) -> list[tuple[str, ...]]:
    """Coarse Mandarin readings of a romanized name written as Hong Kong names are (Chan
    Wai-yu, Chan Wai Yu: zen ei ru, zen hui u ...), so that it meets the same name in pinyin
    or Wade-Giles (Chen Weiyu), with which it shares no other key. As the comparison
    bridges them (``_cantonese_bridge``): the surname by the surname table, each other
    syllable by the usual reading of each common character that it spells; none when
    there are more than :data:`_HONG_KONG_MANDARIN_MAX`."""
    parts = tuple(p for p in parsed.core if not (p.segmentations and p.segmentations[0][0].han))
    if not hong_kong_style(parts):
        return []
    readings = [_dialect_surname_coarse(parts[0].text)]
    for piece in (fold_latin(x) for p in parts[1:] for x in p.text.split("-")):
        readings.append(_usual_coarse(c for c in rd.cantonese_chars(piece) if rd.is_common_char(c)))
    if not all(readings) or math.prod(len(r) for r in readings) > _HONG_KONG_MANDARIN_MAX:
        return []
    return list(itertools.product(*readings))


def _everyday_name(parsed: ParsedName) -> tuple[str, list[str]] | None:
    """The surname as written and the given-name syllables of a person's name that may be
    in everyday Hokkien: one surname, and a given name with a syllable that no Mandarin
    system reads (Kah; Boon is Cantonese); ``None`` for any other name."""
    if parsed.kind is not NameKind.PERSON:
        return None
    surname = [p for p in parsed.core if p.role is PartRole.SURNAME]
    given = [p for p in parsed.core if p.role is PartRole.GIVEN]
    if len(surname) != 1 or not given or not all(p.segmentations for p in given):
        return None
    units = [u for p in given for u in p.segmentations[0]]
    if all(set(u.systems) & _MANDARIN_LIKE for u in units):
        return None  # a Mandarin spelling: its keys are the Mandarin ones
    words = [w for p in given for w in _GIVEN_PIECES.split(fold_latin(p.text)) if w]
    return surname[0].text, words


def _everyday_views(parsed: ParsedName) -> list[tuple[str, ...]]:
    """Hokkien syllables that a romanized person's name may write in everyday Hokkien (Tan
    Kah Kee: tan ka kinn ...), so that it meets its characters (陳嘉庚), whose comparison
    reads such spellings: the Hokkien readings of the characters its surname spells in the
    surname table's dialect columns, then the readings each given-name syllable may write
    (:func:`~sistercity_provenance.names._readings.everyday_readings`). Only for a name
    with a given-name syllable that no Mandarin system reads (Kah; Boon is Cantonese), at
    most :data:`_HOKKIEN_VIEWS_MAX` combinations."""
    found = _everyday_name(parsed)
    if found is None:
        return []
    spelling, words = found
    chars = rd.surname_dialect_index().get(rd.fold_word(spelling), frozenset())
    sur = {rd.hokkien_coarse(r) for c in chars if len(c) == 1 for r in rd.char_hokkien(c)}
    readings = [sorted(sur)]
    for word in words:
        readings.append(sorted({rd.hokkien_coarse(r) for r in rd.everyday_readings(word)}))
    if not all(readings) or math.prod(len(r) for r in readings) > _HOKKIEN_VIEWS_MAX:
        return []
    return list(itertools.product(*readings))


def _everyday_mandarin_views(parsed: ParsedName) -> list[tuple[str, ...]]:
    """Coarse Mandarin readings of a person's name in everyday Hokkien (Heng Swee Keat: an
    rui zie, an sui zie ...), so that it meets the same name in pinyin (Wang Ruijie), with
    which it shares no other key. As the comparison bridges them (``_everyday_bridge``):
    the surname by the surname table, each given syllable by the usual reading of each
    common character that it spells in everyday Hokkien; only for a given name with a
    syllable that no Mandarin system reads, and none when there are more than
    :data:`_HONG_KONG_MANDARIN_MAX` readings."""
    found = _everyday_name(parsed)
    if found is None or any(u.han for p in parsed.core for s in p.segmentations for u in s):
        return []
    spelling, words = found
    readings = [_dialect_surname_coarse(spelling)]
    readings += [_usual_coarse(rd.everyday_chars(word)) for word in words]
    if not all(readings) or math.prod(len(r) for r in readings) > _HONG_KONG_MANDARIN_MAX:
        return []
    return list(itertools.product(*readings))


#: What separates the syllables of a romanized given name written as Hong Kong or everyday
#: Hokkien names are (Wai-chun, Swee Keat).
_GIVEN_PIECES: Final = re.compile(r"[\s\-]+")


def _place_head(parsed: ParsedName) -> frozenset[str]:
    """Coarse readings of the first word of a romanized place name, in each of its
    segmentations (Xinjiang Uygur Autonomous Region: sin zian; Hsin-chiang: sin zian), so
    that a place of several words meets its short name in another system."""
    core = [p for p in parsed.core if p.segmentations]
    if not core or any(u.han for u in core[0].segmentations[0]):
        return frozenset()
    return _part_coarse(core[0])


@functools.lru_cache(maxsize=65536)
def _part_coarse(part: Part) -> frozenset[str]:
    """Coarse usual readings of a part, one per segmentation whose every syllable reads
    (parts recur across names: a surname, the first word of a place)."""
    return frozenset(
        " ".join(coarse_syllable(u.primary) for u in seg)
        for seg in part.segmentations
        if seg and all(u.primary for u in seg)
    )


#: Most combinations of bridged readings of a name read as Hokkien that are keys.
_BRIDGED_VIEWS_MAX: Final = 128


def _bridged_views(parsed: ParsedName) -> list[tuple[str, ...]]:
    """Coarse Mandarin readings of a place name read as Hokkien, in every combination of the
    readings of the common characters each syllable spells (Ē-mn̂g: ..., sia men, ...), up
    to :data:`_BRIDGED_VIEWS_MAX`: its usual reading is only a guess, and the pinyin or
    Wade-Giles spellings of the place would otherwise meet it only through its characters.
    """
    units = [u for p in parsed.core if p.segmentations for u in p.segmentations[0]]
    if not units or not all(u.systems == ("hokkien",) and u.readings for u in units):
        return []
    readings = [sorted(_coarse_readings(u)) for u in units]
    if math.prod(len(r) for r in readings) > _BRIDGED_VIEWS_MAX:
        return []
    return list(itertools.product(*readings))


def _proper_names(parsed: ParsedName) -> set[str]:
    """Coarse readings of the proper name of an organisation name whose other words all
    translate (Nankai University, 南开大学: nan kai), so that the romanized and the Chinese
    forms meet. A Chinese name gives one only where its proper name is not itself a known
    term or place (人民 is a term; 北京 a place): those names meet their translations
    through the other keys, and such keys would gather every body of that place."""
    if parsed.han:  # also after a national prefix or a place (国立成功大学: 成功 | 大学)
        splits: Sequence[LatinSplit | HanSplit] = [
            s for core in han_cores(parsed.han) for s in mixed_han_splits(core) if not s.known
        ]
    else:
        splits = mixed_latin_splits(parsed.normalized)
    found = set()
    for split in splits:
        syllables = [u.primary for p in split.parts if p.segmentations for u in p.segmentations[0]]
        if syllables and all(syllables):
            found.add(" ".join(coarse_syllable(s) for s in syllables))
    return found


def _organization_concepts(parsed: ParsedName) -> tuple[list[str], int]:
    """An organisation name translated into concepts, in English or Chinese, with the count
    of words or characters that no term reads."""
    if parsed.han:
        return _han_concepts(_strip_han_legal(parsed.han))
    return _latin_concepts(parsed.words)


def _organization_terms(concepts: Sequence[str]) -> set[str]:
    """Distinctive terms of an organisation name's concepts (place:henan ...)."""
    return {t for t in _bag(concepts) if t not in _GENERIC_TERMS and len(t) > 2}


def _other_translations(han: str) -> set[str]:
    """Distinctive terms of the other translations of a Chinese organisation name's terms
    (外交: foreign affairs, besides diplomacy), which :func:`_organization_concepts` leaves
    out by taking the first: an English name may use any of them."""
    found: set[str] = set()
    for _chunk, alts in _han_segments(_strip_han_legal(han)):
        found.update(w for alt in alts[1:] if ":" not in alt for w in _concept_words(alt))
    return {t for t in found if t not in _GENERIC_TERMS and len(t) > 2}


@functools.cache
def _han_terms() -> dict[str, tuple[str, ...]]:
    """Each concept of org_terms.tsv → its Chinese terms (university → 大学)."""
    found: dict[str, list[str]] = {}
    for term, concepts in _term_tables()[0].items():
        for concept in concepts:
            found.setdefault(concept, []).append(term)
    return {c: tuple(terms) for c, terms in found.items()}


#: Characters of a Chinese organisation name that may be a short form (成大), at most.
_SHORT_FORM_MAX: Final = 3
#: Terms after a romanized proper name that a Chinese short form is made from, at most.
_SHORT_TERMS: Final = 2


def _short_readings(parsed: ParsedName) -> set[str]:
    """Coarse readings of the Chinese short forms of an English name made of a romanized
    proper name and terms that translate: the first character of the proper name, then of
    each term's Chinese (Cheng Kung University, 成功大学, 成大: zen da), as Chinese names of
    universities and other bodies are usually shortened; a loose key (``short``) that a
    Chinese name of at most :data:`_SHORT_FORM_MAX` characters holds too."""
    found = set()
    for split in mixed_latin_splits(parsed.normalized):  # the rest translates wholly
        first = split.parts[0].segmentations[:1] if split.parts else ()
        syllables = [u.primary for seg in first for u in seg]
        if not syllables or not syllables[0] or len(split.concepts) > _SHORT_TERMS:
            continue
        leads: list[set[str]] = []
        for concept in split.concepts:
            firsts = {han_reading(t)[:1] for t in _han_terms().get(concept, ())}
            leads.append({coarse_syllable(f[0]) for f in firsts if f})
        for rest in itertools.product(*leads):
            found.add(" ".join((coarse_syllable(syllables[0]), *rest)))
    return found


#: Terms an organisation name may leave out and still name the same body, as the
#: comparison allows: the levels of its place, 归国 "returned", "People's" (People's
#: Government is Government); and, for an office, the body it belongs to (_PARENT_BODIES).
_MAY_BE_LEFT_OUT: Final = _LEVELS | {"people", "returned"}


def _translation_bag(concepts: Sequence[str], unknown: int) -> str:
    """An organisation name as the sorted terms of its translation, with what a name of the
    same office may leave out set aside (吉林省人民政府外事办公室, Jilin Foreign Affairs
    Office and Foreign Affairs Office of the Jilin Provincial People's Government: affair
    foreign jilin office), for a name that reads wholly as terms and names a place; else
    ``""``. A large office's names share many term keys with other offices, each of them
    too common to be used; this one key holds the office of that place only.
    ``concepts`` and ``unknown`` are :func:`_organization_concepts`'s."""
    if unknown or not any(c.startswith("place:") for c in concepts):
        return ""
    bag = {t for t in _bag(concepts) if t not in _MAY_BE_LEFT_OUT and not t.startswith(_ETHNIC)}
    if bag & _OFFICE_UNITS:
        bag -= _PARENT_BODIES
    return " ".join(sorted(bag)) if len(bag) >= 2 else ""


#: How far into a Chinese organisation name its second lead character is looked for.
_LEAD_SPAN: Final = 4


def _han_cores_as_written(han: str) -> tuple[str, ...]:
    """:func:`han_cores` of a Chinese organisation name and of its usual form."""
    # 中国共产党北京市委员会 as 中共北京市委员会, 中国人民政治协商会议北京市委员会 as
    # 北京市政治协商会议, 河南省人民政府侨务办公室 as 河南省侨务办公室
    usual, _why = _han_canonical(han, national=False)
    return (*han_cores(han), *(han_cores(usual) if usual != han else ()))


def _han_leads(cores: Sequence[str]) -> set[str]:
    """The first character of each core of a Chinese organisation name
    (:func:`_han_cores_as_written`) with each of the characters after it: a short form
    that keeps the first character of the name it abbreviates (政协 for 中国人民政治协商会议,
    中科院 for 中国科学院) or that is contained in it after a place (协和 in 北京协和医学院)
    shares one with it."""
    return {c[0] + c[j] for c in cores for j in range(1, min(len(c), _LEAD_SPAN + 1))}


def _han_lead_readings(cores: Sequence[str]) -> set[str]:
    """The coarse readings of :func:`_han_leads` (中科院: zon ge, zon uan), which a
    romanized full name's :func:`_latin_lead_readings` meet (Zhongguo Kexueyuan); a loose
    key (``readlead``)."""
    found: set[str] = set()
    for core in cores:
        reading = [coarse_syllable(s) for s in han_reading(core)]
        ends = range(1, min(len(reading), _LEAD_SPAN + 1))
        found.update(f"{reading[0]} {reading[j]}" for j in ends)
    return found


@functools.cache
def _national_readings() -> frozenset[str]:
    """The readings of the national prefixes :func:`han_cores` leaves out (zhongguo ...)."""
    return frozenset("".join(han_reading(p)) for p in NATIONAL_PREFIXES)


def _latin_lead_readings(readings: Sequence[list[list[str]]]) -> set[str]:
    """A romanized Chinese organisation name's first syllable with the first syllable of
    each of the next words (:data:`_LEAD_SPAN` at most), also after a national prefix, in
    coarse readings: what a Chinese short form keeps of the name's words (Quanguo Renmin
    Daibiao Dahui: ren da, as 人大). ``readings``: :func:`_romanized_readings`."""
    found: set[str] = set()
    for read in readings:
        if not all(read):  # a word that reads as no syllable
            continue
        starts = [0]
        for k in range(1, len(read)):
            if "".join(s for w in read[:k] for s in w) in _national_readings():
                starts.append(k)
        for start in starts:
            core = [coarse_syllable(w[0]) for w in read[start:]]
            found.update(f"{core[0]} {core[j]}" for j in range(1, min(len(core), _LEAD_SPAN + 1)))
    return found


def _romanized_readings(parsed: ParsedName) -> list[list[list[str]]]:
    """Usual readings of a Latin organisation name written as romanized Chinese, with and
    without the legal forms at its ends (:func:`romanized_readings`), each as the syllables
    of its words; only readings with syllables, each of them read."""
    words = [w for w in parsed.normalized.split() if w]
    found = []
    for parts, _note in romanized_readings(words, initials=False):
        read = [[u.primary for u in p.segmentations[0]] for p in parts if p.segmentations]
        syllables = [s for word in read for s in word]
        if syllables and all(syllables):
            found.append(read)
    return found


def blocking_keys(name: str, kind: NameKind) -> frozenset[str]:
    """Keys under which a mention is indexed; two mentions that share one are compared.

    Not cached: the resolver asks once per distinct name (:func:`keys_of_names`), and a
    cache would keep every key of every name alive while the pairs are listed.

    Each key is prefixed with the kind and the key's family (one of :data:`KEY_FAMILIES`).
    The ``initial`` blocks come from :func:`initial_blocks`.
    """
    try:
        parsed = parse(name, kind)
    except ValueError:
        return frozenset()
    k = kind.value
    keys: set[str] = set()
    if parsed.han:
        keys.add(f"{k}|han|{parsed.han}")
        if kind is NameKind.ORGANIZATION:
            keys.add(f"{k}|first|{parsed.han[:1]}")
            cores = _han_cores_as_written(parsed.han)
            keys.update(f"{k}|lead|{lead}" for lead in _han_leads(cores))
            if len(parsed.han) <= _SHORT_FORM_MAX:  # a short form, as _short_readings
                read = han_reading(parsed.han)
                if read:
                    keys.add(f"{k}|short|{' '.join(coarse_syllable(s) for s in read)}")
            keys.update(f"{k}|readlead|{lead}" for lead in _han_lead_readings(cores))
            for (_kind, canonical), _why in abbreviation_aliases(parsed):
                keys.add(f"{k}|alias|{canonical}")
    # the keys the alias look-up uses (the name's own, without a parent body's phrase,
    # with a country named alike, and its normalizers'), and the table's groups of them
    groups = alias_groups()
    for key in alias_variants(parsed):
        keys.add(f"{k}|alias|{key}")
        keys.update(f"{k}|alias|{c}" for group_kind, c in groups.get(key, ()) if group_kind == k)
    for syllables in _view_syllables(parsed):
        coarse = [coarse_syllable(s) for s in syllables]
        if not coarse:
            continue
        keys.add(f"{k}|coarse|{' '.join(coarse)}")
        keys.add(f"{k}|sorted|{' '.join(sorted(coarse))}")
    if kind is not NameKind.ORGANIZATION:
        keys.update(f"{k}|hokkien|{' '.join(view)}" for view in _hokkien_views(parsed))
    if kind is NameKind.PERSON:
        keys.update(f"{k}|cantonese|{' '.join(view)}" for view in _cantonese_views(parsed))
        for view in (*_hong_kong_mandarin_views(parsed), *_everyday_mandarin_views(parsed)):
            keys.add(f"{k}|coarse|{' '.join(view)}")
            keys.add(f"{k}|sorted|{' '.join(sorted(view))}")
    if kind is NameKind.PLACE:
        keys.update(f"{k}|coarse|{' '.join(view)}" for view in _bridged_views(parsed))
        keys.update(f"{k}|head|{head}" for head in _place_head(parsed))
    surnames = _surname_coarse(parsed)
    for surname in surnames:
        keys.add(f"{k}|surname|{surname}")
    if kind is NameKind.PERSON:
        keys.update(f"{k}|spelt|{spelt}" for spelt in _surname_spelt(parsed))
        # Sally Cheung and "Sally" Cheung Yu-yan: the same English name and surname, as
        # the comparison's Western-given-name rule matches them (a surname key alone is
        # too common to be used)
        western = {fold_latin(p.text) for p in parsed.parts if p.role in _ENGLISH_NAMES}
        keys.update(f"{k}|western|{w}|{surname}" for w in western for surname in surnames)
        for given in _given_coarse(parsed):
            keys.add(f"{k}|given|{given}")
        for key in _surname_first_syllable(parsed):
            keys.add(f"{k}|syllable|{key}")
        keys.update(f"{k}|typo|{key}" for key in _end_word_typos(parsed))
        initials = _given_initials(parsed)
        if initials:
            keys.update(f"{k}|initials|{surname}|{x}" for surname in surnames for x in initials)
    if kind is NameKind.ORGANIZATION:
        concepts, unknown = _organization_concepts(parsed)
        for term in _organization_terms(concepts):
            keys.add(f"{k}|term|{term}")
        if parsed.han:
            keys.update(f"{k}|term|{term}" for term in _other_translations(parsed.han))
        bag = _translation_bag(concepts, unknown)
        if bag:
            keys.add(f"{k}|bag|{bag}")
        if parsed.han:  # 大连万达集团 also as 大连万达 and 万达, to meet Wanda Group
            # the acronyms of its terms' English (中国共产主义青年团: ccyl), as compared
            if not names_a_local_place(parsed.han):  # 吉林市外办 is not cited as an acronym
                translated = han_acronyms(parsed.han)
                keys.update(f"{k}|translated|{a}" for a in translated)
                keys.update(f"{k}|national|{a}" for a in _national_forms(translated))
            # with an inner run of unknown characters left out, as a word an acronym less one
            # letter leaves out (_acronyms_less_one); also with a place: a name with a proper
            # name among its terms (台湾积体电路制造公司) is rarely a local government's
            less = han_acronyms_less_one_term(parsed.han)
            keys.update(f"{k}|skipped|{a}" for a in less)
            for core in han_cores(parsed.han):
                shorter = han_reading(core) if core != parsed.han else ()
                if shorter:
                    keys.add(f"{k}|coarse|{' '.join(coarse_syllable(s) for s in shorter)}")
        else:
            readings = _romanized_readings(parsed)
            for by_word in readings:
                joined = " ".join(coarse_syllable(s) for word in by_word for s in word)
                keys.add(f"{k}|coarse|{joined}")
            for (_kind, canonical), _han in reading_aliases(parsed):
                keys.add(f"{k}|alias|{canonical}")
            keys.update(f"{k}|readlead|{lead}" for lead in _latin_lead_readings(readings))
            keys.update(f"{k}|short|{short}" for short in _short_readings(parsed))
        keys.update(f"{k}|proper|{proper}" for proper in _proper_names(parsed))
    sounds = _foreign_sounds(parsed)
    if len(sounds) >= 2 and sounds[0] and len(sounds[-1]) >= 2:
        # a foreign name and its rendering in characters (Robert Taylor, 罗伯特·泰勒):
        # the word count with the first class of the first word and the first two of the
        # last; and, loose (for small corpora), the first class of each
        first, last = sounds[0], sounds[-1]
        keys.add(f"{k}|foreign|{len(sounds)}|{first[0]}|{last[:2]}")
        keys.add(f"{k}|sounds|{len(sounds)}|{first[0]}|{last[0]}")
    words = [w for w in re.split(r"[^a-z0-9]+", " ".join(parsed.words)) if w and w not in _STOP]
    if words:
        keys.add(f"{k}|words|{' '.join(sorted(words))}")
        # a word that sounds as nothing (Aai, 00) still holds a place in the key; a name of
        # such words alone gets none, not a block of every such name
        sounds = sorted(str(jellyfish.metaphone(w)) for w in words if len(w) > 1)
        if any(sounds):
            keys.add(f"{k}|sound|{' '.join(sounds)}")
        if kind is NameKind.ORGANIZATION:
            if len(words) == 1:
                keys.add(f"{k}|acronym|{words[0]}")
                if parsed.normalized.isupper():
                    keys.update(f"{k}|skipped|{a}" for a in _acronyms_less_one(words[0]))
                keys.add(f"{k}|translated|{words[0]}")
                keys.update(f"{k}|national|{a}" for a in _national_forms({words[0]}))
                keys.add(f"{k}|run|{words[0]}")
            else:
                letters = "".join(w[0] for w in words)
                keys.add(f"{k}|acronym|{letters}")
                keys.add(f"{k}|skipped|{letters}")  # met by an acronym less a letter
                # the initials (of, with ... skipped; legal forms too), not the forms with a
                # closing "of" phrase left out or in front that compare accepts as well:
                # at 100,000 mentions their pairs kept a tenth of the bodies' names apart
                plain = _plain_initials(parsed.words)
                keys.update(f"{k}|acronym|{a}" for a in plain)
                keys.update(f"{k}|national|{a}" for a in _national_forms(plain))
                keys.update(f"{k}|run|{a}" for a in _inner_acronyms(parsed, words))
    return frozenset(keys)


def _national_forms(acronyms: Iterable[str]) -> set[str]:
    """Acronyms, and those of four letters or more also without a c (China, Chinese) at
    either end, so that CCYL, CYLC and CYL (Communist Youth League) meet: English names
    of Chinese national bodies put the country in front, at the end or nowhere (a loose
    key, ``national``). Likewise without an n in front (National): the universities and
    institutes founded by a state are named with it and without (NCKU, Cheng Kung
    University)."""
    out = set(acronyms)
    for a in list(out):
        if len(a) >= _NATIONAL_ACRONYM_MIN:
            if a.startswith(("c", "n")):
                out.add(a[1:])
            if a.endswith("c"):
                out.add(a[:-1])
    return out


def _acronyms_less_one(word: str) -> set[str]:
    """An acronym of four letters or more without one of its inner letters, so that it
    meets the initials of a name that leaves out a word (SASAC, State-owned Assets
    Supervision and Administration Commission, and State Assets Administration
    Commission: saac), a loose key (``skipped``) that holds the initials of names of
    several words as well."""
    if len(word) < _NATIONAL_ACRONYM_MIN:
        return set()
    return {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)}


#: Fewest letters of an acronym that is also keyed shorter: without a c at an end or an n
#: in front (:func:`_national_forms`), or without an inner letter (:func:`_acronyms_less_one`).
_NATIONAL_ACRONYM_MIN: Final = 4


def _surname_spelt(parsed: ParsedName) -> set[str]:
    """A romanized surname as written, folded (Wong): Jimmy Wong and Wong Jit-tao spell it
    alike, which their surname's readings (shared by every Wang and Huang) do not say."""
    return {
        fold_latin(p.text)
        for p in parsed.core
        if p.role is PartRole.SURNAME and p.text.isascii() and p.text.isalpha()
    }


def _inner_acronyms(parsed: ParsedName, words: list[str]) -> set[str]:
    """Acronyms a longer organisation name may contain or stand behind: its capitalised
    tokens ("State Council OCAO") and the initials of each run of three to six of its words
    ("Overseas Chinese Affairs Office of the State Council" gives ocao), so that the two
    are compared."""
    found = {t.lower() for t in re.findall(r"\b[A-Z]{3,8}\b", parsed.normalized)}
    for i in range(len(words)):
        for j in range(i + 3, min(len(words), i + 6) + 1):
            found.add("".join(w[0] for w in words[i:j]))
    return found


#: Fewer distinct names than this are keyed in this process alone (forking costs more).
KEYS_PARALLEL_MIN: Final = 20_000


def name_keys(name: str, kind: NameKind) -> NameKeys:
    """The blocking keys (sorted) and the ``initial`` blocks of one name."""
    return tuple(sorted(blocking_keys(name, kind))), initial_blocks(name, kind)


def _keys_of(batch: Sequence[tuple[str, NameKind]]) -> list[NameKeys]:
    """:func:`name_keys` of each name of ``batch`` (run in a worker process), equal
    strings as one object (:func:`_pooled`), so that each is pickled and sent once."""
    pool: dict[str, str] = {}
    return [_pooled(name_keys(name, kind), pool) for name, kind in batch]


def _pooled(keys: NameKeys, pool: dict[str, str]) -> NameKeys:
    """``keys`` with each string replaced by the first equal one met before (``pool``).

    Names share many keys (a surname's, a reading's): of the 2.9 million keys of the
    106,622 names of 300,000 generated mentions, 1.0 million are distinct. Held once each,
    the keys took 139 MiB of a process's memory against 311 MiB (unpickled from a worker,
    measured outside the test suite)."""
    found, (initials_only, blocks) = keys
    return (
        tuple(pool.setdefault(key, key) for key in found),
        (
            initials_only,
            tuple((pool.setdefault(key, key), pool.setdefault(rest, rest)) for key, rest in blocks),
        ),
    )


def keys_of_names(
    names: Sequence[tuple[str, NameKind]], workers: int = 1
) -> dict[tuple[str, NameKind], NameKeys]:
    """:func:`name_keys` of each distinct (name, kind).

    With ``workers`` > 1 and at least ``KEYS_PARALLEL_MIN`` names, ``workers`` forked
    processes key a share of the names each and send back their keys (strings only),
    while this process parses every name, so that its name caches hold every name for the
    stages that follow (comparison workers are forked from it, and a parse sent back from
    a worker would be a copy, not the cached object). The caches that keying alone fills
    stay in the workers: this process keeps no keys' working but the keys. Where
    processes cannot be forked or a worker dies, this process keys the names itself: the
    result is the same either way.
    """
    names = list(dict.fromkeys(names))
    found: dict[tuple[str, NameKind], NameKeys] = {}
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if workers > 1 and len(names) >= KEYS_PARALLEL_MIN and forkable:
        found = _keys_in_workers(names, workers)
    pool: dict[str, str] = {}
    for name, kind in names:
        if (name, kind) not in found:
            found[name, kind] = _pooled(name_keys(name, kind), pool)
    return found


def _keys_in_workers(
    names: list[tuple[str, NameKind]], workers: int
) -> dict[tuple[str, NameKind], NameKeys]:
    """Keys of ``names`` from ``workers`` forked processes, a share each, while this
    process parses them all; ``{}`` where a worker could not be started or died.

    At 300,000 generated mentions (106,622 names, compiled), this process grew by 449 MiB
    while it keyed a share of the names beside one worker and parsed the rest, and by
    299 MiB while it parsed every name beside two workers (parsing them alone: 107 MiB;
    the keys it receives, unpickled alone: 139 MiB)."""
    size = max(1, -(-len(names) // workers))
    batches = [names[lo : lo + size] for lo in range(0, len(names), size)]
    found: dict[tuple[str, NameKind], NameKeys] = {}
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=len(batches), mp_context=context) as pool:
            futures = [pool.submit(_keys_of, batch) for batch in batches]
            for name, kind in names:  # parsed here, for the stages after blocking
                with contextlib.suppress(ValueError):
                    parse(name, kind)
            for batch, future in zip(batches, futures, strict=True):
                found.update(zip(batch, future.result(), strict=True))
    except (OSError, BrokenProcessPool):
        return {}
    return found
