"""Readings of Han characters and romanized syllables.

Han characters are read through the library's own surname table first, then pypinyin's
character dictionary (read, never modified), the ``cantonese-romanisation`` tables for Hong
Kong spellings and Jyutping, ``taibun``'s character table for Taiwanese Hokkien (POJ and
Tâi-lô), and the dialect columns of the surname table.  Romanized
syllables are mapped back to Mandarin (toneless pinyin, ü written ``v``) through the
syllable tables in ``names/data``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Final

import msgpack
import opencc

from sistercity_provenance._errors import DataError
from sistercity_provenance.names._tables import cantonese_tables, read_tsv, surnames
from sistercity_provenance.names._text import fold_latin, fold_syllable, tone_of

__all__ = [
    "MANDARIN_SYSTEMS",
    "char_cantonese",
    "char_hokkien",
    "char_hokkien_everyday",
    "char_mandarin",
    "everyday_chars",
    "everyday_readings",
    "hokkien_canonical",
    "hokkien_chars",
    "hokkien_coarse",
    "hokkien_everyday",
    "hokkien_poj",
    "hong_kong_table_form",
    "pinyin_inventory",
    "spellings_of",
    "system_map",
    "to_simplified",
    "to_traditional",
    "usual_readings",
]

#: Systems whose syllables map onto Mandarin syllables one to one (or nearly).
MANDARIN_SYSTEMS: Final = (
    "pinyin",
    "wade-giles",
    "tongyong",
    "mps2",
    "yale",
    "postal",
)

_T2S = opencc.OpenCC("t2s.json")
_S2T = opencc.OpenCC("s2t.json")


@functools.lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional → simplified (OpenCC ``t2s``), used to fold Han keys."""
    return str(_T2S.convert(text))


@functools.lru_cache(maxsize=65536)
def to_traditional(text: str) -> str:
    """Simplified → traditional (OpenCC ``s2t``), used only to look up Cantonese tables."""
    return str(_S2T.convert(text))


@functools.cache
def _pinyin_dict() -> dict[int, str]:
    """pypinyin's character dictionary (code point → marked readings), as a copy.

    Importing ``pypinyin.pinyin_dict`` runs the ``pypinyin`` package's own start-up, which
    loads its phrase dictionary too: about 0.2 s, 40 MB and 218,000 lists that Python's
    garbage collector then walks in every full collection of the process. The library
    reads characters only, so it loads the character dictionary's module file alone,
    unless pypinyin is imported already.
    """
    module = sys.modules.get("pypinyin.pinyin_dict") or _pinyin_dict_module()
    table: dict[int, str] = module.pinyin_dict
    return dict(table)


def _package_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without importing the package (which
    would run its start-up), or None."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.is_file() else None


def _pinyin_dict_module() -> ModuleType:
    """pypinyin's ``pinyin_dict`` module run on its own (not registered in ``sys.modules``),
    or imported as usual where its file cannot be found."""
    path = _package_file("pypinyin", "pinyin_dict.py")
    alone = (
        importlib.util.spec_from_file_location("_sistercity_pinyin_dict", path) if path else None
    )
    if alone is not None and alone.loader is not None:
        module = importlib.util.module_from_spec(alone)
        alone.loader.exec_module(module)
        return module
    return importlib.import_module("pypinyin.pinyin_dict")


def _marked_to_tone3(marked: str) -> tuple[str, int]:
    return fold_syllable(marked), tone_of(marked) or 5


@functools.lru_cache(maxsize=65536)
def char_mandarin(ch: str) -> tuple[tuple[str, int], ...]:
    """Toneless pinyin and tone of every reading of a Han character, most usual first."""
    readings: list[tuple[str, int]] = []
    # The simplified form's own readings: a traditional character's dictionary entry can
    # carry readings of the other characters it was merged with (維 also lists yí).
    cell = _pinyin_dict().get(ord(to_simplified(ch))) or _pinyin_dict().get(ord(ch))
    if cell:
        for marked in cell.split(","):
            reading = _marked_to_tone3(marked)
            if reading not in readings:
                readings.append(reading)
    return tuple(readings)


