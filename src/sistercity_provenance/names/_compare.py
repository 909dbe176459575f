"""Comparing two names: a score in [0, 1], a decision, and an explanation."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

import attrs
import jellyfish

from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._knowledge import (
    _known_groups,
    is_country,
    knowledge_views,
    known_apart,
    same_country,
    same_known_entity,
)
from sistercity_provenance.names._latin import latin_similarity, latin_tokens
from sistercity_provenance.names._model import NameKind, ParsedName, Part, PartRole, Unit
from sistercity_provenance.names._orgs import compare_organizations
from sistercity_provenance.names._parse import (
    _MANDARIN_LIKE,
    _han_parts,
    is_known_surname,
    maiden_name,
    parse,
    read_loosely,
    surname_alone,
)
from sistercity_provenance.names._phonetic import transliteration_similarity
from sistercity_provenance.names._tables import surnames as surname_table
from sistercity_provenance.names._text import (
    EMPTY_SET,
    HAN_CHAR,
    NAME_CACHE,
    PAIR_CACHE,
    QUALIFIER,
    fold_latin,
    is_han,
    normalize_text,
)

__all__ = ["THRESHOLD", "Comparison", "compare"]

#: Scores at or above this are decided "same".
THRESHOLD: Final = 0.8
_NEAR: Final = 0.7  # score of a syllable matched only by a near spelling
_MAX_VARIANTS: Final = 64


@attrs.frozen
class Comparison:
    """The result of comparing two names."""

    a: ParsedName
    b: ParsedName
    score: float
    same: bool
    steps: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """A sentence a reader can check: which parts matched, through which system."""
        return "; ".join(self.steps)


class _Match(NamedTuple):
    """A score with the steps that explain it (a named tuple: made for every alignment
    tried, and a frozen attrs class is several times slower to make)."""

    score: float
    steps: tuple[str, ...]


_NO = _Match(0.0, ())


@functools.lru_cache(maxsize=65536)
def _first_letters(unit: Unit) -> frozenset[str]:
    """Letters an initial may stand for: first letters of the unit's own spellings.

    A romanized syllable stands for its Mandarin readings in other romanizations (yi is
    i in Wade-Giles), not for the many readings a Cantonese spelling may bridge to: the
    initial Y is not wai, though some character spelled wai reads yi.
    """
    letters: set[str] = set()
    if unit.han:
        letters.update(s[0] for r in unit.readings for s in rd.spellings_of(r) if s)
    elif set(unit.systems) & set(rd.MANDARIN_SYSTEMS):
        mandarin, _bridged = _split_readings(unit)
        letters.update(s[0] for r in mandarin for s in rd.spellings_of(r) if s)
    letters.update(d[0] for d in unit.dialect if d)
    if unit.text and not unit.han:
        letters.add(unit.text[0])
    return frozenset(letters)


def _tones(unit: Unit) -> str:
    return ",".join(sorted(unit.toned))


def _label(unit: Unit) -> str:
    return unit.text or (unit.han or "?")


_SYSTEM_LABELS: Final = {
    "pinyin": "pinyin",
    "wade-giles": "Wade-Giles",
    "wade-giles-plain": "Wade-Giles without apostrophes",
    "tongyong": "Tongyong pinyin",
    "mps2": "MPS II",
    "yale": "Yale",
    "postal": "postal spelling",
    "cantonese": "Cantonese (Hong Kong spelling)",
    "jyutping": "Jyutping",
    "hokkien": "Hokkien (POJ or Tâi-lô)",
    "dialect-surname": "surname table (dialect spelling)",
}


def _system_name(systems: Iterable[str]) -> str:
    """Readable names of the systems, Mandarin ones first; dialects only if needed."""
    names = [s for s in systems if s != "han"]
    mandarin = [s for s in names if s in _MANDARIN_ORDER]
    chosen = sorted(mandarin, key=_MANDARIN_ORDER.index) if mandarin else names
    if "pinyin" in chosen:
        chosen = ["pinyin"]
    elif "wade-giles" in chosen:
        chosen = [c for c in chosen if c != "wade-giles-plain"]
    if "postal" in chosen and ("wade-giles" in chosen or "wade-giles-plain" in chosen):
        chosen.remove("postal")  # postal spellings write such syllables as Wade-Giles does
    return ", ".join(_SYSTEM_LABELS.get(s, s) for s in chosen[:2]) if chosen else "characters"


_MANDARIN_ORDER: Final = (
    "pinyin",
    "wade-giles",
    "wade-giles-plain",
    "postal",
    "tongyong",
    "mps2",
    "yale",
)


def _reading_systems(r: Unit, readings: frozenset[str]) -> list[str]:
    """The systems of ``r`` in which its spelling reads as one of ``readings``."""
    spellings = {r.text, *r.dialect}
    return [
        s
        for s in r.systems
        if any(rd.system_map(s).get(x, frozenset()) & readings for x in spellings)
    ] or list(r.systems)


#: How a match through :func:`~sistercity_provenance.names._readings.char_hokkien_everyday`
#: is explained.
_EVERYDAY_HOKKIEN: Final = "Hokkien (everyday spelling)"

_DIALECT_SYSTEMS: Final = frozenset({"cantonese", "jyutping", "hokkien", "dialect-surname"})
#: Systems whose Mandarin readings are bridged through the characters a spelling stands for.
_BRIDGED_SYSTEMS: Final = frozenset({"cantonese", "jyutping", "hokkien"})


@functools.lru_cache(maxsize=262144)
def _split_readings(unit: Unit) -> tuple[frozenset[str], frozenset[str]]:
    """(Mandarin readings from Mandarin systems, Mandarin readings bridged from Cantonese or
    Hokkien)."""
    if not unit.systems or set(unit.systems) == {"dialect-surname"}:
        return unit.readings, frozenset()
    mandarin: set[str] = set()
    cantonese: set[str] = set()
    for system in unit.systems:
        spellings = {unit.text, *unit.dialect}
        found = {r for s in spellings for r in rd.system_map(system).get(s, ())}
        (cantonese if system in _BRIDGED_SYSTEMS else mandarin).update(found)
    if "dialect-surname" in unit.systems:
        mandarin |= unit.readings
    return frozenset(mandarin), frozenset(cantonese)


@functools.lru_cache(maxsize=65536)
def _dialect_chars(unit: Unit) -> frozenset[str]:
    """Common characters that the unit's Cantonese or Hokkien spelling can stand for."""
    found: set[str] = set()
    if not set(unit.systems).isdisjoint(("cantonese", "jyutping")):
        found.update(c for spelling in unit.dialect for c in rd.cantonese_chars(spelling))
    for spelling in unit.hokkien:
        found.update(rd.hokkien_chars(spelling))
    return frozenset(c for c in found if rd.is_common_char(c))


