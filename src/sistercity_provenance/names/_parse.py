"""Parsing a name into parts, syllable units and keys."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

import attrs

from sistercity_provenance._errors import EmptyNameError
from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._model import Key, NameKind, ParsedName, Part, PartRole, Unit
from sistercity_provenance.names._tables import read_list, read_tsv, surnames
from sistercity_provenance.names._text import (
    HAN_CHAR,
    NAME_CACHE,
    QUALIFIER,
    fold_latin,
    fold_syllable,
    is_han,
    normalize_text,
    scripts_of,
    tone_of,
)

__all__ = ["parse"]

#: Systems tried when reading a romanized word, in order of preference.
SEGMENT_SYSTEMS: Final = (
    "pinyin",
    "wade-giles",
    "wade-giles-plain",
    "tongyong",
    "mps2",
    "yale",
    "postal",
    "cantonese",
    "hokkien",
)
_MANDARIN_LIKE: Final = frozenset(SEGMENT_SYSTEMS) - {"cantonese", "hokkien"}
_PINYIN_BIT: Final = SEGMENT_SYSTEMS.index("pinyin")
#: Marks that Hokkien romanizations put on syllables and Hanyu Pinyin never does: the
#: circumflex (tone 5, Tân), the vertical line (tone 8, Lo̍k), the dot of POJ's o͘ and the
#: double acute (Tâi-lô tone 9). A name that carries one, or tone marks on a word that is not
#: pinyin, is read as Hokkien where it can be.
_HOKKIEN_MARKS: Final = frozenset("\u0302\u030d\u0358\u030b")
_MAX_SEGMENTATIONS: Final = 8

# Words that qualify a place (kept as qualifiers, compared separately).
_PLACE_QUALIFIERS_LATIN: Final = {
    "province": "province",
    "provincial": "province",
    "sheng": "province",
    "city": "city",
    "municipality": "city",
    "municipal": "city",
    "shi": "city",
    "county": "county",
    "prefecture": "prefecture",
    "district": "district",
    "autonomous region": "autonomous region",
    "special administrative region": "sar",
    "sar": "sar",
    "region": "region",
    "state": "state",
}
_PLACE_QUALIFIERS_HAN: Final = (
    ("特别行政区", "sar"),
    ("自治区", "autonomous region"),
    ("自治州", "prefecture"),
    ("地区", "prefecture"),
    ("省", "province"),
    ("市", "city"),
    ("县", "county"),
    ("区", "district"),
)

#: A word: letters and digits (with the combining marks that have no precomposed letter,
#: as in Hokkien mn̂g or o͘), apostrophes and dots, hyphenated runs kept together.
_TOKEN = re.compile(r"[\w'.\u0300-\u036f]+(?:-[\w'.\u0300-\u036f]+)*", re.UNICODE)
_QUOTED = re.compile(r"[\"“”«»「」『』]([^\"“”«»「」『』]+)[\"“”«»「」『』]")
_BRACKETS = re.compile(r"[\"“”«»「」『』(\[（【]")
#: A character for which ``str.isalnum`` is true (``\w`` is that, or ``_``).
_ALNUM = re.compile(r"[^\W_]")
_WG_ASPIRATE = re.compile(r"(?<=[hkptsz])'(?=[a-zv])")


@functools.cache
def _titles() -> tuple[frozenset[str], frozenset[str]]:
    latin: set[str] = set()
    han: set[str] = set()
    for row in read_tsv("titles.tsv"):
        title = normalize_text(row["title"])
        if any(is_han(c) for c in title):
            if len(title) >= 2:  # single characters (小, 阿, 老) are too often part of a name
                han.add(rd.to_simplified(title))
        else:
            latin.add(fold_latin(title).rstrip("."))
    return frozenset(latin), frozenset(han)


@functools.cache
def _han_title_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(t) for t in _titles()[1]}, reverse=True))


@functools.cache
def _western_names() -> frozenset[str]:
    return read_list("western_given_names.txt")


_DIGIT_PIECE = re.compile(r"([a-zv']+)([0-9]?)")


def _split_pieces(word: str) -> tuple[tuple[str, int | None], ...]:
    """Split a folded word into syllable-ish pieces with tone digits where written."""
    pieces: list[tuple[str, int | None]] = []
    for chunk in word.split("-"):
        if not chunk:
            continue
        if any(c.isdigit() for c in chunk):
            for letters, digit in _DIGIT_PIECE.findall(chunk):
                pieces.append((letters.strip("'"), int(digit) if digit else None))
            continue
        protected = _WG_ASPIRATE.sub("\x00", chunk)
        for sub in protected.split("'"):
            if sub:
                pieces.append((sub.replace("\x00", "'"), None))
    return tuple((p, t) for p, t in pieces if p)


@functools.lru_cache(maxsize=65536)
def _pieces_of(word: str) -> tuple[tuple[str, int | None], ...]:
    """The pieces of a written word (folded with :func:`fold_syllable`, then split)."""
    return _split_pieces(fold_syllable(word))


@functools.cache
def _spelling_masks() -> dict[str, int]:
    """Spelling → bit mask of the :data:`SEGMENT_SYSTEMS` it is a syllable of (bit i: system i)."""
    masks: dict[str, int] = {}
    for bit, system in enumerate(SEGMENT_SYSTEMS):
        for spelling in rd.system_map(system):
            masks[spelling] = masks.get(spelling, 0) | (1 << bit)
    return masks


@functools.cache
def _longest_spelling() -> int:
    """Length of the longest syllable spelling in any of :data:`SEGMENT_SYSTEMS` (7, as in
    Wade-Giles ``ch'uang`` and Tâi-lô ``tshiang``), read from the tables."""
    return max(map(len, _spelling_masks()))


#: A syllable spelled inside a piece: (start, end, spelling, mask of its systems).
_Candidate = tuple[int, int, str, int]


def _segment(n: int, candidates: Sequence[_Candidate], bit: int) -> tuple[tuple[str, ...], ...]:
    """Every way to read a piece of length ``n`` as syllables of the system ``bit`` (fewest
    syllables first), from the ``candidates`` of :func:`_segment_piece` (ordered by end,
    then start)."""
    ways: list[list[tuple[str, ...]]] = [[] for _ in range(n + 1)]
    ways[0] = [()]
    for start, end, spelling, mask in candidates:
        if mask & bit and ways[start]:
            ways[end].extend((*w, spelling) for w in ways[start][:_MAX_SEGMENTATIONS])
    return tuple(sorted(ways[n], key=len)[:_MAX_SEGMENTATIONS])


#: A syllable of nasal consonants alone (Cantonese m, ng; Hokkien mn̂g, n̂g): written as a
#: word or a hyphenated piece of its own (Ng, Kim-mng), never run on with another syllable.
_SYLLABIC_NASAL: Final = re.compile(r"h?(?:m|ng|mng|nng)h?")


@functools.cache
def _syllabic_nasals() -> frozenset[str]:
    """The spellings of :func:`_spelling_masks` that :data:`_SYLLABIC_NASAL` matches."""
    return frozenset(s for s in _spelling_masks() if _SYLLABIC_NASAL.fullmatch(s))


@functools.lru_cache(maxsize=65536)
def _segment_piece(piece: str) -> tuple[tuple[tuple[tuple[str, ...], ...], ...], int]:
    """Every way to read ``piece`` as syllables of each of :data:`SEGMENT_SYSTEMS` (in that
    order; fewest syllables first, at most :data:`_MAX_SEGMENTATIONS`; ``()`` if none), and
    the bit mask of the systems with at least one :func:`_orthographic` reading.

    The substrings of the piece that are a syllable in some system are looked up once, with
    a bit mask of their systems; a system is segmented only if those spell the piece whole.
    """
    masks = _spelling_masks()
    nasals = _syllabic_nasals()
    longest = _longest_spelling()
    n = len(piece)
    candidates: list[_Candidate] = []
    reach = [0] * (n + 1)
    reach[0] = (1 << len(SEGMENT_SYSTEMS)) - 1 if n else 0
    for end in range(1, n + 1):
        bits = 0
        for start in range(max(0, end - longest), end):
            spelling = piece[start:end]
            mask = masks.get(spelling, 0)
            if mask and (start, end) != (0, n) and spelling in nasals:
                continue  # a syllable of nasals alone is written apart: Wong is not wo-ng
            if mask:
                candidates.append((start, end, spelling, mask))
                bits |= reach[start] & mask
        reach[end] = bits
    readable = reach[n]
    by_system = tuple(
        _segment(n, candidates, 1 << bit) if readable >> bit & 1 else ()
        for bit in range(len(SEGMENT_SYSTEMS))
    )
    usable = 0
    for bit, segs in enumerate(by_system):
        if any(_orthographic(seg) for seg in segs):
            usable |= 1 << bit
    return by_system, usable


@functools.lru_cache(maxsize=65536)
def _han_unit(ch: str, surname_readings: tuple[str, ...] | None = None) -> Unit:
    simp = rd.to_simplified(ch)
    readings = rd.char_mandarin(simp)
    hk, jp = rd.char_cantonese(simp)
    hokkien = rd.char_hokkien(simp)
    toneless = frozenset(p for p, _t in readings)
    toned = frozenset(f"{p}{t}" for p, t in readings)
    dialect = set(hk) | set(jp)
    other: frozenset[str] = frozenset()
    if surname_readings is not None:
        # Only the usual reading is a reading a writer may give the surname by mistake
        # (解 jie for xie); the dictionary's rarer ones are not (王 yu, 董 zhong).
        other = frozenset(p for p, _t in readings[:1]) - frozenset(surname_readings)
        toneless = frozenset(surname_readings)
        toned = frozenset(t for t in toned if t.rstrip("012345") in toneless)
    primary = readings[0][0] if readings else ""
    if surname_readings:
        primary = surname_readings[0]
    return Unit(
        text=ch,
        han=simp,
        primary=primary,
        readings=toneless,
        other_readings=other,
        toned=toned,
        dialect=frozenset(dialect),
        systems=("han",),
        hokkien=hokkien,
    )


def _han_surname_length(chars: str) -> int:
    """How many leading characters of an unspaced Han person name are the surname."""
    table = surnames()
    if len(chars) >= 3 and chars[:2] in table and (table[chars[:2]].pinyin[0].__len__() == 2):
        return 2
    if len(chars) == 4 and chars[0] in table and chars[1] in table:
        return 2  # married double surname (林郑月娥) or 张王 double surnames
    return 1 if chars else 0


def _han_parts(chars: str, kind: NameKind) -> list[Part]:
    simp = rd.to_simplified(chars)
    if kind is NameKind.PERSON and len(simp) == 1:
        row = surnames().get(simp)
        unit = _han_unit(simp, tuple(a[0] for a in row.pinyin) if row else None)
        return [Part(text=chars, role=PartRole.SURNAME, segmentations=((unit,),), systems=("han",))]
    if kind is not NameKind.PERSON or len(simp) < 2:
        units = tuple(_han_unit(c) for c in simp)
        return [Part(text=chars, role=PartRole.WORD, segmentations=(units,), systems=("han",))]
    cut = _han_surname_length(simp)
    parts = [_han_surname_part(chars[:cut], simp[:cut])]
    if simp[cut:]:
        parts.append(_han_given_part(chars[cut:], simp[cut:]))
    return parts


@functools.lru_cache(maxsize=65536)
def _han_given_part(written: str, simp: str) -> Part:
    """The given-name part of a Han person name (given names repeat across names)."""
    units = tuple(_han_unit(c) for c in simp)
    return Part(text=written, role=PartRole.GIVEN, segmentations=(units,), systems=("han",))


@functools.lru_cache(maxsize=16384)
def _han_surname_part(written: str, sur: str) -> Part:
    """The surname part of a Han person name, read with the surname table."""
    table = surnames()
    sur_units: list[Unit] = []
    if sur in table:
        for i, ch in enumerate(sur):
            sur_units.append(
                _han_unit(ch, tuple(alt[i] for alt in table[sur].pinyin if len(alt) > i))
            )
    else:
        for ch in sur:
            row = table.get(ch)
            sur_units.append(_han_unit(ch, tuple(a[0] for a in row.pinyin) if row else None))
    sur_units = [_with_surname_dialect(u) for u in sur_units]
    if len(sur) == 2 and sur in table:
        compound = table[sur]
        extra = frozenset(s for spellings in compound.dialect.values() for s in spellings)
        sur_units[0] = _with_dialect(sur_units[0], extra)
    return Part(
        text=written, role=PartRole.SURNAME, segmentations=(tuple(sur_units),), systems=("han",)
    )


def _with_dialect(unit: Unit, extra: frozenset[str]) -> Unit:
    return attrs.evolve(unit, dialect=unit.dialect | extra)


@functools.lru_cache(maxsize=65536)
def _with_surname_dialect(unit: Unit) -> Unit:
    row = surnames().get(unit.han)
    if row is None:
        return unit
    extra = frozenset(s for spellings in row.dialect.values() for s in spellings)
    return _with_dialect(unit, extra)


def _word_systems(
    pieces: Sequence[tuple[str, int | None]],
) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    return _word_systems_cached(tuple(pieces))


@functools.lru_cache(maxsize=65536)
def _word_systems_cached(
    pieces: tuple[tuple[str, int | None], ...],
) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """For each system, the segmentations of a word (product over its pieces); read-only."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    has_digits = any(t is not None for _p, t in pieces)
    if has_digits:
        jp = rd.system_map("jyutping")
        if all(f"{p}{t}" in jp for p, t in pieces):
            out["jyutping"] = (tuple(f"{p}{t}" for p, t in pieces),)
        if all(p in rd.system_map("pinyin") for p, _t in pieces):
            out["pinyin"] = (tuple(p for p, _t in pieces),)
        return MappingProxyType(out)
    by_piece = [_segment_piece(p) for p, _t in pieces]
    # Systems that read every piece, with an orthographic reading of each.
    usable = (1 << len(SEGMENT_SYSTEMS)) - 1
    for _segs, piece_usable in by_piece:
        usable &= piece_usable
    for bit, system in enumerate(SEGMENT_SYSTEMS):
        if usable >> bit & 1:
            per_piece = [segs[bit] for segs, _usable in by_piece]
            if system == "hokkien":  # written a syllable to a piece (Ē-mn̂g, not Ē-m-n̂g)
                per_piece = [tuple(seg for seg in segs if len(seg) == 1) for segs in per_piece]
                if not all(per_piece):
                    continue
            combos = itertools.islice(itertools.product(*per_piece), _MAX_SEGMENTATIONS)
            out[system] = tuple(tuple(itertools.chain.from_iterable(c)) for c in combos)
    return MappingProxyType(out)


def _orthographic(syllables: Sequence[str], starts: frozenset[int] = frozenset()) -> bool:
    """Whether a run-together reading is how the word would be written.

    Pinyin (and the other systems, in practice) writes an apostrophe or hyphen before a
    syllable that starts with a vowel inside a word, so ``chee`` is not ``che`` + ``e``.
    Such readings are still kept as alternatives (``Xian`` may be 西安), but they do not
    make a system valid for the word. ``starts`` are the offsets (in letters of the
    syllables run together) where a hyphenated piece begins: a vowel may start a syllable
    there (Hsi-an, Yen-an).
    """
    at = 0
    for i, s in enumerate(syllables):
        if i and s[0] in "aeiouv" and at not in starts:
            return False
        at += len(s)
    return True


def _piece_starts(pieces: Sequence[tuple[str, int | None]]) -> frozenset[int]:
    """Offsets at which each piece of a word begins, its pieces run together."""
    starts = set()
    at = 0
    for piece, _tone in pieces:
        starts.add(at)
        at += len(piece)
    return frozenset(starts)


@functools.lru_cache(maxsize=65536)
def _roman_units_cached(word: str, systems: tuple[str, ...]) -> tuple[tuple[Unit, ...], ...]:
    """The units of a romanized word read in ``systems``, one tuple per segmentation."""
    pieces = _pieces_of(word)
    seg = _word_systems(pieces)
    tones = [t for _p, t in pieces]
    starts = _piece_starts(pieces)
    # Per segmentation (syllables without tone digits), per syllable: the (system, spelling)
    # pairs that read it, systems in the order of ``systems``.
    by_segmentation: dict[tuple[str, ...], list[list[tuple[str, str]]]] = {}
    for system in systems:
        found = seg.get(system, ())
        if system == "pinyin" and not found:
            found = _loose_pinyin(pieces)  # chosen by _apostrophes_left_out
        for syllables in found:
            if system != "pinyin" and not _orthographic(syllables, starts):
                continue
            key = tuple(s.rstrip("0123456789") for s in syllables)
            slots = by_segmentation.get(key)
            if slots is None:
                slots = by_segmentation[key] = [[] for _ in key]
            for slot, syl in zip(slots, syllables, strict=True):
                slot.append((system, syl))
    if not by_segmentation:
        return ()
    # Tone marks can only be on a word that is not plain ASCII.
    letter_tones = None if word.isascii() else _letter_tones(word)
    out: list[tuple[Unit, ...]] = []
    for key, slots in by_segmentation.items():
        units = []
        marked = _syllable_tones(key, letter_tones) if letter_tones is not None else None
        for i, text in enumerate(key):
            spellings = tuple(slots[i])
            jyutping = any(system == "jyutping" for system, _syl in spellings)
            tone: int | None = None
            if all(system == "hokkien" for system, _syl in spellings):
                pass  # Hokkien tone marks are not Mandarin tones
            elif len(key) == len(tones) and tones[i] is not None and not jyutping:
                tone = tones[i]
            elif marked is not None:
                tone = marked[i]
            raw = text if not jyutping else f"{text}{tones[i]}"
            units.append(_roman_unit(text, spellings, tone, raw))
        out.append(tuple(units))
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _roman_unit(
    text: str, spellings: tuple[tuple[str, str], ...], tone: int | None, raw: str
) -> Unit:
    """The unit of the syllable ``text`` spelled, in each (system, spelling) pair, as given.

    ``raw`` is the spelling kept as its dialect form (with the tone digit for Jyutping).
    """
    readings: set[str] = set()
    names: set[str] = set()
    for system, syl in spellings:
        readings.update(rd.system_map(system).get(syl, ()))
        names.add(system)
    primary = ""
    for system in (*SEGMENT_SYSTEMS, "jyutping"):
        if system in names:
            primary = rd.primary_reading(system, raw)
            if primary:
                break
    return Unit(
        text=text,
        primary=primary,
        readings=frozenset(readings),
        toned=frozenset(f"{r}{tone}" for r in readings) if tone else frozenset(),
        dialect=frozenset({raw}),
        systems=tuple(sorted(names)),
        hokkien=frozenset(
            rd.hokkien_canonical(syl) for system, syl in spellings if system == "hokkien"
        ),
    )


def _letter_tones(word: str) -> list[int | None]:
    """The tone mark (1-4) on each letter of ``word``, letters only, in order."""
    out: list[int | None] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch):
            tone = tone_of(ch)
            if tone and out:
                out[-1] = tone
        elif ch.isalpha():
            out.append(None)
    return out


def _syllable_tones(
    syllables: Sequence[str], letter_tones: Sequence[int | None]
) -> list[int | None] | None:
    """Tone of each syllable from the marks on its letters, or None if they do not align."""
    if sum(len(s) for s in syllables) != len(letter_tones):
        return None
    out: list[int | None] = []
    pos = 0
    for syl in syllables:
        span = [t for t in letter_tones[pos : pos + len(syl)] if t]
        out.append(span[0] if span else None)
        pos += len(syl)
    return out


def _unknown_unit(word: str) -> tuple[tuple[Unit, ...], ...]:
    return ((Unit(text=fold_latin(word), dialect=frozenset({fold_latin(word)})),),)


def _initial_units(word: str) -> tuple[tuple[Unit, ...], ...]:
    letters = [c for c in fold_latin(word) if c.isalpha()]
    return (tuple(Unit(text=c, initial=True) for c in letters),)


@functools.lru_cache(maxsize=65536)
def _is_initials(word: str) -> bool:
    bare = word.replace(".", "")
    if not bare.isalpha() or not bare.isascii():
        return False
    if "." in word and all(len(seg) <= 1 for seg in word.split(".")):
        return True
    return len(bare) == 1 or (bare.isupper() and 2 <= len(bare) <= 3 and not _syllabic(bare))


@functools.lru_cache(maxsize=65536)
def _syllabic(word: str) -> bool:
    """Whether every hyphen-separated piece of ``word`` reads in some romanization."""
    chunks = [c for c in word.split("-") if c]
    return bool(chunks) and all((pieces := _pieces_of(c)) and _word_systems(pieces) for c in chunks)


def _strip_titles(text: str) -> tuple[str, list[str]]:
    latin, han = _titles()
    found: list[str] = []
    words = text.split(" ")
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in (3, 2, 1):
            if len(words) <= n:
                continue
            # fold_latin(" ".join(...)), word by word: folding does not cross a space, and
            # the words (which repeat across names) are folded once.
            head = " ".join([fold_latin(w) for w in words[:n]]).rstrip(".")
            if head in latin and not _surname_not_title(words, n):
                found.append(" ".join(words[:n]))
                words = words[n:]
                changed = True
                break
    text = " ".join(words)
    if (text and is_han(text[-1])) or (text and is_han(text[0])):
        simp = rd.to_simplified(text)
        for n in _han_title_lengths():
            if len(text) <= n:
                continue
            if simp[-n:] in han:
                found.append(text[-n:])
                text = text[:-n]
                break
            if simp[:n] in han:
                found.append(text[:n])
                text = text[n:]
                break
    return text.strip(), found


def _surname_not_title(words: Sequence[str], n: int) -> bool:
    """Whether a one-word title at the head of a name is the surname instead: written
    without a full stop before a lone hyphenated given name (:func:`_surname_then_given`:
    Hon Ming-ying is 韩明英, Tuan Wen-lin 段文林; Hon. Lee Ka-chiu keeps its title)."""
    return n == 1 and not words[0].endswith(".") and _surname_then_given(words)


@functools.cache
def _foreign_han_places() -> frozenset[str]:
    """Chinese transliterations of foreign places (堪萨斯), from exonyms.tsv."""
    return frozenset(
        rd.to_simplified(row[col])
        for row in read_tsv("exonyms.tsv")
        if row["kind"] == "place"
        for col in ("simplified", "traditional")
        if row[col]
    )


def _place_qualifiers(text: str) -> tuple[str, list[str]]:
    found: list[str] = []
    simp = rd.to_simplified(text)
    if simp.endswith("州") and simp[:-1] in _foreign_han_places():
        return text[:-1], ["state"]  # 堪萨斯州: the state of Kansas
    for suffix, level in _PLACE_QUALIFIERS_HAN:
        if simp.endswith(suffix) and len(simp) - len(suffix) >= 2 and is_han(simp[0]):
            return text[: -len(suffix)], [level]
    words = text.split(" ")
    kept: list[str] = []
    i = 0
    while i < len(words):
        matched = False
        for n in (3, 2, 1):
            phrase = fold_latin(" ".join(words[i : i + n]))
            if phrase in _PLACE_QUALIFIERS_LATIN and len(words) > n:
                found.append(_PLACE_QUALIFIERS_LATIN[phrase])
                i += n
                matched = True
                break
        if not matched:
            if fold_latin(words[i]) not in ("of", "the"):
                kept.append(words[i])
            i += 1
    return " ".join(kept), found


def _latin_person_parts(text: str, nicknames: list[str]) -> list[Part]:
    comma = text.split(",")
    after_comma: list[str] = []
    if len(comma) == 2:
        text, tail = comma[0], comma[1]
        after_comma = _TOKEN.findall(tail)
    words = _TOKEN.findall(text)
    western = _western_names()
    dialect_index = rd.surname_dialect_index()
    parts: list[Part] = [Part(text=n, role=PartRole.NICKNAME) for n in nicknames]
    core_words: list[str] = []
    for w in after_comma:
        if fold_latin(w) in western or not _syllabic(w):
            parts.append(Part(text=w, role=PartRole.WESTERN_GIVEN))
        else:
            core_words.append(w)
    chinese_words: list[str] = []
    for i, w in enumerate(words):
        folded = fold_latin(w).replace(".", "")
        others_left = len(words) - i - 1
        foreign = i == 0 and others_left >= 1 and not _syllabic(w) and not _is_initials(w)
        foreign = foreign and folded not in dialect_index
        at_edge = i == 0 or (others_left == 0 and len(chinese_words) >= 2)
        if (
            folded in western
            and at_edge
            and (others_left >= 1 or len(chinese_words) >= 1)
            and not (folded in dialect_index and i > 0)
            and not (i == 0 and _surname_then_given(words))
        ) or foreign:
            parts.append(Part(text=w, role=PartRole.WESTERN_GIVEN))
        else:
            chinese_words.append(w)
    chinese_words = chinese_words + core_words
    core = _roman_core(chinese_words, loose=True)
    return core + parts


def _surname_then_given(words: Sequence[str]) -> bool:
    """Whether a name of two words is a surname and a hyphenated given name, though its
    first word reads as something else (a title, a Western given name): the given name
    leaves no surname otherwise, and the word spells a surname in some system (Sam
    Yee-gin is 沈义建, Jîm Tsun-u 任俊宇; Sam Lee keeps Sam as his English name)."""
    return (
        len(words) == 2
        and "-" in words[1].strip("-")
        and fold_latin(words[0]) in _surname_spellings()
    )


@functools.cache
def _surname_spellings() -> frozenset[str]:
    """Every folded spelling of a single-character surname of the table: its readings in
    the Mandarin systems, its Hong Kong Cantonese and Hokkien (POJ and Tâi-lô) spellings,
    and the table's own dialect spellings."""
    found: set[str] = set(rd.surname_dialect_index())
    for simp, row in surnames().items():
        if len(simp) != 1:
            continue
        for alt in row.pinyin:
            found |= rd.spellings_of(alt[0])
        found |= rd.char_cantonese(simp)[0]
        for reading in rd.char_hokkien(simp):
            found |= {reading, rd.hokkien_poj(reading)}
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def _word_info(w: str, initials: bool) -> tuple[tuple[str, frozenset[str], bool], ...]:
    """(word or piece, systems it reads in, is initials) for one written word."""
    if initials and _is_initials(w):
        return ((w, frozenset(), True),)
    pieces = _pieces_of(w)
    systems = _word_systems(pieces) if pieces else {}
    if not systems and "-" in w:
        # Pieces spelled in different systems (Chien-Shiung: Wade-Giles + MPS II):
        # read each piece on its own.
        return tuple(
            (piece, frozenset(_word_systems(_pieces_of(piece))), False)
            for piece in w.split("-")
            if piece
        )
    return ((w, frozenset(systems), False),)


@functools.lru_cache(maxsize=65536)
def _roman_part(w: str, chosen: frozenset[str], dialect_surname: bool) -> Part:
    """The part for a romanized word read in the ``chosen`` systems."""
    segs = _roman_units_cached(w, tuple(sorted(chosen)))
    names = set(chosen)
    if dialect_surname:
        folded = rd.fold_word(w)
        segs = (*segs, _dialect_surname_units(folded, rd.surname_dialect_index()[folded]))
        names.add("dialect-surname")
    if not segs or not all(segs):
        segs = _unknown_unit(w)
    return Part(text=w, role=PartRole.GIVEN, segmentations=segs, systems=tuple(sorted(names)))


def _roman_core(words: Sequence[str], *, initials: bool = True, loose: bool = False) -> list[Part]:
    """Read the Chinese-name words of a romanized name with one consistent system (a
    person's, ``loose``: with :func:`_apostrophes_left_out`)."""
    infos = [info for w in words for info in _word_info(w, initials)]
    marked = any(_hokkien_marked(w) for w, _s, _i in infos)
    if not marked:
        infos = [(w, _unmarked_systems(w, seg), i) for w, seg, i in infos]
    if loose:
        infos = _apostrophes_left_out(infos)
    last = len(infos) - 1
    constraining = [
        seg
        for i, (w, seg, is_initials) in enumerate(infos)
        if not is_initials and seg and not (i in (0, last) and last > 0 and _is_dialect_surname(w))
    ]
    common = frozenset.intersection(*constraining) if constraining else frozenset()
    toned = any(tone_of(w) for w, _s, _i in infos)
    # a word that no system reads (Swee of Goh Keng Swee) says the name is not pinyin,
    # though another of its words may spell a pinyin syllable too (Keng): its first word
    # may then be a dialect spelling of a surname
    unread = any(not seg and not is_initials for _w, seg, is_initials in infos)
    hokkien = marked and "hokkien" in common
    parts: list[Part] = []
    for i, (w, seg, is_initials) in enumerate(infos):
        if is_initials:
            parts.append(Part(text=w, role=PartRole.INITIALS, segmentations=_initial_units(w)))
            continue
        chosen = (seg & common) or seg
        if hokkien and "hokkien" in seg:
            chosen = _HOKKIEN_ONLY
        elif "jyutping" in chosen:
            chosen &= {"jyutping", "pinyin"}
        elif toned and "pinyin" in chosen:
            chosen = frozenset({"pinyin"})
        elif "pinyin" in chosen:
            chosen &= _MANDARIN_LIKE
        if len(chosen) > 1:
            # Hokkien is read alone or not at all: its syllables bridge to many Mandarin
            # ones, a guess that another system's reading would only blur
            chosen -= _HOKKIEN_ONLY
        dialect = (
            i in (0, last)
            and _is_dialect_surname(w)
            and not (("pinyin" in common and not (unread and i == 0)) or toned)
        )
        parts.append(_roman_part(w, chosen, dialect))
    if parts:
        _assign_surname(parts)
    return parts


_PINYIN_ONLY: Final = frozenset({"pinyin"})


def _apostrophes_left_out(
    infos: list[tuple[str, frozenset[str], bool]],
) -> list[tuple[str, frozenset[str], bool]]:
    """Read as pinyin a word of a person's name that no system reads as written, but pinyin
    does with the apostrophe before a vowel left out (Zhian for Zhi'an, 志安), when every
    other word of the name reads in pinyin (Zhang Zhian), and no other word would need it.
    Not otherwise: in Teo Chee Hean, Hean is an everyday Hokkien spelling (贤), not he'an;
    in Lua Jien Kai, Lua and Jien are Hokkien (赖, 然), not lu'a and ji'en; and a dialect
    spelling of a surname is that (Tio of Tio Hai Hua is 张, not ti'o)."""
    loose = [
        not seg
        and not is_initials
        and not _is_dialect_surname(w)
        and bool(_loose_pinyin(_pieces_of(w)))
        for w, seg, is_initials in infos
    ]
    if sum(loose) != 1 or len(infos) < 2:
        return infos
    if not all(
        is_loose or is_initials or "pinyin" in seg
        for is_loose, (_w, seg, is_initials) in zip(loose, infos, strict=True)
    ):
        return infos
    return [
        (w, _PINYIN_ONLY, is_initials) if is_loose else (w, seg, is_initials)
        for is_loose, (w, seg, is_initials) in zip(loose, infos, strict=True)
    ]


@functools.lru_cache(maxsize=65536)
def read_loosely(part: Part) -> bool:
    """Whether a romanized part is read as pinyin only with an apostrophe that it leaves
    out (:func:`_apostrophes_left_out`): no system reads it as written, so it may as well
    be a misspelling (Leian for Leihan) as Lei'an."""
    if part.systems != ("pinyin",):
        return False
    pieces = _pieces_of(part.text)
    return not _word_systems(pieces) and bool(_loose_pinyin(pieces))


@functools.lru_cache(maxsize=65536)
def _loose_pinyin(pieces: tuple[tuple[str, int | None], ...]) -> tuple[tuple[str, ...], ...]:
    """The pinyin readings of a word's pieces that need an apostrophe the word leaves out
    (zhian: zhi an), fewest syllables first; ``()`` if a piece has none, or the word is
    written with tone digits.

    A syllable that ends in e is not followed by a vowel (he-an, te-o, che-e): everyday
    Hokkien writes i as e before a vowel and for a long i (Hean for hiân, 贤; Chee), and
    such spellings are far more common in names than jie'an or le'an. Nor is a syllable of
    one vowel read after another (gu-e, ya-e-wen): a word so read is more often a
    misspelling (Kue for Kuo) than a name with 娥 or 阿 left unmarked."""
    if any(t is not None for _p, t in pieces):
        return ()
    per_piece = [
        tuple(
            seg
            for seg in _segment_piece(p)[0][_PINYIN_BIT]
            if not any(
                y[0] in "aeiouv" and (x.endswith("e") or len(y) == 1)
                for x, y in itertools.pairwise(seg)
            )
        )
        for p, _t in pieces
    ]
    if not all(per_piece):
        return ()
    combos = itertools.islice(itertools.product(*per_piece), _MAX_SEGMENTATIONS)
    return tuple(tuple(itertools.chain.from_iterable(c)) for c in combos)


def _unmarked_systems(w: str, systems: frozenset[str]) -> frozenset[str]:
    """The systems a word is read in when no word of its name carries a Hokkien mark.

    Hokkien is kept only for a word written a syllable to each hyphenated piece, as POJ and
    Tâi-lô write, with a piece that no other system reads as a syllable (Kim-mng): an
    unmarked Hokkien syllable bridges to many Mandarin ones (ho is 何, 胡, 虎 ...), and a
    mistyped word of another system often happens to spell one.
    """
    if "hokkien" not in systems:
        return systems
    pieces = _pieces_of(w)
    if len(pieces) >= 2 and not all(_other_syllable(piece) for piece, _tone in pieces):
        return _HOKKIEN_ONLY
    return systems - _HOKKIEN_ONLY


def _other_syllable(piece: str) -> bool:
    """Whether a piece is one syllable in a system other than Hokkien."""
    return bool(_spelling_masks().get(piece, 0) & ~_HOKKIEN_BIT)


_HOKKIEN_ONLY: Final = frozenset({"hokkien"})
#: Hokkien's bit in the masks of :func:`_spelling_masks`.
_HOKKIEN_BIT: Final = 1 << SEGMENT_SYSTEMS.index("hokkien")


@functools.lru_cache(maxsize=65536)
def _hokkien_marked(w: str) -> bool:
    """Whether a written word carries a mark of Hokkien romanization: one of
    :data:`_HOKKIEN_MARKS`, or tone marks on a word that is not pinyin (Tām-tsuí), since
    only pinyin among the Mandarin systems writes tones with marks."""
    if w.isascii():
        return False
    decomposed = unicodedata.normalize("NFD", w)
    if not _HOKKIEN_MARKS.isdisjoint(decomposed):
        return True
    return bool(tone_of(w)) and "pinyin" not in _word_systems(_pieces_of(w))


@functools.lru_cache(maxsize=65536)
def _is_dialect_surname(w: str) -> bool:
    """Whether the written word is a whole-surname dialect spelling (Au-Yeung, Ng)."""
    return rd.fold_word(w) in rd.surname_dialect_index()


@functools.lru_cache(maxsize=65536)
def _dialect_surname_units(folded: str, simps: frozenset[str]) -> tuple[Unit, ...]:
    table = surnames()
    length = max(len(table[s].pinyin[0]) for s in simps)
    commonest = min(
        (s for s in simps if len(table[s].pinyin[0]) == length),
        key=lambda s: (table[s].rank is None, table[s].rank or 0, s),
    )
    units = []
    for i in range(length):
        readings = frozenset(alt[i] for s in simps for alt in table[s].pinyin if len(alt) == length)
        units.append(
            Unit(
                text=folded if i == 0 else "",
                primary=table[commonest].pinyin[0][i],
                readings=readings,
                dialect=frozenset({folded}) if i == 0 else frozenset({f"{folded}#{i}"}),
                systems=("dialect-surname",),
            )
        )
    return tuple(units)


@functools.lru_cache(maxsize=65536)
def is_known_surname(p: Part) -> bool:
    """Whether a romanized part is a known surname in some system or dialect."""
    if p.role is PartRole.INITIALS:
        return False
    if rd.fold_word(p.text) in rd.surname_dialect_index():
        return True
    known = _known_surname_readings()
    return any(
        " ".join(u.primary or u.text for u in s) in known or " ".join(u.text for u in s) in known
        for s in p.segmentations
    )


def surname_alone(parsed: ParsedName) -> bool:
    """Whether a name gives a surname and nothing else: no given name, initials, Western
    given name or nickname (President Ma, 毛; not Pony Ma)."""
    return [p.role for p in parsed.core] == [PartRole.SURNAME] and not parsed.aliases


def maiden_name(parsed: ParsedName) -> tuple[str, tuple[Part, ...]] | None:
    """A married woman's name read without her husband's surname in front, as Hong Kong
    and Taiwan write them: 叶刘淑仪 → 刘淑仪, Ip Lau Suk-yee → Lau Suk-yee. Returns the
    surname left out and the parts of the name without it, or None.

    A Han name counts when its two leading characters are each a surname but not one
    compound surname (欧阳 and 司马 stay whole); a romanized one when it is written
    Surname Surname Given-name, the last word hyphenated (Lam Cheng Yuet-ngor).
    """
    if parsed.kind is not NameKind.PERSON:
        return None
    core = parsed.core
    roles = [p.role for p in core]
    if roles == [PartRole.SURNAME, PartRole.GIVEN]:
        sur, given = core
        units = sur.segmentations[0] if sur.segmentations else ()
        if len(units) != 2 or not all(u.han for u in units):
            return None
        table = surnames()
        chars = "".join(u.han for u in units)
        if chars in table or not all(c in table for c in chars):
            return None
        return sur.text[:1], tuple(_han_parts(sur.text[1:] + given.text, NameKind.PERSON))
    if roles == [PartRole.SURNAME, PartRole.GIVEN, PartRole.GIVEN]:
        sur, second, given = core
        if "-" not in given.text or " " in second.text or "-" in second.text:
            return None
        if not is_known_surname(second):
            return None
        return sur.text, (attrs.evolve(second, role=PartRole.SURNAME), given)
    return None


def _assign_surname(parts: list[Part]) -> None:
    """Mark which part is the surname: first by default, last if only it is a surname."""
    is_surname = is_known_surname

    names = [p for p in parts if p.role is not PartRole.INITIALS]
    if not names:
        return
    first, last = names[0], names[-1]
    upper_last = last.text.isupper() and not first.text.isupper()
    pick = first
    if (upper_last or (not is_surname(first) and is_surname(last))) and len(names) > 1:
        pick = last
    parts[parts.index(pick)] = _as_surname(pick)


@functools.lru_cache(maxsize=65536)
def _as_word(part: Part) -> Part:
    return attrs.evolve(part, role=PartRole.WORD) if part.role is not PartRole.WORD else part


@functools.lru_cache(maxsize=65536)
def _as_surname(part: Part) -> Part:
    return attrs.evolve(part, role=PartRole.SURNAME)


@functools.cache
def _known_surname_readings() -> frozenset[str]:
    out: set[str] = set()
    for row in surnames().values():
        for alt in row.pinyin:
            out.add(" ".join(alt))
    for spelling in rd.surname_dialect_index():
        out.add(spelling)
    return frozenset(out)


def _latin_words_part(text: str) -> list[Part]:
    return [Part(text=w, role=PartRole.WORD) for w in _TOKEN.findall(text)]


def _keys(
    kind: NameKind, parts: Sequence[Part], words: Sequence[str], *, hokkien: bool = False
) -> tuple[Key, ...]:
    """The keys of a name from its parts; ``hokkien`` when some part is read as Hokkien."""
    keys: list[Key] = []
    han = ""
    syllables: tuple[str, ...] = ()
    for p in parts:
        if p.role in _KEY_ROLES:
            p_han, p_syllables = _part_keys(p)
            han += p_han
            syllables += p_syllables
    if han:
        keys.append(Key(han, "han"))
    if syllables:
        keys.append(Key(" ".join(syllables), "mandarin"))
        keys.append(Key(" ".join(sorted(syllables)), "mandarin-sorted"))
    if hokkien:
        # read as Hokkien: its syllables in one form for POJ and Tâi-lô (its Mandarin key is
        # a guess through the characters they may spell)
        units = [
            u for p in parts if p.role in _KEY_ROLES and p.segmentations for u in p.segmentations[0]
        ]
        if units and all(len(u.hokkien) == 1 and not u.han for u in units):
            keys.append(Key(" ".join(min(u.hokkien) for u in units), "hokkien"))
    if words:
        keys.append(Key(" ".join(words), "words"))
        if kind is NameKind.ORGANIZATION:
            keys.append(Key("".join(w[0] for w in words if w), "acronym"))
    return tuple(keys)


#: Roles of the parts that make the keys.
_KEY_ROLES: Final = (PartRole.SURNAME, PartRole.GIVEN, PartRole.WORD)


@functools.lru_cache(maxsize=65536)
def _part_keys(p: Part) -> tuple[str, tuple[str, ...]]:
    """What one part adds to the keys: its Han characters and its usual Mandarin syllables."""
    if not p.segmentations:
        return "", ()
    chosen = p.segmentations[0]
    han = "".join(u.han for u in chosen)
    mandarin = bool(chosen) and (
        chosen[0].systems == ("han",) or not _MANDARIN_LIKE.isdisjoint(chosen[0].systems)
    )
    if p.role is PartRole.SURNAME and not mandarin:
        # Read only as Cantonese: the surname table says which surname it spells.
        for seg in p.segmentations:
            if seg and "dialect-surname" in seg[0].systems:
                chosen = seg
    return han, tuple(u.primary for u in chosen if u.primary)


def parse(name: str, kind: NameKind | str = NameKind.PERSON) -> ParsedName:
    """Read ``name`` as a name of ``kind`` (person, organization or place).

    Results are cached by (name, kind): a parse is an immutable record, and corpora repeat
    names many times.

    Raises :class:`~sistercity_provenance.EmptyNameError` when nothing of the name is left
    once spaces, punctuation and titles are removed; never raises otherwise.

    >>> p = parse("毛澤東")
    >>> p.surname, p.given, p.han
    (('毛',), ('澤東',), '毛泽东')
    """
    if type(kind) is not NameKind:
        kind = (_KIND_BY_VALUE.get(kind) if type(kind) is str else None) or NameKind(kind)
    return _parse(name, kind)


_KIND_BY_VALUE: Final = {k.value: k for k in NameKind}


@functools.lru_cache(maxsize=NAME_CACHE)
def _parse(name: str, kind: NameKind) -> ParsedName:
    normalized = normalize_text(name)
    nicknames: list[str] = []
    qualifiers: list[str] = []
    body = normalized
    if _BRACKETS.search(normalized):
        nicknames = _QUOTED.findall(normalized)
        body = _QUOTED.sub(" ", normalized)
        qualifiers = [q.strip() for q in QUALIFIER.findall(body) if q.strip()]
        body = normalize_text(QUALIFIER.sub(" ", body))
    body, titles = _strip_titles(body) if kind is NameKind.PERSON else (body, [])
    if kind is NameKind.PLACE:
        body, levels = _place_qualifiers(body)
        body = body.title() if body.isupper() and len(body) > 3 else body
        qualifiers.extend(levels)
    if not _ALNUM.search(body):
        if _ALNUM.search(normalized):
            # Nothing but a nickname or a title: read that as the name.
            body = normalize_text(" ".join(nicknames) or normalized)
        if not _ALNUM.search(body):
            raise EmptyNameError(name)
    parts: list[Part] = []
    if body.isascii():
        han_run, latin_text = "", body
    else:
        han_run = "".join(HAN_CHAR.findall(body))
        latin_text = HAN_CHAR.sub(" ", body).strip()
    words = (
        tuple([fold_latin(w).replace(".", "") for w in _TOKEN.findall(latin_text)])
        if latin_text
        else ()
    )
    if han_run:
        parts.extend(_han_parts(han_run, kind))
    if latin_text and any(c.isalpha() for c in latin_text):
        if kind is NameKind.PERSON:
            parts.extend(_latin_person_parts(latin_text, nicknames))
        elif kind is NameKind.PLACE:
            # a place's words are words, as its characters are: it has no surname
            read = _roman_core(_TOKEN.findall(latin_text), initials=False)
            parts.extend(_as_word(p) for p in read)
        else:
            parts.extend(_latin_words_part(latin_text))
    elif nicknames:
        parts.extend(Part(text=n, role=PartRole.NICKNAME) for n in nicknames)
    systems = sorted({s for p in parts for s in p.systems})
    return ParsedName(
        original=name,
        kind=kind,
        normalized=normalized,
        scripts=scripts_of(normalized),
        parts=tuple(parts),
        titles=tuple(titles),
        qualifiers=tuple(qualifiers),
        systems=tuple(systems),
        keys=_keys(kind, parts, words, hokkien="hokkien" in systems),
        words=words,
    )