def usual_readings(text: str) -> list[str] | None:
    """The usual (first) toneless pinyin reading of each character of ``text``, as a
    transliteration is heard (约翰: yue, han); ``None`` if a character has none."""
    readings = [char_mandarin(c) for c in text]
    if not all(readings):
        return None
    return [r[0][0] for r in readings]


@functools.lru_cache(maxsize=65536)
def char_cantonese(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """Hong Kong government spellings and Jyutping (with tone digit) of a Han character."""
    roman, lshk = cantonese_tables()
    hk: set[str] = set()
    jp: set[str] = set()
    for form in {ch, to_traditional(ch), to_simplified(ch)}:
        hk.update(roman.get(form, ()))
        jp.update(lshk.get(form, ()))
    return frozenset(hk), frozenset(jp)


#: Pe̍h-ōe-jī spellings and the Tâi-lô ones they stand for, in the order they are rewritten
#: (``chh`` before ``ch``). Marks are gone already (folded), so POJ ``o͘`` is ``o``.
_POJ_TO_TAILO: Final = (
    ("chh", "tsh"),
    ("ch", "ts"),
    ("oa", "ua"),
    ("oe", "ue"),
    ("eng", "ing"),
    ("ek", "ik"),
)


@functools.lru_cache(maxsize=65536)
def hokkien_canonical(spelling: str) -> str:
    """One form for a folded Hokkien syllable, whether written in POJ or in Tâi-lô.

    POJ ``ch``/``chh``/``oa``/``oe``/``eng``/``ek`` become Tâi-lô ``ts``/``tsh``/``ua``/
    ``ue``/``ing``/``ik``; Tâi-lô ``oo`` (POJ ``o͘``, folded to ``o``) becomes ``o`` and
    the nasal ``nn`` (POJ ``ⁿ``, which NFKC turns into ``n``) becomes ``n``. Two pairs of
    sounds fall together (o and oo; a final n and a nasal vowel): acceptable for a match
    key, as the characters still decide.

    >>> hokkien_canonical("chhiong"), hokkien_canonical("tshiong"), hokkien_canonical("soann")
    ('tshiong', 'tshiong', 'suan')
    """
    s = _DOUBLED.sub(r"\1", spelling)
    for poj, tailo in _POJ_TO_TAILO:
        s = s.replace(poj, tailo)
    return s


#: A run of o or of n, folded to one letter by :func:`hokkien_canonical` (before the POJ
#: rewrites, so that folding twice changes nothing).
_DOUBLED: Final = re.compile(r"(o|n)\1+")


def hokkien_poj(tailo: str) -> str:
    """The folded POJ spelling of a folded Tâi-lô syllable (the inverse of the rewrites)."""
    s = tailo.replace("oo", "o").replace("nn", "n")
    for poj, tl in reversed(_POJ_TO_TAILO):
        s = s.replace(tl, poj)
    return s


@functools.cache
def _hokkien_table() -> dict[str, tuple[str, ...]]:
    """Character (traditional, as the source keys it) → folded Tâi-lô readings.

    From the ``taibun`` package's character table (code MIT; data CC BY-SA 4.0, from the
    Taiwanese–Chinese Online Dictionary and iTaigi, via ChhoeTaigi), read as a data file:
    importing ``taibun`` would also load its 58,000-word phrase table, which the library
    does not use. Returns ``{}`` where the package or its file cannot be found.
    """
    path = _package_file("taibun", "data", "prons.msgpack")
    if path is None:
        return {}
    raw: dict[str, list[str]] = msgpack.unpackb(path.read_bytes(), raw=False)
    table: dict[str, tuple[str, ...]] = {}
    for ch, readings in raw.items():
        folded = dict.fromkeys(
            fold_syllable(alt) for r in readings for alt in r.split("/") if alt.strip()
        )
        table[ch] = tuple(r for r in folded if r.isalpha() and r.isascii())
    return table


@functools.cache
def _hokkien_tailo_by_simplified() -> dict[str, frozenset[str]]:
    """Character (simplified) → its folded Tâi-lô readings as the table writes them,
    gathered from every traditional form of it in the table (剷 and 鏟 are both 铲)."""
    out: dict[str, set[str]] = defaultdict(set)
    for ch, readings in _hokkien_table().items():
        out[to_simplified(ch)].update(readings)
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def _hokkien_by_simplified() -> dict[str, frozenset[str]]:
    """Character (simplified) → its Hokkien readings in :func:`hokkien_canonical` form."""
    return {
        ch: frozenset(hokkien_canonical(r) for r in readings)
        for ch, readings in _hokkien_tailo_by_simplified().items()
    }


@functools.cache
def _tailo_readings() -> frozenset[str]:
    """Every folded Tâi-lô reading of the table, once."""
    return frozenset(r for readings in _hokkien_table().values() for r in readings)


def char_hokkien(ch: str) -> frozenset[str]:
    """Hokkien readings of a Han character, in :func:`hokkien_canonical` form."""
    return _hokkien_by_simplified().get(to_simplified(ch), frozenset())


@functools.cache
def _hokkien_index() -> dict[str, frozenset[str]]:
    """Canonical Hokkien syllable → characters (simplified) read so."""
    out: dict[str, set[str]] = defaultdict(set)
    for ch, readings in _hokkien_by_simplified().items():
        for r in readings:
            out[r].add(ch)
    return {k: frozenset(v) for k, v in out.items()}


def hokkien_chars(spelling: str) -> frozenset[str]:
    """Characters (simplified) that a POJ or Tâi-lô syllable (folded) can stand for."""
    return _hokkien_index().get(hokkien_canonical(spelling), frozenset())


#: Tâi-lô initials, longest first (``tsh`` is not ``ts`` + ``h``).
_TAILO_INITIALS: Final = (
    "tsh", "ts", "ph", "th", "kh", "ng", "p", "t", "k", "b", "g", "l", "m", "n", "h", "s", "j",
)  # fmt: skip
_VOWELS: Final = frozenset("aeiou")


@functools.cache
def _everyday_rules() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The rewrites of ``hokkien_everyday.tsv``: (initials, finals), Tâi-lô → spellings."""
    rules: dict[str, dict[str, tuple[str, ...]]] = {"initial": {}, "final": {}}
    for row in read_tsv("hokkien_everyday.tsv"):
        part = rules.get(row["part"])
        spellings = tuple(s.strip() for s in row["spellings"].split(",") if s.strip())
        if part is None or not row["tailo"] or not spellings:
            msg = f"hokkien_everyday.tsv: row {row!r} needs a part (initial or final), a "
            msg += "Tâi-lô form and at least one spelling"
            raise DataError(msg)
        part[row["tailo"]] = spellings
    return rules["initial"], rules["final"]


@functools.lru_cache(maxsize=16384)
def hokkien_everyday(tailo: str) -> frozenset[str]:
    """Everyday spellings of a folded Tâi-lô syllable, as Hokkien names are written in
    Singapore, Malaysia or the Philippines, without marks (``hokkien_everyday.tsv``).

    The nasal ``-nn`` is dropped; a final glottal ``-h`` may be kept or dropped; a
    syllable with no initial may write a first ``i`` or ``u`` before a vowel as ``y`` or
    ``w``.

    >>> sorted(hokkien_everyday("sui")), sorted(hokkien_everyday("tshing"))
    (['sui', 'swee'], ['cheng', 'ching'])
    """
    initials, finals = _everyday_rules()
    core = tailo[:-2] if tailo.endswith("nn") and len(tailo) > 2 else tailo
    initial = next((i for i in _TAILO_INITIALS if core.startswith(i) and len(core) > len(i)), "")
    rest = core[len(initial) :]
    glottal = len(rest) > 1 and rest.endswith("h")
    if glottal:
        rest = rest[:-1]
    rests = list(finals.get(rest, (rest,)))
    if not initial and len(rest) > 1 and rest[0] in "iu" and rest[1] in _VOWELS:
        glide = "y" if rest[0] == "i" else "w"
        rests += [glide + r[1:] for r in rests if r[0] == rest[0]]
        if glide == "y":
            rests += ["y" + r for r in rests if r[0] == "e"]  # iu → ew → yew
    out: set[str] = set()
    for first in initials.get(initial, (initial,)):
        for r in rests:
            out.add(first + r)
            if glottal and r[-1] in _VOWELS:
                out.add(first + r + "h")
    return frozenset(out)


def _unmarked_spellings(tailo: str) -> frozenset[str]:
    """Unmarked spellings of a folded Tâi-lô syllable: everyday ones
    (:func:`hokkien_everyday`), and Tâi-lô and POJ themselves unless the syllable is nasal
    (unmarked POJ would write the nasal as a plain n)."""
    found = hokkien_everyday(tailo)
    return found if "nn" in tailo else found | {tailo, hokkien_poj(tailo)}


@functools.lru_cache(maxsize=65536)
def char_hokkien_everyday(ch: str) -> frozenset[str]:
    """Unmarked spellings of a Han character's Hokkien readings (:func:`_unmarked_spellings`)."""
    out: set[str] = set()
    for tailo in _hokkien_tailo_by_simplified().get(to_simplified(ch), ()):
        out |= _unmarked_spellings(tailo)
    return frozenset(out)


@functools.cache
def _everyday_index() -> dict[str, frozenset[str]]:
    """Unmarked spelling → the Hokkien readings (:func:`hokkien_canonical` form) it writes."""
    out: dict[str, set[str]] = defaultdict(set)
    for tailo in _tailo_readings():
        for spelling in _unmarked_spellings(tailo):
            out[spelling].add(hokkien_canonical(tailo))
    return {k: frozenset(v) for k, v in out.items()}


#: Aspirated Tâi-lô initials and their plain forms (everyday spelling does not mark
#: aspiration), longest first.
_ASPIRATED: Final = (("tsh", "ts"), ("kh", "k"), ("ph", "p"), ("th", "t"))


@functools.lru_cache(maxsize=16384)
def hokkien_coarse(reading: str) -> str:
    """A Hokkien reading (:func:`hokkien_canonical` form) without what everyday spelling
    leaves out: the aspiration of its initial and a final glottal h (for blocking keys).

    >>> hokkien_coarse("tshing"), hokkien_coarse("khah"), hokkien_coarse("hioh")
    ('tsing', 'ka', 'hio')
    """
    for aspirated, plain in _ASPIRATED:
        if reading.startswith(aspirated) and len(reading) > len(aspirated):
            reading = plain + reading[len(aspirated) :]
            break
    if len(reading) > 1 and reading.endswith("h") and reading[-2] in _VOWELS:
        reading = reading[:-1]
    return reading


def everyday_readings(spelling: str) -> frozenset[str]:
    """The Hokkien readings (:func:`hokkien_canonical` form) that an unmarked spelling of
    :func:`char_hokkien_everyday` may write (keat: kiat)."""
    return _everyday_index().get(spelling, frozenset())


@functools.lru_cache(maxsize=16384)
def everyday_chars(spelling: str) -> frozenset[str]:
    """The common characters (simplified, :func:`is_common_char`) that an unmarked spelling
    writes in everyday Hokkien: those with ``spelling`` among their
    :func:`char_hokkien_everyday` (swee: 瑞, 水, 岁 ...; rare characters would link almost
    any two syllables).

    >>> "瑞" in everyday_chars("swee"), "瑞" in everyday_chars("rui")
    (True, False)
    """
    index = _hokkien_index()
    candidates = {c for r in everyday_readings(spelling) for c in index.get(r, ())}
    return frozenset(
        c for c in candidates if is_common_char(c) and spelling in char_hokkien_everyday(c)
    )


@functools.cache
def pinyin_inventory() -> frozenset[str]:
    """Every standard toneless pinyin syllable (ü written ``v``)."""
    return frozenset(fold_syllable(row["pinyin"]) for row in read_tsv("syllables.tsv"))


def _alts(cell: str) -> list[str]:
    return [fold_syllable(a.strip()) for a in cell.split(",") if a.strip()]


@functools.cache
def _cantonese_spelling_chars() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    pkg = resources.files("cantoroman").joinpath("data")
    roman: dict[str, list[str]] = json.loads(
        pkg.joinpath("romanToChar.json").read_text(encoding="utf-8")
    )
    lshk: dict[str, list[str]] = json.loads(
        pkg.joinpath("lshkToChar.json").read_text(encoding="utf-8")
    )
    return (
        {k.lower(): frozenset(v) for k, v in roman.items()},
        {k.lower(): frozenset(v) for k, v in lshk.items()},
    )


@functools.lru_cache(maxsize=65536)
def is_common_char(ch: str) -> bool:
    """Whether a character (folded to simplified) is among the 3,755 most common ones.

    The first level of GB 2312 (lead bytes 0xB0–0xD7) is the standard list of common
    characters; given names rarely go beyond it.
    """
    try:
        encoded = to_simplified(ch).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def _mandarin_of_chars(chars: Iterable[str]) -> frozenset[str]:
    """Mandarin readings of the common characters among ``chars``.

    Used to bridge a Cantonese spelling to Mandarin: rare characters that share the
    spelling would otherwise link almost any two syllables.
    """
    return frozenset(p for ch in chars if is_common_char(ch) for p, _tone in char_mandarin(ch))


@functools.lru_cache(maxsize=16384)
def cantonese_chars(spelling: str) -> frozenset[str]:
    """Characters (simplified) with this Hong Kong spelling or Jyutping syllable."""
    hk, jp = _cantonese_spelling_chars()
    found = set(hk.get(spelling, ())) | set(jp.get(spelling, ()))
    found |= hk.get(hong_kong_table_form(spelling), frozenset())
    return frozenset(to_simplified(c) for c in found)


#: Hong Kong registrations also write a final -i as -ee and -u as -oo (Chee, Yee, Choo);
#: the Cantonese tables list only the standard forms. (written, table form) pairs.
_HONG_KONG_FINALS: Final = (("ee", "i"), ("oo", "u"))


def hong_kong_table_form(spelling: str) -> str:
    """The Cantonese tables' form of a Hong Kong spelling: a final -ee as -i and -oo as -u
    (chee: chi, choo: chu); any other spelling as it is."""
    for written, table in _HONG_KONG_FINALS:
        if len(spelling) > len(written) and spelling.endswith(written):
            return spelling[: -len(written)] + table
    return spelling


@functools.cache
def system_map(system: str) -> dict[str, frozenset[str]]:
    """Spelling (folded) → Mandarin syllables, for one romanization system.

    ``system`` is one of :data:`MANDARIN_SYSTEMS`, ``wade-giles-plain``, ``cantonese``,
    ``jyutping`` (keys carry the tone digit), ``hokkien`` (syllables in POJ and Tâi-lô), or
    another dialect of the surname table (``teochew``, ``hakka``, ``other``; keys are whole
    surnames).
    """
    out: dict[str, set[str]] = defaultdict(set)
    if system == "pinyin":
        for syl in pinyin_inventory():
            out[syl].add(syl)
            if "v" in syl:  # lv, nv, lve, nve: keyboards and passports write u, yu or v
                out[syl.replace("v", "u")].add(syl)
                out[syl.replace("v", "yu")].add(syl)
    elif system in ("wade-giles", "wade-giles-plain", "tongyong", "mps2", "yale"):
        column = system.replace("-", "_")
        for row in read_tsv("syllables.tsv"):
            pinyin = fold_syllable(row["pinyin"])
            for spelling in _alts(row[column]):
                out[spelling].add(pinyin)
                if system == "wade-giles":
                    out[spelling.replace("v", "u")].add(pinyin)
    elif system == "postal":
        # Postal spellings write most syllables as Wade-Giles does without its marks
        # (Hangchow: hang as in Wade-Giles, chow of the postal table's own).
        for spelling, readings in system_map("wade-giles-plain").items():
            out[spelling].update(readings)
        for row in read_tsv("postal_syllables.tsv"):
            for pinyin in _alts(row["pinyin"]):
                out[fold_syllable(row["spelling"])].add(pinyin)
    elif system == "hokkien":
        # Every syllable in Tâi-lô, in POJ and in the canonical form, each bridged to the
        # Mandarin readings of the common characters it stands for (as Cantonese spellings
        # are).
        bridged = {c: _mandarin_of_chars(chars) for c, chars in _hokkien_index().items()}
        mapped = dict(bridged)
        for tailo in _tailo_readings():
            mapped[tailo] = mapped[hokkien_poj(tailo)] = bridged[hokkien_canonical(tailo)]
        return mapped
    elif system in ("cantonese", "jyutping"):
        hk, jp = _cantonese_spelling_chars()
        table = hk if system == "cantonese" else jp
        mapped = {spelling: _mandarin_of_chars(chars) for spelling, chars in table.items()}
        if system == "cantonese":  # also the Hong Kong -ee and -oo of a final -i and -u
            for spelling, readings in list(mapped.items()):
                for variant, end in _HONG_KONG_FINALS:
                    if spelling.endswith(end) and len(spelling) > 1:
                        alt = spelling[: -len(end)] + variant
                        mapped[alt] = mapped.get(alt, frozenset()) | readings
        return mapped
    else:
        for surname in surnames().values():
            for spelling in surname.dialect.get(system, frozenset()):
                out[spelling].update(" ".join(r) for r in surname.pinyin)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=65536)