@functools.lru_cache(maxsize=PAIR_CACHE)
def _unit_match(u: Unit, v: Unit) -> tuple[float, str]:
    if u.initial or v.initial:
        if u.initial and v.initial:
            return (1.0, f"initial {u.text}") if u.text == v.text else (0.0, "")
        ini, full = (u, v) if u.initial else (v, u)
        if ini.text in _first_letters(full):
            return 0.9, f"{ini.text.upper()}. → {_label(full)} (initial)"
        return 0.0, ""
    if u.han and v.han:
        if u.han == v.han:
            return 1.0, ""
        return 0.0, f"{u.text} ≠ {v.text} (different characters)"
    if u.han or v.han:
        h, r = (u, v) if u.han else (v, u)
        if r.hokkien & h.hokkien:
            return 1.0, f"{r.text} → {h.text} by {_SYSTEM_LABELS['hokkien']}"
        if r.systems == ("hokkien",):
            # Its Mandarin readings are guesses: the character's own Hokkien readings
            # decide. No near spelling either: Hokkien syllables are short and alike (tiong
            # would be near tong, tsiun near tsu), and it made one place in four match
            # another place's characters (benchmarks/spelling_ambiguity.py).
            return 0.0, ""
        # Only the Mandarin readings of a Mandarin system (or of the surname table) meet the
        # character's: a Cantonese spelling must be one of the character's own Cantonese
        # spellings, not a spelling of some other character that reads like it in Mandarin
        # (chung is 中, never 国) - the same rule as for Hokkien.
        mandarin, _bridged = _split_readings(r)
        common = h.readings & mandarin
        if common:
            if h.toned and r.toned and not (h.toned & r.toned):
                return 0.0, f"{r.text} ≠ {h.text}: tones differ ({_tones(r)} / {_tones(h)})"
            systems = _reading_systems(r, common)
            if systems == ["pinyin"] or r.text == h.primary:
                return 1.0, ""
            return 1.0, f"{r.text} → {h.text} by {_system_name(systems)}"
        if _cantonese_forms(r) & h.dialect:
            cantonese = [s for s in r.systems if s in ("cantonese", "jyutping")]
            via = _system_name(cantonese) if cantonese else "dialect reading"
            return 1.0, f"{r.text} → {h.text} by {via}"
        if mandarin & h.other_readings:
            return 0.75, (
                f"{r.text} → {h.text} by its common reading (as a surname it is read "
                f"{'/'.join(sorted(h.readings))})"
            )
        if r.readings:
            return 0.0, ""
        return _near_han(r, h)
    if u.hokkien & v.hokkien:
        if u.text == v.text:
            return 1.0, ""
        return 1.0, f"{u.text} ~ {v.text} (one Hokkien syllable, in POJ and in Tâi-lô)"
    mu, cu = _split_readings(u)
    mv, cv = _split_readings(v)
    if cu and cv and (u.text == v.text or (u.dialect & v.dialect)):
        return 1.0, ""
    shared = _dialect_chars(u) & _dialect_chars(v) if cu and cv else frozenset()
    if shared:
        dialects = {"Hokkien" if x.hokkien else "Cantonese" for x in (u, v)}
        return (
            1.0,
            f"{u.text} ~ {v.text} (both spell {min(shared)} in {' and '.join(sorted(dialects))})",
        )
    # Mandarin readings must meet: directly, or through a Cantonese spelling of a common
    # character on one side; two Cantonese spellings meet only on a shared character.
    common = (mu & mv) | (mu & cv) | (cu & mv)
    if common:
        if u.toned and v.toned and not (u.toned & v.toned):
            return 0.0, f"{u.text} ≠ {v.text}: tones differ ({_tones(u)} / {_tones(v)})"
        if u.text == v.text:
            return 1.0, ""
        if u.text in common or v.text in common:
            plain, other = (u, v) if u.text in common else (v, u)
            via = _system_name(_reading_systems(other, common))
            return 1.0, f"{other.text} → {plain.text} by {via}"
        via_u = _system_name(_reading_systems(u, common))
        via_v = _system_name(_reading_systems(v, common))
        return 1.0, f"{u.text} ({via_u}) and {v.text} ({via_v}) both read {min(common)}"
    if u.text == v.text or (u.dialect & v.dialect):
        return 1.0, ""
    if u.readings and v.readings:
        return 0.0, ""
    best = max(
        [_similar(u.text, v.text)]
        + [_similar(u.text, s) for r in v.readings for s in rd.spellings_of(r)]
        + [_similar(v.text, s) for r in u.readings for s in rd.spellings_of(r)]
    )
    if best >= 0.88:
        return _NEAR, f"{u.text} ≈ {v.text} (near spelling)"
    return 0.0, ""


@functools.lru_cache(maxsize=65536)
def _cantonese_forms(unit: Unit) -> frozenset[str]:
    """A romanized unit's dialect spellings, with a Hong Kong final -ee or -oo also in the
    tables' form (:func:`~sistercity_provenance.names._readings.hong_kong_table_form`)."""
    return unit.dialect | {rd.hong_kong_table_form(s) for s in unit.dialect}


def _near_han(r: Unit, h: Unit) -> tuple[float, str]:
    """A romanized syllable against a Han character by spelling alone: near one of the
    character's spellings in any system, or not a match."""
    spellings = {s for x in h.readings for s in rd.spellings_of(x)} | set(h.dialect)
    best = max((_similar(r.text, s) for s in spellings), default=0.0)
    if best >= 0.88:
        return _NEAR, f"{r.text} ≈ {h.text} (near spelling)"
    return 0.0, ""


@functools.lru_cache(maxsize=PAIR_CACHE)
def _similar(x: str, y: str) -> float:
    if not x or not y:
        return 0.0
    x, y = x.replace("'", ""), y.replace("'", "")
    if x == y:
        return 1.0
    if min(len(x), len(y)) < 3:
        return 0.0
    return float(jellyfish.jaro_winkler_similarity(x, y))


@functools.lru_cache(maxsize=PAIR_CACHE)
def _everyday_match(u: Unit, v: Unit) -> tuple[float, str]:
    """A romanized syllable that is an unmarked everyday spelling of one of the Han
    character's own Hokkien readings (Chok → 作 tsok), as people's names are written in
    Singapore or Malaysia; against the characters only, never bridged to another
    romanization."""
    if bool(u.han) == bool(v.han) or u.initial or v.initial:
        return 0.0, ""
    h, r = (u, v) if u.han else (v, u)
    if r.toned or r.systems == ("hokkien",) or r.text not in rd.char_hokkien_everyday(h.han):
        return 0.0, ""
    return 1.0, f"{r.text} → {h.text} by {_EVERYDAY_HOKKIEN}"


@functools.lru_cache(maxsize=PAIR_CACHE)
def _everyday_bridge(r: Unit, m: Unit) -> tuple[float, str]:
    """A syllable of a romanized given name in everyday Hokkien (``r``: Swee) against one in
    a Mandarin system (``m``: Rui, or Jui in Wade-Giles): a match if some common character
    has both spellings (瑞), the Mandarin one as its usual reading, with its tone where
    ``m`` carries one."""
    if r.toned:
        return 0.0, ""
    return _bridged(r, m, _everyday_written(r.text), "everyday Hokkien")


#: A dialect spelling's characters by Mandarin reading: reading → ((character, its tones in
#: that reading), ...).
_Written = dict[str, tuple[tuple[str, frozenset[int]], ...]]


def _by_reading(written: Iterable[tuple[str, str, frozenset[int]]]) -> _Written:
    out: dict[str, list[tuple[str, frozenset[int]]]] = {}
    for c, p, tones in written:
        out.setdefault(p, []).append((c, tones))
    return {p: tuple(found) for p, found in out.items()}


@functools.lru_cache(maxsize=16384)
def _everyday_written(spelling: str) -> _Written:
    """The common characters an everyday Hokkien spelling writes, by their usual Mandarin
    reading (names rarely use the others), each with that reading's tone."""
    return _by_reading(
        (c, p, frozenset({t}))
        for c in rd.everyday_chars(spelling)
        for p, t in rd.char_mandarin(c)[:1]
    )


def _bridged(r: Unit, m: Unit, written: _Written, dialect: str) -> tuple[float, str]:
    """Whether some character of ``written`` (the characters that ``r``'s dialect spelling
    writes, by Mandarin reading) is spelled ``m`` in a Mandarin system, with one of its
    tones where ``m`` carries one; with the explanation."""
    if r.han or m.han or r.initial or m.initial:
        return 0.0, ""
    mandarin = _mandarin_spelled(m.text)
    if not mandarin:
        return 0.0, ""
    shared = sorted(
        {
            c
            for p in mandarin
            for c, tones in written.get(p, ())
            if not m.toned or any(f"{p}{t}" in m.toned for t in tones)
        }
    )
    if not shared:
        return 0.0, ""
    via = _system_name(_reading_systems(m, frozenset(mandarin)))
    chars = "".join(shared[:3]) + ("…" if len(shared) > 3 else "")
    return 1.0, f"{r.text} ~ {m.text}: both write {chars}, in {dialect} and in {via}"


