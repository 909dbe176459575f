"""Comparing organisation names: acronyms, Chinese abbreviations, legal forms, translations."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

from sistercity_provenance.names import _readings as rd
from sistercity_provenance.names._latin import _split_legal, latin_similarity, latin_tokens
from sistercity_provenance.names._model import ParsedName
from sistercity_provenance.names._tables import read_tsv
from sistercity_provenance.names._text import fold_latin, is_han

__all__ = ["compare_organizations"]

_STOPWORDS: Final = frozenset({"of", "the", "for", "and", "with", "in", "on", "at", "to", "&"})
_HAN_LEGAL: Final = ("股份有限公司", "有限责任公司", "有限公司", "控股", "集团", "公司")


@functools.cache
def _org_terms() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """Chinese term → concept and English term (words) → concept, from org_terms.tsv."""
    zh: dict[str, str] = {}
    en: dict[tuple[str, ...], str] = {}
    for row in read_tsv("org_terms.tsv"):
        concept = _singular_words(row["en"].split("/")[0])
        if not concept:
            continue
        key = " ".join(concept)
        for alt in row["en"].split("/"):
            words = tuple(_singular_words(alt))
            if words:
                en.setdefault(words, key)
        for cell in (row["zh_simplified"], row["zh_traditional"]):
            for raw in re.split(r"[/|,]", cell):
                term = rd.to_simplified(raw.strip())
                if term:
                    zh.setdefault(term, key)
    return zh, en


def _singular_words(text: str) -> list[str]:
    words = []
    for raw in re.findall(r"[\w]+", fold_latin(text).replace("'s", "")):
        if raw in _STOPWORDS:
            continue
        word = raw
        if len(raw) > 3 and raw.endswith("ies"):
            word = raw[:-3] + "y"
        elif len(raw) > 3 and raw.endswith("s") and not raw.endswith("ss"):
            word = raw[:-1]
        words.append(word)
    return words


def _is_acronym(p: ParsedName) -> bool:
    text = p.normalized.replace(".", "").replace("&", "")
    return (len(p.words) == 1 and text.isupper() and text.isascii() and 2 <= len(text) <= 10) or (
        len(p.words) == 1 and "." in p.normalized and len(p.words[0]) <= 8
    )


def _initials_forms(words: Sequence[str]) -> set[str]:
    content, _legal = _split_legal(list(words))
    with_stop = "".join(w[0] for w in words if w)
    without = "".join(w[0] for w in words if w and w not in _STOPWORDS)
    without_legal = "".join(w[0] for w in content if w and w not in _STOPWORDS)
    return {with_stop, without, without_legal}


def _strip_han_legal(text: str) -> str:
    for suffix in _HAN_LEGAL:
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return text


_NATIONAL_PREFIXES: Final = ("中华人民共和国", "中国人民", "中国", "中华", "全国", "国家")
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
        for cell in (row["zh_simplified"], row["zh_traditional"]):
            for raw in re.split(r"[/|,]", cell):
                term = rd.to_simplified(raw.strip())
                if len(term) == 2 and term not in ("人民", "中国", "中华", "全国", "国家"):
                    terms.add(term)
    return frozenset(terms)


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
    zh, _en = _org_terms()
    prefix = _common_prefix(short, long_)
    candidates: list[tuple[str, str]] = []
    if prefix:
        candidates.append((short[prefix:], long_[prefix:]))
    candidates.append((short, long_))
    candidates += [
        (short, long_[len(p) :]) for p in _NATIONAL_PREFIXES if long_.startswith(p) and p != long_
    ]
    for rest, target in candidates:
        if not rest or len(rest) > _ABBREVIATION_MAX or not target:
            continue
        if rest is short and target[0] != short[0]:
            continue
        gaps = _subsequence_gaps(rest, target)
        if gaps is None:
            continue
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


def _compare_han(a: str, b: str) -> tuple[float, tuple[str, ...]]:
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


def _han_concepts(text: str) -> tuple[list[str], int]:
    """Greedy longest-match translation of a Chinese organisation name into concepts."""
    zh, _en = _org_terms()
    places = _place_han()
    concepts: list[str] = []
    unknown = 0
    i = 0
    while i < len(text):
        for n in range(min(8, len(text) - i), 0, -1):
            chunk = text[i : i + n]
            if chunk in places and n >= 2:
                concepts.append(f"place:{places[chunk]}")
                break
            if chunk in zh:
                concepts.append(zh[chunk])
                break
        else:
            n = 1
            unknown += 1
            concepts.append(f"char:{text[i]}")
        i += n
    return concepts, unknown


@functools.cache
def _place_han() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("postal.tsv"):
        out.setdefault(rd.to_simplified(row["simplified"]), row["pinyin"].replace(" ", ""))
    return out


@functools.cache
def _place_latin() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("postal.tsv"):
        pinyin = row["pinyin"].replace(" ", "")
        out.setdefault(pinyin, pinyin)
        for spelling in row["spellings"].split("|"):
            key = re.sub(r"[^a-z]", "", fold_latin(spelling))
            if key:
                out.setdefault(key, pinyin)
    return out


def _latin_concepts(words: Sequence[str]) -> tuple[list[str], int]:
    _zh, en = _org_terms()
    places = _place_latin()
    ws = _singular_words(" ".join(words))
    concepts: list[str] = []
    unknown = 0
    i = 0
    while i < len(ws):
        for n in range(min(5, len(ws) - i), 0, -1):
            chunk = tuple(ws[i : i + n])
            if chunk in en:
                concepts.append(en[chunk])
                break
            joined = "".join(chunk)
            if joined in places:
                concepts.append(f"place:{places[joined]}")
                break
        else:
            n = 1
            unknown += 1
            concepts.append(f"word:{ws[i]}")
        i += n
    return concepts, unknown


_SYNONYMS: Final = {
    "chinese": "china", "zhongguo": "china", "provincial": "province", "sheng": "province",
    "municipal": "city", "municipality": "city", "shi": "city", "oversea": "overseas",
    "national": "nation", "nationwide": "nation", "all": "nation", "peoples": "people",
}  # fmt: skip


def _canon(word: str) -> str:
    return _SYNONYMS.get(word, word)


def _bag(concepts: Sequence[str]) -> set[str]:
    bag: set[str] = set()
    for c in concepts:
        if c.startswith("place:"):
            bag.add(_canon(c[6:]))
        elif not c.startswith("word:"):
            bag.update(_canon(w) for w in c.split())
        elif len(c) > 6:
            bag.add(_canon(c[5:]))
    return bag


def _translation_match(han: str, words: Sequence[str]) -> tuple[float, tuple[str, ...]]:
    """Compare a Chinese name with an English one through the terms of org_terms.tsv."""
    hc, unknown = _han_concepts(_strip_han_legal(han))
    lc, _lu = _latin_concepts(words)
    if not hc or not lc or unknown:
        return 0.0, ()
    sa, sb = _bag(hc), _bag(lc)
    if not sa or not sb:
        return 0.0, ()
    jaccard = len(sa & sb) / len(sa | sb)
    if jaccard >= 0.8:
        return 0.8 + 0.1 * jaccard, (f"same terms in translation ({', '.join(sorted(sa & sb))})",)
    return jaccard * 0.7, (f"translation terms overlap {jaccard:.2f}",)


def _pinyin_match(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    from sistercity_provenance.names._compare import _compare_parts  # noqa: PLC0415
    from sistercity_provenance.names._parse import _han_parts, _roman_core  # noqa: PLC0415

    han, latin = (a, b) if a.han else (b, a)
    words = [w for w in latin.normalized.split() if w]
    roman = _roman_core(words)
    if not roman or not all(any(u.readings for s in p.segmentations for u in s) for p in roman):
        return 0.0, ()
    m = _compare_parts(_han_parts(_strip_han_legal(han.han), han.kind), roman)
    return m.score, (*m.steps, "read as pinyin of the Chinese name")


def compare_organizations(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """Score two organisation names; the second element explains the score."""
    ha = "".join(c for c in rd.to_simplified(a.normalized) if is_han(c))
    hb = "".join(c for c in rd.to_simplified(b.normalized) if is_han(c))
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
            return 0.0, ("acronym against a Chinese name: no table links them",)
        best = _translation_match(han, latin.words)
        pin = _pinyin_match(a, b)
        return max(best, pin)
    score, why = latin_similarity(
        latin_tokens(a.normalized), latin_tokens(b.normalized), organization=True
    )
    if score < THRESHOLD_ORG:
        roman = _romanized_match(a, b)
        if roman[0] > score:
            return roman
    return score, (why,)


THRESHOLD_ORG: Final = 0.8


def _romanized_match(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """Two romanizations of one Chinese name (Renmin Ribao / Jen-min Jih-pao)."""
    from sistercity_provenance.names._compare import _compare_parts  # noqa: PLC0415
    from sistercity_provenance.names._parse import _roman_core  # noqa: PLC0415

    ra = _roman_core(a.normalized.split(), initials=False)
    rb = _roman_core(b.normalized.split(), initials=False)
    for parts in (ra, rb):
        if not parts or not all(any(u.readings for s in p.segmentations for u in s) for p in parts):
            return 0.0, ()
    m = _compare_parts(ra, rb)
    return m.score, (*m.steps, "both read as romanizations of one Chinese name")