def primary_reading(system: str, spelling: str) -> str:
    """The Mandarin syllable a spelling most likely stands for, for keys.

    For Cantonese, Jyutping and Hokkien, the reading shared by most characters with that
    spelling; otherwise the alphabetically first candidate (deterministic).
    """
    candidates = system_map(system).get(spelling)
    if not candidates:
        return ""
    if system == "hokkien":
        chars = hokkien_chars(spelling)
    elif system in ("cantonese", "jyutping"):
        hk, jp = _cantonese_spelling_chars()
        chars = (hk if system == "cantonese" else jp).get(spelling, frozenset())
    else:
        chars = frozenset()
    usual = [char_mandarin(ch)[:1] for ch in chars if is_common_char(ch)]
    counts = Counter(r[0][0] for r in usual if r)
    if counts:
        return min(counts, key=lambda r: (-counts[r], r))
    return min(candidates)


@functools.cache
def spellings_of(pinyin: str) -> frozenset[str]:
    """Every folded spelling of a Mandarin syllable in the Mandarin-like systems."""
    found = {pinyin}
    for system in (*MANDARIN_SYSTEMS, "wade-giles-plain"):
        for spelling, targets in system_map(system).items():
            if pinyin in targets:
                found.add(spelling)
    return frozenset(found)