class _Rules(NamedTuple):
    """The units of a pair of names that some rules of a person's name single out (all
    empty: none apply, and units are matched by :func:`_unit_match` alone).

    ``everyday``: the characters of a given name, which an everyday Hokkien spelling may
    match (:func:`_everyday_units`); ``barred``: units that read a given name's word as a
    whole surname (:func:`_given_surname_spellings`); ``han_given``: the characters of a
    given name, which a dialect spelling of a whole surname may not match; ``spoken`` and
    ``written``: the given names' units of a romanized name in everyday Hokkien and of one
    in a Mandarin system (:func:`_everyday_sides`); ``heard`` and ``read``: the units of a
    romanized name in Hong Kong spellings (``heard_surname``: those of its surname) and
    of one in a Mandarin system (:func:`_cantonese_sides`); ``misread``: the surnames'
    units of two romanized names, one of which may give a surname in the everyday reading
    of its character (:func:`_misread_units`).

    A named tuple, made for every pair of parts compared (a frozen attrs class is several
    times slower to make); true when any rule applies.
    """

    everyday: frozenset[Unit] = frozenset()
    barred: frozenset[Unit] = frozenset()
    han_given: frozenset[Unit] = frozenset()
    spoken: frozenset[Unit] = frozenset()
    written: frozenset[Unit] = frozenset()
    heard: frozenset[Unit] = frozenset()
    heard_surname: frozenset[Unit] = frozenset()
    read: frozenset[Unit] = frozenset()
    misread: frozenset[Unit] = frozenset()

    def __bool__(self) -> bool:
        return bool(
            self.everyday
            or self.barred
            or self.han_given
            or self.spoken
            or self.heard
            or self.misread
        )


_NO_RULES: Final = _Rules()


@functools.lru_cache(maxsize=PAIR_CACHE)
def _cantonese_bridge(r: Unit, m: Unit, surname: bool = False) -> tuple[float, str]:
    """A syllable of a romanized name in Hong Kong spelling (``r``: Wai) against one in a
    Mandarin system (``m``: Wei): a match if some common character has both spellings
    (伟), the Mandarin one as its usual reading, with its tone where ``m`` carries one. A
    ``surname`` goes by the surname table alone (Lee is 李 or 利, not 履 that Hong Kong
    also spells lee)."""
    return _bridged(r, m, _hong_kong_written(r.text, surname), "Hong Kong Cantonese")


@functools.lru_cache(maxsize=16384)
def _hong_kong_written(spelling: str, surname: bool) -> _Written:
    """The characters a Hong Kong spelling writes, by Mandarin reading (:func:`_cantonese_
    bridge`): a surname's by the surname table, others the common characters by their
    usual reading; each with its tones in that reading."""
    table = surname_table()
    if surname:
        readings = [
            (c, table[c].pinyin[0][0])
            for c in rd.surname_dialect_index().get(spelling, frozenset())
            if len(c) == 1 and c in table  # a compound surname is not one syllable
        ]
    else:
        readings = [
            (c, p)
            for c in rd.cantonese_chars(spelling)
            if rd.is_common_char(c)
            for p, _t in rd.char_mandarin(c)[:1]
        ]
    return _by_reading(
        (c, p, frozenset(t for x, t in rd.char_mandarin(c) if x == p)) for c, p in readings
    )


#: Score of a surname syllable matched through the everyday reading of a surname's
#: character (Jie for 解, read Xie as a surname), as the same character's common reading is
#: scored against the character itself (:func:`_unit_match`).
_MISREAD: Final = 0.75


@functools.lru_cache(maxsize=PAIR_CACHE)
def _misread_match(u: Unit, v: Unit) -> tuple[float, str]:
    """Two romanized surnames, one the everyday reading of a character that is read as the
    other as a surname (Jie and Hsieh: 解, :func:`~sistercity_provenance.names._readings.
    misread_surnames`); never when both carry tones."""
    if u.toned and v.toned:
        return 0.0, ""
    table = rd.misread_surnames()
    for x, y in ((u, v), (v, u)):
        own = _split_readings(y)[0]
        for usual in sorted(_split_readings(x)[0]):
            for char, reading in table.get(usual, ()):
                if reading in own:
                    return _MISREAD, (
                        f"{x.text} / {y.text}: {char} is read {usual}, as a surname {reading} "
                        "(a surname written in the everyday reading of its character)"
                    )
    return 0.0, ""


def _misread_units(a: _Side, b: _Side) -> frozenset[Unit]:
    """The surnames' units of two romanized names when one of them reads as a surname's
    character in its everyday reading (:func:`_misread_match`); else none."""
    if not a.roman_surname or not b.roman_surname or not (a.misread or b.misread):
        return frozenset()
    return a.roman_surname | b.roman_surname


def _unit_score(u: Unit, v: Unit, rules: _Rules) -> tuple[float, str, bool]:
    """:func:`_unit_match` (none for a unit in ``rules.barred``, nor for a dialect spelling
    of a whole surname against a unit in ``rules.han_given``), then, for a unit in
    ``rules.everyday``, :func:`_everyday_match`, and for a unit in ``rules.spoken`` against
    one in ``rules.written``, :func:`_everyday_bridge`; with whether the match is one of
    the latter two; and for two units in ``rules.misread``, :func:`_misread_match`."""
    # Each set is tested for emptiness first: a membership test hashes the unit, and most
    # sets of most pairs are empty.
    barred, han_given = rules.barred, rules.han_given
    spoken, written = rules.spoken, rules.written
    score, why = _unit_match(u, v)
    if (
        score > 0.0
        and (barred or han_given)
        and (
            (barred and (u in barred or v in barred))
            or (han_given and v in han_given and "dialect-surname" in u.systems)
            or (han_given and u in han_given and "dialect-surname" in v.systems)
        )
    ):
        score, why = 0.0, ""
    if score > 0.0:
        return score, why, False
    everyday = rules.everyday
    if everyday and (u in everyday or v in everyday):
        found, because = _everyday_match(u, v)
        if found > 0.0:
            return found, because, True
    if spoken:
        pair = (u, v) if u in spoken and v in written else (v, u)
        if pair[0] in spoken and pair[1] in written:
            found, because = _everyday_bridge(*pair)
            if found > 0.0:
                return found, because, True
    heard = rules.heard
    if heard:
        pair = (u, v) if u in heard and v in rules.read else (v, u)
        if pair[0] in heard and pair[1] in rules.read:
            found, because = _cantonese_bridge(*pair, pair[0] in rules.heard_surname)
            if found > 0.0:
                return found, because, True
    misread = rules.misread
    if misread and u in misread and v in misread:
        found, because = _misread_match(u, v)
        if found > 0.0:
            return found, because, False
    return score, why, False


def _not_mandarin(u: Unit, v: Unit, everyday: frozenset[Unit]) -> bool:
    """Whether a romanized unit of the pair has no Mandarin reading (Kah, Bee), or meets the
    character it is aligned with otherwise than through one (Tan, 陈), not counting an
    everyday Hokkien match of a given name's character (in ``everyday``): the sign that a
    name is spelled in a dialect."""
    if bool(u.han) == bool(v.han) or u.initial or v.initial:
        return False
    h, r = (u, v) if u.han else (v, u)
    mandarin = _mandarin_spelled(r.text)
    if not mandarin:
        return True
    if h in everyday and _everyday_match(u, v)[0]:
        return False
    return not (h.readings & mandarin)


@functools.lru_cache(maxsize=65536)
def _mandarin_spelled(text: str) -> frozenset[str]:
    """The readings a romanized syllable spells in a Mandarin system (pinyin, Wade-Giles,
    postal, Tongyong, MPS II, Yale), not through the surname table's dialect spellings."""
    return frozenset(r for system in _MANDARIN_LIKE for r in rd.system_map(system).get(text, ()))


