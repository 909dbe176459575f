"""Comparing organisation names: acronyms, Chinese abbreviations, legal forms, translations."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._knowledge import (
    country_names,
    known_places,
    same_country,
    without_parent_phrase,
)
from sistercity_provenance.names._latin import (
    SAME_WORDS,
    _legal_forms,
    _split_legal,
    latin_similarity,
    latin_tokens,
    legal_bounds,
)
from sistercity_provenance.names._model import NameKind, ParsedName, Part
from sistercity_provenance.names._tables import read_tsv
from sistercity_provenance.names._text import fold_latin, is_han

__all__ = [
    "compare_organizations",
    "han_cores",
    "han_reading",
    "latin_stem",
    "read_romanized",
    "romanized_readings",
]

#: Function words: left out of the terms of a name, and skipped by its acronym (Overseas
#: Chinese Affairs Office of the State Council: OCAO; ... for Friendship with ...: PAFFC).
_STOPWORDS: Final = frozenset({"of", "the", "for", "and", "with", "in", "on", "at", "to", "&"})
_HAN_LEGAL: Final = ("股份有限公司", "有限责任公司", "有限公司", "控股", "集团", "公司")


#: Rows of org_terms.tsv that are not vocabulary of organisation names.
_NOT_TERMS: Final = frozenset({"particle", "demonym"})


def _zh_cells(row: dict[str, str]) -> list[str]:
    out = []
    for cell in (row["zh_simplified"], row["zh_traditional"]):
        for raw in re.split(r"[/|,]", cell):
            term = rd.to_simplified(raw.strip())
            if term and term not in out:
                out.append(term)
    return out


@functools.cache
def _term_tables() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, ...], str], frozenset[str]]:
    """From org_terms.tsv: Chinese term → its concepts (one per row, in table order),
    English term (words) → concept (the row's first English form), legal-form concepts."""
    zh: dict[str, list[str]] = {}
    en: dict[tuple[str, ...], str] = {}
    legal: set[str] = set()
    for row in read_tsv("org_terms.tsv"):
        if row["category"] in _NOT_TERMS:
            continue
        concept = _singular_words(row["en"].split("/")[0])
        if not concept:
            continue
        key = " ".join(concept)
        if row["category"] == "ethnic":  # English side: only beside a place (_ethnic_latin)
            for term in _zh_cells(row):
                zh.setdefault(term, []).append(_ethnic_concept(row))
            continue
        if row["category"] == "legal_form":
            legal.add(key)
        for alt in row["en"].split("/"):
            words = tuple(_singular_words(alt))
            if words:
                en.setdefault(words, key)
        for term in _zh_cells(row):
            concepts = zh.setdefault(term, [])
            if key not in concepts:
                concepts.append(key)
    return {k: tuple(v) for k, v in zh.items()}, en, frozenset(legal)


#: Prefix of the concept of a people named in an autonomous area (回族: ethnic:hui).
_ETHNIC: Final = "ethnic:"


@functools.cache
def _ethnic_latin() -> dict[str, str]:
    """English names of the peoples of ``org_terms.tsv``'s ethnic rows → their concept.
    Read only right after a place (Ningxia Hui), as many are also romanized syllables (Li,
    Dong, Hui)."""
    out: dict[str, str] = {}
    for row in read_tsv("org_terms.tsv"):
        if row["category"] == "ethnic":
            for alt in row["en"].split("/"):
                out.setdefault(_latin_key(alt), _ethnic_concept(row))
    return out


def _ethnic_concept(row: dict[str, str]) -> str:
    """The concept of an ethnic row of org_terms.tsv: ``ethnic:`` and its first English name."""
    return _ETHNIC + _latin_key(row["en"].split("/")[0])


#: Marks the term that follows as where the body is (驻芝加哥, "in Chicago").
_IN: Final = "@in"
#: English words after which a place is where the body is.
_LOCATIVE: Final = frozenset({"in", "at"})


@functools.cache
def _particles() -> dict[str, tuple[str, ...]]:
    """Chinese function characters that add no term: 驻 "stationed in" marks where the body
    is (its concepts are ``(_IN,)``), 之 / 的 "of" and 与 / 和 "and" have none."""
    out: dict[str, tuple[str, ...]] = {}
    for row in read_tsv("org_terms.tsv"):
        if row["category"] == "particle":
            first = fold_latin(row["en"].split("/")[0]).strip()
            for term in _zh_cells(row):
                out.setdefault(term, (_IN,) if first in _LOCATIVE else ())
    return out


@functools.cache
def _demonyms() -> dict[str, str]:
    """Country adjective → the place key of the country (australian → australia)."""
    foreign = _foreign_han()
    out: dict[str, str] = {}
    for row in read_tsv("org_terms.tsv"):
        if row["category"] != "demonym":
            continue
        keys = [foreign[t] for t in _zh_cells(row) if t in foreign]
        for alt in row["en"].split("/"):
            word = _latin_key(alt)
            if word and keys:
                out.setdefault(word, keys[0])
    return out


def _singular(raw: str) -> str:
    if len(raw) > 3 and raw.endswith("ies"):
        return raw[:-3] + "y"
    if len(raw) > 3 and raw.endswith("s") and not raw.endswith(("ss", "us")):
        return raw[:-1]  # not Confucius, campus
    return raw


def _singular_words(text: str) -> list[str]:
    return [
        _singular(raw)
        for raw in re.findall(r"[\w]+", fold_latin(text).replace("'s", ""))
        if raw not in _STOPWORDS
    ]


def _is_acronym(p: ParsedName) -> bool:
    text = p.normalized.replace(".", "").replace("&", "")
    return (len(p.words) == 1 and text.isupper() and text.isascii() and 2 <= len(text) <= 10) or (
        len(p.words) == 1 and "." in p.normalized and len(p.words[0]) <= 8
    )


def _plain_initials(words: Sequence[str]) -> set[str]:
    """The initials of a name's words, with or without the small words and the legal
    form."""
    content, _legal = _split_legal(list(words))
    with_stop = "".join(w[0] for w in words if w)
    without = "".join(w[0] for w in words if w and w not in _STOPWORDS)
    without_legal = "".join(w[0] for w in content if w and w not in _STOPWORDS)
    return {with_stop, without, without_legal}


def _initials_forms(words: Sequence[str]) -> set[str]:
    """The acronyms a name may be written as: :func:`_plain_initials`; and, for a name
    that ends in an "of" phrase, the initials of what comes before it when the phrase
    names the body it belongs to (:func:`~sistercity_provenance.names._knowledge.
    without_parent_phrase`; Taiwan Affairs Office of the State Council: TAO; at least
    :data:`_ACRONYM_HEAD` letters; not a place, which makes another body, nor a remit:
    HKU is not the Hong Kong University of Science and Technology), and with the phrase
    in front (Communist Youth League of China: CCYL, as China Communist Youth League)."""
    forms = _plain_initials(words)
    parent = without_parent_phrase(" ".join(words))  # as the alias look-up reads it
    if parent:
        forms |= {f for f in _plain_initials(parent.split()) if len(f) >= _ACRONYM_HEAD}
    content, _legal = _split_legal(list(words))
    if "of" in content:
        cut = len(content) - 1 - content[::-1].index("of")
        head = "".join(w[0] for w in content[:cut] if w and w not in _STOPWORDS)
        tail = "".join(w[0] for w in content[cut + 1 :] if w and w not in _STOPWORDS)
        if len(head) >= _ACRONYM_HEAD - 1 and tail:
            forms.add(tail + head)  # Communist Party of China: CCP
    return forms


#: Words before a name's last "of" that its acronym may stand for alone (one fewer with the
#: "of" phrase in front).
_ACRONYM_HEAD: Final = 3


def _strip_han_legal(text: str) -> str:
    for suffix in _HAN_LEGAL:
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return text


@functools.lru_cache(maxsize=65536)
def han_cores(han: str) -> tuple[str, ...]:
    """A Chinese organisation name without its legal form, then without each national
    prefix or place name it starts with (大连万达集团 → 大连万达, 万达; 中国人民大学 →
    人民大学). A rest that names an office or a committee is left out: 外交部 alone is
    not 中华民国外交部."""
    places = _place_han()
    cores = [_strip_han_legal(han)]
    for text in cores:  # grows while it is read: each rest is stripped in turn
        prefixes = [p for p in NATIONAL_PREFIXES if text.startswith(p)]
        for n in (3, 2):
            if text[:n] in places:
                level = text[n : n + 1] in _LEVEL  # 上海市: the level goes with the place
                prefixes.append(text[: n + level])
        for prefix in prefixes:
            rest = text[len(prefix) :]
            if (
                len(rest) >= 2
                and not rest.endswith(_SUB_UNIT_ENDINGS)
                and rest not in _generic_han()
                and rest not in cores
            ):
                cores.append(rest)
    return tuple(cores)


#: What may follow a place's name at the start of an organisation's (上海市, 河南省).
_LEVEL: Final = ("省", "市")
#: National prefixes a Chinese organisation name may be written with or without (国立:
#: "national", as in the names of universities founded by the state).
NATIONAL_PREFIXES: Final = (
    "中华人民共和国", "中国人民", "中国", "中华", "全国", "国家", "国立", "中共"
)  # fmt: skip
#: Endings that make the rest of a longer name a sub-unit (a committee, an office ...).
_SUB_UNIT_ENDINGS: Final = (
    "办公室", "办事处", "委员会", "人民政府", "政府", "市委", "省委", "县委", "区委", "党委",
    "工委", "常委会", "局", "厅", "处", "署", "办", "委", "部", "分会", "支部", "分行", "分公司",
)  # fmt: skip
_ABBREVIATION_MAX: Final = 4
#: Characters of the long name that may follow the last one an abbreviation keeps (政协会议).
_MAX_TAIL: Final = 3


@functools.cache
def _qualifying_terms() -> frozenset[str]:
    """Two-character function words that tell one body from another (工商, 对外, 侨务)."""
    terms = set()
    for row in read_tsv("org_terms.tsv"):
        if row["category"] != "function":
            continue
        for term in _zh_cells(row):
            if len(term) == 2 and term not in ("人民", "中国", "中华", "全国", "国家"):
                terms.add(term)
    return frozenset(terms)


@functools.cache
def _generic_han() -> frozenset[str]:
    """Chinese terms that name a kind of body (大学, 委员会) or a legal form: no short form of
    an organisation on their own."""
    return frozenset(
        term
        for row in read_tsv("org_terms.tsv")
        if row["category"] in ("generic", "legal_form")
        for term in _zh_cells(row)
    )


def _subsequence_gaps(short: str, long_: str) -> list[str] | None:
    """The runs of ``long_`` skipped when reading ``short`` in it left to right, or None."""
    gaps: list[str] = []
    pos = 0
    for ch in short:
        found = long_.find(ch, pos)
        if found < 0:
            return None
        if found > pos:
            gaps.append(long_[pos:found])
        pos = found + 1
    return gaps


def _names_a_place(text: str) -> bool:
    """Whether ``text`` is (or ends with) a place or a state's name (河南省, 中华民国)."""
    places = _place_han()
    stripped = text.rstrip("省市县区")
    return (
        stripped in places
        or any(text.endswith(s) for s in ("中华民国", "中华人民共和国", "国"))
        or any(stripped.endswith(p) for p in places if len(p) >= 2)
    )


def _is_sub_unit(remainder: str) -> bool:
    places = _place_han()
    has_place = any(remainder[i : i + n] in places for n in (2, 3) for i in range(len(remainder)))
    return has_place or remainder.endswith(_SUB_UNIT_ENDINGS)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _abbreviates(short: str, long_: str) -> str:
    """Why ``short`` abbreviates ``long_`` (Chinese 简称), or ``""``.

    A shared beginning (a place, 国务院) is set aside; what is left of the short form must
    be at most four characters, read in order in the long form, without leaving out a
    whole word when both end in the same word (中国银行 is not 中国工商银行).
    """
    if _word_left_out(short, long_):
        return ""  # 南京大学 is not short for 南京师范大学
    zh, _en, _legal = _term_tables()
    prefix = _common_prefix(short, long_)
    candidates: list[tuple[str, str]] = []
    if prefix:
        candidates.append((short[prefix:], long_[prefix:]))
    candidates.append((short, long_))
    for national in NATIONAL_PREFIXES:
        if not long_.startswith(national) or national == long_:
            continue
        target = long_[len(national) :]
        candidates.append((short, target))
        shared = _common_prefix(short, target)  # 中共佛山市委统一战线工作部 / 佛山市委统战部
        if shared and not short.startswith(national):
            candidates.append((short[shared:], target[shared:]))
    for rest, target in candidates:
        if not rest or len(rest) > _ABBREVIATION_MAX or not target:
            continue
        if rest is short and target[0] != short[0]:
            continue
        gaps = _subsequence_gaps(rest, target)
        if gaps is None:
            continue
        if set(zh.get(rest, ())) & set(zh.get(target, ())):  # 贸促会, 国际贸易促进委员会
            return f"{short} abbreviates {long_} ({rest} is short for {target}, org_terms.tsv)"
        shared_end = any(len(t) >= 2 and rest.endswith(t) and target.endswith(t) for t in zh)
        if shared_end and any(g in zh for g in gaps):
            continue  # 中国银行 is not short for 中国工商银行: a whole word was left out
        if any(t in g for g in gaps for t in _qualifying_terms()):
            continue  # 中行 leaves out 工商: it names another bank
        tail = len(target) - (target.rfind(rest[-1]) + 1)
        if tail > _MAX_TAIL:
            continue  # 中共 does not cover 外交部: the head of the long name is missing
        return f"{short} abbreviates {long_} (characters in order)"
    return ""


#: Words that a short form may leave out whole, as fillers of the formal name (中国人民对外
#: 友好协会 / 中国对外友好协会, 国家宗教事务局 / 国家宗教局) or an area's level
#: (香港特别行政区立法会 / 香港立法会).
_FILLERS: Final = frozenset({"人民", "事务", "特别行政区", "人民政府", "政府"})
#: Fewest characters kept whole on each side of a word left out (南京 | 大学).
_KEPT_WORD: Final = 2


def _word_left_out(short: str, long_: str) -> bool:
    """Whether ``short`` is ``long_`` with one run of two or more characters left out and
    at least two characters kept whole on each side of it (南京大学 against 南京师范大学,
    师范 left out): another body named like it, not a short form, which keeps a character
    of each word (南师大, 农行)."""
    gaps = _subsequence_gaps(short, long_)
    if gaps is None or len(gaps) != 1 or len(gaps[0]) < 2:
        return False
    gap = gaps[0]
    if gap in _FILLERS or gap in _AREA_ENDINGS or len(long_) != len(short) + len(gap):
        return False
    before = _common_prefix(short, long_)  # the characters kept in front of the gap
    return before >= _KEPT_WORD and len(short) - before >= _KEPT_WORD


#: Level characters that end the name of a Chinese administrative area (河南省, 衡阳市).
_AREA_ENDINGS: Final = ("自治区", "自治州", "自治县", "省", "市", "县", "区", "州", "旗", "盟")
#: Words that end the name of an office of a government; the longest is tried first, so that a
#: bare 办公厅 (the general office) is not read as 办公 + 厅.
_OFFICE_ENDINGS: Final = (
    "办公室", "办公厅", "办事处", "委员会", "办", "局", "厅", "委", "处", "署",
)  # fmt: skip
_PRC: Final = "中华人民共和国"
_CPC: Final = "中国共产党"


def _names_an_area(prefix: str) -> bool:
    """Whether ``prefix`` names an administrative area (河南省, 衡阳市, 长沙县, 北京)."""
    if len(prefix) >= 2 and prefix.endswith(_AREA_ENDINGS):
        return True
    return prefix in _place_han()


def _office_remit(rest: str) -> str:
    """What ``rest`` is the office of (侨务 in 侨务办公室, 侨 in 侨办), or ``""``."""
    for ending in _OFFICE_ENDINGS:
        if rest.endswith(ending):
            return rest[: -len(ending)]
    return ""


@functools.lru_cache(maxsize=65536)
def _han_canonical(text: str, *, national: bool = True) -> tuple[str, tuple[str, ...]]:
    """The usual short form of a Chinese official name, and why it may be written so.

    An office of a provincial or municipal government is named without 人民政府
    (河南省人民政府侨务办公室 is 河南省侨务办公室); the government itself is
    <area>人民政府 or <area>政府; with ``national``, 中华人民共和国 at the start of a name
    is written 中国.  A government with no office after it keeps its level (河南省人民政府
    is not 河南省).  中国共产党 at the start of a name is written 中共, and a local
    committee of a national body is named by its area (:func:`_local_committee`).
    """
    notes: list[str] = []
    if text.startswith(_CPC) and len(text) > len(_CPC):
        short = "中共" + text[len(_CPC) :]
        notes.append(f"中国共产党 is written 中共 at the start of a name ({text} = {short})")
        text = short
    local = _local_committee(text)
    if local:
        notes.append(
            f"a local committee of a national body is named by its area ({text} = {local})"
        )
        text = local
    if national and text.startswith(_PRC) and len(text) > len(_PRC):
        short = "中国" + text[len(_PRC) :]
        notes.append(f"中华人民共和国 is written 中国 at the start of a name ({text} = {short})")
        text = short
    for government in ("人民政府", "政府"):
        at = text.find(government)
        if at < 0:
            continue
        prefix, rest = text[:at], text[at + len(government) :]
        if not _names_an_area(prefix):
            break
        if rest and _office_remit(rest):
            short = prefix + rest
            notes.append(
                f"an office of a local government is named without {government}: "
                f"{text} = {short}"
                + ("" if government == "人民政府" else " (政府 short for 人民政府)")
            )
            text = short
        elif not rest and government == "人民政府":
            short = prefix + "政府"
            notes.append(
                f"{prefix}人民政府 is also written {short} (人民政府, the local government)"
            )
            text = short
        break
    return text, tuple(notes)


#: Endings of the name of a national body that has local committees (中国人民政治协商会议,
#: 中国国际贸易促进委员会).
_BODY_ENDINGS: Final = ("会议", "委员会", "协会", "联合会")


def _local_committee(text: str) -> str:
    """A local committee of a national body as its area names it, or ``""``: the formal
    name is the body's, then the area's, then 委员会 (中国人民政治协商会议北京市委员会), and
    the area's own name puts the area first and drops the national prefix
    (北京市政治协商会议, shortened 北京市政协; 中国国际贸易促进委员会桂林市委员会 is
    桂林市国际贸易促进委员会, shortened 桂林市贸促会)."""
    if not text.endswith("委员会"):
        return ""
    head = text[: -len("委员会")]
    national = next((p for p in NATIONAL_PREFIXES if head.startswith(p)), "")
    if not national:
        return ""
    for end in range(len(national) + 2, len(head) - 1):
        body, area = head[:end], head[end:]
        if body.endswith(_BODY_ENDINGS) and "会" not in area and _names_an_area(area):
            return area + body[len(national) :]
    return ""


def _compare_han(a: str, b: str) -> tuple[float, tuple[str, ...]]:
    """Characters compared as written, then in the usual short forms (_han_canonical).

    中国 for 中华人民共和国 only makes two names the same when they are then identical: a
    name that starts with 中国 is not read as an abbreviation of one that started with
    中华人民共和国, because many different bodies share that beginning.
    """
    plain = _compare_han_plain(a, b)
    if plain[0] >= THRESHOLD_ORG:
        return plain
    ca, notes_a = _han_canonical(a)
    cb, notes_b = _han_canonical(b)
    if ca == cb:
        notes = tuple(dict.fromkeys((*notes_a, *notes_b)))
        return 0.95, (*notes, f"the same name once written so ({ca})")
    ca, notes_a = _han_canonical(a, national=False)
    cb, notes_b = _han_canonical(b, national=False)
    if (ca, cb) == (a, b):
        return plain
    short = _compare_han_plain(ca, cb)
    if short[0] >= THRESHOLD_ORG:
        return short[0], (*dict.fromkeys((*notes_a, *notes_b)), *short[1])
    return plain


def _compare_han_plain(a: str, b: str) -> tuple[float, tuple[str, ...]]:
    if a == b:
        return 1.0, ("same characters (simplified and traditional folded)",)
    sa, sb = _strip_han_legal(a), _strip_han_legal(b)
    if sa == sb:
        return 0.95, (f"same name once legal forms are removed ({sa})",)
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if len(short) >= 2 and short in long_:
        if long_.startswith(short) and _is_sub_unit(long_[len(short) :]):
            return 0.3, (f"{long_} is a part of {short}, not the same body",)
        prefix = long_[: long_.index(short)]
        if prefix and short.endswith(_SUB_UNIT_ENDINGS) and _names_a_place(prefix):
            return 0.4, (f"{long_} is the {prefix} body; {short} alone may be another one",)
        return 0.85, (f"{short} is contained in {long_}",)
    if len(short) >= 2:
        why = _abbreviates(short, long_)
        if why:
            return 0.85, (why,)
    return 0.0, (f"different characters: {a} ≠ {b}",)


#: Chunks of a Chinese name tried as terms, longest first.
_MAX_HAN_TERM: Final = 8
_MAX_LATIN_TERM: Final = 5


@functools.lru_cache(maxsize=16384)
def _han_segments(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A Chinese organisation name cut into known terms: (chunk, its possible concepts).

    A place is ``place:<key>`` (Chinese places from postal.tsv, foreign ones from
    exonyms.tsv); a term has one concept per row of org_terms.tsv (学院: institute, academy,
    college, school); a particle (驻, 之) has none; an unknown character is ``char:<c>``.
    The cut with the fewest unknown characters, then the fewest chunks, is kept (衡阳 市
    委员会, not 衡阳 市委 员 会); on a tie the longer first chunk wins.
    """
    zh, _en, _legal = _term_tables()
    places, foreign, particles = _place_han(), _foreign_han(), _particles()
    n = len(text)
    best: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    pick: list[tuple[int, tuple[str, ...]]] = [(1, ())] * (n + 1)
    for i in range(n - 1, -1, -1):
        found: tuple[int, int] | None = None
        for size in range(min(_MAX_HAN_TERM, n - i), 0, -1):
            chunk = text[i : i + size]
            unknown = 0
            if size >= 2 and chunk in places:
                alts: tuple[str, ...] = (f"place:{places[chunk]}",)
            elif size >= 2 and chunk in foreign:
                alts = (f"place:{foreign[chunk]}",)
            elif chunk in zh:
                alts = zh[chunk]
            elif chunk in particles:
                alts = particles[chunk]
            elif size == 1:
                alts, unknown = (f"char:{chunk}",), 1
            else:
                continue
            rest = best[i + size]
            cost = (rest[0] + unknown, rest[1] + 1)
            if found is None or cost < found:
                found = cost
                best[i] = cost
                pick[i] = (size, alts)
    out: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < n:
        size, alts = pick[i]
        out.append((text[i : i + size], alts))
        i += size
    return tuple(out)


@functools.cache
def _concept_initials() -> dict[str, frozenset[str]]:
    """Concept of org_terms.tsv → the initials of each of its English forms (外交 is
    diplomacy or foreign affairs: d, fa); a row's own acronym (CYL) as it is."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv("org_terms.tsv"):
        if row["category"] in _NOT_TERMS or row["category"] == "ethnic":
            continue
        concept = " ".join(_singular_words(row["en"].split("/")[0]))
        for alt in row["en"].split("/"):
            words = _singular_words(alt)
            if len(words) == 1 and alt.strip().isupper():
                out[concept].add(words[0])
            elif words:
                out[concept].add("".join(w[0] for w in words))
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def _place_initials() -> dict[str, frozenset[str]]:
    """Place key of postal.tsv → the first letters of its spellings (北京: b, p for
    Peking); 中国 is c as well (China)."""
    out: dict[str, set[str]] = defaultdict(set)
    for spelling, key in _place_latin().items():
        out[key].update({spelling[:1], key[:1]})
    return {k: frozenset(v) for k, v in out.items()}


#: Most English acronyms tried for one Chinese name (:func:`han_acronyms`).
_HAN_ACRONYMS_MAX: Final = 64


@functools.lru_cache(maxsize=16384)
def names_a_local_place(han: str) -> bool:
    """Whether a Chinese organisation name holds a place other than China (吉林市外办):
    the name of a local body, which English rarely gives as an acronym."""
    national = _place_han().get("中国")
    return any(
        alts and alts[0].startswith("place:") and alts[0] != f"place:{national}"
        for _chunk, alts in _han_segments(han)
    )


@functools.lru_cache(maxsize=16384)
def han_acronyms(han: str) -> frozenset[str]:
    """English acronyms that a Chinese organisation name may be known by, from the
    initials of its terms' English forms (org_terms.tsv; a place by its spellings): in the
    Chinese order (中国共产主义青年团: ccyl, as China Communist Youth League), with a leading
    place after the rest, with or without an "of" (cylc; 中国人民银行: pboc, as People's
    Bank of China), and with the last term in front, with or without an "of" (外交部:
    mfa, mofa, as Ministry of Foreign Affairs); at least :data:`_ACRONYM_HEAD` letters.
    None when a character is not part of a known term, or when there would be more than
    :data:`_HAN_ACRONYMS_MAX`."""
    terms = _acronym_terms_of(han)
    if terms is None or _GAP in terms:
        return frozenset()
    return _acronyms_of_terms(terms)


def han_acronyms_less_one_term(han: str) -> frozenset[str]:
    """The acronyms of :func:`han_acronyms` for a Chinese organisation name with one run of
    characters inside it that are not part of a known term, that run left out, as an
    English acronym less the letter of one inner word would be (台湾积体电路制造公司: tmc,
    which Taiwan Semiconductor Manufacturing Company's TSMC less its s meets). None when
    no run, or more than one, is unknown, or the run opens or closes the name: a run of
    unknown characters is often a proper name, translated as one word or romanized (and
    then met through its reading), and the name's other terms still spell the rest."""
    terms = _acronym_terms_of(han)
    if terms is None or terms.count(_GAP) != 1:
        return frozenset()
    at = terms.index(_GAP)
    if at in (0, len(terms) - 1):
        return frozenset()
    return _acronyms_of_terms(terms[:at] + terms[at + 1 :])


#: An unknown run of characters in :func:`_acronym_terms_of`.
_GAP: Final[tuple[frozenset[str], bool]] = (frozenset(), False)


def _acronym_terms_of(han: str) -> list[tuple[frozenset[str], bool]] | None:
    """For each term of a Chinese organisation name, the initials its English forms may
    take, and whether it is a place; a run of unknown characters (particles between them
    too) is one :data:`_GAP`. None when a known term has no initial."""
    terms: list[tuple[frozenset[str], bool]] = []
    concepts, places_of = _concept_initials(), _place_initials()
    for _chunk, alts in _han_segments(han):
        if not alts or alts[0] == _IN:
            continue
        if alts[0].startswith("char:"):  # an unknown character: alone in its chunk
            if not terms or terms[-1] != _GAP:
                terms.append(_GAP)
            continue
        letters: set[str] = set()
        for alt in alts:
            if alt.startswith("place:"):
                letters |= places_of.get(alt[6:], {alt[6:7]})
            else:
                letters |= concepts.get(alt, frozenset())
        if not letters:
            return None
        terms.append((frozenset(letters), alts[0].startswith("place:")))
    return terms


def _acronyms_of_terms(terms: Sequence[tuple[frozenset[str], bool]]) -> frozenset[str]:
    """The acronyms of :func:`han_acronyms` from the initials of each term (and whether it
    is a place)."""
    choices = [letters for letters, _place in terms]
    if not choices or math.prod(len(c) for c in choices) > _HAN_ACRONYMS_MAX:
        return frozenset()
    found: set[str] = set()
    for picked in itertools.product(*choices):
        found.add("".join(picked))
        if len(picked) < 2:
            continue
        if terms[0][1]:
            rest = "".join(picked[1:])
            found.update({rest + picked[0], f"{rest}o{picked[0]}"})
        head, rest = picked[-1], "".join(picked[:-1])
        found.update({head + rest, f"{head}o{rest}"})
    return frozenset(a for a in found if len(a) >= _ACRONYM_HEAD)


def _han_concepts(text: str) -> tuple[list[str], int]:
    """Translation of a Chinese organisation name into concepts (the first of each term)."""
    segments = _han_segments(text)
    concepts = [alts[0] for _chunk, alts in segments if alts and alts[0] != _IN]
    unknown = sum(1 for c in concepts if c.startswith("char:"))
    return concepts, unknown


@functools.cache
def _place_han() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("postal.tsv"):
        out.setdefault(rd.to_simplified(row["simplified"]), row["pinyin"].replace(" ", ""))
    return out


def _latin_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold_latin(text))


@functools.cache
def _foreign_han() -> dict[str, str]:
    """Chinese forms of foreign places (芝加哥) → key of the Latin name (chicago), exonyms.tsv."""
    out: dict[str, str] = {}
    for row in read_tsv("exonyms.tsv"):
        if row["kind"] != "place" or not _latin_key(row["latin"]):
            continue
        for col in ("simplified", "traditional"):
            if row[col]:
                out.setdefault(rd.to_simplified(row[col]), _latin_key(row["latin"]))
    return out


@functools.cache
def _place_latin() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("postal.tsv"):
        pinyin = row["pinyin"].replace(" ", "")
        out.setdefault(pinyin, pinyin)
        for spelling in row["spellings"].split("|"):
            key = _latin_key(spelling)
            if key:
                out.setdefault(key, pinyin)
    return out


@functools.cache
def _postal_latin() -> frozenset[str]:
    return frozenset(_place_latin().values())


@functools.cache
def _foreign_latin() -> frozenset[str]:
    return frozenset(_foreign_han().values())


@functools.cache
def _country_latin() -> dict[str, str]:
    """Each Latin name of a country in ``countries.tsv``, as the words of an organisation
    name are joined (small words left out: Republic of Korea is ``republickorea``) → the
    key of the country's first name (``southkorea``), as the exonym table keys the
    country's Chinese name (韩国). China's names are left to the terms table, where China,
    Chinese and the People's Republic of China are one concept."""
    out: dict[str, str] = {}
    for code, all_names in country_names().items():
        names = [n for n in all_names if n.isascii()]
        if not names or code == "CN":
            continue
        key = _latin_key(names[0])
        for name in names:
            if name.isupper() or "." in name:
                continue  # an abbreviation (ROK, U.S.): acronyms have rules of their own
            words = [w for w in re.findall(r"[\w]+", fold_latin(name)) if w not in _STOPWORDS]
            out.setdefault("".join(words), key)
    return out


def _latin_place(raw: Sequence[str], singular: Sequence[str]) -> str:
    for joined in ("".join(raw), "".join(singular)):
        if joined in _place_latin():
            return _place_latin()[joined]
        if joined in _foreign_latin():
            return joined
        if joined in _country_latin():
            return _country_latin()[joined]
    if len(raw) == 1:
        return _demonyms().get(raw[0], "")
    return ""


def _latin_segments(words: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(words as written, concept) for an English organisation name, longest terms first.

    A place after "in" / "at" is preceded by the marker ``(in, _IN)``. Cached by words:
    resolution compares one name with many.
    """
    return _latin_segments_of(tuple(words))


@functools.lru_cache(maxsize=65536)
def _latin_segments_of(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    _zh, en, _legal = _term_tables()
    raw: list[str] = []
    located: set[int] = set()
    for w in re.findall(r"[\w]+", fold_latin(" ".join(words))):
        if w in _LOCATIVE:
            located.add(len(raw))
        if w not in _STOPWORDS:
            raw.append(w)
    ws = [_singular(w) for w in raw]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(ws):
        if i in located:
            out.append(("in", _IN))
        people = _ethnic_latin().get(raw[i])
        if people and out and out[-1][1].startswith(("place:", _ETHNIC)):
            out.append((raw[i], people))
            i += 1
            continue
        for n in range(min(_MAX_LATIN_TERM, len(ws) - i), 0, -1):
            chunk = tuple(ws[i : i + n])
            if chunk in en:
                out.append((" ".join(raw[i : i + n]), en[chunk]))
                break
            place = _latin_place(raw[i : i + n], chunk)
            if place:
                out.append((" ".join(raw[i : i + n]), f"place:{place}"))
                break
        else:
            n = 1
            out.append((raw[i], f"word:{ws[i]}"))
        i += n
    if any(c.startswith("place:") for _w, c in out):  # Guilin FAO, CCPIT Guilin
        acronyms = _acronym_terms()
        out = [
            (w, x)
            for w, c in out
            for x in (acronyms.get(c[5:], (c,)) if c.startswith("word:") else (c,))
        ]
        out = _local_committee_latin(out)
    return tuple(out)


#: Last words of the English name of a local committee of a national body (... Guilin
#: Sub-Council, ... Guangzhou Committee), as segmented.
_LOCAL_ENDINGS: Final = (
    (("sub", "word:sub"), ("council", "council")),
    (("committee", "committee"),),
)
_NATIONAL_CONCEPTS: Final = frozenset({"china", "chinese"})


def _local_committee_latin(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The English name of a local committee of a national body as its area names it, as
    :func:`_local_committee` does for the Chinese one: China Council for the Promotion of
    International Trade Guilin Sub-Council is Guilin's Council for the Promotion of
    International Trade (桂林市贸促会), the national prefix and the ending dropped. Other
    names are returned as they are."""
    concepts = [c for _w, c in segments]
    for ending in _LOCAL_ENDINGS:
        n = len(ending)
        if len(segments) <= n + 2 or tuple(segments[-n:]) != ending:
            continue
        at = len(segments) - n - 1  # the area, before any people it names (Ningxia Hui)
        while at > 1 and concepts[at].startswith(_ETHNIC):
            at -= 1
        if concepts[0] in _NATIONAL_CONCEPTS and concepts[at].startswith("place:"):
            # the national prefix, as NATIONAL_PREFIXES: China, Chinese People's (中国人民)
            start = 2 if concepts[1] == "people" and at > 2 else 1
            return [*segments[at:-n], *segments[start:at]]
    return segments


@functools.cache
def _acronym_terms() -> dict[str, tuple[str, ...]]:
    """Acronyms of the English terms of org_terms.tsv → the terms' concepts (FAO: Foreign
    Affairs Office), also after a C for China (CCPIT: China Council for the Promotion of
    International Trade), read in a name that also names a place: the office of that place
    (Guilin FAO is 桂林市外办; CCPIT Guilin is 桂林市贸促会, as a local body's name drops
    China). Only terms of three words or more whose acronym stands for no other term and is
    neither a pinyin syllable (tao) nor a word the comparison already reads (cpc)."""
    _zh, en, legal = _term_tables()
    found: dict[str, set[str]] = defaultdict(set)
    for words, concept in en.items():
        if len(words) >= 3 and concept not in legal:
            found["".join(w[0] for w in words)].add(concept)
    syllables = rd.pinyin_inventory()
    out: dict[str, tuple[str, ...]] = {
        acronym: (next(iter(concepts)),)
        for acronym, concepts in found.items()
        if len(concepts) == 1 and acronym not in _SYNONYMS and acronym not in syllables
    }
    for acronym, concepts in list(out.items()):
        out.setdefault("c" + acronym, concepts)  # a local body's name drops China
    return out


def _latin_concepts(words: Sequence[str]) -> tuple[list[str], int]:
    segments = _latin_segments(words)
    concepts = [c for _surface, c in segments if c != _IN]
    return concepts, sum(1 for c in concepts if c.startswith("word:"))


_SYNONYMS: Final = {
    "chinese": "china", "zhongguo": "china", "provincial": "province", "sheng": "province",
    "municipal": "city", "municipality": "city", "shi": "city", "regional": "region",
    "oversea": "overseas",
    "national": "nation", "nationwide": "nation", "all": "nation", "peoples": "people",
    "cpc": "party", "ccp": "party", "roc": "taiwan",
}  # fmt: skip
#: Words of administrative level ("Province", 省, "State", 州 ...) once canonicalised.
_LEVELS: Final = frozenset(
    {"province", "city", "county", "district", "prefecture", "state", "oblast", "autonomous",
     "region"}
)  # fmt: skip
#: The Chinese levels an English name may leave out after a Chinese place (Henan OCAO,
#: Guangxi FAO for 广西壮族自治区外办).
_CHINESE_LEVELS: Final = frozenset({"province", "city", "autonomous", "region"})


def _canon(word: str) -> str:
    return _SYNONYMS.get(word) or _demonyms().get(word) or word


def _concept_words(c: str) -> list[str]:
    if c.startswith("place:"):
        return [_canon(c[6:])]
    if c.startswith(_ETHNIC):
        return [c]
    if c.startswith("word:"):
        return [_canon(c[5:])] if len(c) > 6 else []
    if c.startswith(("char:", "@")):
        return []
    return [_canon(w) for w in c.split()]


def _bag(concepts: Sequence[str]) -> set[str]:
    bag: set[str] = set()
    for c in concepts:
        bag.update(_concept_words(c))
    return bag


@attrs.frozen
class _Terms:
    """An organisation name as concepts: the bag of canonical words and what may be left out."""

    bag: frozenset[str]
    places: frozenset[str]
    #: Level words that follow (or precede) a place: Kansas 州, Jilin Province.
    levels_by_place: frozenset[str]
    #: The same, restricted to Chinese levels after a Chinese place (Henan Province).
    levels_by_chinese_place: frozenset[str]
    vocabulary: int  # terms from org_terms.tsv other than places and legal forms
    #: Where the body is: the term after 驻 or "in" (驻芝加哥, in Chicago).
    located: frozenset[str]


def _terms(marked: Sequence[str]) -> _Terms:
    """The terms of a name's concepts (cached: resolution compares one name with many)."""
    return _terms_of(tuple(marked))


def _latin_terms(words: Sequence[str]) -> _Terms:
    """The terms of an English organisation name."""
    return _terms_of(tuple(c for _s, c in _latin_segments(words)))


@functools.lru_cache(maxsize=65536)
def _terms_of(marked: tuple[str, ...]) -> _Terms:
    _zh, _en, legal = _term_tables()
    postal = _postal_latin()
    concepts = [c for c in marked if c != _IN]
    located = {
        w for before, c in itertools.pairwise(marked) if before == _IN for w in _concept_words(c)
    }
    places = [c[6:] for c in concepts if c.startswith("place:")]
    by_place: set[str] = set()
    by_chinese: set[str] = set()
    for i, c in enumerate(concepts):
        if c.startswith(("place:", "word:", "char:")):
            continue
        levels = {c} if c.startswith(_ETHNIC) else set(_concept_words(c)) & _LEVELS
        beside = [p[6:] for p in _beside(concepts, i) if p.startswith("place:")]
        if levels and beside:
            by_place |= levels
            if any(p in postal for p in beside):
                by_chinese |= levels & _CHINESE_LEVELS
    vocabulary = sum(
        1 for c in concepts if not c.startswith(("place:", "word:", "char:")) and c not in legal
    )
    return _Terms(
        frozenset(_bag(concepts)),
        frozenset(_canon(p) for p in places),
        frozenset(by_place),
        frozenset(by_chinese),
        vocabulary,
        frozenset(located),
    )


def _shown(words: Iterable[str]) -> str:
    """Terms of a bag as a reader sees them: sorted, a people by its name (ethnic:hui: Hui)."""
    return ", ".join(sorted(w.removeprefix(_ETHNIC).title() if w.startswith(_ETHNIC) else w
                            for w in words))  # fmt: skip


def _beside(concepts: Sequence[str], i: int) -> list[str]:
    """The concepts before and after ``concepts[i]``, past any people named between a place
    and its level (宁夏 回族 自治区)."""
    found = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(concepts) and concepts[j].startswith(_ETHNIC):
            j += step
        if 0 <= j < len(concepts):
            found.append(concepts[j])
    return found


def _choose(segments: Sequence[tuple[str, tuple[str, ...]]], other: frozenset[str]) -> list[str]:
    """For each Chinese term, the rendering that the English name uses (学院: college)."""
    out: list[str] = []
    for _chunk, alts in segments:
        if not alts:
            continue
        out.append(
            max(
                alts,
                key=lambda c: (len(set(_concept_words(c)) & other), -len(_concept_words(c))),
            )
        )
    return out


#: Terms that an English name of a body may leave out, as 事务 and 政府 may be left out in
#: Chinese: "Affairs" (Ministry of Foreign Affairs / Foreign Ministry) and "Work" (工作,
#: United Front Work Department / United Front Department).
_FILLER_TERMS: Final = frozenset({"affair", "work"})
#: Terms the two names must share besides: "Work Department" is not any department.
_FILLER_KEPT: Final = 2


def _left_out(
    own: _Terms, other: _Terms, *, any_level: bool, returned: bool
) -> tuple[str, ...] | None:
    """Why the terms only ``own`` has may be absent from ``other``, or None if they may not."""
    extra = own.bag - other.bag
    notes: list[str] = []
    levels = extra & _LEVELS
    peoples = {w for w in extra if w.startswith(_ETHNIC)}
    rest = extra - levels - peoples
    if returned and "returned" in rest:
        rest -= {"returned"}
        notes.append(
            "'returned' (归国) left out of one name: 归国华侨 bodies are often called "
            "just 'Overseas Chinese' in English"
        )
    fillers = rest & _FILLER_TERMS
    if fillers and len(own.bag & other.bag) >= _FILLER_KEPT:
        rest -= fillers
        notes.append(
            f"{_shown(fillers)} left out of one name: English names of government bodies "
            "often drop it (Foreign Ministry, United Front Department)"
        )
    parents = _parent_body(own, other, rest)
    if parents:
        rest -= parents
        notes.append(
            f"the body it belongs to ({', '.join(sorted(parents))}) left out: a local "
            "office is often named by its place alone (哈尔滨市外办, Harbin FAO)"
        )
    if rest:
        return None
    if levels:
        allowed = own.levels_by_place if any_level else own.levels_by_chinese_place
        if not levels <= allowed or other.bag & _LEVELS:
            return None
        notes.append(f"level ({', '.join(sorted(levels))}) of the place given on one side only")
    if peoples:
        if not peoples <= own.levels_by_place:
            return None
        notes.append(
            f"the people of the autonomous area ({_shown(peoples)}) named on one side only"
        )
    return tuple(notes)


#: Terms of the body a local office belongs to: the government or the Party committee of the
#: place ("... of the Harbin Municipal People's Government", "... Committee of the CPC").
_PARENT_BODIES: Final = frozenset({"government", "committee", "party", "communist", "cpc", "ccp"})
#: Terms that name an office of such a body.
_OFFICE_UNITS: Final = frozenset(
    {"office", "department", "bureau", "commission", "administration", "agency"}
)


def _parent_body(own: _Terms, other: _Terms, extra: frozenset[str] | set[str]) -> set[str]:
    """The terms of ``own`` naming the body its office belongs to, where ``other`` names the
    same office of the same place without any (Harbin Foreign Affairs Office / Foreign
    Affairs Office of the Harbin Municipal People's Government); else an empty set."""
    parents = set(extra & _PARENT_BODIES)
    if "communist" in parents and "china" in extra:
        parents.add("china")  # of the Communist Party of China
    if (
        not parents
        or other.bag & _PARENT_BODIES
        or not (own.places & other.places)
        or not (other.bag & _OFFICE_UNITS)
    ):
        return set()
    return parents


def _compare_terms(
    a: _Terms, b: _Terms, *, han_a: bool = False
) -> tuple[float, tuple[str, ...]] | None:
    """Equal bags (0.9), or bags equal but for what one side may leave out (0.85).

    ``han_a``: ``a`` is the Chinese side of a translation; its levels after any place and
    its 归国 "returned" may be missing from the English. Between two English names of
    an Overseas Chinese body, "returned" may be missing from either, as it may be from
    the English of the Chinese name. None when the places differ or other terms do.
    """
    if _places_differ(a, b) or _elsewhere(a, b):
        return None
    shared = _shown(a.bag & b.bag)
    if a.bag == b.bag:
        return 0.9, (shared,)
    overseas = not han_a and "overseas" in a.bag & b.bag
    notes_a = _left_out(a, b, any_level=han_a, returned=han_a or overseas)
    notes_b = _left_out(b, a, any_level=False, returned=overseas)
    if notes_a is None or notes_b is None or not (a.bag & b.bag):
        return None
    return 0.85, (shared, *notes_a, *notes_b)


def _places_differ(a: _Terms, b: _Terms) -> str:
    """The places of two names that name places but none in common (chicago / newyork), or
    ``""``."""
    if a.places and b.places and not (a.places & b.places):
        return f"{', '.join(sorted(a.places))} / {', '.join(sorted(b.places))}"
    return ""


def _elsewhere(a: _Terms, b: _Terms) -> str:
    """Why the two bodies are in different places (驻华 / in the United States), or ``""``."""
    if a.located and b.located and not (a.located & b.located):
        here, there = ", ".join(sorted(a.located)), ", ".join(sorted(b.located))
        return f"located in different places ({here} / {there})"
    return ""


def _han_forms(han: str) -> list[tuple[str, tuple[str, ...]]]:
    forms: list[tuple[str, tuple[str, ...]]] = [(han, ())]
    short, notes = _han_canonical(han)
    if short != han:
        forms.append((short, notes))
    return forms


def _translation_match(han: str, words: Sequence[str]) -> tuple[float, tuple[str, ...]]:
    """Compare a Chinese name with an English one through the terms of org_terms.tsv."""
    latin = _latin_terms(words)
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for text, notes in _han_forms(_strip_han_legal(han)):
        segments = _han_segments(text)
        if any(alts and alts[0].startswith("char:") for _c, alts in segments):
            continue
        chinese = _terms(_choose(segments, latin.bag))
        found = _translation_score(chinese, latin, notes)
        if found[0] > best[0]:
            best = found
    return best


def _translation_score(
    chinese: _Terms, latin: _Terms, notes: tuple[str, ...]
) -> tuple[float, tuple[str, ...]]:
    sa, sb = chinese.bag, latin.bag
    if not sa or not sb:
        return 0.0, ()
    jaccard = len(sa & sb) / len(sa | sb)
    places = _places_differ(chinese, latin)
    if places:
        return jaccard * 0.5, (f"translation names different places ({places})",)
    elsewhere = _elsewhere(chinese, latin)
    if elsewhere:
        return jaccard * 0.5, (f"translation: {elsewhere}",)
    same = _compare_terms(chinese, latin, han_a=True)
    if same is not None:
        score, (shared, *why) = same
        return score, (f"same terms in translation ({shared})", *why, *notes)
    if jaccard >= 0.8:
        return 0.8 + 0.1 * jaccard, (f"same terms in translation ({_shown(sa & sb)})",)
    return jaccard * 0.7, (f"translation terms overlap {jaccard:.2f}",)


@functools.lru_cache(maxsize=65536)
def _han_word_parts(han: str) -> tuple[Part, ...]:
    """The parts of a Chinese organisation name (or of one of its ``han_cores``), read once
    per name rather than once per pair compared."""
    from sistercity_provenance.names._parse import _han_parts  # noqa: PLC0415

    return tuple(_han_parts(han, NameKind.ORGANIZATION))


@functools.lru_cache(maxsize=65536)
def han_reading(han: str) -> tuple[str, ...]:
    """The usual reading of each character of a Chinese organisation name, or ``()`` when a
    character has none."""
    units = [u for p in _han_word_parts(han) for u in p.segmentations[0]]
    return tuple(u.primary for u in units) if all(u.primary for u in units) else ()


def read_romanized(words: Sequence[str], *, initials: bool = True) -> list[Part]:
    """``words`` read as romanized Chinese with one consistent system, or ``[]`` when a
    word does not read so (Li-Ning Company Limited)."""
    from sistercity_provenance.names._parse import _roman_core  # noqa: PLC0415

    parts = _roman_core(words, initials=initials)
    if parts and all(any(u.readings for s in p.segmentations for u in s) for p in parts):
        return parts
    return []


def romanized_readings(
    words: Sequence[str], *, initials: bool = True
) -> list[tuple[list[Part], str]]:
    """A Latin organisation name read as romanized Chinese (:func:`read_romanized`), as
    written and, when legal forms end or start it, without them (Li-Ning Company Limited
    reads as li ning), each reading with a note of what was set aside; readings that fail
    are left out."""
    stem, legal = latin_stem(words)
    found = [(read_romanized(words, initials=initials), "")]
    if legal:
        note = f"legal form '{' '.join(legal)}' set aside"
        found.append((read_romanized(stem, initials=initials), note))
    return [(parts, note) for parts, note in found if parts]


def latin_stem(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """The words of a Latin organisation name without the legal forms at its ends, and
    those forms' words (Li-Ning Company Limited → Li-Ning; Company, Limited)."""
    folded = [re.sub(r"[^a-z0-9]+", "", fold_latin(w)) for w in words]
    start, end, _legal = legal_bounds(folded)
    return list(words[start:end]), [*words[:start], *words[end:]]


#: Factor on a reading match that holds only once a place or national prefix is left out of
#: the Chinese name (Wanda Group / 大连万达集团): likely the same body, less sure.
_PREFIX_LEFT_OUT: Final = 0.9


def _pinyin_match(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """The Latin name read as the pinyin of the Chinese one, legal forms set aside on
    either side (李宁有限公司 / Li-Ning Company Limited), and the Chinese name also
    without a place or national prefix (大连万达集团 / Wanda Group)."""
    from sistercity_provenance.names._compare import _compare_parts  # noqa: PLC0415

    han, latin = (a, b) if a.han else (b, a)
    cores = han_cores(han.han)
    full = cores[0]
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for roman, note in romanized_readings([w for w in latin.normalized.split() if w]):
        for core in cores:
            m = _compare_parts(_han_word_parts(core), tuple(roman), in_order=True)
            score, notes = m.score, [note] if note else []
            if core != full:
                score *= _PREFIX_LEFT_OUT
                notes.append(f"{full[: len(full) - len(core)]} left out of the Chinese name")
            if score > best[0]:
                best = (score, (*m.steps, "read as pinyin of the Chinese name", *notes))
    return best


#: The part of a name that the mixed reading (:func:`_mixed_match`) takes as the romanized
#: proper name is at most this many words or characters.
_MAX_PROPER: Final = 4


@attrs.frozen
class LatinSplit:
    """A Latin organisation name read as a romanized proper name (``proper``, as written,
    read as ``parts``) followed by words that all translate (their ``concepts``, in order,
    and their ``terms``)."""

    proper: str
    parts: tuple[Part, ...]
    terms: _Terms
    concepts: tuple[str, ...]


@attrs.frozen
class HanSplit:
    """A Chinese organisation name read as a proper name (``proper``, read as ``parts``)
    followed by terms that all translate (``segments``); ``known`` when the proper name is
    itself a known term or place (人民, 北京)."""

    proper: str
    parts: tuple[Part, ...]
    segments: tuple[tuple[str, tuple[str, ...]], ...]
    known: bool


@functools.lru_cache(maxsize=16384)
def mixed_latin_splits(normalized: str) -> tuple[LatinSplit, ...]:
    """Ways to read a Latin organisation name (normalized) as a romanized proper name of up
    to four words followed by words that all translate (Nankai | University, Huawei |
    Technologies). Legal forms are set aside first."""
    from sistercity_provenance.names._parse import _TOKEN  # noqa: PLC0415

    stem, _legal = latin_stem(_TOKEN.findall(normalized))
    words = [re.sub(r"[^a-z0-9]+", "", fold_latin(w)) for w in stem]
    found = []
    for j in range(1, min(_MAX_PROPER, len(stem) - 1) + 1):
        concepts, unknown = _latin_concepts(words[j:])
        if unknown or not concepts:
            continue
        roman = read_romanized(stem[:j], initials=False)
        if roman:
            proper, rest = " ".join(stem[:j]), words[j:]
            found.append(LatinSplit(proper, tuple(roman), _latin_terms(rest), tuple(concepts)))
    return tuple(found)


@functools.lru_cache(maxsize=16384)
def mixed_han_splits(han: str) -> tuple[HanSplit, ...]:
    """Ways to read a Chinese organisation name as a proper name of two to four characters
    followed by terms that all translate (南开 | 大学, 华为 | 技术). Legal forms are set
    aside first."""
    text = _strip_han_legal(han)
    found = []
    for k in range(2, min(_MAX_PROPER, len(text) - 1) + 1):
        segments = _han_segments(text[k:])
        if any(alts and alts[0].startswith("char:") for _c, alts in segments):
            continue
        if any(alts for _c, alts in segments):
            proper = text[:k]
            known = not any(alts[:1] == (f"char:{c}",) for c, alts in _han_segments(proper))
            found.append(HanSplit(proper, _han_word_parts(proper), segments, known))
    return tuple(found)


def _mixed_match(han: str, latin: ParsedName) -> tuple[float, tuple[str, ...]]:
    """A Chinese organisation name against an English one that romanizes its proper name
    and translates the rest (南开大学 / Nankai University, 华为技术有限公司 / Huawei
    Technologies): the proper names must read alike and the rest must translate. The
    score is the lower of the two."""
    from sistercity_provenance.names._compare import THRESHOLD, _compare_parts  # noqa: PLC0415

    han_splits = mixed_han_splits(han)
    if not han_splits:
        return 0.0, ()
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for lat in mixed_latin_splits(latin.normalized):
        for chinese in han_splits:
            m = _compare_parts(chinese.parts, lat.parts, in_order=True)
            if m.score < THRESHOLD or m.score <= best[0]:
                continue
            terms = _terms(_choose(chinese.segments, lat.terms.bag))
            score, why = _translation_score(terms, lat.terms, ())
            score = min(m.score, score)
            if score >= THRESHOLD_ORG and score > best[0]:
                proper = f"{lat.proper} read as the romanized proper name {chinese.proper}"
                best = (score, (*m.steps, proper, *why))
    return best


@functools.lru_cache(maxsize=65536)
def _han_of(text: str) -> str:
    """The Han characters of a name, simplified (once per name)."""
    return "".join(c for c in rd.to_simplified(text) if is_han(c))


def compare_organizations(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """Score two organisation names; the second element explains the score."""
    ha, hb = _han_of(a.normalized), _han_of(b.normalized)
    if ha and hb:
        return _compare_han(ha, hb)
    acro_a, acro_b = _is_acronym(a), _is_acronym(b)
    if acro_a and acro_b:
        if a.words == b.words:
            return 1.0, ("same acronym",)
        return 0.0, (f"different acronyms {a.normalized} / {b.normalized}",)
    if acro_a != acro_b and not (ha or hb):
        acro, full = (a, b) if acro_a else (b, a)
        letters = acro.words[0]
        if letters in _initials_forms(full.words):
            return 0.9, (f"{acro.normalized} is the acronym of {full.normalized}",)
        score, why = latin_similarity(
            latin_tokens(a.normalized), latin_tokens(b.normalized), organization=True
        )
        if score >= 0.8:
            return score, (why,)
        return 0.1, (f"{acro.normalized} is not the acronym of {full.normalized}",)
    if ha or hb:
        han = ha or hb
        latin = b if ha else a
        if _is_acronym(latin):
            return _acronym_of_han(latin, han)
        translated = _translation_match(han, latin.words)
        pin = _pinyin_match(a, b)
        read = max(translated, pin)
        if read[0] < THRESHOLD_ORG:
            mixed = _mixed_match(han, latin)
            if mixed[0] > read[0]:
                return mixed
        return read
    score, why = latin_similarity(
        latin_tokens(a.normalized), latin_tokens(b.normalized), organization=True
    )
    best: tuple[float, tuple[str, ...]] = (score, (why,))
    if score < SAME_WORDS:
        roman = _romanized_match(a, b)
        if roman[1] and score >= THRESHOLD_ORG and roman[0] < THRESHOLD_ORG:
            # Both read as romanized Chinese: a letter changes the syllable, so the
            # readings decide, not a near spelling (Qiaoban 侨办 is not Qiaolian 侨联)
            best = (min(score, _NEAR_ROMANIZED), (why, *roman[1]))
        elif roman[0] > score:
            best = roman
    if best[0] < THRESHOLD_ORG:
        terms = _latin_terms_match(a, b)
        if terms[0] > best[0]:
            best = terms
    if best[0] < THRESHOLD_ORG:
        parent = _without_parent_match(a, b)
        if parent[0] > best[0]:
            best = parent
    if best[0] >= THRESHOLD_ORG:
        where = _places_differ(_latin_terms(a.words), _latin_terms(b.words))
        if not where:
            where = _known_places_differ(a, b)
        if where:
            return 0.5, (f"different places ({where})", *best[1])
    return best


#: Score of an acronym that is the initials of a Chinese name's terms in English
#: (:func:`han_acronyms`): a hint, below the threshold. As a decision it made ten wrong
#: pairs of the alias table's bodies and no right one (benchmarks/table_pairs.py): CPPCC is
#: the initials of 中国民间商会 read as China People's Private Chamber of Commerce, PLAN of
#: 解放军报 read as PLA Newspaper.
_TRANSLATED_ACRONYM: Final = 0.6


def _acronym_of_han(acronym: ParsedName, han: str) -> tuple[float, tuple[str, ...]]:
    """An acronym against a Chinese name, through the English of the name's terms."""
    letters = acronym.words[0] if acronym.words else ""
    if letters not in han_acronyms(han):
        return 0.0, (f"{acronym.normalized} is not the initials of {han} in translation",)
    why = (
        f"{acronym.normalized} is the initials of {han} in translation (terms of "
        "org_terms.tsv): a hint, as many bodies share initials"
    )
    return _TRANSLATED_ACRONYM, (why,)


def _without_parent_match(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """Two Latin names of a body, one with a closing "of" phrase naming the body it belongs
    to (United Front Work Department of the CPC Central Committee / United Front
    Department), compared without it, at most 0.88; ``(0, ())`` when neither has one."""
    from sistercity_provenance.names._parse import parse  # noqa: PLC0415

    for x, y in ((a, b), (b, a)):
        head = without_parent_phrase(x.normalized)
        if head and not without_parent_phrase(y.normalized):
            score, why = compare_organizations(parse(head, NameKind.ORGANIZATION), y)
            if score >= THRESHOLD_ORG:
                left = x.normalized[len(head) :].strip()
                return min(score, 0.9) - 0.02, (*why, f"'{left}' (the body it belongs to) left out")
    return 0.0, ()


def _known_places_differ(a: ParsedName, b: ParsedName) -> str:
    """The places of two Latin names when the tables know a place in each and none in both
    (Shanxi 山西 / Shaanxi 陕西, which read alike), or ``""``."""
    pa, pb = known_places(tuple(a.words)), known_places(tuple(b.words))
    if pa and pb and not (pa & pb) and not any(same_country(x, y) for x in pa for y in pb):
        return f"{'/'.join(sorted(pa))} / {'/'.join(sorted(pb))}, by the tables"
    return ""


THRESHOLD_ORG: Final = 0.8
#: Score of two romanized Chinese names spelled alike but read differently.
_NEAR_ROMANIZED: Final = 0.5


def _romanized_match(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """Two romanizations of one Chinese name (Renmin Ribao / Jen-min Jih-pao)."""
    from sistercity_provenance.names._compare import _compare_parts  # noqa: PLC0415

    ra = read_romanized(a.normalized.split(), initials=False)
    rb = read_romanized(b.normalized.split(), initials=False)
    if not (ra and rb):
        return 0.0, ()
    m = _compare_parts(tuple(ra), tuple(rb), in_order=True)
    if m.score < THRESHOLD_ORG:
        return m.score, (*m.steps, "read as romanized Chinese names, they differ")
    return m.score, (*m.steps, "both read as romanizations of one Chinese name")


#: Capitals each followed by a full stop, written as an acronym (U.S., P.R.C.).
_DOTTED_ACRONYM: Final = re.compile(r"\b(?:[A-Z]\.){2,}")


def _written_tokens(p: ParsedName) -> list[str]:
    """Words as written (case kept), possessive 's dropped (Henan's → Henan), an acronym
    written with full stops as one word (U.S. → US)."""
    text = re.sub(r"(?<=\w)'s\b", "", p.normalized, flags=re.IGNORECASE).replace("'", "")
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", "") + " ", text)
    return re.findall(r"[^\W_]+", text)


def _expand_acronyms(tokens: Sequence[str], other: Sequence[str]) -> tuple[list[str], list[str]]:
    """Replace an all-capitals word that is the initials of a run of words of the other name.

    Henan OCAO against Henan's Overseas Chinese Affairs Office reads as Henan Overseas
    Chinese Affairs Office; the words an acronym skips (``_STOPWORDS``: of, the, for, with
    ...) are skipped in the run, as :func:`_initials_forms` skips them.  A name written
    all in capitals says nothing about which word is an acronym and is left alone.
    """
    folded = [fold_latin(t) for t in tokens]
    other_folded = [fold_latin(t) for t in other]
    content = [w for w in other_folded if w and w not in _STOPWORDS]
    letters = [t for t in tokens if t.isalpha()]
    all_caps = len(letters) > 1 and all(t.isupper() for t in letters)
    words: list[str] = []
    notes: list[str] = []
    for token, word in zip(tokens, folded, strict=True):
        size = len(word)
        if (
            all_caps
            or not (token.isascii() and token.isalpha() and token.isupper() and 2 <= size <= 10)
            or word in other_folded
            or (word,) in _legal_forms()
        ):
            words.append(word)
            continue
        run = next(
            (
                content[i : i + size]
                for i in range(len(content) - size + 1)
                if "".join(w[0] for w in content[i : i + size]) == word
            ),
            None,
        )
        if run is None:
            words.append(word)
            continue
        words += run
        notes.append(
            f"{token} is the acronym of {' '.join(run)} in the other name "
            "(initials, of/the/for/with ... skipped)"
        )
    return words, notes


def _renderings(words: Sequence[str]) -> list[str]:
    """English terms that compare as another (municipal people's government → ... government)."""
    out = []
    for surface, concept in _latin_segments(words):
        if concept.startswith(("place:", "word:", _ETHNIC)) or (
            _singular_words(surface) == concept.split()
        ):
            continue
        out.append(f"'{surface}' compares as '{concept}'")
    return out


def _latin_terms_match(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """Two English names of one body: acronyms inside a name, then terms in any order.

    Terms come from org_terms.tsv and the place tables (Chinese ≡ China ≡ People's Republic
    of China; People's Government ≡ Government); a level after a Chinese place (Province,
    Municipal) may be missing on one side.  Both names must hold organisation vocabulary.
    """
    ta, tb = _written_tokens(a), _written_tokens(b)
    words_a, notes_a = _expand_acronyms(ta, tb)
    words_b, notes_b = _expand_acronyms(tb, ta)
    notes = (*notes_a, *notes_b)
    if notes:
        score, why = latin_similarity(
            latin_tokens(" ".join(words_a)), latin_tokens(" ".join(words_b)), organization=True
        )
        if score >= THRESHOLD_ORG:
            return min(score, 0.9), (*notes, why)
    terms_a, terms_b = _latin_terms(words_a), _latin_terms(words_b)
    if not (terms_a.vocabulary and terms_b.vocabulary):
        return 0.0, ()
    found = _compare_terms(terms_a, terms_b)
    if found is None:
        return 0.0, ()
    score, (shared, *reasons) = found
    renderings = dict.fromkeys((*_renderings(words_a), *_renderings(words_b)))
    return score - 0.02, (*notes, f"same terms in any order ({shared})", *renderings, *reasons)