@functools.cache
def surname_dialect_index() -> dict[str, frozenset[str]]:
    """Whole-surname dialect spelling (folded, spaces for compound) → simplified surnames."""
    out: dict[str, set[str]] = defaultdict(set)
    for simp, row in surnames().items():
        for spellings in row.dialect.values():
            for spelling in spellings:
                out[spelling].add(simp)
                out[spelling.replace(" ", "")].add(simp)
    return {k: frozenset(v) for k, v in out.items()}


def fold_word(word: str) -> str:
    """Fold a whole word for dialect look-ups (``Au-Yeung`` → ``auyeung``)."""
    return fold_latin(word).replace("-", "").replace(" ", "")


@functools.cache
def misread_surnames() -> dict[str, tuple[tuple[str, str], ...]]:
    """Surnames that are often written in the everyday reading of their character: that
    reading (toneless) → (character, surname reading) pairs (``jie`` → 解, ``xie``).

    A character of ``surnames.tsv`` with a known rank counts when its usual reading (the
    first of its dictionary readings) is none of its surname readings (解 is jie, as a
    surname xie; 曾 is ceng, as a surname zeng), and it is more common as a surname than
    all the surnames read so together, taking a surname's frequency as the inverse of its
    rank (Zipf's law; a surname of unknown rank as if ranked just after the last): a
    writer who wrote Jie more likely misread 解 (ranked 184) than meant 揭 (380), but Bo
    is more likely 柏 (218) or 薄 (339) than 卜 (212) misread, and Han is 韩 (27), not 阚
    (296)."""
    table = surnames()
    last = max((row.rank for row in table.values() if row.rank is not None), default=0) + 1
    share: dict[str, float] = defaultdict(float)
    for simp, row in table.items():
        if len(simp) == 1:
            for reading in {alternative[0] for alternative in row.pinyin}:
                share[reading] += 1 / (row.rank if row.rank is not None else last)
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for simp, row in table.items():
        readings = char_mandarin(simp) if len(simp) == 1 else ()
        if not readings or row.rank is None:
            continue
        usual = readings[0][0]
        own = [alternative[0] for alternative in row.pinyin]
        if usual not in own and 1 / row.rank > share.get(usual, 0.0):
            out[usual].extend((simp, reading) for reading in own)
    return {k: tuple(v) for k, v in out.items()}