def _align(a: Sequence[Unit], b: Sequence[Unit], rules: _Rules = _NO_RULES) -> _Match:
    if len(a) != len(b) or not a:
        return _NO
    total = 0.0
    steps: list[str] = []
    plain: list[tuple[str, str]] = []
    dialect = False
    special = bool(rules)
    for u, v in zip(a, b, strict=True):
        if special:
            score, why, by_everyday = _unit_score(u, v, rules)
            dialect = dialect or by_everyday
        else:
            score, why = _unit_match(u, v)
        if score <= 0.0:
            return _Match(0.0, (why,) if why else ())
        total += score
        if why:
            steps.append(why)
        elif bool(u.han) != bool(v.han):
            r, h = (v, u) if u.han else (u, v)
            plain.append((r.text, h.text))
    if dialect:  # a given name is spelled in everyday Hokkien throughout, or not at all
        everyday, spoken, written = rules.everyday, rules.spoken, rules.written
        for u, v in zip(a, b, strict=True):
            if (u in everyday or v in everyday) and not _everyday_match(u, v)[0]:
                r = v if u in everyday else u
                return _Match(0.0, (f"{r.text}: not an everyday Hokkien spelling",))
            if (u in spoken and v in written) or (v in spoken and u in written):
                r, m = (u, v) if u in spoken else (v, u)
                if not _everyday_bridge(r, m)[0]:
                    why = f"{r.text} / {m.text}: no character with both spellings"
                    return _Match(0.0, (why,))
            if (u in rules.heard and v in rules.read) or (v in rules.heard and u in rules.read):
                r, m = (u, v) if u in rules.heard else (v, u)
                surname = r in rules.heard_surname
                # a compound surname (Owyong, 欧阳) meets its syllables through the table
                by_table = surname and "dialect-surname" in r.systems and _unit_match(r, m)[0]
                if not by_table and not _cantonese_bridge(r, m, surname)[0]:
                    why = f"{r.text} / {m.text}: no character with both spellings"
                    return _Match(0.0, (why,))
        if everyday and not any(_not_mandarin(u, v, everyday) for u, v in zip(a, b, strict=True)):
            # nothing in the name is spelled or read otherwise than in Mandarin: Liu He is
            # 刘鹤 or 刘和, not 刘霞 read in Hokkien
            spelled = " ".join(x.text for x in (*a, *b) if not x.han and not x.initial)
            return _Match(0.0, (f"{spelled}: spelled in Mandarin, not read as Hokkien",))
    if plain:
        roman = " ".join(r for r, _h in plain)
        chars = "".join(h for _r, h in plain)
        steps.insert(0, f"{roman} → {chars} by pinyin")
    return _Match(total / len(a), tuple(steps))


def _non_empty(runs: tuple[tuple[Unit, ...], ...]) -> tuple[tuple[Unit, ...], ...]:
    """The runs that hold a unit (``runs`` itself where all do): empty runs never align."""
    return runs if all(runs) else tuple(run for run in runs if run)


def _orders(parts: tuple[Part, ...]) -> tuple[tuple[tuple[Part, ...], str], ...]:
    """The parts as written, and (unless all are Han) with the last or first moved."""
    if len(parts) > 1 and not all(p.segmentations and p.segmentations[0][0].han for p in parts):
        return (
            (parts, ""),
            ((parts[-1], *parts[:-1]), "order swapped"),
            ((*parts[1:], parts[0]), "order swapped"),
        )
    return ((parts, ""),)


def _flatten(parts: tuple[Part, ...]) -> tuple[tuple[Unit, ...], ...]:
    """Every reading of the parts in order as one run of units (at most _MAX_VARIANTS)."""
    choices = [p.segmentations for p in parts if p.segmentations]
    if len(choices) != len(parts):
        return ()
    variants = itertools.islice(itertools.product(*choices), _MAX_VARIANTS)
    return tuple(tuple(itertools.chain.from_iterable(v)) for v in variants)


#: Runs of units, each with the note of its order ("" as written).
_Runs = tuple[tuple[tuple[Unit, ...], str], ...]


@functools.lru_cache(maxsize=65536)
def _shared_units(units: frozenset[Unit]) -> frozenset[Unit]:
    """``units``, or the equal set asked for before: the names that share a surname or a
    given name keep one set of its units. (Not worth it for the units of whole names,
    which are mostly each a name's own.)"""
    return units


@attrs.frozen(eq=False)
class _Side:
    """What :func:`_compare_parts` asks of one name's parts, worked out once per parts
    (each look-up of a cache keyed by parts hashes every part): the helpers it is made
    from are not cached themselves. One record, not a cache of each: each entry of a
    cache holds its key and its links besides its value."""

    #: The non-empty runs of :func:`_flatten` of each of :func:`_orders`, with its note:
    #: the runs the other name's are aligned with. (The same tuples as ``a_runs``: only
    #: runs of one length can be aligned, and :func:`_compare_parts` passes over the
    #: others as it meets them, rather than each name keeping its runs by length.)
    b_orders: tuple[tuple[tuple[tuple[Unit, ...], ...], str], ...]
    #: The non-empty runs of :func:`_flatten` as written (with no note), then those of
    #: each swapped order with its note; and those as written alone.
    a_runs: _Runs
    a_runs_written: _Runs

    personal: bool
    #: Units of a name with no Han characters or initials: all, the given name's, the
    #: surname's (:func:`_roman_units`).
    roman: frozenset[Unit]
    roman_given: frozenset[Unit]
    roman_surname: frozenset[Unit]
    given_han: frozenset[Unit]
    given_surname_spellings: frozenset[Unit]
    surname_spellings: bool
    hong_kong: bool
    #: :func:`_spoken_given` and :func:`_written_given` of ``roman_given``, and
    #: :func:`_written_given` of ``roman``.
    spoken_given: bool
    written_given: bool
    written: bool
    #: Whether a surname unit reads as the everyday reading of a surname's character.
    misread: bool


@functools.lru_cache(maxsize=NAME_CACHE)
def _side(parts: tuple[Part, ...]) -> _Side:
    orders = _orders(parts)
    runs = [(_non_empty(_flatten(order)), note) for order, note in orders]
    written = tuple((run, "") for run in runs[0][0])
    swapped = tuple((run, note) for flat, note in runs[1:] for run in flat)
    roman = _roman_units(parts)
    given = _shared_units(_roman_units(parts, PartRole.GIVEN))
    surname = _shared_units(_roman_units(parts, PartRole.SURNAME))
    table = rd.misread_surnames()
    return _Side(
        b_orders=tuple(runs),
        a_runs=written + swapped,
        a_runs_written=written,
        personal=_personal(parts),
        roman=roman,
        roman_given=given,
        roman_surname=surname,
        given_han=_shared_units(_given_han_units(parts)),
        given_surname_spellings=_shared_units(_given_surname_spellings(parts)),
        surname_spellings=_surname_spellings(parts),
        hong_kong=hong_kong_style(parts),
        spoken_given=bool(given) and _spoken_given(given),
        written_given=bool(given) and _written_given(given),
        written=bool(roman) and _written_given(roman),
        misread=any(r in table for u in surname for r in u.readings),
    )


def _everyday_units(a: _Side, b: _Side) -> frozenset[Unit]:
    """The Han units of the given names when both are people's names (parts with a
    surname or a given name): the only ones that an everyday Hokkien spelling may match
    (a surname goes by the surname table)."""
    units = a.given_han | b.given_han
    if not units or not (a.personal and b.personal):
        return frozenset()
    return units


def _everyday_sides(a: _Side, b: _Side) -> tuple[frozenset[Unit], frozenset[Unit]]:
    """For two romanized people's names, one with a given name that may be everyday
    Hokkien and the other with one in a Mandarin system (Heng Swee Keat, Wang Ruijie): the
    units of each given name, (Hokkien, Mandarin); else two empty sets.

    The Hokkien one must have a syllable that no Mandarin system spells (Swee, Keat; so Liu
    He, spelled in pinyin throughout, is never read as Hokkien) and every syllable an
    everyday spelling of some common character; the Mandarin one every syllable spelled in
    a Mandarin system. (A surname that no Mandarin system spells is no such sign: Lee
    Ka-chiu, spelled in Cantonese, would be read as Hokkien and meet Li Keqiang.)"""
    if not a.roman_given or not b.roman_given or not (a.personal and b.personal):
        return frozenset(), frozenset()
    for spoken, written in ((a, b), (b, a)):
        if spoken.spoken_given and written.written_given:
            return spoken.roman_given, written.roman_given
    return frozenset(), frozenset()


def _cantonese_sides(
    a: _Side, b: _Side
) -> tuple[frozenset[Unit], frozenset[Unit], frozenset[Unit]]:
    """For two romanized people's names, one written as Hong Kong names are (a surname
    spelling of the table, a hyphenated given name whose every piece is a Hong Kong
    spelling: Chan Wai-yu) and the other in a Mandarin system (Chen Weiyu): the units of
    each and of the Hong Kong one's surname, (Hong Kong, its surname, Mandarin); else three
    empty sets. Such a Hong Kong name may read as
    pinyin too (chan, wai, yu), and is then read so; this lets its syllables meet a
    Mandarin spelling through a character that both write as well."""
    for x, y in ((a, b), (b, a)):
        if x.hong_kong and not y.hong_kong and x.roman and y.roman and y.written:
            return x.roman, x.roman_surname, y.roman
    return frozenset(), frozenset(), frozenset()


def hong_kong_style(parts: tuple[Part, ...]) -> bool:
    """Whether a romanized name is a surname that the surname table spells in a dialect
    and a given name of two or more Hong Kong spellings, hyphenated or in words of one
    syllable each (Chan Wai-yu, Chan Wai Yu, Lau Ying-man), each spelling a common
    character."""
    if len(parts) < 2 or parts[0].role is not PartRole.SURNAME:
        return False
    if any(p.role is not PartRole.GIVEN for p in parts[1:]):
        return False
    if len(parts) > 2 and any("-" in p.text for p in parts[1:]):
        return False  # Chan Wai-yu Ming: not how such a name is written
    if rd.fold_word(parts[0].text) not in rd.surname_dialect_index():
        return False
    pieces = [fold_latin(x) for p in parts[1:] for x in p.text.split("-")]
    # a spelling of rare characters only is no sign (wei: 洧 and 鮪, not a usual HK name)
    return len(pieces) >= 2 and all(
        x and any(rd.is_common_char(c) for c in rd.cantonese_chars(x)) for x in pieces
    )


def _roman_units(parts: tuple[Part, ...], role: PartRole | None = None) -> frozenset[Unit]:
    """The units of a name with no Han characters or initials (none otherwise): all of
    them, or those of its parts with ``role``. (Empty: :data:`EMPTY_SET`, as from each
    function here whose sets a name's record keeps.)"""
    if any(u.han or u.initial for p in parts for seg in p.segmentations for u in seg):
        return EMPTY_SET
    return (
        frozenset(
            u for p in parts if role in (None, p.role) for seg in p.segmentations for u in seg
        )
        or EMPTY_SET
    )


@functools.lru_cache(maxsize=65536)
def _spoken_given(units: frozenset[Unit]) -> bool:
    """Whether a given name's units may be everyday Hokkien (:func:`_everyday_sides`)."""
    return any(not _mandarin_spelled(u.text) for u in units) and all(
        rd.everyday_chars(u.text) and not u.toned for u in units
    )


@functools.lru_cache(maxsize=65536)
def _written_given(units: frozenset[Unit]) -> bool:
    """Whether every unit of a given name is spelled in a Mandarin system."""
    return all(_mandarin_spelled(u.text) for u in units)


def _personal(parts: tuple[Part, ...]) -> bool:
    return any(p.role in (PartRole.SURNAME, PartRole.GIVEN) for p in parts)


def _given_han_units(parts: tuple[Part, ...]) -> frozenset[Unit]:
    return (
        frozenset(
            u
            for p in parts
            if p.role is PartRole.GIVEN
            for seg in p.segmentations
            for u in seg
            if u.han
        )
        or EMPTY_SET
    )


def _given_surname_spellings(parts: tuple[Part, ...]) -> frozenset[Unit]:
    """The units that read a word of a given name as a dialect spelling of a whole surname:
    either edge word of a romanized name is given that reading before the surname is
    chosen, but a given name is not read so (the He of Liu He is not 夏, Xia, though He
    spells that surname in a dialect). Such a unit still carries its spelling, which an
    everyday Hokkien given name may match (Keng of Lim Boon Keng, 慶)."""
    return (
        frozenset(
            u
            for p in parts
            if p.role is not PartRole.SURNAME
            for seg in p.segmentations
            for u in seg
            if "dialect-surname" in u.systems
        )
        or EMPTY_SET
    )


def _surname_spellings(parts: tuple[Part, ...]) -> bool:
    """Whether any word of the parts is read as a dialect spelling of a whole surname."""
    return any("dialect-surname" in p.systems for p in parts)


def _compare_parts(a: tuple[Part, ...], b: tuple[Part, ...], *, in_order: bool = False) -> _Match:
    """The best alignment of the two names' readings, in their order or with one swapped
    (``in_order``: only in their order, as an organisation's name is written)."""
    best = _NO
    failure: tuple[str, ...] = ()
    side_a, side_b = _side(a), _side(b)
    everyday = _everyday_units(side_a, side_b)
    spoken, written = (
        _everyday_sides(side_a, side_b) if not everyday else (frozenset(), frozenset())
    )
    heard, heard_surname, read = (
        _cantonese_sides(side_a, side_b)
        if not (everyday or spoken)
        else (frozenset(), frozenset(), frozenset())
    )
    rules = _Rules(
        everyday=everyday,
        barred=side_a.given_surname_spellings | side_b.given_surname_spellings,
        han_given=(
            side_a.given_han | side_b.given_han
            if side_a.surname_spellings or side_b.surname_spellings
            else frozenset()
        ),
        spoken=spoken,
        written=written,
        heard=heard,
        heard_surname=heard_surname,
        read=read,
        misread=_misread_units(side_a, side_b),
    )
    special = bool(rules)
    # Runs of ``a`` as written against ``b``'s of the same length in each order, then
    # ``a`` swapped against ``b`` as written (``in_order``: as written only), with the
    # note of a swapped order. Each pair of first units is scored once (keyed by
    # identity, as the runs hold them): the readings of a name mostly differ in later
    # syllables, and most pairs of runs fail on their first units.
    b_orders = side_b.b_orders
    as_written = b_orders[:1]
    firsts: dict[tuple[int, int], tuple[float, str]] = {}
    for ua, a_note in side_a.a_runs_written if in_order else side_a.a_runs:
        head, length = ua[0], len(ua)
        for runs, b_note in as_written if a_note or in_order else b_orders:
            note = a_note or b_note
            for ub in runs:
                if len(ub) != length:
                    continue
                first_b = ub[0]
                key = (id(head), id(first_b))
                found = firsts.get(key)
                if found is None:
                    found = firsts[key] = (
                        _unit_score(head, first_b, rules)[:2]
                        if special
                        else _unit_match(head, first_b)
                    )
                first, why = found
                if first <= 0.0:  # say why without aligning the rest
                    if why and not failure:
                        failure = (why,)
                    continue
                m = _align(ua, ub, rules)
                if note and m.score:
                    m = _Match(m.score * 0.99, (*m.steps, note))
                if not m.score and m.steps and not failure:
                    failure = m.steps
                if m.score > best.score:
                    best = m
                    if best.score >= 1.0:
                        return best
    return best if best.score else _Match(0.0, failure)


@functools.lru_cache(maxsize=NAME_CACHE)
def _views(p: ParsedName) -> tuple[tuple[str, tuple[Part, ...]], ...]:
    core = [x for x in p.core if x.role is not PartRole.WORD or x.segmentations]
    han = tuple(x for x in core if x.segmentations and x.segmentations[0][0].han)
    roman = tuple(x for x in core if not (x.segmentations and x.segmentations[0][0].han))
    views: list[tuple[str, tuple[Part, ...]]] = []
    if han:
        views.append(("han", han))
    if roman:
        views.append(("roman", roman))
    for label, chars in knowledge_views(p):
        # read as a name in characters is read: its separators left out (唐纳德·特朗普)
        views.append((label, tuple(_han_parts("".join(HAN_CHAR.findall(chars)), p.kind))))
    maiden = maiden_name(p)
    if maiden:
        husband, parts = maiden
        views.append((f"{p.normalized} read without {husband}, the husband's surname", parts))
    return tuple(views)


#: A name matched only once a married woman's husband's surname is left out scores a little
#: below the same name written alike.
_MAIDEN_FACTOR: Final = 0.95


#: Score of a Western given name and surname against the same with a Chinese given name
#: too ("Forest" Rong / "Forest" Rong Lei): the same person's usual English name.
WESTERN_AND_SURNAME: Final = 0.9


def _western_and_surname(a: ParsedName, b: ParsedName) -> _Match:
    """A Western given name with a surname against the same Western given name, the same
    surname and a Chinese given name: how such people are named in English (Forest Rong
    for "Forest" Rong Lei, Carrie Lam for Carrie Lam Cheng Yuet-ngor)."""
    wa = {fold_latin(x.text).strip("\"'“”‘’") for x in a.aliases}  # Forest, "Forest"
    wb = {fold_latin(x.text).strip("\"'“”‘’") for x in b.aliases}
    shared = (wa & wb) - {""}
    if not shared:
        return _NO
    roles_a, roles_b = [x.role for x in a.core], [x.role for x in b.core]
    if roles_a == [PartRole.SURNAME] and _CHINESE_GIVEN & set(roles_b):
        short, full = a, b
    elif roles_b == [PartRole.SURNAME] and _CHINESE_GIVEN & set(roles_a):
        short, full = b, a
    else:
        return _NO
    # the surname as read, or the last word when it is a surname too: after a Western
    # given name the Chinese name may be in Western order (Samuel Chao Chung Ting)
    readings = [tuple(x for x in full.core if x.role is PartRole.SURNAME)]
    last = full.core[-1]
    if last.role is not PartRole.SURNAME and is_known_surname(last):
        readings.append((last,))
    surname = next((r for r in readings if _compare_parts(short.core, r).score >= THRESHOLD), None)
    if surname is None:
        return _NO
    rest = [x for x in full.core if x not in surname]
    roles = {x.role for x in rest}
    if PartRole.GIVEN not in roles and not (
        is_known_surname(surname[0])  # Samuel C. C. Ting, not William W. Frost
        and not any(len(x.text.strip(".")) == 1 for x in short.aliases)  # Frost, William G.
    ):
        return _NO
    added = "initials" if roles == {PartRole.INITIALS} else "Chinese given name"
    why = (
        f"same Western given name ({', '.join(sorted(shared))}) and surname; "
        f"{full.normalized} adds the {added} {' '.join(x.text for x in rest)}"
    )
    return _Match(WESTERN_AND_SURNAME, (why,))


#: What a Chinese name adds to a Western given name and a surname: its given name, whole or
#: as initials (Samuel Ting / Samuel C. C. Ting).
_CHINESE_GIVEN: Final = frozenset({PartRole.GIVEN, PartRole.INITIALS})


def _western_given(p: ParsedName) -> frozenset[str]:
    """The folded English given names of a name (Western given-name parts). Not cached,
    as :func:`_readable` is not."""
    return frozenset(fold_latin(x.text) for x in p.parts if x.role is PartRole.WESTERN_GIVEN)


def _western_conflict(a: ParsedName, b: ParsedName) -> str:
    wa, wb = _western_given(a), _western_given(b)
    if wa and wb and not (wa & wb):
        return f"different Western given names ({', '.join(sorted(wa))} / {', '.join(sorted(wb))})"
    return ""


def _given_names_rendered_apart(a: ParsedName, b: ParsedName) -> bool:
    """Whether the two names' English given names are different names that the
    transliteration table knows, each with its own rendering (Mark 马克, Mary 玛丽): a near
    spelling of the whole (Mark Smith / Mary Smith) is then no sign of one person, as it is
    for a misspelt name the table does not know (Jonh Smith / John Smith). Asked only when
    the names' English given names differ (:func:`_western_conflict`)."""
    wa, wb = _western_given(a), _western_given(b)
    if not wa or not wb or wa & wb:
        return False
    words_a = {fold_latin(x.text) for x in a.parts}
    words_b = {fold_latin(x.text) for x in b.parts}
    if wa & words_b or wb & words_a:
        return False  # the same words, read in another order (SCOTT David / David Scott)
    ra = [_word_renderings(w) for w in sorted(wa)]
    rb = [_word_renderings(w) for w in sorted(wb)]
    if not all(ra) or not all(rb):
        return False
    return not frozenset().union(*ra) & frozenset().union(*rb)


@functools.lru_cache(maxsize=65536)
def _renderings(p: ParsedName) -> frozenset[str]:
    """The transliteration table's renderings of a Latin name in characters (Boris
    Johnson: 鲍里斯约翰逊), simplified and without separators."""
    return frozenset(
        "".join(HAN_CHAR.findall(rd.to_simplified(han))) for _l, han in knowledge_views(p)
    )


@functools.lru_cache(maxsize=65536)
def _word_renderings(word: str) -> frozenset[str]:
    """:func:`_renderings` of one word of a name as a person's name alone (john: 约翰;
    macron: 马克龙); none for a word that is no name once normalised."""
    try:
        return _renderings(parse(word, NameKind.PERSON))
    except ValueError:
        return frozenset()


def _qualifiers_differ(a: ParsedName, b: ParsedName) -> tuple[str, str]:
    """What two names' qualifiers in brackets say when both give some and none in common:
    (why they make the names different, ``""``), or, when two of them name one country
    (Republic of China / Taiwan), (``""``, that note); else two empty strings."""
    if not a.qualifiers or not b.qualifiers:
        return "", ""
    qa, qb = set(a.qualifiers), set(b.qualifiers)
    if qa & qb:
        return "", ""
    for x, y in itertools.product(sorted(qa), sorted(qb)):
        if same_country(x, y):
            return "", f"{x} and {y} name one country"
    return f"different qualifiers ({', '.join(sorted(qa))} / {', '.join(sorted(qb))})", ""


def _without_qualifiers(p: ParsedName) -> ParsedName | None:
    """The name without what it gives in brackets, or None if nothing is left."""
    text = normalize_text(QUALIFIER.sub(" ", p.original))
    if not text or not p.qualifiers:
        return None
    try:
        return parse(text, p.kind)
    except ValueError:
        return None


def _country_inline(p: ParsedName) -> ParsedName | None:
    """An organisation's name whose qualifiers in brackets all name countries, with them
    written as an "of" phrase (Ministry of Foreign Affairs (Republic of China): ... of
    Republic of China), to meet a name that gives the country in its words (Taiwan Foreign
    Ministry); None for any other name."""
    if not p.qualifiers or not all(is_country(q) for q in p.qualifiers):
        return None
    plain = _without_qualifiers(p)
    if plain is None:
        return None
    try:
        return parse(f"{plain.original} of {' '.join(p.qualifiers)}", p.kind)
    except ValueError:
        return None


def compare(
    a: str | ParsedName, b: str | ParsedName, kind: NameKind | str = NameKind.PERSON
) -> Comparison:
    """Compare two names of the same kind.

    When both carry Han characters, the characters decide (王维 ≠ 王伟).

    >>> c = compare("毛泽东", "Mao Tse-tung")
    >>> c.same, round(c.score, 2)
    (True, 1.0)
    """
    pa = a if isinstance(a, ParsedName) else parse(a, kind)
    pb = b if isinstance(b, ParsedName) else parse(b, pa.kind)
    if pa.normalized == pb.normalized:
        match = _Match(1.0, ("identical once normalised",))
    else:
        # Decide in a fixed order of the two names, so that the result is symmetric.
        first, second = (
            (pa, pb) if (pa.normalized, pa.original) <= (pb.normalized, pb.original) else (pb, pa)
        )
        match = _decide(first, second)
    score = max(0.0, min(1.0, match.score))
    steps = tuple(dict.fromkeys(s for s in match.steps if s))
    if not steps:
        steps = ("same reading, syllable by syllable",) if score >= THRESHOLD else ("no match",)
    return Comparison(pa, pb, score, score >= THRESHOLD, steps)


#: Score of two organisation names that the alias table holds in different entries only,
#: whatever their characters say: related bodies at most (a group and its listed company).
KNOWN_APART: Final = 0.3


def _decide(a: ParsedName, b: ParsedName) -> _Match:
    """The reading-based decision first; world knowledge when the readings do not match."""
    match = _decide_by_reading(a, b)
    if match.score >= THRESHOLD:
        apart = known_apart(a, b) if _chinese_organizations(a, b) else ""
        if apart:  # 中信 is not 中国电信, though its characters are read in it in order
            return _Match(
                KNOWN_APART, (apart, *(f"(by reading alone: {s})" for s in match.steps[:1]))
            )
        return match
    known = same_known_entity(a, b)
    if known:
        return _Match(0.95, (known, *(f"(by reading alone: {s})" for s in match.steps[:1])))
    return match


def prepare(p: ParsedName) -> None:
    """Work out what comparisons need of ``p`` alone, and keep it in the engine's caches:
    its views, orders and syllables (by comparing it with itself, which walks the paths a
    comparison with another name walks) and its alias-table groups. A process about to
    compare many pairs of names can so do this ahead, while it would otherwise wait; no
    comparison's result changes."""
    _decide(p, p)
    _known_groups(p)


def _chinese_organizations(a: ParsedName, b: ParsedName) -> bool:
    """Whether both are organisations named in Chinese only: such names are the bodies' own,
    where an English name may be shared (Tsing Hua University, for two universities)."""
    return a.kind is NameKind.ORGANIZATION and _all_han(a) and _all_han(b)


def _all_han(p: ParsedName) -> bool:
    return all(is_han(c) for c in p.normalized if not c.isspace())


def _decide_by_reading(a: ParsedName, b: ParsedName) -> _Match:
    qualifier, one_country = _qualifiers_differ(a, b)
    if qualifier:
        return _Match(0.1, (qualifier,))
    if one_country:
        plain_a, plain_b = _without_qualifiers(a), _without_qualifiers(b)
        if plain_a is not None and plain_b is not None:
            m = _decide_by_reading(plain_a, plain_b)
            return _Match(m.score, (*m.steps, one_country)) if m.score else m
    if a.kind is NameKind.ORGANIZATION and bool(a.qualifiers) != bool(b.qualifiers):
        qualified, other = (a, b) if a.qualifiers else (b, a)
        inline = _country_inline(qualified)
        if inline is not None:
            m = _decide_by_reading(inline, other)
            if m.score >= THRESHOLD:
                how = f"{qualified.normalized} read as {inline.normalized}"
                return _Match(m.score, (*m.steps, how))
    if a.kind is NameKind.ORGANIZATION:
        score, steps = compare_organizations(a, b)
        return _Match(score, steps)
    match = _decide_person(a, b)
    bare = _surname_only(a, b)
    if bare and match.score > SURNAME_ONLY:
        return _Match(SURNAME_ONLY, (*match.steps, bare))
    if bare and not match.score:
        # a surname is not aligned with a surname and a given name syllable by syllable:
        # President Hu / 胡锦涛 score nothing by reading, but the surname is the same
        return _Match(SURNAME_ONLY, (bare,))
    return match


#: Score of a surname alone against a name that also has a given name (President Ma /
#: Pony Ma): the same surname, not yet the same name (as Ma against Ma Ying-jeou).
SURNAME_ONLY: Final = 0.4
_GIVEN_ROLES: Final = frozenset(
    {PartRole.GIVEN, PartRole.INITIALS, PartRole.WESTERN_GIVEN, PartRole.NICKNAME}
)


def _surname_only(a: ParsedName, b: ParsedName) -> str:
    """Why one name gives a surname alone where the other also has a given name, or ``""``.

    A Western given name or a nickname counts: "Pony Ma" names one Ma, "President Ma"
    any of them."""
    if a.kind is not NameKind.PERSON or surname_alone(a) == surname_alone(b):
        return ""
    bare, full = (a, b) if surname_alone(a) else (b, a)
    if not any(p.role in _GIVEN_ROLES for p in full.parts):
        return ""
    surnames = [p for p in full.parts if p.role is PartRole.SURNAME]
    if not surnames or not _sounds(bare.core[0]) & set().union(*map(_sounds, surnames)):
        return ""  # not the other's surname alone (FridrichBuchenberg / Friedrich Buchenberg)
    return f"only the surname on one side: {bare.normalized} / {full.normalized}"


def _sounds(part: Part) -> set[str]:
    """How a surname part may read: its folded spelling and its readings (Lee: lee, li)."""
    found = {fold_latin(part.text)}
    for seg in part.segmentations:
        found.add(" ".join(u.primary for u in seg))
        if len(seg) == 1:
            found |= seg[0].readings
    return found - {""}


#: Score of a name written as initials alone (LHL) against a name they are the initials of:
#: a hint, not a match (LHL would be 李小龙 as well as 李显龙); the alias table may know it.
#: Two names written as the same initials alone still match (C.Y. / C. Y.).
INITIALS_ONLY: Final = 0.6


def _initials_only(p: ParsedName) -> bool:
    return bool(p.core) and all(x.role is PartRole.INITIALS for x in p.core)


def _decide_person(a: ParsedName, b: ParsedName) -> _Match:
    if a.han and b.han:
        if a.han == b.han:
            return _Match(1.0, ("same characters (simplified and traditional folded)",))
        for x, y in ((a, b), (b, a)):
            if x.han[1:] == y.han and maiden_name(x):  # 叶刘淑仪 read without 叶
                why = f"{x.han} is {y.han} with the husband's surname {x.han[0]} in front"
                return _Match(_MAIDEN_FACTOR, (f"{why} (a married woman's name)",))
        return _Match(0.0, (f"different characters: {a.han} ≠ {b.han}",))
    best = _NO
    known_a, known_b = _known(a), _known(b)
    for (la, va), (lb, vb) in itertools.product(_views(a), _views(b)):
        if la == lb == "han":
            continue
        if (la.startswith("known") and lb == "roman" and known_b) or (
            lb.startswith("known") and la == "roman" and known_a
        ):
            # Both names are in the tables: their known forms meet (Shaanxi is 陕西,
            # Shanxi 山西), not one's known form and the other's bare reading (Shanxi
            # reads shan xi, as 陕西 does without tones).
            continue
        m = _compare_parts(va, vb)
        if la.startswith("known") or lb.startswith("known"):
            m = _Match(m.score * 0.98, (*m.steps, la if la.startswith("known") else lb))
        elif "husband's surname" in la or "husband's surname" in lb:
            if "husband's surname" in la and "husband's surname" in lb:
                continue  # both read short: compared as written instead
            if not m.score:
                continue
            m = _Match(m.score * _MAIDEN_FACTOR, (*m.steps, la if "husband" in la else lb))
        if m.score > best.score or (not best.score and not best.steps):
            best = m
    if known_a and known_b and best.score < THRESHOLD:
        forms = "; ".join(
            f"{p.normalized} = {'/'.join(sorted({han for _why, han in knowledge_views(p)}))}"
            for p in (a, b)
        )
        known = f"the tables know them as different names ({forms})"
        best = _Match(best.score, (known, *best.steps) if best.score else (known,))
    bare = next((p for p in (a, b) if _initials_only(p)), None)
    if (
        bare is not None
        and not _initials_only(a if bare is b else b)
        and best.score > INITIALS_ONLY
    ):
        why = f"{bare.normalized} is initials only: many names share them"
        best = _Match(INITIALS_ONLY, (*best.steps, why))
    conflict = _western_conflict(a, b)
    if conflict and best.score:
        best = _Match(best.score * 0.7, (*best.steps, conflict))
    if best.score < THRESHOLD:
        western = _western_and_surname(a, b)
        if western.score > best.score:
            best = western
    chinese_a, chinese_b = _chinese(a) or known_a, _chinese(b) or known_b
    if (
        best.score < THRESHOLD
        and not (chinese_a and chinese_b)
        and a.words
        and b.words
        and not (conflict and _given_names_rendered_apart(a, b))
    ):
        if (a.scripts == frozenset({"other"})) != (b.scripts == frozenset({"other"})):
            sa = latin_tokens(" ".join(_spelled(a)))
            sb = latin_tokens(" ".join(_spelled(b)))
        else:
            sa, sb = _spelled(a), _spelled(b)
        score, why = latin_similarity(sa, sb, place=a.kind is NameKind.PLACE)
        if score > best.score:
            best = _Match(score, (why,))
    if best.score < THRESHOLD:
        sounds = max(_transliteration(a, b), _word_by_word(a, b), key=lambda m: m.score)
        if sounds.score > best.score:
            best = sounds
    return best


def _spelled(p: ParsedName) -> list[str]:
    text = p.normalized
    for title in p.titles:
        text = text.replace(title, " ", 1)
    if text.count(",") == 1:  # "FROST, William" is William Frost
        head, tail = text.split(",")
        text = f"{tail} {head}"
    if p.scripts == frozenset({"other"}):
        # Same non-Latin script on both sides is compared as written (see _decide).
        return [w.lower() for w in re.split(r"[\s,.\-·・]+", text) if w]
    return latin_tokens(text, split_camel=True)


def _transliteration(a: ParsedName, b: ParsedName) -> _Match:
    """A Chinese transliteration (Han or its pinyin) against a foreign Latin name."""
    for x, y in ((a, b), (b, a)):
        if not _chinese(x) or _readable(y) or not y.words or "han" in y.scripts:
            continue
        if any(True for _ in knowledge_views(y)):
            continue  # the tables know what this name is (Shaanxi is 陕西): no guessing
        if _chinese_person_pair(x, y):
            continue  # a Chinese name spelled in a dialect, not a foreign name in characters
        if _unlike_word(x, y):
            continue  # Bill is not 希拉里, though Bill Clinton sounds like 希拉里·克林顿
        views = _views(x)
        for _label, parts in views[:1]:
            units = [u for p in parts if p.segmentations for u in p.segmentations[0]]
            syllables = [u.primary for u in units if u.primary]
            if len(syllables) != len(units) or len(units) < 2:
                continue
            foreign = "".join(y.words)
            # a whole name needs three consonant classes: two are shared by chance too often
            # once the classes are folded (Lima and luo ma, 罗马: both l m)
            sim = transliteration_similarity(syllables, foreign, shortest=_WHOLE_NAME_CLASSES)
            if sim >= 0.75:
                why = (
                    f"{' '.join(syllables)} sounds like {' '.join(y.words)} "
                    f"(transliteration, {sim:.2f})"
                )
                return _Match(0.6 + 0.3 * sim, (why,))
    return _NO


#: Fewest consonant classes of a whole name compared by sound (:func:`_transliteration`).
_WHOLE_NAME_CLASSES: Final = 3

#: The marks that separate the words of a foreign name written in characters (约翰·史密斯).
_NAME_SEPARATORS: Final = frozenset("·・•‧")

#: Least likeness of sound (:func:`transliteration_similarity`) of each word of a foreign
#: name written in characters to the Latin word in its place: a word is short, and one
#: consonant of three heard otherwise (r as l: Boris, 鲍里斯) leaves 0.67 ...
_WORD_SOUND: Final = 0.6
#: ... and least mean over the words (a word the transliteration table renders counts 1):
#: two words each with a consonant heard otherwise are too loose a likeness (Tony Blair
#: sounded like 戈登·布朗, Gordon Brown, word by word).
_WORDS_SOUND: Final = 0.7


#: A word of a foreign name in characters that sounds less like the Latin word in its place
#: than this is another word: not even one consonant in three alike.
_UNLIKE_WORD: Final = 0.34


def _unlike_word(x: ParsedName, y: ParsedName) -> bool:
    """Whether a foreign name in characters with separators (``x``) has a word that sounds
    nothing like the Latin word of ``y`` in its place (:data:`_UNLIKE_WORD`), the two
    having as many words."""
    if not separated_han(x):
        return False
    segments = x.normalized.split()
    if len(segments) != len(y.words):
        return False
    return any(
        sim is not None and sim < _UNLIKE_WORD for sim in map(_word_sound, segments, y.words)
    )


@functools.lru_cache(maxsize=65536)
def _word_sound(segment: str, word: str) -> float | None:
    """How much a word of a foreign name in characters sounds like a Latin word, by the
    usual readings of its characters (:func:`transliteration_similarity`); None if a
    character has no reading."""
    readings = rd.usual_readings(segment)
    return None if readings is None else transliteration_similarity(readings, word)


def separated_han(x: ParsedName) -> bool:
    """Whether a name in characters only is written with separators between its words."""
    return x.scripts == frozenset({"han"}) and not _NAME_SEPARATORS.isdisjoint(x.original)


def _word_by_word(a: ParsedName, b: ParsedName) -> _Match:
    """A person's foreign name written in characters with separators between its words
    (鲍里斯·约翰逊) against a Latin name of as many words (Boris Johnson): each word in
    characters must sound like the Latin word in its place (at least :data:`_WORD_SOUND`,
    and :data:`_WORDS_SOUND` on average) or be the transliteration table's rendering of
    the Latin name or of that word (约翰逊 for Boris Johnson, a surname's rendering)."""
    for x, y in ((a, b), (b, a)):
        if x.kind is not NameKind.PERSON or not separated_han(x) or "han" in y.scripts:
            continue
        segments = x.normalized.split()
        words = list(y.words)
        if len(segments) < 2 or len(segments) != len(words):
            continue
        known = set(_renderings(y))
        for word in words:  # the table's rendering of a word alone (Macron, 马克龙)
            known |= _word_renderings(word)
        sims: list[float] = []
        steps: list[str] = []
        for segment, word in zip(segments, words, strict=True):
            if rd.to_simplified(segment) in known:
                sims.append(1.0)
                steps.append(f"{segment} = {word} (transliteration table)")
                continue
            sim = _word_sound(segment, word)
            if sim is None or sim < _WORD_SOUND:
                break
            sims.append(sim)
            steps.append(f"{segment} sounds like {word} ({sim:.2f})")
        else:
            mean = sum(sims) / len(sims)
            if mean >= _WORDS_SOUND:
                why = f"word by word, a foreign name in characters: {'; '.join(steps)}"
                return _Match(round(0.8 + 0.1 * mean, 4), (why,))
    return _NO


def _chinese_person_pair(x: ParsedName, y: ParsedName) -> bool:
    """Whether two people's names, ``x`` Chinese, ``y`` romanized, are both shaped as
    Chinese names: ``y`` has a known surname spelling at an edge, and ``x`` is at most four
    characters with no separator (a foreign name in characters is mostly written with one:
    李·汉密尔顿), or romanized in a Mandarin system throughout with a known surname (Peng
    Zhi'an). A romanized word that no system reads (Swee, Kah) then means a dialect
    spelling, not a foreign name to be heard in the other's pinyin (Ko Nah Jin is not "peng
    zhi an")."""
    if x.kind is not NameKind.PERSON:
        return False
    if x.han:
        if len(x.han) > 4 or not _all_han(x):
            return False
    elif not (all(not _MANDARIN_LIKE.isdisjoint(p.systems) for p in x.core) and _known_surname(x)):
        return False
    return _known_surname(y)


def _known_surname(p: ParsedName) -> bool:
    """Whether the name has a part read as a surname that the tables know."""
    return any(x.role is PartRole.SURNAME and is_known_surname(x) for x in p.core)


def _known(p: ParsedName) -> bool:
    """Whether the tables give Han forms for the name as written (Peking → 北京)."""
    return bool(knowledge_views(p))


def _readable(p: ParsedName) -> bool:
    """Whether every part but initials has a segmentation with a reading. Not cached: it is
    a short walk of the parts, and a cache would keep an entry of every compared name for
    as long as the process compares (12.5 MiB for this and :func:`_western_given` over the
    31,266 names of one comparing process at 100,000 mentions, compiled)."""
    core = [x for x in p.core if x.role is not PartRole.INITIALS]
    return bool(core) and all(
        x.segmentations and any(u.readings for s in x.segmentations for u in s) for x in core
    )


@functools.lru_cache(maxsize=NAME_CACHE)
def _chinese(p: ParsedName) -> bool:
    """Whether the name reads as a Chinese name.

    Han characters do; a romanized name does when every word reads in some romanization
    (not only with an apostrophe it leaves out: Nian Leian may be Nian Leihan misspelt, and
    is then compared by spelling too) and one of its edge words is a known surname spelling.
    """
    if "han" in p.scripts:
        return True
    if not _readable(p) or any(read_loosely(x) for x in p.core):
        return False
    if p.kind is not NameKind.PERSON:
        return True
    return _known_surname(p)
